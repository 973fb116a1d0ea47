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

// rigorousRD is an independent reference for ToRD: WGS84 → Amersfoort
// datum by the inverse of the EPSG/PROJ 7-parameter position-vector
// transformation (towgs84=565.417,50.3319,465.552,-0.398957,0.343988,
// -1.8774,4.0725), then the EPSG 9809 oblique stereographic projection on
// the Bessel 1841 ellipsoid with the EPSG:28992 parameters. It agrees with
// RDNAPTRANS to about a metre, like the approximation polynomials.
func rigorousRD(p orb.Point) (x, y float64) {
	const deg = math.Pi / 180
	// WGS84 geodetic → ECEF (h = 0).
	aw, fw := 6378137.0, 1/298.257223563
	e2w := fw * (2 - fw)
	phi, lam := p[1]*deg, p[0]*deg
	nu := aw / math.Sqrt(1-e2w*math.Sin(phi)*math.Sin(phi))
	X := nu * math.Cos(phi) * math.Cos(lam)
	Y := nu * math.Cos(phi) * math.Sin(lam)
	Z := nu * (1 - e2w) * math.Sin(phi)
	// Inverse Helmert (position vector): Xb = Rᵀ (Xw − T) / (1 + s).
	sec := deg / 3600
	tx, ty, tz := 565.417, 50.3319, 465.552
	rx, ry, rz := -0.398957*sec, 0.343988*sec, -1.8774*sec
	s := 4.0725e-6
	dx, dy, dz := (X-tx)/(1+s), (Y-ty)/(1+s), (Z-tz)/(1+s)
	Xb := dx + rz*dy - ry*dz
	Yb := -rz*dx + dy + rx*dz
	Zb := ry*dx - rx*dy + dz
	// ECEF → Bessel geodetic (iterate).
	ab, fb := 6377397.155, 1/299.1528128
	e2 := fb * (2 - fb)
	e := math.Sqrt(e2)
	pp := math.Hypot(Xb, Yb)
	lam = math.Atan2(Yb, Xb)
	phi = math.Atan2(Zb, pp*(1-e2))
	for i := 0; i < 10; i++ {
		nu = ab / math.Sqrt(1-e2*math.Sin(phi)*math.Sin(phi))
		phi = math.Atan2(Zb+e2*nu*math.Sin(phi), pp)
	}
	// Oblique stereographic (EPSG method 9809).
	phi0, lam0, k0 := 52.15616055555555*deg, 5.38763888888889*deg, 0.9999079
	sin0 := math.Sin(phi0)
	rho0 := ab * (1 - e2) / math.Pow(1-e2*sin0*sin0, 1.5)
	nu0 := ab / math.Sqrt(1-e2*sin0*sin0)
	R := math.Sqrt(rho0 * nu0)
	n := math.Sqrt(1 + e2*math.Pow(math.Cos(phi0), 4)/(1-e2))
	S1 := (1 + sin0) / (1 - sin0)
	S2 := (1 - e*sin0) / (1 + e*sin0)
	w1 := math.Pow(S1*math.Pow(S2, e), n)
	sinChi0 := (w1 - 1) / (w1 + 1)
	c := (n + sin0) * (1 - sinChi0) / ((n - sin0) * (1 + sinChi0))
	w2 := c * w1
	chi0 := math.Asin((w2 - 1) / (w2 + 1))
	L := n*(lam-lam0) + lam0
	sp := math.Sin(phi)
	w := c * math.Pow((1+sp)/(1-sp)*math.Pow((1-e*sp)/(1+e*sp), e), n)
	chi := math.Asin((w - 1) / (w + 1))
	B := 1 + math.Sin(chi)*math.Sin(chi0) + math.Cos(chi)*math.Cos(chi0)*math.Cos(L-lam0)
	x = 155000 + 2*R*k0*math.Cos(chi)*math.Sin(L-lam0)/B
	y = 463000 + 2*R*k0*(math.Sin(chi)*math.Cos(chi0)-math.Cos(chi)*math.Sin(chi0)*math.Cos(L-lam0))/B
	return x, y
}

// TestRDAgainstRigorous compares ToRD with the independent rigorous
// transformation over the Dutch land area (0.1° grid, 3.4–7.2°E,
// 50.75–53.5°N). Both are ~1 m approximations of RDNAPTRANS, so they
// agree to 0.30 m; the test allows 1 m.
func TestRDAgainstRigorous(t *testing.T) {
	var worst float64
	var at orb.Point
	for lat := 50.75; lat <= 53.5; lat += 0.1 {
		for lon := 3.4; lon <= 7.2; lon += 0.1 {
			p := orb.Point{lon, lat}
			x1, y1 := ToRD(p)
			x2, y2 := rigorousRD(p)
			if d := math.Hypot(x1-x2, y1-y2); d > worst {
				worst, at = d, p
			}
		}
	}
	t.Logf("ToRD vs rigorous: worst difference %.2f m at %v", worst, at)
	if worst > 1 {
		t.Errorf("ToRD differs from the rigorous transformation by %.2f m at %v, want ≤ 1 m", worst, at)
	}
}
