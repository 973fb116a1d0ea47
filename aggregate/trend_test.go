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
	"github.com/socialgeo/socialgeo/sentiment"
)

func TestTQuantile(t *testing.T) {
	tests := []struct{ p, df, want float64 }{
		{0.975, 1, 12.706204736174698},
		{0.975, 10, 2.228138851986274},
		{0.975, 20, 2.085963447265837},
		{0.975, 30, 2.042272456301238},
		{0.95, 5, 2.015048372669157},
		{0.995, 3.5, 5.085702223}, // non-integer df (Welch), checked by numeric integration
		{0.975, 1e9, 1.959963984540054},
	}
	for _, tt := range tests {
		if got := tQuantile(tt.p, tt.df); math.Abs(got-tt.want) > 2e-6*tt.want {
			t.Errorf("tQuantile(%v, %v) = %v, want %v", tt.p, tt.df, got, tt.want)
		}
	}
}

func TestRateRatio(t *testing.T) {
	c := RateRatio(100, 10, 150, 10, 0.95)
	assert.InDelta(t, 1.5, c.Estimate, 1e-12)
	assert.InDelta(t, 1.164666576624051, c.Low, 1e-9)
	assert.InDelta(t, 1.9318833777491409, c.High, 1e-9)
	assert.True(t, c.Significant(1))
	// exposure: same rate over twice the time
	c = RateRatio(100, 10, 200, 20, 0)
	assert.InDelta(t, 1, c.Estimate, 1e-12)
	assert.False(t, c.Significant(1))
	assert.Equal(t, 0.95, c.Level)
	// zero count: Haldane correction, finite interval
	c = RateRatio(0, 1, 10, 1, 0.95)
	assert.InDelta(t, 21, c.Estimate, 1e-9)
	assert.False(t, math.IsInf(c.High, 0))
	for _, bad := range [][4]float64{{0, 1, 0, 1}, {1, 0, 1, 1}, {-1, 1, 1, 1}, {math.NaN(), 1, 1, 1}} {
		assert.True(t, math.IsNaN(RateRatio(bad[0], bad[1], bad[2], bad[3], 0.95).Estimate), "%v", bad)
	}
}

func TestMeanDifference(t *testing.T) {
	// n = 11 each, sd 0.2 each: df = 20.
	m2 := 0.04 * 10
	c := MeanDifference(11, 0.1, m2, 11, 0.3, m2, 0.95)
	assert.InDelta(t, 0.2, c.Estimate, 1e-12)
	assert.InDelta(t, 0.022108439500521992, c.Low, 1e-7)
	assert.InDelta(t, 0.37789156049947803, c.High, 1e-7)
	c = MeanDifference(5, 0.1, 0, 5, 0.1, 0, 0.95)
	assert.Equal(t, Change{0, 0, 0, 0.95}, c)
	assert.True(t, math.IsNaN(MeanDifference(1, 0.1, 0, 5, 0.1, 0, 0.95).Estimate))
}

func TestProportionDifference(t *testing.T) {
	// Newcombe (1998), example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
	c := ProportionDifference(48, 80, 56, 70, 0.95)
	assert.InDelta(t, 0.2, c.Estimate, 1e-12)
	assert.InDelta(t, 0.0524, c.Low, 1e-4)
	assert.InDelta(t, 0.3339, c.High, 1e-4)
	// example (b): 9/10 − 3/10: 0.1705 to 0.8090
	c = ProportionDifference(3, 10, 9, 10, 0.95)
	assert.InDelta(t, 0.1705, c.Low, 1e-4)
	assert.InDelta(t, 0.8090, c.High, 1e-4)
	// boundary: 0/10 − 0/20 is defined and contains 0
	c = ProportionDifference(0, 20, 0, 10, 0.95)
	assert.Equal(t, 0.0, c.Estimate)
	assert.Less(t, c.Low, 0.0)
	assert.Greater(t, c.High, 0.0)
	assert.True(t, math.IsNaN(ProportionDifference(3, 2, 1, 2, 0.95).Estimate))
}

