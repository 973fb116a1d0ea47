// Command eventmonitor watches a day of SYNTHETIC posts as a live stream,
// hour by hour, and reports peaks as soon as they are detected: Koningsdag
// crowds and tram trouble in Den Haag, a power cut in Utrecht, a heath
// fire near Ede, and an action group's campaign about Zeewolde. Every
// event is labelled with the terms that set it apart from the hours
// before, and says how many of the people posting live elsewhere, so that
// a peak made by outsiders shows as such.
//
//	go run ./examples/eventmonitor -out ./out
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
)

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 30000, "number of synthetic posts")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "eventmonitor:", err)
		os.Exit(1)
	}
}

var amsterdam = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return l
}()

// monitor is an aggregator that flushes the peak detector whenever the
// stream enters a new hour and prints the events it has not shown yet.
type monitor struct {
	w       io.Writer
	g       *geo.Gazetteer
	policy  *aggregate.Policy
	peaks   *aggregate.PeakDetector
	series  *aggregate.Series
	hour    time.Time
	shown   map[string]bool
	reports []report
}

type report struct {
	Area      string    `json:"area"`
	Name      string    `json:"name"`
	Profile   string    `json:"profile,omitempty"`
	Start     time.Time `json:"start"`
	Peak      time.Time `json:"peak"`
	Posts     int64     `json:"posts"`
	People    int64     `json:"people"`
	Baseline  float64   `json:"baseline_per_hour"`
	Score     float64   `json:"score"`
	Terms     []string  `json:"terms"`
	Outsiders float64   `json:"outsider_share"`
}

func (m *monitor) Add(o aggregate.Observation) {
	h := o.Time.Truncate(time.Hour)
	if !m.hour.IsZero() && h.After(m.hour) {
		m.flush(h)
	}
	m.hour = h
	m.peaks.Add(o)
	m.series.Add(o)
}

// flush finalises the buckets before now and prints events as they start
// and when they end.
func (m *monitor) flush(now time.Time) { m.report(now, false) }

// report prints new and ended events; at the end of the stream (final)
// events still open are reported too.
func (m *monitor) report(now time.Time, final bool) {
	m.peaks.Flush(now)
	// The hourly series is released at most once per report, when an
	// event needs it (internal use with k = 1, never published).
	var released []aggregate.SeriesCell
	cells := func() []aggregate.SeriesCell {
		if released == nil {
			released = slices.Collect(m.series.Results(&aggregate.Policy{K: 1, UnsafeSmallK: true}))
		}
		return released
	}
	for e := range m.peaks.Events(m.policy) {
		if e.Suppressed || e.Profile != "" {
			continue
		}
		key := string(e.Area) + "|" + e.Start.String()
		a, _ := m.g.Area(e.Area)
		at := now.In(amsterdam).Format("15:04")
		if !m.shown[key] {
			m.shown[key] = true
			fmt.Fprintf(m.w, "[%s] PEAK STARTS %s at %s: %.0f posts in an hour, %.0f expected (score %.1f)\n",
				at, a.Name, e.Start.In(amsterdam).Format("15:04"), e.Count, e.Baseline, e.Score)
		}
		if (e.Open && !final) || m.shown[key+"|end"] {
			continue
		}
		m.shown[key+"|end"] = true
		r := report{Area: string(e.Area), Name: a.Name, Start: e.Start, Peak: e.Peak, Posts: e.Posts, People: e.Authors,
			Baseline: e.Baseline, Score: e.Score, Terms: e.Terms, Outsiders: outsiders(e, cells())}
		m.reports = append(m.reports, r)
		terms := strings.Join(e.Terms, ", ")
		if terms == "" {
			terms = "(no distinctive terms)"
		}
		what := "PEAK ENDED "
		if e.Open {
			what = "STILL OPEN "
		}
		fmt.Fprintf(m.w, "[%s] %s %s %s–%s: %d posts by %d people, top at %s\n        about: %s\n        %.0f%% of the people whose home is known live elsewhere%s\n",
			at, what, a.Name, e.Start.In(amsterdam).Format("15:04"), e.End.In(amsterdam).Format("15:04"), e.Posts, e.Authors,
			e.Peak.In(amsterdam).Format("15:04"), terms, 100*r.Outsiders, warn(r.Outsiders))
	}
}

func warn(share float64) string {
	if share >= 0.8 {
		return " — driven by outsiders"
	}
	return ""
}

// outsiders is the share of people from elsewhere among those posting
// about the area during the event whose home is known, from the hourly
// series.
func outsiders(e aggregate.Event, cells []aggregate.SeriesCell) float64 {
	var out, all int64
	for _, c := range cells {
		if c.Area == e.Area && c.Role == geo.RoleAbout && c.Profile == "" && !c.Start.Before(e.Start) && c.Start.Before(e.End) {
			out += c.Outsiders
			all += c.Authors - c.UnknownHome
		}
	}
	if all == 0 {
		return 0
	}
	return float64(out) / float64(all)
}

func run(ctx context.Context, w io.Writer, out string, n int) error {
	g := nl.Gazetteer()
	lib, err := profile.Library()
	if err != nil {
		return err
	}
	p, err := socialgeo.New(&socialgeo.Options{Gazetteer: g, Profiles: lib.Profiles()}) // one worker: observations arrive in time order
	if err != nil {
		return err
	}
	gen, err := synth.New(g, &synth.Options{Posts: n, Seed: 3})
	if err != nil {
		return err
	}
	// TwitInfo's EWMA detector on hourly counts of people posting about
	// each municipality; a stricter threshold than TwitInfo's (τ = 4, at
	// least 20 people in the hour) because it watches 342 series at once.
	peaks, err := aggregate.NewPeakDetector(&aggregate.PeakOptions{Level: geo.LevelMunicipality, Roles: []geo.Role{geo.RoleAbout},
		Profiles: []string{}, CountAuthors: true, Tau: 4, MinCount: 20})
	if err != nil {
		return err
	}
	series, err := aggregate.NewSeries(&aggregate.SeriesOptions{Bucket: aggregate.Hour, Gazetteer: g})
	if err != nil {
		return err
	}
	m := &monitor{w: w, g: g, policy: p.Policy(), peaks: peaks, series: series, shown: map[string]bool{}}
	fmt.Fprintln(w, "watching a synthetic stream of Koningsdag 2026 hour by hour (Europe/Amsterdam times)")
	rep, err := p.Run(ctx, gen, m)
	if err != nil {
		return err
	}
	m.report(m.hour.Add(time.Hour), true)
	fmt.Fprintf(w, "\n%d posts read, %d observed (%d near-duplicates and %d duplicates dropped)\n",
		rep.Read, rep.Observed, rep.Rejected[socialgeo.RejectNearDuplicate], rep.Rejected[socialgeo.RejectDuplicate])
	if err := output.Files(out, map[string]func(io.Writer) error{"events.json": output.JSON(m.reports)}); err != nil {
		return err
	}
	fmt.Fprintln(w, "wrote events.json")
	return nil
}
