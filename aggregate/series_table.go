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
//     (4 bytes a slot, load ≤ ¼, so that few probes compare a second
//     row) hashed from the area ID's bytes and the bucket, level and
//     role: no string hashing through a map and no per-cell key
//     hashing;
//   - in the steady state (every row and cell exists) addFast finds the
//     rows in a short loop without calls, comparing area IDs by their
//     first and last eight bytes (areaWords) rather than as strings, and
//     adds the observation to each cell as it comes (seriesStats.add,
//     with the author set's common cases inline);
//   - a cell's hot part (seriesStats) is one cache line, 64 bytes:
//     everything Add touches for a typical post (sentiment moments,
//     weights, the posts and the posts by label, author class and the
//     first few platforms as 16-bit deltas, packed four to a word so
//     that one add updates several, and a copy of the author set's
//     table pointer and size); the rest (cellAux: the flushed posts, the
//     flag counts' deltas, the author set itself, what Add touches only
//     for a new author or register, a flush every 2^15 posts or a rare
//     count: a flag or a fifth platform) is at the same
//     index of a second slice, and the int64 totals of the other counts
//     are in a separately allocated cellCold;
//   - sketched author sets start sparse (see authorSet), so that a day
//     of a few hundred busy cells fits in the L2 cache;
//   - everything that is the same for the cells of one observation (the
//     clipped polarity, the label's and platform's delta words, flags,
//     author hash and its HyperLogLog register) is computed once per
//     observation ([cellUpdate]);
//   - while a row's profile-0 set is exact, the exact sets of its inline
//     profile cells made by Add share one table with it, a slot per
//     author of the row with a meta word per profile (see jointWords),
//     so that the row's cells cost one probe and one table line;
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
	have   uint8 // bit p set when cells[p] exists; bit rowJoint set when the cells' exact sets share a table (see jointWords)
}

// rowJoint is the bit of seriesRow.have set while the row's cells keep
// their exact author sets in one joint table (see jointWords).
const rowJoint = 1 << 7

// profCell is the cell of a profile ID beyond the inline ones of a row.
type profCell struct {
	prof uint32
	cell int32
}

// seriesStats is the hot part of a cell: 64 bytes, one cache line, all
// that Add reads and writes for a typical post (the counts as 16-bit
// deltas, the sentiment moments and a view of the author set's table).
// The rest of the cell is its cellAux, at the same index of Series.aux:
// the flushed posts, the flag counts' deltas, the author set itself and,
// for a cell with platform IDs ≥ cellPlatforms, label 0 or counts of
// 2^15 or more, a 176-byte cellCold and 8 bytes per platform beyond the
// fourth.
//
// The counts of posts and per label, platform, author class and flag
// are 16-bit deltas on int64 totals (in cellAux and cellCold; a count is its
// total plus its delta): Add increments only the deltas, and flushes
// them into the totals when the posts delta reaches 2^15 (deltaMax), so
// that a delta never exceeds 2^16−1; a merge or decoding adds to a
// delta only while it stays below 2^15 and to the total otherwise (see
// cell.addDelta).
type seriesStats struct {
	weighted float64
	scored   int64
	mean, m2 float64 // Welford
	// tab, ashift and akind are a copy of the author set's table for
	// add's inline probes (cellAux.authors is the set; syncAuthors
	// copies after every change of it): the exact slots' or sparse
	// sketch's words or the dense registers, 1<<ashift of them.
	tab unsafe.Pointer
	// The deltas are 16-bit lanes of three words, so that Add adds to
	// several of them with one 64-bit add (a lane never carries into the
	// next: it stays below 2^16):
	//   - wa: the posts delta (bits 0–15), the deltas of the posts of
	//     unknown-home (16–31) and outsider (32–47) authors (local
	//     posts, class 1, are not counted: they are never published),
	//     akind (48–55) and ashift (56–63);
	//   - wl: the delta of label l = 1…4 at bits 16(l−1) (Add counts no
	//     other label; label 0 is only a total, from a merge or
	//     decoding);
	//   - wp: the delta of platform ID i < cellPlatforms at bits 16i.
	wa, wl, wp uint64
}

// Lanes of seriesStats.wa.
const (
	laneClass  = 16 // + 16·(class>>1): unknown home, outsider
	laneAKind  = 48
	laneAShift = 56
	laneMask   = 1<<16 - 1
	countLanes = 1<<48 - 1 // the count lanes of wa
)

// classAdd[c] is what a post of an author of class c adds to
// seriesStats.wa: 1 in the posts lane, and 1 in the lane of class c but
// for a local author.
var classAdd = [4]uint64{classUnknown: 1 | 1<<laneClass, classLocal: 1, classOutsider: 1 | 1<<(laneClass+16)}

// lane returns the 16-bit lane of w at bit shift.
func lane(w uint64, shift uint) int64 { return int64(w >> (shift & 63) & laneMask) }