var (
	trBefore = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	trAfter  = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

func trOpts() *TrendOptions {
	return &TrendOptions{BeforeStart: trBefore, BeforeEnd: trBefore.AddDate(0, 1, 0), AfterStart: trAfter, AfterEnd: trAfter.AddDate(0, 1, 0)}
}

func trPost(author string, at time.Time, area string, pol float64, profiles ...string) Observation {
	o := Observation{Time: at, Author: author, Polarity: pol, Label: sentiment.Label(1),
		Areas: []AreaRef{{Area: geo.AreaID(area), Level: geo.LevelNeighbourhood, Role: geo.RoleAbout}}}
	for _, p := range profiles {
		o.Profiles = append(o.Profiles, ProfileMatch{ID: p})
	}
	return o
}

func TestTrendResults(t *testing.T) {
	tr, err := NewTrend(trOpts())
	require.NoError(t, err)
	var polB, polA []float64
	for i := 0; i < 40; i++ {
		// before: 40 posts, half about insecurity, sentiment around −0.3
		pol := -0.3 + float64(i%5)/10
		var prof []string
		if i%2 == 0 {
			prof = []string{"onveilig"}
		}
		tr.Add(trPost(fmt.Sprint("b", i), trBefore.Add(time.Duration(i)*time.Hour), "BU03630001", pol, prof...))
		polB = append(polB, pol)
	}
	for i := 0; i < 60; i++ {
		// after: 60 posts, a sixth about insecurity, sentiment around +0.1
		pol := 0.1 + float64(i%3)/10
		var prof []string
		if i < 10 {
			prof = []string{"onveilig"}
		}
		tr.Add(trPost(fmt.Sprint("a", i%30), trAfter.Add(time.Duration(i)*time.Hour), "BU03630001", pol, prof...))
		polA = append(polA, pol)
	}
	tr.Add(trPost("x", trAfter.AddDate(0, 2, 0), "BU03630001", 0)) // outside both windows
	rs := slices.Collect(tr.Results(nil))
	require.Len(t, rs, 2)
	all, prof := rs[0], rs[1]
	assert.Equal(t, "", all.Profile)
	assert.Equal(t, "onveilig", prof.Profile)
	assert.Equal(t, int64(40), all.Before.Posts)
	assert.Equal(t, int64(30), all.After.Authors)
	// The windows have different lengths (31 and 31 days here): rate ratio 60/40.
	assert.InDelta(t, 1.5, all.Volume.Estimate, 1e-9)
	mean := func(xs []float64) (float64, float64) {
		m := 0.0
		for _, x := range xs {
			m += x
		}
		m /= float64(len(xs))
		m2 := 0.0
		for _, x := range xs {
			m2 += (x - m) * (x - m)
		}
		return m, m2
	}
	mb, m2b := mean(polB)
	ma, m2a := mean(polA)
	assert.InDelta(t, mb, all.Before.Mean, 1e-6)
	assert.InDelta(t, m2b, all.Before.M2, 1e-5)
	assert.InDelta(t, ma, all.After.Mean, 1e-6)
	assert.InDelta(t, m2a, all.After.M2, 1e-5)
	assert.InDelta(t, ma-mb, all.Sentiment.Estimate, 1e-6)
	assert.True(t, all.Sentiment.Significant(0))
	assert.True(t, math.IsNaN(all.Share.Estimate))
	// share of insecurity posts: 20/40 → 10/60
	assert.InDelta(t, 10.0/60-0.5, prof.Share.Estimate, 1e-12)
	assert.True(t, prof.Share.Significant(0))
	assert.Equal(t, int64(60), prof.After.AreaPosts)

	// noise: counts noised deterministically, sentiment withheld
	pol := func() *Policy { return &Policy{Epsilon: 1, Rand: rand.New(rand.NewPCG(9, 9))} }
	n1, n2 := slices.Collect(tr.Results(pol())), slices.Collect(tr.Results(pol()))
	assert.Equal(t, fmt.Sprint(n1), fmt.Sprint(n2))
	assert.True(t, n1[0].Noised)
	assert.True(t, math.IsNaN(n1[0].Sentiment.Estimate))

	// suppression: the profile has only 10 authors after → fine with K=10, suppressed with K=11
	for r := range tr.Results(&Policy{K: 11}) {
		assert.Equal(t, r.Profile == "onveilig", r.Suppressed, r.Profile)
	}
}

func TestNewTrendErrors(t *testing.T) {
	_, err := NewTrend(nil)
	assert.ErrorIs(t, err, ErrTrendWindows)
	o := trOpts()
	o.AfterStart = o.BeforeStart.Add(time.Hour)
	_, err = NewTrend(o)
	assert.ErrorIs(t, err, ErrTrendWindows)
	o = trOpts()
	o.BeforeEnd = o.BeforeStart
	_, err = NewTrend(o)
	assert.ErrorIs(t, err, ErrTrendWindows)
}

func trRandObs(n int, seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 4))
	obs := make([]Observation, n)
	for i := range obs {
		at := trBefore.Add(time.Duration(r.IntN(100*24)) * time.Hour)
		o := trPost(fmt.Sprint("u", r.IntN(50)), at, []string{"BU1", "BU2", "BU3"}[r.IntN(3)], r.Float64()*2.2-1.1)
		if r.IntN(5) == 0 {
			o.Label = 0
		}
		if r.IntN(3) == 0 {
			o.Profiles = []ProfileMatch{{ID: "onveilig"}}
		}
		if r.IntN(4) == 0 {
			o.Areas = append(o.Areas, AreaRef{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleFrom})
		}
		obs[i] = o
	}
	return obs
}

