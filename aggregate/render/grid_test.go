package render

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

func TestGridLayerSVG(t *testing.T) {
	g, err := aggregate.NewGrid(aggregate.CBSGrid(500), nil)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ { // a cloud around Utrecht centre, RD (136900, 456000)
		p := geo.FromRD(136900+r.NormFloat64()*2500, 456000+r.NormFloat64()*2500)
		g.Add(aggregate.Observation{Author: fmt.Sprint(r.IntN(3000)), Point: &p, Label: sentiment.Neutral, Polarity: math.Tanh(r.NormFloat64())})
	}
	l := GridLayer("Posts per 500 m-vierkant, Utrecht", g.Scheme(), g.Results(nil), "", GridPosts)
	l.Subtitle, l.K = "Synthetische testdata", 10
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b, l, &SVGOptions{Attribution: "Synthetische data; CBS-vierkanten 500 m"}))
	checkSVG(t, b.Bytes())
	if !strings.Contains(b.String(), `class="s"`) || !strings.Contains(b.String(), `class="c4"`) {
		t.Error("grid map lacks suppressed or top-class cells")
	}
	var csv bytes.Buffer
	require.NoError(t, WriteCSV(&csv, l))
	if head, _, _ := strings.Cut(csv.String(), "\n"); head != "id,name,posts,authors,sentiment,suppressed,noised" {
		t.Errorf("CSV header = %q", head)
	}
	if dir := os.Getenv("RENDER_OUT"); dir != "" {
		require.NoError(t, os.WriteFile(dir+"/grid.svg", b.Bytes(), 0o644))
	}
}

func TestWriteSeriesJSON(t *testing.T) {
	t0 := time.Date(2026, 4, 27, 0, 0, 0, 0, time.UTC)
	s := []Series{{ID: "GM0518", Unit: "posts", Points: []Point{
		NewPoint(t0, 12, false, false),
		NewPoint(t0.Add(time.Hour), 3, true, false),
		NewPoint(t0.Add(2*time.Hour), math.NaN(), false, false),
	}}}
	var b bytes.Buffer
	require.NoError(t, WriteSeriesJSON(&b, s))
	want := `[
  {
    "id": "GM0518",
    "unit": "posts",
    "points": [
      {
        "t": "2026-04-27T00:00:00Z",
        "v": 12
      },
      {
        "t": "2026-04-27T01:00:00Z",
        "v": null,
        "suppressed": true
      },
      {
        "t": "2026-04-27T02:00:00Z",
        "v": null
      }
    ]
  }
]
`
	if b.String() != want {
		t.Errorf("WriteSeriesJSON =\n%s\nwant\n%s", b.String(), want)
	}
}
