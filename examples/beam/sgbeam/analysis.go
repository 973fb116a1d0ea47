package sgbeam

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/socialgeo/socialgeo/aggregate"
)

// Analysis configures [Analyze]. Its aggregate options are serialised
// into the Beam graph; a nil aggregate option leaves that aggregate out.
type Analysis struct {
	// Options names the pipeline configuration (see RegisterOptions).
	Options string
	// KeyBy keys the combine: KeyNone, KeyMunicipality or KeyDay. Every
	// aggregate is combined per key (one state per municipality, say),
	// then the per-key states are merged into one.
	KeyBy string
	// Grid, when set, computes an aggregate.Grid over this scheme.
	Grid *aggregate.CellScheme
	// GridOptions configures the grid; nil means defaults.
	GridOptions *aggregate.GridOptions
	// OD, when set, computes an aggregate.OD with these options.
	OD *aggregate.ODOptions
	// KeyTerms, when set, computes an aggregate.KeyTerms with these options.
	KeyTerms *aggregate.KeyTermsOptions
	// Series, when set, computes an aggregate.Series (the quickstart's
	// per-municipality table and map).
	Series *SeriesConfig
	// Indicator, when set, computes an aggregate.Indicator.
	Indicator *IndicatorConfig
}

// Results are the PCollections of [Analyze]. The per-key collections are
// KV<string, state>; the merged ones hold a single state (nil when the
// input had no observation). Unset aggregates are zero PCollections.
type Results struct {
	// Observations is KV<string, aggregate.Observation>.
	Observations beam.PCollection
	// Counts holds one Counts: the tallies of the run (see Report).
	Counts beam.PCollection

	GridByKey, Grid           beam.PCollection // KV<string, *aggregate.Grid>; *aggregate.Grid
	ODByKey, OD               beam.PCollection // KV<string, *aggregate.OD>; *aggregate.OD
	KeyTermsByKey, KeyTerms   beam.PCollection // KV<string, *aggregate.KeyTerms>; *aggregate.KeyTerms
	SeriesByKey, Series       beam.PCollection // KV<string, *aggregate.Series>; *aggregate.Series
	IndicatorByKey, Indicator beam.PCollection // KV<string, *aggregate.Indicator>; *aggregate.Indicator
}

// Analyze observes posts (a PCollection of source.Post) with ObserveFn
// and combines the observations per key into the aggregates a asks for,
// then merges the per-key states. rejected are tally collections of the
// readers (the second outputs of ReadNDJSON and ReadFiles), counted into
// Results.Counts with the observer's tallies.
func Analyze(s beam.Scope, a Analysis, posts beam.PCollection, rejected ...beam.PCollection) Results {
	s = s.Scope("sgbeam.Analyze")
	var r Results
	var tally beam.PCollection
	r.Observations, tally = beam.ParDo2(s, &ObserveFn{Options: a.Options, KeyBy: a.KeyBy}, posts)
	r.Counts = beam.Combine(s, &CountsFn{}, beam.Flatten(s, append([]beam.PCollection{tally}, rejected...)...))
	if a.Grid != nil {
		fn := &GridFn{Scheme: *a.Grid}
		if a.GridOptions != nil {
			fn.Options = *a.GridOptions
		}
		r.GridByKey = beam.CombinePerKey(s, fn, r.Observations)
		r.Grid = beam.Combine(s, &MergeGridFn{}, beam.DropKey(s, r.GridByKey))
	}
	if a.OD != nil {
		r.ODByKey = beam.CombinePerKey(s, &ODFn{Options: *a.OD}, r.Observations)
		r.OD = beam.Combine(s, &MergeODFn{}, beam.DropKey(s, r.ODByKey))
	}
	if a.KeyTerms != nil {
		r.KeyTermsByKey = beam.CombinePerKey(s, &KeyTermsFn{Options: *a.KeyTerms}, r.Observations)
		r.KeyTerms = beam.Combine(s, &MergeKeyTermsFn{}, beam.DropKey(s, r.KeyTermsByKey))
	}
	if a.Series != nil {
		r.SeriesByKey = beam.CombinePerKey(s, &SeriesFn{Config: *a.Series}, r.Observations)
		r.Series = beam.Combine(s, &MergeSeriesFn{}, beam.DropKey(s, r.SeriesByKey))
	}
	if a.Indicator != nil {
		r.IndicatorByKey = beam.CombinePerKey(s, &IndicatorFn{Config: *a.Indicator}, r.Observations)
		r.Indicator = beam.Combine(s, &MergeIndicatorFn{}, beam.DropKey(s, r.IndicatorByKey))
	}
	return r
}
