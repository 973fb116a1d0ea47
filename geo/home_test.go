package geo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/geo/resolvertest"
)

func TestHomeResolver(t *testing.T) {
	r := geo.NewHomeResolver(nl.Gazetteer(), nil)
	tests := []struct {
		profile string
		want    string
		level   geo.Level
	}{
		{"Rotterdam-Zuid", "GM0599", geo.LevelMunicipality},
		{"Amsterdam, NL", "GM0363", geo.LevelMunicipality},
		{"010 ❤️", "GM0599", geo.LevelMunicipality},
		{"Utrecht / Amsterdam", "GM0344,GM0363", geo.LevelMunicipality},
		{"ergens in Brabant", "PV30", geo.LevelProvince},
		{"NB", "PV30", geo.LevelProvince},
		{"Fryslân", "PV21", geo.LevelProvince},
		{"Bergen NH", "GM0373", geo.LevelMunicipality},
		{"Amersfoort, Utrecht", "GM0307", geo.LevelMunicipality},
		{"The Netherlands", "", 0},
		{"Nederland", "", 0},
		{"NL", "", 0},
		{"in je moeder", "", 0},
		{"op de bank", "", 0},
		{"127.0.0.1", "", 0},
		{"Mars", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			locs, err := r.Resolve(context.Background(), geo.Query{ProfileLocation: tt.profile})
			if got := areasOf(locs); got != tt.want {
				t.Fatalf("Resolve(%q) = %s (%v), want %s", tt.profile, got, err, tt.want)
			}
			if tt.want == "" && !errors.Is(err, geo.ErrNotFound) {
				t.Errorf("Resolve(%q) error = %v, want ErrNotFound", tt.profile, err)
			}
			for _, l := range locs {
				if l.Role != geo.RoleHome || l.Method != geo.MethodProfile || l.Level != tt.level {
					t.Errorf("Resolve(%q) location %+v, want role home, method profile, level %v", tt.profile, l, tt.level)
				}
			}
			if len(locs) > 1 && locs[0].Confidence >= 0.9 {
				t.Errorf("Resolve(%q): several areas with confidence %v, want lowered", tt.profile, locs[0].Confidence)
			}
		})
	}
	first := geo.NewHomeResolver(nl.Gazetteer(), &geo.HomeOptions{FirstOnly: true})
	if locs, _ := first.Resolve(context.Background(), geo.Query{ProfileLocation: "Utrecht / Amsterdam"}); areasOf(locs) != "GM0344" {
		t.Errorf("FirstOnly Resolve(Utrecht / Amsterdam) = %s, want GM0344", areasOf(locs))
	}
}

func TestHomeResolverConformance(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil).Home(nil)
	var qs []geo.Query
	for _, s := range []string{"Rotterdam-Zuid", "Utrecht / Amsterdam", "ergens in Brabant", "Mars", "Bergen", "Best"} {
		qs = append(qs, geo.Query{ProfileLocation: s})
	}
	resolvertest.Run(t, r, qs)
}

func FuzzHomeResolver(f *testing.F) {
	for _, s := range []string{"Rotterdam-Zuid", "010 ❤️", "Utrecht / Amsterdam", "ergens in Brabant", "127.0.0.1", "\xffNB", "Bergen (L)"} {
		f.Add(s)
	}
	r := geo.NewHomeResolver(nl.Gazetteer(), nil)
	f.Fuzz(func(t *testing.T, s string) {
		locs, err := r.Resolve(context.Background(), geo.Query{ProfileLocation: s})
		if err != nil && len(locs) == 0 {
			var amb *geo.AmbiguousError
			if !errors.Is(err, geo.ErrNotFound) && !errors.As(err, &amb) {
				t.Fatalf("Resolve(%q) unexpected error %v", s, err)
			}
		}
		checkLocations(t, s, locs)
	})
}
