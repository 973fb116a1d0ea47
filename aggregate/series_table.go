package aggregate

import (
	"math/bits"
	"slices"
	"unsafe"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/internal/le"
)

// The cell table of a Series.
//
// Add is the hot path of the pipeline (one call per post, six cells for
// a typical post), so the table is laid out for it:
//
//   - a row is one (area, bucket, level, role) in one cache line; it
//     holds the cell indices of its first rowProfiles profile IDs inline
//     (profile 0 is "all posts") and a bit mask of those that exist, so
//     an area reference costs one row lookup, one mask test and an array
//     index per cell;
//   - rows are found through an open-addressing table of row indices
//     (load ≤ ½, 4 bytes a slot) hashed from the area ID's bytes and the
//     bucket, level and role: no string hashing through a map and no
//     per-cell key hashing;
//   - in the steady state (every row and cell exists) addFast finds the
//     rows in a short loop without calls, comparing area IDs by their
//     first and last eight bytes (areaWords) rather than as strings, and
//     adds the observation to each cell as it comes (seriesStats.add,
//     with the author set's common cases inline);
//   - a cell is two cache lines: everything Add touches for a typical
//     post (counts, sentiment moments, posts by label, by author class
//     and by the first few platforms, the author set's 40-byte header);
//     the counts are 32-bit deltas on int64 totals kept, with what Add
//     rarely touches, in a separately allocated cellCold;
//   - sketched author sets start sparse (see authorSet), so that a day
//     of a few hundred busy cells fits in the L2 cache;
//   - everything that is the same for the cells of one observation (the
//     clipped polarity, label, flags, platform, author hash and its
//     HyperLogLog register) is computed once per observation
//     ([cellUpdate]).
//   - a row's profile-0 cell is added last, and its sketch is not probed
//     when one of the row's matched-profile cells held the author
//     already: profile 0's authors include every profile cell's
//     (Series.subsets), so its register is high enough.

// rowProfiles is the number of profile IDs whose cells a row holds
// inline; cells of later profile IDs are listed in Series.extra.
const rowProfiles = 6

// cellPlatforms is the number of platform IDs counted inline in a cell;
// later platforms go to cellCold.morePlat. A power of two (add masks
// platform IDs with it).
const cellPlatforms = 4

// seriesRow is one (area, bucket, level, role) and its cells per profile:
// 64 bytes, one cache line (the area ID itself is Series.areas[aid]).
type seriesRow struct {
	k1, k2 uint64 // areaWords of the area ID
	tail   uint64 // bucket<<16 | level<<8 | role
	aid    uint32 // index in Series.areas
	n      uint32 // length of the area ID (at most 1<<31)
	extra  int32  // 1 + index in Series.extra of the cells of profile IDs ≥ rowProfiles; 0 when none
	cells  [rowProfiles]int32
	have   uint8 // bit p set when cells[p] exists
}

// profCell is the cell of a profile ID beyond the inline ones of a row.
type profCell struct {
	prof uint32
	cell int32
}

// seriesStats is one cell: 128 bytes (two cache lines, everything Add
// touches for a typical post), plus the author set's slots or sketch and,
// for a cell with flag counts, platform IDs ≥ cellPlatforms or counts
// from a merge or decoding, a 176-byte cellCold and 8 bytes per platform
// beyond the fourth.
//
// The counts per label, platform and author class are 32-bit deltas on
// int64 totals in cellCold (a count is its total plus its delta): Add
// increments only the deltas, and flushes them into the totals every
// 2^31 posts of the cell (flushDue), so that a delta never exceeds
// 2^32−1; a merge or decoding adds to a delta only while it stays below
// 2^31 (deltaMax) and to the total otherwise.
type seriesStats struct {
	posts    int64
	weighted float64
	scored   int64
	mean, m2 float64 // Welford
	// labels[l-1] is the delta of label l = 1…4 (Add counts no other
	// label; label 0 is only a total, from a merge or decoding).
	labels [NumLabels - 1]uint32
	plat   [cellPlatforms]uint32
	// classPosts are the deltas of the posts of unknown-home ([0]) and
	// outsider ([1]) authors, at index class>>1 (local posts, class 1,
	// are not counted: they are never published): an index rather than
	// branches on the class, which varies from cell to cell.
	classPosts [2]uint32
	cold       *cellCold // nil until needed
	authors    authorSet
}

