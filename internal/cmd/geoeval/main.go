// Command geoeval measures the geo text ("about") and home (profile
// location) resolvers on the labelled files in geo/testdata, using the
// embedded Dutch gazetteer (geo/nl), and prints micro precision, recall and
// F1:
//
//	go run ./internal/cmd/geoeval          # from the repository root
//	go run ./internal/cmd/geoeval -v       # also list every error
//
// Text: each post is scored on the set of municipalities it is about
// (postcode areas count as their municipality; provinces are not scored).
// Home: each profile on its set of area codes (municipalities, or the
// province when nothing finer is given). An *AmbiguousError counts as no
// prediction.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

func main() {
	dir := flag.String("dir", "", "folder with text_eval.tsv and home_eval.tsv (default: geo/testdata of the module)")
	verbose := flag.Bool("v", false, "list every wrong post")
	flag.Parse()
	if *dir == "" {
		root, err := moduleRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, "geoeval:", err)
			os.Exit(1)
		}
		*dir = filepath.Join(root, "geo", "testdata")
	}
	var w io.Writer = io.Discard
	if *verbose {
		w = os.Stdout
	}
	text, held, home, err := evaluate(*dir, w)
	if err != nil {
		fmt.Fprintln(os.Stderr, "geoeval:", err)
		os.Exit(1)
	}
	fmt.Printf("gazetteer %s\n", nl.Gazetteer().Version())
	fmt.Printf("%-6s %5s %5s %5s %5s %9s %6s %6s\n", "set", "items", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, s := range []score{text, held, home} {
		fmt.Printf("%-6s %5d %5d %5d %5d %9.3f %6.3f %6.3f\n", s.name, s.items, s.tp, s.fp, s.fn, s.precision(), s.recall(), s.f1())
	}
}

// score is a micro-averaged confusion count.
type score struct {
	name              string
	items, tp, fp, fn int
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) add(got, want []geo.AreaID) {
	s.items++
	for _, g := range got {
		if slices.Contains(want, g) {
			s.tp++
		} else {
			s.fp++
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			s.fn++
		}
	}
}

// moduleRoot walks up from the working directory to the folder with go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// readTSV returns the rows of a labelled file without comments and header.
func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, sc.Err()
}

func codes(s string) []geo.AreaID {
	var out []geo.AreaID
	for _, c := range strings.Split(s, ";") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, geo.AreaID(c))
		}
	}
	return out
}

func col(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// evaluate scores both resolvers on the files in dir, writing every wrong
// item to w.
func evaluate(dir string, w io.Writer) (text, held, home score, err error) {
	g := nl.Gazetteer()
	tr := geo.NewTextResolver(g, nil)
	hr := tr.Home(nil)
	text.name, held.name, home.name = "text", "heldout", "home"
	if text, err = evalText(g, tr, filepath.Join(dir, "text_eval.tsv"), "text", w); err != nil {
		return text, held, home, err
	}
	if held, err = evalText(g, tr, filepath.Join(dir, "text_heldout.tsv"), "heldout", w); err != nil {
		return text, held, home, err
	}
	home, err = evalHome(hr, filepath.Join(dir, "home_eval.tsv"), w)
	return text, held, home, err
}

// evalText scores the text resolver on one labelled file.
func evalText(g *geo.Gazetteer, tr *geo.TextResolver, path, name string, w io.Writer) (text score, err error) {
	ctx := context.Background()
	text.name = name
	rows, err := readTSV(path)
	if err != nil {
		return text, err
	}
	for _, row := range rows {
		q := geo.Query{Text: row[0]}
		if c := geo.AreaID(col(row, 2)); c != "" {
			lvl := geo.LevelMunicipality
			if strings.HasPrefix(string(c), "PV") {
				lvl = geo.LevelProvince
			}
			q.Context = []geo.Location{{Area: c, Level: lvl, Role: geo.RoleHome, Method: geo.MethodProfile, Confidence: 1}}
		}
		locs, err := tr.Resolve(ctx, q)
		if err != nil && !errors.Is(err, geo.ErrNotFound) {
			var amb *geo.AmbiguousError
			if !errors.As(err, &amb) {
				return text, fmt.Errorf("resolve %q: %w", row[0], err)
			}
		}
		var got []geo.AreaID
		for _, l := range locs {
			id := l.Area
			switch l.Level {
			case geo.LevelMunicipality:
			case geo.LevelPC4:
				id = ""
				if a, ok := g.Area(l.Area); ok {
					for _, p := range a.Parents {
						if strings.HasPrefix(string(p), "GM") {
							id = p
							break
						}
					}
				}
			default:
				id = ""
			}
			if id != "" && !slices.Contains(got, id) {
				got = append(got, id)
			}
		}
		want := codes(col(row, 1))
		report(w, name, row[0], got, want)
		text.add(got, want)
	}
	return text, nil
}

// evalHome scores the home resolver on one labelled file.
func evalHome(hr *geo.HomeResolver, path string, w io.Writer) (home score, err error) {
	ctx := context.Background()
	home.name = "home"
	rows, err := readTSV(path)
	if err != nil {
		return home, err
	}
	for _, row := range rows {
		locs, _ := hr.Resolve(ctx, geo.Query{ProfileLocation: row[0]})
		var got []geo.AreaID
		for _, l := range locs {
			if !slices.Contains(got, l.Area) {
				got = append(got, l.Area)
			}
		}
		want := codes(col(row, 1))
		report(w, "home", row[0], got, want)
		home.add(got, want)
	}
	return home, nil
}

func report(w io.Writer, set, item string, got, want []geo.AreaID) {
	g, wa := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(wa)
	if !slices.Equal(g, wa) {
		fmt.Fprintf(w, "%s\t%q\tgot %v\twant %v\n", set, item, g, wa)
	}
}
