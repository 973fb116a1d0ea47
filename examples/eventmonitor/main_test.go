package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventmonitor(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 30000))
	b, err := os.ReadFile(filepath.Join(dir, "events.json"))
	require.NoError(t, err)
	var events []report
	require.NoError(t, json.Unmarshal(b, &events))
	byArea := map[string]report{}
	for _, e := range events {
		byArea[e.Area] = e
		assert.GreaterOrEqual(t, e.People, int64(10), "published events have at least k people")
	}
	// The injected scenarios are found and labelled with their own words.
	for area, term := range map[string]string{"GM0518": "koningsdag", "GM0344": "stroomstoring", "GM0228": "natuurbrand", "GM0050": "windmolens"} {
		e, ok := byArea[area]
		if assert.True(t, ok, "no event for %s", area) {
			assert.True(t, slices.Contains(e.Terms, term), "%s labelled %v", area, e.Terms)
		}
	}
	assert.Greater(t, byArea["GM0050"].Outsiders, byArea["GM0344"].Outsiders, "the campaign about Zeewolde comes from outside more than the power cut in Utrecht")
	assert.Contains(t, out.String(), "PEAK STARTS 's-Gravenhage")
}
