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

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

var t0 = time.Date(2026, 1, 7, 10, 0, 0, 0, time.UTC)

func report(author, area string, conf float64, at time.Duration, profile string) Observation {
	return Observation{
		Time:     t0.Add(at),
		Author:   author,
		Areas:    []AreaRef{{Area: geo.AreaID(area), Level: geo.LevelMunicipality, Role: geo.RoleAbout, Confidence: conf}},
		Profiles: []ProfileMatch{{ID: profile}},
	}
}

func TestCorroborationFormula(t *testing.T) {
	tests := []struct {
		name        string
		obs         []Observation
		wantAuthors int
		wantContra  int
		wantSupport float64
		wantConf    float64
	}{
		{
			name:        "two authors p=0.6",
			obs:         []Observation{report("a", "GM0935", 0.6, 0, "flood"), report("b", "GM0935", 0.6, time.Minute, "flood")},
			wantAuthors: 2, wantSupport: 0.84, wantConf: 0.84,
		},
		{
			name: "one author many posts counts once, best p",
			obs: []Observation{report("a", "GM0935", 0.3, 0, "flood"), report("a", "GM0935", 0.5, time.Minute, "flood"),
				report("a", "GM0935", 0.4, 2*time.Minute, "flood"), report("b", "GM0935", 0.5, 3*time.Minute, "flood")},
			wantAuthors: 2, wantSupport: 0.75, wantConf: 0.75,
		},
		{
			name: "one contradiction among two",
			obs: []Observation{report("a", "GM0935", 0.5, 0, "flood"), report("b", "GM0935", 0.5, time.Minute, "flood"),
				report("c", "GM0935", 0.9, 2*time.Minute, "clear"), report("c", "GM0935", 0.9, 3*time.Minute, "clear")},
			wantAuthors: 2, wantContra: 1, wantSupport: 0.75, wantConf: 0.5,
		},
		{
			name: "contradiction elsewhere or in another window does not count",
			obs: []Observation{report("a", "GM0935", 0.5, 0, "flood"), report("b", "GM0935", 0.5, time.Minute, "flood"),
				report("c", "GM0917", 0.9, 0, "clear"), report("d", "GM0935", 0.9, 2*time.Hour, "clear")},
			wantAuthors: 2, wantSupport: 0.75, wantConf: 0.75,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCorroboration(&CorroborationOptions{Contradicts: []string{"clear"}})
			for _, o := range tt.obs {
				c.Add(o)
			}
			got := slices.Collect(c.Results(&GridResultOptions{K: 2}))
			if len(got) != 1 {
				t.Fatalf("Results = %d groups (%+v), want 1", len(got), got)
			}
			r := got[0]
			if r.Place != "GM0935" || r.Profile != "flood" || r.Authors != tt.wantAuthors || r.Contradicting != tt.wantContra ||
				math.Abs(r.Support-tt.wantSupport) > 1e-12 || math.Abs(r.Confidence-tt.wantConf) > 1e-12 {
				t.Errorf("Results = %+v, want authors %d, contra %d, support %v, confidence %v", r, tt.wantAuthors, tt.wantContra, tt.wantSupport, tt.wantConf)
			}
			if !r.Start.Equal(t0) || r.End.Sub(r.Start) != time.Hour {
				t.Errorf("window = [%v, %v), want [%v, +1h)", r.Start, r.End, t0)
			}
		})
	}
}

func TestCorroborationSuppression(t *testing.T) {
	c := NewCorroboration(nil)
	for i := 0; i < 9; i++ {
		c.Add(report(fmt.Sprint(i), "GM0935", 0.5, 0, "flood"))
	}
	r := slices.Collect(c.Results(nil))[0]
	if !r.Suppressed || r.Authors != 0 || r.Confidence != 0 {
		t.Errorf("9 authors with default K=10: %+v, want suppressed with zero numbers", r)
	}
	c.Add(report("9", "GM0935", 0.5, 0, "flood"))
	if r := slices.Collect(c.Results(nil))[0]; r.Suppressed || r.Authors != 10 {
		t.Errorf("10 authors: %+v, want published", r)
	}
}