// hasHigh reports whether a lane of w (count lanes only) is deltaMax or
// more.
func hasHigh(w uint64) bool { return w&0x8000_8000_8000_8000 != 0 }

// akind returns the kind of the cell's author set.
func (st *seriesStats) akind() uint8 { return uint8(st.wa >> laneAKind) }

// postsDelta returns the delta of the cell's posts.
func (st *seriesStats) postsDelta() int64 { return lane(st.wa, 0) }

// Kinds of an author set, as seriesStats.akind.
const (
	authorsNone  = iota // empty (no table), or a profile column of a joint table
	authorsExact        // exact, a table of its own
	authorsJoint        // exact, profile 0's column of its row's joint table (see jointWords)
	authorsSparse
	authorsDense
)

// cellAux is the part of a cell that Add touches only for a new author
// or register, a flush or a rare count.
type cellAux struct {
	posts int64 // the posts flushed from seriesStats.wa's posts delta (and merged or decoded)
	// wf holds the deltas of Add's flag counts, flag i in the 16-bit lane
	// 16·(i%4) of wf[i/4] (a flag lane never exceeds the posts delta,
	// flushed at deltaMax): flags are common (a quarter of the
	// pipeline's posts), and their totals in cellCold took a cache line
	// more per cell, and the cellCold itself, than these two words.
	wf      [2]uint64
	cold    *cellCold // nil until needed
	authors authorSet
}

// cellCold is the part of a cell that Add rarely touches.
type cellCold struct {
	labels   [NumLabels]int64 // totals; label 0 at 0
	class    [2]int64         // totals of seriesStats.classPosts
	plat     [cellPlatforms]int64
	flags    [NumFlags]int64 // totals of cellAux.wf, merged and decoded counts
	morePlat []int64         // platform IDs ≥ cellPlatforms
}

// cell is a cell's two parts; its methods see the counts as totals plus
// deltas.
type cell struct {
	*seriesStats
	*cellAux
}

// deltaMax bounds the 16-bit deltas after a merge or decoding, and Add
// flushes when the posts delta reaches it: Add then adds at most 2^15 to
// a delta below 2^15 before the next flush.
const deltaMax = 1 << 15

// tabWord returns word i of an author table view (seriesStats.tab), i
// below its length.
func tabWord(tab unsafe.Pointer, i uint64) *uint32 { return (*uint32)(unsafe.Add(tab, i*4)) }

// syncAuthors copies the author set's table into st's view of it.
func (st *seriesStats) syncAuthors(a *authorSet) {
	switch {
	case a.w != 0 && a.col == 0:
		st.setTab(unsafe.Pointer(unsafe.SliceData(a.tab)), authorsJoint, len(a.tab))
	case a.w != 0: // a profile's column: the row's profile-0 cell probes the table
		st.setTab(nil, authorsNone, 1)
	case a.hll != nil:
		st.setTab(unsafe.Pointer(unsafe.SliceData(a.hll.reg)), authorsDense, len(a.hll.reg))
	case a.tab == nil:
		st.setTab(nil, authorsNone, 1)
	case a.p != 0:
		st.setTab(unsafe.Pointer(unsafe.SliceData(a.tab)), authorsSparse, len(a.tab))
	default:
		st.setTab(unsafe.Pointer(unsafe.SliceData(a.tab)), authorsExact, len(a.tab))
	}
}

func (st *seriesStats) setTab(tab unsafe.Pointer, kind uint8, n int) {
	st.tab = tab
	st.wa = st.wa&countLanes | uint64(kind)<<laneAKind | uint64(bits.TrailingZeros(uint(n)))<<laneAShift
}

// setAuthors replaces the cell's author set.
func (c cell) setAuthors(a authorSet) {
	c.authors = a
	c.syncAuthors(&c.authors)
}

// count returns the posts of the cell.
func (c cell) count() int64 { return c.cellAux.posts + c.postsDelta() }

// coldPart returns c.cold, allocating it when nil.
func (c cell) coldPart() *cellCold {
	if c.cold == nil {
		c.cold = new(cellCold)
	}
	return c.cold
}

// flush moves the deltas into the totals.
func (c cell) flush() {
	st := c.seriesStats
	c.cellAux.posts += st.postsDelta()
	st.wa &^= laneMask
	if st.wa&countLanes == 0 && st.wl == 0 && st.wp == 0 && c.wf == [2]uint64{} {
		return // no cellCold needed
	}
	x := c.coldPart()
	for i := range NumFlags {
		x.flags[i] += lane(c.wf[i>>2&1], uint(16*(i&3)))
	}
	c.wf = [2]uint64{}
	for i := range NumLabels - 1 {
		x.labels[i+1] += lane(st.wl, uint(16*i))
	}
	for i := range cellPlatforms {
		x.plat[i] += lane(st.wp, uint(16*i))
	}
	for i := range 2 {
		x.class[i] += lane(st.wa, uint(laneClass+16*i))
	}
	st.wa &^= countLanes
	st.wl, st.wp = 0, 0
}

