package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

// The share of posts about three municipalities on one day that match a
// "spanning" (social tension) profile, with Wilson 95 % intervals.
// Utrecht has too few matching authors and is suppressed; Zeist is then
// suppressed too, or Utrecht's count would follow from the national total.
func ExampleIndicator() {
	in, err := aggregate.NewIndicator(&aggregate.IndicatorOptions{Profiles: []string{"spanning"}})
	if err != nil {
		panic(err)
	}
	day := time.Date(2024, 9, 3, 10, 0, 0, 0, time.UTC)
	add := func(area geo.AreaID, posts, authors, matched, matchedAuthors int) {
		for i := 0; i < posts; i++ {
			o := aggregate.Observation{Time: day, Author: fmt.Sprint(area, i%authors),
				Areas: []aggregate.AreaRef{{Area: area, Level: geo.LevelMunicipality, Role: geo.RoleAbout}}}
			if i < matched {
				o.Author = fmt.Sprint(area, i%matchedAuthors)
				o.Profiles = []aggregate.ProfileMatch{{ID: "spanning", Terms: []string{"rellen"}}}
			}
			in.Add(o)
		}
	}
	add("GM0014", 400, 120, 60, 25) // Groningen
	add("GM0344", 300, 90, 4, 3)    // Utrecht
	add("GM0355", 150, 60, 15, 11)  // Zeist
	add("GM0363", 900, 300, 45, 30) // Amsterdam
	for r := range in.Results(nil) {
		if r.Suppressed {
			fmt.Printf("%s suppressed (%s)\n", r.Area, r.Reason)
			continue
		}
		fmt.Printf("%s %d/%d = %.1f%% [%.1f%%, %.1f%%]\n", r.Area, r.Matched, r.Total, 100*r.Share, 100*r.Low, 100*r.High)
	}
	// Output:
	// GM0014 60/400 = 15.0% [11.8%, 18.8%]
	// GM0344 suppressed (fewer than k unique authors)
	// GM0355 suppressed (complementary suppression)
	// GM0363 45/900 = 5.0% [3.8%, 6.6%]
}
