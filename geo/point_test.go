package geo_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/geo/resolvertest"
	"github.com/socialgeo/socialgeo/source"
)

func pt(lat, lon float64) *orb.Point { return &orb.Point{lon, lat} }

func TestPointResolver(t *testing.T) {
	g := nl.Gazetteer()
	plain := geo.NewPointResolver(g, nil)
	near := geo.NewPointResolver(g, &geo.PointOptions{NearestWithin: 3000})
	tests := []struct {
		name    string
		r       *geo.PointResolver
		geo     *orb.Point
		want    []geo.AreaID
		wantErr error
	}{
		{"Rijksmuseum", plain, pt(52.3600, 4.8852), []geo.AreaID{"GM0363", "VR13", "PV27"}, nil},
		{"Dom Utrecht", plain, pt(52.0908, 5.1222), []geo.AreaID{"GM0344", "VR09", "PV26"}, nil},
		{"Vaals", plain, pt(50.7737, 6.0186), []geo.AreaID{"GM0981", "VR24", "PV31"}, nil},
		{"no geotag", plain, nil, nil, geo.ErrNotFound},
		{"NaN", plain, pt(math.NaN(), 5), nil, geo.ErrNotFound},
		{"Inf", plain, pt(52, math.Inf(1)), nil, geo.ErrNotFound},
		{"out of range", plain, pt(952, 5), nil, geo.ErrNotFound},
		{"Baarle-Hertog enclave", plain, pt(51.43529, 4.91626), nil, geo.ErrOutside},
		{"Baarle-Hertog enclave, nearest on", near, pt(51.43529, 4.91626), nil, geo.ErrOutside},
		{"Antwerp", plain, pt(51.2194, 4.4025), nil, geo.ErrOutside},
		{"Aachen", near, pt(50.7753, 6.0839), nil, geo.ErrOutside},
		{"swapped Rijksmuseum", plain, pt(4.8852, 52.3600), nil, geo.ErrOutside},
		{"Markermeer", plain, pt(52.55, 5.25), nil, geo.ErrOutside},
		{"Markermeer, nearest on", near, pt(52.55, 5.25), nil, geo.ErrOutside},
		{"Waddenzee off Harlingen, nearest on", near, pt(53.18, 5.39), []geo.AreaID{"GM0072", "VR02", "PV21"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locs, err := tt.r.Resolve(context.Background(), geo.Query{Geo: tt.geo})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || len(locs) != 0 {
					t.Errorf("Resolve(%v) = %v, %v; want %v", tt.geo, locs, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(%v) error %v", tt.geo, err)
			}
			var got []geo.AreaID
			for _, l := range locs {
				got = append(got, l.Area)
				if l.Role != geo.RoleFrom || l.Method != geo.MethodGeotag || l.Point == nil || *l.Point != *tt.geo {
					t.Errorf("Resolve(%v) location %+v: want role from, method geotag, the point", tt.geo, l)
				}
			}
			if strings.Join(ids(got), " ") != strings.Join(ids(tt.want), " ") {
				t.Errorf("Resolve(%v) = %v, want %v", tt.geo, got, tt.want)
			}
		})
	}
}

func ids(a []geo.AreaID) []string {
	s := make([]string, len(a))
	for i, x := range a {
		s[i] = string(x)
	}
	return s
}

// TestPointLandmarks resolves every point of checks/landmarks_2024.tsv
// without NearestWithin: none needs it.
func TestPointLandmarks(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedGeo(t), "checks", "landmarks_2024.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	r := geo.NewPointResolver(nl.Gazetteer(), nil)
	ok := 0
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	for _, l := range lines {
		f := strings.Split(l, "\t")
		lat, _ := strconv.ParseFloat(f[1], 64)
		lon, _ := strconv.ParseFloat(f[2], 64)
		locs, err := r.Resolve(context.Background(), geo.Query{Geo: pt(lat, lon)})
		if err != nil || string(locs[0].Area) != f[3] {
			t.Errorf("Resolve(%s at %v,%v) = %v, %v; want %s", f[0], lat, lon, locs, err, f[3])
			continue
		}
		ok++
	}
	if ok != 228 {
		t.Errorf("%d of %d landmarks resolved, want 228", ok, len(lines))
	}
}

func sharedGeo(t testing.TB) string {
	t.Helper()
	d, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			break
		}
		p := filepath.Dir(d)
		if p == d {
			t.Fatal("go.mod not found")
		}
		d = p
	}
	dir := filepath.Join(d, "..", "shared", "data", "geo")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("source data folder %s absent: %v", dir, err)
	}
	return dir
}

