package geo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// PlaceOptions configures a [PlaceResolver]. The zero value (and nil) gives
// the defaults.
type PlaceOptions struct {
	// PointMetres is the largest box diagonal, in metres, that is treated
	// as a point (a venue, a street): the box centre is then located like
	// a geotag. 0 means 1000.
	PointMetres float64
	// CityMetres is the largest box diagonal that can stand for one
	// municipality; larger boxes (a region, a province, the country) give
	// at most a province. 0 means 60000.
	CityMetres float64
}

func (o *PlaceOptions) pointMetres() float64 {
	if o == nil || !(o.PointMetres > 0) {
		return 1000
	}
	return o.PointMetres
}

func (o *PlaceOptions) cityMetres() float64 {
	if o == nil || !(o.CityMetres > 0) {
		return 60000
	}
	return o.CityMetres
}

// PlaceResolver resolves the platform place of a post (Query.Place: a name
// and a bounding box, as Twitter/X attaches) to areas with Role
// [RoleFrom] and Method [MethodPlace]. It is safe for concurrent use.
//
// The confidence follows the size of the box: a venue-sized box is located
// like a geotag (0.85); a city-sized box resolves through its name,
// checked against the box (0.8, or 0.6 when the box, not the name,
// decides); a box larger than PlaceOptions.CityMetres gives only the
// province that holds the whole box (0.6) or nothing. A place known only by
// a name that several municipalities share gives an [*AmbiguousError].
type PlaceResolver struct {
	g           *Gazetteer
	point, city float64
}

// NewPlaceResolver returns a resolver over g; opts may be nil.
func NewPlaceResolver(g *Gazetteer, opts *PlaceOptions) *PlaceResolver {
	return &PlaceResolver{g: g, point: opts.pointMetres(), city: opts.cityMetres()}
}

// Confidences of a [PlaceResolver].
const (
	placePointConfidence = 0.85
	placeCityConfidence  = 0.8
	placeBoxConfidence   = 0.6
	placeNameConfidence  = 0.7 // name only, no box
)

// diagonal returns the diagonal of b in metres (equirectangular).
func diagonal(b orb.Bound) float64 {
	const mPerDeg = 111_195.0
	lat := (b.Min[1] + b.Max[1]) / 2 * math.Pi / 180
	dx := (b.Max[0] - b.Min[0]) * mPerDeg * math.Cos(lat)
	dy := (b.Max[1] - b.Min[1]) * mPerDeg
	return math.Hypot(dx, dy)
}

func validBound(b orb.Bound) bool {
	return finite(b.Min) && finite(b.Max) && b.Min[0] <= b.Max[0] && b.Min[1] <= b.Max[1] &&
		math.Abs(b.Min[0]) <= 180 && math.Abs(b.Max[0]) <= 180 && math.Abs(b.Min[1]) <= 90 && math.Abs(b.Max[1]) <= 90
}

// Resolve returns the municipality of q.Place with its safety region and
// province (or only a province for a large box). Errors: ErrNotFound when
// q.Place is nil or gives nothing usable; an error wrapping [ErrOutside]
// for a place in another country or a box outside the Netherlands; an
// [*AmbiguousError] for a shared name without a box; ctx.Err() when ctx is
// done.
func (r *PlaceResolver) Resolve(ctx context.Context, q Query) ([]Location, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pl := q.Place
	if pl == nil {
		return nil, ErrNotFound
	}
	if c := strings.ToUpper(strings.TrimSpace(pl.Country)); c != "" && c != "NL" {
		return nil, fmt.Errorf("geo: place %q is in country %s: %w", pl.Name, c, ErrOutside)
	}
	hasBox := pl.Bound != (orb.Bound{}) && validBound(pl.Bound)
	if pl.Bound != (orb.Bound{}) && !hasBox {
		return nil, fmt.Errorf("geo: place %q has an invalid bounding box: %w", pl.Name, ErrNotFound)
	}
	diag := 0.0
	if hasBox {
		diag = diagonal(pl.Bound)
	}
	switch {
	case hasBox && diag <= r.point:
		c := pl.Bound.Center()
		ids, abroad := r.g.appendLocate(nil, c)
		if abroad || len(ids) == 0 {
			return nil, fmt.Errorf("geo: place %q at %v is in no Dutch area: %w", pl.Name, c, ErrOutside)
		}
		pt := new(orb.Point)
		*pt = c
		return r.locations(ids, placePointConfidence, pt), nil
	case hasBox && diag > r.city || strings.EqualFold(pl.Type, "country"):
		if !hasBox {
			return nil, fmt.Errorf("geo: place %q is a country: %w", pl.Name, ErrNotFound)
		}
		return r.province(pl.Name, pl.Bound)
	}
	// A city-sized box, or a name only.
	cands := r.candidates(pl.Name)
	if hasBox {
		var in []AreaID
		for _, id := range cands {
			if a := &r.g.areas[r.g.byID[id]]; a.Bound.Intersects(pl.Bound) {
				in = append(in, id)
			}
		}
		if len(in) > 1 { // prefer the one that holds the centre
			c := pl.Bound.Center()
			for _, id := range r.g.Locate(c) {
				if slices.Contains(in, id) {
					in = []AreaID{id}
					break
				}
			}
		}
		if len(in) >= 1 {
			return r.locations(r.withParents(in[0]), placeCityConfidence, nil), nil
		}
		// Unknown name (or it does not fit the box): the box decides.
		ids, abroad := r.g.appendLocate(nil, pl.Bound.Center())
		if abroad || len(ids) == 0 {
			return nil, fmt.Errorf("geo: place %q: box centre is in no Dutch area: %w", pl.Name, ErrOutside)
		}
		return r.locations(r.coarserThanPC4(ids), placeBoxConfidence, nil), nil
	}
	switch len(cands) {
	case 0:
		return nil, ErrNotFound
	case 1:
		return r.locations(r.withParents(cands[0]), placeNameConfidence, nil), nil
	}
	return nil, &AmbiguousError{Name: pl.Name, Start: 0, End: 0, Candidates: cands}
}

