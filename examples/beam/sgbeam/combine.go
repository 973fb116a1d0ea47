package sgbeam

import (
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/aggregate"
)

func init() {
	register.Combiner2[*aggregate.Grid, aggregate.Observation](&GridFn{})
	register.Combiner1[*aggregate.Grid](&MergeGridFn{})
	register.Combiner2[*aggregate.OD, aggregate.Observation](&ODFn{})
	register.Combiner1[*aggregate.OD](&MergeODFn{})
	register.Combiner2[*aggregate.Series, aggregate.Observation](&SeriesFn{})
	register.Combiner1[*aggregate.Series](&MergeSeriesFn{})
	register.Combiner2[*aggregate.Indicator, aggregate.Observation](&IndicatorFn{})
	register.Combiner1[*aggregate.Indicator](&MergeIndicatorFn{})
	register.Combiner2[*aggregate.KeyTerms, aggregate.Observation](&KeyTermsFn{})
	register.Combiner1[*aggregate.KeyTerms](&MergeKeyTermsFn{})
}

// GridFn is a CombineFn whose accumulator is an *aggregate.Grid:
// AddInput is Grid.Add, MergeAccumulators is Grid.Merge, and the output
// is the grid itself. Its exported fields are its configuration; Beam
// serialises them with the pipeline.
type GridFn struct {
	Scheme  aggregate.CellScheme
	Options aggregate.GridOptions
}

// CreateAccumulator returns an empty grid.
func (f *GridFn) CreateAccumulator() (*aggregate.Grid, error) {
	return aggregate.NewGrid(f.Scheme, &f.Options)
}

// AddInput adds one observation.
func (f *GridFn) AddInput(g *aggregate.Grid, o aggregate.Observation) *aggregate.Grid {
	g.Add(o)
	return g
}

// MergeAccumulators merges b into a.
func (f *GridFn) MergeAccumulators(a, b *aggregate.Grid) (*aggregate.Grid, error) {
	return mergeState(a, b)
}

// MergeGridFn is a CombineFn merging grids (the per-key results of
// GridFn) into one. On an empty input its output is nil.
type MergeGridFn struct{}

// MergeAccumulators merges b into a.
func (MergeGridFn) MergeAccumulators(a, b *aggregate.Grid) (*aggregate.Grid, error) {
	return mergeState(a, b)
}

// ODFn is a CombineFn whose accumulator is an *aggregate.OD (see
// [GridFn]).
type ODFn struct {
	Options aggregate.ODOptions
}

// CreateAccumulator returns an empty OD.
func (f *ODFn) CreateAccumulator() *aggregate.OD { return aggregate.NewOD(&f.Options) }

// AddInput adds one observation.
func (f *ODFn) AddInput(d *aggregate.OD, o aggregate.Observation) *aggregate.OD {
	d.Add(o)
	return d
}

// MergeAccumulators merges b into a.
func (f *ODFn) MergeAccumulators(a, b *aggregate.OD) (*aggregate.OD, error) { return mergeState(a, b) }

// MergeODFn is a CombineFn merging ODs into one (see [MergeGridFn]).
type MergeODFn struct{}

// MergeAccumulators merges b into a.
func (MergeODFn) MergeAccumulators(a, b *aggregate.OD) (*aggregate.OD, error) {
	return mergeState(a, b)
}

// KeyTermsFn is a CombineFn whose accumulator is an *aggregate.KeyTerms
// (see [GridFn]).
type KeyTermsFn struct {
	Options aggregate.KeyTermsOptions
}

// CreateAccumulator returns an empty KeyTerms.
func (f *KeyTermsFn) CreateAccumulator() *aggregate.KeyTerms {
	return aggregate.NewKeyTerms(&f.Options)
}

// AddInput adds one observation.
func (f *KeyTermsFn) AddInput(k *aggregate.KeyTerms, o aggregate.Observation) *aggregate.KeyTerms {
	k.Add(o)
	return k
}

// MergeAccumulators merges b into a.
func (f *KeyTermsFn) MergeAccumulators(a, b *aggregate.KeyTerms) (*aggregate.KeyTerms, error) {
	return mergeState(a, b)
}

