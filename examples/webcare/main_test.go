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

func TestWebcare(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, dir, 4000))
	assert.Contains(t, out.String(), "refused:")
	assert.Contains(t, out.String(), "person_level")
	b, err := os.ReadFile(filepath.Join(dir, "webcare_queue.json"))
	require.NoError(t, err)
	var q []Item
	require.NoError(t, json.Unmarshal(b, &q))
	require.NotEmpty(t, q)
	for i := 1; i < len(q); i++ {
		assert.GreaterOrEqual(t, q[i-1].Urgency, q[i].Urgency, "queue is ranked")
	}
	assert.Less(t, q[0].Polarity, 0.0, "the most urgent post is negative")
}

func TestUrgency(t *testing.T) {
	assert.Greater(t, urgency(-0.8, 10), urgency(0.5, 10), "negative before positive")
	assert.Greater(t, urgency(-0.5, 1000), urgency(-0.5, 1), "more reach is more urgent")
	assert.Less(t, urgency(-0.5, 1000), 4*urgency(-0.5, 1), "1000 times the reach is less than 4 times as urgent")
}
