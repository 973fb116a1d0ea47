package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/internal/spatial"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Abroad is the CBS code for "Buitenland", used for the Belgian enclaves of
// Baarle-Hertog that lie inside Baarle-Nassau. An area with this ID given to
// [NewGazetteer] is kept only as an exclusion zone: [Gazetteer.Locate]
// returns nil for a point in it, and [Gazetteer.Area] and
// [Gazetteer.Areas] do not return it.
const Abroad AreaID = "GM0998"

// ErrInvalid is wrapped by the errors of [NewGazetteer] when its input is
// inconsistent.
var ErrInvalid = errors.New("geo: invalid gazetteer data")

// NameKind says what kind of name a [Name] is.
type NameKind uint8

// Name kinds. The zero NameKind is invalid.
const (
	NameOfficial NameKind = iota + 1 // the area's own official name ("'s-Hertogenbosch")
	NamePlace                        // a populated place (woonplaats, GeoNames place) in the area
	NameAlias                        // an alternate name or curated alias ("Den Bosch", "Mokum", "010")
	NameLandmark                     // a landmark (station, museum, castle) in the area
)

var nameKindNames = [...]string{"?", "official", "place", "alias", "landmark"}

// String returns the kind's lower-case name.
func (k NameKind) String() string {
	if int(k) < len(nameKindNames) {
		return nameKindNames[k]
	}
	return "?"
}

// Name is one name under which an area is known.
type Name struct {
	// Text is the name as written ("Den Haag", "Station Assen").
	Text string
	// Area is the area the name resolves to: the municipality for places,
	// aliases and landmarks; the area itself for official names of
	// provinces and safety regions.
	Area AreaID
	// Kind says what kind of name it is.
	Kind NameKind
	// Point is the location of the place or landmark; for official names
	// and aliases of an area it is the area's representative point.
	Point orb.Point
	// Population is the population of the place, 0 when unknown.
	Population int
}

// Gazetteer holds areas, their geometry and their names. It is immutable
// and safe for concurrent use. The zero value is not usable; use
// [NewGazetteer] (or geo/nl for the embedded Dutch data).
type Gazetteer struct {
	areas   []Area           // sorted by (Level, ID)
	byID    map[AreaID]int32 // index into areas
	byLevel [LevelPC4 + 1][2]int32
	names   []Name
	byName  map[string][]int32 // folded text -> index into names

	index     *spatial.Index
	polyArea  []int32    // index position -> area index, -1 for the Abroad zone
	expand    []bool     // per area: append derived parents on a hit
	polyHits  [][]AreaID // index position -> the area and its derived parents, finest first
	polyLevel [][]Level  // the levels of polyHits
	hash      string
	vintage   string
}

