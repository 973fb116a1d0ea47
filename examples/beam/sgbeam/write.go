package sgbeam

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/render"
)

func init() {
	register.DoFn2x1[context.Context, *aggregate.Grid, error](&WriteGridFn{})
	register.DoFn2x1[context.Context, *aggregate.OD, error](&WriteODFn{})
	register.DoFn2x1[context.Context, *aggregate.KeyTerms, error](&WriteKeyTermsFn{})
	register.DoFn2x1[context.Context, Counts, error](&WriteReportFn{})
}

// Output file names written into the output folder.
const (
	FileGridState     = "grid.bin"     // Grid.MarshalBinary
	FileGridGeoJSON   = "grid.geojson" // posts per cell, authors and sentiment as props
	FileGridCSV       = "grid.csv"
	FileODState       = "od.bin"
	FileODCSV         = "od.csv"
	FileKeyTermsState = "keyterms.bin"
	FileKeyTermsJSON  = "keyterms.json"
	FileReportJSON    = "report.json"
	FileReportMD      = "report.md"
)

// writeFile writes one file through Beam's filesystem layer, so that Dir
// may be a local folder or any registered scheme (gs://, s3://...).
func writeFile(ctx context.Context, dir, name string, write func(io.Writer) error) error {
	path := strings.TrimSuffix(dir, "/") + "/" + name
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("sgbeam: %s: %w", path, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return fmt.Errorf("sgbeam: %s: %w", path, err)
	}
	if err := write(w); err != nil {
		w.Close()
		return fmt.Errorf("sgbeam: %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("sgbeam: %s: %w", path, err)
	}
	return nil
}

func writeState(ctx context.Context, dir, name string, m interface{ MarshalBinary() ([]byte, error) }) error {
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	return writeFile(ctx, dir, name, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// WriteGridFn writes a merged grid into Dir: its state (FileGridState)
// and the all-posts layer as GeoJSON and CSV, cells with fewer than K
// unique authors suppressed (K 0 means 10). A nil grid (no observation)
// writes nothing.
type WriteGridFn struct {
	Dir   string
	Title string
	K     int
}

// ProcessElement writes the files.
func (f *WriteGridFn) ProcessElement(ctx context.Context, g *aggregate.Grid) error {
	if g == nil {
		return nil
	}
	if err := writeState(ctx, f.Dir, FileGridState, g); err != nil {
		return err
	}
	l := render.GridLayer(f.Title, g.Scheme(), g.Results(&aggregate.Policy{K: f.K}), "", render.GridPosts)
	l.K = f.K
	if l.K == 0 {
		l.K = 10
	}
	if err := writeFile(ctx, f.Dir, FileGridGeoJSON, func(w io.Writer) error { return render.WriteGeoJSON(w, l) }); err != nil {
		return err
	}
	return writeFile(ctx, f.Dir, FileGridCSV, func(w io.Writer) error { return render.WriteCSV(w, l) })
}

// WriteODFn writes a merged OD into Dir: its state (FileODState) and its
// pairs as CSV, pairs with fewer than K unique authors suppressed (0
// means 10).
type WriteODFn struct {
	Dir string
	K   int
}

// ProcessElement writes the files.
func (f *WriteODFn) ProcessElement(ctx context.Context, d *aggregate.OD) error {
	if d == nil {
		return nil
	}
	if err := writeState(ctx, f.Dir, FileODState, d); err != nil {
		return err
	}
	return writeFile(ctx, f.Dir, FileODCSV, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"start", "end", "level", "origin", "destination", "profile", "posts", "authors", "suppressed", "noised"})
		for fl := range d.Results(&aggregate.Policy{K: f.K}) {
			cw.Write([]string{isoTime(fl.Start), isoTime(fl.End), fl.Level.String(), string(fl.Origin), string(fl.Dest), fl.Profile,
				strconv.FormatInt(fl.Posts, 10), strconv.FormatInt(fl.Authors, 10), strconv.FormatBool(fl.Suppressed), strconv.FormatBool(fl.Noised)})
		}
		cw.Flush()
		return cw.Error()
	})
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteKeyTermsFn writes merged key terms into Dir: the state
// (FileKeyTermsState) and the results as JSON, areas with fewer than K
// unique authors suppressed (0 means 10).
type WriteKeyTermsFn struct {
	Dir string
	K   int
}

// ProcessElement writes the files.
func (f *WriteKeyTermsFn) ProcessElement(ctx context.Context, k *aggregate.KeyTerms) error {
	if k == nil {
		return nil
	}
	if err := writeState(ctx, f.Dir, FileKeyTermsState, k); err != nil {
		return err
	}
	var rows []aggregate.AreaTerms
	for r := range k.Results(&aggregate.Policy{K: f.K}) {
		rows = append(rows, r)
	}
	return writeFile(ctx, f.Dir, FileKeyTermsJSON, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(rows)
	})
}

// WriteReportFn writes the socialgeo.Report of the counts (see [Report])
// into Dir as FileReportJSON and FileReportMD.
type WriteReportFn struct {
	Dir     string
	Options string
}

// ProcessElement writes the files.
func (f *WriteReportFn) ProcessElement(ctx context.Context, c Counts) error {
	rep, err := Report(ctx, f.Options, c)
	if err != nil {
		return err
	}
	if err := writeFile(ctx, f.Dir, FileReportJSON, rep.WriteJSON); err != nil {
		return err
	}
	return writeFile(ctx, f.Dir, FileReportMD, rep.WriteMarkdown)
}

// Write adds the writers of every computed aggregate and of the report
// to the pipeline; the files go into dir (see the File constants).
func Write(s beam.Scope, a Analysis, r Results, dir string) {
	s = s.Scope("sgbeam.Write")
	if a.Grid != nil {
		beam.ParDo0(s, &WriteGridFn{Dir: dir, Title: "Posts per " + a.Grid.String() + " cell"}, r.Grid)
	}
	if a.OD != nil {
		beam.ParDo0(s, &WriteODFn{Dir: dir}, r.OD)
	}
	if a.KeyTerms != nil {
		beam.ParDo0(s, &WriteKeyTermsFn{Dir: dir}, r.KeyTerms)
	}
	counts := r.Counts
	if a.Series != nil {
		cells := beam.ParDo(s, &WriteSeriesFn{Dir: dir, Options: a.Options}, r.Series)
		counts = beam.Combine(s, &MergeCountsFn{}, beam.Flatten(s, counts, cells))
	}
	if a.Indicator != nil {
		beam.ParDo0(s, &WriteIndicatorFn{Dir: dir, Options: a.Options, Config: *a.Indicator}, r.Indicator)
	}
	beam.ParDo0(s, &WriteReportFn{Dir: dir, Options: a.Options}, counts)
}