// cellCold is the part of a cell that Add rarely touches.
type cellCold struct {
	labels   [NumLabels]int64 // totals; label 0 at 0
	class    [2]int64         // totals of seriesStats.classPosts
	plat     [cellPlatforms]int64
	flags    [NumFlags]int64
	morePlat []int64 // platform IDs ≥ cellPlatforms
}

// deltaMax bounds the 32-bit deltas after a merge or decoding; Add then
// adds at most 2^31 before the next flush.
const deltaMax = 1 << 31

// flushDue reports whether Add must flush the deltas after counting the
// cell's posts-th post: every 2^31 posts. A delta is below 2^31 after a
// merge or decoding, and Add adds at most 2^31 until the flush.
func flushDue(posts int64) bool { return posts&(deltaMax-1) == 0 }

// coldPart returns st.cold, allocating it when nil.
func (st *seriesStats) coldPart() *cellCold {
	if st.cold == nil {
		st.cold = new(cellCold)
	}
	return st.cold
}

// flush moves the deltas into the totals.
func (st *seriesStats) flush() {
	c := st.coldPart()
	for i, d := range st.labels {
		c.labels[i+1] += int64(d)
	}
	for i, d := range st.plat {
		c.plat[i] += int64(d)
	}
	for i, d := range st.classPosts {
		c.class[i] += int64(d)
	}
	st.labels, st.plat, st.classPosts = [NumLabels - 1]uint32{}, [cellPlatforms]uint32{}, [2]uint32{}
}

// flushHigh flushes the deltas if one is deltaMax or more (before a merge
// changes posts and with it the time of the next flush).
func (st *seriesStats) flushHigh() {
	for _, d := range st.labels {
		if d >= deltaMax {
			st.flush()
			return
		}
	}
	for _, d := range st.plat {
		if d >= deltaMax {
			st.flush()
			return
		}
	}
	for _, d := range st.classPosts {
		if d >= deltaMax {
			st.flush()
			return
		}
	}
}

// addDelta adds n to the count with delta *d and total *total(): to the
// delta while it stays below deltaMax, else to the total.
func (st *seriesStats) addDelta(d *uint32, total func(*cellCold) *int64, n int64) {
	if n >= 0 && int64(*d)+n < deltaMax {
		*d += uint32(n)
		return
	}
	*total(st.coldPart()) += n
}

// classPostsOf returns the posts of author class c (0 for classLocal).
func (st *seriesStats) classPostsOf(c uint32) int64 {
	if c == classLocal {
		return 0
	}
	n := int64(st.classPosts[c>>1&1])
	if st.cold != nil {
		n += st.cold.class[c>>1&1]
	}
	return n
}

// addClassPosts adds n posts of author class c (not classLocal).
func (st *seriesStats) addClassPosts(c uint32, n int64) {
	k := c >> 1 & 1
	st.addDelta(&st.classPosts[k], func(x *cellCold) *int64 { return &x.class[k] }, n)
}

// label returns the count of label l (0…NumLabels−1).
func (st *seriesStats) label(l int) int64 {
	var n int64
	if l > 0 {
		n = int64(st.labels[l-1])
	}
	if st.cold != nil {
		n += st.cold.labels[l]
	}
	return n
}

// addLabel adds n to the count of label l (0…NumLabels−1).
func (st *seriesStats) addLabel(l int, n int64) {
	switch {
	case l > 0:
		st.addDelta(&st.labels[l-1], func(x *cellCold) *int64 { return &x.labels[l] }, n)
	case n != 0:
		st.coldPart().labels[0] += n
	}
}

// flags returns the counts per flag bit.
func (st *seriesStats) flags() [NumFlags]int64 {
	if st.cold != nil {
		return st.cold.flags
	}
	return [NumFlags]int64{}
}

// platformPosts returns the posts of platform ID i.
func (st *seriesStats) platformPosts(i int) int64 {
	if i < cellPlatforms {
		n := int64(st.plat[i])
		if st.cold != nil {
			n += st.cold.plat[i]
		}
		return n
	}
	if i -= cellPlatforms; st.cold != nil && i < len(st.cold.morePlat) {
		return st.cold.morePlat[i]
	}
	return 0
}

// numPlatforms returns one more than the largest platform ID the cell
// may have posts of.
func (st *seriesStats) numPlatforms() int {
	if st.cold != nil {
		return cellPlatforms + len(st.cold.morePlat)
	}
	return cellPlatforms
}

