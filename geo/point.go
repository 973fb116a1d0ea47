package geo

import (
	"context"
	"fmt"
	"math"
)

// PointOptions configures a [PointResolver]. The zero value (and nil) gives
// the defaults.
type PointOptions struct {
	// NearestWithin, in metres, lets a point that lies in no area (open
	// water, a beach beyond the generalised coast line) resolve to the
	// municipality whose boundary is nearest, if it is within this
	// distance, with a lower confidence. 0 (the default) turns it off: such
	// points are reported as outside. Points in the Baarle-Hertog enclaves
	// are never moved.
	NearestWithin float64
}

func (o *PointOptions) nearestWithin() float64 {
	if o == nil || !(o.NearestWithin > 0) || math.IsInf(o.NearestWithin, 0) {
		return 0
	}
	return o.NearestWithin
}

// Confidences of a [PointResolver].
const (
	geotagConfidence    = 0.95 // a device position inside the area
	geotagPC4Confidence = 0.9  // PC4 areas are small next to GPS and wifi errors
	nearestConfidence   = 0.8  // at the boundary; falls linearly to 0.5 at NearestWithin
)

// PointResolver resolves a post's device geotag (Query.Geo) to the areas
// that contain it at every level, with Role [RoleFrom] and Method
// [MethodGeotag]. It is safe for concurrent use.
//
// A geotag is evidence of where a post was sent from, never of what it is
// about (a tourist's wifi at the Rijksmuseum).
type PointResolver struct {
	g       *Gazetteer
	nearest float64
}

// NewPointResolver returns a resolver over g; opts may be nil.
func NewPointResolver(g *Gazetteer, opts *PointOptions) *PointResolver {
	return &PointResolver{g: g, nearest: opts.nearestWithin()}
}

// Resolve returns the areas containing q.Geo, finest first, each with the
// point. Errors: ErrNotFound when q.Geo is nil or not a valid coordinate;
// an error wrapping [ErrOutside] when the point lies outside every area or
// in the [Abroad] zone (and NearestWithin does not apply); ctx.Err() when
// ctx is done.
func (r *PointResolver) Resolve(ctx context.Context, q Query) ([]Location, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Geo == nil {
		return nil, ErrNotFound
	}
	p := *q.Geo
	if !finite(p) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
		return nil, fmt.Errorf("geo: invalid geotag %v: %w", p, ErrNotFound)
	}
	var buf [8]AreaID
	ids, abroad := r.g.appendLocate(buf[:0], p)
	if abroad {
		return nil, fmt.Errorf("geo: geotag %v is in %s (Baarle-Hertog, Belgium): %w", p, Abroad, ErrOutside)
	}
	conf := -1.0
	if len(ids) == 0 && r.nearest > 0 {
		if id, d, ok := r.g.Nearest(p, r.nearest); ok {
			ids = r.g.appendHit(ids, 0, r.g.byID[id])
			sortFinest(r.g, ids)
			conf = nearestConfidence - 0.3*d/r.nearest
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("geo: geotag %v is in no Dutch area: %w", p, ErrOutside)
	}
	// The locations and the point are carved from the pooled scratch's
	// chunks (see scratch.take): one allocation per ten or so geotags
	// instead of one each (a geotag gives a municipality, its safety
	// region and its province, and a PC4 area with geo/nl/pc4).
	s := scratchPool.Get().(*scratch)
	pt, out := s.point(p), s.take(len(ids))
	scratchPool.Put(s)
	for i, id := range ids {
		a := &r.g.areas[r.g.byID[id]]
		c := conf
		if c < 0 {
			c = geotagConfidence
			if a.Level == LevelPC4 {
				c = geotagPC4Confidence
			}
		}
		out[i] = Location{Area: id, Level: a.Level, Role: RoleFrom, Method: MethodGeotag, Confidence: c, Point: pt}
	}
	return out, nil
}