// flushHigh flushes the deltas if one is deltaMax or more (before a merge
// adds to deltas below deltaMax, after which Add may add up to deltaMax
// before its flush).
func (c cell) flushHigh() {
	if st := c.seriesStats; hasHigh(st.wa&countLanes) || hasHigh(st.wl) || hasHigh(st.wp) {
		c.flush()
	}
}

// addDelta adds n to the count with delta the lane of *w at bit shift
// and total *total(): to the delta while it stays below deltaMax, else to
// the total.
func (c cell) addDelta(w *uint64, shift uint, total func(*cellCold) *int64, n int64) {
	if n >= 0 && lane(*w, shift)+n < deltaMax {
		*w += uint64(n) << (shift & 63)
		return
	}
	*total(c.coldPart()) += n
}

// addPosts adds n to the posts (to the total: a merge or decoding).
func (c cell) addPosts(n int64) { c.cellAux.posts += n }

// classPostsOf returns the posts of author class k (0 for classLocal).
func (c cell) classPostsOf(k uint32) int64 {
	if k == classLocal {
		return 0
	}
	n := lane(c.wa, uint(laneClass+16*(k>>1&1)))
	if c.cold != nil {
		n += c.cold.class[k>>1&1]
	}
	return n
}

// addClassPosts adds n posts of author class k (not classLocal).
func (c cell) addClassPosts(k uint32, n int64) {
	i := k >> 1 & 1
	c.addDelta(&c.wa, uint(laneClass+16*i), func(x *cellCold) *int64 { return &x.class[i] }, n)
}

// label returns the count of label l (0…NumLabels−1).
func (c cell) label(l int) int64 {
	var n int64
	if l > 0 {
		n = lane(c.wl, uint(16*(l-1)))
	}
	if c.cold != nil {
		n += c.cold.labels[l]
	}
	return n
}

// addLabel adds n to the count of label l (0…NumLabels−1).
func (c cell) addLabel(l int, n int64) {
	switch {
	case l > 0:
		c.addDelta(&c.wl, uint(16*(l-1)), func(x *cellCold) *int64 { return &x.labels[l] }, n)
	case n != 0:
		c.coldPart().labels[0] += n
	}
}

// flags returns the counts per flag bit.
func (c cell) flags() [NumFlags]int64 {
	var f [NumFlags]int64
	if c.cold != nil {
		f = c.cold.flags
	}
	for i := range f {
		f[i] += lane(c.wf[i>>2&1], uint(16*(i&3)))
	}
	return f
}

// platformPosts returns the posts of platform ID i.
func (c cell) platformPosts(i int) int64 {
	if i < cellPlatforms {
		n := lane(c.wp, uint(16*i))
		if c.cold != nil {
			n += c.cold.plat[i]
		}
		return n
	}
	if i -= cellPlatforms; c.cold != nil && i < len(c.cold.morePlat) {
		return c.cold.morePlat[i]
	}
	return 0
}

// numPlatforms returns one more than the largest platform ID the cell
// may have posts of.
func (c cell) numPlatforms() int {
	if c.cold != nil {
		return cellPlatforms + len(c.cold.morePlat)
	}
	return cellPlatforms
}

// addPlatform adds n posts of platform ID i.
func (c cell) addPlatform(i int, n int64) {
	if i < cellPlatforms {
		c.addDelta(&c.wp, uint(16*i), func(x *cellCold) *int64 { return &x.plat[i] }, n)
		return
	}
	x := c.coldPart()
	i -= cellPlatforms
	if i >= len(x.morePlat) {
		x.morePlat = append(x.morePlat, make([]int64, i+1-len(x.morePlat))...)
	}
	x.morePlat[i] += n
}

// cellUpdate is one observation's contribution to each of its cells,
// computed once per observation.
type cellUpdate struct {
	w, x      float64
	author    authorKey
	pi        int    // platform ID
	pn        uint16 // 1 when pi < cellPlatforms (counted inline), else 0
	flags     uint16
	wp, wl    uint64 // added to seriesStats.wp and wl: 1 in the lanes of pi and the label, when counted inline
	scored    bool
	hasAuthor bool
	rare      bool // flags ≠ 0 or pn = 0 (addRare)
	exact     int
}

// setPlatform sets u's platform ID.
func (u *cellUpdate) setPlatform(pi int) {
	u.pi, u.pn, u.wp = pi, 0, 0
	if uint(pi) < cellPlatforms {
		u.pn, u.wp = 1, 1<<(16*uint(pi)&63)
	}
	u.rare = u.flags != 0 || u.pn == 0
}

// setLabel sets u's label (l = 1…4 is counted, with u.scored).
func (u *cellUpdate) setLabel(l int) {
	u.wl = 0
	if u.scored && uint(l-1) < NumLabels-1 {
		u.wl = 1 << (16 * uint(l-1) & 63)
	}
}

