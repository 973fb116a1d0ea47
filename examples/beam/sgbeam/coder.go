package sgbeam

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/source"
)

// Coders. Every aggregate state that crosses a Beam boundary (a combiner
// accumulator shipped between workers, a combined value in a PCollection)
// is encoded with its own exact MarshalBinary format. Observations, posts
// and counts are encoded as JSON: all their fields are exported, JSON
// round-trips float64 values and times exactly, and fields added later are
// carried without a change here. All are registered explicitly: without
// them Beam infers its schema row coder for structs and pointers to
// structs, which encodes exported fields only and so silently drops an
// aggregate's whole (unexported) state. TestCoders and TestBeamEqualsRun
// fail when one of these lines is removed.
func init() {
	beam.RegisterCoder(reflect.TypeOf((*aggregate.Grid)(nil)), encGrid, decGrid)
	beam.RegisterCoder(reflect.TypeOf((*aggregate.OD)(nil)), encOD, decOD)
	beam.RegisterCoder(reflect.TypeOf((*aggregate.KeyTerms)(nil)), encKeyTerms, decKeyTerms)
	beam.RegisterCoder(reflect.TypeOf((*aggregate.Series)(nil)), encSeries, decSeries)
	beam.RegisterCoder(reflect.TypeOf((*aggregate.Indicator)(nil)), encIndicator, decIndicator)
	beam.RegisterCoder(reflect.TypeOf(aggregate.Observation{}), encObservation, decObservation)
	beam.RegisterCoder(reflect.TypeOf(source.Post{}), encPost, decPost)
	beam.RegisterCoder(reflect.TypeOf(Counts(nil)), encCounts, decCounts)
}

func encGrid(g *aggregate.Grid) ([]byte, error) { return g.MarshalBinary() }

func decGrid(b []byte) (*aggregate.Grid, error) {
	g := new(aggregate.Grid)
	if err := g.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return g, nil
}

func encOD(d *aggregate.OD) ([]byte, error) { return d.MarshalBinary() }

func decOD(b []byte) (*aggregate.OD, error) {
	d := new(aggregate.OD)
	if err := d.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return d, nil
}

func encKeyTerms(k *aggregate.KeyTerms) ([]byte, error) { return k.MarshalBinary() }

func decKeyTerms(b []byte) (*aggregate.KeyTerms, error) {
	k := new(aggregate.KeyTerms)
	if err := k.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return k, nil
}

func encSeries(a *aggregate.Series) ([]byte, error) { return a.MarshalBinary() }

func decSeries(b []byte) (*aggregate.Series, error) {
	a := new(aggregate.Series)
	if err := a.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return a, nil
}

func encIndicator(a *aggregate.Indicator) ([]byte, error) { return a.MarshalBinary() }

func decIndicator(b []byte) (*aggregate.Indicator, error) {
	a := new(aggregate.Indicator)
	if err := a.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return a, nil
}

func encObservation(o aggregate.Observation) ([]byte, error) { return json.Marshal(o) }

func decObservation(b []byte) (aggregate.Observation, error) {
	var o aggregate.Observation
	if err := json.Unmarshal(b, &o); err != nil {
		return o, fmt.Errorf("sgbeam: decoding observation: %w", err)
	}
	return o, nil
}

func encPost(p source.Post) ([]byte, error) { return json.Marshal(p) }

func decPost(b []byte) (source.Post, error) {
	var p source.Post
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("sgbeam: decoding post: %w", err)
	}
	return p, nil
}

func encCounts(c Counts) ([]byte, error) { return json.Marshal(c) }

func decCounts(b []byte) (Counts, error) {
	var c Counts
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("sgbeam: decoding counts: %w", err)
	}
	return c, nil
}
