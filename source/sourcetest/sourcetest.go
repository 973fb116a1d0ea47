package sourcetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/socialgeo/socialgeo/source"
)

// Options adjust the suite. A nil *Options means the defaults.
type Options struct {
	// SingleUse accepts the documented behaviour of single-use sources:
	// a second Posts call on the same source yields exactly one pair,
	// whose error is source.ErrConsumed. Default false: a second call
	// must yield the same posts as the first.
	SingleUse bool
}

// Run runs the conformance checks against the sources made by
// newSource, with the default options.
func Run(t *testing.T, newSource func() source.Source) {
	t.Helper()
	RunOptions(t, newSource, nil)
}

// RunOptions is [Run] with options.
func RunOptions(t *testing.T, newSource func() source.Source, opts *Options) {
	t.Helper()
	single := opts != nil && opts.SingleUse
	base, baseErr := drain(t, newSource().Posts(context.Background()))
	if len(base) == 0 {
		t.Errorf("sourcetest: the source yielded no posts (error %v); the checks need at least one", baseErr)
		return
	}
	checks := []struct {
		name string
		fn   func(tb reporter, newSource func() source.Source, base []source.Post, baseErr error, single bool)
	}{
		{"error-last", checkErrorLast},
		{"break", checkBreak},
		{"cancel", checkCancel},
		{"repeat", checkRepeat},
		{"no-alias", checkNoAlias},
		{"stats", checkStats},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newSource, base, baseErr, single) })
	}
}

// reporter is the part of testing.TB the checks use; the suite's own
// tests record failures through it.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// pair is one yielded pair.
type pair struct {
	p   source.Post
	err error
}

// pairs calls seq directly (not with range, so that a yield after false
// is reported instead of panicking) and returns every pair it yields
// until stopAt(i, pair) returns true. It reports a yield after false.
func pairs(tb reporter, name string, seq func(func(source.Post, error) bool), stopAt func(i int, pr pair) bool) []pair {
	tb.Helper()
	var out []pair
	stopped := false
	reported := false
	seq(func(p source.Post, err error) bool {
		if stopped {
			if !reported {
				tb.Errorf("sourcetest %s: yield called again after it returned false (post %q, error %v)", name, p.ID, err)
				reported = true
			}
			return false
		}
		out = append(out, pair{p, err})
		if stopAt != nil && stopAt(len(out)-1, out[len(out)-1]) {
			stopped = true
			return false
		}
		return true
	})
	return out
}

// drain reads a whole sequence, failing on a broken error contract.
func drain(tb reporter, seq func(func(source.Post, error) bool)) ([]source.Post, error) {
	tb.Helper()
	ps := pairs(tb, "drain", seq, nil)
	var posts []source.Post
	for i, pr := range ps {
		if pr.err != nil {
			if i != len(ps)-1 {
				tb.Errorf("sourcetest: error %v at pair %d is not the last of %d pairs", pr.err, i, len(ps))
			}
			if !reflect.DeepEqual(pr.p, source.Post{}) {
				tb.Errorf("sourcetest: error pair %d carries a non-zero post %q", i, pr.p.ID)
			}
			return posts, pr.err
		}
		posts = append(posts, pr.p)
	}
	return posts, nil
}

func checkErrorLast(tb reporter, newSource func() source.Source, base []source.Post, baseErr error, _ bool) {
	tb.Helper()
	posts, err := drain(tb, newSource().Posts(context.Background()))
	if !errors.Is(err, baseErr) && fmt.Sprint(err) != fmt.Sprint(baseErr) {
		tb.Errorf("sourcetest: a fresh source ended with %v, the first with %v", err, baseErr)
	}
	if !reflect.DeepEqual(posts, base) {
		tb.Errorf("sourcetest: a fresh source yielded %d posts different from the first source's %d; newSource must return equivalent sources", len(posts), len(base))
	}
	for i, p := range posts {
		if p.ID == "" || p.Platform == "" || p.Created.IsZero() {
			tb.Errorf("sourcetest: post %d lacks id, platform or created time: %+v", i, p)
		}
	}
}

func checkBreak(tb reporter, newSource func() source.Source, base []source.Post, _ error, _ bool) {
	tb.Helper()
	for _, at := range []int{0, len(base) / 2} {
		ps := pairs(tb, fmt.Sprintf("break at %d", at), newSource().Posts(context.Background()), func(i int, pr pair) bool {
			return i == at || pr.err != nil
		})
		if len(ps) != at+1 {
			tb.Errorf("sourcetest: break at post %d: got %d pairs before the break", at, len(ps))
			continue
		}
		if ps[at].err != nil || !reflect.DeepEqual(ps[at].p, base[at]) {
			tb.Errorf("sourcetest: break at post %d: pair is (%q, %v), want post %q", at, ps[at].p.ID, ps[at].err, base[at].ID)
		}
	}
}

