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
	"github.com/socialgeo/socialgeo/sentiment"
)

func TestCellIDs(t *testing.T) {
	dam := orb.Point{4.8932, 52.3731}
	tests := []struct {
		name   string
		scheme CellScheme
		p      orb.Point
		want   string
	}{
		{"degree 0.01", DegreeGrid(0.01), dam, "D0.01:489:5237"},
		{"degree 1", DegreeGrid(1), dam, "D1:4:52"},
		{"degree west/south", DegreeGrid(0.5), orb.Point{-0.1, -0.1}, "D0.5:-1:-1"},
		{"CBS 100 m", CBSGrid(100), dam, idAt(dam, 100)},
		{"CBS 500 m", CBSGrid(500), dam, idAt(dam, 500)},
		{"CBS 1 km", CBSGrid(1000), dam, idAt(dam, 1000)},
		{"CBS origin", CBSGrid(100), geo.FromRD(155050, 463050), "E1550N4630"},
		{"CBS 500 origin", CBSGrid(500), geo.FromRD(155400, 463499), "E1550N4630"},
		{"CBS 1 km corner", CBSGrid(1000), geo.FromRD(155999, 463001), "E1550N4630"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := tt.scheme.Locate(tt.p)
			if !ok {
				t.Fatalf("Locate(%v) not ok", tt.p)
			}
			if got := tt.scheme.ID(c); got != tt.want {
				t.Errorf("ID(Locate(%v)) = %q, want %q", tt.p, got, tt.want)
			}
			back, err := tt.scheme.ParseID(tt.want)
			require.NoError(t, err)
			assert.Equal(t, c, back)
			// The point lies inside the cell polygon's bound.
			if b := tt.scheme.Polygon(c).Bound(); !b.Pad(1e-9).Contains(tt.p) {
				t.Errorf("Polygon(%v) bound %v does not contain %v", c, b, tt.p)
			}
		})
	}
}

// idAt computes the expected CBS id independently of Locate/ID.
func idAt(p orb.Point, size int) string {
	x, y := geo.ToRD(p)
	xs := int(math.Floor(x/float64(size))) * size / 100
	ys := int(math.Floor(y/float64(size))) * size / 100
	return fmt.Sprintf("E%04dN%04d", xs, ys)
}

func TestParseIDErrors(t *testing.T) {
	tests := []struct {
		scheme CellScheme
		id     string
	}{
		{CBSGrid(100), "E1213N487"},
		{CBSGrid(100), "e1213N4874"},
		{CBSGrid(100), "E12a3N4874"},
		{CBSGrid(500), "E1213N4870"}, // not aligned to 500 m
		{CBSGrid(1000), "E1215N4870"},
		{DegreeGrid(0.01), "D0.02:1:2"},
		{DegreeGrid(0.01), "D0.01:+1:2"},
		{DegreeGrid(0.01), "D0.01:01:2"},
		{DegreeGrid(0.01), "D0.01:1"},
		{DegreeGrid(0.01), "D0.01:1:99999"},
		{DegreeGrid(0), "D0:1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if _, err := tt.scheme.ParseID(tt.id); err == nil {
				t.Errorf("%v.ParseID(%q) = nil error, want error", tt.scheme, tt.id)
			} else if !errors.Is(err, ErrBadCellID) && !errors.Is(err, ErrBadScheme) {
				t.Errorf("%v.ParseID(%q) = %v, want ErrBadCellID", tt.scheme, tt.id, err)
			}
		})
	}
}

func FuzzParseCellID(f *testing.F) {
	for _, s := range []string{"E1213N4874", "E0000N0000", "D0.01:489:5237", "D1:-4:52", "", "E9999N9999"} {
		f.Add(s, uint8(0))
	}
	schemes := []CellScheme{CBSGrid(100), CBSGrid(500), CBSGrid(1000), DegreeGrid(0.01), DegreeGrid(1)}
	f.Fuzz(func(t *testing.T, id string, which uint8) {
		s := schemes[int(which)%len(schemes)]
		c, err := s.ParseID(id)
		if err != nil {
			return
		}
		if got := s.ID(c); got != id {
			t.Errorf("ID(ParseID(%q)) = %q", id, got)
		}
	})
}

