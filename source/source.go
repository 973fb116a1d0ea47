package source

import (
	"context"
	"errors"
	"io"
	"iter"
)

// A Source produces posts. Posts returns a new sequence on every call.
// A non-nil error is always the final pair yielded (its Post is the zero
// value); the sequence then ends. On ctx cancellation the sequence yields
// ctx.Err() and ends. Implementations must return promptly once yield
// returns false.
//
// Per-record problems (a malformed line) are not errors of the sequence:
// decoders count and report them through their [Stats] and an optional
// [Options.OnReject] callback, and go on. Only a failure that stops the
// stream (a broken reader, or a bad record in strict mode) is yielded.
//
// A yielded Post, with everything it points to (Geo, Place, Ref, Report,
// slices), belongs to the consumer: a Source must not modify it afterwards
// (a pipeline may observe it on another goroutine while the Source goes
// on). The decoders of this package never do.
//
// A Source may be used by several goroutines if its documentation says so;
// each sequence returned by Posts is single-use.
type Source interface {
	Posts(ctx context.Context) iter.Seq2[Post, error]
}

// Func adapts an ordinary function to a [Source].
type Func func(ctx context.Context) iter.Seq2[Post, error]

// Posts calls f(ctx).
func (f Func) Posts(ctx context.Context) iter.Seq2[Post, error] { return f(ctx) }

// FromSlice returns a [Source] that yields copies of the given posts in order.
// The slice is not copied; the caller must not modify it while a sequence is
// being consumed. Each yielded Post has its own copies of its slices.
func FromSlice(posts []Post) Source {
	return Func(func(ctx context.Context) iter.Seq2[Post, error] {
		return func(yield func(Post, error) bool) {
			for i := range posts {
				if err := ctx.Err(); err != nil {
					yield(Post{}, err)
					return
				}
				if !yield(clonePost(posts[i]), nil) {
					return
				}
			}
		}
	})
}

// clonePost returns p with its own copies of every slice and pointer field,
// so that a receiver may modify the result.
func clonePost(p Post) Post {
	if p.Geo != nil {
		g := *p.Geo
		p.Geo = &g
	}
	if p.Place != nil {
		pl := *p.Place
		p.Place = &pl
	}
	if p.Ref != nil {
		r := *p.Ref
		p.Ref = &r
	}
	if p.Report != nil {
		r := *p.Report
		p.Report = &r
	}
	if p.Tags != nil {
		p.Tags = append([]string(nil), p.Tags...)
	}
	if p.Mentions != nil {
		p.Mentions = append([]string(nil), p.Mentions...)
	}
	return p
}

// FromNext wraps a pull-style reader as a [Source], as gax-go's iterator
// adapters do. next returns the next post, io.EOF when done, or another error
// that ends the sequence. Posts may be called once per independent stream the
// caller can produce; FromNext itself does not restart next.
func FromNext(next func(ctx context.Context) (Post, error)) Source {
	return Func(func(ctx context.Context) iter.Seq2[Post, error] {
		return func(yield func(Post, error) bool) {
			for {
				if err := ctx.Err(); err != nil {
					yield(Post{}, err)
					return
				}
				p, err := next(ctx)
				if errors.Is(err, io.EOF) {
					return
				}
				if err != nil {
					yield(Post{}, err)
					return
				}
				if !yield(p, nil) {
					return
				}
			}
		}
	})
}

// Collect reads the whole sequence into a slice. It returns the posts read
// before the first error together with that error.
func Collect(seq iter.Seq2[Post, error]) ([]Post, error) {
	var out []Post
	for p, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Merge returns a [Source] that interleaves the posts of several sources by
// Created time (oldest first; ties keep the order of srcs). Each input is
// assumed to be sorted by time; if one is not, the output is still complete
// but only locally ordered. The first error of any input ends the merged
// sequence and is yielded. Merge uses iter.Pull2 and starts no goroutines.
func Merge(srcs ...Source) Source {
	return Func(func(ctx context.Context) iter.Seq2[Post, error] {
		return func(yield func(Post, error) bool) {
			type head struct {
				next func() (Post, error, bool)
				stop func()
				p    Post
				ok   bool
			}
			heads := make([]*head, 0, len(srcs))
			defer func() {
				for _, h := range heads {
					h.stop()
				}
			}()
			advance := func(h *head) error {
				p, err, ok := h.next()
				if !ok {
					h.ok = false
					return nil
				}
				if err != nil {
					h.ok = false
					return err
				}
				h.p, h.ok = p, true
				return nil
			}
			for _, s := range srcs {
				next, stop := iter.Pull2(s.Posts(ctx))
				h := &head{next: next, stop: stop}
				heads = append(heads, h)
				if err := advance(h); err != nil {
					yield(Post{}, err)
					return
				}
			}
			for {
				var best *head
				for _, h := range heads {
					if h.ok && (best == nil || h.p.Created.Before(best.p.Created)) {
						best = h
					}
				}
				if best == nil {
					return
				}
				p := best.p
				if !yield(p, nil) {
					return
				}
				if err := advance(best); err != nil {
					yield(Post{}, err)
					return
				}
			}
		}
	})
}
