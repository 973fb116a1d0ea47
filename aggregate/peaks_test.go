package aggregate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

func TestFindPeaksEWMA(t *testing.T) {
	s := make([]float64, 60)
	for i := range s {
		s[i] = 10 + float64(i%3) // 10, 11, 12, ...
	}
	copy(s[30:], []float64{25, 40, 30, 18, 11})
	got, err := FindPeaks(s, nil)
	require.NoError(t, err)
	require.Len(t, got, 1)
	p := got[0]
	assert.Equal(t, 30, p.Start)
	assert.Equal(t, 31, p.Peak)
	assert.Equal(t, 33, p.End)
	assert.Equal(t, 40.0, p.Count)
	assert.InDelta(t, 11, p.Baseline, 0.5)
	assert.Greater(t, p.Score, 5.0)
	assert.False(t, p.Open)

	// open at the end; MinCount blocks small series
	got, _ = FindPeaks(s[:32], nil)
	require.Len(t, got, 1)
	assert.True(t, got[0].Open)
	assert.Equal(t, 31, got[0].End)
	small := []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0}
	got, _ = FindPeaks(small, nil)
	assert.Empty(t, got)
	got, _ = FindPeaks(small, &PeakOptions{MinCount: -1})
	assert.Len(t, got, 1)

	_, err = FindPeaks(s, &PeakOptions{Alpha: 2})
	assert.ErrorIs(t, err, ErrPeakOptions)
	_, err = FindPeaks(s, &PeakOptions{Mode: 7})
	assert.ErrorIs(t, err, ErrPeakOptions)
}

func TestFindPeaksTwoPeaksSplit(t *testing.T) {
	s := make([]float64, 40)
	for i := range s {
		s[i] = 10
	}
	// rise, fall part-way, rise again sharply: TwitInfo splits the windows
	copy(s[20:], []float64{30, 60, 40, 35, 120, 60, 20, 10})
	got, _ := FindPeaks(s, nil)
	require.Len(t, got, 2)
	assert.Equal(t, [3]int{20, 21, 23}, [3]int{got[0].Start, got[0].Peak, got[0].End})
	assert.Equal(t, 24, got[1].Start)
}

// daily returns hourly Poisson counts with a daily cycle.
func daily(days int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	s := make([]float64, days*24)
	for i := range s {
		h := i % 24
		mean := 5 + 45*math.Max(0, math.Sin(math.Pi*float64(h-6)/16)) // quiet nights, busy days
		// Poisson by inversion
		k, p, u := 0, math.Exp(-mean), r.Float64()
		for c := p; u > c && k < 1000; c += p {
			k++
			p *= mean / float64(k)
		}
		s[i] = float64(k)
	}
	return s
}

func TestFindPeaksSeasonal(t *testing.T) {
	s := daily(21, 3)
	s[15*24+3] += 60 // 03:00 on day 15: a night-time event
	seasonal, err := FindPeaks(s, &PeakOptions{Mode: PeakSeasonal})
	require.NoError(t, err)
	found := slices.ContainsFunc(seasonal, func(p SeriesPeak) bool { return p.Peak == 15*24+3 })
	assert.True(t, found, "%+v", seasonal)
	ewma, _ := FindPeaks(s, nil)
	assert.Less(t, len(seasonal), len(ewma), "EWMA fires on the daily rise")
}

var pkT0 = time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC) // a Monday

func pkObs(author string, at time.Time, area string, terms ...string) Observation {
	return Observation{Time: at, Author: author, Terms: terms,
		Areas: []AreaRef{{Area: geo.AreaID(area), Level: geo.LevelMunicipality, Role: geo.RoleAbout}}}
}