// addPlatform adds n posts of platform ID i.
func (st *seriesStats) addPlatform(i int, n int64) {
	if i < cellPlatforms {
		st.addDelta(&st.plat[i], func(x *cellCold) *int64 { return &x.plat[i] }, n)
		return
	}
	c := st.coldPart()
	i -= cellPlatforms
	if i >= len(c.morePlat) {
		c.morePlat = append(c.morePlat, make([]int64, i+1-len(c.morePlat))...)
	}
	c.morePlat[i] += n
}

// cellUpdate is one observation's contribution to each of its cells,
// computed once per observation.
type cellUpdate struct {
	w, x      float64
	author    authorKey
	pi        int    // platform ID
	pn        uint32 // 1 when pi < cellPlatforms (counted inline), else 0
	flags     uint16
	label     uint8 // label−1 (0…3); NumLabels−1 or more when not counted
	scored    bool
	hasAuthor bool
	rare      bool // flags ≠ 0 or pn = 0 (addRare)
	exact     int
}

// cellRef is a cell of an observation and the author's class at the
// cell's level.
type cellRef struct {
	ci    int32
	class uint32
}

// add adds u to the cell for an author of class c (addCounts, then the
// author). It is one function without loops over cells, so that the
// compiler keeps u's values in registers; the rare parts (flags,
// platforms beyond the inline ones, a new author or register) are
// calls. The author set's common cases are inline: a sketch register or
// an exact author found by probing, or a dense register.
//
// covered reports that the author was in the set already with class c
// or higher (an exact set), or that the sketch register was at least
// the author's (a sketch), so that the set is unchanged.
func (st *seriesStats) add(u *cellUpdate, c uint32) (covered bool) {
	// addCounts, written out (too large to be inlined; keep the two
	// alike).
	st.posts++
	st.weighted += u.w
	st.classPosts[c>>1&1] += c&1 ^ 1
	st.plat[u.pi&(cellPlatforms-1)] += u.pn
	if u.scored {
		st.scored++
		d := u.x - st.mean
		st.mean += d / float64(st.scored)
		st.m2 += d * (u.x - st.mean)
		if u.label < NumLabels-1 {
			st.labels[u.label]++
		}
	}
	if u.rare || flushDue(st.posts) {
		st.addRare(u)
	}
	if !u.hasAuthor {
		return false
	}
	a := &st.authors
	switch {
	case a.p != 0 && a.tab != nil: // sparse sketch (authorSet.addSparse)
		sp, idx := a.tab, u.author.idx
		mask := uint32(len(sp) - 1)
		for j := idx & mask; sp[j] != 0; j = (j + 1) & mask {
			if e := sp[j]; e>>16 == idx {
				if v := u.author.v | uint16(c); v > uint16(e) {
					sp[j] = idx<<16 | uint32(v)
					return false
				}
				return true
			}
		}
	case a.tab != nil: // exact (authorSet.addExact)
		// Slots by word index w (authorSlot's words), which compiles to
		// fewer instructions than the authorSlot pointers of addExact.
		tab, h := a.tab, u.author.h
		wmask := uint64(len(tab) - slotWords)
		for w := h * slotWords & wmask; ; w = (w + slotWords) & wmask {
			k := uint64(tab[w]) | uint64(tab[w+1])<<32
			if k == h {
				m := tab[w+2]
				tab[w+2] = max(m>>metaClassShft, c)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
				return m>>metaClassShft >= c
			}
			if k == 0 {
				break
			}
		}
	case a.hll != nil: // dense sketch
		if v, idx := u.author.v|uint16(c), u.author.idx; v > a.hll.reg[idx] {
			a.hll.reg[idx] = v
			return false
		}
		return true
	}
	a.addHash(&u.author, c, 1, u.exact)
	return false
}

// addCounts adds u to the cell's counts, not to its author set: add
// without the author, for a profile-0 cell whose sketch holds the
// author's register (see addFast). add has the same code written out.
func (st *seriesStats) addCounts(u *cellUpdate, c uint32) {
	st.posts++
	st.weighted += u.w
	// classPosts[c>>1] += 1, but 0 for a local author (class 1): no
	// branch on the class, which varies from cell to cell.
	st.classPosts[c>>1&1] += c&1 ^ 1
	// The inline platform count as an unconditional add of 0 or 1 at an
	// index in range: no branch and no bounds check.
	st.plat[u.pi&(cellPlatforms-1)] += u.pn
	if u.scored {
		st.scored++
		d := u.x - st.mean
		st.mean += d / float64(st.scored)
		st.m2 += d * (u.x - st.mean)
		if u.label < NumLabels-1 {
			st.labels[u.label]++
		}
	}
	if u.rare || flushDue(st.posts) {
		st.addRare(u)
	}
}

