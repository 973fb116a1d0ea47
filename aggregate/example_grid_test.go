package aggregate_test

import (
	"fmt"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

func ExampleGrid() {
	g, err := aggregate.NewGrid(aggregate.CBSGrid(500), nil)
	if err != nil {
		panic(err)
	}
	// Twelve geotagged posts by twelve people near the Dom tower in
	// Utrecht (RD 136,900 456,000), twenty at Utrecht Centraal, eleven in
	// Zeist and three by one person in Amersfoort.
	dom := geo.FromRD(136_950, 456_050)
	cs := geo.FromRD(136_100, 455_900)
	zeist := geo.FromRD(144_200, 456_300)
	far := geo.FromRD(155_100, 463_100)
	for i := 0; i < 12; i++ {
		g.Add(aggregate.Observation{Author: fmt.Sprint("author", i), Point: &dom, Label: sentiment.Neutral, Polarity: 0.25})
	}
	for i := 0; i < 20; i++ {
		g.Add(aggregate.Observation{Author: fmt.Sprint("traveller", i), Point: &cs})
	}
	for i := 0; i < 11; i++ {
		g.Add(aggregate.Observation{Author: fmt.Sprint("zeister", i), Point: &zeist})
	}
	for i := 0; i < 3; i++ {
		g.Add(aggregate.Observation{Author: "loner", Point: &far})
	}
	// k = 10 unique authors. The Amersfoort cell is suppressed, and so is
	// the next smallest (Zeist): otherwise the Amersfoort count would be
	// the national total minus the published cells.
	for c := range g.Results(nil) {
		if c.Suppressed {
			fmt.Printf("%s suppressed (%s)\n", c.ID, c.Reason)
			continue
		}
		fmt.Printf("%s posts=%d authors=%d sentiment=%.2f\n", c.ID, c.Posts, c.Authors, c.Sentiment)
	}
	// Output:
	// E1360N4555 posts=20 authors=20 sentiment=NaN
	// E1365N4560 posts=12 authors=12 sentiment=0.25
	// E1440N4560 suppressed (complementary suppression)
	// E1550N4630 suppressed (fewer than k unique authors)
}

func ExampleCellScheme_ParseID() {
	s := aggregate.CBSGrid(100)
	c, err := s.ParseID("E1213N4874")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.X*100, c.Y*100, s.ID(c))
	_, err = aggregate.CBSGrid(500).ParseID("E1213N4874")
	fmt.Println(err)
	d := aggregate.DegreeGrid(0.01)
	cell, _ := d.Locate([2]float64{4.8932, 52.3731})
	fmt.Println(d.ID(cell))
	// Output:
	// 121300 487400 E1213N4874
	// aggregate: bad grid cell id: "E1213N4874": not aligned to CBS500m
	// D0.01:489:5237
}
