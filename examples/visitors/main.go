// Command visitors answers "where do the visitors of a big event come
// from?" for Koningsdag in Den Haag, on a day of SYNTHETIC posts: posts
// sent from or about Den Haag are paired with their authors' home areas
// (origin–destination), by province and by municipality, with disclosure
// control (origins with fewer than ten people are combined, and never in
// a way that lets them be recovered from the total).
//
//	go run ./examples/visitors -out ./out
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
)

const denHaag = geo.AreaID("GM0518")

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 40000, "number of synthetic posts")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "visitors:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, out string, n int) error {
	g := nl.Gazetteer()
	p, err := socialgeo.New(&socialgeo.Options{Gazetteer: g, Workers: 2})
	if err != nil {
		return err
	}
	gen, err := synth.New(g, &synth.Options{Posts: n, Seed: 21})
	if err != nil {
		return err
	}
	od := aggregate.NewOD(nil) // every level, destinations by "from" and "about"
	rep, err := p.Run(ctx, gen, od)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d posts read, %d observed\n", rep.Read, rep.Observed)

	// Province of origin of everyone posting from or about Den Haag.
	haag, _ := g.Area(denHaag)
	var pv geo.AreaID
	for _, id := range haag.Parents {
		if a, _ := g.Area(id); a.Level == geo.LevelProvince {
			pv = id
		}
	}
	byPV := od.Visitors(aggregate.ODQuery{Dest: denHaag, Level: geo.LevelMunicipality, Top: 15}, p.Policy())
	if byPV.Suppressed {
		return fmt.Errorf("too few people for any answer about %s", haag.Name)
	}
	fmt.Fprintf(w, "\n%s: %d posts by %d people; where they live (municipality):\n\n", haag.Name, byPV.Posts, byPV.Authors)
	fmt.Fprintf(w, "%-28s %7s %6s\n", "home", "people", "share")
	layer := &render.Layer{Title: "Where the people posting about or from Den Haag live", Subtitle: "synthetic data, Koningsdag · share of people", Unit: "share of people", K: 10}
	for _, f := range byPV.Origins {
		name := "(home unknown)"
		if a, ok := g.Area(f.Origin); ok {
			name = a.Name
			layer.Values = append(layer.Values, render.Value{ID: string(f.Origin), Name: a.Name, V: f.Share,
				Props: []render.Prop{{Key: "people", V: float64(f.Authors)}, {Key: "posts", V: float64(f.Posts)}}})
		}
		fmt.Fprintf(w, "%-28s %7d %5.1f%%\n", name, f.Authors, 100*f.Share)
	}
	if byPV.Withheld > 0 {
		fmt.Fprintf(w, "%-28s %7d %5.1f%%\n", fmt.Sprintf("other (%d places)", byPV.Withheld), byPV.Other.Authors, 100*byPV.Other.Share)
	}
	outside := int64(0)
	for _, f := range byPV.Origins {
		if a, ok := g.Area(f.Origin); ok && a.ID != denHaag && !contains(a.Parents, pv) {
			outside += f.Authors
		}
	}
	fmt.Fprintf(w, "\nlisted people from outside the province: %d of %d\n", outside, byPV.Authors)

	provinces := od.Visitors(aggregate.ODQuery{Dest: pv, Level: geo.LevelProvince, Top: 12}, p.Policy())
	if a, ok := g.Area(pv); ok && !provinces.Suppressed {
		fmt.Fprintf(w, "\nposting from or about the province %s: %d people; by home province:\n\n", a.Name, provinces.Authors)
		for _, f := range provinces.Origins {
			name := "(home unknown)"
			if a, ok := g.Area(f.Origin); ok {
				name = a.Name
			}
			fmt.Fprintf(w, "%-28s %7d %5.1f%%\n", name, f.Authors, 100*f.Share)
		}
	}
	if err := layer.Lookup(g); err != nil {
		return err
	}
	err = output.Files(out, map[string]func(io.Writer) error{
		"visitors.geojson": func(f io.Writer) error { return render.WriteGeoJSON(f, layer) },
		"visitors.csv":     func(f io.Writer) error { return render.WriteCSV(f, layer) },
		"visitors.svg":     func(f io.Writer) error { return render.WriteSVG(f, layer, nil) },
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nwrote visitors.geojson, visitors.csv, visitors.svg")
	return nil
}

func contains(ids []geo.AreaID, id geo.AreaID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
