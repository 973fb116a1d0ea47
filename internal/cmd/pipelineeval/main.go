// Command pipelineeval runs the whole pipeline on SYNTHETIC posts with
// ground truth (internal/synth) and reports how well it recovers what the
// generator put in: where posts were sent from, where authors live, which
// municipalities posts are about, sentiment labels, the sarcasm flag,
// language, and how the noise filters treat a copy-paste campaign.
//
//	go run ./internal/cmd/pipelineeval [-posts 20000] [-seed 1]
//
// The synthetic texts come from templates written for this project, so
// these figures are an end-to-end consistency check of the wiring, not an
// independent accuracy claim; the independent, hand-labelled evaluations
// are internal/cmd/geoeval and internal/cmd/sentimenteval.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/sentiment"
)

func main() {
	posts := flag.Int("posts", 20000, "synthetic posts")
	seed := flag.Uint64("seed", 1, "generator seed")
	flag.Parse()
	r, err := Evaluate(context.Background(), *posts, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pipelineeval:", err)
		os.Exit(1)
	}
	r.Print(os.Stdout)
}

// PR counts a detection task.
type PR struct{ TP, FP, FN int }

// Precision is TP / (TP + FP).
func (c PR) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c PR) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c PR) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Result holds every measured figure.
type Result struct {
	Posts                         int
	From, Home, About             PR
	Sarcasm                       PR
	LabelOK, Labelled             int
	LangOK, LangN                 int
	Campaign, CampaignCaught      int
	Background, BackgroundDropped int
}

// Evaluate generates n posts and measures the pipeline against the truth.
func Evaluate(ctx context.Context, n int, seed uint64) (*Result, error) {
	g := nl.Gazetteer()
	gen, err := synth.New(g, &synth.Options{Posts: n, Seed: seed})
	if err != nil {
		return nil, err
	}
	truth := map[string]synth.Truth{}
	for it := range gen.Items() {
		truth[it.Post.ID] = it.Truth
	}
	res := &Result{Posts: n}
	dropped := map[string]string{}
	p, err := socialgeo.New(&socialgeo.Options{Gazetteer: g, OnReject: func(id, reason string) { dropped[id] = reason }})
	if err != nil {
		return nil, err
	}
	// Location, sentiment and language per post (Observe: no stream filters).
	for post, err := range gen.Posts(ctx) {
		if err != nil {
			return nil, err
		}
		tr := truth[post.ID]
		o, err := p.Observe(ctx, post)
		if err != nil {
			continue
		}
		found := map[geo.Role]map[geo.AreaID]bool{geo.RoleFrom: {}, geo.RoleHome: {}, geo.RoleAbout: {}}
		for _, a := range o.Areas {
			if a.Level == geo.LevelMunicipality {
				found[a.Role][a.Area] = true
			}
		}
		score(&res.From, found[geo.RoleFrom], single(tr.From))
		if post.Author.Location != "" { // home is only knowable from a profile
			score(&res.Home, found[geo.RoleHome], single(tr.Home))
		}
		about := map[geo.AreaID]bool{}
		for _, a := range tr.About {
			about[a] = true
		}
		score(&res.About, found[geo.RoleAbout], about)
		sarc := o.Flags&sentiment.FlagSarcasm != 0
		switch {
		case sarc && tr.Sarcasm:
			res.Sarcasm.TP++
		case sarc:
			res.Sarcasm.FP++
		case tr.Sarcasm:
			res.Sarcasm.FN++
		}
		res.Labelled++
		if o.Label == expected(tr.Polarity) {
			res.LabelOK++
		}
		res.LangN++
		if o.Lang == tr.Lang {
			res.LangOK++
		}
	}
	// Noise filters over the stream.
	if _, err := p.Run(ctx, gen, aggregate.AggregatorFunc(func(aggregate.Observation) {})); err != nil {
		return nil, err
	}
	for id, tr := range truth {
		switch tr.Scenario {
		case synth.ActionGroup:
			res.Campaign++
			if r := dropped[id]; r == socialgeo.RejectNearDuplicate || r == socialgeo.RejectDuplicate {
				res.CampaignCaught++
			}
		case "":
			res.Background++
			if r := dropped[id]; r == socialgeo.RejectNearDuplicate || r == socialgeo.RejectDuplicate {
				res.BackgroundDropped++
			}
		}
	}
	return res, nil
}

func single(id geo.AreaID) map[geo.AreaID]bool {
	if id == "" {
		return nil
	}
	return map[geo.AreaID]bool{id: true}
}

func score(c *PR, found, want map[geo.AreaID]bool) {
	for id := range found {
		if want[id] {
			c.TP++
		} else {
			c.FP++
		}
	}
	for id := range want {
		if !found[id] {
			c.FN++
		}
	}
}

// expected is the label the generator intended.
func expected(pol float64) sentiment.Label {
	switch {
	case pol >= 0.2:
		return sentiment.Positive
	case pol <= -0.2:
		return sentiment.Negative
	}
	return sentiment.Neutral
}

// Print writes the figures as a table.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "synthetic posts: %d (internal/synth; template texts, see the command doc)\n\n", r.Posts)
	fmt.Fprintf(w, "%-34s %9s %7s %6s\n", "task (municipality level)", "precision", "recall", "F1")
	for _, row := range []struct {
		name string
		c    PR
	}{{"from: geotag / platform place", r.From}, {"home: profile location", r.Home}, {"about: names, hashtags, codes", r.About}, {"sarcasm flag", r.Sarcasm}} {
		fmt.Fprintf(w, "%-34s %9.3f %7.3f %6.3f\n", row.name, row.c.Precision(), row.c.Recall(), row.c.F1())
	}
	fmt.Fprintf(w, "\nsentiment label as intended: %.3f (%d posts)\n", ratio(r.LabelOK, r.Labelled), r.Labelled)
	fmt.Fprintf(w, "language as generated:       %.3f\n", ratio(r.LangOK, r.LangN))
	fmt.Fprintf(w, "copy-paste campaign posts dropped as (near-)duplicates: %.3f (%d posts)\n", ratio(r.CampaignCaught, r.Campaign), r.Campaign)
	fmt.Fprintf(w, "background posts dropped as (near-)duplicates:          %.3f (%d posts)\n", ratio(r.BackgroundDropped, r.Background), r.Background)
}
