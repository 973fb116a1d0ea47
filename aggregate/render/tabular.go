package render

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/paulmach/orb"
)

// WriteGeoJSON writes l as an RFC 7946 GeoJSON FeatureCollection, ready
// for a choropleth: each value is a Feature with its geometry (WGS84,
// coordinates rounded to 6 decimals ≈ 0.1 m) and the properties "id",
// "name", the unit name (V), every Prop, "suppressed" and "noised".
// Suppressed features carry only id, name, suppressed and noised; NaN
// statistics are omitted (JSON has no NaN).
//
// The encoder is our own (encoding/json): github.com/paulmach/orb/geojson
// would pull the MongoDB BSON driver into the core module (STYLE.md,
// "leaking implementation dependencies"). Its output is readable by
// orb/geojson, GDAL, QGIS and Leaflet.
func WriteGeoJSON(w io.Writer, l *Layer) error {
	b := []byte(`{"type":"FeatureCollection","features":[`)
	for i, v := range l.Values {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n"+`{"type":"Feature","id":`...)
		b = appendJSONString(b, v.ID)
		b = append(b, `,"geometry":`...)
		b = appendGeometry(b, v.Geometry)
		b = append(b, `,"properties":{"id":`...)
		b = appendJSONString(b, v.ID)
		if v.Name != "" {
			b = append(b, `,"name":`...)
			b = appendJSONString(b, v.Name)
		}
		if !v.Suppressed {
			b = appendNumProp(b, l.unit(), v.V)
			for _, p := range v.Props {
				b = appendNumProp(b, p.Key, p.V)
			}
		}
		b = append(b, `,"suppressed":`...)
		b = strconv.AppendBool(b, v.Suppressed)
		b = append(b, `,"noised":`...)
		b = strconv.AppendBool(b, v.Noised)
		b = append(b, "}}"...)
	}
	b = append(b, "\n]}\n"...)
	_, err := w.Write(b)
	return err
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

func appendNumProp(b []byte, k string, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	b = append(b, ',')
	b = appendJSONString(b, k)
	b = append(b, ':')
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func appendCoord(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = strconv.AppendFloat(b, math.Round(p[0]*1e6)/1e6, 'f', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, math.Round(p[1]*1e6)/1e6, 'f', -1, 64)
	return append(b, ']')
}

func appendRing(b []byte, r orb.Ring) []byte {
	b = append(b, '[')
	for i, p := range r {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCoord(b, p)
	}
	return append(b, ']')
}

func appendPolygon(b []byte, p orb.Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRing(b, r)
	}
	return append(b, ']')
}

// appendGeometry writes Point, Polygon, MultiPolygon and Bound (as a
// Polygon); other or nil geometries are written as null.
func appendGeometry(b []byte, g orb.Geometry) []byte {
	switch g := g.(type) {
	case orb.Point:
		b = append(b, `{"type":"Point","coordinates":`...)
		b = appendCoord(b, g)
	case orb.Polygon:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b = appendPolygon(b, g)
	case orb.Bound:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b = appendPolygon(b, g.ToPolygon())
	case orb.MultiPolygon:
		b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	default:
		return append(b, "null"...)
	}
	return append(b, '}')
}

// WriteCSV writes l as CSV with a header row. Columns, in this stable
// order: id, name, the unit name (V), every Prop key in order of first
// appearance over all values, suppressed, noised. Suppressed rows have
// empty statistics; NaN is written as an empty field. Numbers use
// strconv 'g' formatting (shortest exact).
func WriteCSV(w io.Writer, l *Layer) error {
	var keys []string
	col := map[string]int{}
	for _, v := range l.Values {
		for _, p := range v.Props {
			if _, ok := col[p.Key]; !ok {
				col[p.Key] = len(keys)
				keys = append(keys, p.Key)
			}
		}
	}
	cw := csv.NewWriter(w)
	head := append([]string{"id", "name", l.unit()}, keys...)
	if err := cw.Write(append(head, "suppressed", "noised")); err != nil {
		return err
	}
	row := make([]string, len(head)+2)
	for _, v := range l.Values {
		clear(row)
		row[0], row[1] = v.ID, v.Name
		if !v.Suppressed {
			row[2] = num(v.V)
			for _, p := range v.Props {
				row[3+col[p.Key]] = num(p.V)
			}
		}
		row[len(row)-2] = strconv.FormatBool(v.Suppressed)
		row[len(row)-1] = strconv.FormatBool(v.Noised)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Series is a time series of one area (or cell) and statistic, for
// [WriteSeriesJSON].
type Series struct {
	ID     string  `json:"id"`
	Name   string  `json:"name,omitempty"`
	Unit   string  `json:"unit,omitempty"`
	Points []Point `json:"points"`
}

// Point is one time bucket of a [Series]: its start, value and
// disclosure state. V is nil (JSON null) when suppressed or NaN.
type Point struct {
	T          time.Time `json:"t"`
	V          *float64  `json:"v"`
	Suppressed bool      `json:"suppressed,omitempty"`
	Noised     bool      `json:"noised,omitempty"`
}

// NewPoint returns a [Point], with V nil when suppressed or not finite.
func NewPoint(t time.Time, v float64, suppressed, noised bool) Point {
	p := Point{T: t.UTC(), Suppressed: suppressed, Noised: noised}
	if !suppressed && !math.IsNaN(v) && !math.IsInf(v, 0) {
		p.V = &v
	}
	return p
}

// WriteSeriesJSON writes the series as an indented JSON array, times in
// RFC 3339 UTC.
func WriteSeriesJSON(w io.Writer, series []Series) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(series)
}
