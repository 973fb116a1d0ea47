package geo

import "github.com/paulmach/orb"

// RD New (EPSG:28992, Rijksdriehoeksstelsel) conversion.
//
// ToRD and FromRD use the approximation polynomials published by
// Schreutelkamp and Strang van Hees, "Benaderingsformules voor de
// transformatie tussen RD- en WGS84-kaartcoördinaten" (Stichting De
// Hollandse Cirkel / SGK, 2001), referenced to the Amersfoort origin
// (x0, y0) = (155000, 463000) m ↔ (φ0, λ0) = (52.15517440°, 5.38720621°).
//
// WGS84 → RD, with dφ = 0.36·(φ − φ0) and dλ = 0.36·(λ − λ0) (φ, λ in degrees):
//
//	x = x0 + Σ R_pq · dφ^p · dλ^q
//	y = y0 + Σ S_pq · dφ^p · dλ^q
//
// RD → WGS84, with dx = 1e-5·(x − x0) and dy = 1e-5·(y − y0):
//
//	φ = φ0 + Σ K_pq · dx^p · dy^q / 3600
//	λ = λ0 + Σ L_pq · dx^p · dy^q / 3600
//
// Measured (go test -run RD -v ./geo/): over the Netherlands ToRD agrees
// with an independent rigorous transformation (7-parameter Helmert to the
// Amersfoort datum + EPSG 9809 oblique stereographic on Bessel 1841) to
// 0.30 m at worst, and FromRD(ToRD(p)) returns p to within 3 mm.
//
// The published accuracy is better than about 1 m over the Netherlands
// (the RD map area); outside it the error grows quickly and the result is
// meaningless. For survey-grade (cm) work use the full RDNAPTRANS™
// procedure with its correction grids.
var (
	rdR = [...]rdTerm{{0, 1, 190094.945}, {1, 1, -11832.228}, {2, 1, -114.221}, {0, 3, -32.391}, {1, 0, -0.705}, {3, 1, -2.340}, {1, 3, -0.608}, {0, 2, -0.008}, {2, 3, 0.148}}
	rdS = [...]rdTerm{{1, 0, 309056.544}, {0, 2, 3638.893}, {2, 0, 73.077}, {1, 2, -157.984}, {3, 0, 59.788}, {0, 1, 0.433}, {2, 2, -6.439}, {1, 1, -0.032}, {0, 4, 0.092}, {1, 4, -0.054}}
	rdK = [...]rdTerm{{0, 1, 3235.65389}, {2, 0, -32.58297}, {0, 2, -0.24750}, {2, 1, -0.84978}, {0, 3, -0.06550}, {2, 2, -0.01709}, {1, 0, -0.00738}, {4, 0, 0.00530}, {2, 3, -0.00039}, {4, 1, 0.00033}, {1, 1, -0.00012}}
	rdL = [...]rdTerm{{1, 0, 5260.52916}, {1, 1, 105.94684}, {1, 2, 2.45656}, {3, 0, -0.81885}, {1, 3, 0.05594}, {3, 1, -0.05607}, {0, 1, 0.01199}, {3, 2, -0.00256}, {1, 4, 0.00128}, {0, 2, 0.00022}, {2, 0, -0.00022}, {5, 0, 0.00026}}
)

// RD origin (Amersfoort) in RD metres and WGS84 degrees.
const (
	RDOriginX   = 155000.0
	RDOriginY   = 463000.0
	RDOriginLat = 52.15517440
	RDOriginLon = 5.38720621
)

type rdTerm struct {
	p, q int
	c    float64
}

func pow(v float64, n int) float64 {
	r := 1.0
	for ; n > 0; n-- {
		r *= v
	}
	return r
}

func rdSum(terms []rdTerm, a, b float64) float64 {
	var s float64
	for _, t := range terms {
		s += t.c * pow(a, t.p) * pow(b, t.q)
	}
	return s
}

// ToRD converts a WGS84 point [lon, lat] (degrees) to RD New (EPSG:28992)
// easting x and northing y in metres, with the approximation polynomials
// described above (error below about 1 m inside the Netherlands). Points
// far from the Netherlands give meaningless but finite values; NaN in
// gives NaN out.
func ToRD(p orb.Point) (x, y float64) {
	dPhi := 0.36 * (p[1] - RDOriginLat)
	dLam := 0.36 * (p[0] - RDOriginLon)
	return RDOriginX + rdSum(rdR[:], dPhi, dLam), RDOriginY + rdSum(rdS[:], dPhi, dLam)
}

// FromRD converts RD New (EPSG:28992) coordinates in metres to a WGS84
// point [lon, lat] in degrees, the inverse of [ToRD] within its accuracy.
func FromRD(x, y float64) orb.Point {
	dx := (x - RDOriginX) * 1e-5
	dy := (y - RDOriginY) * 1e-5
	lat := RDOriginLat + rdSum(rdK[:], dx, dy)/3600
	lon := RDOriginLon + rdSum(rdL[:], dx, dy)/3600
	return orb.Point{lon, lat}
}
