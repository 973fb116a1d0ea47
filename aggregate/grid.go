package aggregate

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
)

// A CellScheme divides the plane into square grid cells, each with an
// identifier:
//
//   - Degree grid (WGS84): cells of Size degrees in longitude and latitude,
//     aligned on 0°. Cell (i, j) covers lon ∈ [i·Size, (i+1)·Size),
//     lat ∈ [j·Size, (j+1)·Size). Its ID is "D<size>:<i>:<j>", with size
//     printed by strconv 'g' formatting, e.g. "D0.01:489:5237" for the
//     0.01° cell whose lower-left corner is 4.89°E, 52.37°N.
//   - CBS square grid (RD New, EPSG:28992): cells of 100, 500 or 1000 m
//     aligned on RD multiples of the cell size. The ID is the CBS
//     "vierkantstatistieken" code of the lower-left corner in hectometres,
//     four digits each, "E<x/100>N<y/100>": the 100 m cell with corner
//     (121300, 487400) is "E1213N4874", the 500 m cell with corner
//     (121000, 487000) is "E1210N4870", the 1 km cell with corner
//     (121000, 487000) is "E1210N4870" too. This follows the CBS/PDOK
//     square statistics (Kaart van 100 meter bij 100 meter / 500 meter bij
//     500 meter met statistieken), whose cell codes (columns
//     crs28992res100m / crs28992res500m) encode the lower-left corner in
//     hectometres for every resolution. The resolution is therefore not
//     part of the ID: it is a property of the scheme (as in the CBS files,
//     one column per resolution), and [CellScheme.ParseID] rejects codes
//     not aligned to the scheme's cell size. Coordinates must be in
//     [0, 999999] m (the RD grid covers the Netherlands with x ≈ 0–300 km,
//     y ≈ 300–625 km).
type CellScheme struct {
	// RD selects the CBS square grid in RD New; false selects the WGS84
	// degree grid.
	RD bool
	// Size is the cell size: metres (100, 500 or 1000) for RD, degrees
	// (> 0) for the degree grid.
	Size float64
}

// DegreeGrid returns the WGS84 degree grid with cells of size degrees.
func DegreeGrid(size float64) CellScheme { return CellScheme{Size: size} }

// CBSGrid returns the CBS square grid in RD New with cells of metres
// metres (100, 500 or 1000).
func CBSGrid(metres int) CellScheme { return CellScheme{RD: true, Size: float64(metres)} }

// ErrBadCellID is returned (wrapped) when a cell ID cannot be parsed.
var ErrBadCellID = errors.New("aggregate: bad grid cell id")

// ErrGridMismatch is returned by [Grid.Merge] and [Grid.UnmarshalBinary]
// when grids with different schemes are combined.
var ErrGridMismatch = errors.New("aggregate: grid schemes differ")

// ErrBadScheme is returned for an invalid [CellScheme].
var ErrBadScheme = errors.New("aggregate: invalid grid cell scheme")

// Validate reports whether the scheme is usable.
func (s CellScheme) Validate() error {
	if s.RD {
		switch s.Size {
		case 100, 500, 1000:
			return nil
		}
		return fmt.Errorf("%w: CBS grid size %v m (want 100, 500 or 1000)", ErrBadScheme, s.Size)
	}
	if !(s.Size > 0 && s.Size <= 90) || math.IsInf(s.Size, 0) {
		return fmt.Errorf("%w: degree grid size %v", ErrBadScheme, s.Size)
	}
	return nil
}

// String names the scheme: "CBS100m" or "D0.01".
func (s CellScheme) String() string {
	if s.RD {
		return "CBS" + strconv.FormatFloat(s.Size, 'f', -1, 64) + "m"
	}
	return "D" + strconv.FormatFloat(s.Size, 'g', -1, 64)
}

// Cell is a cell index pair in a [CellScheme]: column and row.
type Cell struct{ X, Y int64 }

