package aggregate

import (
	"math/bits"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/internal/le"
)

// The cell table of a Series.
//
// Add is the hot path of the pipeline (one call per post, six cells for
// a typical post), so the table is laid out for it:
//
//   - a row is one (area, bucket, level, role); it holds the cell indices
//     of its first rowProfiles profile IDs inline (profile 0 is "all
//     posts"), so an area reference costs one row lookup and each of its
//     cells an array index;
//   - rows are found through an open-addressing table of row indices
//     (load ≤ ½, 4 bytes a slot) hashed from the area ID's bytes and the
//     bucket, level and role: no string hashing through a map and no
//     per-cell key hashing;
//   - in the steady state (every row and cell exists) cellsFast finds
//     the cells in short loops without calls, comparing area IDs by
//     their first and last eight bytes (areaWords) rather than as
//     strings, and update adds the observation to all of them in one
//     loop with the author set's common cases inline;
//   - a cell keeps the counters Add touches together at its start, the
//     platform counts of the first few platforms inline, and posts per
//     author class in an array indexed by the class;
//   - sketched author sets start sparse (see authorSet), so that a day
//     of a few hundred busy cells fits in the L2 cache;
//   - everything that is the same for the cells of one observation (the
//     clipped polarity, label, flags, platform, author hash and its
//     HyperLogLog register) is computed once per observation
//     ([cellUpdate]).

// rowProfiles is the number of profile IDs whose cells a row holds
// inline; cells of later profile IDs are listed in Series.extra.
const rowProfiles = 6

// cellPlatforms is the number of platform IDs counted inline in a cell;
// later platforms go to seriesStats.morePlat. A power of two (update
// masks platform IDs with it).
const cellPlatforms = 4

// seriesRow is one (area, bucket, level, role) and its cells per profile.
type seriesRow struct {
	area   geo.AreaID
	k1, k2 uint64 // areaWords(area)
	tail   uint64 // bucket<<16 | level<<8 | role
	aid    uint32 // index in Series.areas
	extra  int32  // 1 + index in Series.extra of the cells of profile IDs ≥ rowProfiles; 0 when none
	cells  [rowProfiles]int32
}

// profCell is the cell of a profile ID beyond the inline ones of a row.
type profCell struct {
	prof uint32
	cell int32
}

// seriesStats is one cell: 280 bytes plus the author set's slots or
// sketch and 8 bytes per platform beyond the fourth. The fields Add
// touches come first.
type seriesStats struct {
	posts    int64
	weighted float64
	scored   int64
	mean, m2 float64 // Welford
	labels   [NumLabels]int64
	// classPosts counts posts per author class (classUnknown,
	// classLocal, classOutsider; local posts are not published): an array
	// rather than branches on the class, which varies from cell to cell.
	classPosts [3]int64
	plat       [cellPlatforms]int64
	authors    authorSet
	morePlat   []int64 // platform IDs ≥ cellPlatforms
	flags      [NumFlags]int64
}

// platformPosts returns the posts of platform ID i.
func (st *seriesStats) platformPosts(i int) int64 {
	if i < cellPlatforms {
		return st.plat[i]
	}
	if i -= cellPlatforms; i < len(st.morePlat) {
		return st.morePlat[i]
	}
	return 0
}

// numPlatforms returns one more than the largest platform ID the cell
// may have posts of.
func (st *seriesStats) numPlatforms() int { return cellPlatforms + len(st.morePlat) }

// addPlatform adds n posts of platform ID i.
func (st *seriesStats) addPlatform(i int, n int64) {
	if i < cellPlatforms {
		st.plat[i] += n
		return
	}
	i -= cellPlatforms
	if i >= len(st.morePlat) {
		st.morePlat = append(st.morePlat, make([]int64, i+1-len(st.morePlat))...)
	}
	st.morePlat[i] += n
}

// cellUpdate is one observation's contribution to each of its cells,
// computed once per observation.
type cellUpdate struct {
	w, x      float64
	author    authorKey
	plat      int
	flags     uint16
	label     uint8 // NumLabels when not counted
	scored    bool
	hasAuthor bool
	exact     int
}

// cellRef is a cell of an observation and the author's class at the
// cell's level.
type cellRef struct {
	ci    int32
	aid   uint32 // the row's area
	class uint32
	level geo.Level
}

