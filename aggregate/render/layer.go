package render

import (
	"errors"
	"fmt"
	"iter"
	"math"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

// DefaultAttribution is the attribution line shown under maps of Dutch
// municipal boundaries from geo/nl.
const DefaultAttribution = "Bron gemeentegrenzen: Kadaster / CBS, Wijk- en Buurtkaart 2024"

// ErrUnknownArea is returned (wrapped, joined per area) by [Layer.Lookup]
// for value IDs the gazetteer does not know.
var ErrUnknownArea = errors.New("render: unknown area")

// ErrEmpty is returned by [WriteSVG] when no value has a geometry inside
// the requested bound.
var ErrEmpty = errors.New("render: nothing to draw")

// Layer is one statistic over a set of areas or grid cells: the generic
// input of every writer in this package. Any aggregator's results can be
// rendered by turning each result row into a [Value].
type Layer struct {
	// Title and Subtitle head the map; Unit names the unit of V
	// ("posts", "gemiddeld sentiment"), shown in the legend and used as
	// the CSV/GeoJSON name of V (default "value").
	Title, Subtitle, Unit string
	// Values are the areas or cells, drawn and written in this order.
	Values []Value
	// K is the disclosure threshold the values were published with; it is
	// only used in the legend text "< K authors, suppressed" (0: no number
	// shown).
	K int
}

// Value is one area or cell of a [Layer].
type Value struct {
	// ID identifies the area (geo.AreaID such as "GM0363") or grid cell.
	ID string
	// Name is a human name ("Amsterdam"); may be empty.
	Name string
	// Geometry is the outline in WGS84 [lon, lat] (orb.Polygon or
	// orb.MultiPolygon; points are drawn as small circles). Nil geometries
	// can be filled from a gazetteer with [Layer.Lookup].
	Geometry orb.Geometry
	// V is the statistic that colours the map; NaN means no data.
	V float64
	// Props are further statistics, written in this order as GeoJSON
	// properties and CSV columns.
	Props []Prop
	// Suppressed marks a value withheld by disclosure control: V and Props
	// are never written, and the map hatches it.
	Suppressed bool
	// Noised marks a value with added noise (differential privacy).
	Noised bool
}

// Prop is one named statistic of a [Value].
type Prop struct {
	Key string
	V   float64
}

func (l *Layer) unit() string {
	if l.Unit == "" {
		return "value"
	}
	return l.Unit
}

// Lookup fills the nil geometries (and empty names) of l's values from
// the gazetteer, matching [Value.ID] to [geo.AreaID]. It returns the
// errors.Join of one error wrapping [ErrUnknownArea] per unknown ID; the
// values it could fill are filled either way.
func (l *Layer) Lookup(g *geo.Gazetteer) error {
	var errs []error
	for i := range l.Values {
		v := &l.Values[i]
		if v.Geometry != nil && v.Name != "" {
			continue
		}
		a, ok := g.Area(geo.AreaID(v.ID))
		if !ok {
			if v.Geometry == nil {
				errs = append(errs, fmt.Errorf("%w: %q", ErrUnknownArea, v.ID))
			}
			continue
		}
		if v.Name == "" {
			v.Name = a.Name
		}
		if v.Geometry == nil {
			if len(a.Geometry) > 0 {
				v.Geometry = a.Geometry
			} else {
				v.Geometry = a.Point
			}
		}
	}
	return errors.Join(errs...)
}

// GridField selects the statistic of a grid cell that colours a map.
type GridField uint8

// Grid fields for [GridLayer].
const (
	GridPosts GridField = iota
	GridAuthors
	GridSentiment
)

// GridLayer turns [aggregate.Grid] results (for one profile; pass
// profile "" for all posts) into a layer with cell polygons (WGS84), V
// taken from field (its name is the layer's Unit: "posts", "authors" or
// "sentiment"), and the other two statistics as props.
func GridLayer(title string, scheme aggregate.CellScheme, cells iter.Seq[aggregate.GridCell], profile string, field GridField) *Layer {
	l := &Layer{Title: title, Unit: [...]string{"posts", "authors", "sentiment"}[field%3]}
	for c := range cells {
		if c.Profile != profile {
			continue
		}
		v := Value{ID: c.ID, Geometry: scheme.Polygon(c.Cell), Suppressed: c.Suppressed, Noised: c.Noised}
		if !c.Suppressed {
			v.V = [...]float64{float64(c.Posts), float64(c.Authors), c.Sentiment}[field%3]
			all := []Prop{{"posts", float64(c.Posts)}, {"authors", float64(c.Authors)}, {"sentiment", c.Sentiment}}
			v.Props = append(all[:field%3:field%3], all[field%3+1:]...) // V is not repeated
		} else {
			v.V = math.NaN()
		}
		l.Values = append(l.Values, v)
	}
	return l
}
