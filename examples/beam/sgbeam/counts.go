package sgbeam

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/source"
)

func init() {
	register.Combiner3[Counts, string, Counts](&CountsFn{})
	register.Combiner1[Counts](&MergeCountsFn{})
}

// Counts tallies the report of a Beam run: TallyRead, TallyObserved,
// TallyRejected+reason, TallyRepostReach and the facet keys of ObserveFn
// (TallyLocation+..., TallyLanguage+..., ...), each with its number of
// occurrences.
type Counts map[string]int64

// Tally keys of the published result cells, counted by WriteSeriesFn as
// the quickstart counts them (municipalities, all posts).
const (
	TallyCellsPublished  = "cells/published"
	TallyCellsSuppressed = "cells/suppressed"
	TallyCellsNoised     = "cells/noised"
)

// CountsFn is a CombineFn counting tally keys into [Counts].
type CountsFn struct{}

// CreateAccumulator returns empty counts.
func (CountsFn) CreateAccumulator() Counts { return Counts{} }

// AddInput counts one key.
func (CountsFn) AddInput(c Counts, key string) Counts {
	c[key]++
	return c
}

// MergeAccumulators adds b to a.
func (CountsFn) MergeAccumulators(a, b Counts) Counts {
	if a == nil {
		return b
	}
	for k, n := range b {
		a[k] += n
	}
	return a
}

// ExtractOutput returns the counts (never nil).
func (CountsFn) ExtractOutput(c Counts) Counts {
	if c == nil {
		return Counts{}
	}
	return c
}

// MergeCountsFn is a CombineFn adding Counts.
type MergeCountsFn struct{}

// MergeAccumulators adds b to a.
func (MergeCountsFn) MergeAccumulators(a, b Counts) Counts { return CountsFn{}.MergeAccumulators(a, b) }

// Report returns the socialgeo.Report of a Beam run with the options
// registered under name: the library version, data versions, thresholds
// and warnings of the pipeline those options build (taken from a run over
// no posts), with the counts of c. Ambiguous stays zero: Pipeline.Observe
// does not return it.
func Report(ctx context.Context, name string, c Counts) (*socialgeo.Report, error) {
	p, err := NewPipeline(name)
	if err != nil {
		return nil, err
	}
	rep, err := p.Run(ctx, source.FromSlice(nil))
	if err != nil {
		return nil, err
	}
	maps := []struct {
		prefix string
		dst    *map[string]int
	}{
		{TallyRejected, &rep.Rejected}, {TallyLocation, &rep.Location}, {TallyLanguage, &rep.Languages},
		{TallyPlatform, &rep.Platforms}, {TallyLabel, &rep.SentimentLabels}, {TallyFlag, &rep.SentimentFlags},
		{TallyProfile, &rep.Profiles},
	}
	for k, n := range c {
		switch k {
		case TallyRead:
			rep.Read += int(n)
			continue
		case TallyObserved:
			rep.Observed += int(n)
			continue
		case TallyRepostReach:
			rep.RepostReach += int(n)
			continue
		case TallyCellsPublished:
			rep.Cells.Published += int(n)
			continue
		case TallyCellsSuppressed:
			rep.Cells.Suppressed += int(n)
			continue
		case TallyCellsNoised:
			rep.Cells.Noised += int(n)
			continue
		}
		found := false
		for _, m := range maps {
			if rest, ok := strings.CutPrefix(k, m.prefix); ok {
				if *m.dst == nil {
					*m.dst = map[string]int{}
				}
				(*m.dst)[rest] += int(n)
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("sgbeam: unknown tally key %q", k)
		}
	}
	return rep, nil
}