// pkStream: two areas over three days, 10–14 posts an hour each; in
// GM0363 on day 3 at 14:00–15:59 an event with 60 extra posts about
// "brand" and "rook".
func pkStream(seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 2))
	var obs []Observation
	for h := 0; h < 72; h++ {
		for _, area := range []string{"GM0363", "GM0599"} {
			n := 10 + r.IntN(5)
			for i := 0; i < n; i++ {
				at := pkT0.Add(time.Duration(h)*time.Hour + time.Duration(r.IntN(3600))*time.Second)
				obs = append(obs, pkObs(fmt.Sprint("u", r.IntN(200)), at, area, "verkeer", fmt.Sprint("w", r.IntN(20))))
			}
		}
		if h == 62 || h == 63 {
			for i := 0; i < 30; i++ {
				at := pkT0.Add(time.Duration(h)*time.Hour + time.Duration(r.IntN(3600))*time.Second)
				o := pkObs(fmt.Sprint("e", i+30*(h-62)), at, "GM0363", "brand", "rook", "verkeer")
				o.Profiles = []ProfileMatch{{ID: "incident"}}
				obs = append(obs, o)
			}
		}
	}
	return obs
}

func pkBytes(t testing.TB, d *PeakDetector) []byte {
	t.Helper()
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	return b
}

func TestPeakDetectorEvents(t *testing.T) {
	d, err := NewPeakDetector(nil)
	require.NoError(t, err)
	obs := pkStream(1)
	for _, o := range obs {
		d.Add(o)
	}
	var got []Event
	for e := range d.Events(nil) {
		if e.Profile == "" {
			got = append(got, e)
		}
	}
	require.Len(t, got, 1, "%+v", got)
	e := got[0]
	assert.Equal(t, geo.AreaID("GM0363"), e.Area)
	assert.Equal(t, pkT0.Add(62*time.Hour), e.Start)
	assert.True(t, !e.End.Before(pkT0.Add(64*time.Hour)) && !e.End.After(pkT0.Add(65*time.Hour)), "end %v", e.End)
	assert.Equal(t, []string{"brand", "rook"}, e.Terms)
	assert.Greater(t, e.Count, 35.0)
	assert.InDelta(t, 12, e.Baseline, 3)
	assert.Greater(t, e.Authors, int64(60))
	assert.False(t, e.Open)

	// Flushing in steps gives the same events, and Events does not change
	// the detector.
	before := pkBytes(t, d)
	_ = slices.Collect(d.Events(nil))
	assert.Equal(t, before, pkBytes(t, d))
	f, _ := NewPeakDetector(nil)
	for i, o := range obs {
		f.Add(o)
		if i%500 == 0 {
			f.Flush(o.Time.Add(-time.Hour))
		}
	}
	assert.Equal(t, fmt.Sprint(slices.Collect(d.Events(nil))), fmt.Sprint(slices.Collect(f.Events(nil))))
	f.Flush(pkT0.Add(72 * time.Hour))
	assert.Equal(t, fmt.Sprint(slices.Collect(d.Events(nil))), fmt.Sprint(slices.Collect(f.Events(nil))))
	// Flushed buckets were dropped.
	for _, s := range f.series {
		assert.LessOrEqual(t, len(s.buckets), 24)
	}
	// Late observations are counted, not added.
	f.Add(obs[0])
	assert.Equal(t, int64(1), f.Late())

	// round trip after flushing
	var back PeakDetector
	require.NoError(t, back.UnmarshalBinary(pkBytes(t, f)))
	assert.Equal(t, pkBytes(t, f), pkBytes(t, &back))
	assert.Equal(t, fmt.Sprint(slices.Collect(f.Events(nil))), fmt.Sprint(slices.Collect(back.Events(nil))))

	// A flushed detector merged into a fresh one carries its state and events.
	g, _ := NewPeakDetector(nil)
	require.NoError(t, g.Merge(f))
	assert.Equal(t, fmt.Sprint(slices.Collect(f.Events(nil))), fmt.Sprint(slices.Collect(g.Events(nil))))
}

