package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstart(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 5000, 2))
	s := out.String()
	assert.Contains(t, s, "5002 records read")
	assert.Contains(t, s, "syntax 1")
	assert.Contains(t, s, "swapped-coordinates 1")
	assert.Contains(t, s, "'s-Gravenhage", "Koningsdag makes Den Haag one of the busiest municipalities")
	assert.Contains(t, s, "suppressed")

	var rep struct{ Read, Observed int }
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rep))
	assert.Equal(t, 5002, rep.Read)

	svg, err := os.ReadFile(filepath.Join(dir, "map.svg"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(svg, new(struct{})), "map.svg is well-formed XML")
	assert.Less(t, len(svg), 400_000)

	var fc struct {
		Type     string
		Features []json.RawMessage
	}
	b, err = os.ReadFile(filepath.Join(dir, "municipalities.geojson"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &fc))
	assert.Equal(t, "FeatureCollection", fc.Type)
	assert.NotEmpty(t, fc.Features)

	csv, err := os.ReadFile(filepath.Join(dir, "municipalities.csv"))
	require.NoError(t, err)
	assert.Greater(t, strings.Count(string(csv), "\n"), 10)
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "Read = observed + rejected")
	alg, err := os.ReadFile(filepath.Join(dir, "algorithm.json"))
	require.NoError(t, err)
	assert.Contains(t, string(alg), "legal_basis")
}
