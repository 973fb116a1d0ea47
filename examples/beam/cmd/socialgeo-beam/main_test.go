package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/socialgeo/socialgeo/examples/beam/sgbeam"
)

func TestMain(m *testing.M) {
	flag.Parse() // also proves that no flag of ours collides with Beam's (that panics at init)
	beam.Init()
	os.Exit(m.Run())
}

// TestRun runs the command on prism: synthetic posts written as NDJSON,
// then read back with textio, and checks the quickstart's files exist.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "posts.ndjson")
	*sample, *writeTo = 1500, in
	if err := run(context.Background()); err != nil {
		t.Fatal(err)
	}
	*sample, *writeTo, *input, *out = 0, "", in, filepath.Join(dir, "out")
	if err := run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{sgbeam.FileMunicipalitiesGeo, sgbeam.FileMunicipalitiesCSV, sgbeam.FileMapSVG, sgbeam.FileReportJSON,
		sgbeam.FileReportMD, sgbeam.FileGridGeoJSON, sgbeam.FileGridCSV} {
		if st, err := os.Stat(filepath.Join(*out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
}
