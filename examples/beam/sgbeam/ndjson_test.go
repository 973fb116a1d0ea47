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
	"github.com/socialgeo/socialgeo/source"
)

// TestNDJSONEqualsRun writes synthetic posts as NDJSON into three files
// (with a few bad lines), reads them with textio on prism and checks the
// report and the grid and series against Pipeline.Run over the same lines.
func TestNDJSONEqualsRun(t *testing.T) {
	dir := t.TempDir()
	posts := SamplePosts(2400, 3)
	bad := "{not json\n" + `{"id":"x","platform":"mastodon"}` + "\n\n" + `{"id":"y","platform":"bluesky","created":"2026-03-02T10:00:00Z","geo":[52.1,5.1],"text":"x"}` + "\n"
	var all []byte
	for i := range 3 {
		path := filepath.Join(dir, "posts-"+string(rune('a'+i))+".ndjson")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := WriteNDJSON(f, posts[i*800:(i+1)*800]); err != nil {
			t.Fatal(err)
		}
		f.WriteString(bad)
		f.Close()
		b, _ := os.ReadFile(path)
		all = append(all, b...)
	}
	whole := filepath.Join(t.TempDir(), "all.ndjson")
	if err := os.WriteFile(whole, all, 0o644); err != nil {
		t.Fatal(err)
	}

	a := testAnalysis()
	sp, err := NewPipeline(a.Options)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := aggregate.NewGrid(*a.Grid, nil)
	se, _ := aggregate.NewSeries(a.Series.options())
	f, err := os.Open(whole)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := sp.Run(context.Background(), source.NewNDJSON(f, nil), g, se)
	if err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	a.OD, a.KeyTerms, a.Indicator = nil, nil, nil
	p, s := beam.NewPipelineWithRoot()
	ps, rej := ReadNDJSON(s, filepath.Join(dir, "*.ndjson"), Decode{})
	Write(s, a, Analyze(s, a, ps, rej), out)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	var brep socialgeo.Report
	b, err := os.ReadFile(filepath.Join(out, FileReportJSON))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &brep); err != nil {
		t.Fatal(err)
	}
	if brep.Read != rep.Read || brep.Observed != rep.Observed || !mapsEqual(brep.Rejected, rep.Rejected) || !mapsEqual(brep.Location, rep.Location) {
		t.Errorf("Beam read %d observed %d rejected %v location %v;\nRun read %d observed %d rejected %v location %v",
			brep.Read, brep.Observed, brep.Rejected, brep.Location, rep.Read, rep.Observed, rep.Rejected, rep.Location)
	}
	if rep.Rejected[string(source.ReasonSyntax)] != 3 || rep.Observed < 2000 {
		t.Errorf("unexpected input: %+v", rep)
	}
	bg := new(aggregate.Grid)
	readState(t, filepath.Join(out, FileGridState), bg)
	compareGrids(t, g, bg)
	bse := new(aggregate.Series)
	readState(t, filepath.Join(out, FileSeriesState), bse)
	sameResults(t, "Series", slices.Collect(se.Results(allCells)), slices.Collect(bse.Results(allCells)))
	t.Logf("read %d, observed %d, rejected %v", rep.Read, rep.Observed, rep.Rejected)
}
