// Command quickstart runs the whole socialgeo pipeline on a day of
// SYNTHETIC posts (internal/synth: made up, never posted by anyone) and
// prints a per-municipality table; it writes a GeoJSON file, a CSV file, an
// SVG map and the run report to the folder given by -out.
//
//	go run ./examples/quickstart            # writes ./out
//	go run ./examples/quickstart -out /tmp/sg
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
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
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: posts, Seed: 1})
	if err != nil {
		return err
	}
	areas := newAreaTable()
	rep, err := p.Run(ctx, gen, areas)
	if err != nil {
		return err
	}
	// per-municipality table
	rows := areas.rows(10)
	fmt.Fprintf(w, "socialgeo quickstart: %d synthetic posts read, %d observed, %d rejected\n\n", rep.Read, rep.Observed, rep.RejectedTotal())
	fmt.Fprintf(w, "%-24s %7s %7s %9s  %s\n", "municipality", "posts", "authors", "sentiment", "top profile")
	layer := &render.Layer{Title: "Posts about or from each municipality", Subtitle: "synthetic data, one day", Unit: "posts", K: 10}
	suppressed := 0
	for i, r := range rows {
		a, _ := p.Gazetteer().Area(r.id)
		v := render.Value{ID: string(r.id), Name: a.Name, V: float64(r.posts), Suppressed: r.suppressed}
		if r.suppressed {
			suppressed++
		} else {
			v.Props = []render.Prop{{Key: "authors", V: float64(r.authors)}, {Key: "sentiment", V: r.mean()}}
			if i < 15 {
				fmt.Fprintf(w, "%-24s %7d %7d %+9.2f  %s\n", a.Name, r.posts, r.authors, r.mean(), r.topProfile())
			}
		}
		layer.Values = append(layer.Values, v)
	}
	fmt.Fprintf(w, "... %d municipalities, %d suppressed (fewer than 10 authors)\n", len(rows), suppressed)
	rep.Cells.Published, rep.Cells.Suppressed = len(rows)-suppressed, suppressed
	if err := layer.Lookup(p.Gazetteer()); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"municipalities.geojson", func(f io.Writer) error { return render.WriteGeoJSON(f, layer) }},
		{"municipalities.csv", func(f io.Writer) error { return render.WriteCSV(f, layer) }},
		{"map.svg", func(f io.Writer) error { return render.WriteSVG(f, layer, nil) }},
		{"report.json", rep.WriteJSON},
		{"report.md", rep.WriteMarkdown},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(out, f.name), f.write); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nwrote %s\n", strings.Join([]string{"municipalities.geojson", "municipalities.csv", "map.svg", "report.json", "report.md"}, ", "))
	return nil
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// areaTable counts posts per municipality (about, else from).
type areaTable struct{ m map[geo.AreaID]*row }

type row struct {
	id         geo.AreaID
	posts      int
	authorSet  map[string]bool
	authors    int
	sum        float64
	profiles   map[string]int
	suppressed bool
}

func newAreaTable() *areaTable { return &areaTable{m: map[geo.AreaID]*row{}} }

func (t *areaTable) Add(o aggregate.Observation) {
	var id geo.AreaID
	for _, a := range o.Areas {
		if a.Level == geo.LevelMunicipality && (a.Role == geo.RoleAbout || (id == "" && a.Role == geo.RoleFrom)) {
			id = a.Area
		}
	}
	if id == "" {
		return
	}
	r := t.m[id]
	if r == nil {
		r = &row{id: id, authorSet: map[string]bool{}, profiles: map[string]int{}}
		t.m[id] = r
	}
	r.posts++
	r.authorSet[o.Author] = true
	r.sum += o.Polarity
	for _, p := range o.Profiles {
		r.profiles[p.ID]++
	}
}

func (t *areaTable) rows(k int) []*row {
	var out []*row
	for _, r := range t.m {
		r.authors = len(r.authorSet)
		r.suppressed = r.authors < k
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].posts != out[j].posts {
			return out[i].posts > out[j].posts
		}
		return out[i].id < out[j].id
	})
	return out
}

func (r *row) mean() float64 { return math.Round(r.sum/float64(r.posts)*100) / 100 }

func (r *row) topProfile() string {
	best, n := "-", 0
	for id, c := range r.profiles {
		if c > n || (c == n && id < best) {
			best, n = id, c
		}
	}
	return best
}
