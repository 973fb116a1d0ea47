// Command quickstart runs the whole socialgeo pipeline on a day of
// SYNTHETIC posts (internal/synth: made up, never posted by anyone) and
// prints a per-municipality table; it writes a GeoJSON file, a CSV file, an
// SVG map and the run report to the folder given by -out.
//
//	go run ./examples/quickstart            # writes ./out
//	go run ./examples/quickstart -out /tmp/sg
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/source"
)

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 20000, "number of synthetic posts")
	workers := flag.Int("workers", 2, "worker goroutines")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, out string, posts, workers int) error {
	lib, err := profile.Library()
	if err != nil {
		return err
	}
	p, err := socialgeo.New(&socialgeo.Options{Profiles: lib.Profiles(), Workers: workers})
	if err != nil {
		return err
	}
	// The embedded sample: a day of synthetic posts in the library's own
	// NDJSON, plus two damaged records, as a real export might have.
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: posts, Seed: 1})
	if err != nil {
		return err
	}
	var data bytes.Buffer
	if err := synth.Write(&data, synth.FormatNDJSON, gen.Items()); err != nil {
		return err
	}
	data.WriteString(`{"id":"x1","platform":"mastodon","created":"2026-04-27T12:00:00Z","text":"cut off` + "\n")
	data.WriteString(`{"id":"x2","platform":"twitter","created":"2026-04-27T12:00:00Z","text":"ok","geo":[52.09,5.12]}` + "\n")

	series, err := aggregate.NewSeries(&aggregate.SeriesOptions{Gazetteer: p.Gazetteer()}) // day buckets
	if err != nil {
		return err
	}
	dec := source.NewNDJSON(&data, nil)
	rep, err := p.Run(ctx, dec, series)
	if err != nil {
		return err
	}
	// One row per municipality the posts are about, with its busiest profile.
	var rows []aggregate.SeriesCell
	top := map[geo.AreaID]aggregate.SeriesCell{}
	for c := range series.Results(p.Policy()) { // the default policy: k = 10
		if c.Level != geo.LevelMunicipality || c.Role != geo.RoleAbout {
			continue
		}
		if c.Profile == "" {
			rows = append(rows, c)
			rep.CountCell(c.Disclosure)
		} else if t, ok := top[c.Area]; !c.Suppressed && (!ok || c.Posts > t.Posts) {
			top[c.Area] = c
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Posts > rows[j].Posts })
	fmt.Fprintf(w, "socialgeo quickstart: %d records read (synthetic posts), %d observed, %d rejected:", rep.Read, rep.Observed, rep.RejectedTotal())
	for _, reason := range sortedKeys(rep.Rejected) {
		fmt.Fprintf(w, " %s %d,", reason, rep.Rejected[reason])
	}
	fmt.Fprintf(w, " read = observed + rejected\n\n")
	fmt.Fprintf(w, "%-24s %7s %7s %8s %9s %9s  %s\n", "about municipality", "posts", "authors", "per 10k", "sentiment", "outsiders", "top profile")
	layer := &render.Layer{Title: "Posts about each municipality per 10,000 inhabitants", Subtitle: "synthetic data, one day (Koningsdag)", Unit: "posts per 10,000", K: 10}
	suppressed, shown := 0, 0
	for _, r := range rows {
		a, _ := p.Gazetteer().Area(r.Area)
		v := render.Value{ID: string(r.Area), Name: a.Name, V: r.Rate, Suppressed: r.Suppressed}
		if r.Suppressed {
			suppressed++
		} else {
			v.Props = []render.Prop{{Key: "posts", V: float64(r.Posts)}, {Key: "authors", V: float64(r.Authors)},
				{Key: "sentiment", V: round2(r.Sentiment)}, {Key: "outsider_share", V: round2(r.OutsiderShare)}}
			if shown < 15 {
				shown++
				tp := "-"
				if t, ok := top[r.Area]; ok {
					tp = t.Profile
				}
				fmt.Fprintf(w, "%-24s %7d %7d %8.1f %+9.2f %8.0f%%  %s\n", a.Name, r.Posts, r.Authors, r.Rate, r.Sentiment, 100*r.OutsiderShare, tp)
			}
		}
		layer.Values = append(layer.Values, v)
	}
	fmt.Fprintf(w, "... %d municipalities, %d suppressed (fewer than 10 authors, or to protect those)\n", len(rows), suppressed)
	if err := layer.Lookup(p.Gazetteer()); err != nil {
		return err
	}
	err = output.Files(out, map[string]func(io.Writer) error{
		"municipalities.geojson": func(f io.Writer) error { return render.WriteGeoJSON(f, layer) },
		"municipalities.csv":     func(f io.Writer) error { return render.WriteCSV(f, layer) },
		"map.svg":                func(f io.Writer) error { return render.WriteSVG(f, layer, nil) },
		"report.json":            rep.WriteJSON,
		"report.md":              rep.WriteMarkdown,
		"algorithm.json":         p.Algorithm().WriteJSON,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nwrote municipalities.geojson, municipalities.csv, map.svg, report.json, report.md, algorithm.json")
	return nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
