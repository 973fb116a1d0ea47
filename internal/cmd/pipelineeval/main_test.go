package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFloors keeps the end-to-end figures from silently getting worse.
func TestFloors(t *testing.T) {
	r, err := Evaluate(context.Background(), 8000, 1)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, r.From.F1(), 0.99)
	assert.GreaterOrEqual(t, r.About.Precision(), 0.95)
	assert.GreaterOrEqual(t, r.About.Recall(), 0.95)
	assert.GreaterOrEqual(t, r.Home.F1(), 0.8)
	assert.GreaterOrEqual(t, r.Sarcasm.Recall(), 0.9)
	assert.GreaterOrEqual(t, r.Sarcasm.Precision(), 0.8)
	assert.GreaterOrEqual(t, ratio(r.LangOK, r.LangN), 0.95)
	assert.GreaterOrEqual(t, ratio(r.CampaignCaught, r.Campaign), 0.5, "the verbatim share of the campaign is caught")
	assert.LessOrEqual(t, ratio(r.BackgroundDropped, r.Background), 0.06)
	var b bytes.Buffer
	r.Print(&b)
	assert.Contains(t, b.String(), "sarcasm flag")
}
