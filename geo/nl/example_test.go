package nl_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

func ExampleGazetteer() {
	g := nl.Gazetteer()
	fmt.Println(g.Len(geo.LevelMunicipality), g.Len(geo.LevelSafetyRegion), g.Len(geo.LevelProvince))
	for _, id := range g.Locate(orb.Point{5.1222, 52.0908}) { // Dom tower, Utrecht
		fmt.Println(id)
	}
	for _, n := range g.Lookup("Oeteldonk") {
		fmt.Println(n.Text, "->", n.Area)
	}
	// Output:
	// 342 25 12
	// GM0344
	// VR09
	// PV26
	// Oeteldonk -> GM0796
}

func ExampleAttribution() {
	fmt.Println(nl.Attribution())
	// Output:
	// Bron gemeentegrenzen: Kadaster / Centraal Bureau voor de Statistiek, Wijk- en Buurtkaart 2024
	// Bron: CBS Gebiedsindelingen 2024 (via PDOK; vereenvoudigd door cartomap/nl)
	// Inwoners per postcode 2021: Centraal Bureau voor de Statistiek
	// Plaatsnamen: GeoNames (geonames.org), CC BY 4.0
}
