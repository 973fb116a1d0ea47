package profile

import (
	"context"
	"testing"

	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
)

// synthDocsInternal returns the Docs of n synthetic posts (seed 1), as
// synthDocs of the external tests does.
func synthDocsInternal(tb testing.TB, n int) []Doc {
	tb.Helper()
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	var docs []Doc
	for p, err := range gen.Posts(context.Background()) {
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, Doc{Tokens: text.Tokenize(p.Text, nil), Lang: p.Lang, Platform: string(p.Platform), Kind: string(p.Kind)})
	}
	return docs
}
