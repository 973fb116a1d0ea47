package codec

import (
	"bytes"
	"errors"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

func sample() ([]geo.Area, []geo.Name) {
	areas := []geo.Area{{ID: "GM1", Name: "Één", Level: geo.LevelMunicipality, Parents: []geo.AreaID{"PV1"},
		Population: 12, PopulationYear: 2021, Point: orb.Point{4.5, 52.25},
		Geometry: orb.MultiPolygon{{{{4, 52}, {5, 52}, {5, 53}, {4, 52}}, {{4.2, 52.1}, {4.3, 52.1}, {4.3, 52.2}, {4.2, 52.1}}}}}}
	areas[0].Bound = areas[0].Geometry.Bound()
	names := []geo.Name{{Text: "Een", Area: "GM1", Kind: geo.NameAlias, Point: orb.Point{4.12345, 52.54321}, Population: 7}}
	return areas, names
}

func TestRoundTrip(t *testing.T) {
	areas, names := sample()
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, "hello", areas, names))
	a2, n2, err := Decode(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, areas, a2)
	assert.Equal(t, names, n2)
	h, err := Header(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, "hello", h)
}

func FuzzDecode(f *testing.F) {
	areas, names := sample()
	var buf bytes.Buffer
	if err := Encode(&buf, "h", areas, names); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic + "x\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, err := Decode(b)
		if err != nil && !errors.Is(err, ErrFormat) {
			t.Errorf("Decode error %v does not wrap ErrFormat", err)
		}
	})
}