func TestPeakDetectorSuppressionAndAuthors(t *testing.T) {
	d, _ := NewPeakDetector(&PeakOptions{Profiles: []string{}})
	for h := 0; h < 24; h++ {
		for i := 0; i < 10; i++ {
			d.Add(pkObs(fmt.Sprint("u", i), pkT0.Add(time.Duration(h)*time.Hour), "GM0001", "x"))
		}
	}
	for i := 0; i < 50; i++ { // one spammer
		d.Add(pkObs("spam", pkT0.Add(24*time.Hour), "GM0001", "koop"))
	}
	evs := slices.Collect(d.Events(nil))
	require.Len(t, evs, 1)
	assert.True(t, evs[0].Suppressed, "one author")
	assert.Zero(t, evs[0].Count)
	evs = slices.Collect(d.Events(&Policy{K: 1, UnsafeSmallK: true}))
	require.Len(t, evs, 1)
	assert.False(t, evs[0].Suppressed)
	assert.Equal(t, 50.0, evs[0].Count)
	assert.Empty(t, evs[0].Terms, "koop: one author")

	// Counting authors instead of posts: the spammer makes no peak.
	a, _ := NewPeakDetector(&PeakOptions{CountAuthors: true})
	for h := 0; h < 24; h++ {
		for i := 0; i < 10; i++ {
			a.Add(pkObs(fmt.Sprint("u", i), pkT0.Add(time.Duration(h)*time.Hour), "GM0001", "x"))
		}
	}
	for i := 0; i < 50; i++ {
		a.Add(pkObs("spam", pkT0.Add(24*time.Hour), "GM0001", "koop"))
	}
	assert.Empty(t, slices.Collect(a.Events(nil)))
}

func TestPeakDetectorSeasonalSlots(t *testing.T) {
	d, _ := NewPeakDetector(&PeakOptions{Mode: PeakSeasonal, Period: 168})
	// Monday 00:00 Amsterdam (CEST, UTC+2) is Sunday 22:00 UTC.
	assert.Equal(t, 0, d.slot(d.bucketOf(pkT0.Add(-2*time.Hour))))
	assert.Equal(t, 2, d.slot(d.bucketOf(pkT0)))
	w, _ := NewPeakDetector(&PeakOptions{Mode: PeakSeasonal, Bucket: Day})
	assert.Equal(t, 0, w.slot(w.bucketOf(pkT0.Add(12*time.Hour))), "Monday")
	assert.Equal(t, 6, w.slot(w.bucketOf(pkT0.Add(-12*time.Hour))), "Sunday")
	h, _ := NewPeakDetector(&PeakOptions{Mode: PeakSeasonal})
	// DST: 14:00 local is slot 14 in winter and summer
	winter := time.Date(2026, 1, 5, 14, 0, 0, 0, peakZone())
	summer := time.Date(2026, 7, 6, 14, 0, 0, 0, peakZone())
	assert.Equal(t, 14, h.slot(h.bucketOf(winter)))
	assert.Equal(t, 14, h.slot(h.bucketOf(summer)))
	s, e := w.bounds(w.bucketOf(winter))
	assert.Equal(t, 23*time.Hour, s.Sub(time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, 24*time.Hour, e.Sub(s))
}

func TestPeakDetectorMergeProperties(t *testing.T) {
	for _, opts := range []*PeakOptions{nil, {Mode: PeakSeasonal, CountAuthors: true, TermsPerBucket: 8, MaxAuthors: 16}} {
		obs := pkStream(4)
		seq, err := NewPeakDetector(opts)
		require.NoError(t, err)
		for _, o := range obs {
			seq.Add(o)
		}
		want := pkBytes(t, seq)
		// arrival order within unflushed buckets does not matter
		shuf, _ := NewPeakDetector(opts)
		r := rand.New(rand.NewPCG(1, 1))
		perm := r.Perm(len(obs))
		for _, i := range perm {
			shuf.Add(obs[i])
		}
		if opts == nil { // exact while under the term cap
			assert.True(t, bytes.Equal(want, pkBytes(t, shuf)), "shuffled")
		}
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
			parts := []Aggregator{seq.Fork(), seq.Fork(), seq.Fork()}
			for i, o := range obs {
				parts[(i*13)%3].Add(o)
			}
			acc := seq.Fork().(*PeakDetector)
			for _, i := range order {
				require.NoError(t, acc.Join(parts[i]))
			}
			if opts == nil {
				require.True(t, bytes.Equal(want, pkBytes(t, acc)), "order %v", order)
			}
			assert.Equal(t, len(slices.Collect(seq.Events(nil))), len(slices.Collect(acc.Events(nil))))
		}
		var back PeakDetector
		require.NoError(t, back.UnmarshalBinary(want))
		assert.Equal(t, want, pkBytes(t, &back))
	}
	a, _ := NewPeakDetector(nil)
	b, _ := NewPeakDetector(&PeakOptions{Tau: 3})
	assert.True(t, errors.Is(a.Merge(b), ErrPeakMismatch))
	assert.True(t, errors.Is(a.Join(NewOD(nil)), ErrPeakMismatch))
}

