package geo_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/source"
)

func ExamplePointResolver() {
	r := geo.NewPointResolver(nl.Gazetteer(), nil)
	rijksmuseum := orb.Point{4.8852, 52.3600} // [lon, lat]
	locs, err := r.Resolve(context.Background(), geo.Query{Geo: &rijksmuseum})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range locs {
		fmt.Println(l.Area, l.Confidence)
	}
	// A Belgian enclave in Baarle-Nassau is outside, not the nearest area.
	enclave := orb.Point{4.91626, 51.43529}
	_, err = r.Resolve(context.Background(), geo.Query{Geo: &enclave})
	fmt.Println(errors.Is(err, geo.ErrOutside))
	// Output:
	// GM0363 0.95
	// VR13 0.95
	// PV27 0.95
	// true
}

func ExamplePlaceResolver() {
	r := geo.NewPlaceResolver(nl.Gazetteer(), nil)
	place := &source.Place{Name: "Hengelo", Type: "city",
		Bound: orb.Bound{Min: orb.Point{6.73, 52.23}, Max: orb.Point{6.84, 52.29}}}
	locs, _ := r.Resolve(context.Background(), geo.Query{Place: place})
	fmt.Println(locs[0].Area, locs[0].Confidence)

	// Without a box, a shared name is ambiguous.
	_, err := r.Resolve(context.Background(), geo.Query{Place: &source.Place{Name: "Hengelo"}})
	var amb *geo.AmbiguousError
	if errors.As(err, &amb) {
		fmt.Println(amb.Candidates)
	}
	// Output:
	// GM0164 0.8
	// [GM0164 GM1876]
}

func ExampleGazetteer_Locate() {
	g := nl.Gazetteer()
	for _, id := range g.Locate(orb.Point{4.4870, 51.9090}) { // Erasmusbrug
		a, _ := g.Area(id)
		fmt.Println(id, a.Name)
	}
	// Output:
	// GM0599 Rotterdam
	// VR17 Rotterdam-Rijnmond
	// PV28 Zuid-Holland
}

func ExampleGazetteer_Lookup() {
	g := nl.Gazetteer()
	for _, n := range g.Lookup("Mokum") {
		a, _ := g.Area(n.Area)
		fmt.Println(n.Text, n.Kind, a.Name)
	}
	// Output:
	// Mokum alias Amsterdam
}

func ExampleGazetteer_Postcode() {
	a, ok := nl.Gazetteer().Postcode("1071")
	fmt.Println(a.ID, a.Level == geo.LevelPC4, a.Parents, ok)
	// Output:
	// PC4-1071 true [GM0363 VR13 PV27] true
}

func ExampleChain() {
	g := nl.Gazetteer()
	from := geo.Chain(geo.NewPointResolver(g, nil), geo.NewPlaceResolver(g, nil))
	// No geotag: the platform place decides.
	locs, _ := from.Resolve(context.Background(), geo.Query{Place: &source.Place{Name: "Zwolle"}})
	fmt.Println(locs[0].Area, locs[0].Method == geo.MethodPlace)
	// Output:
	// GM0193 true
}