func trBytes(t testing.TB, tr *Trend) []byte {
	t.Helper()
	b, err := tr.MarshalBinary()
	require.NoError(t, err)
	return b
}

func TestTrendMergeProperties(t *testing.T) {
	o2 := trOpts()
	o2.Level, o2.Profiles, o2.MaxAuthors = geo.LevelNeighbourhood, []string{"x"}, 7
	for _, opts := range []*TrendOptions{trOpts(), o2} {
		obs := trRandObs(900, 5)
		seq, err := NewTrend(opts)
		require.NoError(t, err)
		for _, o := range obs {
			seq.Add(o)
		}
		want := trBytes(t, seq)
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
			parts := []Aggregator{seq.Fork(), seq.Fork(), seq.Fork()}
			for i, o := range obs {
				parts[(i*11)%3].Add(o)
			}
			acc := seq.Fork().(*Trend)
			for _, i := range order {
				require.NoError(t, acc.Join(parts[i]))
			}
			require.True(t, bytes.Equal(want, trBytes(t, acc)), "order %v", order)
		}
		var back Trend
		require.NoError(t, back.UnmarshalBinary(want))
		assert.Equal(t, want, trBytes(t, &back))
		assert.Equal(t, fmt.Sprint(slices.Collect(seq.Results(nil))), fmt.Sprint(slices.Collect(back.Results(nil))))
	}
	a, _ := NewTrend(trOpts())
	o := trOpts()
	o.Confidence = 0.9
	b, _ := NewTrend(o)
	assert.True(t, errors.Is(a.Merge(b), ErrTrendMismatch))
	assert.True(t, errors.Is(a.Join(NewOD(nil)), ErrTrendMismatch))
}

func TestTrendUnmarshalErrors(t *testing.T) {
	tr, _ := NewTrend(trOpts())
	for _, o := range trRandObs(30, 1) {
		tr.Add(o)
	}
	good := trBytes(t, tr)
	for i := 0; i < len(good); i++ {
		var e Trend
		if err := e.UnmarshalBinary(good[:i]); !errors.Is(err, ErrBadEncoding) {
			t.Fatalf("UnmarshalBinary(truncated to %d) = %v, want ErrBadEncoding", i, err)
		}
	}
}

func FuzzTrendUnmarshal(f *testing.F) {
	tr, _ := NewTrend(trOpts())
	for _, o := range trRandObs(20, 2) {
		tr.Add(o)
	}
	f.Add(trBytes(f, tr))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tr Trend
		if tr.UnmarshalBinary(b) != nil {
			return
		}
		for r := range tr.Results(&Policy{K: 2}) {
			if r.Before.M2 < 0 || r.After.M2 < 0 {
				t.Fatalf("negative M2 in %+v", r)
			}
		}
		var e Trend
		if err := e.UnmarshalBinary(trBytes(t, &tr)); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}

func BenchmarkTrendAdd(b *testing.B) {
	obs := trRandObs(4096, 3)
	tr, _ := NewTrend(trOpts())
	for _, o := range obs {
		tr.Add(o)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr.Add(obs[i&4095])
	}
}
