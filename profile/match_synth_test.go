package profile_test

import (
	"context"
	"testing"

	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/profile"
)

// synthDocs returns the Docs of n synthetic posts (seed 1, the posts of
// the root package's BenchmarkPipeline): tokens, language, platform and
// kind, without areas.
func synthDocs(tb testing.TB, n int) []profile.Doc {
	tb.Helper()
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []profile.Doc
	for p, err := range gen.Posts(context.Background()) {
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, profile.Doc{Tokens: text.Tokenize(p.Text, nil), Lang: p.Lang, Platform: string(p.Platform), Kind: string(p.Kind)})
	}
	return docs
}

// BenchmarkMatchSynth matches 2,000 synthetic posts against the library
// profiles (op = 2,000 posts), most of which hit no term: the matcher's
// cost per post in the pipeline, for callgrind.
func BenchmarkMatchSynth(b *testing.B) {
	reg, _ := profile.Library()
	m, err := reg.Compile()
	if err != nil {
		b.Fatal(err)
	}
	docs := synthDocs(b, 2000)
	var dst []profile.Match
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dst = matchSynth(m, docs, dst)
	}
}

// matchSynth matches docs: a function of its own, so that callgrind can
// count it alone (--toggle-collect).
//
//go:noinline
func matchSynth(m *profile.Matcher, docs []profile.Doc, dst []profile.Match) []profile.Match {
	for _, d := range docs {
		dst = m.MatchDoc(d, dst[:0])
	}
	return dst
}