// testObs builds deterministic observations around Amsterdam; polarities
// are multiples of 1/4 so float sums are exact in any order.
func testObs(n int, seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]Observation, n)
	for i := range out {
		p := orb.Point{4.85 + r.Float64()*0.1, 52.33 + r.Float64()*0.08}
		o := Observation{
			Time:   time.Date(2026, 4, 27, 12, 0, i, 0, time.UTC),
			Author: fmt.Sprintf("a%d", r.IntN(40)),
			Point:  &p,
		}
		if r.IntN(4) > 0 {
			o.Label = sentiment.Label(1 + r.IntN(3))
			o.Polarity = float64(r.IntN(9)-4) / 4
		}
		if r.IntN(3) == 0 {
			o.Profiles = []ProfileMatch{{ID: "flood"}}
		}
		if r.IntN(20) == 0 {
			o.Point = nil
		}
		out[i] = o
	}
	return out
}

func gridOf(t testing.TB, s CellScheme, obs []Observation) *Grid {
	g, err := NewGrid(s, &GridOptions{MaxAuthors: 30})
	require.NoError(t, err)
	for _, o := range obs {
		g.Add(o)
	}
	return g
}

func marshal(t testing.TB, m interface{ MarshalBinary() ([]byte, error) }) []byte {
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	return b
}

func TestGridMergeProperties(t *testing.T) {
	for _, s := range []CellScheme{CBSGrid(500), DegreeGrid(0.01)} {
		t.Run(s.String(), func(t *testing.T) {
			obs := testObs(3000, 7)
			seq := gridOf(t, s, obs)
			a, b, c := gridOf(t, s, obs[:1000]), gridOf(t, s, obs[1000:2200]), gridOf(t, s, obs[2200:])
			// (a+b)+c
			ab := gridOf(t, s, nil)
			require.NoError(t, ab.Merge(a))
			require.NoError(t, ab.Merge(b))
			require.NoError(t, ab.Merge(c))
			// c+(b+a)
			ba := gridOf(t, s, nil)
			require.NoError(t, ba.Merge(b))
			require.NoError(t, ba.Merge(a))
			cba := gridOf(t, s, nil)
			require.NoError(t, cba.Merge(c))
			require.NoError(t, cba.Merge(ba))
			if !bytes.Equal(marshal(t, seq), marshal(t, ab)) {
				t.Error("split-and-merge (a+b)+c differs from sequential")
			}
			if !bytes.Equal(marshal(t, ab), marshal(t, cba)) {
				t.Error("merge not associative/commutative: (a+b)+c != c+(b+a)")
			}
			assert.Equal(t, noNaN(slices.Collect(seq.Results(nil))), noNaN(slices.Collect(cba.Results(nil))))
		})
	}
}

func TestGridMergeMismatch(t *testing.T) {
	a := gridOf(t, CBSGrid(100), nil)
	b := gridOf(t, CBSGrid(500), nil)
	if err := a.Merge(b); !errors.Is(err, ErrGridMismatch) {
		t.Errorf("Merge(100 m, 500 m) = %v, want ErrGridMismatch", err)
	}
}

func TestGridMarshalRoundTrip(t *testing.T) {
	g := gridOf(t, CBSGrid(100), testObs(500, 3))
	b := marshal(t, g)
	var h Grid
	require.NoError(t, h.UnmarshalBinary(b))
	if !bytes.Equal(b, marshal(t, &h)) {
		t.Error("MarshalBinary(UnmarshalBinary(b)) != b")
	}
	assert.Equal(t, noNaN(slices.Collect(g.Results(&GridResultOptions{K: 2}))), noNaN(slices.Collect(h.Results(&GridResultOptions{K: 2}))))
	for i := 0; i < len(b); i++ {
		if err := h.UnmarshalBinary(b[:i]); err == nil {
			t.Fatalf("UnmarshalBinary(truncated to %d) = nil", i)
		}
	}
}

