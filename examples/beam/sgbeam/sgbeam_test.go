package sgbeam

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"flag"
	"log/slog"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/source"
)

// TestMain runs the pipelines on prism (in-process, loopback workers),
// which encodes every accumulator and element as a distributed runner
// does; the direct runner would hide a missing coder.
func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(ptest.MainRetWithDefault(m, "prism"))
}

func zero() *int { z := 0; return &z }

// testOptions is the library configuration without the stream filters,
// which a Beam run does not apply.
func testOptions() (*socialgeo.Options, error) {
	lib, err := profile.Library()
	if err != nil {
		return nil, err
	}
	return &socialgeo.Options{Profiles: lib.Profiles(), DedupWindow: zero(), AuthorCap: zero()}, nil
}

func init() { RegisterOptions("sgbeam-test", testOptions) }

func testAnalysis() Analysis {
	grid := aggregate.CBSGrid(1000)
	return Analysis{
		Options:   "sgbeam-test",
		KeyBy:     KeyMunicipality,
		Grid:      &grid,
		OD:        &aggregate.ODOptions{Level: geo.LevelMunicipality},
		KeyTerms:  &aggregate.KeyTermsOptions{Level: geo.LevelMunicipality},
		Series:    &SeriesConfig{},
		Indicator: &IndicatorConfig{},
	}
}

// TestCoders checks that Beam encodes every state with its registered
// MarshalBinary coder: the bytes Beam writes decode to an equal state.
func TestCoders(t *testing.T) {
	p, err := NewPipeline("sgbeam-test")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
	od := aggregate.NewOD(nil)
	kt := aggregate.NewKeyTerms(&aggregate.KeyTermsOptions{Level: geo.LevelMunicipality})
	for _, post := range SamplePosts(300, 7) {
		o, err := p.Observe(context.Background(), post)
		if err != nil {
			continue
		}
		g.Add(o)
		od.Add(o)
		kt.Add(o)
	}
	se, _ := aggregate.NewSeries(nil)
	in, _ := aggregate.NewIndicator(nil)
	for _, post := range SamplePosts(300, 8) {
		if o, err := p.Observe(context.Background(), post); err == nil {
			se.Add(o)
			in.Add(o)
		}
	}
	for _, st := range []encoding.BinaryMarshaler{g, od, kt, se, in} {
		typ := reflect.TypeOf(st)
		var buf bytes.Buffer
		if err := beam.NewElementEncoder(typ).Encode(st, &buf); err != nil {
			t.Fatalf("%v: encode: %v", typ, err)
		}
		got, err := beam.NewElementDecoder(typ).Decode(&buf)
		if err != nil {
			t.Fatalf("%v: decode: %v", typ, err)
		}
		want, _ := st.MarshalBinary()
		gotb, _ := got.(encoding.BinaryMarshaler).MarshalBinary()
		if !bytes.Equal(gotb, want) {
			t.Errorf("%v: Beam's coder lost state: %d bytes after the round trip, want %d", typ, len(gotb), len(want))
		}
	}
}

// TestBeamEqualsRun checks that the Beam pipeline on prism gives the same
// aggregates and report as Pipeline.Run over the same posts.
func TestBeamEqualsRun(t *testing.T) {
	posts := SamplePosts(3000, 1)
	ctx := context.Background()

	// single process
	sp, err := NewPipeline("sgbeam-test")
	if err != nil {
		t.Fatal(err)
	}
	a := testAnalysis()
	g, _ := aggregate.NewGrid(*a.Grid, nil)
	od := aggregate.NewOD(a.OD)
	kt := aggregate.NewKeyTerms(a.KeyTerms)
	se, _ := aggregate.NewSeries(a.Series.options())
	in, _ := aggregate.NewIndicator(a.Indicator.options())
	rep, err := sp.Run(ctx, source.FromSlice(posts), g, od, kt, se, in)
	if err != nil {
		t.Fatal(err)
	}

	// Beam on prism
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	r := Analyze(s, a, beam.CreateList(s, posts))
	Write(s, a, r, dir)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}

	bg := new(aggregate.Grid)
	readState(t, filepath.Join(dir, FileGridState), bg)
	bod := new(aggregate.OD)
	readState(t, filepath.Join(dir, FileODState), bod)
	bkt := new(aggregate.KeyTerms)
	readState(t, filepath.Join(dir, FileKeyTermsState), bkt)

	bse := new(aggregate.Series)
	readState(t, filepath.Join(dir, FileSeriesState), bse)
	bin := new(aggregate.Indicator)
	readState(t, filepath.Join(dir, FileIndicatorState), bin)

	compareGrids(t, g, bg)
	sameResults(t, "Series", slices.Collect(se.Results(allCells)), slices.Collect(bse.Results(allCells)))
	sameBytes(t, "Indicator", in, bin)
	sameBytes(t, "OD", od, bod)
	sameBytes(t, "KeyTerms", kt, bkt)

	var brep socialgeo.Report
	b, err := os.ReadFile(filepath.Join(dir, FileReportJSON))
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonUnmarshal(b, &brep); err != nil {
		t.Fatal(err)
	}
	if rep.Read != len(posts) || brep.Read != rep.Read || brep.Observed != rep.Observed || brep.RepostReach != rep.RepostReach {
		t.Errorf("report: beam read/observed/reach %d/%d/%d, run %d/%d/%d (posts %d)",
			brep.Read, brep.Observed, brep.RepostReach, rep.Read, rep.Observed, rep.RepostReach, len(posts))
	}
	for name, pair := range map[string][2]map[string]int{
		"rejected": {brep.Rejected, rep.Rejected}, "location": {brep.Location, rep.Location},
		"languages": {brep.Languages, rep.Languages}, "platforms": {brep.Platforms, rep.Platforms},
		"labels": {brep.SentimentLabels, rep.SentimentLabels}, "flags": {brep.SentimentFlags, rep.SentimentFlags},
		"profiles": {brep.Profiles, rep.Profiles},
	} {
		if !maps.Equal(nonZero(pair[0]), nonZero(pair[1])) {
			t.Errorf("report %s: beam %v, run %v", name, pair[0], pair[1])
		}
	}
	if rep.Observed == 0 || len(rep.Rejected) == 0 || rep.RepostReach == 0 || len(rep.Profiles) == 0 {
		t.Errorf("weak test input: %+v", rep)
	}
	if brep.Cells.Published+brep.Cells.Suppressed == 0 {
		t.Errorf("report: no cells counted: %+v", brep.Cells)
	}
	for _, f := range []string{FileGridGeoJSON, FileGridCSV, FileODCSV, FileKeyTermsJSON, FileReportMD, FileSeriesCSV,
		FileMunicipalitiesGeo, FileMunicipalitiesCSV, FileMapSVG, FileIndicatorCSV} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("output %s missing or empty: %v", f, err)
		}
	}
}