// Locate returns the cell containing p ([lon, lat] WGS84). ok is false for
// non-finite points and for points outside the scheme's ID range.
func (s CellScheme) Locate(p orb.Point) (c Cell, ok bool) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return Cell{}, false
	}
	x, y := p[0], p[1]
	if s.RD {
		if p[0] < -10 || p[0] > 20 || p[1] < 45 || p[1] > 60 {
			return Cell{}, false
		}
		x, y = geo.ToRD(p)
		if x < 0 || y < 0 || x >= 1e6 || y >= 1e6 {
			return Cell{}, false
		}
	} else if x < -180 || x > 180 || y < -90 || y > 90 {
		return Cell{}, false
	}
	return Cell{int64(math.Floor(x / s.Size)), int64(math.Floor(y / s.Size))}, true
}

// ID formats a cell's identifier (see [CellScheme]).
func (s CellScheme) ID(c Cell) string {
	if s.RD {
		f := int64(s.Size) / 100
		return fmt.Sprintf("E%04dN%04d", c.X*f, c.Y*f)
	}
	return s.String() + ":" + strconv.FormatInt(c.X, 10) + ":" + strconv.FormatInt(c.Y, 10)
}

// ParseID parses a cell identifier of this scheme. It is the inverse of
// [CellScheme.ID]; errors wrap [ErrBadCellID].
func (s CellScheme) ParseID(id string) (Cell, error) {
	bad := func(why string) (Cell, error) {
		return Cell{}, fmt.Errorf("%w: %q: %s", ErrBadCellID, id, why)
	}
	if err := s.Validate(); err != nil {
		return Cell{}, err
	}
	if s.RD {
		if len(id) != 10 || id[0] != 'E' || id[5] != 'N' {
			return bad("want E####N####")
		}
		x, ok1 := digits(id[1:5])
		y, ok2 := digits(id[6:10])
		if !ok1 || !ok2 {
			return bad("want E####N####")
		}
		f := int64(s.Size) / 100
		if x%f != 0 || y%f != 0 {
			return bad("not aligned to " + s.String())
		}
		return Cell{x / f, y / f}, nil
	}
	rest, ok := strings.CutPrefix(id, s.String()+":")
	if !ok {
		return bad("want prefix " + s.String() + ":")
	}
	a, b, ok := strings.Cut(rest, ":")
	if !ok {
		return bad("want D<size>:<col>:<row>")
	}
	x, err1 := strconv.ParseInt(a, 10, 64)
	y, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil {
		return bad("bad column or row")
	}
	c := Cell{x, y}
	if s.ID(c) != id { // rejects "+1", "01" and out-of-range indices
		return bad("not canonical")
	}
	if float64(x)*s.Size < -180 || float64(x)*s.Size >= 180 || float64(y)*s.Size < -90 || float64(y)*s.Size >= 90 {
		return bad("outside the globe")
	}
	return c, nil
}

func digits(s string) (int64, bool) {
	var v int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int64(s[i]-'0')
	}
	return v, true
}

