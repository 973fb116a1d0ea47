package geo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

// A caller that knows the language passes it: short English posts are then
// read as English although detection needs more words ("Else" and "Best"
// are also Dutch place names).
func TestQueryLangHint(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	for _, text := range []string{"Nothing Else", "Something Else!", "Looking Good Best"} {
		guessed, _ := r.Resolve(context.Background(), geo.Query{Text: text})
		assert.NotEmpty(t, guessed, "%q: too short to detect as English", text)
		told, _ := r.Resolve(context.Background(), geo.Query{Text: text, Lang: "en"})
		assert.Empty(t, told, "%q as English", text)
	}
}
