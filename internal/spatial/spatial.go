// Package spatial is the point-in-polygon index behind geo.Gazetteer: an
// R-tree (github.com/tidwall/rtree) over polygon bounds, and for each polygon
// a prepared form for exact even-odd ray casting in which the edges are
// bucketed into horizontal bands, so that a test reads only the few edges in
// the point's band instead of the whole boundary.
//
// In front of the R-tree, a uniform grid over all the polygons' bounds
// answers most queries with one lookup: a cell that no polygon's boundary
// comes near has the same answer for every point in it, found with the
// R-tree and the exact test at its centre when the index is built. Only
// points in cells that a boundary crosses (or outside the grid) go
// through the R-tree and the ray tests.
//
// Even-odd counting over every ring of a multipolygon handles holes and
// multiple parts without knowing which ring is which. A point exactly on an
// edge may be reported inside or outside (half-open rule); shared borders of
// adjacent polygons therefore never claim the same point twice.
//
// # Concurrency
//
// An Index is built once with New and is then safe for concurrent use.
package spatial

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// edge is one ring segment in the original direction (irrelevant for
// even-odd counting), in float32 degrees relative to the polygon's bound
// minimum: 16 bytes instead of 32, with an error below 1e-7° (1 cm) for
// polygons up to a few degrees across.
type edge struct{ x1, y1, x2, y2 float32 }

// prepared is one multipolygon ready for fast tests.
type prepared struct {
	bound      orb.Bound
	edges      []edge
	minY, step float64 // band b covers [minY+b*step, minY+(b+1)*step)
	bandStart  []uint32
	bandEdges  []edge // the edges of band b are bandEdges[bandStart[b]:bandStart[b+1]], copied for locality
}

// Index answers "which polygons contain this point". The zero value is an
// empty index.
type Index struct {
	tr    rtree.RTreeGN[float32, int32] // float32 halves the memory read per query; bounds are widened outwards
	polys []prepared
	grid  *grid // nil: every query goes to the R-tree
}

// grid is the index's uniform grid of cells (see the package doc). Cell
// (cx, cy), at c = cy*nx + cx, covers [minX+cx/invW, minX+(cx+1)/invW) ×
// [minY+cy/invH, ...); edge[c] says whether a boundary comes near it, and
// the polygons that contain an interior cell are ids[start[c]:start[c+1]].
type grid struct {
	minX, minY, invW, invH float64
	nx, ny                 int
	edge                   []uint64 // bit set over cells
	start                  []uint32
	ids                    []int32
}

// gridCellsPerPolygon and maxGridCells size the grid: with about 256
// cells a polygon (a cell of about 1 km for the Dutch municipalities),
// most cells are crossed by no boundary; 4 bytes a cell and 4 an
// interior cell's polygon, at most a few MB.
const (
	gridCellsPerPolygon = 256
	maxGridCells        = 1 << 18
)

// gridMargin widens an edge's box when the cells it may cross are
// marked, in degrees (about 10 cm): more than the error of the float32
// edges the ray test reads (below 1e-7° for polygons up to a few degrees
// across), so that every point of an unmarked cell gets the answer that
// the exact test gives at its centre.
const gridMargin = 1e-6

