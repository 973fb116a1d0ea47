package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

// municipalities builds a layer over every municipality of geo/nl with a
// deterministic value; every 9th is suppressed, every 31st has no data.
func municipalities(t testing.TB) *Layer {
	g := nl.Gazetteer()
	l := &Layer{Title: "Posts per 10.000 inwoners", Subtitle: "Synthetische testdata, 27 april 2026", Unit: "posts per 10k", K: 10}
	i := 0
	for a := range g.Areas(geo.LevelMunicipality) {
		v := Value{ID: string(a.ID), V: float64((i*37)%101) + 0.5, Props: []Prop{{"posts", float64(i)}}}
		switch {
		case i%9 == 0:
			v.Suppressed = true
		case i%31 == 0:
			v.V = math.NaN()
		}
		l.Values = append(l.Values, v)
		i++
	}
	require.NoError(t, l.Lookup(g))
	return l
}

func TestWriteSVGMunicipalities(t *testing.T) {
	l := municipalities(t)
	if n := len(l.Values); n < 300 {
		t.Fatalf("geo/nl has %d municipalities, want ≥ 300", n)
	}
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b, l, nil))
	svg := b.String()
	checkSVG(t, b.Bytes())
	if n := b.Len(); n < 20_000 || n > 1_500_000 {
		t.Errorf("WriteSVG: %d bytes for %d municipalities, want 20 KB–1.5 MB", n, len(l.Values))
	}
	for _, want := range []string{l.Title, l.Subtitle, "&lt; 10 authors, suppressed", "no data", "km</text>", DefaultAttribution, `class="s"`, "Amsterdam: "} {
		if !strings.Contains(svg, want) {
			t.Errorf("WriteSVG output lacks %q", want)
		}
	}
	if got := strings.Count(svg, `<path class="s"`); got != (len(l.Values)+8)/9 {
		t.Errorf("WriteSVG: %d hatched areas, want %d", got, (len(l.Values)+8)/9)
	}
	if dir := os.Getenv("RENDER_OUT"); dir != "" { // for looking at it
		require.NoError(t, os.WriteFile(dir+"/municipalities.svg", b.Bytes(), 0o644))
	}
}

// checkSVG decodes the whole document with encoding/xml and checks the
// root element.
func checkSVG(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok && root == nil {
			se := se.Copy()
			root = &se
		}
	}
	if root == nil || root.Name.Local != "svg" {
		t.Fatalf("root element = %v, want svg", root)
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	for _, k := range []string{"width", "height", "viewBox"} {
		if attrs[k] == "" {
			t.Errorf("svg root lacks %s", k)
		}
	}
}

func TestWriteSVGRegionAndDiverging(t *testing.T) {
	l := municipalities(t)
	for i := range l.Values {
		l.Values[i].V = (l.Values[i].V - 50) / 50
	}
	utrecht := orb.Bound{Min: orb.Point{4.9, 51.95}, Max: orb.Point{5.3, 52.2}}
	var b bytes.Buffer
	require.NoError(t, WriteSVG(&b, l, &SVGOptions{Bound: &utrecht, Diverging: true, Width: 600}))
	checkSVG(t, b.Bytes())
	n := strings.Count(b.String(), "<path class=")
	if n < 5 || n > 60 {
		t.Errorf("region map draws %d areas, want 5–60", n)
	}
	if !strings.Contains(b.String(), "#5e3c99") {
		t.Error("diverging palette not used")
	}
	far := orb.Bound{Min: orb.Point{20, 20}, Max: orb.Point{21, 21}}
	if err := WriteSVG(io.Discard, l, &SVGOptions{Bound: &far}); !errors.Is(err, ErrEmpty) {
		t.Errorf("WriteSVG(outside NL) = %v, want ErrEmpty", err)
	}
}

func TestClasses(t *testing.T) {
	tests := []struct {
		v    float64
		br   []float64
		want int
	}{
		{0, []float64{1, 2}, 0},
		{1, []float64{1, 2}, 1},
		{1.5, []float64{1, 2}, 1},
		{2, []float64{1, 2}, 2},
		{9, []float64{1, 2}, 2},
		{5, nil, 0},
	}
	for _, tt := range tests {
		if got := classOf(tt.v, tt.br); got != tt.want {
			t.Errorf("classOf(%v, %v) = %d, want %d", tt.v, tt.br, got, tt.want)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	l := &Layer{Values: []Value{{ID: "GM0363"}, {ID: "GM9999"}}}
	err := l.Lookup(nl.Gazetteer())
	if !errors.Is(err, ErrUnknownArea) {
		t.Errorf("Lookup(GM9999) = %v, want ErrUnknownArea", err)
	}
	if l.Values[0].Name != "Amsterdam" || l.Values[0].Geometry == nil {
		t.Errorf("Lookup(GM0363) = %+v, want Amsterdam with geometry", l.Values[0])
	}
}

func BenchmarkWriteSVG(b *testing.B) {
	l := municipalities(b)
	b.ReportAllocs()
	var n int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := WriteSVG(&buf, l, nil); err != nil {
			b.Fatal(err)
		}
		n = buf.Len()
	}
	b.ReportMetric(float64(n), "bytes")
	_ = fmt.Sprint(n)
}

func TestWriteGeoJSONValid(t *testing.T) {
	l := municipalities(t)
	var b bytes.Buffer
	require.NoError(t, WriteGeoJSON(&b, l))
	var fc struct {
		Type     string
		Features []struct {
			ID         string
			Geometry   struct{ Type string }
			Properties map[string]any
		}
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &fc))
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(l.Values) {
		t.Fatalf("WriteGeoJSON: type %q with %d features, want FeatureCollection with %d", fc.Type, len(fc.Features), len(l.Values))
	}
	for i, f := range fc.Features {
		v := l.Values[i]
		_, hasV := f.Properties[l.Unit]
		if f.Properties["suppressed"] != v.Suppressed || (v.Suppressed && hasV) || f.Geometry.Type != "MultiPolygon" {
			t.Errorf("feature %s = %v (%s), want suppressed=%v without value when suppressed", f.ID, f.Properties, f.Geometry.Type, v.Suppressed)
		}
	}
}