func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func readState(t *testing.T, path string, u encoding.BinaryUnmarshaler) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.UnmarshalBinary(b); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func sameBytes(t *testing.T, name string, want, got encoding.BinaryMarshaler) {
	t.Helper()
	w, _ := want.MarshalBinary()
	g, _ := got.MarshalBinary()
	if !bytes.Equal(w, g) {
		t.Errorf("%s: Beam state (%d bytes) differs from Run's (%d bytes)", name, len(g), len(w))
	}
}

// compareGrids compares every cell of two grids: counts and authors
// exactly, mean sentiment up to float64 rounding (the sums are added in a
// different order on Beam).
func compareGrids(t *testing.T, want, got *aggregate.Grid) {
	t.Helper()
	all := &aggregate.Policy{K: 1, UnsafeSmallK: true}
	wc := slices.Collect(want.Results(all))
	gc := slices.Collect(got.Results(all))
	if len(wc) != len(gc) || len(wc) == 0 {
		t.Fatalf("grid: Beam has %d cells, Run %d", len(gc), len(wc))
	}
	for i := range wc {
		w, g := wc[i], gc[i]
		ws, gs := w.Sentiment, g.Sentiment
		w.Sentiment, g.Sentiment = 0, 0
		if w != g || !(math.Abs(ws-gs) <= 1e-12 || math.IsNaN(ws) && math.IsNaN(gs)) {
			t.Errorf("grid cell %d: Beam %+v (sentiment %v), Run %+v (sentiment %v)", i, g, gs, w, ws)
		}
	}
	if want.Skipped() != got.Skipped() {
		t.Errorf("grid skipped: Beam %d, Run %d", got.Skipped(), want.Skipped())
	}
	wb, _ := want.MarshalBinary()
	gb, _ := got.MarshalBinary()
	t.Logf("grid: %d cells, %d skipped; states byte-identical: %v", len(wc), want.Skipped(), bytes.Equal(wb, gb))
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

var allCells = &aggregate.Policy{K: 1, UnsafeSmallK: true}

// sameResults compares result rows: every field exactly but float64
// fields, which may differ by rounding (Beam merges the per-key moments in
// another order than Run adds them).
func sameResults[T any](t *testing.T, name string, want, got []T) {
	t.Helper()
	if len(want) != len(got) || len(want) == 0 {
		t.Fatalf("%s: Beam has %d rows, Run %d", name, len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !near(reflect.ValueOf(want[i]), reflect.ValueOf(got[i])) {
			if bad++; bad <= 3 {
				t.Errorf("%s row %d:\nBeam %+v\nRun  %+v", name, i, got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d rows differ", name, bad, len(want))
	}
}

func near(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || math.IsNaN(x) && math.IsNaN(y) || math.Abs(x-y) <= 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
	case reflect.Struct:
		if a.Type() == reflect.TypeOf(time.Time{}) {
			return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
		}
		for i := range a.NumField() {
			if !near(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !near(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	default:
		return reflect.DeepEqual(a.Interface(), b.Interface())
	}
}