// Polygon returns the cell's outline as a closed ring in WGS84 [lon, lat],
// counter-clockwise. RD cells are converted corner by corner with
// [geo.FromRD] and their edges densified (4 points per edge), so the
// outline follows the slight curvature of the RD grid lines in WGS84.
func (s CellScheme) Polygon(c Cell) orb.Polygon {
	x0, y0 := float64(c.X)*s.Size, float64(c.Y)*s.Size
	x1, y1 := x0+s.Size, y0+s.Size
	if !s.RD {
		return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
	}
	corners := [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	const steps = 4
	ring := make(orb.Ring, 0, 4*steps+1)
	for i := 0; i < 4; i++ {
		a, b := corners[i], corners[i+1]
		for k := 0; k < steps; k++ {
			t := float64(k) / steps
			ring = append(ring, geo.FromRD(a[0]+t*(b[0]-a[0]), a[1]+t*(b[1]-a[1])))
		}
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}
}

// DefaultMaxAuthors is the default of [GridOptions.MaxAuthors].
const DefaultMaxAuthors = 4096

// GridOptions configures a [Grid]. A nil *GridOptions means defaults.
type GridOptions struct {
	// MaxAuthors bounds the set of author hashes kept per cell and profile;
	// 0 means [DefaultMaxAuthors]. Up to it the unique-author count is
	// exact. Beyond it the grid keeps the MaxAuthors smallest hashes (a
	// bottom-k / KMV sketch, Bar-Yossef et al. 2002), reports the estimate
	// (k−1)·2⁶⁴/h₍k₎ with relative standard error ≈ 1/√(k−2) (1.6 % for
	// the default) and sets [GridCell.AuthorsExact] to false. The kept set
	// is independent of the order of Add and Merge. Memory per cell is about
	// 100 bytes plus 8 to 16 bytes per distinct author (a 64-bit hash in a
	// sorted slice grown by append), so at most ≈ 64 KB per cell with the
	// default.
	MaxAuthors int
}

func (o *GridOptions) maxAuthors() int {
	if o == nil || o.MaxAuthors <= 0 {
		return DefaultMaxAuthors
	}
	return o.MaxAuthors
}

type gridKey struct {
	c       Cell
	profile string
}

type gridStats struct {
	posts, scored int64
	sum           float64 // Σ polarity over scored posts
	// authors are the distinct author hashes, sorted: all of them, or the
	// smallest MaxAuthors once saturated. A sorted slice rather than a
	// map: most cells have a few authors, and a map took two or three
	// allocations a cell (its header and groups) and more as it grew;
	// the encoding wants them sorted, and the largest is the last.
	authors   []uint64
	saturated bool
}

// Grid is a heat-map aggregator: for every cell of a [CellScheme] (and,
// within it, for all posts and per matched profile) it counts posts,
// unique authors and the mean sentiment. Only observations with a
// [Observation.Point] are counted; others are tallied in [Grid.Skipped].
//
// Authors are kept as 64-bit hashes (FNV-1a + fmix64) of the pseudonymous author key
// (exact up to [GridOptions.MaxAuthors] per cell); the serialised state
// holds no author key.
//
// A Grid is not safe for concurrent use: use one per goroutine, then
// [Grid.Merge]. The zero value is not usable; use [NewGrid].
type Grid struct {
	scheme     CellScheme
	maxAuthors int
	cells      map[gridKey]int32 // index in stats
	stats      []gridStats       // by value: no allocation per cell
	skipped    int64
}

// NewGrid returns an empty grid over scheme. It returns an error wrapping
// [ErrBadScheme] for an invalid scheme.
func NewGrid(scheme CellScheme, opts *GridOptions) (*Grid, error) {
	if err := scheme.Validate(); err != nil {
		return nil, err
	}
	return &Grid{scheme: scheme, maxAuthors: opts.maxAuthors(), cells: map[gridKey]int32{}}, nil
}

// Scheme returns the grid's cell scheme.
func (g *Grid) Scheme() CellScheme { return g.scheme }

// Skipped returns how many observations had no usable point.
func (g *Grid) Skipped() int64 { return g.skipped }

func authorHash(a string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(a))
	// FNV-1a is poorly spread for short, similar keys; the murmur3 fmix64
	// finaliser makes the hashes uniform enough for the bottom-k estimate.
	return fmix64(h.Sum64())
}

// Add counts one observation in the cell of its point, once for all posts
// (profile "") and once per matched profile.
func (g *Grid) Add(o Observation) {
	if o.Point == nil {
		g.skipped++
		return
	}
	c, ok := g.scheme.Locate(*o.Point)
	if !ok {
		g.skipped++
		return
	}
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	g.add(gridKey{c, ""}, o, ah)
	for _, p := range o.Profiles {
		g.add(gridKey{c, p.ID}, o, ah)
	}
}

func (g *Grid) add(k gridKey, o Observation, ah uint64) {
	s := g.cell(k)
	s.posts++
	if o.Label != 0 {
		s.scored++
		s.sum += o.Polarity
	}
	if o.Author != "" {
		s.addAuthor(ah, g.maxAuthors)
	}
}

