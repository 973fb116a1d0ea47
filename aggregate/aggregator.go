package aggregate

import (
	"fmt"

	"github.com/socialgeo/socialgeo/geo"
)

// An Aggregator consumes observations. Aggregators are not safe for
// concurrent use: run one per goroutine and merge (see Parallel).
type Aggregator interface {
	Add(Observation)
}

// AggregatorFunc adapts a function to an Aggregator.
type AggregatorFunc func(Observation)

// Add calls f(o).
func (f AggregatorFunc) Add(o Observation) { f(o) }

// Aggregators is a composite that adds each observation to every member,
// in order.
type Aggregators []Aggregator

// Add adds o to every member.
func (as Aggregators) Add(o Observation) {
	for _, a := range as {
		a.Add(o)
	}
}

// Parallel is implemented by aggregators that can be split over workers:
// Fork returns a new, empty aggregator with the receiver's configuration,
// and Join merges an aggregator obtained from Fork (of the receiver or of
// one of its forks) into the receiver. Join of any other value returns an
// error and leaves the receiver unchanged. Every concrete aggregator in this
// package implements Parallel; the pipeline uses it to give each worker its
// own aggregators and merge them at the end.
type Parallel interface {
	Aggregator
	Fork() Aggregator
	Join(Aggregator) error
}

// roleSet returns roles as a lookup table indexed by geo.Role.
func roleSet(roles []geo.Role) (set [8]bool) {
	for _, r := range roles {
		if int(r) < len(set) {
			set[r] = true
		}
	}
	return set
}

// profileSet returns ids as a set; nil ids (every profile) give nil.
func profileSet(ids []string) map[string]bool {
	if ids == nil {
		return nil
	}
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// join implements Parallel.Join for an aggregator of type *T: it merges a
// when a is a *T and returns mismatch (wrapped) otherwise.
func join[T any](a Aggregator, merge func(*T) error, mismatch error) error {
	o, ok := any(a).(*T)
	if !ok {
		return fmt.Errorf("%w: join %T", mismatch, a)
	}
	return merge(o)
}