// cellRef is a cell of an observation, the author's class at the cell's
// level and the cell's row.
type cellRef struct {
	ci, ri int32
	class  uint32
}

// add adds u to the cell st of s for an author of class c (addCounts,
// then the author). It is one function without loops over cells, so
// that the compiler keeps u's values in registers; the rare parts
// (flags, platforms beyond the inline ones, a flush, a new author or
// register) are calls, the only ones to touch the cell's cellAux (found
// by st's index, s.auxOf: cheaper than passing it to every call). The author set's
// common cases are inline, through st's view of its table: a sketch
// register or an exact author found by probing, or a dense register.
//
// covered reports that the author was in the set already with class c
// or higher (an exact set), or that the sketch register was at least
// the author's (a sketch), so that the set is unchanged.
func (st *seriesStats) add(u *cellUpdate, c uint32, s *Series) (covered bool) {
	// addCounts, written out (too large to be inlined; keep the two
	// alike).
	st.wa += classAdd[c&3]
	st.weighted += u.w
	st.wp += u.wp
	st.wl += u.wl
	if u.scored {
		st.scored++
		d := u.x - st.mean
		st.mean += d / float64(st.scored)
		st.m2 += d * (u.x - st.mean)
	}
	if u.rare || uint16(st.wa) == deltaMax {
		cell{st, s.auxOf(st)}.addRare(u)
	}
	if !u.hasAuthor {
		return false
	}
	// The table through word pointers (tabWord), without slices: its
	// length is 1<<ashift, and every index is masked with it. The order
	// of the tests is that of the authorSet fields before this view
	// (sketch or not first), which mispredicts fewer branches in
	// cachegrind's predictor than a switch on akind.
	n := uint64(1) << (st.wa >> laneAShift & 31)
	if kind := st.akind(); kind >= authorsSparse {
		if v, idx := u.author.v|uint16(c), u.author.idx; kind == authorsSparse { // authorSet.addSparse
			mask := uint32(n - 1)
			for j := idx & mask; ; j = (j + 1) & mask {
				p := tabWord(st.tab, uint64(j))
				e := *p
				if e == 0 {
					s.addNew(st, u, c, uint64(j))
					return false
				}
				if e>>16 == idx {
					// The register raised without a branch (a store of
					// the same value when not: whether it rises is as
					// good as random).
					*p = max(e, idx<<16|uint32(v))
					return v <= uint16(e)
				}
			}
		} else { // dense registers
			r := (*uint16)(unsafe.Add(st.tab, uint64(idx&uint32(n-1))*2))
			old := *r
			*r = max(old, v) // without a branch, as for a sparse sketch
			return v <= old
		}
	} else if kind == authorsExact { // authorSet.addExact
		// Slots by word index w (authorSlot's words), which compiles to
		// fewer instructions than the authorSlot pointers of addExact.
		h := u.author.h
		wmask := n - slotWords
		for w := h * slotWords & wmask; ; w = (w + slotWords) & wmask {
			p := tabWord(st.tab, w)
			k := uint64(*p) | uint64(*tabWord(st.tab, w+1))<<32
			if k == h {
				p = tabWord(st.tab, w+2)
				m := *p
				*p = max(m>>metaClassShft, c)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
				return m>>metaClassShft >= c
			}
			if k == 0 {
				s.addNew(st, u, c, w)
				return false
			}
		}
	}
	s.addNew(st, u, c, 0) // no table yet
	return false
}

// addNew adds the author of u with class c to the set of cell st, which
// has not the author (an exact set) or its register (a sparse sketch):
// at word w of its table, the empty one the caller's probe ended at,
// when the set has room (no table to grow, no exact set to sketch);
// otherwise as authorSet.addHash.
//
//go:noinline
func (s *Series) addNew(st *seriesStats, u *cellUpdate, c uint32, w uint64) {
	a := &s.auxOf(st).authors
	switch kind := st.akind(); {
	case kind == authorsSparse && int(a.n+1)*sparseLoadDenom <= sparseLoadNum*len(a.tab): // as addSparse
		a.tab[w] = u.author.idx<<16 | uint32(u.author.v|uint16(c))
		a.n++
	case kind == authorsExact && int(a.n) < u.exact && uint64(a.n+1)*4 <= 3*exactSlots(a.tab): // as addExact
		slot(a.tab, w/slotWords).set(u.author.h, c<<metaClassShft|1)
		a.n++
	default:
		a.addHash(&u.author, c, 1, u.exact, &s.tabs)
		st.syncAuthors(a)
	}
}

