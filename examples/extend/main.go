// Command extend shows how to plug your own parts into socialgeo: a custom
// source (here: a municipality's own log of phone calls, one line per call)
// and a custom resolver (here: neighbourhood nicknames the embedded
// gazetteer does not know). Both are a few lines: a source.Func and a
// geo.ResolverFunc. The data are made up.
//
//	go run ./examples/extend -out ./out
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/source"
)

// callLog is a municipality's own export: time|caller key|note.
const callLog = `2026-04-27T09:12:00Z|c-101|Lantaarnpaal kapot in Wittevrouwen, al een week donker
2026-04-27T09:40:00Z|c-102|Veel overlast van scooters in Ondiep
2026-04-27T10:05:00Z|c-103|Compliment voor de snelle reparatie in Lombok!
2026-04-27T10:31:00Z|c-104|Wateroverlast in de kelder, Zuilen
this line is broken
2026-04-27T11:02:00Z|c-105|Vraag over de afvalkalender voor Transwijk
`

// calls is a custom source: it reads the call log line by line. A bad line
// ends the sequence with an error that says where and why (the Source
// contract: an error is always the last pair).
func calls(r io.Reader) source.Source {
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			sc := bufio.NewScanner(r)
			for n := 1; sc.Scan(); n++ {
				if err := ctx.Err(); err != nil {
					yield(source.Post{}, err)
					return
				}
				f := strings.SplitN(sc.Text(), "|", 3)
				t, err := time.Parse(time.RFC3339, f[0])
				if len(f) != 3 || err != nil {
					yield(source.Post{}, fmt.Errorf("call log line %d: want time|caller|note", n))
					return
				}
				p := source.Post{ID: fmt.Sprintf("call-%d", n), Platform: "calls", Kind: source.KindReport,
					Created: t, Text: f[2], Author: source.Author{Key: f[1]}}
				if !yield(p, nil) {
					return
				}
			}
		}
	})
}

// nicknames is a custom resolver with a municipality's own knowledge:
// neighbourhood names the embedded gazetteer does not hold (Wittevrouwen,
// Ondiep) or cannot settle (Lombok and Zuilen exist elsewhere too), mapped
// to their municipality, Utrecht.
var nicknames = map[string]geo.AreaID{"wittevrouwen": "GM0344", "ondiep": "GM0344", "lombok": "GM0344",
	"zuilen": "GM0344", "transwijk": "GM0344", "dichterswijk": "GM0344"}

func neighbourhoods(ctx context.Context, q geo.Query) ([]geo.Location, error) {
	toks := q.Tokens
	if toks == nil {
		toks = text.Tokenize(q.Text, nil)
	}
	var out []geo.Location
	for i, t := range toks {
		for _, key := range []string{t.Norm, join(toks, i)} {
			if id, ok := nicknames[key]; ok {
				out = append(out, geo.Location{Area: id, Level: geo.LevelMunicipality, Role: geo.RoleAbout,
					Method: geo.MethodText, Confidence: 0.8, Start: int(t.Start), End: int(t.End)})
			}
		}
	}
	if len(out) == 0 {
		return nil, geo.ErrNotFound
	}
	return out, nil
}

// join returns token i and the next one as a two-word name.
func join(toks []text.Token, i int) string {
	if i+1 < len(toks) {
		return toks[i].Norm + " " + toks[i+1].Norm
	}
	return ""
}

func main() {
	out := flag.String("out", "out", "folder for the output files")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "extend:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, out string) error {
	g := nl.Gazetteer()
	// Our resolver first; the embedded text resolver for everything else.
	about := geo.All(geo.ResolverFunc(neighbourhoods), geo.NewTextResolver(g, nil))
	zero := 0
	p, err := socialgeo.New(&socialgeo.Options{Gazetteer: g, About: about, AuthorCap: &zero})
	if err != nil {
		return err
	}
	var lines []string
	rec := aggregate.AggregatorFunc(func(o aggregate.Observation) {
		var areas []string
		for _, a := range o.Areas {
			if a.Role == geo.RoleAbout && a.Level == geo.LevelMunicipality {
				ar, _ := g.Area(a.Area)
				areas = append(areas, ar.Name)
			}
		}
		lines = append(lines, fmt.Sprintf("%s  %-8s %+.2f  about: %s", o.Time.Format("15:04"), o.Label, o.Polarity, strings.Join(areas, ", ")))
	})
	// The call log stops at its broken line: Run returns what it observed
	// so far, and the error says where the log is broken.
	rep, err := p.Run(ctx, calls(strings.NewReader(callLog)), rec)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "\nread %d calls, observed %d\n", rep.Read, rep.Observed)
	if err != nil {
		fmt.Fprintf(w, "stopped: %v\n", err)
	}
	if err := output.Files(out, map[string]func(io.Writer) error{"extend_report.md": rep.WriteMarkdown}); err != nil {
		return err
	}
	fmt.Fprintln(w, "wrote extend_report.md")
	return nil
}
