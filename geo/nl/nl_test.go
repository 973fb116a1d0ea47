package nl_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

// dataDir returns ../shared/data/geo relative to the module root, or skips.
func dataDir(t testing.TB) string {
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

func TestCounts(t *testing.T) {
	g := nl.Gazetteer()
	for _, tt := range []struct {
		level geo.Level
		want  int
	}{{geo.LevelMunicipality, 342}, {geo.LevelSafetyRegion, 25}, {geo.LevelProvince, 12}, {geo.LevelPC4, 4086}} {
		if got := g.Len(tt.level); got != tt.want {
			t.Errorf("Len(%d) = %d, want %d", tt.level, got, tt.want)
		}
	}
	for a := range g.Areas(geo.LevelMunicipality) {
		if len(a.Geometry) == 0 || len(a.Parents) != 2 || a.Population <= 0 {
			t.Errorf("municipality %s %s: geometry %d, parents %v, population %d", a.ID, a.Name, len(a.Geometry), a.Parents, a.Population)
		}
		if ids := g.Locate(a.Point); len(ids) == 0 || ids[0] != a.ID {
			t.Errorf("Locate(Point of %s) = %v", a.ID, ids)
		}
	}
	if !strings.HasPrefix(g.Version(), "2024+") {
		t.Errorf("Version() = %q", g.Version())
	}
}

// TestLandmarks checks every point of checks/landmarks_2024.tsv.
func TestLandmarks(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(dataDir(t), "checks", "landmarks_2024.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	g := nl.Gazetteer()
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(l, "\t")
		lat, _ := strconv.ParseFloat(f[1], 64)
		lon, _ := strconv.ParseFloat(f[2], 64)
		ids := g.Locate(orb.Point{lon, lat})
		if len(ids) != 3 || string(ids[0]) != f[3] {
			t.Errorf("Locate(%s %v,%v) = %v, want %s", f[0], lat, lon, ids, f[3])
		}
		n++
	}
	if n != 228 {
		t.Errorf("read %d landmarks, want 228", n)
	}
}

func TestLocate(t *testing.T) {
	g := nl.Gazetteer()
	tests := []struct {
		name     string
		lat, lon float64
		want     []geo.AreaID
	}{
		{"Rijksmuseum", 52.3600, 4.8852, []geo.AreaID{"GM0363", "VR13", "PV27"}},
		{"Erasmusbrug", 51.9090, 4.4870, []geo.AreaID{"GM0599", "VR17", "PV28"}},
		{"Baarle-Hertog enclave", 51.43529, 4.91626, nil},
		{"Baarle-Nassau counter-enclave", 51.43483, 4.93132, []geo.AreaID{"GM0744", "VR20", "PV30"}},
		{"Antwerp", 51.2194, 4.4025, nil},
		{"Markermeer", 52.55, 5.25, nil},
		{"Rijksmuseum swapped", 4.8852, 52.3600, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.Locate(orb.Point{tt.lon, tt.lat}); !slices.Equal(got, tt.want) {
				t.Errorf("Locate(%v, %v) = %v, want %v", tt.lat, tt.lon, got, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	g := nl.Gazetteer()
	tests := []struct {
		name string
		want geo.AreaID
	}{
		{"Den Haag", "GM0518"}, {"'s-Gravenhage", "GM0518"}, {"D'n Haog", "GM0518"}, {"070", "GM0518"}, {"#denhaag"[1:], "GM0518"},
		{"Den Bosch", "GM0796"}, {"Oeteldonk", "GM0796"}, {"s-Hertogenbosch", "GM0796"},
		{"Mokum", "GM0363"}, {"020", "GM0363"}, {"Dam", "GM0363"}, {"Grins", "GM0014"}, {"050", "GM0014"},
		{"010", "GM0599"}, {"Rotterdam-Zuid", "GM0599"}, {"030", "GM0344"}, {"040", "GM0772"},
		{"Sudwest Fryslan", "GM1900"}, {"Súdwest-Fryslân", "GM1900"}, {"Wijk bij Duurstede", "GM0352"},
		{"Rijksmuseum", "GM0363"}, {"Noord-Brabant", "PV30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := false
			for _, n := range g.Lookup(tt.name) {
				found = found || n.Area == tt.want
			}
			if !found {
				t.Errorf("Lookup(%q) = %v, want a name of %s", tt.name, g.Lookup(tt.name), tt.want)
			}
		})
	}
	// Shared names resolve to several municipalities.
	areas := map[geo.AreaID]bool{}
	for _, n := range g.Lookup("Hengelo") {
		areas[n.Area] = true
	}
	if !areas["GM0164"] || !areas["GM1876"] {
		t.Errorf("Lookup(Hengelo) areas = %v, want GM0164 and GM1876", areas)
	}
}

func TestPostcode(t *testing.T) {
	g := nl.Gazetteer()
	a, ok := g.Postcode("1071")
	if !ok || a.ID != "PC4-1071" || a.Level != geo.LevelPC4 || !slices.Equal(a.Parents, []geo.AreaID{"GM0363", "VR13", "PV27"}) || a.Population <= 0 {
		t.Errorf("Postcode(1071) = %+v, %v", a, ok)
	}
}

func TestAttribution(t *testing.T) {
	for _, want := range []string{"Kadaster", "Centraal Bureau voor de Statistiek", "GeoNames", "CC BY 4.0"} {
		if !strings.Contains(nl.Attribution(), want) {
			t.Errorf("Attribution() lacks %q", want)
		}
	}
	if !strings.Contains(nl.Header(), "DO NOT EDIT") {
		t.Errorf("Header() = %q", nl.Header())
	}
}

// BenchmarkLoad measures decoding the embedded data and building the
// gazetteer (what the first nl.Gazetteer call costs), with the live heap
// it keeps.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var last *geo.Gazetteer
	for i := 0; i < b.N; i++ {
		g, err := nl.Load()
		if err != nil {
			b.Fatal(err)
		}
		last = g
	}
	b.StopTimer()
	var with, without runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(last)
	last = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	b.ReportMetric(float64(with.HeapAlloc)-float64(without.HeapAlloc), "heap-B")
}
