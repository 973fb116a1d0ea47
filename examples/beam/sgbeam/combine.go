package sgbeam

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/aggregate"
)

func init() {
	register.Combiner2[*aggregate.Grid, aggregate.Observation](&GridFn{})
}

// GridFn is a Beam CombineFn whose accumulator is an *aggregate.Grid:
// AddInput is Grid.Add, MergeAccumulators is Grid.Merge, and the output is
// the grid itself. Its exported fields are its configuration; Beam
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
	if err := a.Merge(b); err != nil {
		return nil, err
	}
	return a, nil
}
