package socialgeo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/source"
)

// benchInput is a day of synthetic posts in format f.
func benchInput(b *testing.B, n int, f synth.Format) []byte {
	b.Helper()
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.Write(&buf, f, gen.Items()); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkPipeline measures the whole path from bytes to aggregates:
// decode (the library's own NDJSON, or Mastodon statuses with their HTML),
// tokenise, locate (from/home/about), score sentiment, match the example
// profiles, filter noise and add to an area series and a 1 km grid.
// posts/s is per run, all workers together.
func BenchmarkPipeline(b *testing.B) {
	const n = 20000
	lib := library(b)
	for _, format := range []struct {
		f   synth.Format
		dec func([]byte) source.Source
	}{
		{synth.FormatNDJSON, func(d []byte) source.Source { return source.NewNDJSON(bytes.NewReader(d), nil) }},
		{synth.FormatMastodon, func(d []byte) source.Source { return source.NewMastodon(bytes.NewReader(d), nil) }},
	} {
		data := benchInput(b, n, format.f)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", format.f, workers), func(b *testing.B) {
				p, err := New(&Options{Profiles: lib, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					series, _ := aggregate.NewSeries(nil)
					grid, _ := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
					rep, err := p.Run(context.Background(), format.dec(data), series, grid)
					if err != nil || rep.Read != n {
						b.Fatal(err, rep.Read)
					}
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "posts/s")
			})
		}
	}
}

// BenchmarkObserve measures one post through Observe (no decoding, no
// stream filters, no aggregation): the per-post cost of the analysis.
func BenchmarkObserve(b *testing.B) {
	gen := generator(b, 2000)
	posts, err := source.Collect(gen.Posts(context.Background()))
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(&Options{Profiles: library(b)})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Observe(ctx, posts[i%len(posts)]); err != nil {
			var re *RejectError
			if !errors.As(err, &re) {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkRun measures Run on posts already in memory, without
// aggregators: observing (tokenizer, sentiment, places, profiles, content
// terms) and the stream filters, without decoding and aggregation. One
// op is a run over 5,000 synthetic posts.
func BenchmarkRun(b *testing.B) {
	const n = 5000
	posts, err := source.Collect(generator(b, n).Posts(context.Background()))
	if err != nil {
		b.Fatal(err)
	}
	src := source.Func(func(context.Context) iter.Seq2[source.Post, error] {
		return func(yield func(source.Post, error) bool) {
			for i := range posts {
				if !yield(posts[i], nil) {
					return
				}
			}
		}
	})
	p, err := New(&Options{Profiles: library(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rep, err := p.Run(context.Background(), src); err != nil || rep.Read != len(posts) {
			b.Fatal(err, rep.Read)
		}
	}
	b.ReportMetric(float64(len(posts)*b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkWords measures the root's per-word work on one post's tokens
// (op = one post of 2,000 synthetic ones, tokenised before): content
// terms, the word hashes and the fingerprint of duplicate detection.
func BenchmarkWords(b *testing.B) {
	wordsInput.once.Do(func() {
		for it := range generator(b, 2000).Items() {
			wordsInput.toks = append(wordsInput.toks, text.Tokenize(it.Post.Text, nil))
			wordsInput.authors = append(wordsInput.authors, it.Post.Author.Key)
		}
	})
	toks, authors := wordsInput.toks, wordsInput.authors
	w := worker{slabs: true}
	var sink uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(toks)
		w.contentTerms(toks[k])
		sink += fingerprintOfText(authors[k], w.words, &w.feats).sim
	}
	if sink == 42 {
		b.Log(sink)
	}
}

// wordsInput is BenchmarkWords' input, made once: the benchmark's op
// is far smaller than making it.
var wordsInput struct {
	once    sync.Once
	toks    [][]text.Token
	authors []string
}