// New builds an index over polys; Contains reports the position of each
// containing polygon in polys. Empty polygons are kept (never matched).
func New(polys []orb.MultiPolygon) *Index {
	ix := &Index{polys: make([]prepared, len(polys))}
	var all orb.Bound
	order := make([]int, 0, len(polys))
	for i, mp := range polys {
		ix.polys[i] = prepare(mp)
		if len(ix.polys[i].edges) == 0 {
			continue
		}
		if len(order) == 0 {
			all = ix.polys[i].bound
		} else {
			all = all.Union(ix.polys[i].bound)
		}
		order = append(order, i)
	}
	// Insert in Hilbert order of the box centres: neighbours share R-tree
	// leaves, so a query reads fewer, tighter nodes (about a third faster
	// than insertion in code order).
	key := make(map[int]uint64, len(order))
	for _, i := range order {
		c := ix.polys[i].bound.Center()
		w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
		x := uint32((c[0] - all.Min[0]) / math.Max(w, 1e-9) * 65535)
		y := uint32((c[1] - all.Min[1]) / math.Max(h, 1e-9) * 65535)
		key[i] = hilbert(x, y)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
	for _, i := range order {
		b := ix.polys[i].bound
		ix.tr.Insert([2]float32{down(b.Min[0]), down(b.Min[1])}, [2]float32{up(b.Max[0]), up(b.Max[1])}, int32(i))
	}
	if len(order) > 0 {
		ix.grid = ix.newGrid(polys, order, all)
	}
	return ix
}

// newGrid builds the grid over all, the union of the bounds of the
// polygons order lists (see grid).
func (ix *Index) newGrid(polys []orb.MultiPolygon, order []int, all orb.Bound) *grid {
	w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	if !(w > 0 && h > 0) {
		return nil
	}
	// square cells, about gridCellsPerPolygon a polygon in all
	cells := min(len(order)*gridCellsPerPolygon, maxGridCells)
	size := math.Sqrt(w * h / float64(cells))
	g := &grid{minX: all.Min[0], minY: all.Min[1]}
	g.nx, g.ny = max(1, min(int(w/size)+1, maxGridCells)), max(1, min(int(h/size)+1, maxGridCells))
	for g.nx*g.ny > 2*maxGridCells { // a very long, thin bound
		g.nx, g.ny = max(1, g.nx/2), max(1, g.ny/2)
	}
	g.invW, g.invH = float64(g.nx)/w, float64(g.ny)/h
	n := g.nx * g.ny
	g.edge = make([]uint64, (n+63)/64)
	for _, i := range order {
		for _, poly := range polys[i] {
			for _, r := range poly {
				for k := range r {
					a, b := r[k], r[(k+1)%len(r)]
					x0, x1 := g.col(min(a[0], b[0])-gridMargin), g.col(max(a[0], b[0])+gridMargin)
					y0, y1 := g.row(min(a[1], b[1])-gridMargin), g.row(max(a[1], b[1])+gridMargin)
					for y := y0; y <= y1; y++ {
						for x := x0; x <= x1; x++ {
							c := y*g.nx + x
							g.edge[c/64] |= 1 << (c % 64)
						}
					}
				}
			}
		}
	}
	g.start = make([]uint32, n+1)
	for c := range n {
		g.start[c] = uint32(len(g.ids))
		if g.crossed(c) {
			continue
		}
		x := g.minX + (float64(c%g.nx)+0.5)/g.invW
		y := g.minY + (float64(c/g.nx)+0.5)/g.invH
		ix.containsTree(x, y, func(i int) bool { g.ids = append(g.ids, int32(i)); return true })
	}
	g.start[n] = uint32(len(g.ids))
	return g
}

// crossed reports whether a boundary comes near cell c.
func (g *grid) crossed(c int) bool { return g.edge[c/64]&(1<<(c%64)) != 0 }

// col and row return the column and row of the cells that x and y fall
// in, clamped to the grid.
func (g *grid) col(x float64) int { return clampCell((x-g.minX)*g.invW, g.nx) }
func (g *grid) row(y float64) int { return clampCell((y-g.minY)*g.invH, g.ny) }

func clampCell(v float64, n int) int {
	if !(v >= 0) {
		return 0
	}
	if v >= float64(n) {
		return n - 1
	}
	return int(v)
}

// hilbert returns the position of (x, y) on a Hilbert curve over a
// 65536 × 65536 grid.
func hilbert(x, y uint32) uint64 {
	var d uint64
	for s := uint32(1 << 15); s > 0; s /= 2 {
		var rx, ry uint32
		if x&s > 0 {
			rx = 1
		}
		if y&s > 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x = s - 1 - x
				y = s - 1 - y
			}
			x, y = y, x
		}
	}
	return d
}

func prepare(mp orb.MultiPolygon) prepared {
	var p prepared
	n := 0
	for _, poly := range mp {
		for _, r := range poly {
			n += len(r)
		}
	}
	if n == 0 {
		return p
	}
	p.edges = make([]edge, 0, n)
	p.bound = mp.Bound()
	ox, oy := p.bound.Min[0], p.bound.Min[1]
	for _, poly := range mp {
		for _, r := range poly {
			if len(r) < 3 {
				continue
			}
			for i := range r {
				a, b := r[i], r[(i+1)%len(r)]
				if a == b {
					continue
				}
				p.edges = append(p.edges, edge{float32(a[0] - ox), float32(a[1] - oy), float32(b[0] - ox), float32(b[1] - oy)})
			}
		}
	}
	nb := len(p.edges) / 2
	if nb < 1 {
		nb = 1
	}
	if nb > 4096 {
		nb = 4096
	}
	p.minY = 0 // band positions are relative, like the edges
	h := p.bound.Max[1] - p.bound.Min[1]
	if h <= 0 {
		h = 1e-9
	}
	p.step = h / float64(nb)
	counts := make([]uint32, nb+1)
	for _, e := range p.edges {
		lo, hi := p.band(float64(min(e.y1, e.y2)), nb), p.band(float64(max(e.y1, e.y2)), nb)
		for b := lo; b <= hi; b++ {
			counts[b+1]++
		}
	}
	for b := 1; b <= nb; b++ {
		counts[b] += counts[b-1]
	}
	p.bandStart = counts
	p.bandEdges = make([]edge, counts[nb])
	fill := make([]uint32, nb)
	copy(fill, counts[:nb])
	for _, e := range p.edges {
		lo, hi := p.band(float64(min(e.y1, e.y2)), nb), p.band(float64(max(e.y1, e.y2)), nb)
		for b := lo; b <= hi; b++ {
			p.bandEdges[fill[b]] = e
			fill[b]++
		}
	}
	return p
}

func (p *prepared) band(y float64, nb int) int {
	b := int((y - p.minY) / p.step)
	if b < 0 {
		return 0
	}
	if b >= nb {
		return nb - 1
	}
	return b
}

