package spatial

import (
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func sq(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestContains(t *testing.T) {
	ix := New([]orb.MultiPolygon{
		{{sq(0, 0, 10, 10), sq(4, 4, 6, 6)}},             // 0: with hole
		{{sq(4.5, 4.5, 5.5, 5.5)}, {sq(20, 20, 21, 21)}}, // 1: island in the hole + far part
		{}, // 2: empty, never matched
	})
	tests := []struct {
		name string
		p    orb.Point
		want []int
	}{
		{"in outer", orb.Point{1, 1}, []int{0}},
		{"in hole", orb.Point{4.2, 4.2}, nil},
		{"in island", orb.Point{5, 5}, []int{1}},
		{"far part", orb.Point{20.5, 20.5}, []int{1}},
		{"outside", orb.Point{15, 15}, nil},
		{"NaN", orb.Point{math.NaN(), 1}, nil},
		{"Inf", orb.Point{math.Inf(1), 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, brute []int
			ix.Contains(tt.p, func(i int) bool { got = append(got, i); return true })
			ix.ContainsBrute(tt.p, func(i int) bool { brute = append(brute, i); return true })
			if len(got) != len(tt.want) || len(got) > 0 && got[0] != tt.want[0] {
				t.Errorf("Contains(%v) = %v, want %v", tt.p, got, tt.want)
			}
			if len(brute) != len(tt.want) || len(brute) > 0 && brute[0] != tt.want[0] {
				t.Errorf("ContainsBrute(%v) = %v, want %v", tt.p, brute, tt.want)
			}
		})
	}
	if i, d, ok := ix.Nearest(orb.Point{10.001, 5}, 500, nil); !ok || i != 0 || d < 100 || d > 120 {
		t.Errorf("Nearest = %d, %v, %v; want 0 at ~111 m", i, d, ok)
	}
}

// TestRandomAgainstBrute compares the banded test with the plain one on
// random star-shaped polygons.
func TestRandomAgainstBrute(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var polys []orb.MultiPolygon
	for k := 0; k < 20; k++ {
		cx, cy := rng.Float64()*10, rng.Float64()*10
		var r orb.Ring
		n := 5 + rng.Intn(200)
		for j := 0; j < n; j++ {
			a := 2 * math.Pi * float64(j) / float64(n)
			rad := 0.2 + rng.Float64()*2
			r = append(r, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
		}
		r = append(r, r[0])
		polys = append(polys, orb.MultiPolygon{{r}})
	}
	ix := New(polys)
	for i := 0; i < 20000; i++ {
		p := orb.Point{rng.Float64()*14 - 2, rng.Float64()*14 - 2}
		var a, b []int
		ix.Contains(p, func(i int) bool { a = append(a, i); return true })
		ix.ContainsBrute(p, func(i int) bool { b = append(b, i); return true })
		if len(a) != len(b) {
			t.Fatalf("Contains(%v) = %v, brute force %v", p, a, b)
		}
	}
}

// TestGridAgainstTree checks that the grid's answers are the R-tree's and
// the exact tests' everywhere: at random points, at the corners and
// centres of cells and just beside cell edges, on overlapping random
// polygons with holes.
func TestGridAgainstTree(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	var polys []orb.MultiPolygon
	for k := 0; k < 30; k++ {
		cx, cy := rng.Float64()*10, rng.Float64()*10
		star := func(r0 float64) orb.Ring {
			var r orb.Ring
			n := 5 + rng.Intn(100)
			for j := 0; j < n; j++ {
				a := 2 * math.Pi * float64(j) / float64(n)
				rad := r0 * (0.5 + rng.Float64())
				r = append(r, orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
			}
			return append(r, r[0])
		}
		polys = append(polys, orb.MultiPolygon{{star(2), star(0.3)}}) // with a hole
	}
	ix := New(polys)
	g := ix.grid
	if g == nil {
		t.Fatal("no grid")
	}
	interior := 0
	for c := range g.nx * g.ny {
		if !g.crossed(c) {
			interior++
		}
	}
	if interior < g.nx*g.ny/4 {
		t.Errorf("only %d of %d cells are interior", interior, g.nx*g.ny)
	}
	var pts []orb.Point
	for i := 0; i < 20000; i++ {
		pts = append(pts, orb.Point{rng.Float64()*14 - 2, rng.Float64()*14 - 2})
	}
	for i := 0; i < 5000; i++ {
		cx, cy := float64(rng.Intn(g.nx+1)), float64(rng.Intn(g.ny+1))
		for _, d := range []float64{0, 0.5, 1e-9, -1e-9} {
			pts = append(pts, orb.Point{g.minX + (cx+d)/g.invW, g.minY + (cy+d)/g.invH})
		}
	}
	for _, p := range pts {
		var a, b []int
		ix.Contains(p, func(i int) bool { a = append(a, i); return true })
		ix.containsTree(p[0], p[1], func(i int) bool { b = append(b, i); return true })
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Fatalf("Contains(%v) = %v, the R-tree's %v", p, a, b)
		}
	}
}
