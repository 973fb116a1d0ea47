package pc4_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo/nl/pc4"
)

func ExampleGazetteer() {
	g := pc4.Gazetteer()
	fmt.Println(g.Locate(orb.Point{4.8852, 52.3600})) // Rijksmuseum
	fmt.Println(pc4.Attribution)
	// Output:
	// [PC4-1071 GM0363 VR13 PV27]
	// PC4-grenzen 2020: © Centraal Bureau voor de Statistiek, © ESRI Nederland
}