// update adds u to the cells refs. It is one loop over the cells with
// the observation's values in locals, and the common cases of the author
// set inline: a sketch register, or an exact author found at its home
// slot (everything else in authorSet.addHash). Platforms beyond the
// inline ones have a loop of their own: inline in the main loop, their
// growth path made the compiler spill the loop's values.
func (s *Series) update(refs []cellRef, u *cellUpdate) {
	// The author's values are read from u where needed: held in locals
	// too, they made the compiler spill the loop's values.
	w, x, scored, label, flags, plat := u.w, u.x, u.scored, u.label, u.flags, u.plat
	// Inline platform counts as an unconditional add of 0 or 1 at an
	// index in range: no branch and no bounds check per cell.
	pi, pn := plat&(cellPlatforms-1), int64(0)
	if plat < cellPlatforms {
		pn = 1
	}
	cells := s.cells
	for _, c := range refs {
		st := &cells[c.ci]
		st.posts++
		st.weighted += w
		if scored {
			st.scored++
			d := x - st.mean
			st.mean += d / float64(st.scored)
			st.m2 += d * (x - st.mean)
			if label < NumLabels {
				st.labels[label]++
			}
		}
		for f := flags; f != 0; f &= f - 1 {
			st.flags[bits.TrailingZeros16(f)&(NumFlags-1)]++
		}
		st.classPosts[c.class]++
		st.plat[pi] += pn
		if !u.hasAuthor {
			continue
		}
		a := &st.authors
		if sp := a.sp; sp != nil {
			idx := u.author.idx
			j := idx & uint32(len(sp)-1)
			if e := sp[j]; e>>16 == idx && e != 0 { // 0 is an empty slot
				if v := u.author.v | uint16(c.class); v > uint16(e) {
					sp[j] = idx<<16 | uint32(v)
				}
				continue
			}
		} else if a.slots != nil {
			h := u.author.h
			sl := &a.slots[h&uint64(len(a.slots)-1)]
			if sl.key == h {
				m := sl.meta
				sl.meta = max(m>>metaClassShft, c.class)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
				continue
			}
		} else if a.hll != nil {
			if v, idx := u.author.v|uint16(c.class), u.author.idx; v > a.hll.reg[idx] {
				a.hll.reg[idx] = v
			}
			continue
		}
		a.addHash(&u.author, c.class, 1, u.exact)
	}
	if plat >= cellPlatforms {
		for _, c := range refs {
			cells[c.ci].addPlatform(plat, 1)
		}
	}
}

// areaWords returns two words that, with the length, identify an area
// ID of up to 16 bytes: its first and last 8 bytes (overlapping), or 4,
// or for IDs under 4 bytes all of them. Longer IDs share words with
// others and are compared as strings.
func areaWords(a geo.AreaID) (k1, k2 uint64) {
	switch n := len(a); {
	case n >= 8:
		return le.Uint64(string(a)), le.Uint64At(string(a), n-8)
	case n >= 4:
		return uint64(le.Uint32(string(a))), uint64(le.Uint32(string(a[n-4:])))
	case n > 0:
		return uint64(a[0]) | uint64(a[n/2])<<8 | uint64(a[n-1])<<16, 0
	}
	return 0, 0
}

// rowMix hashes an area ID's words and length with a row tail; the top
// bits index the row table.
func rowMix(k1, k2 uint64, n int, tail uint64) uint64 {
	x := (k1 ^ bits.RotateLeft64(k2, 31)*0x9e3779b97f4a7c15 ^ uint64(n)) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>31 ^ tail) * 0x94d049bb133111eb
	return x ^ x>>29
}

func rowHash(a geo.AreaID, tail uint64) uint64 {
	k1, k2 := areaWords(a)
	return rowMix(k1, k2, len(a), tail)
}

// Limits of cellsFast: area references and cells per observation.
const (
	fastRefs  = 8
	fastCells = 48
)

