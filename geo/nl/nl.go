package nl

//go:generate go run ./internal/gen

import (
	"strings"
	"sync"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl/internal/codec"
	"github.com/socialgeo/socialgeo/geo/nl/internal/data"
)

// Vintage is the data year of the embedded gazetteer.
const Vintage = "2024"

var load = sync.OnceValues(Load)

// Load decodes the embedded data into a new gazetteer on every call.
// Most callers want [Gazetteer], which loads once and shares the result;
// Load exists for callers that prefer an error to a panic, and for the
// load benchmark.
func Load() (*geo.Gazetteer, error) {
	areas, names, err := codec.Decode(data.Default)
	if err != nil {
		return nil, err
	}
	g, err := geo.NewGazetteer(areas, names)
	if err != nil {
		return nil, err
	}
	return g.WithVintage(Vintage), nil
}

// Gazetteer returns the embedded Dutch gazetteer: 342 municipalities,
// 25 safety regions and 12 provinces with boundaries, 4,086 PC4 areas as
// centroids, and about 12,100 names. It is decoded on the first call
// (see BenchmarkLoad for the cost) and shared afterwards; it is immutable
// and safe for concurrent use.
//
// Gazetteer panics if the embedded data cannot be decoded: that is a
// build defect (a corrupt generated file), never a data-dependent runtime
// condition, and the tests catch it.
func Gazetteer() *geo.Gazetteer {
	g, err := load()
	if err != nil {
		panic("nl: embedded gazetteer data is corrupt: " + err.Error())
	}
	return g
}

// Attribution returns the attribution lines that a product showing
// results derived from the embedded data must display.
func Attribution() string {
	return strings.Join([]string{
		"Bron gemeentegrenzen: Kadaster / Centraal Bureau voor de Statistiek, Wijk- en Buurtkaart 2024",
		"Bron: CBS Gebiedsindelingen 2024 (via PDOK; vereenvoudigd door cartomap/nl)",
		"Inwoners per postcode 2021: Centraal Bureau voor de Statistiek",
		"Plaatsnamen: GeoNames (geonames.org), CC BY 4.0",
	}, "\n")
}

// Header returns the text header of the embedded data file: generator,
// vintage, simplification tolerance, sources and licences.
func Header() string {
	h, err := codec.Header(data.Default)
	if err != nil {
		return ""
	}
	return h
}
