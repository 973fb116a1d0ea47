// Package pc4 adds the four-digit postcode (PC4) polygons of 2020 to the
// embedded Dutch gazetteer, so that [geo.Gazetteer.Locate] also returns the
// PC4 area of a point. It is opt-in (import it where needed) because it adds
// about 1 MB to the binary; the default geo/nl keeps PC4 areas as centroids.
//
// # Data and licensing
//
// PC4 boundaries: CBS Kerncijfers per postcode 2020 (via certe-medical-
// epidemiology/certegis, simplified there at 0.0001° and here with
// Douglas-Peucker at 0.00005°), 4,068 polygons; postbus-only postcodes
// have none. PC4 areas of 2020 do not follow the 2024 municipal borders:
// the municipality that Locate returns comes from the municipality
// polygons, and can differ from the PC4 area's first parent (assigned by
// its GeoNames centroid) near a border. The boundaries of the 2018–2020 editions are shared with
// ESRI Nederland, so show:
//
//	© Centraal Bureau voor de Statistiek, © ESRI Nederland
//
// together with [nl.Attribution]. Regenerate with `go generate ./geo/nl/`.
//
// # Cost
//
// pc4.gaz is 979,576 bytes. Building the gazetteer takes about 150–175 ms
// and keeps about 35 MB of heap; Locate then runs at about 1.4–1.8 M points/s per core
// (go test -run '^$' -bench 'BenchmarkLoad|BenchmarkLocatePC4' ./geo/nl/...).
//
// # Concurrency
//
// [Gazetteer] is safe for concurrent use; the result is immutable.
package pc4

import (
	_ "embed"
	"sync"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/geo/nl/internal/codec"
	"github.com/socialgeo/socialgeo/geo/nl/internal/data"
)

//go:embed pc4.gaz
var pc4Data []byte

// Attribution is the attribution the PC4 boundaries require, in addition
// to nl.Attribution.
const Attribution = "PC4-grenzen 2020: © Centraal Bureau voor de Statistiek, © ESRI Nederland"

var load = sync.OnceValues(Load)

// Load builds a new gazetteer with PC4 polygons on every call; most
// callers want [Gazetteer], which builds it once.
func Load() (*geo.Gazetteer, error) {
	polys, _, err := codec.Decode(pc4Data)
	if err != nil {
		return nil, err
	}
	byID := make(map[geo.AreaID]geo.Area, len(polys))
	for _, p := range polys {
		byID[p.ID] = p
	}
	areas, names, err := codec.Decode(data.Default)
	if err != nil {
		return nil, err
	}
	for i, a := range areas {
		if p, ok := byID[a.ID]; ok {
			areas[i].Geometry, areas[i].Bound = p.Geometry, p.Bound
		}
	}
	g, err := geo.NewGazetteer(areas, names)
	if err != nil {
		return nil, err
	}
	return g.WithVintage(nl.Vintage + "+pc4-2020"), nil
}

// Gazetteer returns the default Dutch gazetteer of geo/nl with PC4
// polygons: [geo.Gazetteer.Locate] then returns the PC4 area first. It is
// built on the first call and shared afterwards. It panics only if the
// embedded data is corrupt (a build defect that the tests catch).
func Gazetteer() *geo.Gazetteer {
	g, err := load()
	if err != nil {
		panic("pc4: embedded gazetteer data is corrupt: " + err.Error())
	}
	return g
}