// cellsFast is cellsSlow for the steady state: when every row and cell of
// the observation exists, every area ID has at most 16 bytes, and the
// observation has at most fastRefs references and fastCells cells, it sets
// s.cellBuf and returns true; otherwise it changes nothing and returns
// false. It makes no calls in its loops (the Go compiler would spill the
// loop state around each call), and compares area IDs by their words
// (areaWords, loaded inline here) instead of as strings.
func (s *Series) cellsFast(areas []AreaRef, b int64, profs []uint32) bool {
	nr := len(areas)
	if nr > fastRefs || nr*len(profs) > fastCells || cap(s.cellBuf) < fastCells {
		return false
	}
	for _, pid := range profs {
		if pid >= rowProfiles {
			return false
		}
	}
	// One short loop per area: words, hash and probe, with few live
	// values so that the compiler keeps them in registers. homes[l] is
	// the area index of the author's home at level l (0: unknown).
	var rows [fastRefs]*seriesRow
	var homes [8]uint32
	tab, rs, shift := s.rowTab, s.rows, s.rowShift
	mask := uint64(len(tab) - 1)
	bt := uint64(b) << 16
	for i := range areas {
		a := &areas[i]
		id := a.Area
		var k1, k2 uint64 // areaWords(id), inline
		switch n := len(id); {
		case n > 16:
			return false
		case n >= 8:
			k1, k2 = le.Uint64(string(id)), le.Uint64At(string(id), n-8)
		case n >= 4:
			k1, k2 = uint64(le.Uint32(string(id))), uint64(le.Uint32(string(id[n-4:])))
		case n > 0:
			k1 = uint64(id[0]) | uint64(id[n/2])<<8 | uint64(id[n-1])<<16
		}
		tail := bt | uint64(a.Level)<<8 | uint64(a.Role)
		for j := rowMix(k1, k2, len(id), tail) >> shift; ; j = (j + 1) & mask {
			e := tab[j]
			if e == 0 {
				return false
			}
			if r := &rs[e-1]; r.tail == tail && r.k1 == k1 && r.k2 == k2 && len(r.area) == len(id) {
				rows[i] = r
				if a.Role == geo.RoleHome && a.Level < 8 && id != "" {
					homes[a.Level] = r.aid
				}
				break
			}
		}
	}
	refs := s.cellBuf[:fastCells]
	nref := 0
refLoop:
	for i := range nr {
		r := rows[i]
		for _, q := range rows[:i] {
			if q == r {
				continue refLoop // a repeated reference counts once
			}
		}
		class := classUnknown
		if l := areas[i].Level; l < 8 && homes[l] != 0 {
			class = classLocal
			if homes[l] != r.aid {
				class = classOutsider
			}
		}
		for _, pid := range profs {
			ci := r.cells[pid]
			if ci == 0 {
				return false
			}
			// update reads only ci and class
			c := &refs[nref]
			c.ci, c.class = ci-1, class
			nref++
		}
	}
	s.cellBuf = refs[:nref]
	return true
}

// rowOf returns the index of the row (a, tail), creating it if needed
// (the general path; see cellsFast).
func (s *Series) rowOf(a geo.AreaID, tail uint64) int32 {
	if 2*(len(s.rows)+1) > len(s.rowTab) {
		s.growRows()
	}
	mask := uint64(len(s.rowTab) - 1)
	i := rowHash(a, tail) >> s.rowShift
	for {
		j := s.rowTab[i]
		if j == 0 {
			break
		}
		if r := &s.rows[j-1]; r.tail == tail && r.area == a {
			return j - 1
		}
		i = (i + 1) & mask
	}
	j := int32(len(s.rows))
	k1, k2 := areaWords(a)
	s.rows = append(s.rows, seriesRow{area: a, k1: k1, k2: k2, tail: tail, aid: s.areaID(a)})
	s.rowTab[i] = j + 1
	return j
}

// growRows doubles the row table (initially 64 slots) and reinserts the
// rows.
func (s *Series) growRows() {
	n := max(64, 2*len(s.rowTab))
	s.rowTab = make([]int32, n)
	s.rowShift = uint8(64 - bits.TrailingZeros(uint(n)))
	mask := uint64(n - 1)
	for j := range s.rows {
		r := &s.rows[j]
		i := rowHash(r.area, r.tail) >> s.rowShift
		for s.rowTab[i] != 0 {
			i = (i + 1) & mask
		}
		s.rowTab[i] = int32(j + 1)
	}
}

// cellOf returns the index of row ri's cell for profile pid, creating it
// if needed; found reports whether it existed.
func (s *Series) cellOf(ri int32, pid uint32) (ci int32, found bool) {
	r := &s.rows[ri]
	if pid < rowProfiles {
		if c := r.cells[pid]; c != 0 {
			return c - 1, true
		}
	} else if r.extra != 0 {
		for _, pc := range s.extra[r.extra-1] {
			if pc.prof == pid {
				return pc.cell, true
			}
		}
	}
	ci = int32(len(s.cells))
	s.cells = append(s.cells, seriesStats{})
	b := int64(r.tail) >> 16
	s.keys = append(s.keys, makeSeriesKey(r.aid, pid, b, geo.Level(r.tail>>8), geo.Role(r.tail)))
	switch {
	case pid < rowProfiles:
		r.cells[pid] = ci + 1
	case r.extra == 0:
		s.extra = append(s.extra, []profCell{{pid, ci}})
		r.extra = int32(len(s.extra))
	default:
		s.extra[r.extra-1] = append(s.extra[r.extra-1], profCell{pid, ci})
	}
	return ci, false
}

// cell returns the cell of k, creating it if needed; found reports
// whether it existed.
func (s *Series) cell(k seriesKey) (*seriesStats, bool) {
	ri := s.rowOf(s.areas[k.area()], k[1])
	ci, found := s.cellOf(ri, k.profile())
	return &s.cells[ci], found
}
