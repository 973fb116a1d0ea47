package sgbeam

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/aggregate"
)

func init() {
	register.Combiner2[*aggregate.Grid, aggregate.Observation](&GridFn{})
	register.Combiner1[*aggregate.Grid](&MergeGridFn{})
	register.Combiner2[*aggregate.OD, aggregate.Observation](&ODFn{})
	register.Combiner1[*aggregate.OD](&MergeODFn{})
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
	return mergeGrid(a, b)
}

// MergeGridFn is a CombineFn merging grids (the per-key results of
// GridFn) into one. On an empty input its output is nil.
type MergeGridFn struct{}

// MergeAccumulators merges b into a.
func (MergeGridFn) MergeAccumulators(a, b *aggregate.Grid) (*aggregate.Grid, error) {
	return mergeGrid(a, b)
}

func mergeGrid(a, b *aggregate.Grid) (*aggregate.Grid, error) {
	switch {
	case a == nil:
		return b, nil
	case b == nil:
		return a, nil
	}
	if err := a.Merge(b); err != nil {
		return nil, err
	}
	return a, nil
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
func (f *ODFn) MergeAccumulators(a, b *aggregate.OD) (*aggregate.OD, error) { return mergeOD(a, b) }

// MergeODFn is a CombineFn merging ODs into one (see [MergeGridFn]).
type MergeODFn struct{}

// MergeAccumulators merges b into a.
func (MergeODFn) MergeAccumulators(a, b *aggregate.OD) (*aggregate.OD, error) { return mergeOD(a, b) }

func mergeOD(a, b *aggregate.OD) (*aggregate.OD, error) {
	switch {
	case a == nil:
		return b, nil
	case b == nil:
		return a, nil
	}
	if err := a.Merge(b); err != nil {
		return nil, err
	}
	return a, nil
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
	return mergeKeyTerms(a, b)
}

// MergeKeyTermsFn is a CombineFn merging KeyTerms into one (see
// [MergeGridFn]).
type MergeKeyTermsFn struct{}

// MergeAccumulators merges b into a.
func (MergeKeyTermsFn) MergeAccumulators(a, b *aggregate.KeyTerms) (*aggregate.KeyTerms, error) {
	return mergeKeyTerms(a, b)
}

func mergeKeyTerms(a, b *aggregate.KeyTerms) (*aggregate.KeyTerms, error) {
	switch {
	case a == nil:
		return b, nil
	case b == nil:
		return a, nil
	}
	if err := a.Merge(b); err != nil {
		return nil, err
	}
	return a, nil
}