func TestPeakDetectorUnmarshalErrors(t *testing.T) {
	d, _ := NewPeakDetector(&PeakOptions{Mode: PeakSeasonal})
	for _, o := range pkStream(2)[:300] {
		d.Add(o)
	}
	d.Flush(pkT0.Add(5 * time.Hour))
	good := pkBytes(t, d)
	for i := 0; i < len(good); i += 3 {
		var e PeakDetector
		if err := e.UnmarshalBinary(good[:i]); !errors.Is(err, ErrBadEncoding) {
			t.Fatalf("UnmarshalBinary(truncated to %d) = %v, want ErrBadEncoding", i, err)
		}
	}
	_, err := NewPeakDetector(&PeakOptions{Period: -1})
	assert.ErrorIs(t, err, ErrPeakOptions)
}

func FuzzPeakDetectorUnmarshal(f *testing.F) {
	for _, opts := range []*PeakOptions{nil, {Mode: PeakSeasonal, Period: 4, Seasons: 2}} {
		d, _ := NewPeakDetector(opts)
		for _, o := range pkStream(3)[:200] {
			d.Add(o)
		}
		f.Add(pkBytes(f, d))
		d.Flush(pkT0.Add(6 * time.Hour))
		f.Add(pkBytes(f, d))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d PeakDetector
		if d.UnmarshalBinary(b) != nil {
			return
		}
		if len(d.series) <= 4 {
			for range d.Events(&Policy{K: 2}) {
			}
		}
		var e PeakDetector
		if err := e.UnmarshalBinary(pkBytes(t, &d)); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}

func BenchmarkPeakDetectorAdd(b *testing.B) {
	obs := pkStream(5)
	d, _ := NewPeakDetector(nil)
	for _, o := range obs {
		d.Add(o)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Add(obs[i%len(obs)])
	}
}

func BenchmarkFindPeaks(b *testing.B) {
	for _, mode := range []PeakMode{PeakEWMA, PeakSeasonal} {
		s := daily(365, 1)
		b.Run(mode.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, _ = FindPeaks(s, &PeakOptions{Mode: mode})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s)), "ns/bucket")
		})
	}
}

// TestPeakDetectorMatchesFindPeaks feeds a bucketed series through the
// streaming detector (as observations from distinct authors, starting at
// a winter Monday 00:00 in Amsterdam so that slot = index mod 24) and
// checks that it finds the windows FindPeaks finds.
func TestPeakDetectorMatchesFindPeaks(t *testing.T) {
	s := daily(28, 5)
	s[20*24+3] += 40
	s[24*24+15] += 120
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, peakZone())
	for _, mode := range []PeakMode{PeakEWMA, PeakSeasonal} {
		opts := &PeakOptions{Mode: mode, Profiles: []string{}}
		want, err := FindPeaks(s, opts)
		require.NoError(t, err)
		d, err := NewPeakDetector(opts)
		require.NoError(t, err)
		for i, c := range s {
			for j := 0; j < int(c); j++ {
				d.Add(pkObs(fmt.Sprint(i, "/", j), t0.Add(time.Duration(i)*time.Hour+time.Duration(j)*time.Second), "GM0001"))
			}
		}
		var got []SeriesPeak
		for e := range d.Events(&Policy{K: 1, UnsafeSmallK: true}) {
			idx := func(tm time.Time) int { return int(tm.Sub(t0) / time.Hour) }
			got = append(got, SeriesPeak{idx(e.Start), idx(e.Peak), idx(e.End) - 1, e.Count, e.Baseline, e.Score, e.Open})
		}
		// the detector's last bucket is the last non-empty one
		for len(want) > 0 && want[len(want)-1].Open {
			want = want[:len(want)-1]
			got = got[:len(got)-1]
		}
		assert.Equal(t, want, got, mode.String())
	}
}