// addRare adds u's flags and a platform beyond the inline ones, and
// flushes the deltas when due (after this post's counts, as the bound on
// the deltas assumes).
func (st *seriesStats) addRare(u *cellUpdate) {
	if u.pn == 0 {
		st.addPlatform(u.pi, 1)
	}
	if f := u.flags; f != 0 {
		c := st.coldPart()
		for ; f != 0; f &= f - 1 {
			c.flags[bits.TrailingZeros16(f)&(NumFlags-1)]++
		}
	}
	if flushDue(st.posts) {
		st.flush()
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

// fastRefs is the most area references addFast takes.
const fastRefs = 8

// addFast is Add for the steady state: when every row and cell of the
// observation exists, every area ID has at most 16 bytes, the
// observation has at most fastRefs references and its profile IDs are
// the bits of pm, all below rowProfiles, it adds u to the cells and
// returns true; otherwise it changes nothing and returns false. The area
// loop makes no calls (the Go compiler would spill its state around
// each call) and compares area IDs by their words (areaWords, loaded
// inline here) instead of as strings; a row's have bits tell at once
// whether all the profiles' cells exist.
func (s *Series) addFast(areas []AreaRef, b int64, profs []uint32, pm uint8, u *cellUpdate) bool {
	if len(areas) > fastRefs {
		return false
	}
	// One short loop per area: words, hash and probe, with few live
	// values so that the compiler keeps them in registers. homes[l] is
	// the area index of the author's home at level l (0: unknown).
	var rows [fastRefs]*seriesRow
	var homes [8]uint32
	tab, rs, shift := s.rowTab, s.rows, s.rowShift&63
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
			if r := &rs[e-1]; r.tail == tail && r.k1 == k1 && r.k2 == k2 && r.n == uint32(len(id)) {
				if r.have&pm != pm {
					return false
				}
				rows[i] = r
				if a.Role == geo.RoleHome && a.Level < 8 && id != "" {
					homes[a.Level] = r.aid
				}
				break
			}
		}
	}
	cells, subsets := s.cells, s.subsets // add adds no cells
	// seen has a bit per row added, by its address (rows are 64 bytes):
	// a repeated reference counts once, and a clear bit spares the
	// comparison with the earlier rows, a loop whose exit was a
	// mispredicted branch.
	var seen uint64
	for i := range areas {
		r := rows[i]
		bit := uint64(1) << (uintptr(unsafe.Pointer(r)) >> 6 & 63)
		if seen&bit != 0 && slices.Contains(rows[:i], r) {
			continue
		}
		seen |= bit
		class := classOf(&homes, areas[i].Level, r.aid)
		// The matched profiles' cells first, then profile 0's (profs[0]):
		// when one of them held the author already and profile 0's
		// author set is a sketch, its register is high enough (see
		// Series.subsets), and only its counts are added: no probe of
		// its table, a cache miss and a mispredicted branch or two.
		// Without a loop for the usual none or one matched profile: a
		// loop's state is saved and reloaded around every call.
		covered := false
		switch len(profs) {
		case 1:
		case 2:
			covered = cells[r.cells[profs[1]]-1].add(u, class)
		default:
			for _, pid := range profs[1:] {
				if cells[r.cells[pid]-1].add(u, class) {
					covered = true
				}
			}
		}
		if st := &cells[r.cells[0]-1]; covered && subsets && st.authors.p != 0 {
			st.addCounts(u, class)
		} else {
			st.add(u, class)
		}
	}
	return true
}

// classOf returns the class of an author whose home area index at each
// level is homes[level] (0: unknown) in a cell of area index aid.
func classOf(homes *[8]uint32, level geo.Level, aid uint32) uint32 {
	if level >= 8 || homes[level] == 0 {
		return classUnknown
	}
	if homes[level] != aid {
		return classOutsider
	}
	return classLocal
}

// rowOf returns the index of the row (a, tail), creating it if needed
// (the general path; see addFast).
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
		if r := &s.rows[j-1]; r.tail == tail && s.areas[r.aid] == a {
			return j - 1
		}
		i = (i + 1) & mask
	}
	j := int32(len(s.rows))
	k1, k2 := areaWords(a)
	s.rows = append(s.rows, seriesRow{k1: k1, k2: k2, tail: tail, aid: s.areaID(a), n: uint32(min(len(a), 1<<31))})
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
		i := rowHash(s.areas[r.aid], r.tail) >> s.rowShift
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
		r.have |= 1 << pid
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
