package geo_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/geo/resolvertest"
	"github.com/socialgeo/socialgeo/internal/text"
)

// tinyGazetteer is a hand-made gazetteer for rule tests that do not depend
// on the embedded data.
func tinyGazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	sq := func(x, y float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + 0.1, y}, {x + 0.1, y + 0.1}, {x, y + 0.1}, {x, y}}}}
	}
	areas := []geo.Area{
		{ID: "PV27", Name: "Noord-Holland", Level: geo.LevelProvince, Geometry: sq(4.0, 52.0), Point: orb.Point{4.05, 52.05}},
		{ID: "PV31", Name: "Limburg", Level: geo.LevelProvince, Geometry: sq(5.0, 51.0), Point: orb.Point{5.05, 51.05}},
		{ID: "GM0373", Name: "Bergen (NH.)", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"PV27"}, Geometry: sq(4.0, 52.0), Point: orb.Point{4.05, 52.05}, Population: 29000},
		{ID: "GM0893", Name: "Bergen (L.)", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"PV31"}, Geometry: sq(5.0, 51.0), Point: orb.Point{5.05, 51.05}, Population: 13000},
		{ID: "GM0753", Name: "Best", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"PV31"}, Geometry: sq(5.2, 51.2), Point: orb.Point{5.25, 51.25}, Population: 30000},
		{ID: "GM0363", Name: "Amsterdam", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"PV27"}, Geometry: sq(4.2, 52.2), Point: orb.Point{4.25, 52.25}, Population: 900000},
	}
	names := []geo.Name{
		{Text: "Bergen", Area: "GM0373", Kind: geo.NamePlace, Point: orb.Point{4.05, 52.05}, Population: 12000},
		{Text: "Bergen", Area: "GM0893", Kind: geo.NamePlace, Point: orb.Point{5.05, 51.05}, Population: 11000},
		{Text: "Best", Area: "GM0753", Kind: geo.NameOfficial, Point: orb.Point{5.25, 51.25}, Population: 30000},
		{Text: "Amsterdam", Area: "GM0363", Kind: geo.NameOfficial, Point: orb.Point{4.25, 52.25}, Population: 900000},
		{Text: "Mokum", Area: "GM0363", Kind: geo.NameAlias, Point: orb.Point{4.25, 52.25}, Population: 900000},
		{Text: "Limburg", Area: "PV31", Kind: geo.NameOfficial, Point: orb.Point{5.05, 51.05}},
	}
	g, err := geo.NewGazetteer(areas, names)
	if err != nil {
		t.Fatalf("NewGazetteer: %v", err)
	}
	return g
}

func areasOf(locs []geo.Location) string {
	var ids []string
	for _, l := range locs {
		ids = append(ids, string(l.Area))
	}
	return strings.Join(ids, ",")
}

