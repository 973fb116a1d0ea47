package nl_test

import (
	"math/rand"
	"testing"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/geo/nl/pc4"
	"github.com/socialgeo/socialgeo/internal/spatial"
)

// randomPoints returns n points uniform in the bounding box of the
// Netherlands (about 40 % fall in water or abroad), from a fixed seed.
func randomPoints(n int) []orb.Point {
	rng := rand.New(rand.NewSource(1))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{3.36 + rng.Float64()*(7.23-3.36), 50.75 + rng.Float64()*(53.55-50.75)}
	}
	return pts
}

// bruteForce is the baseline: every polygon of every level (municipalities,
// safety regions, provinces) tested edge by edge, no index.
func bruteForce(g *geo.Gazetteer) (*spatial.Index, []geo.AreaID) {
	var polys []orb.MultiPolygon
	var ids []geo.AreaID
	for _, l := range []geo.Level{geo.LevelPC4, geo.LevelMunicipality, geo.LevelSafetyRegion, geo.LevelProvince} {
		for a := range g.Areas(l) {
			if len(a.Geometry) > 0 {
				polys = append(polys, a.Geometry)
				ids = append(ids, a.ID)
			}
		}
	}
	return spatial.New(polys), ids
}

// TestLocateMatchesBruteForce checks the indexed municipality against a
// linear scan for random points.
func TestLocateMatchesBruteForce(t *testing.T) {
	g := nl.Gazetteer()
	ix, ids := bruteForce(g)
	for _, p := range randomPoints(5000) {
		var want geo.AreaID
		ix.ContainsBrute(p, func(i int) bool {
			if a, _ := g.Area(ids[i]); a.Level == geo.LevelMunicipality {
				want = ids[i]
				return false
			}
			return true
		})
		got := g.Locate(p)
		if want == "" {
			// Outside every municipality, or in the Baarle-Hertog zone
			// (which the brute-force index does not know).
			if len(got) != 0 {
				t.Errorf("Locate(%v) = %v, brute force finds no municipality", p, got)
			}
			continue
		}
		if (len(got) == 0 && !inBaarle(p)) || len(got) > 0 && got[0] != want {
			t.Errorf("Locate(%v) = %v, brute force %s", p, got, want)
		}
	}
}

func inBaarle(p orb.Point) bool { return p[0] > 4.85 && p[0] < 4.97 && p[1] > 51.4 && p[1] < 51.46 }

func benchLocate(b *testing.B, g *geo.Gazetteer) {
	pts := randomPoints(1 << 16)
	buf := make([]geo.AreaID, 0, 8)
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		buf = g.AppendLocate(buf[:0], pts[i&(len(pts)-1)])
		hits += len(buf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
	_ = hits
}

// BenchmarkLocate locates a point at every level (municipality, safety
// region, province) in the default data.
func BenchmarkLocate(b *testing.B) { benchLocate(b, nl.Gazetteer()) }

// BenchmarkLocatePC4 does the same with the PC4 polygons of geo/nl/pc4.
func BenchmarkLocatePC4(b *testing.B) { benchLocate(b, pc4.Gazetteer()) }

// BenchmarkLocateBruteForce tests every polygon of every level in turn.
func BenchmarkLocateBruteForce(b *testing.B) {
	ix, _ := bruteForce(nl.Gazetteer())
	pts := randomPoints(1 << 16)
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		ix.ContainsBrute(pts[i&(len(pts)-1)], func(int) bool { hits++; return true })
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "points/s")
}