// cell returns the stats of k, creating them if needed.
func (g *Grid) cell(k gridKey) *gridStats {
	i, ok := g.cells[k]
	if !ok {
		i = int32(len(g.stats))
		g.stats = append(g.stats, gridStats{})
		g.cells[k] = i
	}
	return &g.stats[i]
}

func (s *gridStats) addAuthor(h uint64, max int) {
	i, found := slices.BinarySearch(s.authors, h)
	if found {
		return
	}
	if len(s.authors) < max {
		s.authors = slices.Insert(s.authors, i, h)
		return
	}
	// Bottom-k (KMV) sketch: keep the max smallest hashes, so the kept set
	// does not depend on the order of Add and Merge.
	s.saturated = true
	if i == len(s.authors) { // h is above the largest kept hash
		return
	}
	copy(s.authors[i+1:], s.authors[i:len(s.authors)-1]) // the largest drops out
	s.authors[i] = h
}

// authorCount is the exact count, or the KMV estimate (k−1)·2⁶⁴/h₍k₎ once
// saturated.
func (s *gridStats) authorCount() int64 {
	if !s.saturated || len(s.authors) < 2 {
		return int64(len(s.authors))
	}
	return int64(math.Round(float64(len(s.authors)-1) * math.Exp2(64) / float64(s.authors[len(s.authors)-1])))
}

// Merge adds other's counts into g. It returns an error wrapping
// [ErrGridMismatch] when the schemes differ. Merging is commutative and
// associative for counts and authors; sentiment sums are float64 sums
// (exact for the test values, otherwise equal up to rounding).
func (g *Grid) Merge(other *Grid) error {
	if g.scheme != other.scheme {
		return fmt.Errorf("%w: %s and %s", ErrGridMismatch, g.scheme, other.scheme)
	}
	g.skipped += other.skipped
	for k, i := range other.cells {
		o := &other.stats[i]
		s := g.cell(k)
		s.posts += o.posts
		s.scored += o.scored
		s.sum += o.sum
		s.saturated = s.saturated || o.saturated
		for _, h := range o.authors {
			s.addAuthor(h, g.maxAuthors)
		}
	}
	return nil
}

// GridCell is one result cell of a [Grid].
type GridCell struct {
	// ID is the cell identifier (see [CellScheme]); Cell its indices.
	ID   string
	Cell Cell
	// Profile is the profile ID, "" for all posts.
	Profile string
	// Posts is the number of posts; Authors the number of unique authors
	// (a bottom-k estimate when AuthorsExact is false, see [GridOptions]).
	Posts, Authors int64
	AuthorsExact   bool
	// Scored is the number of posts with a sentiment score; Sentiment is
	// their mean polarity (NaN when Scored is 0).
	Scored    int64
	Sentiment float64
	// Disclosure says whether the cell was suppressed (fewer than K
	// unique authors, or complementary suppression) or noised; a
	// suppressed cell has zero counts and NaN sentiment and must not be
	// published.
	Disclosure
}

// GridResultOptions is the former options type of [Grid.Results] and
// [Corroboration.Results].
//
// Deprecated: use [Policy]; GridResultOptions is an alias of it. Unlike
// before, K = 1 without UnsafeSmallK is invalid and suppresses every cell
// (fail closed) instead of being raised to 2.
type GridResultOptions = Policy

