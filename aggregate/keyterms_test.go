package aggregate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

func TestLogOddsZ(t *testing.T) {
	d, z := LogOddsZ(10, 100, 20, 1000, 1000*30.0/1100, 1000)
	assert.InDelta(t, 0.3707168422795677, d, 1e-12)
	assert.InDelta(t, 1.6923808424139126, z, 1e-12)
	// symmetric
	d2, z2 := LogOddsZ(20, 1000, 10, 100, 1000*30.0/1100, 1000)
	assert.InDelta(t, -d, d2, 1e-12)
	assert.InDelta(t, -z, z2, 1e-12)
	_, z = LogOddsZ(0, 10, 0, 10, 0, 10)
	assert.True(t, math.IsNaN(z))
}

func ktPost(author, area string, terms ...string) Observation {
	return Observation{Time: odT0, Author: author, Terms: terms,
		Areas: []AreaRef{{Area: geo.AreaID(area), Level: geo.LevelMunicipality, Role: geo.RoleAbout}}}
}

// ktCorpus: the energy debate in three municipalities. Everyone talks
// about "energie" and "prijs"; in GM0001 about windmolens, in GM0002
// about aardgasvrij; one person in GM0001 keeps posting "zonneweide".
func ktCorpus() []Observation {
	var obs []Observation
	for i := 0; i < 40; i++ {
		obs = append(obs,
			ktPost(fmt.Sprint("a", i), "GM0001", "energie", "windmolen", "prijs"),
			ktPost(fmt.Sprint("b", i), "GM0002", "energie", "aardgasvrij", "prijs", "warmtepomp"),
			ktPost(fmt.Sprint("c", i), "GM0003", "energie", "prijs", "rekening"),
			ktPost(fmt.Sprint("c", i), "GM0003", "energie", "rekening"),
			ktPost("solo", "GM0001", "zonneweide", "zonneweide", "energie"),
		)
	}
	return obs
}

func TestKeyTermsDistinguish(t *testing.T) {
	k := NewKeyTerms(nil)
	for _, o := range ktCorpus() {
		k.Add(o)
	}
	got := map[string]AreaTerms{}
	for r := range k.Results(nil) {
		got[r.Place] = r
	}
	require.Len(t, got, 3)
	top := func(place string) []string {
		var ts []string
		for _, kt := range got[place].Terms {
			ts = append(ts, kt.Term)
		}
		return ts
	}
	assert.Equal(t, []string{"windmolen"}, top("GM0001"))
	assert.Equal(t, []string{"aardgasvrij", "warmtepomp"}, top("GM0002"))
	assert.Equal(t, []string{"rekening"}, top("GM0003"))
	assert.Equal(t, 1, got["GM0001"].Withheld, "zonneweide: one author only")
	assert.Equal(t, int64(80), got["GM0001"].Posts)
	assert.Equal(t, int64(41), got["GM0001"].Authors)
	w := got["GM0001"].Terms[0]
	assert.Equal(t, int64(40), w.Count)
	assert.Equal(t, int64(40), w.Corpus)
	assert.Greater(t, w.Z, 3.0)

	// A small area is suppressed.
	k.Add(ktPost("x", "GM0004", "energie", "kerncentrale"))
	for r := range k.Results(nil) {
		if r.Place == "GM0004" {
			assert.True(t, r.Suppressed)
			assert.Empty(t, r.Terms)
		}
	}
	// MinTermAuthors below 2 is raised to 2.
	k1 := NewKeyTerms(&KeyTermsOptions{MinTermAuthors: 1, MinZ: 0.1})
	for _, o := range ktCorpus() {
		k1.Add(o)
	}
	for r := range k1.Results(&Policy{K: 2}) {
		for _, kt := range r.Terms {
			assert.NotEqual(t, "zonneweide", kt.Term)
		}
	}
}