func TestTextResolverTiny(t *testing.T) {
	r := geo.NewTextResolver(tinyGazetteer(t), nil)
	tests := []struct {
		name, text string
		ctx        geo.AreaID
		want       string
		ambiguous  bool
	}{
		{"common word", "Dat was echt best leuk", "", "", false},
		{"common word after preposition", "Morgen naar Best", "", "GM0753", false},
		{"common word sentence start", "Best wel druk hier", "", "", false},
		{"common word all caps", "NAAR BEST LEUK", "", "", false},
		{"hashtag", "Mooi weer #Best", "", "GM0753", false},
		{"alias", "Terug in Mokum", "", "GM0363", false},
		{"case insensitive", "amsterdam is mooi", "", "GM0363", false},
		{"qualifier", "Kermis in Bergen (L.) vandaag", "", "GM0893", false},
		{"qualifier consumed", "Markt in Bergen, Limburg", "", "GM0893", false},
		{"context", "Ik ga naar Bergen", "GM0893", "GM0893", false},
		{"context province", "Ik ga naar Bergen", "PV27", "GM0373", false},
		{"nearby place", "Van Amsterdam naar Bergen", "", "GM0363,GM0373", false},
		{"ambiguous", "Ik ga naar Bergen", "", "", true},
		{"province", "Storm in Limburg", "", "PV31", false},
		{"nothing", "Wat een mooie dag", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := geo.Query{Text: tt.text}
			if tt.ctx != "" {
				lvl := geo.LevelMunicipality
				if strings.HasPrefix(string(tt.ctx), "PV") {
					lvl = geo.LevelProvince
				}
				q.Context = []geo.Location{{Area: tt.ctx, Level: lvl, Role: geo.RoleHome, Method: geo.MethodProfile, Confidence: 1}}
			}
			locs, err := r.Resolve(context.Background(), q)
			var amb *geo.AmbiguousError
			if got := errors.As(err, &amb); got != tt.ambiguous {
				t.Errorf("Resolve(%q) error = %v, want ambiguous %v", tt.text, err, tt.ambiguous)
			}
			if tt.ambiguous && amb != nil && (amb.Name != "Bergen" || len(amb.Candidates) != 2) {
				t.Errorf("Resolve(%q) AmbiguousError = %+v, want Bergen with 2 candidates", tt.text, amb)
			}
			if got := areasOf(locs); got != tt.want {
				t.Errorf("Resolve(%q) = %s, want %s", tt.text, got, tt.want)
			}
			if tt.want == "" && !tt.ambiguous && !errors.Is(err, geo.ErrNotFound) {
				t.Errorf("Resolve(%q) error = %v, want ErrNotFound", tt.text, err)
			}
			for _, l := range locs {
				if l.Role != geo.RoleAbout || tt.text[l.Start:l.End] == "" {
					t.Errorf("Resolve(%q) location %+v: wrong role or empty span", tt.text, l)
				}
			}
		})
	}
}

func TestTextResolverNL(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	tests := []struct {
		text string
		want string
		span string // text of the first location
		m    geo.Method
	}{
		{"Morgen naar Best", "GM0753", "Best", geo.MethodText},
		{"#denhaag koningsdag", "GM0518", "#denhaag", geo.MethodHashtag},
		{"Op weg naar 's-Hertogenbosch", "GM0796", "s-Hertogenbosch", geo.MethodText},
		{"Wijk bij Duurstede heeft een molen", "GM0352", "Wijk bij Duurstede", geo.MethodText},
		{"Horst aan de Maas", "GM1507", "Horst aan de Maas", geo.MethodText},
		{"Postcode 1071 AB", "PC4-1071", "1071 AB", geo.MethodPostcode},
		{"Inbraak in 1071AB", "PC4-1071", "1071AB", geo.MethodPostcode},
		{"In 2024 om 12:30 voor €1234 of 1234 euro", "", "", 0},
		{"Dorpsstraat 1234 en bel 06 1234 5678", "", "", 0},
		{"FRYSLÂN en Fryslan", "PV21", "FRYSLÂN", geo.MethodText},
		{"Hengelo (Gld) is mooi", "GM1876", "Hengelo", geo.MethodText},
	}
	for _, tt := range tests {
		locs, _ := r.Resolve(context.Background(), geo.Query{Text: tt.text})
		if got := areasOf(locs); got != tt.want {
			t.Errorf("Resolve(%q) = %s, want %s", tt.text, got, tt.want)
			continue
		}
		if len(locs) > 0 {
			if got := tt.text[locs[0].Start:locs[0].End]; got != tt.span || locs[0].Method != tt.m {
				t.Errorf("Resolve(%q) span %q method %v, want %q %v", tt.text, got, locs[0].Method, tt.span, tt.m)
			}
		}
	}
}

