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
		var buf [8]AreaID
		ids, abroad := r.g.appendLocate(buf[:0], c)
		if abroad || len(ids) == 0 {
			return nil, fmt.Errorf("geo: place %q at %v is in no Dutch area: %w", pl.Name, c, ErrOutside)
		}
		return r.locations(ids, placePointConfidence, &c), nil
	case hasBox && diag > r.city || strings.EqualFold(pl.Type, "country"):
		if !hasBox {
			return nil, fmt.Errorf("geo: place %q is a country: %w", pl.Name, ErrNotFound)
		}
		return r.province(pl.Name, pl.Bound)
	}
	// A city-sized box, or a name only. The area lists are in arrays on
	// the stack (a name has a few candidates, an area a few parents):
	// only the result is allocated, and it is carved (see locations).
	var cbuf, hbuf [8]AreaID
	cands := r.candidates(cbuf[:0], pl.Name)
	if hasBox {
		var ibuf, lbuf [8]AreaID
		in := ibuf[:0]
		for _, id := range cands {
			if a := &r.g.areas[r.g.byID[id]]; a.Bound.Intersects(pl.Bound) {
				in = append(in, id)
			}
		}
		if len(in) > 1 { // prefer the one that holds the centre
			c := pl.Bound.Center()
			ids, _ := r.g.appendLocate(lbuf[:0], c)
			for _, id := range ids {
				if slices.Contains(in, id) {
					in = append(in[:0], id)
					break
				}
			}
		}
		if len(in) >= 1 {
			return r.locations(r.withParents(hbuf[:0], in[0]), placeCityConfidence, nil), nil
		}
		// Unknown name (or it does not fit the box): the box decides.
		ids, abroad := r.g.appendLocate(lbuf[:0], pl.Bound.Center())
		if abroad || len(ids) == 0 {
			return nil, fmt.Errorf("geo: place %q: box centre is in no Dutch area: %w", pl.Name, ErrOutside)
		}
		return r.locations(r.coarserThanPC4(ids), placeBoxConfidence, nil), nil
	}
	switch len(cands) {
	case 0:
		return nil, ErrNotFound
	case 1:
		return r.locations(r.withParents(hbuf[:0], cands[0]), placeNameConfidence, nil), nil
	}
	return nil, &AmbiguousError{Name: pl.Name, Start: 0, End: 0, Candidates: slices.Clone(cands)}
}

// candidates appends to dst the municipalities a place name may mean,
// most populous place first. Landmark names are not used: a platform
// place names a settlement.
func (r *PlaceResolver) candidates(dst []AreaID, name string) []AreaID {
	name = strings.TrimSpace(name)
	if name == "" {
		return dst
	}
	idx := r.g.nameIndexes(name)
	if len(idx) == 0 {
		// "Amsterdam, Nederland": try the part before the comma.
		if i := strings.IndexByte(name, ','); i > 0 {
			idx = r.g.nameIndexes(name[:i])
		}
	}
	// The names' indexes in order, official names first, then by
	// population (a stable insertion sort of a copy on the stack, not of
	// a copy of the names: Lookup's allocation and the sort's calls).
	var obuf [16]int32
	ord := append(obuf[:0], idx...)
	names := r.g.names
	for i := 1; i < len(ord); i++ {
		for j := i; j > 0 && nameBefore(&names[ord[j]], &names[ord[j-1]]); j-- {
			ord[j], ord[j-1] = ord[j-1], ord[j]
		}
	}
	n0 := len(dst)
	var kinds [2]NameKind // of the best name of the first two areas
	for _, j := range ord {
		n := &names[j]
		if n.Kind == NameLandmark || slices.Contains(dst[n0:], n.Area) {
			continue
		}
		if r.g.areas[r.g.byID[n.Area]].Level != LevelMunicipality {
			continue
		}
		if k := len(dst) - n0; k < len(kinds) {
			kinds[k] = n.Kind
		}
		dst = append(dst, n.Area)
	}
	// A municipality's own official name settles a shared name (Zwolle
	// the city, not the hamlet in Oost Gelre). Population alone does not:
	// Hengelo (Gld) is not a hamlet.
	if len(dst)-n0 > 1 && kinds[0] == NameOfficial && kinds[1] != NameOfficial {
		return dst[:n0+1]
	}
	return dst
}

// nameBefore orders a place name's names for candidates: official names
// first, then by population, most populous first.
func nameBefore(a, b *Name) bool {
	if ao, bo := a.Kind == NameOfficial, b.Kind == NameOfficial; ao != bo {
		return ao
	}
	return a.Population > b.Population
}

// withParents appends to dst the area id and its parents, finest first.
func (r *PlaceResolver) withParents(dst []AreaID, id AreaID) []AreaID {
	ids := r.g.appendHit(dst, len(dst), r.g.byID[id])
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
		var buf [8]AreaID
		ids, _ := r.g.appendLocate(buf[:0], p)
		for _, id := range ids {
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

// locations returns the locations of ids, carved from the pooled
// scratch's chunk (see scratch.take) with a copy of *pt, if pt is not
// nil, as their Point.
func (r *PlaceResolver) locations(ids []AreaID, conf float64, pt *orb.Point) []Location {
	if len(ids) == 0 {
		return []Location{} // as before: empty, not nil
	}
	s := scratchPool.Get().(*scratch)
	out := s.take(len(ids))
	var p *orb.Point
	if pt != nil {
		p = s.point(*pt)
	}
	scratchPool.Put(s)
	for i, id := range ids {
		a := &r.g.areas[r.g.byID[id]]
		out[i] = Location{Area: id, Level: a.Level, Role: RoleFrom, Method: MethodPlace, Confidence: conf, Point: p}
	}
	return out
}