func TestKeyTermsGridAndProfile(t *testing.T) {
	s := CBSGrid(1000)
	k := NewKeyTerms(&KeyTermsOptions{Grid: &s, Profile: "energie", MinTermAuthors: 2})
	p := geo.FromRD(155500, 463500)
	for i := 0; i < 12; i++ {
		o := ktPost(fmt.Sprint("a", i), "", "windmolen")
		o.Point = &p
		o.Profiles = []ProfileMatch{{ID: "energie"}}
		k.Add(o)
		o.Profiles = nil // not counted: wrong profile
		k.Add(o)
		k.Add(ktPost(fmt.Sprint("a", i), "", "windmolen")) // no point
	}
	rs := slices.Collect(k.Results(nil))
	require.Len(t, rs, 1)
	assert.Equal(t, "E1550N4630", rs[0].Place)
	assert.Equal(t, int64(12), rs[0].Posts)
}

func ktRandObs(n int, seed uint64, vocab int) []Observation {
	r := rand.New(rand.NewPCG(seed, 2))
	z := rand.NewZipf(r, 1.2, 1, uint64(vocab-1))
	areas := []string{"GM0001", "GM0002", "GM0003"}
	obs := make([]Observation, n)
	for i := range obs {
		o := ktPost(fmt.Sprint("u", r.IntN(80)), areas[r.IntN(3)])
		if r.IntN(4) == 0 {
			o.Areas = append(o.Areas, AreaRef{Area: "PV20", Level: geo.LevelProvince, Role: geo.RoleAbout})
		}
		for j := r.IntN(6); j > 0; j-- {
			o.Terms = append(o.Terms, fmt.Sprint("t", z.Uint64()))
		}
		o.Time = odT0.Add(time.Duration(i) * time.Minute)
		obs[i] = o
	}
	return obs
}

func ktBytes(t testing.TB, k *KeyTerms) []byte {
	t.Helper()
	b, err := k.MarshalBinary()
	require.NoError(t, err)
	return b
}

func TestKeyTermsMergeProperties(t *testing.T) {
	s := DegreeGrid(0.1)
	for _, opts := range []*KeyTermsOptions{nil, {Level: geo.LevelProvince, MinTermAuthors: 3, MaxAuthors: 5}, {Grid: &s}} {
		obs := ktRandObs(800, 11, 300)
		if opts != nil && opts.Grid != nil {
			for i := range obs {
				p := orb.Point{4 + float64(i%3)/10, 52}
				obs[i].Point = &p
			}
		}
		seq := NewKeyTerms(opts)
		for _, o := range obs {
			seq.Add(o)
		}
		want := ktBytes(t, seq)
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 0, 2}} {
			parts := []Aggregator{seq.Fork(), seq.Fork(), seq.Fork()}
			for i, o := range obs {
				parts[(i*5)%3].Add(o)
			}
			acc := seq.Fork().(*KeyTerms)
			for _, i := range order {
				require.NoError(t, acc.Join(parts[i]))
			}
			require.True(t, bytes.Equal(want, ktBytes(t, acc)), "opts %+v order %v: split-and-merge differs", opts, order)
		}
		var back KeyTerms
		require.NoError(t, back.UnmarshalBinary(want))
		assert.Equal(t, want, ktBytes(t, &back))
		assert.Equal(t, slices.Collect(seq.Results(nil)), slices.Collect(back.Results(nil)))
	}
	a, b := NewKeyTerms(nil), NewKeyTerms(&KeyTermsOptions{Top: 3})
	assert.True(t, errors.Is(a.Merge(b), ErrKeyTermsMismatch))
	assert.True(t, errors.Is(a.Join(NewOD(nil)), ErrKeyTermsMismatch))
}