func checkCancel(tb reporter, newSource func() source.Source, base []source.Post, _ error, _ bool) {
	tb.Helper()
	// Cancelled before the start.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	posts, err := drain(tb, newSource().Posts(ctx))
	if !errors.Is(err, context.Canceled) {
		tb.Errorf("sourcetest: cancelled context: sequence ended with %v after %d posts, want context.Canceled", err, len(posts))
	}
	// Cancelled after the first post.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	n := 0
	ps := pairs(tb, "cancel", newSource().Posts(ctx), func(i int, pr pair) bool {
		if pr.err == nil {
			n++
		}
		if i == 0 {
			cancel()
		}
		return false
	})
	last := ps[len(ps)-1]
	if last.err == nil && n < len(base) {
		tb.Errorf("sourcetest: cancelled after the first post: sequence ended without error after %d of %d posts", n, len(base))
	}
	if last.err != nil && !errors.Is(last.err, context.Canceled) {
		tb.Errorf("sourcetest: cancelled after the first post: final error %v, want context.Canceled", last.err)
	}
	for i, pr := range ps[:len(ps)-1] {
		if pr.err != nil {
			tb.Errorf("sourcetest: cancelled after the first post: error %v at pair %d is not last", pr.err, i)
		}
	}
}

func checkRepeat(tb reporter, newSource func() source.Source, base []source.Post, baseErr error, single bool) {
	tb.Helper()
	s := newSource()
	first, _ := drain(tb, s.Posts(context.Background()))
	if single {
		ps := pairs(tb, "second call", s.Posts(context.Background()), nil)
		if len(ps) != 1 || !errors.Is(ps[0].err, source.ErrConsumed) {
			tb.Errorf("sourcetest: single-use source: second Posts call yielded %d pairs (first error %v), want one pair with source.ErrConsumed", len(ps), firstErr(ps))
		}
		return
	}
	second, err := drain(tb, s.Posts(context.Background()))
	if !reflect.DeepEqual(first, second) || fmt.Sprint(err) != fmt.Sprint(baseErr) {
		tb.Errorf("sourcetest: second Posts call yielded %d posts (error %v), the first %d (error %v); want an equal sequence", len(second), err, len(first), baseErr)
	}
}

func firstErr(ps []pair) error {
	for _, p := range ps {
		if p.err != nil {
			return p.err
		}
	}
	return nil
}

func checkNoAlias(tb reporter, newSource func() source.Source, base []source.Post, _ error, _ bool) {
	tb.Helper()
	i := 0
	var prev *source.Post
	newSource().Posts(context.Background())(func(p source.Post, err error) bool {
		if err != nil {
			return false
		}
		if prev != nil {
			mutate(prev)
		}
		if i < len(base) && !reflect.DeepEqual(p, base[i]) {
			tb.Errorf("sourcetest: post %d (%q) changed after the previous post's slices and pointers were modified: posts must not share memory", i, p.ID)
		}
		q := p
		prev = &q
		i++
		return true
	})
}

// mutate changes every slice element and pointed-to value of p.
func mutate(p *source.Post) {
	for i := range p.Tags {
		p.Tags[i] = "sourcetest-mutated"
	}
	for i := range p.Mentions {
		p.Mentions[i] = "sourcetest-mutated"
	}
	if p.Geo != nil {
		p.Geo[0], p.Geo[1] = -1, -1
	}
	if p.Place != nil {
		p.Place.Name = "sourcetest-mutated"
		p.Place.Bound.Min[0] = -1
	}
	if p.Ref != nil {
		p.Ref.ID = "sourcetest-mutated"
	}
	if p.Report != nil {
		p.Report.Category = "sourcetest-mutated"
	}
}

func checkStats(tb reporter, newSource func() source.Source, _ []source.Post, _ error, _ bool) {
	tb.Helper()
	s := newSource()
	st, ok := s.(interface{ Stats() source.Stats })
	if !ok {
		return
	}
	posts, _ := drain(tb, s.Posts(context.Background()))
	got := st.Stats()
	if got.Read != got.Yielded+got.RejectedTotal() {
		tb.Errorf("sourcetest: Stats: Read %d != Yielded %d + rejected %d", got.Read, got.Yielded, got.RejectedTotal())
	}
	if got.Yielded != len(posts) {
		tb.Errorf("sourcetest: Stats: Yielded %d, but %d posts were yielded", got.Yielded, len(posts))
	}
}