// candidates returns the municipalities a place name may mean, most
// populous place first. Landmark names are not used: a platform place
// names a settlement.
func (r *PlaceResolver) candidates(name string) []AreaID {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	names := r.g.Lookup(name)
	if len(names) == 0 {
		// "Amsterdam, Nederland": try the part before the comma.
		if i := strings.IndexByte(name, ','); i > 0 {
			names = r.g.Lookup(name[:i])
		}
	}
	slices.SortStableFunc(names, func(a, b Name) int {
		if a.Kind == NameOfficial != (b.Kind == NameOfficial) {
			if a.Kind == NameOfficial {
				return -1
			}
			return 1
		}
		return b.Population - a.Population
	})
	var out []AreaID
	var top []Name // the best name per area, in out's order
	for _, n := range names {
		if n.Kind == NameLandmark || slices.Contains(out, n.Area) {
			continue
		}
		if r.g.areas[r.g.byID[n.Area]].Level != LevelMunicipality {
			continue
		}
		out = append(out, n.Area)
		top = append(top, n)
	}
	// A municipality's own official name settles a shared name (Zwolle
	// the city, not the hamlet in Oost Gelre). Population alone does not:
	// Hengelo (Gld) is not a hamlet.
	if len(top) > 1 && top[0].Kind == NameOfficial && top[1].Kind != NameOfficial {
		return out[:1]
	}
	return out
}

func (r *PlaceResolver) withParents(id AreaID) []AreaID {
	ids := r.g.appendHit(nil, 0, r.g.byID[id])
	sortFinest(r.g, ids)
	return ids
}

func (r *PlaceResolver) coarserThanPC4(ids []AreaID) []AreaID {
	return slices.DeleteFunc(ids, func(id AreaID) bool { return r.g.areas[r.g.byID[id]].Level == LevelPC4 })
}

// province returns the province that holds the corners and centre of a
// large box, if they all agree.
func (r *PlaceResolver) province(name string, b orb.Bound) ([]Location, error) {
	var pv AreaID
	for _, p := range []orb.Point{b.Center(), b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
		var this AreaID
		for _, id := range r.g.Locate(p) {
			if r.g.areas[r.g.byID[id]].Level == LevelProvince {
				this = id
			}
		}
		if this == "" || pv != "" && this != pv {
			return nil, fmt.Errorf("geo: place %q: box too large for one area: %w", name, ErrNotFound)
		}
		pv = this
	}
	return r.locations([]AreaID{pv}, placeBoxConfidence, nil), nil
}

func (r *PlaceResolver) locations(ids []AreaID, conf float64, pt *orb.Point) []Location {
	out := make([]Location, len(ids))
	for i, id := range ids {
		a := &r.g.areas[r.g.byID[id]]
		out[i] = Location{Area: id, Level: a.Level, Role: RoleFrom, Method: MethodPlace, Confidence: conf, Point: pt}
	}
	return out
}
