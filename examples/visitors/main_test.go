package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVisitors(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 20000))
	s := out.String()
	assert.Contains(t, s, "'s-Gravenhage ")
	// Every listed origin, and the combined rest, has at least 10 people.
	for _, m := range regexp.MustCompile(`(?m)^(.{28}) +(\d+) +[\d.]+%$`).FindAllStringSubmatch(s, -1) {
		n, err := strconv.Atoi(m[2])
		require.NoError(t, err)
		assert.GreaterOrEqual(t, n, 10, "row %q", m[0])
	}
	for _, f := range []string{"visitors.geojson", "visitors.csv", "visitors.svg"} {
		_, err := os.Stat(filepath.Join(dir, f))
		assert.NoError(t, err)
	}
}
