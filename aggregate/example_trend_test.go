package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

func ExampleTrend() {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sep := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	tr, err := aggregate.NewTrend(&aggregate.TrendOptions{
		BeforeStart: jan, BeforeEnd: jan.AddDate(0, 3, 0), // Q1, before the new street lighting
		AfterStart: sep, AfterEnd: sep.AddDate(0, 3, 0), // autumn, after it
		Roles: []geo.Role{geo.RoleAbout},
	})
	if err != nil {
		panic(err)
	}
	post := func(author string, at time.Time, polarity float64, unsafe bool) {
		o := aggregate.Observation{Time: at, Author: author, Polarity: polarity, Label: sentiment.Label(1),
			Areas: []aggregate.AreaRef{{Area: "BU03630001", Level: geo.LevelNeighbourhood, Role: geo.RoleAbout}}}
		if unsafe {
			o.Profiles = []aggregate.ProfileMatch{{ID: "onveiligheid"}}
		}
		tr.Add(o)
	}
	for i := 0; i < 80; i++ {
		post(fmt.Sprint("r", i%40), jan.Add(time.Duration(i)*24*time.Hour), -0.4+float64(i%5)/10, i%2 == 0)
	}
	for i := 0; i < 90; i++ {
		post(fmt.Sprint("r", i%45), sep.Add(time.Duration(i)*24*time.Hour), -0.1+float64(i%5)/10, i%6 == 0)
	}
	for r := range tr.Results(nil) {
		name := r.Profile
		if name == "" {
			name = "all posts"
		}
		fmt.Printf("%s %s: posts %d → %d, rate ratio %.2f [%.2f, %.2f]\n", r.Area, name,
			r.Before.Posts, r.After.Posts, r.Volume.Estimate, r.Volume.Low, r.Volume.High)
		if r.Profile == "" {
			fmt.Printf("  sentiment %+.2f → %+.2f: difference %+.2f [%+.2f, %+.2f]\n",
				r.Before.Mean, r.After.Mean, r.Sentiment.Estimate, r.Sentiment.Low, r.Sentiment.High)
		} else {
			fmt.Printf("  share %.2f → %.2f: difference %+.2f [%+.2f, %+.2f], significant: %v\n",
				float64(r.Before.Posts)/float64(r.Before.AreaPosts), float64(r.After.Posts)/float64(r.After.AreaPosts),
				r.Share.Estimate, r.Share.Low, r.Share.High, r.Share.Significant(0))
		}
	}
	// Output:
	// BU03630001 all posts: posts 80 → 90, rate ratio 1.11 [0.82, 1.50]
	//   sentiment -0.20 → +0.10: difference +0.30 [+0.26, +0.34]
	// BU03630001 onveiligheid: posts 40 → 15, rate ratio 0.37 [0.20, 0.67]
	//   share 0.50 → 0.17: difference -0.33 [-0.46, -0.19], significant: true
}