func TestPlaceResolver(t *testing.T) {
	r := geo.NewPlaceResolver(nl.Gazetteer(), nil)
	ams := orb.Bound{Min: orb.Point{4.7288, 52.2782}, Max: orb.Point{5.0792, 52.4311}}
	tests := []struct {
		name     string
		place    *source.Place
		want     []geo.AreaID
		wantConf float64
		wantErr  error
	}{
		{"Amsterdam city box", &source.Place{Name: "Amsterdam", Type: "city", Country: "NL", Bound: ams}, []geo.AreaID{"GM0363", "VR13", "PV27"}, 0.8, nil},
		{"alias name with box", &source.Place{Name: "Den Haag", Bound: orb.Bound{Min: orb.Point{4.19, 52.01}, Max: orb.Point{4.42, 52.14}}}, []geo.AreaID{"GM0518", "VR15", "PV28"}, 0.8, nil},
		{"unknown name, box decides", &source.Place{Name: "Centrum", Bound: orb.Bound{Min: orb.Point{4.88, 52.36}, Max: orb.Point{4.92, 52.38}}}, []geo.AreaID{"GM0363", "VR13", "PV27"}, 0.6, nil},
		{"venue box is a point", &source.Place{Name: "Rijksmuseum", Type: "poi", Bound: orb.Bound{Min: orb.Point{4.884, 52.359}, Max: orb.Point{4.886, 52.361}}}, []geo.AreaID{"GM0363", "VR13", "PV27"}, 0.85, nil},
		{"Hengelo with Overijssel box", &source.Place{Name: "Hengelo", Bound: orb.Bound{Min: orb.Point{6.73, 52.23}, Max: orb.Point{6.84, 52.29}}}, []geo.AreaID{"GM0164", "VR05", "PV23"}, 0.8, nil},
		{"name only, unique", &source.Place{Name: "Zwolle"}, []geo.AreaID{"GM0193", "VR04", "PV23"}, 0.7, nil},
		{"country box", &source.Place{Name: "Nederland", Type: "country", Bound: orb.Bound{Min: orb.Point{3.36, 50.75}, Max: orb.Point{7.23, 53.55}}}, nil, 0, geo.ErrNotFound},
		{"other country", &source.Place{Name: "Antwerpen", Country: "BE"}, nil, 0, geo.ErrOutside},
		{"no place", nil, nil, 0, geo.ErrNotFound},
		{"invalid box", &source.Place{Name: "Zwolle", Bound: orb.Bound{Min: orb.Point{math.NaN(), 1}, Max: orb.Point{2, 2}}}, nil, 0, geo.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locs, err := r.Resolve(context.Background(), geo.Query{Place: tt.place})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || len(locs) != 0 {
					t.Errorf("Resolve(%+v) = %v, %v; want %v", tt.place, locs, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(%+v) error %v", tt.place, err)
			}
			var got []geo.AreaID
			for _, l := range locs {
				got = append(got, l.Area)
				if l.Role != geo.RoleFrom || l.Method != geo.MethodPlace || l.Confidence != tt.wantConf {
					t.Errorf("Resolve(%+v) location %+v: want role from, method place, confidence %v", tt.place, l, tt.wantConf)
				}
			}
			if strings.Join(ids(got), " ") != strings.Join(ids(tt.want), " ") {
				t.Errorf("Resolve(%+v) = %v, want %v", tt.place, got, tt.want)
			}
		})
	}
	// A shared name without a box is ambiguous.
	_, err := r.Resolve(context.Background(), geo.Query{Place: &source.Place{Name: "Hengelo"}})
	var amb *geo.AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) < 2 {
		t.Errorf("Resolve(Hengelo) error = %v, want *AmbiguousError with 2 candidates", err)
	}
}

func conformanceQueries() []geo.Query {
	return []geo.Query{
		{Geo: pt(52.36, 4.8852)},
		{Geo: pt(51.43529, 4.91626)},
		{Geo: pt(math.NaN(), 1)},
		{Geo: pt(53.18, 5.39)},
		{Place: &source.Place{Name: "Amsterdam", Bound: orb.Bound{Min: orb.Point{4.7288, 52.2782}, Max: orb.Point{5.0792, 52.4311}}}},
		{Place: &source.Place{Name: "Hengelo"}},
		{Place: &source.Place{Name: "Zwolle"}},
		{Text: "Mooi weer in Zwolle", Tokens: []geo.Token{{Start: 13, End: 19}}, Context: []geo.Location{{Area: "GM0193"}}},
	}
}

