package aggregate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
)

func TestWilson(t *testing.T) {
	tests := []struct {
		k, n      int64
		low, high float64
	}{
		// Reference values (Newcombe 1998, Table I; R binom::binom.wilson).
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{10, 10, 0.7225, 1},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n, WilsonZ95)
		if math.Abs(lo-tt.low) > 5e-4 || math.Abs(hi-tt.high) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", tt.k, tt.n, lo, hi, tt.low, tt.high)
		}
	}
	if lo, hi := Wilson(0, 0, WilsonZ95); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Error("Wilson(0, 0) not NaN")
	}
}

func indicatorObs() []Observation {
	day := ams(2024, 9, 3, 10, 0)
	var obs []Observation
	ref := func(a geo.AreaID) []AreaRef {
		return []AreaRef{{Area: a, Level: geo.LevelMunicipality, Role: geo.RoleAbout}}
	}
	// GM0344: 200 posts by 40 authors, 30 posts by 12 authors match "spanning".
	for i := 0; i < 200; i++ {
		o := Observation{Time: day, Author: fmt.Sprint("u", i%40), Areas: ref("GM0344")}
		if i < 30 {
			o.Author = fmt.Sprint("u", i%12)
			o.Profiles = []ProfileMatch{{ID: "spanning"}, {ID: "spanning"}}
		}
		obs = append(obs, o)
	}
	// GM0363: 50 posts by 25 authors, 2 matching by 2 authors.
	for i := 0; i < 50; i++ {
		o := Observation{Time: day, Author: fmt.Sprint("a", i%25), Areas: ref("GM0363")}
		if i < 2 {
			o.Profiles = []ProfileMatch{{ID: "spanning"}}
		}
		obs = append(obs, o)
	}
	// GM0599: 100 posts by 30 authors, 20 matching by 11 authors.
	for i := 0; i < 100; i++ {
		o := Observation{Time: day, Author: fmt.Sprint("r", i%30), Areas: ref("GM0599")}
		if i < 20 {
			o.Author = fmt.Sprint("r", i%11)
			o.Profiles = []ProfileMatch{{ID: "spanning"}}
		}
		obs = append(obs, o)
	}
	return obs
}

func TestIndicator(t *testing.T) {
	in, err := NewIndicator(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range indicatorObs() {
		in.Add(o)
	}
	rows := slices.Collect(in.Results(nil))
	if len(rows) != 3 {
		t.Fatalf("rows = %+v", rows)
	}
	r := rows[0]
	if r.Area != "GM0344" || r.Matched != 30 || r.Total != 200 || r.MatchedAuthors != 12 || r.TotalAuthors != 40 || r.Suppressed {
		t.Fatalf("row = %+v", r)
	}
	lo, hi := Wilson(30, 200, WilsonZ95)
	if r.Share != 0.15 || r.Low != lo || r.High != hi || !(lo < 0.15 && hi > 0.15) {
		t.Errorf("share %v [%v, %v]", r.Share, r.Low, r.High)
	}
	if !rows[1].Suppressed || rows[1].Reason != ReasonFewAuthors || rows[1].Matched != 0 {
		t.Errorf("GM0363 (2 matching authors) = %+v, want suppressed", rows[1])
	}
	if !rows[2].Suppressed || rows[2].Reason != ReasonComplementary {
		t.Errorf("GM0599 = %+v, want complementary suppression (else GM0363 = total − others)", rows[2])
	}
	// Filtered profiles.
	f, _ := NewIndicator(&IndicatorOptions{Profiles: []string{"other"}})
	for _, o := range indicatorObs() {
		f.Add(o)
	}
	if n := len(slices.Collect(f.Results(nil))); n != 0 {
		t.Errorf("filtered indicator has %d rows", n)
	}
	// Noise: deterministic per seed, matched ≤ total.
	p := func() *Policy { return &Policy{Epsilon: 0.5, Rand: rand.New(rand.NewPCG(3, 4))} }
	a, b := slices.Collect(in.Results(p())), slices.Collect(in.Results(p()))
	if a[0].Matched != b[0].Matched || a[0].Total != b[0].Total || !a[0].Noised || a[0].Matched > a[0].Total || a[0].MatchedAuthors != 0 {
		t.Errorf("noised rows %+v %+v", a[0], b[0])
	}
}

// BenchmarkIndicatorAdd measures Add per observation (3 area refs × (all
// posts + 1 profile) = 6 cells) in steady state.
func BenchmarkIndicatorAdd(b *testing.B) {
	obs := benchObs(1 << 14)
	in, _ := NewIndicator(nil)
	for _, o := range obs {
		in.Add(o)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.Add(obs[i&(len(obs)-1)])
	}
}
