package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

// A day of posts about Groningen: a normal day of local talk, then an
// action group from elsewhere. The outsider share shows who made the peak.
func ExampleSeries() {
	s, err := aggregate.NewSeries(&aggregate.SeriesOptions{
		Bucket:     aggregate.Day,
		Population: func(geo.AreaID) int { return 243_000 },
	})
	if err != nil {
		panic(err)
	}
	about := aggregate.AreaRef{Area: "GM0014", Level: geo.LevelMunicipality, Role: geo.RoleAbout}
	home := func(a geo.AreaID) aggregate.AreaRef {
		return aggregate.AreaRef{Area: a, Level: geo.LevelMunicipality, Role: geo.RoleHome}
	}
	day1 := time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC)
	day2 := day1.Add(24 * time.Hour)
	for i := 0; i < 20; i++ { // locals, mildly positive
		s.Add(aggregate.Observation{Time: day1, Author: fmt.Sprint("local", i), Platform: "mastodon",
			Areas: []aggregate.AreaRef{about, home("GM0014")}, Label: sentiment.Positive, Polarity: 0.4})
	}
	for i := 0; i < 60; i++ { // 30 outsiders from Amsterdam, twice each, angry
		s.Add(aggregate.Observation{Time: day2, Author: fmt.Sprint("group", i%30), Platform: "twitter",
			Areas: []aggregate.AreaRef{about, home("GM0363")}, Label: sentiment.Negative, Polarity: -0.8})
	}
	for i := 0; i < 12; i++ {
		s.Add(aggregate.Observation{Time: day2, Author: fmt.Sprint("local", i), Platform: "mastodon",
			Areas: []aggregate.AreaRef{about, home("GM0014")}, Label: sentiment.Neutral, Polarity: 0})
	}
	for c := range s.Results(nil) {
		if c.Role != geo.RoleAbout {
			continue
		}
		fmt.Printf("%s %s: %d posts (%.1f per 10,000), %d authors, sentiment %+.2f, outsiders %.0f%%, %v\n",
			c.Start.In(time.FixedZone("CEST", 7200)).Format("Mon 2 Jan"), c.Area, c.Posts, c.Rate, c.Authors, c.Sentiment, 100*c.OutsiderShare, c.Platforms)
	}
	// Output:
	// Mon 6 May GM0014: 20 posts (0.8 per 10,000), 20 authors, sentiment +0.40, outsiders 0%, [{mastodon 20}]
	// Tue 7 May GM0014: 72 posts (3.0 per 10,000), 42 authors, sentiment -0.67, outsiders 71%, [{mastodon 12} {twitter 60}]
}

// Merging per-worker series gives the same result as one series; the
// binary encoding moves a series between processes.
func ExampleSeries_Merge() {
	ref := []aggregate.AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}
	t := time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC)
	a, _ := aggregate.NewSeries(nil)
	b := a.Fork().(*aggregate.Series) // same options, empty
	for i := 0; i < 30; i++ {
		o := aggregate.Observation{Time: t, Author: fmt.Sprint(i), Areas: ref}
		if i%2 == 0 {
			a.Add(o)
		} else {
			b.Add(o)
		}
	}
	data, _ := b.MarshalBinary()
	c, _ := aggregate.NewSeries(nil)
	if err := c.UnmarshalBinary(data); err != nil {
		panic(err)
	}
	if err := a.Merge(c); err != nil {
		panic(err)
	}
	for cell := range a.Results(nil) {
		fmt.Println(cell.Area, cell.Posts, cell.Authors, cell.AuthorsExact)
	}
	// Output:
	// GM0344 30 30 true
}
