// Command floodmap turns a morning of SYNTHETIC posts and citizen reports
// about high water along the Maas in Venlo into a corroborated flood map
// on the CBS 1 km grid: reports that match the wateroverlast profile are
// grouped by grid cell and time window, and a cell is trusted more as
// more different people report from it (Eilander et al. 2016). Cells
// reported by fewer than ten people are suppressed.
//
//	go run ./examples/floodmap -out ./out
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
)

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 30000, "number of synthetic posts")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "floodmap:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, out string, n int) error {
	lib, err := profile.Library()
	if err != nil {
		return err
	}
	flood, err := lib.Get("wateroverlast")
	if err != nil {
		return err
	}
	p, err := socialgeo.New(&socialgeo.Options{Profiles: []profile.Profile{flood}, Workers: 2})
	if err != nil {
		return err
	}
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 11, Scenarios: []string{synth.Flood}, ScenarioShare: 0.2})
	if err != nil {
		return err
	}
	scheme := aggregate.CBSGrid(1000)
	corr := aggregate.NewCorroboration(&aggregate.CorroborationOptions{Grid: &scheme, Window: 6 * time.Hour, Profiles: []string{flood.ID}})
	rep, err := p.Run(ctx, gen, corr)
	if err != nil {
		return err
	}

	// Merge the windows of each cell into one map value: its best-corroborated window.
	best := map[string]aggregate.Corroborated{}
	var ids []string
	for c := range corr.Results(p.Policy()) {
		b, seen := best[c.Place]
		if !seen {
			ids = append(ids, c.Place)
		}
		if !seen || (b.Suppressed && !c.Suppressed) || c.Confidence > b.Confidence {
			best[c.Place] = c
		}
	}
	sort.Strings(ids)
	layer := &render.Layer{Title: "Corroborated flood reports along the Maas", Subtitle: "synthetic data · CBS 1 km grid · best 6-hour window per cell",
		Unit: "reporters", K: 10}
	var rows []aggregate.Corroborated
	suppressed := 0
	for _, id := range ids {
		c := best[id]
		cell, err := scheme.ParseID(id)
		if err != nil {
			return err
		}
		v := render.Value{ID: id, Geometry: scheme.Polygon(cell), V: float64(c.Authors), Suppressed: c.Suppressed}
		rep.CountCell(c.Disclosure)
		if c.Suppressed {
			suppressed++
		} else {
			v.Props = []render.Prop{{Key: "confidence", V: c.Confidence}, {Key: "reports", V: float64(c.Reports)}}
			rows = append(rows, c)
		}
		layer.Values = append(layer.Values, v)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Confidence > rows[j].Confidence })
	fmt.Fprintf(w, "%d posts read, %d observed; %d grid cells with flood reports, %d published, %d suppressed (< 10 reporters)\n\n",
		rep.Read, rep.Observed, len(ids), len(rows), suppressed)
	fmt.Fprintf(w, "%-12s %-12s %9s %7s %10s\n", "cell", "window", "reporters", "reports", "confidence")
	for _, c := range rows {
		fmt.Fprintf(w, "%-12s %s %9d %7d %10.3f\n", c.Place, c.Start.In(amsterdam).Format("15:04")+"–"+c.End.In(amsterdam).Format("15:04"), c.Authors, c.Reports, c.Confidence)
	}
	bound := orb.Bound{Min: orb.Point{5.95, 51.25}, Max: orb.Point{6.30, 51.55}}
	err = output.Files(out, map[string]func(io.Writer) error{
		"floodmap.geojson":   func(f io.Writer) error { return render.WriteGeoJSON(f, layer) },
		"floodmap.csv":       func(f io.Writer) error { return render.WriteCSV(f, layer) },
		"floodmap.svg":       func(f io.Writer) error { return render.WriteSVG(f, layer, &render.SVGOptions{Bound: &bound}) },
		"floodmap_report.md": rep.WriteMarkdown,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nwrote floodmap.geojson, floodmap.csv, floodmap.svg, floodmap_report.md")
	return nil
}

var amsterdam = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return l
}()
