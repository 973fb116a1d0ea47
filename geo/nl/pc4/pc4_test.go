package pc4_test

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl/pc4"
)

func TestLocate(t *testing.T) {
	g := pc4.Gazetteer()
	tests := []struct {
		name     string
		lat, lon float64
		want     []geo.AreaID
	}{
		{"Rijksmuseum", 52.3600, 4.8852, []geo.AreaID{"PC4-1071", "GM0363", "VR13", "PV27"}},
		{"Erasmusbrug", 51.9090, 4.4870, []geo.AreaID{"PC4-3072", "GM0599", "VR17", "PV28"}},
		{"Baarle-Hertog enclave", 51.43529, 4.91626, nil},
		{"Antwerp", 51.2194, 4.4025, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.Locate(orb.Point{tt.lon, tt.lat}); !slices.Equal(got, tt.want) {
				t.Errorf("Locate(%v, %v) = %v, want %v", tt.lat, tt.lon, got, tt.want)
			}
		})
	}
	withGeom := 0
	for a := range g.Areas(geo.LevelPC4) {
		if len(a.Geometry) > 0 {
			withGeom++
		}
	}
	if withGeom < 4000 {
		t.Errorf("%d PC4 areas with geometry, want about 4,068", withGeom)
	}
	if !strings.Contains(pc4.Attribution, "ESRI Nederland") || !strings.Contains(g.Version(), "pc4") {
		t.Errorf("Attribution %q, Version %q", pc4.Attribution, g.Version())
	}
}

// BenchmarkLoad measures building the gazetteer with PC4 polygons and the
// heap it keeps.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var last *geo.Gazetteer
	for i := 0; i < b.N; i++ {
		g, err := pc4.Load()
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
