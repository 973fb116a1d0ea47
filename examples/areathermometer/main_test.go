package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAreathermometer(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 40000))
	b, err := os.ReadFile(filepath.Join(dir, "thermometer.json"))
	require.NoError(t, err)
	var rows []struct {
		Profile         string
		Suppressed      bool
		SentimentChange struct{ Estimate, Low, High float64 } `json:"sentiment_change"`
		ShareChange     struct{ Estimate, Low, High float64 } `json:"share_change"`
	}
	require.NoError(t, json.Unmarshal(b, &rows))
	require.Len(t, rows, 2)
	for _, r := range rows {
		require.False(t, r.Suppressed)
		if r.Profile == "" {
			assert.Greater(t, r.SentimentChange.Low, 0.0, "residents are measurably more positive after the bench moved")
		} else {
			assert.Less(t, r.ShareChange.High, 0.0, "nuisance posts are a measurably smaller share")
		}
	}
	assert.Contains(t, out.String(), "a real change")
}