// addCounts adds u to the cell's counts, not to its author set: add
// without the author, for a profile-0 cell whose sketch holds the
// author's register (see addFast). add has the same code written out.
func (st *seriesStats) addCounts(u *cellUpdate, c uint32, s *Series) {
	// One add for the posts and the class's posts (classAdd): no branch
	// on the class, which varies from cell to cell.
	st.wa += classAdd[c&3]
	st.weighted += u.w
	// The inline platform's and the label's lanes as unconditional adds
	// of u's words (0 when not counted inline): no branches.
	st.wp += u.wp
	st.wl += u.wl
	if u.scored {
		st.scored++
		d := u.x - st.mean
		st.mean += d / float64(st.scored)
		st.m2 += d * (u.x - st.mean)
	}
	if u.rare || uint16(st.wa) == deltaMax {
		cell{st, s.auxOf(st)}.addRare(u)
	}
}

// flagLanes[f] has bit i of f (0–3) in the 16-bit lane 16·i (the lanes
// of cellAux.wf).
var flagLanes = func() (t [16]uint64) {
	for f := range t {
		for i := range 4 {
			t[f] |= uint64(f>>i&1) << (16 * i)
		}
	}
	return t
}()

// addRare adds u's flags and a platform beyond the inline ones, and
// flushes the deltas when the posts delta has reached deltaMax (after
// this post's counts, as the bound on the deltas assumes).
func (c cell) addRare(u *cellUpdate) {
	if u.pn == 0 {
		c.addPlatform(u.pi, 1)
	}
	// The flags' bits 0–3 and 4–7 spread to the 16-bit lanes of a word
	// each, without a loop or branch.
	c.wf[0] += flagLanes[u.flags&15]
	c.wf[1] += flagLanes[u.flags>>4&15]
	if c.postsDelta() >= deltaMax {
		c.flush()
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
	// The top bits of a product depend on all bits of its factors:
	// two multiplications, no shifts.
	x := (k1 ^ bits.RotateLeft64(k2, 31)*0x9e3779b97f4a7c15 ^ uint64(n)) * 0xbf58476d1ce4e5b9
	return (x ^ bits.RotateLeft64(x, 32) ^ tail) * 0x94d049bb133111eb
}

func rowHash(a geo.AreaID, tail uint64) uint64 {
	k1, k2 := areaWords(a)
	return rowMix(k1, k2, len(a), tail)
}

// fastRefs is the most area references addFast takes: 12, the most the
// pipeline's observations have (with 8, the 4 % of them with 9 or more
// took the general path every time; 16 cost the steady state 10 more
// instructions than 12 to zero addFast's rows and spill its registers).
const fastRefs = 12

// addFast is Add for the steady state: when every row and cell of the
// observation exists, every area ID has at most 16 bytes, the
// observation has at most fastRefs references and its profile IDs are
// the bits of pm, all below rowProfiles, it adds u to the cells and
// returns true; otherwise it changes nothing and returns false. The area
// loop makes no calls (the Go compiler would spill its state around
// each call) and compares area IDs by their words (areaWords, loaded
// inline here) instead of as strings; a row's have bits tell at once
// whether all the profiles' cells exist.
func (s *Series) addFast(areas []AreaRef, b int64, pm uint8, u *cellUpdate) bool {
	if len(areas) > fastRefs {
		return false
	}
	// One short loop per area: words, hash and probe, with few live
	// values so that the compiler keeps them in registers. homes[l] is
	// the area index of the author's home at level l (0: unknown).
	var rows [fastRefs]*seriesRow
	var homes [9]uint32
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
	// The loop goes over the rows alone, so that the areas need not be
	// kept (and reloaded after every call): the level is the row's.
	var seen uint64
	found := rows[:len(areas)]
	for i, r := range found {
		bit := uint64(1) << (uintptr(unsafe.Pointer(r)) >> 6 & 63)
		if seen&bit != 0 && slices.Contains(found[:i], r) {
			continue
		}
		seen |= bit
		class := classOf(&homes, geo.Level(r.tail>>8), r.aid)
		if r.have&rowJoint != 0 {
			// The row's exact sets share one table (see jointWords): the
			// profile cells' counts, then profile 0's counts and the one
			// probe for all of them.
			if q := pm &^ 1; q&(q-1) == 0 { // none or one
				if q != 0 {
					cells[r.cells[bits.TrailingZeros8(q)]-1].addCounts(u, class, s)
				}
			} else {
				for ; q != 0; q &= q - 1 {
					cells[r.cells[bits.TrailingZeros8(q)]-1].addCounts(u, class, s)
				}
			}
			cells[r.cells[0]-1].addJoint(u, class, pm, r, s)
			continue
		}
		// The matched profiles' cells first, then profile 0's (profs[0]):
		// when one of them held the author already and profile 0's
		// author set is a sketch, its register is high enough (see
		// Series.subsets), and only its counts are added: no probe of
		// its table, a cache miss and a mispredicted branch or two.
		// Without a loop for the usual none or one matched profile: a
		// loop's state is saved and reloaded around every call.
		covered := false
		if q := pm &^ 1; q&(q-1) == 0 { // none or one
			if q != 0 {
				covered = cells[r.cells[bits.TrailingZeros8(q)]-1].add(u, class, s)
			}
		} else {
			for ; q != 0; q &= q - 1 {
				if cells[r.cells[bits.TrailingZeros8(q)]-1].add(u, class, s) {
					covered = true
				}
			}
		}
		if st := &cells[r.cells[0]-1]; covered && subsets && st.akind() >= authorsSparse {
			st.addCounts(u, class, s)
		} else {
			st.add(u, class, s)
		}
	}
	return true
}

// classOf returns the class of an author whose home area index at each
// level is homes[level] (0: unknown; homes[8], for every level from 8
// on, stays 0) in a cell of area index aid (never 0). Without branches
// (conditional moves): whether the home is the cell's area varies from
// row to row, and a branch on it mispredicted about once per
// observation.
func classOf(homes *[9]uint32, level geo.Level, aid uint32) uint32 {
	l := uint(level)
	if l > 8 {
		l = 8
	}
	h := homes[l]
	c := classOutsider
	if h == aid {
		c = classLocal
	}
	if h == 0 {
		c = classUnknown
	}
	return c
}

// rowOf returns the index of the row (a, tail), creating it if needed
// (the general path; see addFast).
func (s *Series) rowOf(a geo.AreaID, tail uint64) int32 {
	if 4*(len(s.rows)+1) > len(s.rowTab) {
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
// rows, and makes room for as many rows as the table takes (a quarter
// of its slots): doubling, where append grew the rows by a quarter from
// 256 of them and left them a third of their bytes unused in the
// pipeline's series (1,408 rows of room for 960).
func (s *Series) growRows() {
	n := max(64, 2*len(s.rowTab))
	s.rows = growTo(s.rows, n/4)
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
// if needed; found reports whether it existed. With join (Add's cells),
// a new profile cell of a row whose profile-0 set is exact takes a
// column of the row's joint author table (joinCell).
func (s *Series) cellOf(ri int32, pid uint32, join bool) (ci int32, found bool) {
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
	if len(s.cells) == cap(s.cells) {
		s.growCells()
	}
	s.cells = append(s.cells, seriesStats{})
	s.aux = append(s.aux, cellAux{})
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
	if join && pid > 0 && pid < rowProfiles {
		s.joinCell(r, ci, pid)
	}
	return ci, false
}

// growCells makes room for more cells in both of their slices: by a
// sixteenth (append's quarter, in two slices, left more memory unused
// than the one slice of 128-byte cells had), but by at least 64 cells
// and, up to 1,024 of them, doubling. Growing by a sixteenth from the
// start copied each cell about 16 times while a series filled (the
// pipeline's 2,000 cells: 19,000 copies of 120 bytes, the cells' new
// lines missing every cache level); doubling copies them once, and
// leaves at most 1,024 cells (120 KB) unused.
func (s *Series) growCells() {
	n := len(s.cells) + max(len(s.cells)/16, min(len(s.cells), 1024), 64)
	// The keys with them, not by append's quarter.
	s.cells, s.aux, s.keys = growTo(s.cells, n), growTo(s.aux, n), growTo(s.keys, n)
}

// growTo returns s with a capacity of n (when it has less): exactly n,
// where append and slices.Grow round up by their own rules.
func growTo[E any](s []E, n int) []E {
	if cap(s) >= n {
		return s
	}
	t := make([]E, len(s), n)
	copy(t, s)
	return t
}

// cell returns the cell of k, creating it if needed; found reports
// whether it existed.
func (s *Series) cell(k seriesKey) (cell, bool) {
	ri := s.rowOf(s.areas[k.area()], k[1])
	ci, found := s.cellOf(ri, k.profile(), false)
	return s.at(int(ci)), found
}

// auxOf returns the cellAux of cell st (an element of s.cells).
func (s *Series) auxOf(st *seriesStats) *cellAux {
	i := (uintptr(unsafe.Pointer(st)) - uintptr(unsafe.Pointer(unsafe.SliceData(s.cells)))) / unsafe.Sizeof(*st)
	return &s.aux[i]
}

// at returns cell i.
func (s *Series) at(i int) cell {
	return cell{&s.cells[i], &s.aux[i]}
}

// jointWords is the number of words of a slot of a row's joint author
// table: the author hash (two words) and a meta word (as an exact slot's:
// class and posts; 0 when absent) for each of the row's inline profile
// IDs, 0 to rowProfiles−1, by profile ID.
//
// A row's cells for those profiles keep their exact author sets in one
// table while the profile-0 set (all posts, which holds every author of
// the row) is exact: the row's first profile cell made by Add turns the
// profile-0 set's table into a joint one (joinCell), and each inline
// profile cell made after it takes its column. An observation then
// probes one table a row instead of one a cell (addJoint): one cache
// line and one probe loop for the row's profile-0 cell and its matched
// profiles' cells. When the profile-0 set is to take more than
// ExactAuthors authors, or a profile cell an author that profile 0 has
// not (only after UnmarshalBinary), or before a Merge into the series,
// the row's sets are split into sets of their own (unjoin), exactly
// those the cells would have had. Results, MarshalBinary and Merge read
// a column as the set it stands for (authorSet.exactEach).
const jointWords = 8

// addJoint adds u to profile-0 cell st of row r, whose author set is a
// joint table (authorsJoint), and the author to the table's columns of
// the profiles in pm (profile 0 among them): addCounts, then one probe
// for the row. The counts of the other profiles' cells are added by the
// caller.
func (st *seriesStats) addJoint(u *cellUpdate, c uint32, pm uint8, r *seriesRow, s *Series) {
	// addCounts, written out (keep the two alike).
	st.wa += classAdd[c&3]
	st.weighted += u.w
	st.wp += u.wp
	st.wl += u.wl
	if u.scored {
		st.scored++
		d := u.x - st.mean
		st.mean += d / float64(st.scored)
		st.m2 += d * (u.x - st.mean)
	}
	if u.rare || uint16(st.wa) == deltaMax {
		cell{st, s.auxOf(st)}.addRare(u)
	}
	if !u.hasAuthor {
		return
	}
	// As add's exact probe, with jointWords words a slot.
	n := uint64(1) << (st.wa >> laneAShift & 31)
	h := u.author.h
	wmask := n - jointWords
	for w := h * jointWords & wmask; ; w = (w + jointWords) & wmask {
		k := uint64(*tabWord(st.tab, w)) | uint64(*tabWord(st.tab, w+1))<<32
		if k == h {
			// Profile 0's column holds every author of the table.
			p := tabWord(st.tab, w+2)
			m := *p
			*p = max(m>>metaClassShft, c)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
			for q := pm &^ 1; q != 0; q &= q - 1 {
				col := uint64(bits.TrailingZeros8(q))
				p := tabWord(st.tab, w+2+col)
				m := *p
				if m == 0 { // a new author of that profile's cell
					s.aux[r.cells[col]-1].authors.n++
				}
				*p = max(m>>metaClassShft, c)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
			}
			return
		}
		if k == 0 {
			s.jointInsert(r, u, c, pm, w)
			return
		}
	}
}

// jointInsert adds the author of u, who is not in row r's joint table,
// with class c to the columns of the profiles in pm (profile 0 among
// them): at word w, the empty slot the caller's probe ended at, or
// after growing the table as an exact set's; or, when profile 0 has
// ExactAuthors authors already, splits the row's sets (unjoin) and adds
// the author to each of the cells' own sets.
func (s *Series) jointInsert(r *seriesRow, u *cellUpdate, c uint32, pm uint8, w uint64) {
	a := &s.aux[r.cells[0]-1].authors
	if int(a.n) >= u.exact {
		s.unjoin(r, true)
		for q := pm; q != 0; q &= q - 1 {
			ci := r.cells[bits.TrailingZeros8(q)] - 1
			x := &s.aux[ci].authors
			x.addHash(&u.author, c, 1, u.exact, &s.tabs)
			s.cells[ci].syncAuthors(x)
		}
		return
	}
	i := w / jointWords
	if uint64(a.n+1)*4 > 3*uint64(len(a.tab)/jointWords) { // as addExact
		s.jointGrow(r)
		mask := uint64(len(a.tab)/jointWords - 1)
		i = u.author.h & mask
		for a.tab[i*jointWords] != 0 || a.tab[i*jointWords+1] != 0 {
			i = (i + 1) & mask
		}
	}
	sl := a.tab[i*jointWords : (i+1)*jointWords]
	sl[0], sl[1] = uint32(u.author.h), uint32(u.author.h>>32)
	for q := pm; q != 0; q &= q - 1 {
		col := bits.TrailingZeros8(q)
		sl[2+col] = c<<metaClassShft | 1
		s.aux[r.cells[col]-1].authors.n++
	}
}

// jointGrow doubles row r's joint table.
func (s *Series) jointGrow(r *seriesRow) {
	old := s.aux[r.cells[0]-1].authors.tab
	tab := s.tabs.make(2 * len(old))
	mask := uint64(len(tab)/jointWords - 1)
	for j := 0; j < len(old); j += jointWords {
		h := uint64(old[j]) | uint64(old[j+1])<<32
		if h == 0 {
			continue
		}
		i := h & mask
		for tab[i*jointWords] != 0 || tab[i*jointWords+1] != 0 {
			i = (i + 1) & mask
		}
		copy(tab[i*jointWords:(i+1)*jointWords], old[j:j+jointWords])
	}
	for q := r.have & (1<<rowProfiles - 1); q != 0; q &= q - 1 {
		ci := r.cells[bits.TrailingZeros8(q)] - 1
		if x := &s.aux[ci].authors; x.w != 0 {
			x.tab = tab
			s.cells[ci].syncAuthors(x)
		}
	}
	s.tabs.put(old)
}

// joinCell gives the new cell ci of profile pid (1 to rowProfiles−1) of
// row r a column of the row's joint author table, making the profile-0
// set's table one when the row has no other inline profile cell and
// that set is exact; otherwise the cell keeps a set of its own.
func (s *Series) joinCell(r *seriesRow, ci int32, pid uint32) {
	if !s.joint || r.have&1 == 0 {
		return
	}
	o := &s.aux[r.cells[0]-1].authors
	if o.w == 0 {
		if r.have&(1<<rowProfiles-1) != 1|1<<pid || o.p != 0 || o.hll != nil {
			return
		}
		// The exact slots to joint ones at the same slot indices (the
		// same probe sequences), profile 0's meta in column 0.
		slots := max(8, exactSlots(o.tab))
		tab := s.tabs.make(int(slots) * jointWords)
		for j := range exactSlots(o.tab) {
			copy(tab[j*jointWords:j*jointWords+3], slot(o.tab, j)[:3])
		}
		s.tabs.put(o.tab)
		*o = authorSet{tab: tab, n: o.n, w: jointWords}
		s.cells[r.cells[0]-1].syncAuthors(o)
		r.have |= rowJoint
	}
	x := &s.aux[ci].authors
	*x = authorSet{tab: o.tab, w: jointWords, col: uint8(pid)}
	s.cells[ci].syncAuthors(x)
}

// jointAddCell adds the author of u with class c to the set of cell ci
// of row r, a column of the row's joint table (Add's general path, one
// cell at a time; its counts are added by the caller).
func (s *Series) jointAddCell(r *seriesRow, ci int32, u *cellUpdate, c uint32) {
	col := uint64(s.aux[ci].authors.col)
	tab := s.aux[r.cells[0]-1].authors.tab
	h := u.author.h
	mask := uint64(len(tab)/jointWords - 1)
	i := h & mask
	for ; ; i = (i + 1) & mask {
		sl := tab[i*jointWords : (i+1)*jointWords]
		k := uint64(sl[0]) | uint64(sl[1])<<32
		if k == h {
			m := sl[2+col]
			if m == 0 {
				s.aux[ci].authors.n++
			}
			sl[2+col] = max(m>>metaClassShft, c)<<metaClassShft | min(m&metaPostsMask+1, metaPostsMask)
			return
		}
		if k == 0 {
			break
		}
	}
	if col == 0 {
		s.jointInsert(r, u, c, 1, i*jointWords)
		return
	}
	// An author of a profile's cell that profile 0 has not (possible
	// after UnmarshalBinary only): the sets go their own ways.
	s.unjoin(r, false)
	x := &s.aux[ci].authors
	x.addHash(&u.author, c, 1, u.exact, &s.tabs)
	s.cells[ci].syncAuthors(x)
}

// unjoin gives each cell of row r with a column of the row's joint table
// a set of its own with the column's authors, in a table of the size
// they need, filling all of them in one pass over the joint table. With
// sketch0 (profile 0 is full and about to take another author), profile
// 0's set is made the sketch that author would turn it into, without
// building the exact set first.
func (s *Series) unjoin(r *seriesRow, sketch0 bool) {
	r.have &^= rowJoint
	var sets [rowProfiles]authorSet
	var tab []uint32
	cols := uint8(0) // the columns with authors
	for q := r.have & (1<<rowProfiles - 1); q != 0; q &= q - 1 {
		col := bits.TrailingZeros8(q)
		x := &s.aux[r.cells[col]-1].authors
		if x.w == 0 || x.n == 0 {
			continue
		}
		tab, cols = x.tab, cols|1<<col
		if sketch0 && col == 0 {
			sets[col].initSketch(s.cfg.p, int(x.n), &s.tabs)
		} else {
			sets[col].initExact(int(x.n), &s.tabs)
		}
	}
	for j := 0; j+jointWords <= len(tab); j += jointWords {
		sl := tab[j : j+jointWords]
		h := uint64(sl[0]) | uint64(sl[1])<<32
		if h == 0 {
			continue
		}
		for q := cols; q != 0; q &= q - 1 {
			col := bits.TrailingZeros8(q)
			if m := sl[2+col]; m != 0 {
				if a := &sets[col]; a.p != 0 {
					a.addAuthorReg(h, m, &s.tabs)
				} else {
					a.addExact(h, m>>metaClassShft, m&metaPostsMask, s.cfg.exact, &s.tabs)
				}
			}
		}
	}
	for q := r.have & (1<<rowProfiles - 1); q != 0; q &= q - 1 {
		col := bits.TrailingZeros8(q)
		ci := r.cells[col] - 1
		if x := &s.aux[ci].authors; x.w != 0 {
			*x = sets[col]
			s.cells[ci].syncAuthors(x)
		}
	}
	s.tabs.put(tab)
}

// unjoinAll unjoins every row (before Merge changes cells).
func (s *Series) unjoinAll() {
	for i := range s.rows {
		if r := &s.rows[i]; r.have&rowJoint != 0 {
			s.unjoin(r, false)
		}
	}
}
