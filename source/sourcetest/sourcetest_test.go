package sourcetest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/source"
)

// recorder collects the failures a check reports.
type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func samplePosts() []source.Post {
	at := time.Date(2024, 11, 5, 8, 0, 0, 0, time.UTC)
	var out []source.Post
	for i := 0; i < 4; i++ {
		out = append(out, source.Post{
			ID: fmt.Sprint(i), Platform: source.PlatformCSV, Created: at.Add(time.Duration(i) * time.Minute),
			Tags: []string{"a", "b"}, Place: &source.Place{Name: "Utrecht"},
		})
	}
	return out
}

// shared yields posts that share one Tags backing array.
func shared() source.Source {
	tags := []string{"x"}
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			for _, p := range samplePosts() {
				p.Tags = tags
				if !yield(p, nil) {
					return
				}
			}
		}
	})
}

// keepsGoing ignores yield's result.
func keepsGoing() source.Source {
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			for _, p := range samplePosts() {
				yield(p, nil)
			}
		}
	})
}

// errorInMiddle yields an error and then more posts.
func errorInMiddle() source.Source {
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			ps := samplePosts()
			if !yield(ps[0], nil) || !yield(source.Post{}, errors.New("boom")) {
				return
			}
			yield(ps[1], nil)
		}
	})
}

// ignoresCtx never looks at the context.
func ignoresCtx() source.Source {
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			for _, p := range samplePosts() {
				if !yield(p, nil) {
					return
				}
			}
		}
	})
}

func TestChecksCatchBrokenSources(t *testing.T) {
	cases := []struct {
		name  string
		src   func() source.Source
		check func(reporter, func() source.Source, []source.Post, error, bool)
		want  string
	}{
		{"aliasing", shared, checkNoAlias, "must not share memory"},
		{"yield after false", keepsGoing, checkBreak, "yield called again"},
		{"error not last", errorInMiddle, checkErrorLast, "is not the last"},
		{"ignores cancellation", ignoresCtx, checkCancel, "want context.Canceled"},
		{"not repeatable", func() source.Source { return oneShot(samplePosts()) }, checkRepeat, "want an equal sequence"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r recorder
			base, err := drain(&r, c.src().Posts(context.Background()))
			c.check(&r, c.src, base, err, false)
			if !strings.Contains(strings.Join(r.msgs, "\n"), c.want) {
				t.Errorf("check on a broken source reported %q, want a message containing %q", r.msgs, c.want)
			}
		})
	}
}

// oneShot yields its posts on the first call only.
func oneShot(posts []source.Post) source.Source {
	used := false
	return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			if used {
				return
			}
			used = true
			for _, p := range posts {
				if !yield(p, nil) {
					return
				}
			}
		}
	})
}

func TestRunPassesHelpers(t *testing.T) {
	Run(t, func() source.Source { return source.FromSlice(samplePosts()) })
}