// TestTextResolverTokens checks that given tokens give the same result as
// tokenising inside.
func TestTextResolverTokens(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	for _, s := range []string{"Van Goes naar Middelburg", "#Utrecht 3511 AB", "niets"} {
		a, errA := r.Resolve(context.Background(), geo.Query{Text: s})
		b, errB := r.Resolve(context.Background(), geo.Query{Text: s, Tokens: text.Tokenize(s, nil)})
		if areasOf(a) != areasOf(b) || errors.Is(errA, geo.ErrNotFound) != errors.Is(errB, geo.ErrNotFound) {
			t.Errorf("Resolve(%q) without tokens %v, with tokens %v", s, a, b)
		}
	}
}

func TestTextResolverOptions(t *testing.T) {
	g := nl.Gazetteer()
	r := geo.NewTextResolver(g, &geo.TextOptions{NoPostcodes: true, MinConfidence: 0.85, NoAmbiguityErrors: true})
	locs, err := r.Resolve(context.Background(), geo.Query{Text: "1071 AB en naar Best en naar Beek"})
	if !errors.Is(err, geo.ErrNotFound) || len(locs) != 0 {
		t.Errorf("Resolve with options = %v, %v; want ErrNotFound", locs, err)
	}
}

func TestTextResolverCancelled(t *testing.T) {
	r := geo.NewTextResolver(tinyGazetteer(t), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Resolve(ctx, geo.Query{Text: "Amsterdam"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Resolve(cancelled) error = %v, want context.Canceled", err)
	}
}

func TestTextResolverConformance(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	var qs []geo.Query
	for _, s := range evalTexts(t, 60) {
		qs = append(qs, geo.Query{Text: s})
	}
	qs = append(qs, geo.Query{Text: "Naar Beek"}, geo.Query{Text: "x", Tokens: text.Tokenize("x", nil)})
	resolvertest.Run(t, r, qs)
}

// evalTexts returns up to n post texts of the labelled evaluation file.
func evalTexts(t testing.TB, n int) []string {
	t.Helper()
	f, err := os.Open("testdata/text_eval.tsv")
	if err != nil {
		t.Fatalf("open eval file: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && (n <= 0 || len(out) < n) {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "text\t") {
			continue
		}
		out = append(out, strings.SplitN(line, "\t", 2)[0])
	}
	return out
}

// runeBoundary reports whether i is where a rune (or an invalid byte,
// decoded as utf8.RuneError) starts in s, or len(s).
func runeBoundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j == i {
			return true
		}
		if j > i {
			break
		}
	}
	return false
}

func checkLocations(t *testing.T, s string, locs []geo.Location) {
	for _, l := range locs {
		if l.Start < 0 || l.End > len(s) || l.Start > l.End {
			t.Fatalf("span [%d,%d) outside %q", l.Start, l.End, s)
		}
		if !runeBoundary(s, l.Start) || !runeBoundary(s, l.End) {
			t.Fatalf("span [%d,%d) not on rune boundaries of %q", l.Start, l.End, s)
		}
		if !(l.Confidence >= 0 && l.Confidence <= 1) {
			t.Fatalf("confidence %v outside [0,1] for %q", l.Confidence, s)
		}
		if l.Area == "" {
			t.Fatalf("empty area for %q", s)
		}
	}
}

func FuzzTextResolver(f *testing.F) {
	for _, s := range []string{"Morgen naar Best", "#denhaag 1071 AB", "'s-Hertogenbosch", "Bergen (L.)", "€1234 12:30", "\xff\xfe naar Goes", "ÉCHT BEST", "Hengelo Gld, Limburg",
		"Echt, Roermond en Heel", "Zin in Best Kept Secret", "Well, kinderdijk", "Heel, Beegden en", "de gemeente Borne", "Train to Goes"} {
		f.Add(s)
	}
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	f.Fuzz(func(t *testing.T, s string) {
		locs, err := r.Resolve(context.Background(), geo.Query{Text: s})
		if err != nil && len(locs) == 0 {
			var amb *geo.AmbiguousError
			if !errors.Is(err, geo.ErrNotFound) && !errors.As(err, &amb) {
				t.Fatalf("Resolve(%q) unexpected error %v", s, err)
			}
		}
		checkLocations(t, s, locs)
	})
}
