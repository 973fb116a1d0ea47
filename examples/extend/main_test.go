package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/source"
)

func TestExtend(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir))
	assert.Contains(t, out.String(), "read 4 calls, observed 4")
	assert.Contains(t, out.String(), "line 5")
	assert.Equal(t, 4, strings.Count(out.String(), "about: Utrecht"))
	_, err := os.Stat(filepath.Join(dir, "extend_report.md"))
	assert.NoError(t, err)
}

func TestNeighbourhoodResolverAddsWhatTheGazetteerLacks(t *testing.T) {
	q := geo.Query{Text: "Veel overlast in Wittevrouwen"}
	_, err := geo.NewTextResolver(nl.Gazetteer(), nil).Resolve(context.Background(), q)
	assert.ErrorIs(t, err, geo.ErrNotFound, "the embedded gazetteer does not know Wittevrouwen")
	locs, err := neighbourhoods(context.Background(), q)
	require.NoError(t, err)
	require.Len(t, locs, 1)
	assert.Equal(t, geo.AreaID("GM0344"), locs[0].Area)
	assert.Equal(t, "Wittevrouwen", q.Text[locs[0].Start:locs[0].End])
}

func TestCallsSourceEndsWithAnError(t *testing.T) {
	posts, err := source.Collect(calls(strings.NewReader(callLog)).Posts(context.Background()))
	assert.Len(t, posts, 4)
	assert.ErrorContains(t, err, "line 5")
}