// MergeKeyTermsFn is a CombineFn merging KeyTerms into one (see
// [MergeGridFn]).
type MergeKeyTermsFn struct{}

// MergeAccumulators merges b into a.
func (MergeKeyTermsFn) MergeAccumulators(a, b *aggregate.KeyTerms) (*aggregate.KeyTerms, error) {
	return mergeState(a, b)
}

// SeriesConfig is the serialisable part of aggregate.SeriesOptions (the
// accumulation options; the gazetteer and functions, used only for
// results, are attached by the writer).
type SeriesConfig struct {
	Bucket       aggregate.Bucket
	ExactAuthors int
	Precision    int
}

func (c SeriesConfig) options() *aggregate.SeriesOptions {
	return &aggregate.SeriesOptions{Bucket: c.Bucket, ExactAuthors: c.ExactAuthors, Precision: c.Precision}
}

// SeriesFn is a CombineFn whose accumulator is an *aggregate.Series
// (see [GridFn]).
type SeriesFn struct {
	Config SeriesConfig
}

// CreateAccumulator returns an empty series.
func (f *SeriesFn) CreateAccumulator() (*aggregate.Series, error) {
	return aggregate.NewSeries(f.Config.options())
}

// AddInput adds one observation.
func (f *SeriesFn) AddInput(a *aggregate.Series, o aggregate.Observation) *aggregate.Series {
	a.Add(o)
	return a
}

// MergeAccumulators merges b into a.
func (f *SeriesFn) MergeAccumulators(a, b *aggregate.Series) (*aggregate.Series, error) {
	return mergeState(a, b)
}

// MergeSeriesFn is a CombineFn merging series into one (see
// [MergeGridFn]).
type MergeSeriesFn struct{}

// MergeAccumulators merges b into a.
func (MergeSeriesFn) MergeAccumulators(a, b *aggregate.Series) (*aggregate.Series, error) {
	return mergeState(a, b)
}

// IndicatorConfig is the serialisable part of aggregate.IndicatorOptions
// (see [SeriesConfig]).
type IndicatorConfig struct {
	Bucket       aggregate.Bucket
	Profiles     []string
	ExactAuthors int
	Precision    int
}

func (c IndicatorConfig) options() *aggregate.IndicatorOptions {
	return &aggregate.IndicatorOptions{Bucket: c.Bucket, Profiles: slices.Clone(c.Profiles), ExactAuthors: c.ExactAuthors, Precision: c.Precision}
}

// IndicatorFn is a CombineFn whose accumulator is an
// *aggregate.Indicator (see [GridFn]).
type IndicatorFn struct {
	Config IndicatorConfig
}

// CreateAccumulator returns an empty indicator.
func (f *IndicatorFn) CreateAccumulator() (*aggregate.Indicator, error) {
	return aggregate.NewIndicator(f.Config.options())
}

// AddInput adds one observation.
func (f *IndicatorFn) AddInput(a *aggregate.Indicator, o aggregate.Observation) *aggregate.Indicator {
	a.Add(o)
	return a
}

// MergeAccumulators merges b into a.
func (f *IndicatorFn) MergeAccumulators(a, b *aggregate.Indicator) (*aggregate.Indicator, error) {
	return mergeState(a, b)
}

// MergeIndicatorFn is a CombineFn merging indicators into one (see
// [MergeGridFn]).
type MergeIndicatorFn struct{}

// MergeAccumulators merges b into a.
func (MergeIndicatorFn) MergeAccumulators(a, b *aggregate.Indicator) (*aggregate.Indicator, error) {
	return mergeState(a, b)
}

// mergeState merges b into a; a nil side is the empty state.
func mergeState[T interface{ Merge(T) error }](a, b T) (T, error) {
	switch {
	case isNil(a):
		return b, nil
	case isNil(b):
		return a, nil
	}
	if err := a.Merge(b); err != nil {
		var zero T
		return zero, err
	}
	return a, nil
}

func isNil(v any) bool {
	switch p := v.(type) {
	case *aggregate.Grid:
		return p == nil
	case *aggregate.OD:
		return p == nil
	case *aggregate.KeyTerms:
		return p == nil
	case *aggregate.Series:
		return p == nil
	case *aggregate.Indicator:
		return p == nil
	}
	return v == nil
}