// TestTermSummaryBounds checks the space-saving guarantee on a Zipf
// stream far beyond the cap, sequentially and merged.
func TestTermSummaryBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	z := rand.NewZipf(r, 1.1, 1, 5000)
	const capTerms = 50
	truth := map[string]int64{}
	parts := []termSummary{newTermSummary(capTerms, 4), newTermSummary(capTerms, 4)}
	seq := newTermSummary(capTerms, 4)
	const n = 20000
	for i := 0; i < n; i++ {
		term := fmt.Sprint("t", z.Uint64())
		truth[term]++
		seq.add(term, uint64(i%7), true)
		parts[i%2].add(term, uint64(i%7), true)
	}
	parts[0].merge(&parts[1])
	for name, s := range map[string]*termSummary{"sequential": &seq, "merged": &parts[0]} {
		require.Len(t, s.entries, capTerms, name)
		assert.Equal(t, int64(n), s.total, name)
		for term, e := range s.entries {
			if e.count-e.err > truth[term] || truth[term] > e.count {
				t.Errorf("%s: %s count %d err %d, true %d", name, term, e.count, e.err, truth[term])
			}
			assert.LessOrEqual(t, len(e.authors), 4)
		}
		// every term with true count > n/cap is kept
		for term, c := range truth {
			if c > n/capTerms && s.entries[term] == nil {
				t.Errorf("%s: heavy term %s (%d) lost", name, term, c)
			}
		}
		assert.LessOrEqual(t, s.minCount(), int64(2*n/capTerms), name)
	}
	// round trip of a saturated summary
	b := seq.appendTo(nil)
	back := newTermSummary(capTerms, 4)
	r2 := &reader{b: b}
	r2.termSummary(&back)
	require.NoError(t, r2.err)
	assert.Equal(t, b, back.appendTo(nil))
}

func TestKeyTermsUnmarshalErrors(t *testing.T) {
	k := NewKeyTerms(nil)
	for _, o := range ktCorpus()[:20] {
		k.Add(o)
	}
	good := ktBytes(t, k)
	for i := 0; i < len(good); i++ {
		var e KeyTerms
		if err := e.UnmarshalBinary(good[:i]); !errors.Is(err, ErrBadEncoding) {
			t.Fatalf("UnmarshalBinary(truncated to %d) = %v, want ErrBadEncoding", i, err)
		}
	}
}

func FuzzKeyTermsUnmarshal(f *testing.F) {
	k := NewKeyTerms(&KeyTermsOptions{MaxTerms: 4, MinTermAuthors: 2})
	for _, o := range ktCorpus()[:30] {
		k.Add(o)
	}
	f.Add(ktBytes(f, k))
	s := DegreeGrid(1)
	g := NewKeyTerms(&KeyTermsOptions{Grid: &s})
	o := ktPost("a", "", "x", "y")
	o.Point = &orb.Point{5, 52}
	g.Add(o)
	f.Add(ktBytes(f, g))
	f.Fuzz(func(t *testing.T, b []byte) {
		var k KeyTerms
		if k.UnmarshalBinary(b) != nil {
			return
		}
		for range k.Results(&Policy{K: 2}) {
		}
		k.Add(ktPost("z", "GM0001", "windmolen", "nieuw"))
		var e KeyTerms
		if err := e.UnmarshalBinary(ktBytes(t, &k)); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}

func BenchmarkKeyTermsAdd(b *testing.B) {
	obs := ktRandObs(4096, 5, 20000)
	k := NewKeyTerms(&KeyTermsOptions{MaxTerms: 500})
	for _, o := range obs {
		k.Add(o)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.Add(obs[i&4095])
	}
}

// TestTermSummaryKeepsCopies checks that kept terms are copies: a term is
// often a slice of a whole post, which must not stay alive with it.
func TestTermSummaryKeepsCopies(t *testing.T) {
	post := "een lange post over windmolens en gasloze woningen"
	s := newTermSummary(2, 0)
	for _, w := range strings.Fields(post) { // 8 words into 2 places: inserts and replacements
		s.add(w, 0, false)
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(post)))
	for term := range s.entries {
		p := uintptr(unsafe.Pointer(unsafe.StringData(term)))
		assert.False(t, p >= start && p < start+uintptr(len(post)), "term %q points into the post", term)
	}
}
