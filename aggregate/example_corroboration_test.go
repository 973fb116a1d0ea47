package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

func ExampleCorroboration() {
	c := aggregate.NewCorroboration(&aggregate.CorroborationOptions{
		Window:      time.Hour,
		Profiles:    []string{"wateroverlast"},
		Contradicts: []string{"alles-droog"},
	})
	t0 := time.Date(2026, 1, 7, 10, 0, 0, 0, time.UTC)
	post := func(author, profile string, conf float64, min int) aggregate.Observation {
		return aggregate.Observation{
			Time:     t0.Add(time.Duration(min) * time.Minute),
			Author:   author,
			Areas:    []aggregate.AreaRef{{Area: "GM0935", Level: geo.LevelMunicipality, Role: geo.RoleAbout, Confidence: conf}},
			Profiles: []aggregate.ProfileMatch{{ID: profile}},
		}
	}
	// Twelve people report flooding in Maastricht (location confidence
	// 0.3 each, one of them three times); two say all is dry.
	for i := 0; i < 12; i++ {
		c.Add(post(fmt.Sprint("r", i), "wateroverlast", 0.3, i))
	}
	c.Add(post("r0", "wateroverlast", 0.3, 20))
	c.Add(post("r0", "wateroverlast", 0.3, 30))
	c.Add(post("d1", "alles-droog", 0.9, 40))
	c.Add(post("d2", "alles-droog", 0.9, 50))
	for r := range c.Results(nil) {
		fmt.Printf("%s %s %s reports=%d authors=%d contradicting=%d support=%.3f confidence=%.3f\n",
			r.Place, r.Profile, r.Start.Format("15:04"), r.Reports, r.Authors, r.Contradicting, r.Support, r.Confidence)
	}
	// Output:
	// GM0935 wateroverlast 10:00 reports=14 authors=12 contradicting=2 support=0.986 confidence=0.845
}
