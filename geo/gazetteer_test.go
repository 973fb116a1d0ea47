package geo_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// testGazetteer: province PV1 with two municipalities side by side; GM2 has
// a hole filled by the Abroad zone; a PC4 centroid in GM1.
func testGazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	areas := []geo.Area{
		{ID: "PV1", Name: "Provincie", Level: geo.LevelProvince, Point: orb.Point{5, 52}},
		{ID: "VR1", Name: "Regio", Level: geo.LevelSafetyRegion, Parents: []geo.AreaID{"PV1"}, Point: orb.Point{5, 52}},
		{ID: "GM1", Name: "Westdorp", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"VR1", "PV1"},
			Geometry: orb.MultiPolygon{{square(4, 51, 5, 53)}}, Point: orb.Point{4.5, 52}, Population: 100},
		{ID: "GM2", Name: "Oostdorp", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"VR1", "PV1"},
			Geometry: orb.MultiPolygon{{square(5, 51, 6, 53), square(5.4, 51.9, 5.6, 52.1)}}, Point: orb.Point{5.8, 52}},
		{ID: geo.Abroad, Geometry: orb.MultiPolygon{{square(5.4, 51.9, 5.6, 52.1)}}},
		{ID: "PC4-1234", Level: geo.LevelPC4, Parents: []geo.AreaID{"GM1", "VR1", "PV1"}, Point: orb.Point{4.2, 52}, Population: 42},
	}
	names := []geo.Name{
		{Text: "Westdorp", Area: "GM1", Kind: geo.NameOfficial, Point: orb.Point{4.5, 52}},
		{Text: "'s-Westdörp", Area: "GM1", Kind: geo.NameAlias, Point: orb.Point{4.5, 52}},
		{Text: "Oostdorp", Area: "GM2", Kind: geo.NameOfficial, Point: orb.Point{5.8, 52}},
	}
	g, err := geo.NewGazetteer(areas, names)
	require.NoError(t, err)
	return g
}

func TestLocate(t *testing.T) {
	g := testGazetteer(t)
	tests := []struct {
		name string
		p    orb.Point
		want []geo.AreaID
	}{
		{"west", orb.Point{4.5, 52}, []geo.AreaID{"GM1", "VR1", "PV1"}},
		{"east", orb.Point{5.8, 52.5}, []geo.AreaID{"GM2", "VR1", "PV1"}},
		{"in hole = abroad", orb.Point{5.5, 52}, nil},
		{"outside", orb.Point{7, 52}, nil},
		{"swapped", orb.Point{52, 4.5}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.Locate(tt.p); !slices.Equal(got, tt.want) {
				t.Errorf("Locate(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestGazetteerAccessors(t *testing.T) {
	g := testGazetteer(t)
	if _, ok := g.Area(geo.Abroad); ok {
		t.Errorf("Area(%q) found, want hidden", geo.Abroad)
	}
	var ids []geo.AreaID
	for a := range g.Areas(geo.LevelMunicipality) {
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []geo.AreaID{"GM1", "GM2"}, ids)
	got := g.Lookup("S-WESTDORP")
	if len(got) != 1 || got[0].Area != "GM1" {
		t.Errorf("Lookup(S-WESTDORP) = %v, want the alias of GM1", got)
	}
	pc, ok := g.Postcode("1234 ab")
	if !ok || pc.Population != 42 || pc.Parents[0] != "GM1" {
		t.Errorf("Postcode(1234 ab) = %v, %v", pc, ok)
	}
	for _, bad := range []string{"0123", "123", "12345", "1234 A1", ""} {
		if _, ok := g.Postcode(bad); ok {
			t.Errorf("Postcode(%q) found, want not found", bad)
		}
	}
	if id, d, ok := g.Nearest(orb.Point{3.99, 52}, 2000); !ok || id != "GM1" || d < 600 || d > 750 {
		t.Errorf("Nearest = %v %v %v, want GM1 at ~685 m", id, d, ok)
	}
	if _, _, ok := g.Nearest(orb.Point{5.5, 52}, 50000); ok {
		t.Errorf("Nearest in abroad zone found an area")
	}
	v := g.WithVintage("2024").Version()
	if len(v) != len("2024+")+12 {
		t.Errorf("Version() = %q", v)
	}
}

func TestNewGazetteerErrors(t *testing.T) {
	tests := []struct {
		name  string
		areas []geo.Area
		names []geo.Name
	}{
		{"empty id", []geo.Area{{Level: geo.LevelProvince}}, nil},
		{"bad level", []geo.Area{{ID: "X"}}, nil},
		{"duplicate", []geo.Area{{ID: "X", Level: 1}, {ID: "X", Level: 1}}, nil},
		{"unknown parent", []geo.Area{{ID: "X", Level: 3, Parents: []geo.AreaID{"Y"}}}, nil},
		{"unknown name area", []geo.Area{{ID: "X", Level: 1}}, []geo.Name{{Text: "a", Area: "Y", Kind: geo.NamePlace}}},
		{"empty name", []geo.Area{{ID: "X", Level: 1}}, []geo.Name{{Area: "X", Kind: geo.NamePlace}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := geo.NewGazetteer(tt.areas, tt.names)
			if !errors.Is(err, geo.ErrInvalid) {
				t.Errorf("NewGazetteer() error = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{geo.LevelPC4.String(), "pc4"},
		{geo.LevelSafetyRegion.String(), "safety-region"},
		{geo.Level(99).String(), "?"},
		{geo.RoleAbout.String(), "about"},
		{geo.MethodPostcode.String(), "postcode"},
		{geo.Method(0).String(), "?"},
		{geo.NameLandmark.String(), "landmark"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}

func FuzzPostcodeLookup(f *testing.F) {
	g := testGazetteer(f)
	for _, s := range []string{"1234", "1234 AB", "'s-Westdorp", "", "\xff\xfe", "12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, ok := g.Postcode(s); ok && a.Level != geo.LevelPC4 {
			t.Errorf("Postcode(%q) = %+v", s, a)
		}
		for _, n := range g.Lookup(s) {
			if n.Area == "" {
				t.Errorf("Lookup(%q) gave %+v", s, n)
			}
		}
	})
}