// Results releases the grid under policy (nil: [DefaultPolicy]) and
// yields every cell (per profile) in a stable order (profile, then row,
// then column). The release happens when Results is called; the sequence
// may be iterated repeatedly.
//
// Disclosure control: cells with fewer than K unique authors are
// suppressed, then complementary suppression (see [Complement]) runs over
// the cells of each profile, which add up to the total of geotagged
// posts. With noise (Policy.Epsilon > 0) q = 2 counts are noised: Authors
// (sensitivity 1) and Posts, bounded to MaxContrib per author; the grid
// keeps no per-author post counts, so the bound is approximated by
// min(posts, MaxContrib·authors). Scored and Sentiment are then withheld
// (0 and NaN).
func (g *Grid) Results(policy *Policy) iter.Seq[GridCell] {
	rows := g.release(policy)
	return func(yield func(GridCell) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

func (g *Grid) release(policy *Policy) []GridCell {
	valid := policy.Validate() == nil
	keys := g.sortedKeys()
	rows := make([]GridCell, len(keys))
	sizes := make([]int64, len(keys))
	supp := make([]bool, len(keys))
	groups := make([]cellGroup, len(keys))
	for i, key := range keys {
		s := &g.stats[g.cells[key]]
		rows[i] = GridCell{ID: g.scheme.ID(key.c), Cell: key.c, Profile: key.profile, Sentiment: math.NaN()}
		sizes[i] = s.authorCount()
		rows[i].Disclosure = policy.check(sizes[i], valid)
		supp[i] = rows[i].Suppressed
		groups[i] = cellGroup{profile: key.profile}
	}
	complementGroups(len(rows), sizes, supp, policy.MinAuthors(), func(_ int, emit func(string)) { emit("") }, groups,
		func(i int) { rows[i].Disclosure = Disclosure{Suppressed: true, Reason: ReasonComplementary} })
	c := int64(policy.Contrib())
	for i, key := range keys {
		r := &rows[i]
		if r.Suppressed {
			continue
		}
		s := &g.stats[g.cells[key]]
		if r.Noised {
			a := s.authorCount()
			r.Authors = policy.NoisyCount(a, 1, 2)
			r.Posts = policy.NoisyCount(min(s.posts, c*a), float64(c), 2)
			continue
		}
		r.Posts, r.Authors, r.AuthorsExact, r.Scored = s.posts, s.authorCount(), !s.saturated, s.scored
		if s.scored > 0 {
			r.Sentiment = s.sum / float64(s.scored)
		}
	}
	return rows
}

// Fork returns a new, empty *Grid with g's scheme and options.
func (g *Grid) Fork() Aggregator {
	return &Grid{scheme: g.scheme, maxAuthors: g.maxAuthors, cells: map[gridKey]int32{}}
}

// Join merges a (a *Grid) into g; see [Grid.Merge]. Any other type, or
// a grid with another scheme or MaxAuthors, gives an error wrapping
// [ErrGridMismatch].
func (g *Grid) Join(a Aggregator) error {
	o, ok := a.(*Grid)
	if !ok {
		return fmt.Errorf("%w: cannot join %T", ErrGridMismatch, a)
	}
	if o.maxAuthors != g.maxAuthors {
		return fmt.Errorf("%w: MaxAuthors %d and %d", ErrGridMismatch, g.maxAuthors, o.maxAuthors)
	}
	if o == g {
		b, _ := o.MarshalBinary()
		o = &Grid{}
		if err := o.UnmarshalBinary(b); err != nil {
			return err
		}
	}
	return g.Merge(o)
}

func (g *Grid) sortedKeys() []gridKey {
	keys := make([]gridKey, 0, len(g.cells))
	for k := range g.cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b gridKey) int {
		return cmp.Or(strings.Compare(a.profile, b.profile), cmp.Compare(a.c.Y, b.c.Y), cmp.Compare(a.c.X, b.c.X))
	})
	return keys
}

const gridMagic = "SGgrid"

// gridVersion is the version of the binary format written by
// [Grid.MarshalBinary].
const gridVersion = 1

// MarshalBinary encodes the grid exactly (version 1): magic "SGgrid",
// version byte, scheme, MaxAuthors, skipped count, then the cells sorted
// as in [Grid.Results] with their sorted author hashes. Equal grids give
// equal bytes.
func (g *Grid) MarshalBinary() ([]byte, error) {
	b := append([]byte(gridMagic), gridVersion)
	if g.scheme.RD {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(g.scheme.Size))
	b = binary.AppendUvarint(b, uint64(g.maxAuthors))
	b = binary.AppendUvarint(b, uint64(g.skipped))
	keys := g.sortedKeys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		s := &g.stats[g.cells[k]]
		b = binary.AppendVarint(b, k.c.X)
		b = binary.AppendVarint(b, k.c.Y)
		b = binary.AppendUvarint(b, uint64(len(k.profile)))
		b = append(b, k.profile...)
		b = binary.AppendUvarint(b, uint64(s.posts))
		b = binary.AppendUvarint(b, uint64(s.scored))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.sum))
		if s.saturated {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(len(s.authors)))
		for _, h := range s.authors { // sorted
			b = binary.LittleEndian.AppendUint64(b, h)
		}
	}
	return b, nil
}

