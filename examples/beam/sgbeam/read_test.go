package sgbeam

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
)

// TestReadEqualsRun reads the core decoders' test files through Beam
// (line by line with textio, or whole files) and checks the report and
// series against Pipeline.Run over the same file.
func TestReadEqualsRun(t *testing.T) {
	testdata := filepath.Join("..", "..", "..", "source", "testdata")
	for _, tc := range []struct {
		format, file string
		lines        bool
	}{
		{"bluesky", "bluesky/jetstream.ndjson", true},
		{"bluesky", "bluesky/bad.ndjson", true},
		{"mastodon", "mastodon/timeline.json", false},
		{"mastodon", "mastodon/bad.ndjson", false},
		{"open311-json", "open311/requests.json", false},
		{"open311-xml", "open311/requests.xml", false},
		{"feed", "feed/utrecht.rss", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(testdata, tc.file)
			f, err := os.Open(path)
			if err != nil {
				t.Skip(err) // the core's test files moved
			}
			defer f.Close()
			dec, err := decoder(tc.format)
			if err != nil {
				t.Fatal(err)
			}
			sp, err := NewPipeline("sgbeam-test")
			if err != nil {
				t.Fatal(err)
			}
			se, _ := aggregate.NewSeries(nil)
			rep, err := sp.Run(context.Background(), dec(f, nil), se)
			if err != nil {
				t.Fatal(err)
			}

			dir := t.TempDir()
			a := Analysis{Options: "sgbeam-test", Series: &SeriesConfig{}}
			p, s := beam.NewPipelineWithRoot()
			var posts, rejected beam.PCollection
			if tc.lines {
				posts, rejected = ReadNDJSON(s, path, Decode{Format: tc.format})
			} else {
				posts, rejected = ReadFiles(s, path, Decode{Format: tc.format})
			}
			Write(s, a, Analyze(s, a, posts, rejected), dir)
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
			var brep socialgeo.Report
			b, err := os.ReadFile(filepath.Join(dir, FileReportJSON))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &brep); err != nil {
				t.Fatal(err)
			}
			if brep.Read != rep.Read || brep.Observed != rep.Observed || !mapsEqual(brep.Rejected, rep.Rejected) {
				t.Errorf("Beam read %d observed %d rejected %v; Run read %d observed %d rejected %v",
					brep.Read, brep.Observed, brep.Rejected, rep.Read, rep.Observed, rep.Rejected)
			}
			if rep.Read == 0 {
				t.Errorf("Run read nothing")
			}
			if rep.Observed > 0 {
				bse := new(aggregate.Series)
				readState(t, filepath.Join(dir, FileSeriesState), bse)
				sameResults(t, "Series", slices.Collect(se.Results(allCells)), slices.Collect(bse.Results(allCells)))
			}
			t.Logf("read %d, observed %d, rejected %v", rep.Read, rep.Observed, rep.Rejected)
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	a, b = nonZero(a), nonZero(b)
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
