// Package resolvertest checks that a [geo.Resolver] implementation keeps
// the Resolver contract (the log/slog/slogtest model). It imports only
// testing, geo and the standard library, so embedders do not inherit test
// dependencies.
//
// # Concurrency
//
// [Run] calls the resolver from several goroutines at once; run it under
// -race to check that the resolver is safe for concurrent use.
package resolvertest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/geo"
)

// Prompt is how long a call with a cancelled context may take.
const Prompt = time.Second

// Run checks r against the Resolver contract using queries, which should
// include some that resolve (Run fails if none does). It checks that:
//
//   - the empty Query gives ErrNotFound and no locations;
//   - every location has a non-empty Area, a valid Level, Role and Method,
//     and a Confidence in [0, 1];
//   - ErrNotFound comes with no locations; errors other than ErrNotFound,
//     ErrOutside, *AmbiguousError and context errors are reported;
//   - r does not modify the query's slices;
//   - a call with a cancelled context returns within [Prompt] (with
//     ctx.Err(), or with a valid result);
//   - concurrent calls (8 goroutines over every query) give the same
//     results as sequential calls.
func Run(t *testing.T, r geo.Resolver, queries []geo.Query) {
	t.Helper()
	ctx := context.Background()
	t.Run("EmptyQuery", func(t *testing.T) {
		locs, err := r.Resolve(ctx, geo.Query{})
		if !errors.Is(err, geo.ErrNotFound) || len(locs) != 0 {
			t.Errorf("Resolve(empty Query) = %v, %v; want no locations and ErrNotFound", locs, err)
		}
	})
	type result struct {
		locs []geo.Location
		err  string
	}
	want := make([]result, len(queries))
	t.Run("Valid", func(t *testing.T) {
		found := 0
		for i, q := range queries {
			before := snapshot(q)
			locs, err := r.Resolve(ctx, q)
			if !reflect.DeepEqual(before, snapshot(q)) {
				t.Errorf("query %d: Resolve modified the query's slices", i)
			}
			if msg := check(locs, err); msg != "" {
				t.Errorf("query %d: Resolve = %v, %v: %s", i, locs, err, msg)
			}
			if len(locs) > 0 {
				found++
			}
			want[i] = result{locs, errString(err)}
		}
		if len(queries) > 0 && found == 0 {
			t.Errorf("no query resolved to a location; give Run queries that do")
		}
	})
	t.Run("CancelledContext", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		for i, q := range queries {
			start := time.Now()
			locs, err := r.Resolve(cctx, q)
			if d := time.Since(start); d > Prompt {
				t.Errorf("query %d: Resolve with a cancelled context took %v", i, d)
			}
			if err != nil && errors.Is(err, context.Canceled) {
				continue
			}
			if msg := check(locs, err); msg != "" {
				t.Errorf("query %d: Resolve(cancelled) = %v, %v: %s", i, locs, err, msg)
			}
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var fails []string
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for k := range queries {
					i := (k + w) % len(queries)
					locs, err := r.Resolve(ctx, queries[i])
					if got := (result{locs, errString(err)}); !reflect.DeepEqual(got, want[i]) {
						mu.Lock()
						fails = append(fails, fmt.Sprintf("query %d: concurrent Resolve = %v, %v; sequential %v, %s", i, locs, err, want[i].locs, want[i].err))
						mu.Unlock()
					}
				}
			}(w)
		}
		wg.Wait()
		for _, f := range fails {
			t.Error(f)
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

type querySlices struct {
	tokens  []geo.Token
	context []geo.Location
}

func snapshot(q geo.Query) querySlices {
	return querySlices{append([]geo.Token(nil), q.Tokens...), append([]geo.Location(nil), q.Context...)}
}

// check returns what is wrong with a result, or "".
func check(locs []geo.Location, err error) string {
	var amb *geo.AmbiguousError
	switch {
	case err == nil, errors.Is(err, geo.ErrOutside), errors.As(err, &amb),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
	case errors.Is(err, geo.ErrNotFound):
		if len(locs) != 0 {
			return "ErrNotFound with locations"
		}
	default:
		return "unexpected error kind"
	}
	if err == nil && len(locs) == 0 {
		return "no locations and no error (want ErrNotFound)"
	}
	for _, l := range locs {
		switch {
		case l.Area == "":
			return "location with empty Area"
		case l.Level < geo.LevelProvince || l.Level > geo.LevelPC4:
			return fmt.Sprintf("location %s with invalid Level %d", l.Area, l.Level)
		case l.Role < geo.RoleFrom || l.Role > geo.RoleAbout:
			return fmt.Sprintf("location %s with invalid Role %d", l.Area, l.Role)
		case l.Method < geo.MethodGeotag || l.Method > geo.MethodProfile:
			return fmt.Sprintf("location %s with invalid Method %d", l.Area, l.Method)
		case math.IsNaN(l.Confidence) || l.Confidence < 0 || l.Confidence > 1:
			return fmt.Sprintf("location %s with Confidence %v outside [0, 1]", l.Area, l.Confidence)
		case l.Start < 0 || l.End < l.Start:
			return fmt.Sprintf("location %s with invalid span [%d, %d)", l.Area, l.Start, l.End)
		}
	}
	return ""
}