// ErrBadEncoding is returned (wrapped) by UnmarshalBinary for malformed
// input.
var ErrBadEncoding = errors.New("aggregate: bad binary encoding")

type reader struct {
	b   []byte
	err error
}

// header checks the magic and version an encoding starts with; what names
// the encoded value in the error ("a grid").
func (r *reader) header(magic string, version byte, what string) error {
	if string(r.bytes(uint64(len(magic)), "magic")) != magic {
		return fmt.Errorf("%w: not %s", ErrBadEncoding, what)
	}
	if v := r.bytes(1, "version"); r.err == nil && v[0] != version {
		return fmt.Errorf("%w: %s of version %d", ErrBadEncoding, what, v[0])
	}
	return nil
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrBadEncoding, what)
	}
}

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u64(what string) uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail(what)
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) bytes(n uint64, what string) []byte {
	if r.err != nil {
		return nil
	}
	if uint64(len(r.b)) < n {
		r.fail(what)
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// UnmarshalBinary decodes the output of [Grid.MarshalBinary], replacing
// g's contents. Malformed input gives an error wrapping [ErrBadEncoding]
// (never a panic); g is then unchanged.
func (g *Grid) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if err := r.header(gridMagic, gridVersion, "a grid"); err != nil {
		return err
	}
	kind := r.bytes(1, "scheme")
	size := math.Float64frombits(r.u64("size"))
	if r.err != nil {
		return r.err
	}
	scheme := CellScheme{RD: kind[0] == 1, Size: size}
	if kind[0] > 1 || scheme.Validate() != nil {
		return fmt.Errorf("%w: bad scheme", ErrBadEncoding)
	}
	maxA := r.uvarint("max authors")
	skipped := r.uvarint("skipped")
	n := r.uvarint("cells")
	if r.err != nil {
		return r.err
	}
	if maxA == 0 || maxA > 1<<31 || n > uint64(len(r.b)) {
		return fmt.Errorf("%w: bad header", ErrBadEncoding)
	}
	cells := make(map[gridKey]int32, n)
	stats := make([]gridStats, 0, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		var k gridKey
		k.c.X = r.varint("x")
		k.c.Y = r.varint("y")
		k.profile = string(r.bytes(r.uvarint("profile length"), "profile"))
		var s gridStats
		s.posts = int64(r.uvarint("posts"))
		s.scored = int64(r.uvarint("scored"))
		s.sum = math.Float64frombits(r.u64("sum"))
		sat := r.bytes(1, "saturated")
		na := r.uvarint("authors")
		if r.err != nil {
			break
		}
		s.saturated = sat[0] == 1
		if sat[0] > 1 || na > uint64(len(r.b))/8 || na > maxA || s.posts < 0 || s.scored < 0 {
			r.fail("cell")
			break
		}
		s.authors = make([]uint64, 0, na)
		for j := uint64(0); j < na; j++ {
			s.authors = append(s.authors, r.u64("author"))
		}
		// MarshalBinary writes them sorted; other orders are accepted
		// (duplicates are not), as they were in a map.
		slices.Sort(s.authors)
		if uint64(len(slices.Compact(s.authors))) != na || (s.saturated && na != maxA) {
			r.fail("authors")
		}
		if _, dup := cells[k]; dup {
			r.fail("duplicate cell")
		}
		cells[k] = int32(len(stats))
		stats = append(stats, s)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*g = Grid{scheme: scheme, maxAuthors: int(maxA), cells: cells, stats: stats, skipped: int64(skipped)}
	return nil
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