func TestCorroborationGrid(t *testing.T) {
	s := CBSGrid(500)
	c := NewCorroboration(&CorroborationOptions{Grid: &s, Profiles: []string{"flood"}})
	p := geo.FromRD(190_250, 360_250)
	for i := 0; i < 3; i++ {
		o := report(fmt.Sprint(i), "", 0, 0, "flood")
		o.Point = &p
		c.Add(o)
	}
	o := report("x", "", 0, 0, "other") // not a report profile
	o.Point = &p
	c.Add(o)
	got := slices.Collect(c.Results(&GridResultOptions{K: 2}))
	if len(got) != 1 || got[0].Place != "E1900N3600" || got[0].Authors != 3 || math.Abs(got[0].Support-(1-0.2*0.2*0.2)) > 1e-12 {
		t.Errorf("grid Results = %+v, want one cell E1900N3600, 3 authors, support 0.992", got)
	}
}

func corrObs(n int, seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 2))
	out := make([]Observation, n)
	areas := []string{"GM0935", "GM0917", "GM0888"}
	for i := range out {
		prof := "flood"
		if r.IntN(6) == 0 {
			prof = "clear"
		}
		out[i] = report(fmt.Sprint("u", r.IntN(50)), areas[r.IntN(3)], float64(r.IntN(5))/4, time.Duration(r.IntN(300))*time.Minute, prof)
	}
	return out
}

func corrOf(obs []Observation) *Corroboration {
	c := NewCorroboration(&CorroborationOptions{Contradicts: []string{"clear"}, MaxAuthors: 20})
	for _, o := range obs {
		c.Add(o)
	}
	return c
}

func TestCorroborationMergeAndMarshal(t *testing.T) {
	obs := corrObs(2000, 5)
	seq := corrOf(obs)
	a, b, c := corrOf(obs[:700]), corrOf(obs[700:1500]), corrOf(obs[1500:])
	abc := corrOf(nil)
	for _, x := range []*Corroboration{a, b, c} {
		require.NoError(t, abc.Merge(x))
	}
	cba := corrOf(nil)
	for _, x := range []*Corroboration{c, b, a} {
		require.NoError(t, cba.Merge(x))
	}
	bs := marshal(t, seq)
	if !bytes.Equal(bs, marshal(t, abc)) || !bytes.Equal(bs, marshal(t, cba)) {
		t.Error("merge orders or split-and-merge give different states")
	}
	assert.Equal(t, slices.Collect(seq.Results(&GridResultOptions{K: 2})), slices.Collect(cba.Results(&GridResultOptions{K: 2})))
	var d Corroboration
	require.NoError(t, d.UnmarshalBinary(bs))
	if !bytes.Equal(bs, marshal(t, &d)) {
		t.Error("marshal round trip not exact")
	}
	assert.Equal(t, slices.Collect(seq.Results(nil)), slices.Collect(d.Results(nil)))
	if err := d.Merge(NewCorroboration(nil)); !errors.Is(err, ErrCorroborationMismatch) {
		t.Errorf("Merge(other options) = %v, want ErrCorroborationMismatch", err)
	}
}

func FuzzCorroborationUnmarshal(f *testing.F) {
	f.Add(marshal(f, corrOf(corrObs(30, 1))))
	s := CBSGrid(100)
	g := NewCorroboration(&CorroborationOptions{Grid: &s})
	p := orb.Point{5, 52}
	o := report("a", "", 0, 0, "x")
	o.Point = &p
	g.Add(o)
	f.Add(marshal(f, g))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Corroboration
		if c.UnmarshalBinary(b) != nil {
			return
		}
		for range c.Results(nil) {
		}
		var d Corroboration
		if err := d.UnmarshalBinary(marshal(t, &c)); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}

func BenchmarkCorroborationAdd(b *testing.B) {
	obs := corrObs(4096, 3)
	c := corrOf(obs)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Add(obs[i&4095])
	}
}
