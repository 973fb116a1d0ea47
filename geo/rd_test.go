package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

func TestRDReference(t *testing.T) {
	tests := []struct {
		name string
		x, y float64
		p    orb.Point
		tolM float64 // metres
	}{
		{"Amersfoort origin", 155000, 463000, orb.Point{5.38720621, 52.15517440}, 0.01},
		// Martinitoren, Groningen: RD 233883.131, 582065.167 ↔ 53.219383167°N,
		// 6.568200529°E, the worked example of the published formulas
		// (Transformatieformules, De Koepel / SGK, formula 6, table 4).
		{"Groningen Martinitoren", 233883.131, 582065.167, orb.Point{6.5682005290780019, 53.219383166978588}, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := ToRD(tt.p)
			if d := math.Hypot(x-tt.x, y-tt.y); d > tt.tolM {
				t.Errorf("ToRD(%v) = (%.2f, %.2f), want (%.0f, %.0f): off by %.2f m", tt.p, x, y, tt.x, tt.y, d)
			}
			p := FromRD(tt.x, tt.y)
			if d := geo.Distance(p, tt.p); d > tt.tolM {
				t.Errorf("FromRD(%.0f, %.0f) = %v, want %v: off by %.2f m", tt.x, tt.y, p, tt.p, d)
			}
		})
	}
}

// TestRDRoundTrip checks WGS84 → RD → WGS84 over a 0.05° grid covering the
// Netherlands (3.3–7.3°E, 50.7–53.6°N).
func TestRDRoundTrip(t *testing.T) {
	var worst float64
	for lat := 50.7; lat <= 53.6; lat += 0.05 {
		for lon := 3.3; lon <= 7.3; lon += 0.05 {
			p := orb.Point{lon, lat}
			x, y := ToRD(p)
			q := FromRD(x, y)
			worst = math.Max(worst, geo.Distance(p, q))
		}
	}
	if worst > 1 {
		t.Errorf("round trip worst error %.3f m, want < 1 m", worst)
	}
	t.Logf("round trip worst error %.3f m", worst)
}

func BenchmarkToRD(b *testing.B) {
	b.ReportAllocs()
	p := orb.Point{4.9, 52.37}
	for i := 0; i < b.N; i++ {
		x, y := ToRD(p)
		p[0] += (x + y) * 1e-18
	}
}
