package geo_test

import (
	"context"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/text"
)

// BenchmarkTextResolver resolves the posts of testdata/text_eval.tsv;
// MB/s is post text per second, allocs/op are per post.
func BenchmarkTextResolver(b *testing.B) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	posts := evalTexts(b, 0)
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
