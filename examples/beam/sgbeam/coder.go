package sgbeam

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/socialgeo/socialgeo/aggregate"
)

// Coders. Every aggregate state that crosses a Beam boundary (a combiner
// accumulator shipped between workers, a combined value written to a
// PCollection) is encoded with its own exact MarshalBinary format, and
// every observation with encoding/json. They are registered explicitly in
// init: without them Beam infers its schema row coder for structs and
// pointers to structs, which encodes exported fields only and so silently
// drops every unexported field (all of an aggregate's state). The direct
// runner never encodes accumulators and hides that; prism and the
// distributed runners do encode them.
func init() {
	beam.RegisterCoder(reflect.TypeOf((*aggregate.Grid)(nil)), encGrid, decGrid)
	beam.RegisterCoder(reflect.TypeOf(aggregate.Observation{}), encObservation, decObservation)
}

func encGrid(g *aggregate.Grid) ([]byte, error) { return g.MarshalBinary() }

func decGrid(b []byte) (*aggregate.Grid, error) {
	g := new(aggregate.Grid)
	if err := g.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return g, nil
}

// encObservation encodes an observation as JSON: every field of
// aggregate.Observation is exported and JSON round-trips floats and times
// exactly, and fields added to Observation later are carried without a
// change here.
func encObservation(o aggregate.Observation) ([]byte, error) { return json.Marshal(o) }

func decObservation(b []byte) (aggregate.Observation, error) {
	var o aggregate.Observation
	if err := json.Unmarshal(b, &o); err != nil {
		return o, fmt.Errorf("sgbeam: decoding observation: %w", err)
	}
	return o, nil
}