// contains is the even-odd ray test over the edges of the point's band.
func (p *prepared) contains(x, y float64) bool {
	if !(x >= p.bound.Min[0] && x <= p.bound.Max[0] && y >= p.bound.Min[1] && y <= p.bound.Max[1]) {
		return false
	}
	nb := len(p.bandStart) - 1
	ry := y - p.bound.Min[1]
	b := p.band(ry, nb)
	return crossings(p.bandEdges[p.bandStart[b]:p.bandStart[b+1]], float32(x-p.bound.Min[0]), float32(ry))
}

// crossings is the even-odd ray test of (x, y), relative to the polygon's
// bound minimum, over edges.
func crossings(edges []edge, x, y float32) bool {
	in := false
	for i := range edges {
		e := &edges[i]
		if (e.y1 > y) != (e.y2 > y) {
			if x < (e.x2-e.x1)*(y-e.y1)/(e.y2-e.y1)+e.x1 {
				in = !in
			}
		}
	}
	return in
}

// Len returns the number of polygons the index was built over.
func (ix *Index) Len() int { return len(ix.polys) }

// Contains calls fn with the position of every polygon that contains p,
// in no particular order, until fn returns false. NaN and infinite
// coordinates match nothing.
func (ix *Index) Contains(p orb.Point, fn func(i int) bool) {
	x, y := p[0], p[1]
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return
	}
	if g := ix.grid; g != nil {
		cx, cy := (x-g.minX)*g.invW, (y-g.minY)*g.invH
		if cx >= 0 && cy >= 0 && cx < float64(g.nx) && cy < float64(g.ny) {
			c := int(cy)*g.nx + int(cx)
			if !g.crossed(c) {
				for _, i := range g.ids[g.start[c]:g.start[c+1]] {
					if !fn(int(i)) {
						return
					}
				}
				return
			}
		}
	}
	ix.containsTree(x, y, fn)
}

// containsTree is Contains by the R-tree and the exact tests alone.
func (ix *Index) containsTree(x, y float64, fn func(i int) bool) {
	lo := [2]float32{float32(x), float32(y)}
	ix.tr.Search(lo, lo, func(_, _ [2]float32, i int32) bool {
		if ix.polys[i].contains(x, y) {
			return fn(int(i))
		}
		return true
	})
}

// ContainsBrute is Contains by a linear scan of every polygon with a full
// ray test of every edge, without index or bands: the baseline that
// benchmarks compare against, and the oracle of the tests.
func (ix *Index) ContainsBrute(p orb.Point, fn func(i int) bool) {
	x, y := p[0], p[1]
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return
	}
	for i := range ix.polys {
		p := &ix.polys[i]
		if crossings(p.edges, float32(x-p.bound.Min[0]), float32(y-p.bound.Min[1])) && !fn(i) {
			return
		}
	}
}

// Nearest returns the polygon whose boundary is closest to p within
// maxMetres, its distance in metres, and true; or -1, 0, false. Distances
// use an equirectangular projection around p (error well under 0.1 % over
// the few kilometres this is meant for). keep filters candidates; nil keeps
// all.
func (ix *Index) Nearest(p orb.Point, maxMetres float64, keep func(i int) bool) (int, float64, bool) {
	x, y := p[0], p[1]
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || !(maxMetres > 0) || math.Abs(y) > 89 {
		return -1, 0, false
	}
	const mPerDeg = 111_195.0 // metres per degree of latitude (mean Earth radius)
	kx := mPerDeg * math.Cos(y*math.Pi/180)
	dy := maxMetres / mPerDeg
	dx := maxMetres / kx
	best, bestD := -1, math.Inf(1)
	ix.tr.Search([2]float32{down(x - dx), down(y - dy)}, [2]float32{up(x + dx), up(y + dy)}, func(_, _ [2]float32, i int32) bool {
		if keep != nil && !keep(int(i)) {
			return true
		}
		if ix.polys[i].contains(x, y) {
			best, bestD = int(i), 0
			return false
		}
		o := ix.polys[i].bound.Min
		for _, e := range ix.polys[i].edges {
			x1, y1 := float64(e.x1)+o[0]-x, float64(e.y1)+o[1]-y
			x2, y2 := float64(e.x2)+o[0]-x, float64(e.y2)+o[1]-y
			d := segDist(x1*kx, y1*mPerDeg, x2*kx, y2*mPerDeg)
			if d < bestD {
				best, bestD = int(i), d
			}
		}
		return true
	})
	if best < 0 || bestD > maxMetres {
		return -1, 0, false
	}
	return best, bestD, true
}

// segDist is the distance from the origin to segment (ax,ay)-(bx,by).
func segDist(ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = -(ax*dx + ay*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	px, py := ax+t*dx, ay+t*dy
	return math.Hypot(px, py)
}

// down and up round to float32 towards -Inf and +Inf, so that a float32
// box always contains the float64 box it stands for. A query point rounded
// to nearest float32 then still hits every box whose float64 form holds
// the point; the exact test decides.
func down(v float64) float32 {
	f := float32(v)
	if float64(f) > v {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up(v float64) float32 {
	f := float32(v)
	if float64(f) < v {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}
