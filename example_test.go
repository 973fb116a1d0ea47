package socialgeo_test

import (
	"context"
	"fmt"
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/source"
)

func ExamplePipeline_Observe() {
	lib, _ := profile.Library()
	p, err := socialgeo.New(&socialgeo.Options{Profiles: lib.Profiles()})
	if err != nil {
		panic(err)
	}
	rijksmuseum := orb.Point{4.8852, 52.3600}
	o, err := p.Observe(context.Background(), source.Post{
		ID: "1", Platform: source.PlatformMastodon, Created: time.Date(2026, 4, 27, 19, 0, 0, 0, time.UTC),
		Text:   "Stroomstoring in Utrecht, hele wijk zit in het donker!",
		Geo:    &rijksmuseum,
		Author: source.Author{Key: "p_x", Location: "Leiden"},
	})
	if err != nil {
		panic(err)
	}
	for _, a := range o.Areas {
		if a.Level == geo.LevelMunicipality {
			fmt.Println(a.Role, a.Area, a.Method)
		}
	}
	fmt.Println(o.Label, o.Profiles[0].ID, o.Profiles[0].Terms)
	// Output:
	// from GM0363 geotag
	// home GM0546 profile
	// about GM0344 text
	// negative stroomstoring [stroom* stroomstoring]
}

func ExamplePipeline_Run() {
	at := time.Date(2026, 4, 27, 12, 0, 0, 0, time.UTC)
	posts := []source.Post{
		{ID: "1", Platform: "mastodon", Created: at, Text: "Mooie dag in Groningen", Author: source.Author{Key: "p_a"}},
		{ID: "2", Platform: "mastodon", Created: at, Text: "Mooie dag in Groningen", Author: source.Author{Key: "p_a"}},
		{ID: "3", Platform: "mastodon", Created: at, Kind: source.KindRepost, Ref: &source.Ref{ID: "1"}},
		{ID: "4", Platform: "mastodon", Text: "zonder tijd"},
	}
	p, _ := socialgeo.New(nil)
	var n int
	rep, err := p.Run(context.Background(), source.FromSlice(posts), aggregate.AggregatorFunc(func(aggregate.Observation) { n++ }))
	if err != nil {
		panic(err)
	}
	fmt.Println("read", rep.Read, "observed", rep.Observed, "aggregated", n)
	for _, reason := range []string{socialgeo.RejectDuplicate, socialgeo.RejectRepost, socialgeo.RejectInvalid} {
		fmt.Println(reason, rep.Rejected[reason])
	}
	// Output:
	// read 4 observed 1 aggregated 1
	// duplicate 1
	// repost 1
	// invalid 1
}
