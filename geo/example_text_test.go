package geo_test

import (
	"context"
	"fmt"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

func ExampleTextResolver() {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	post := "Dat was echt best leuk! Morgen vanuit Den Bosch naar Best, daarna #Utrecht 3511 AB"
	locs, err := r.Resolve(context.Background(), geo.Query{Text: post})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range locs {
		fmt.Printf("%s %s %q %.2f\n", l.Area, l.Method, post[l.Start:l.End], l.Confidence)
	}
	// Output:
	// GM0796 text "Den Bosch" 0.90
	// GM0753 text "Best" 0.80
	// GM0344 hashtag "#Utrecht" 0.85
	// PC4-3511 postcode "3511 AB" 0.90
}

func ExampleHomeResolver() {
	r := geo.NewHomeResolver(nl.Gazetteer(), nil)
	for _, profile := range []string{"010 ❤️", "Utrecht / Amsterdam", "ergens in Brabant", "in je moeder"} {
		locs, err := r.Resolve(context.Background(), geo.Query{ProfileLocation: profile})
		fmt.Printf("%q:", profile)
		for _, l := range locs {
			fmt.Printf(" %s (%s, %.2f)", l.Area, l.Level, l.Confidence)
		}
		if err != nil {
			fmt.Print(" ", err)
		}
		fmt.Println()
	}
	// Output:
	// "010 ❤️": GM0599 (municipality, 0.90)
	// "Utrecht / Amsterdam": GM0344 (municipality, 0.54) GM0363 (municipality, 0.54)
	// "ergens in Brabant": PV30 (province, 0.70)
	// "in je moeder": geo: location not found
}
