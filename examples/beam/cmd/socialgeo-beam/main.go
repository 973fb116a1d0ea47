// Command socialgeo-beam runs the socialgeo analysis on Apache Beam: it
// reads posts, observes them with the pipeline configuration registered
// under -config, combines them per key into the core aggregates, and
// writes the same files as the quickstart (municipalities.geojson,
// municipalities.csv, map.svg, report.json, report.md) plus a 1 km CBS
// grid, origin–destination pairs, key terms, the profile indicator and
// every aggregate's binary state.
//
// Locally it runs on Beam's prism runner (in-process, the default):
//
//	go run ./cmd/socialgeo-beam -sample 20000 -out out          # synthetic posts
//	go run ./cmd/socialgeo-beam -sample 20000 -write-sample posts.ndjson
//	go run ./cmd/socialgeo-beam -input 'posts*.ndjson' -out out
//	go run ./cmd/socialgeo-beam -input 'dump/*.json' -format mastodon -out out
//
// NDJSON is read line by line with textio, so one large file is split
// across workers; other formats are decoded a whole file at a time. On
// Flink, Spark or Dataflow add Beam's flags (--runner, --endpoint,
// --environment_type, ...) and use output and input paths every worker
// can reach; see the README.
//
// Differences from Pipeline.Run: the stream filters (duplicates,
// near-duplicates, author cap) need the posts in order and are not
// applied; reposts are collapsed as in Run.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs:// paths on Dataflow
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/examples/beam/sgbeam"
	"github.com/socialgeo/socialgeo/geo"
)

var (
	input   = flag.String("input", "", "glob of the input files (local path, gs://...)")
	format  = flag.String("format", "ndjson", "input format: ndjson (read line by line) or one of "+strings.Join(sgbeam.Formats(), ", "))
	out     = flag.String("out", "out", "output folder (local path, gs://...)")
	options = flag.String("config", "library", "registered pipeline options (sgbeam.RegisterOptions): library (every library profile) or \"\" (no profiles)")
	key     = flag.String("key", sgbeam.KeyMunicipality, "combine key: municipality, day, or \"\" for one key")
	grid    = flag.Int("grid", 1000, "CBS grid cell size in metres (100, 500, 1000)")
	writeTo = flag.String("write-sample", "", "with -sample: write the synthetic posts to this NDJSON file and exit")
	verbose = flag.Bool("v", false, "log the runner's progress")
	sample  = flag.Int("sample", 0, "instead of -input, analyse this many synthetic posts (sgbeam.SamplePosts, made up)")
)

func main() {
	flag.Parse()
	beam.Init() // after flag parsing: on a worker this runs the harness and does not return
	if !*verbose {
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "socialgeo-beam:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *writeTo != "" {
		if *sample == 0 {
			return fmt.Errorf("-write-sample needs -sample")
		}
		f, err := os.Create(*writeTo)
		if err != nil {
			return err
		}
		skipped, err := sgbeam.WriteNDJSON(f, sgbeam.SamplePosts(*sample, 1))
		if err != nil {
			f.Close()
			return err
		}
		fmt.Printf("wrote %d synthetic posts to %s (%d without an ID left out)\n", *sample-skipped, *writeTo, skipped)
		return f.Close()
	}
	if (*input == "") == (*sample == 0) {
		return fmt.Errorf("give exactly one of -input and -sample")
	}
	scheme := aggregate.CBSGrid(*grid)
	if err := scheme.Validate(); err != nil {
		return err
	}
	a := sgbeam.Analysis{
		Options:   *options,
		KeyBy:     *key,
		Grid:      &scheme,
		OD:        &aggregate.ODOptions{Level: geo.LevelMunicipality},
		KeyTerms:  &aggregate.KeyTermsOptions{Level: geo.LevelMunicipality},
		Series:    &sgbeam.SeriesConfig{},
		Indicator: &sgbeam.IndicatorConfig{},
	}
	p, s := beam.NewPipelineWithRoot()
	var posts beam.PCollection
	var rejected []beam.PCollection
	switch {
	case *sample > 0:
		posts = beam.CreateList(s, sgbeam.SamplePosts(*sample, 1))
	case *format == "ndjson":
		ps, rej := sgbeam.ReadNDJSON(s, *input, sgbeam.Decode{})
		posts, rejected = ps, append(rejected, rej)
	default:
		ps, rej := sgbeam.ReadFiles(s, *input, sgbeam.Decode{Format: *format})
		posts, rejected = ps, append(rejected, rej)
	}
	if !strings.Contains(*out, "://") {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	r := sgbeam.Analyze(s, a, posts, rejected...)
	sgbeam.Write(s, a, r, *out)
	if err := beamx.Run(ctx, p); err != nil {
		return err
	}
	return summary(*out)
}

// summary prints the report's counts when the output folder is local.
func summary(dir string) error {
	b, err := os.ReadFile(strings.TrimSuffix(dir, "/") + "/" + sgbeam.FileReportJSON)
	if err != nil {
		fmt.Printf("done; outputs in %s\n", dir)
		return nil
	}
	var rep struct {
		Read, Observed int
		Rejected       map[string]int
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return err
	}
	fmt.Printf("socialgeo-beam: %d posts read, %d observed, rejected %v\nwrote %s to %s\n", rep.Read, rep.Observed, rep.Rejected,
		strings.Join([]string{sgbeam.FileMunicipalitiesGeo, sgbeam.FileMunicipalitiesCSV, sgbeam.FileMapSVG, sgbeam.FileReportJSON, sgbeam.FileReportMD,
			sgbeam.FileGridGeoJSON, sgbeam.FileGridCSV, sgbeam.FileODCSV, sgbeam.FileKeyTermsJSON, sgbeam.FileIndicatorCSV, sgbeam.FileSeriesCSV}, ", "), dir)
	return nil
}