func TestGridResults(t *testing.T) {
	p := orb.Point{4.8932, 52.3731}
	g := gridOf(t, CBSGrid(100), nil)
	for i := 0; i < 12; i++ {
		g.Add(Observation{Author: fmt.Sprintf("u%d", i%3), Point: &p, Label: sentiment.Neutral, Polarity: 0.5})
	}
	for i := 0; i < 4; i++ {
		g.Add(Observation{Author: fmt.Sprintf("v%d", i), Point: &p, Label: sentiment.Neutral, Polarity: -1, Profiles: []ProfileMatch{{ID: "x"}}})
	}
	g.Add(Observation{Author: "w"}) // no point
	got := slices.Collect(g.Results(&GridResultOptions{K: 5}))
	want := []GridCell{
		{ID: idAt(p, 100), Profile: "", Posts: 16, Authors: 7, AuthorsExact: true, Scored: 16, Sentiment: (12*0.5 - 4) / 16},
		{ID: idAt(p, 100), Profile: "x", Disclosure: Disclosure{Suppressed: true, Reason: ReasonFewAuthors}, Sentiment: math.NaN()},
	}
	if len(got) != 2 {
		t.Fatalf("Results: %d cells, want 2", len(got))
	}
	for i := range want {
		want[i].Cell = got[i].Cell
		if math.IsNaN(want[i].Sentiment) && math.IsNaN(got[i].Sentiment) {
			want[i].Sentiment, got[i].Sentiment = 0, 0
		}
		assert.Equal(t, want[i], got[i])
	}
	if g.Skipped() != 1 {
		t.Errorf("Skipped() = %d, want 1", g.Skipped())
	}
	// K below 2 without UnsafeSmallK fails closed.
	for c := range g.Results(&Policy{K: 1}) {
		if !c.Suppressed || c.Reason != ReasonInvalidPolicy {
			t.Errorf("K=1 without UnsafeSmallK published %+v", c)
		}
	}
}

func TestGridMaxAuthors(t *testing.T) {
	p := orb.Point{5, 52}
	g := gridOf(t, DegreeGrid(1), nil) // MaxAuthors 30
	for i := 0; i < 100; i++ {
		g.Add(Observation{Author: fmt.Sprint(i), Point: &p})
	}
	c := slices.Collect(g.Results(nil))[0]
	if c.Authors < 50 || c.Authors > 200 || c.AuthorsExact || c.Posts != 100 {
		t.Errorf("saturated cell = %+v, want ≈100 authors (KMV estimate, k=30), inexact, 100 posts", c)
	}
}

func FuzzGridUnmarshal(f *testing.F) {
	f.Add(marshal(f, gridOf(f, CBSGrid(100), testObs(20, 1))))
	f.Add(marshal(f, gridOf(f, DegreeGrid(0.01), testObs(5, 2))))
	f.Add([]byte("SGgrid"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var g Grid
		if err := g.UnmarshalBinary(b); err != nil {
			return
		}
		for range g.Results(nil) {
		}
		b2 := marshal(t, &g)
		var h Grid
		if err := h.UnmarshalBinary(b2); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}

func BenchmarkGridAdd(b *testing.B) {
	for _, s := range []CellScheme{CBSGrid(100), DegreeGrid(0.01)} {
		b.Run(s.String(), func(b *testing.B) {
			obs := testObs(4096, 9)
			g := gridOf(b, s, obs)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				g.Add(obs[i&4095])
			}
		})
	}
}

// noNaN replaces NaN sentiment (no scored posts) by -99 so results compare.
func noNaN(cs []GridCell) []GridCell {
	for i := range cs {
		if math.IsNaN(cs[i].Sentiment) {
			cs[i].Sentiment = -99
		}
	}
	return cs
}
