package sentiment

import (
	"testing"

	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
)

var benchPosts = []string{
	"Geweldig, weer vertraging bij de NS 🙄",
	"Wat een mooie dag in het Vondelpark, echt superrr gezellig!!! #zomer",
	"De Dorpsstraat is morgen afgesloten voor werkzaamheden https://example.nl",
	"Het concert was niet goed maar de sfeer was top 👍🏽",
	"kanker mooi weer vandaag @gemeente",
	"This movie is not very good, but the music is great :-)",
}

func BenchmarkAnalyze(b *testing.B) {
	a := Default()
	size := 0
	for _, p := range benchPosts {
		size += len(p)
	}
	b.ReportAllocs()
	b.SetBytes(int64(size / len(benchPosts)))
	for i := 0; i < b.N; i++ {
		_ = a.Analyze(benchPosts[i%len(benchPosts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

func BenchmarkAnalyzeTokensParallel(b *testing.B) {
	a := Default()
	toks := make([][]Token, len(benchPosts))
	for i, p := range benchPosts {
		toks[i] = DefaultTokenizer().Tokenize(p)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			_ = a.AnalyzeTokens(toks[i%len(toks)])
			i++
		}
	})
}

// BenchmarkAnalyzeTokenizedSynth is the pipeline's use of the analyzer
// until 2026-11-30 (AnalyzeTokenized with the tokens of text.Tokenize,
// without the tokenizer's keys) on the pipeline benchmark's 20,000
// synthetic posts (seed 1), one post per op, without the pipeline's other
// work. The pipeline now uses AnalyzeKeyed: see BenchmarkAnalyzeKeyedSynth.
func BenchmarkAnalyzeTokenizedSynth(b *testing.B) {
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: 20000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var toks [][]Token
	for it := range gen.Items() {
		texts = append(texts, it.Post.Text)
		toks = append(toks, text.Tokenize(it.Post.Text, nil))
	}
	a := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(texts)
		_ = a.AnalyzeTokenized(texts[j], toks[j])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkAnalyzeKeyedSynth is the pipeline's use of the analyzer since
// 2026-11-30 (AnalyzeKeyed with the tokens and keys of
// text.TokenizeKeys) on the pipeline benchmark's 20,000 synthetic posts
// (seed 1), one post per op. The first pass writes its meta words over
// the keys, so each op copies the post's keys (15.6 words) first, as
// the pipeline's tokenizer writes them afresh.
func BenchmarkAnalyzeKeyedSynth(b *testing.B) {
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: 20000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var toks [][]Token
	var keys [][]uint64
	for it := range gen.Items() {
		t, k := text.TokenizeKeys(it.Post.Text, nil, nil)
		toks = append(toks, t)
		keys = append(keys, k)
	}
	a := Default()
	buf := make([]uint64, 0, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(toks)
		buf = append(buf[:0], keys[j]...)
		_ = a.AnalyzeKeyed(toks[j], buf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}
