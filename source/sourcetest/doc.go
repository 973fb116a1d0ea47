// Package sourcetest is a conformance suite for implementations of
// [source.Source], in the manner of testing/slogtest. It imports only the
// standard library and package source, so embedders who test their own
// sources inherit no assertion library.
//
// Use it from a test:
//
//	func TestMySource(t *testing.T) {
//		sourcetest.Run(t, func() source.Source { return mysource.New(fixture()) })
//	}
//
// For single-use sources such as the decoders of package source, whose
// second Posts call yields [source.ErrConsumed]:
//
//	sourcetest.RunOptions(t, func() source.Source {
//		return source.NewMastodon(bytes.NewReader(data), nil)
//	}, &sourcetest.Options{SingleUse: true})
//
// newSource is called once per check and must return an equivalent, fresh
// source every time (same posts in the same order). The checks are:
//
//   - error-last: a non-nil error is the final pair, its Post is the zero
//     value, and nothing is yielded after it;
//   - break: after yield returns false (at the first post and in the
//     middle), the sequence calls yield no more and returns;
//   - cancel: with a cancelled context (before the start and after the
//     first post) the sequence ends with an error that is ctx.Err(),
//     unless it had already reached its natural end;
//   - repeat: a second Posts call on the same source yields the same
//     posts (or, with Options.SingleUse, exactly one pair whose error is
//     source.ErrConsumed);
//   - no-alias: changing the slices and pointed-to values of a yielded post
//     (Tags, Mentions, Geo, Place, Ref, Report) changes no later post;
//   - stats: when the source has a method Stats() source.Stats (the
//     decoders), Read == Yielded + rejected after a full read and
//     Yielded equals the number of posts.
//
// Run uses t.Run with one subtest per check. The source must yield at
// least two posts for the break and no-alias checks to be meaningful; Run
// reports an error when it yields none.
//
// # Concurrency
//
// Run and RunOptions call newSource and consume every sequence on the
// test's goroutine (and its subtests'), one at a time: the sources under
// test need not be safe for concurrent use. The suite starts no goroutine.
package sourcetest
