package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Layers with every value suppressed, or all values equal, still render
// (they used to panic in the legend).
func TestSVGDegenerateLayers(t *testing.T) {
	sq := func(x float64) orb.Polygon {
		return orb.Polygon{{{x, 52}, {x + 0.1, 52}, {x + 0.1, 52.1}, {x, 52.1}, {x, 52}}}
	}
	for name, vals := range map[string][]Value{
		"all suppressed": {{ID: "a", Geometry: sq(5), Suppressed: true}, {ID: "b", Geometry: sq(5.2), Suppressed: true}},
		"all equal":      {{ID: "a", Geometry: sq(5), V: 3}, {ID: "b", Geometry: sq(5.2), V: 3}},
		"one value":      {{ID: "a", Geometry: sq(5), V: 7}},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteSVG(&b, &Layer{Title: "t", Values: vals, K: 10}, nil))
			require.NoError(t, xml.Unmarshal(b.Bytes(), new(struct{})))
			if name == "all suppressed" {
				assert.True(t, strings.Contains(b.String(), "suppressed"))
			}
		})
	}
}