// NewGazetteer builds a gazetteer from areas and names. It copies both
// slices (but not the geometry, which must not be modified afterwards).
//
// Point location ([Gazetteer.Locate]) indexes the geometry of every area
// that has one, except provinces and safety regions when municipalities
// name parents at that level: those are then derived from the containing
// municipality's Parents, which keeps the levels consistent with each
// other even where their boundaries were generalised differently.
//
// Errors wrap [ErrInvalid]: an empty or duplicate ID, an invalid level, a
// parent or name area that does not exist, a name with empty text or an
// invalid kind, or a non-finite coordinate.
func NewGazetteer(areas []Area, names []Name) (*Gazetteer, error) {
	g := &Gazetteer{byID: make(map[AreaID]int32, len(areas))}
	var abroad []orb.MultiPolygon
	for i, a := range areas {
		if a.ID == "" {
			return nil, fmt.Errorf("geo: area %d: empty ID: %w", i, ErrInvalid)
		}
		if a.ID == Abroad {
			if len(a.Geometry) > 0 {
				abroad = append(abroad, a.Geometry)
			}
			continue
		}
		if a.Level < LevelProvince || a.Level > LevelPC4 {
			return nil, fmt.Errorf("geo: area %s: invalid level %d: %w", a.ID, a.Level, ErrInvalid)
		}
		if !finite(a.Point) {
			return nil, fmt.Errorf("geo: area %s: invalid point: %w", a.ID, ErrInvalid)
		}
		if len(a.Geometry) > 0 && a.Bound == (orb.Bound{}) {
			a.Bound = a.Geometry.Bound()
		} else if len(a.Geometry) == 0 && a.Bound == (orb.Bound{}) {
			a.Bound = a.Point.Bound()
		}
		g.areas = append(g.areas, a)
	}
	slices.SortFunc(g.areas, func(a, b Area) int {
		if a.Level != b.Level {
			return int(a.Level) - int(b.Level)
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	for i, a := range g.areas {
		if _, dup := g.byID[a.ID]; dup {
			return nil, fmt.Errorf("geo: area %s: duplicate ID: %w", a.ID, ErrInvalid)
		}
		g.byID[a.ID] = int32(i)
	}
	for l := range g.byLevel {
		lo, _ := slices.BinarySearchFunc(g.areas, Level(l), func(a Area, l Level) int { return int(a.Level) - int(l) })
		hi, _ := slices.BinarySearchFunc(g.areas, Level(l)+1, func(a Area, l Level) int { return int(a.Level) - int(l) })
		g.byLevel[l] = [2]int32{int32(lo), int32(hi)}
	}
	// Which coarse levels are derived from municipality parents?
	var derived [LevelPC4 + 1]bool
	for i := range g.areas {
		a := &g.areas[i]
		for _, p := range a.Parents {
			j, ok := g.byID[p]
			if !ok {
				return nil, fmt.Errorf("geo: area %s: unknown parent %s: %w", a.ID, p, ErrInvalid)
			}
			if a.Level == LevelMunicipality {
				derived[g.areas[j].Level] = true
			}
		}
	}
	g.expand = make([]bool, len(g.areas))
	var polys []orb.MultiPolygon
	for i, a := range g.areas {
		if a.Level == LevelMunicipality {
			g.expand[i] = true
		}
		if len(a.Geometry) == 0 || derived[a.Level] {
			continue
		}
		polys = append(polys, a.Geometry)
		g.polyArea = append(g.polyArea, int32(i))
	}
	for _, mp := range abroad {
		polys = append(polys, mp)
		g.polyArea = append(g.polyArea, -1)
	}
	g.index = spatial.New(polys)
	g.polyHits = make([][]AreaID, len(polys))
	g.polyLevel = make([][]Level, len(polys))
	for i, ai := range g.polyArea {
		if ai < 0 {
			continue
		}
		hits := g.appendHit(nil, 0, ai)
		sortFinest(g, hits)
		g.polyHits[i] = hits
		for _, id := range hits {
			g.polyLevel[i] = append(g.polyLevel[i], g.areas[g.byID[id]].Level)
		}
	}

	g.names = make([]Name, 0, len(names))
	g.byName = make(map[string][]int32, len(names))
	for i, n := range names {
		if strings.TrimSpace(n.Text) == "" {
			return nil, fmt.Errorf("geo: name %d: empty text: %w", i, ErrInvalid)
		}
		if n.Kind < NameOfficial || n.Kind > NameLandmark {
			return nil, fmt.Errorf("geo: name %q: invalid kind %d: %w", n.Text, n.Kind, ErrInvalid)
		}
		if _, ok := g.byID[n.Area]; !ok {
			return nil, fmt.Errorf("geo: name %q: unknown area %q: %w", n.Text, n.Area, ErrInvalid)
		}
		if !finite(n.Point) {
			return nil, fmt.Errorf("geo: name %q: invalid point: %w", n.Text, ErrInvalid)
		}
		k := text.Fold(n.Text)
		g.byName[k] = append(g.byName[k], int32(len(g.names)))
		g.names = append(g.names, n)
	}
	g.hash = g.contentHash()
	return g, nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// contentHash is a short FNV-1a hash over IDs, names, levels, parents,
// populations, points and geometry.
func (g *Gazetteer) contentHash() string {
	h := fnv.New64a()
	var buf [8]byte
	f := func(v float64) {
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
		h.Write(buf[:])
	}
	s := func(x string) { h.Write([]byte(x)); h.Write([]byte{0}) }
	for _, a := range g.areas {
		s(string(a.ID))
		s(a.Name)
		f(float64(a.Level))
		f(float64(a.Population))
		for _, p := range a.Parents {
			s(string(p))
		}
		f(a.Point[0])
		f(a.Point[1])
		for _, poly := range a.Geometry {
			for _, r := range poly {
				f(float64(len(r)))
				for _, p := range r {
					f(p[0])
					f(p[1])
				}
			}
		}
	}
	for _, n := range g.names {
		s(n.Text)
		s(string(n.Area))
		f(float64(n.Kind))
		f(n.Point[0])
		f(n.Point[1])
		f(float64(n.Population))
	}
	return fmt.Sprintf("%016x", h.Sum64())[:12]
}

// WithVintage returns a copy of g whose [Gazetteer.Version] names vintage
// (for example "2024"). The copy shares all data with g.
func (g *Gazetteer) WithVintage(vintage string) *Gazetteer {
	c := *g
	c.vintage = vintage
	return &c
}

// Version identifies the data for reports: the vintage set with
// [Gazetteer.WithVintage] ("custom" when unset), "+", and a 12-hex-digit
// hash of the content, e.g. "2024+3f2a9c0d41be".
func (g *Gazetteer) Version() string {
	v := g.vintage
	if v == "" {
		v = "custom"
	}
	return v + "+" + g.hash
}

// Area returns the area with the given ID. The result shares its Parents
// and Geometry with the gazetteer: the caller must not modify them.
func (g *Gazetteer) Area(id AreaID) (Area, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Area{}, false
	}
	return g.areas[i], true
}

// Len returns the number of areas at level, or of all areas when level is 0.
func (g *Gazetteer) Len(level Level) int {
	if level == 0 {
		return len(g.areas)
	}
	if level > LevelPC4 {
		return 0
	}
	r := g.byLevel[level]
	return int(r[1] - r[0])
}

// Areas returns the areas of level, sorted by ID. The sequence may be
// iterated more than once; the areas share Parents and Geometry with the
// gazetteer (do not modify them).
func (g *Gazetteer) Areas(level Level) iter.Seq[Area] {
	return func(yield func(Area) bool) {
		if level < LevelProvince || level > LevelPC4 {
			return
		}
		r := g.byLevel[level]
		for _, a := range g.areas[r[0]:r[1]] {
			if !yield(a) {
				return
			}
		}
	}
}

// Names returns every name in the gazetteer, in the order given to
// [NewGazetteer]. The sequence may be iterated more than once.
func (g *Gazetteer) Names() iter.Seq[Name] {
	return func(yield func(Name) bool) {
		for _, n := range g.names {
			if !yield(n) {
				return
			}
		}
	}
}

// Lookup returns every name whose folded text (internal/text.Fold: case,
// diacritics and apostrophes ignored) equals the folded name, in the order
// given to [NewGazetteer], or nil. The slice is new on every call.
func (g *Gazetteer) Lookup(name string) []Name {
	idx := g.nameIndexes(name)
	if len(idx) == 0 {
		return nil
	}
	out := make([]Name, len(idx))
	for i, j := range idx {
		out[i] = g.names[j]
	}
	return out
}

// nameIndexes returns the indexes into g.names of the names whose folded
// text is text.Fold(name). An ASCII name of up to 64 bytes is folded into
// an array on the stack (text.AppendFoldASCII): a map index by string(bytes)
// does not allocate, where Fold allocates for every name with a capital.
func (g *Gazetteer) nameIndexes(name string) []int32 {
	var buf [64]byte
	if len(name) <= len(buf) {
		if b, ok := text.AppendFoldASCII(buf[:0], name); ok {
			return g.byName[string(b)]
		}
	}
	return g.byName[text.Fold(name)]
}

// Locate returns the areas that contain p ([lon, lat] WGS84) at every level,
// finest first (PC4, municipality, safety region, province), found with one
// grid lookup or one R-tree query and exact point-in-polygon tests (holes
// respected). It
// returns nil for a point outside every area, for a point in the [Abroad]
// zone (Baarle-Hertog) and for NaN or infinite coordinates.
func (g *Gazetteer) Locate(p orb.Point) []AreaID {
	ids, _ := g.appendLocate(nil, p)
	return ids
}

// AppendLocate is [Gazetteer.Locate] appending to dst, for callers that
// reuse a buffer; it returns dst unchanged when p is in no area.
func (g *Gazetteer) AppendLocate(dst []AreaID, p orb.Point) []AreaID {
	ids, _ := g.appendLocate(dst, p)
	return ids
}

// appendLocate also reports whether p lies in the Abroad zone.
func (g *Gazetteer) appendLocate(dst []AreaID, p orb.Point) ([]AreaID, bool) {
	var hits [8]int32
	n, abroad := 0, false
	g.index.Contains(p, func(i int) bool {
		if g.polyArea[i] < 0 {
			abroad = true
			return false
		}
		if n < len(hits) {
			hits[n] = int32(i)
			n++
		}
		return true
	})
	switch {
	case abroad || n == 0:
		return dst, abroad
	case n == 1:
		return append(dst, g.polyHits[hits[0]]...), false
	}
	// Several hits (PC4 and municipality polygons): merge by level,
	// finest first, without duplicates.
	type lv struct {
		l  Level
		id AreaID
	}
	var buf [32]lv
	m := 0
	for _, h := range hits[:n] {
		for j, id := range g.polyHits[h] {
			dup := false
			for _, x := range buf[:m] {
				dup = dup || x.id == id
			}
			if !dup && m < len(buf) {
				buf[m] = lv{g.polyLevel[h][j], id}
				m++
			}
		}
	}
	for i := 1; i < m; i++ {
		for j := i; j > 0 && (buf[j].l > buf[j-1].l || buf[j].l == buf[j-1].l && buf[j].id < buf[j-1].id); j-- {
			buf[j], buf[j-1] = buf[j-1], buf[j]
		}
	}
	for _, x := range buf[:m] {
		dst = append(dst, x.id)
	}
	return dst, false
}

func (g *Gazetteer) appendHit(dst []AreaID, n0 int, ai int32) []AreaID {
	a := &g.areas[ai]
	if !slices.Contains(dst[n0:], a.ID) {
		dst = append(dst, a.ID)
	}
	if g.expand[ai] {
		for _, p := range a.Parents {
			if !slices.Contains(dst[n0:], p) {
				dst = append(dst, p)
			}
		}
	}
	return dst
}

// sortFinest orders ids by level, finest (highest Level value) first, then
// by ID; insertion sort, as there are at most a handful.
func sortFinest(g *Gazetteer, ids []AreaID) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && g.less(ids[j], ids[j-1]); j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

func (g *Gazetteer) less(a, b AreaID) bool {
	la, lb := g.areas[g.byID[a]].Level, g.areas[g.byID[b]].Level
	if la != lb {
		return la > lb
	}
	return a < b
}

// Nearest returns the area at the finest indexed level whose boundary is
// nearest to p within maxMetres, with the distance in metres (0 when p is
// inside). It never returns an area for a point in the [Abroad] zone, and
// it returns false when nothing lies within maxMetres or maxMetres <= 0.
func (g *Gazetteer) Nearest(p orb.Point, maxMetres float64) (AreaID, float64, bool) {
	if _, abroad := g.appendLocate(nil, p); abroad {
		return "", 0, false
	}
	var finest Level
	for _, ai := range g.polyArea {
		if ai >= 0 && g.areas[ai].Level == LevelMunicipality {
			finest = LevelMunicipality
			break
		}
	}
	i, d, ok := g.index.Nearest(p, maxMetres, func(i int) bool {
		ai := g.polyArea[i]
		return ai >= 0 && (finest == 0 || g.areas[ai].Level == finest)
	})
	if !ok {
		return "", 0, false
	}
	return g.areas[g.polyArea[i]].ID, d, true
}

// Postcode returns the four-digit postcode area for pc4 ("1071"; a full
// postcode "1071 XX" or "1071XX" is accepted and cut to its digits): ID
// "PC4-1071", Level [LevelPC4], Parents the municipality, safety region and
// province, Point the centroid, and the population where known.
func (g *Gazetteer) Postcode(pc4 string) (Area, bool) {
	s := strings.TrimSpace(pc4)
	if len(s) > 4 {
		rest := strings.ToUpper(strings.TrimSpace(s[4:]))
		if len(rest) != 2 || rest[0] < 'A' || rest[0] > 'Z' || rest[1] < 'A' || rest[1] > 'Z' {
			return Area{}, false
		}
		s = s[:4]
	}
	if len(s) != 4 || s[0] < '1' || s[0] > '9' {
		return Area{}, false
	}
	for i := 1; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return Area{}, false
		}
	}
	return g.Area(AreaID("PC4-" + s))
}