func TestConformance(t *testing.T) {
	g := nl.Gazetteer()
	pr := geo.NewPointResolver(g, &geo.PointOptions{NearestWithin: 2000})
	pl := geo.NewPlaceResolver(g, nil)
	t.Run("PointResolver", func(t *testing.T) { resolvertest.Run(t, pr, conformanceQueries()) })
	t.Run("PlaceResolver", func(t *testing.T) { resolvertest.Run(t, pl, conformanceQueries()) })
	t.Run("Chain", func(t *testing.T) { resolvertest.Run(t, geo.Chain(pr, pl), conformanceQueries()) })
	t.Run("All", func(t *testing.T) { resolvertest.Run(t, geo.All(pr, pl), conformanceQueries()) })
}

func FuzzPointResolver(f *testing.F) {
	r := geo.NewPointResolver(nl.Gazetteer(), &geo.PointOptions{NearestWithin: 5000})
	f.Add(4.8852, 52.36)
	f.Add(math.NaN(), 52.0)
	f.Add(math.Inf(-1), math.Inf(1))
	f.Add(4.91626, 51.43529)
	f.Add(1e308, -1e308)
	f.Fuzz(func(t *testing.T, lon, lat float64) {
		locs, err := r.Resolve(context.Background(), geo.Query{Geo: &orb.Point{lon, lat}})
		if err == nil && len(locs) == 0 {
			t.Errorf("Resolve(%v, %v) = no locations and no error", lon, lat)
		}
		for _, l := range locs {
			if !(l.Confidence > 0 && l.Confidence <= 1) || l.Area == "" {
				t.Errorf("Resolve(%v, %v) gave %+v", lon, lat, l)
			}
		}
	})
}

func FuzzPlaceResolver(f *testing.F) {
	r := geo.NewPlaceResolver(nl.Gazetteer(), nil)
	f.Add("Amsterdam", 4.7, 52.2, 5.0, 52.4)
	f.Add("", math.NaN(), 0.0, 1.0, math.Inf(1))
	f.Fuzz(func(t *testing.T, name string, x0, y0, x1, y1 float64) {
		q := geo.Query{Place: &source.Place{Name: name, Bound: orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}}}
		locs, err := r.Resolve(context.Background(), q)
		if err == nil && len(locs) == 0 {
			t.Errorf("Resolve(%+v) = no locations and no error", q.Place)
		}
		for _, l := range locs {
			if !(l.Confidence > 0 && l.Confidence <= 1) || l.Area == "" {
				t.Errorf("Resolve(%+v) gave %+v", q.Place, l)
			}
		}
	})
}

// BenchmarkFromResolvers resolves where posts were sent from, as the
// pipeline does (geo.Chain of a PointResolver and a PlaceResolver):
// geotags, and platform places with a city's box, with a name only and
// with a venue's box. allocs/op are per query.
func BenchmarkFromResolvers(b *testing.B) {
	g := nl.Gazetteer()
	r := geo.Chain(geo.NewPointResolver(g, nil), geo.NewPlaceResolver(g, nil))
	ams := orb.Bound{Min: orb.Point{4.7288, 52.2782}, Max: orb.Point{5.0792, 52.4311}}
	qs := []geo.Query{
		{Geo: &orb.Point{4.8897, 52.3740}},
		{Geo: &orb.Point{5.1214, 52.0907}},
		{Geo: &orb.Point{6.5665, 53.2194}},
		{Place: &source.Place{Name: "Amsterdam", FullName: "Amsterdam, Nederland", Type: "city", Country: "NL", Bound: ams}},
		{Place: &source.Place{Name: "Hengelo", Type: "city", Country: "NL", Bound: orb.Bound{Min: orb.Point{6.73, 52.23}, Max: orb.Point{6.84, 52.29}}}},
		{Place: &source.Place{Name: "Zwolle"}},
		{Place: &source.Place{Name: "Rijksmuseum", Type: "poi", Bound: orb.Bound{Min: orb.Point{4.884, 52.359}, Max: orb.Point{4.886, 52.361}}}},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := r.Resolve(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
}
