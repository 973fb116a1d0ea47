// Command areathermometer compares how residents talk about an area before
// and after a policy change, with confidence intervals: a municipality in
// Rotterdam moved a bench that drew nuisance (the "bankje" of many a
// council debate). Two weeks of SYNTHETIC posts: the week before and the
// week after. For all posts about Rotterdam and for the nuisance profile
// it reports the change in volume (rate ratio), in mean sentiment and in
// the share of posts about nuisance, each with a 95% interval, and says
// whether the change is larger than chance.
//
//	go run ./examples/areathermometer -out ./out
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
)

const rotterdam = geo.AreaID("GM0599")

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 60000, "number of synthetic posts")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "areathermometer:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, out string, n int) error {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, ams) // a Monday
	change := start.AddDate(0, 0, 7)                // the bench was moved
	end := start.AddDate(0, 0, 14)

	lib, err := profile.Library()
	if err != nil {
		return err
	}
	nuisance, err := lib.Get("hangjongeren")
	if err != nil {
		return err
	}
	g := nl.Gazetteer()
	p, err := socialgeo.New(&socialgeo.Options{Gazetteer: g, Profiles: []profile.Profile{nuisance}, Workers: 2})
	if err != nil {
		return err
	}
	gen, err := synth.New(g, &synth.Options{Posts: n, Seed: 8, Start: start, Span: end.Sub(start),
		Scenarios: []string{synth.BenchBefore, synth.BenchAfter}, ScenarioShare: 0.02})
	if err != nil {
		return err
	}
	trend, err := aggregate.NewTrend(&aggregate.TrendOptions{BeforeStart: start, BeforeEnd: change, AfterStart: change, AfterEnd: end,
		Level: geo.LevelMunicipality, Roles: []geo.Role{geo.RoleAbout}})
	if err != nil {
		return err
	}
	rep, err := p.Run(ctx, gen, trend)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d synthetic posts read, %d observed; windows %s–%s and %s–%s\n\n", rep.Read, rep.Observed,
		start.Format("2 Jan"), change.Add(-time.Minute).Format("2 Jan"), change.Format("2 Jan"), end.Add(-time.Minute).Format("2 Jan"))
	var rows []aggregate.TrendResult
	for r := range trend.Results(p.Policy()) { // k = 10 people in both windows
		if r.Area == rotterdam {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return fmt.Errorf("no published result for Rotterdam")
	}
	for _, r := range rows {
		what := "all posts about Rotterdam"
		if r.Profile != "" {
			what = "posts about nuisance (profile " + r.Profile + ")"
		}
		fmt.Fprintf(w, "%s\n", what)
		if r.Suppressed {
			fmt.Fprintf(w, "  suppressed: fewer than 10 people in a window\n\n")
			continue
		}
		fmt.Fprintf(w, "  posts (people)        before %5d (%4d)   after %5d (%4d)\n", r.Before.Posts, r.Before.Authors, r.After.Posts, r.After.Authors)
		fmt.Fprintf(w, "  volume, after/before  %s\n", show(r.Volume, 1, "×"))
		fmt.Fprintf(w, "  mean sentiment        before %+.2f   after %+.2f   change %s\n", r.Before.Mean, r.After.Mean, show(r.Sentiment, 0, ""))
		if r.Profile != "" {
			fmt.Fprintf(w, "  share of all posts    before %.1f%%   after %.1f%%   change %s\n",
				pct(r.Before.Posts, r.Before.AreaPosts), pct(r.After.Posts, r.After.AreaPosts), showPct(r.Share))
		}
		fmt.Fprintln(w)
	}
	if err := output.Files(out, map[string]func(io.Writer) error{"thermometer.json": output.JSON(jsonRows(rows))}); err != nil {
		return err
	}
	fmt.Fprintln(w, "wrote thermometer.json")
	return nil
}

// show prints an estimate with its interval and whether it differs from null.
func show(c aggregate.Change, null float64, unit string) string {
	if math.IsNaN(c.Estimate) {
		return "n/a"
	}
	verdict := "no clear change"
	if c.Significant(null) {
		verdict = "a real change"
	}
	if unit == "×" {
		return fmt.Sprintf("%.2f×  [%.0f%% interval %.2f … %.2f]  %s", c.Estimate, 100*c.Level, c.Low, c.High, verdict)
	}
	return fmt.Sprintf("%+.2f  [%.0f%% interval %+.2f … %+.2f]  %s", c.Estimate, 100*c.Level, c.Low, c.High, verdict)
}

func showPct(c aggregate.Change) string {
	if math.IsNaN(c.Estimate) {
		return "n/a"
	}
	verdict := "no clear change"
	if c.Significant(0) {
		verdict = "a real change"
	}
	return fmt.Sprintf("%+.1f points  [%.0f%% interval %+.1f … %+.1f]  %s", 100*c.Estimate, 100*c.Level, 100*c.Low, 100*c.High, verdict)
}

func pct(a, b int64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return 100 * float64(a) / float64(b)
}

// jsonRows turns results into JSON-safe values (no NaN).
func jsonRows(rows []aggregate.TrendResult) []map[string]any {
	num := func(v float64) any {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return v
	}
	ch := func(c aggregate.Change) map[string]any {
		return map[string]any{"estimate": num(c.Estimate), "low": num(c.Low), "high": num(c.High), "level": c.Level}
	}
	var out []map[string]any
	for _, r := range rows {
		out = append(out, map[string]any{
			"area": r.Area, "profile": r.Profile, "suppressed": r.Suppressed,
			"before":       map[string]any{"posts": r.Before.Posts, "people": r.Before.Authors, "sentiment": num(r.Before.Mean)},
			"after":        map[string]any{"posts": r.After.Posts, "people": r.After.Authors, "sentiment": num(r.After.Mean)},
			"volume_ratio": ch(r.Volume), "sentiment_change": ch(r.Sentiment), "share_change": ch(r.Share),
		})
	}
	return out
}
