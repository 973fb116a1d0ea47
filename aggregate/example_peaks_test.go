package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

func ExamplePeakDetector() {
	d, err := aggregate.NewPeakDetector(nil) // hourly buckets, TwitInfo EWMA
	if err != nil {
		panic(err)
	}
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	post := func(author string, at time.Time, terms ...string) {
		d.Add(aggregate.Observation{Time: at, Author: author, Terms: terms,
			Areas: []aggregate.AreaRef{{Area: "GM0599", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}})
	}
	// A day of ordinary traffic talk in Rotterdam, 8–12 posts an hour;
	// then at 18:00 a fire in the port: 65 posts in the next hour.
	for h := 0; h < 22; h++ {
		for i := 0; i < 8+(h*7)%5; i++ {
			post(fmt.Sprint("u", (h*13+i)%60), t0.Add(time.Duration(h)*time.Hour+time.Duration(i)*time.Minute), "verkeer", "file")
		}
	}
	for i := 0; i < 65; i++ {
		at := t0.Add(18*time.Hour + time.Duration(i)*time.Minute)
		post(fmt.Sprint("w", i), at, "brand", "haven", "rook")
	}
	d.Flush(t0.Add(22 * time.Hour)) // every hour that ended by 22:00
	for e := range d.Events(nil) {
		fmt.Printf("%s %s–%s peak %s: %.0f posts (baseline %.1f, score %.1f), %d authors, terms %v\n",
			e.Area, e.Start.Format("15:04"), e.End.Format("15:04"), e.Peak.Format("15:04"),
			e.Count, e.Baseline, e.Score, e.Authors, e.Terms)
	}
	// Output:
	// GM0599 18:00–20:00 peak 18:00: 69 posts (baseline 10.1, score 10.2), 85 authors, terms [brand haven rook]
}

func ExampleFindPeaks() {
	counts := []float64{10, 12, 11, 9, 10, 12, 11, 10, 9, 11, 10, 35, 60, 30, 14, 11, 10, 12}
	peaks, err := aggregate.FindPeaks(counts, nil)
	if err != nil {
		panic(err)
	}
	for _, p := range peaks {
		fmt.Printf("buckets %d–%d, peak %d: count %.0f, baseline %.1f, score %.1f\n", p.Start, p.End, p.Peak, p.Count, p.Baseline, p.Score)
	}
	// Output:
	// buckets 11–15, peak 12: count 60, baseline 10.4, score 9.0
}
