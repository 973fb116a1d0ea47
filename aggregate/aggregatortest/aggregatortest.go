// Package aggregatortest checks the contract of mergeable aggregators: a
// property suite in the manner of testing/slogtest, for the concrete
// aggregators of package aggregate and for aggregators written elsewhere
// (for example a Beam CombineFn's accumulator).
//
// [Run] checks, on a caller's observations, that
//
//   - Fork gives an empty aggregator with the same configuration;
//   - Join is commutative and associative, and split-and-merge equals a
//     sequential Add (for several splits of the observations);
//   - MarshalBinary/UnmarshalBinary round-trips exactly (equal bytes, equal
//     state) and is deterministic;
//   - UnmarshalBinary of truncated, bit-flipped or random bytes never
//     panics, and a failed UnmarshalBinary leaves the receiver unchanged;
//   - Join of a foreign aggregator returns an error.
//
// [CheckUnmarshal] is the per-input check for a native fuzz test.
//
// The package imports only testing and the standard library besides
// package aggregate, so that embedders do not inherit an assertion
// library.
package aggregatortest

import (
	"bytes"
	"encoding"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
)

// Aggregator is what the suite needs: a parallel aggregator with an exact
// binary encoding.
type Aggregator interface {
	aggregate.Parallel
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// Options configures [Run]. A nil *Options means defaults.
type Options[T Aggregator] struct {
	// Equal reports how two aggregators differ (nil error when they are
	// equivalent). Nil compares their MarshalBinary bytes, which requires
	// merges to be bit-exact; aggregators with floating-point moments
	// (merged with rounding) supply a comparison with a tolerance.
	Equal func(a, b T) error
	// Seed seeds the random splits and garbage inputs; 0 means 1.
	Seed uint64
}

func (o *Options[T]) equal(a, b T) error {
	if o != nil && o.Equal != nil {
		return o.Equal(a, b)
	}
	x, err := a.MarshalBinary()
	if err != nil {
		return err
	}
	y, err := b.MarshalBinary()
	if err != nil {
		return err
	}
	if !bytes.Equal(x, y) {
		return fmt.Errorf("encodings differ (%d and %d bytes)", len(x), len(y))
	}
	return nil
}

func (o *Options[T]) seed() uint64 {
	if o == nil || o.Seed == 0 {
		return 1
	}
	return o.Seed
}

// Run runs the property suite on aggregators made by newAgg (each call
// must return a new, empty aggregator with the same configuration) fed
// with obs. Each property is a subtest.
func Run[T Aggregator](t *testing.T, newAgg func() T, obs []aggregate.Observation, opts *Options[T]) {
	t.Helper()
	r := rand.New(rand.NewPCG(opts.seed(), 0x5eed))
	seq := newAgg()
	for _, o := range obs {
		seq.Add(o)
	}
	fork := func(t *testing.T, a T) T {
		f, ok := a.Fork().(T)
		if !ok {
			t.Fatalf("Fork() returned %T, want %T", a.Fork(), a)
		}
		return f
	}
	join := func(t *testing.T, a, b T) {
		if err := a.Join(b); err != nil {
			t.Fatalf("Join: %v", err)
		}
	}
	// parts splits obs into n parts by a random assignment and adds each
	// part to a fork of a fresh aggregator.
	parts := func(t *testing.T, n int) []T {
		base := newAgg()
		ps := make([]T, n)
		for i := range ps {
			ps[i] = fork(t, base)
		}
		for _, o := range obs {
			ps[r.IntN(n)].Add(o)
		}
		return ps
	}

	t.Run("Fork", func(t *testing.T) {
		if err := opts.equal(fork(t, seq), newAgg()); err != nil {
			t.Errorf("Fork of a filled aggregator is not empty: %v", err)
		}
	})
	t.Run("SplitMerge", func(t *testing.T) {
		for _, n := range []int{1, 2, 3, 7} {
			ps := parts(t, n)
			acc := ps[0]
			for _, p := range ps[1:] {
				join(t, acc, p)
			}
			if err := opts.equal(acc, seq); err != nil {
				t.Errorf("split in %d and merged != sequential: %v", n, err)
			}
		}
		// contiguous halves, as a time-ordered split would be
		a, b := fork(t, seq), fork(t, seq)
		for i, o := range obs {
			if i < len(obs)/2 {
				a.Add(o)
			} else {
				b.Add(o)
			}
		}
		join(t, a, b)
		if err := opts.equal(a, seq); err != nil {
			t.Errorf("halves merged != sequential: %v", err)
		}
	})
	t.Run("Commutative", func(t *testing.T) {
		ps, qs := parts(t, 2), []T(nil)
		// rebuild the same two parts in reverse join order via encodings
		for _, p := range ps {
			q := newAgg()
			roundTrip(t, p, q)
			qs = append(qs, q)
		}
		join(t, ps[0], ps[1])
		join(t, qs[1], qs[0])
		if err := opts.equal(ps[0], qs[1]); err != nil {
			t.Errorf("a+b != b+a: %v", err)
		}
	})
	t.Run("Associative", func(t *testing.T) {
		ps := parts(t, 3)
		var cs [3]T
		for i, p := range ps {
			cs[i] = newAgg()
			roundTrip(t, p, cs[i])
		}
		// (a+b)+c
		join(t, ps[0], ps[1])
		join(t, ps[0], ps[2])
		// a+(b+c)
		join(t, cs[1], cs[2])
		join(t, cs[0], cs[1])
		if err := opts.equal(ps[0], cs[0]); err != nil {
			t.Errorf("(a+b)+c != a+(b+c): %v", err)
		}
	})
	t.Run("RoundTrip", func(t *testing.T) {
		b1, err := seq.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary: %v", err)
		}
		b2, _ := seq.MarshalBinary()
		if !bytes.Equal(b1, b2) {
			t.Fatal("MarshalBinary is not deterministic")
		}
		back := newAgg()
		if err := back.UnmarshalBinary(b1); err != nil {
			t.Fatalf("UnmarshalBinary(MarshalBinary()): %v", err)
		}
		b3, _ := back.MarshalBinary()
		if !bytes.Equal(b1, b3) {
			t.Errorf("round trip changed the encoding (%d → %d bytes)", len(b1), len(b3))
		}
		if err := opts.equal(back, seq); err != nil {
			t.Errorf("round trip changed the state: %v", err)
		}
		// the decoded aggregator keeps working
		more := newAgg()
		roundTrip(t, seq, more)
		join(t, more, back)
		twice := newAgg()
		for range 2 {
			for _, o := range obs {
				twice.Add(o)
			}
		}
		if err := opts.equal(more, twice); err != nil {
			t.Errorf("decoded+decoded != adding twice: %v", err)
		}
	})
	t.Run("Garbage", func(t *testing.T) {
		good, _ := seq.MarshalBinary()
		inputs := [][]byte{nil, {}, {0}, bytes.Repeat([]byte{0xff}, 64)}
		for i := 0; i < len(good); i += 1 + len(good)/100 {
			inputs = append(inputs, good[:i])
		}
		for range 150 {
			b := bytes.Clone(good)
			for range 1 + r.IntN(4) {
				if len(b) > 0 {
					b[r.IntN(len(b))] ^= byte(1 << r.IntN(8))
				}
			}
			inputs = append(inputs, b)
		}
		for range 100 {
			b := make([]byte, r.IntN(256))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			inputs = append(inputs, b)
		}
		for _, in := range inputs {
			CheckUnmarshal(t, newAgg, in)
		}
		// a failed decode leaves the receiver unchanged
		x := newAgg()
		roundTrip(t, seq, x)
		if err := x.UnmarshalBinary(good[:len(good)/2]); err == nil && len(good) > 1 {
			t.Errorf("UnmarshalBinary(truncated) = nil")
		}
		if err := opts.equal(x, seq); err != nil {
			t.Errorf("failed UnmarshalBinary modified the receiver: %v", err)
		}
	})
	t.Run("JoinForeign", func(t *testing.T) {
		a := newAgg()
		if err := a.Join(aggregate.AggregatorFunc(func(aggregate.Observation) {})); err == nil {
			t.Error("Join(AggregatorFunc) = nil, want an error")
		}
	})
}

