package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

func ExampleKeyTerms() {
	kt := aggregate.NewKeyTerms(&aggregate.KeyTermsOptions{Level: geo.LevelMunicipality, Top: 3})
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	post := func(author string, area geo.AreaID, terms ...string) {
		kt.Add(aggregate.Observation{Time: t0, Author: author, Terms: terms,
			Areas: []aggregate.AreaRef{{Area: area, Level: geo.LevelMunicipality, Role: geo.RoleAbout}}})
	}
	// The energy debate: everyone talks about energy and prices; in
	// Emmen (GM0114) about windmills, in Utrecht (GM0344) about gas-free
	// homes, in Amsterdam (GM0363) about the bill. One person in Emmen
	// keeps posting about a solar park: one author is never shown.
	for i := 0; i < 30; i++ {
		post(fmt.Sprint("e", i), "GM0114", "energie", "windmolens", "prijs", "geluid")
		post(fmt.Sprint("u", i), "GM0344", "energie", "aardgasvrij", "warmtepomp", "prijs")
		post(fmt.Sprint("a", i), "GM0363", "energie", "rekening", "prijs")
		post(fmt.Sprint("a", i), "GM0363", "energie", "rekening")
		post("solo", "GM0114", "zonnepark", "energie")
	}
	for r := range kt.Results(nil) {
		fmt.Printf("%s (%d posts, %d authors, %d withheld):", r.Place, r.Posts, r.Authors, r.Withheld)
		for _, t := range r.Terms {
			fmt.Printf(" %s z=%.1f", t.Term, t.Z)
		}
		fmt.Println()
	}
	// Output:
	// GM0114 (60 posts, 31 authors, 1 withheld): geluid z=3.0 windmolens z=3.0
	// GM0344 (30 posts, 30 authors, 0 withheld): aardgasvrij z=3.7 warmtepomp z=3.7
	// GM0363 (60 posts, 30 authors, 0 withheld): rekening z=5.1
}
