package sgbeam

import (
	"context"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
	"github.com/socialgeo/socialgeo/geo"
)

func init() {
	register.DoFn3x1[context.Context, *aggregate.Series, func(Counts), error](&WriteSeriesFn{})
	register.Emitter1[Counts]()
	register.DoFn2x1[context.Context, *aggregate.Indicator, error](&WriteIndicatorFn{})
}

// Output files of the series and indicator writers.
const (
	FileSeriesState       = "series.bin"
	FileSeriesCSV         = "series.csv"             // every municipality and period, all posts
	FileMunicipalitiesGeo = "municipalities.geojson" // the latest period, as the quickstart
	FileMunicipalitiesCSV = "municipalities.csv"
	FileMapSVG            = "map.svg"
	FileIndicatorState    = "indicator.bin"
	FileIndicatorCSV      = "indicator.csv"
)

// WriteSeriesFn writes a merged series into Dir as the quickstart does:
// the posts about each municipality per 10,000 inhabitants (the latest
// period of the series) as GeoJSON, CSV and an SVG map (when at least one
// municipality is published), every period in
// FileSeriesCSV, and the state. Results use the gazetteer of the options
// registered under Options (populations, parents for complementary
// suppression) and K (0 means 10). It emits the disclosure counts of
// the published cells (TallyCells*) for the report.
type WriteSeriesFn struct {
	Dir     string
	Options string
	K       int
	Title   string

	g *geo.Gazetteer
}

// Setup builds the pipeline for its gazetteer.
func (f *WriteSeriesFn) Setup() error {
	p, err := NewPipeline(f.Options)
	if err != nil {
		return err
	}
	f.g = p.Gazetteer()
	return nil
}

// ProcessElement writes the files.
func (f *WriteSeriesFn) ProcessElement(ctx context.Context, st *aggregate.Series, cells func(Counts)) error {
	if st == nil {
		return nil
	}
	if err := writeState(ctx, f.Dir, FileSeriesState, st); err != nil {
		return err
	}
	// The decoded state carries no gazetteer (its functions are not
	// encoded): merge it into a series that has one.
	full, err := aggregate.NewSeries(&aggregate.SeriesOptions{Bucket: st.Bucket(), Gazetteer: f.g})
	if err != nil {
		return err
	}
	if err := full.Merge(st); err != nil {
		return err
	}
	var rows []aggregate.SeriesCell
	var last time.Time
	for c := range full.Results(&aggregate.Policy{K: f.K}) {
		if c.Level != geo.LevelMunicipality || c.Role != geo.RoleAbout || c.Profile != "" {
			continue
		}
		rows = append(rows, c)
		if c.Start.After(last) {
			last = c.Start
		}
	}
	title := f.Title
	if title == "" {
		title = "Posts about each municipality per 10,000 inhabitants"
	}
	k := f.K
	if k == 0 {
		k = aggregate.DefaultK
	}
	layer := &render.Layer{Title: title, Subtitle: last.Format(time.DateOnly), Unit: "posts per 10,000", K: k}
	n := Counts{}
	for _, r := range rows {
		if !r.Start.Equal(last) {
			continue
		}
		a, _ := f.g.Area(r.Area)
		v := render.Value{ID: string(r.Area), Name: a.Name, V: r.Rate, Suppressed: r.Suppressed}
		switch {
		case r.Suppressed:
			n[TallyCellsSuppressed]++
		case r.Noised:
			n[TallyCellsNoised]++
			n[TallyCellsPublished]++
		default:
			n[TallyCellsPublished]++
		}
		if !r.Suppressed {
			v.Props = []render.Prop{{Key: "posts", V: float64(r.Posts)}, {Key: "authors", V: float64(r.Authors)},
				{Key: "sentiment", V: round2(r.Sentiment)}, {Key: "outsider_share", V: round2(r.OutsiderShare)}}
		}
		layer.Values = append(layer.Values, v)
	}
	if err := layer.Lookup(f.g); err != nil {
		return err
	}
	outs := []struct {
		name  string
		write func(io.Writer) error
	}{
		{FileMunicipalitiesGeo, func(w io.Writer) error { return render.WriteGeoJSON(w, layer) }},
		{FileMunicipalitiesCSV, func(w io.Writer) error { return render.WriteCSV(w, layer) }},
		{FileSeriesCSV, func(w io.Writer) error { return writeSeriesCSV(w, rows) }},
	}
	if n[TallyCellsPublished] > 0 {
		// render.WriteSVG needs at least one published value for its legend.
		outs = append(outs, struct {
			name  string
			write func(io.Writer) error
		}{FileMapSVG, func(w io.Writer) error { return render.WriteSVG(w, layer, nil) }})
	}
	for _, out := range outs {
		if err := writeFile(ctx, f.Dir, out.name, out.write); err != nil {
			return err
		}
	}
	cells(n)
	return nil
}

func writeSeriesCSV(w io.Writer, rows []aggregate.SeriesCell) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"area", "start", "end", "posts", "authors", "rate_per_10k", "sentiment", "outsider_share", "suppressed", "noised"})
	for _, r := range rows {
		cw.Write([]string{string(r.Area), isoTime(r.Start), isoTime(r.End), strconv.FormatInt(r.Posts, 10), strconv.FormatInt(r.Authors, 10),
			fnum(r.Rate), fnum(r.Sentiment), fnum(r.OutsiderShare), strconv.FormatBool(r.Suppressed), strconv.FormatBool(r.Noised)})
	}
	cw.Flush()
	return cw.Error()
}

func fnum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// WriteIndicatorFn writes a merged indicator into Dir: the state and
// every row as CSV, rows with fewer than K unique authors suppressed (0
// means 10; complementary suppression uses the gazetteer of Options).
// Config must be the IndicatorFn's.
type WriteIndicatorFn struct {
	Dir     string
	Options string
	Config  IndicatorConfig
	K       int

	g *geo.Gazetteer
}

// Setup builds the pipeline for its gazetteer.
func (f *WriteIndicatorFn) Setup() error {
	p, err := NewPipeline(f.Options)
	if err != nil {
		return err
	}
	f.g = p.Gazetteer()
	return nil
}

// ProcessElement writes the files.
func (f *WriteIndicatorFn) ProcessElement(ctx context.Context, in *aggregate.Indicator) error {
	if in == nil {
		return nil
	}
	if err := writeState(ctx, f.Dir, FileIndicatorState, in); err != nil {
		return err
	}
	// As for the series: attach the gazetteer by merging.
	o := f.Config.options()
	o.Gazetteer = f.g
	full, err := aggregate.NewIndicator(o)
	if err != nil {
		return err
	}
	if err := full.Merge(in); err != nil {
		return err
	}
	return writeFile(ctx, f.Dir, FileIndicatorCSV, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"area", "level", "role", "profile", "start", "end", "matched", "total", "share", "low", "high", "suppressed", "noised"})
		for c := range full.Results(&aggregate.Policy{K: f.K}) {
			cw.Write([]string{string(c.Area), c.Level.String(), c.Role.String(), c.Profile, isoTime(c.Start), isoTime(c.End),
				strconv.FormatInt(c.Matched, 10), strconv.FormatInt(c.Total, 10), fnum(c.Share), fnum(c.Low), fnum(c.High),
				strconv.FormatBool(c.Suppressed), strconv.FormatBool(c.Noised)})
		}
		cw.Flush()
		return cw.Error()
	})
}
