package geo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
)

// BenchmarkTextResolver resolves the posts of testdata/text_eval.tsv;
// MB/s is post text per second, allocs/op are per post.
func BenchmarkTextResolver(b *testing.B) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	sentences := evalTexts(b, 0)
	// Realistic posts are longer than one labelled sentence: join four
	// (about 130 bytes, a typical post); "sentence/" runs on single ones.
	var posts []string
	for i := 0; i+4 <= len(sentences); i += 4 {
		posts = append(posts, strings.Join(sentences[i:i+4], ". "))
	}
	for _, set := range []struct {
		name  string
		posts []string
	}{{"post", posts}, {"sentence", sentences}} {
		b.Run(set.name, func(b *testing.B) { benchTexts(b, r, set.posts) })
	}
}

func benchTexts(b *testing.B, r *geo.TextResolver, posts []string) {
	toks := make([][]text.Token, len(posts))
	size := 0
	for i, p := range posts {
		toks[i] = text.Tokenize(p, nil)
		size += len(p)
	}
	ctx := context.Background()
	b.Run("tokens", func(b *testing.B) {
		b.SetBytes(int64(size / len(posts)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			j := i % len(posts)
			_, _ = r.Resolve(ctx, geo.Query{Text: posts[j], Tokens: toks[j]})
		}
	})
	b.Run("text", func(b *testing.B) {
		b.SetBytes(int64(size / len(posts)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_, _ = r.Resolve(ctx, geo.Query{Text: posts[i%len(posts)]})
		}
	})
}

func BenchmarkHomeResolver(b *testing.B) {
	r := geo.NewHomeResolver(nl.Gazetteer(), nil)
	profiles := []string{"Rotterdam-Zuid", "Amsterdam, NL", "010 ❤️", "Utrecht / Amsterdam", "ergens in Brabant", "in je moeder"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = r.Resolve(context.Background(), geo.Query{ProfileLocation: profiles[i%len(profiles)]})
	}
}

func BenchmarkNewTextResolver(b *testing.B) {
	g := nl.Gazetteer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		geo.NewTextResolver(g, nil)
	}
}

// BenchmarkTextResolverSynth resolves the texts of 2,000 synthetic posts
// (internal/synth, seed 7: the pipeline benchmark's generator), shorter and
// with fewer place names than the labelled sentences: a proxy of
// BenchmarkPipeline's geo stage that runs in seconds under callgrind.
func BenchmarkTextResolverSynth(b *testing.B) {
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: 2000, Seed: 7})
	if err != nil {
		b.Fatal(err)
	}
	var posts []string
	for p, err := range gen.Posts(context.Background()) {
		if err != nil {
			b.Fatal(err)
		}
		posts = append(posts, p.Text)
	}
	benchTexts(b, geo.NewTextResolver(nl.Gazetteer(), nil), posts)
}