func roundTrip[T Aggregator](t *testing.T, from, to T) {
	t.Helper()
	b, err := from.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	if err := to.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary: %v", err)
	}
}

// CheckUnmarshal decodes data into a new aggregator and fails t if that
// panics, or if a successful decode does not re-encode to bytes that
// decode to the same encoding again (the encoding is canonical after one
// round). Call it from a native fuzz test:
//
//	f.Fuzz(func(t *testing.T, b []byte) { aggregatortest.CheckUnmarshal(t, newSeries, b) })
func CheckUnmarshal[T Aggregator](t testing.TB, newAgg func() T, data []byte) {
	t.Helper()
	a := newAgg()
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("UnmarshalBinary(%x) panicked: %v", data, p)
			}
		}()
		err = a.UnmarshalBinary(data)
	}()
	if err != nil {
		return
	}
	b1, err := a.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary after UnmarshalBinary(%x): %v", data, err)
	}
	c := newAgg()
	if err := c.UnmarshalBinary(b1); err != nil {
		t.Fatalf("UnmarshalBinary(MarshalBinary(UnmarshalBinary(%x))): %v", data, err)
	}
	b2, _ := c.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatalf("encoding of a decoded value is not stable for input %x", data)
	}
	// Adding to and releasing a decoded aggregator must not panic either.
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("using the value decoded from %x panicked: %v", data, p)
			}
		}()
		c.Add(aggregate.Observation{Author: "x", Areas: []aggregate.AreaRef{{Area: "GM0001", Level: 3, Role: 3}}})
		if err := c.Join(a); err != nil {
			t.Fatalf("Join of two decoded values: %v", err)
		}
	}()
}
