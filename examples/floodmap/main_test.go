package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFloodmap(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 30000))
	s := out.String()
	assert.Contains(t, s, "published")
	// Every published cell lies along the Maas in Venlo (RD x 206-211 km, y 371-388 km).
	lines := strings.Split(s, "\n")
	published := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "E2") {
			published++
			assert.Regexp(t, `^E2(0[5-9]|1[01])\dN3(7\d|8\d)\d `, l)
		}
	}
	assert.Positive(t, published)
	svg, err := os.ReadFile(filepath.Join(dir, "floodmap.svg"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(svg, new(struct{})))
	for _, f := range []string{"floodmap.geojson", "floodmap.csv", "floodmap_report.md"} {
		_, err := os.Stat(filepath.Join(dir, f))
		assert.NoError(t, err)
	}
}
