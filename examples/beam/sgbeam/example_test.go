package sgbeam_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/examples/beam/sgbeam"
)

// Example analyses 2,000 synthetic posts on the prism runner (the
// default of ptest; a program calls beamx.Run after flag.Parse and
// beam.Init) and reads back the report and the merged grid state.
func Example() {
	dir, _ := os.MkdirTemp("", "sgbeam")
	defer os.RemoveAll(dir)

	grid := aggregate.CBSGrid(1000)
	a := sgbeam.Analysis{Options: "library", KeyBy: sgbeam.KeyMunicipality, Grid: &grid, Series: &sgbeam.SeriesConfig{}}
	p, s := beam.NewPipelineWithRoot()
	posts := beam.CreateList(s, sgbeam.SamplePosts(2000, 1))
	sgbeam.Write(s, a, sgbeam.Analyze(s, a, posts), dir)
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
		return
	}

	var rep struct{ Read, Observed int }
	b, _ := os.ReadFile(filepath.Join(dir, sgbeam.FileReportJSON))
	json.Unmarshal(b, &rep)
	fmt.Printf("read %d, observed %d\n", rep.Read, rep.Observed)

	g := new(aggregate.Grid)
	b, _ = os.ReadFile(filepath.Join(dir, sgbeam.FileGridState))
	if err := g.UnmarshalBinary(b); err != nil {
		fmt.Println(err)
		return
	}
	published := 0
	for c := range g.Results(nil) {
		if c.Profile == "" && !c.Suppressed {
			published++
		}
	}
	fmt.Printf("grid: %s, %d posts without a point, %d cells published\n", g.Scheme(), g.Skipped(), published)
	// Output:
	// read 2000, observed 1787
	// grid: CBS1000m, 1184 posts without a point, 2 cells published
}
