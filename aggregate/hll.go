package aggregate

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/socialgeo/socialgeo/internal/le"
)

// HLL precisions accepted by [NewHLL].
const (
	MinHLLPrecision     = 4
	MaxHLLPrecision     = 16
	DefaultHLLPrecision = 12
)

// ErrHLLMismatch is returned by [HLL.Merge] for sketches of different
// precision.
var ErrHLLMismatch = errors.New("aggregate: HyperLogLog precisions differ")

// HLL is a HyperLogLog distinct-count sketch (Flajolet, Fusy, Gandouet,
// Meunier 2007) over 64-bit hashes, with m = 2^p two-byte registers.
// The estimate has relative standard error ≈ 1.04/√m: 1.63 % for the
// default p = 12 (8 KiB), 3.25 % for p = 10 (2 KiB), 0.41 % for p = 16
// (128 KiB). Small cardinalities (estimate ≤ 2.5·m with empty registers)
// use linear counting, m·ln(m/V) for V empty registers, which is nearly
// exact there; with 64-bit hashes no large-range correction is needed.
//
// Merge takes the register-wise maximum, so it is commutative,
// associative and idempotent, and a merged sketch is identical to one
// built from the union of the inputs.
//
// An HLL is not safe for concurrent use. The zero value is not usable;
// use [NewHLL].
type HLL struct {
	p uint8
	// reg holds rank<<10 | sub<<2 | tag per register: the HyperLogLog
	// rank, 8 further hash bits that break ties between items of equal
	// rank, and the tag (0–2) of the item that set the register (see
	// [Series]: unknown-home, local or outsider author). The register-wise
	// maximum merges all three, and because the winning item is a uniform
	// draw among the items of the register, independent of its tag, the
	// tags of the non-empty registers estimate the share of each class
	// among the distinct items without bias (binomial error over the
	// non-empty registers).
	reg []uint16
}

// NewHLL returns an empty sketch with precision p (4…16; 0 means
// [DefaultHLLPrecision]).
func NewHLL(p int) (*HLL, error) {
	if p == 0 {
		p = DefaultHLLPrecision
	}
	if p < MinHLLPrecision || p > MaxHLLPrecision {
		return nil, fmt.Errorf("aggregate: HyperLogLog precision %d outside [%d, %d]", p, MinHLLPrecision, MaxHLLPrecision)
	}
	return &HLL{p: uint8(p), reg: make([]uint16, 1<<p)}, nil
}

// Precision returns p.
func (h *HLL) Precision() int { return int(h.p) }

// AddHash adds a 64-bit hash (a well-mixed hash of the item, e.g. of an
// author key) to the sketch.
func (h *HLL) AddHash(x uint64) { h.addTagged(x, 0) }

func (h *HLL) addTagged(x uint64, tag uint8) {
	i := x >> (64 - h.p)
	w := x<<h.p | 1<<(h.p-1) // guard bit bounds the rank at 64−p+1
	v := (uint16(bits.LeadingZeros64(w))+1)<<10 | uint16(uint8(x))<<2 | uint16(tag)
	if v > h.reg[i] {
		h.reg[i] = v
	}
}

// AddString adds the string s, hashed as [Series] hashes author keys.
func (h *HLL) AddString(s string) { h.AddHash(hash64(s)) }

// Estimate returns the estimated number of distinct hashes added.
func (h *HLL) Estimate() float64 {
	e, _, _ := h.stats()
	return e
}

// pow2neg[r] = 2^−r for the ranks 0…63.
var pow2neg = func() (t [64]float64) {
	for r := range t {
		t[r] = math.Ldexp(1, -r)
	}
	return t
}()

// stats returns the estimate and, per tag, the number of non-empty
// registers whose rank was set by an item with that tag, and the number
// of non-empty registers (in one pass over the registers).
func (h *HLL) stats() (est float64, tags [3]int, nonEmpty int) {
	var hist [64]int32 // registers per rank
	var tagged [4]int32
	for _, v := range h.reg {
		hist[(v>>10)&63]++
		tagged[v&3]++ // an empty register is 0: counted as tag 0 below
	}
	return hllStats(len(h.reg), &hist, &tagged)
}

// hllStats computes stats from the number of registers m, the registers
// per rank and per tag (empty registers counted as rank 0 and tag 0).
func hllStats(regs int, hist *[64]int32, tagged *[4]int32) (est float64, tags [3]int, nonEmpty int) {
	m := float64(regs)
	zeros := int(hist[0])
	tags = [3]int{int(tagged[0]) - zeros, int(tagged[1]), int(tagged[2])}
	nonEmpty = regs - zeros
	var sum float64
	for r := 63; r >= 0; r-- {
		sum += float64(hist[r]) * pow2neg[r]
	}
	var alpha float64
	switch regs {
	case 16:
		alpha = 0.673
	case 32:
		alpha = 0.697
	case 64:
		alpha = 0.709
	default:
		alpha = 0.7213 / (1 + 1.079/m)
	}
	est = alpha * m * m / sum
	if est <= 2.5*m && zeros > 0 {
		est = m * math.Log(m/float64(zeros))
	}
	return est, tags, nonEmpty
}

// Count returns the rounded estimate.
func (h *HLL) Count() int64 { return int64(math.Round(h.Estimate())) }

// Merge folds o into h (register-wise maximum). It returns
// [ErrHLLMismatch] when the precisions differ.
func (h *HLL) Merge(o *HLL) error {
	if h.p != o.p {
		return ErrHLLMismatch
	}
	for i, v := range o.reg {
		if v > h.reg[i] {
			h.reg[i] = v
		}
	}
	return nil
}

// Clone returns a deep copy of h.
func (h *HLL) Clone() *HLL {
	return &HLL{p: h.p, reg: slices.Clone(h.reg)}
}

const hllMagic = "SGhll"
const hllVersion = 1

// MarshalBinary encodes the sketch exactly (version 1): magic "SGhll",
// version byte, p, then the 2^p registers (rank<<10 | tie-break<<2 |
// tag) as little-endian uint16.
func (h *HLL) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, len(hllMagic)+2+2*len(h.reg))
	b = append(b, hllMagic...)
	b = append(b, hllVersion, h.p)
	return appendRegisters(b, h.reg), nil
}

func appendRegisters(b []byte, reg []uint16) []byte {
	for _, v := range reg {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

// UnmarshalBinary decodes the output of [HLL.MarshalBinary], replacing
// h. Malformed input gives an error wrapping [ErrBadEncoding]; h is then
// unchanged.
func (h *HLL) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	x, err := r.hll()
	if err == nil && len(r.b) != 0 {
		err = fmt.Errorf("%w: trailing bytes", ErrBadEncoding)
	}
	if err != nil {
		return err
	}
	*h = *x
	return nil
}

func (r *reader) hll() (*HLL, error) {
	if string(r.bytes(uint64(len(hllMagic)), "magic")) != hllMagic {
		return nil, fmt.Errorf("%w: not a HyperLogLog", ErrBadEncoding)
	}
	hd := r.bytes(2, "hll header")
	if r.err != nil {
		return nil, r.err
	}
	if hd[0] != hllVersion {
		return nil, fmt.Errorf("%w: HyperLogLog version %d", ErrBadEncoding, hd[0])
	}
	p := hd[1]
	if p < MinHLLPrecision || p > MaxHLLPrecision {
		return nil, fmt.Errorf("%w: HyperLogLog precision %d", ErrBadEncoding, p)
	}
	reg := r.registers(p)
	if r.err != nil {
		return nil, r.err
	}
	return &HLL{p: p, reg: reg}, nil
}

// registers reads and checks 2^p registers: rank ≤ 65−p, tag ≤ 2, and
// an empty register is 0.
func (r *reader) registers(p uint8) []uint16 {
	raw := r.bytes(2<<p, "registers")
	if r.err != nil {
		return nil
	}
	reg := make([]uint16, 1<<p)
	for i := range reg {
		v := binary.LittleEndian.Uint16(raw[2*i:])
		if v>>10 > uint16(65-p) || v&3 > 2 || (v>>10 == 0 && v != 0) {
			r.fail("HyperLogLog register")
			return nil
		}
		reg[i] = v
	}
	return reg
}

// hash64 hashes an author key for [Series] and [Indicator]: 8 bytes at
// a time with multiply–rotate rounds and the murmur3 fmix64 finaliser
// (deterministic across processes, so sketches from different machines
// merge). It does not allocate.
func hash64(s string) uint64 {
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	for ; len(s) >= 8; s = s[8:] {
		h = bits.RotateLeft64(h^(le.Uint64(s)*0xbf58476d1ce4e5b9), 31) * 0x94d049bb133111eb
	}
	// The last 0–7 bytes little-endian (as a byte loop would): from 4
	// bytes on as two overlapping 4-byte words, whose shared bytes agree.
	var w uint64
	switch n := len(s); {
	case n >= 4:
		w = uint64(le.Uint32(s)) | uint64(le.Uint32(s[n-4:]))<<(8*(n-4))
	case n > 0:
		w = uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	h = bits.RotateLeft64(h^(w*0xbf58476d1ce4e5b9), 31) * 0x94d049bb133111eb
	return fmix64(h)
}

// fmix64 is the murmur3 finaliser: it spreads every input bit over the
// whole word.
func fmix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// Author classes of the representativeness counts: the author's home area
// at the cell's level is unknown, is the cell's area, or is elsewhere.
// When one author is seen with different classes the largest wins
// (outsider over local over unknown), so the result does not depend on
// the order of Add and Merge.
const (
	classUnknown uint32 = iota
	classLocal
	classOutsider
)

const (
	metaPostsMask = 1<<30 - 1
	metaClassShft = 30
)

// authorSet counts the distinct authors of a cell: exactly (open
// addressing over 64-bit author hashes, with each author's post count and
// class) up to a threshold, then with a tagged HyperLogLog sketch whose
// register tags estimate the outsider and unknown-home shares. Hash 0 is
// stored as 1 (0 marks an empty slot).
//
// A sketch starts sparse: only its non-empty registers, in an
// open-addressing table of index<<16 | register (4 bytes a slot, load
// ≤ ¾), which holds the same registers as the dense array in a fraction
// of its memory while few registers are set (a cell with a few hundred
// authors uses 1–2 KiB instead of 8 KiB at p = 12). It turns dense (an
// [HLL]) once the table would be as large as the array. Estimates,
// merges and the encoding (always the dense registers) do not depend on
// the form.
//
// The exact and the sparse form share one table slice, so that the set
// takes 40 bytes in a cell (see seriesStats): p is 0 while the set is
// exact, and hll is set once it is dense.
type authorSet struct {
	// tab is the exact set's slots (authorSlot: slotWords words each, a
	// power of two ≥ 8 slots) or the sparse sketch's (one word each, a
	// power of two); nil when empty or dense. For a column of a joint
	// table (w ≠ 0), the table shared by the cells of a Series row.
	tab []uint32
	hll *HLL  // dense sketch
	n   int32 // exact: authors; sparse: registers set
	p   uint8 // precision, once sketched; 0 while exact
	// w and col are set for an exact set kept as column col of a table
	// of w words a slot shared by the cells of a Series row (see
	// jointWords): the slot's author hash, then one meta word per column
	// (0 when the author is not in that column's set); 0 for a set of
	// its own. Only Series changes such a set.
	w, col uint8
}

// slotWords is the number of table words of an exact slot.
const slotWords = 4

// authorSlot is an exact slot: the author hash (low word first; 0 when
// empty), its meta (class<<30 | min(posts, 2^30−1)) and an unused word.
type authorSlot [slotWords]uint32

func (sl *authorSlot) key() uint64 { return uint64(sl[0]) | uint64(sl[1])<<32 }

func (sl *authorSlot) set(key uint64, meta uint32) {
	sl[0], sl[1], sl[2] = uint32(key), uint32(key>>32), meta
}

// slot returns exact slot i of tab.
func slot(tab []uint32, i uint64) *authorSlot { return (*authorSlot)(tab[i*slotWords:]) }

// exactSlots returns the number of slots of an exact table.
func exactSlots(tab []uint32) uint64 { return uint64(len(tab) / slotWords) }

// exactEach calls f with the hash and meta of every author of an exact
// set, one of its own or a column of a joint table.
func (s *authorSet) exactEach(f func(h uint64, meta uint32)) {
	w, m := slotWords, 2
	if s.w != 0 {
		w, m = int(s.w), 2+int(s.col)
	}
	for j := 0; j+w <= len(s.tab); j += w {
		sl := s.tab[j : j+w]
		if h := uint64(sl[0]) | uint64(sl[1])<<32; h != 0 && (s.w == 0 || sl[m] != 0) {
			f(h, sl[m])
		}
	}
}

// tabPool keeps author tables (exact, sparse or joint, all []uint32 of a
// power-of-two length) that a Series has outgrown or discarded, by size,
// for its next tables of that size: while a series fills, its cells'
// sets grow through every size (an exact set from 8 to 128 slots, a
// row's joint table then split, a sparse sketch doubling), and each
// table it leaves behind was garbage for the collector to find. A nil
// *tabPool makes tables with make and drops discarded ones. Only tables
// of up to 4 KiB are kept, at most tabPoolDepth of each size, so that
// what a filled series holds unused stays small (at most 64 KiB, and
// 8 KiB of a slab, below).
//
// A new exact set's first table (8 slots, 128 bytes: most cells have a
// few authors) is cut from a slab of 64 of them, one allocation instead
// of 64; a cut table's capacity is its length, so it is kept and reused
// as any other.
type tabPool struct {
	free [tabPoolClasses][tabPoolDepth][]uint32
	n    [tabPoolClasses]uint8
	slab []uint32 // zeroed, for first exact tables
}

const (
	tabPoolMin     = 4 // log2 of the smallest table kept: 16 words
	tabPoolClasses = 7 // sizes 2^4 to 2^10 words
	tabPoolDepth   = 8
)

// class returns the size class of a table of n words (a power of two),
// ok false when it is not kept.
func (*tabPool) class(n int) (int, bool) {
	k := bits.TrailingZeros(uint(n)) - tabPoolMin
	return k, n&(n-1) == 0 && uint(k) < tabPoolClasses
}

// make returns a zeroed table of n words.
func (tp *tabPool) make(n int) []uint32 {
	if k, ok := tp.class(n); ok && tp != nil && tp.n[k] > 0 {
		tp.n[k]--
		t := tp.free[k][tp.n[k]]
		tp.free[k][tp.n[k]] = nil
		clear(t)
		return t
	}
	if n == 8*slotWords && tp != nil {
		if len(tp.slab) < n {
			tp.slab = make([]uint32, 64*n)
		}
		t := tp.slab[:n:n]
		tp.slab = tp.slab[n:]
		return t
	}
	return make([]uint32, n)
}

// put keeps table t, which nothing refers to any more, for reuse.
func (tp *tabPool) put(t []uint32) {
	if k, ok := tp.class(len(t)); ok && tp != nil && cap(t) == len(t) && tp.n[k] < tabPoolDepth {
		tp.free[k][tp.n[k]] = t
		tp.n[k]++
	}
}

// authorKey is an author hash with its HyperLogLog register index and
// untagged register value at the sketch precision, computed once per
// observation for all of its cells.
type authorKey struct {
	h   uint64 // never 0
	idx uint32 // register index: the top p bits
	v   uint16 // rank<<10 | tie-break<<2 (see HLL.reg), without the tag
	p   uint8
}

func makeAuthorKey(h uint64, p uint8) authorKey {
	if h == 0 {
		h = 1
	}
	// As HLL.addTagged; p ≤ 16, and the masks spare the compiler's
	// checks for shifts of 64 bits or more.
	w := h<<(p&63) | 1<<((p-1)&63)
	return authorKey{h: h, idx: uint32(h >> ((64 - p) & 63)), v: (uint16(bits.LeadingZeros64(w))+1)<<10 | uint16(uint8(h))<<2, p: p}
}

// add records posts posts of author h with class c. exact is the
// threshold, p the HyperLogLog precision.
func (s *authorSet) add(h uint64, c, posts uint32, exact int, p uint8) {
	if h == 0 {
		h = 1
	}
	switch {
	case s.hll != nil:
		s.hll.addTagged(h, uint8(c))
	case s.p != 0:
		k := makeAuthorKey(h, p)
		s.addSparse(k.idx, k.v|uint16(c), nil)
	case !s.addExact(h, c, posts, exact, nil): // the sketch key is only needed now
		k := makeAuthorKey(h, p)
		s.sketch(p, nil)
		s.addHash(&k, c, posts, exact, nil)
	}
}

// addHash is add with a precomputed key, its tables made from and
// discarded to tp (nil: made by make).
func (s *authorSet) addHash(k *authorKey, c, posts uint32, exact int, tp *tabPool) {
	switch {
	case s.hll != nil:
		if v := k.v | uint16(c); v > s.hll.reg[k.idx] {
			s.hll.reg[k.idx] = v
		}
	case s.p != 0:
		s.addSparse(k.idx, k.v|uint16(c), tp)
	case !s.addExact(k.h, c, posts, exact, tp):
		s.sketch(k.p, tp)
		s.addHash(k, c, posts, exact, tp)
	}
}

// addExact adds to an exact set; it returns false, changing nothing,
// when h is a new author beyond the threshold (the set must be sketched).
// Its tables are made from and discarded to tp (nil: made by make).
func (s *authorSet) addExact(h uint64, c, posts uint32, exact int, tp *tabPool) bool {
	if s.tab == nil {
		s.tab = tp.make(8 * slotWords)
	}
	mask := exactSlots(s.tab) - 1
	i := h & mask
	for {
		sl := slot(s.tab, i)
		k := sl.key()
		if k == h {
			m := sl[2]
			n := min(m&metaPostsMask+posts, metaPostsMask)
			sl[2] = max(m>>metaClassShft, c)<<metaClassShft | n
			return true
		}
		if k == 0 {
			break
		}
		i = (i + 1) & mask
	}
	if int(s.n) >= exact {
		return false
	}
	if uint64(s.n+1)*4 > 3*exactSlots(s.tab) {
		s.grow(tp)
		mask = exactSlots(s.tab) - 1
		i = h & mask
		for slot(s.tab, i).key() != 0 {
			i = (i + 1) & mask
		}
	}
	slot(s.tab, i).set(h, c<<metaClassShft|min(posts, metaPostsMask))
	s.n++
	return true
}

func (s *authorSet) grow(tp *tabPool) {
	old := s.tab
	s.tab = tp.make(2 * len(old))
	mask := exactSlots(s.tab) - 1
	for j := range exactSlots(old) {
		sl := slot(old, j)
		k := sl.key()
		if k == 0 {
			continue
		}
		i := k & mask
		for slot(s.tab, i).key() != 0 {
			i = (i + 1) & mask
		}
		*slot(s.tab, i) = *sl
	}
	tp.put(old)
}

// Sparse sketches: a table of at most 2^(p−2) slots (half the memory of
// the dense registers, where probing starts to cost more than the memory
// saves) and at least minSparse; precisions below 6 start dense.
const (
	minSparse       = 16
	minSparsePrec   = 6
	sparseLoadNum   = 3 // load ≤ 3/4
	sparseLoadDenom = 4
)

// sketch switches to HyperLogLog mode, adding the exact authors: to a
// sparse table when they fit, else to dense registers.
func (s *authorSet) sketch(p uint8, tp *tabPool) {
	old := s.tab
	s.initSketch(p, int(s.n), tp)
	for j := range exactSlots(old) {
		if sl := slot(old, j); sl.key() != 0 {
			s.addAuthorReg(sl.key(), sl[2], tp)
		}
	}
	tp.put(old)
}

// initSketch makes s an empty sketch of precision p for n authors: a
// sparse table they fit in, or dense registers.
func (s *authorSet) initSketch(p uint8, n int, tp *tabPool) {
	*s = authorSet{p: p}
	if size, ok := sparseSize(p, n); ok {
		s.tab = tp.make(size)
	} else {
		s.hll = &HLL{p: p, reg: make([]uint16, 1<<p)}
	}
}

// sparseSize returns the size of a sparse table of precision p for n
// registers (at least minSparse, within the load factor), and false
// when the set of precision p should be dense instead.
func sparseSize(p uint8, n int) (int, bool) {
	size := minSparse
	for size*sparseLoadNum < n*sparseLoadDenom {
		size *= 2
	}
	return size, p >= minSparsePrec && size <= 1<<(p-2)
}

// addAuthorReg adds the exact author h with meta m (see authorSlot) to
// a sketched set.
func (s *authorSet) addAuthorReg(h uint64, m uint32, tp *tabPool) {
	k := makeAuthorKey(h, s.p)
	s.addReg(k.idx, k.v|uint16(m>>metaClassShft), tp)
}

// initExact makes s an empty exact set with room for n authors (the
// table addExact would have grown to for them).
func (s *authorSet) initExact(n int, tp *tabPool) {
	slots := 8
	for 3*slots < 4*n {
		slots *= 2
	}
	*s = authorSet{tab: tp.make(slots * slotWords)}
}

// addReg raises register idx of a sketched set to v.
func (s *authorSet) addReg(idx uint32, v uint16, tp *tabPool) {
	if s.hll != nil {
		if v > s.hll.reg[idx] {
			s.hll.reg[idx] = v
		}
		return
	}
	s.addSparse(idx, v, tp)
}

// addSparse raises register idx of a sparse sketch to v, growing the
// table or turning dense when it is full.
func (s *authorSet) addSparse(idx uint32, v uint16, tp *tabPool) {
	mask := uint32(len(s.tab) - 1)
	i := idx & mask // idx is uniform: its low bits index the table
	for {
		e := s.tab[i]
		if e == 0 {
			break
		}
		if e>>16 == idx {
			if v > uint16(e) {
				s.tab[i] = idx<<16 | uint32(v)
			}
			return
		}
		i = (i + 1) & mask
	}
	if int(s.n+1)*sparseLoadDenom > sparseLoadNum*len(s.tab) {
		if 2*len(s.tab) > 1<<(s.p-2) {
			s.densify(tp)
			s.hll.reg[idx] = v // was empty
			return
		}
		old := s.tab
		s.tab = tp.make(2 * len(old))
		for _, e := range old {
			if e != 0 {
				s.putSparse(e)
			}
		}
		tp.put(old)
		s.putSparse(idx<<16 | uint32(v))
		s.n++
		return
	}
	s.tab[i] = idx<<16 | uint32(v)
	s.n++
}

// putSparse inserts entry e, whose register is not in the table.
func (s *authorSet) putSparse(e uint32) {
	mask := uint32(len(s.tab) - 1)
	i := e >> 16 & mask
	for s.tab[i] != 0 {
		i = (i + 1) & mask
	}
	s.tab[i] = e
}

// densify turns a sparse sketch dense, its table discarded to tp.
func (s *authorSet) densify(tp *tabPool) {
	s.hll = &HLL{p: s.p, reg: make([]uint16, 1<<s.p)}
	for _, e := range s.tab {
		if e != 0 {
			s.hll.reg[e>>16] = uint16(e)
		}
	}
	tp.put(s.tab)
	s.tab, s.n = nil, 0
}

// fromRegisters sets a sketch from dense registers, sparse when few are
// set.
func (s *authorSet) fromRegisters(reg []uint16, p uint8) {
	*s = authorSet{p: p}
	n := 0
	for _, v := range reg {
		if v != 0 {
			n++
		}
	}
	size, ok := sparseSize(p, n)
	if !ok {
		s.hll = &HLL{p: p, reg: reg}
		return
	}
	s.tab = make([]uint32, size)
	for i, v := range reg {
		if v != 0 {
			s.putSparse(uint32(i)<<16 | uint32(v))
		}
	}
	s.n = int32(n)
}

func (s *authorSet) merge(o *authorSet, exact int, p uint8) {
	if o.p == 0 { // exact
		o.exactEach(func(h uint64, m uint32) { s.add(h, m>>metaClassShft, m&metaPostsMask, exact, p) })
		return
	}
	if s.p == 0 {
		s.sketch(p, nil)
	}
	if o.hll != nil {
		if s.hll == nil {
			s.densify(nil)
		}
		s.hll.Merge(o.hll)
		return
	}
	for _, e := range o.tab {
		if e != 0 {
			s.addReg(e>>16, uint16(e), nil)
		}
	}
}

// stats returns the HyperLogLog estimate, the non-empty registers per tag
// and the non-empty registers of a sketched set (see [HLL.stats]).
func (s *authorSet) stats() (est float64, tags [3]int, nonEmpty int) {
	if s.hll != nil {
		return s.hll.stats()
	}
	var hist [64]int32
	var tagged [4]int32
	zeros := int32(1)<<s.p - s.n
	hist[0], tagged[0] = zeros, zeros
	for _, e := range s.tab {
		if e != 0 {
			v := uint16(e)
			hist[(v>>10)&63]++
			tagged[v&3]++
		}
	}
	return hllStats(1<<s.p, &hist, &tagged)
}

// counts summarises a set: distinct authors, outsiders and unknown-home
// authors, and the contribution-bounded post count Σ min(posts_a, c). In
// sketched mode the class counts are the HLL estimate times the share of
// non-empty registers tagged with the class, and the bounded count is
// approximated by min(posts, c·authors); exact is then false.
func (s *authorSet) counts(c int, posts int64) (authors, out, unk, bounded int64, exact bool) {
	if s.p != 0 {
		est, tags, ne := s.stats()
		authors = int64(math.Round(est))
		if ne > 0 {
			out = int64(math.Round(float64(authors) * float64(tags[classOutsider]) / float64(ne)))
			unk = int64(math.Round(float64(authors) * float64(tags[classUnknown]) / float64(ne)))
		}
		return authors, out, unk, min(posts, int64(c)*authors), false
	}
	s.exactEach(func(_ uint64, m uint32) {
		switch m >> metaClassShft {
		case classOutsider:
			out++
		case classUnknown:
			unk++
		}
		bounded += min(int64(m&metaPostsMask), int64(c))
	})
	return int64(s.n), out, unk, bounded, true
}

// encodedSize bounds the length of appendTo's output.
func (s *authorSet) encodedSize() int {
	if s.p != 0 {
		return 1 + 2<<s.p
	}
	return 11 + 17*int(s.n)
}

// appendTo encodes the set: mode byte 0 (exact: n, then (hash, meta)
// sorted by hash) or 1 (sketched: the 2^p tagged registers, uint16 LE,
// also for a sparse sketch).
func (s *authorSet) appendTo(b []byte) []byte {
	switch {
	case s.hll != nil:
		b = append(b, 1)
		return appendRegisters(b, s.hll.reg)
	case s.p != 0:
		b = append(b, 1)
		n := len(b)
		b = slices.Grow(b, 2<<s.p)[:n+2<<s.p]
		clear(b[n:])
		for _, e := range s.tab {
			if e != 0 {
				binary.LittleEndian.PutUint16(b[n+2*int(e>>16):], uint16(e))
			}
		}
		return b
	}
	b = append(b, 0)
	b = binary.AppendUvarint(b, uint64(s.n))
	type keyMeta struct {
		key  uint64
		meta uint32
	}
	sorted := make([]keyMeta, 0, s.n)
	s.exactEach(func(h uint64, m uint32) { sorted = append(sorted, keyMeta{h, m}) })
	slices.SortFunc(sorted, func(x, y keyMeta) int { return cmp.Compare(x.key, y.key) })
	for _, sl := range sorted {
		b = binary.LittleEndian.AppendUint64(b, sl.key)
		b = binary.AppendUvarint(b, uint64(sl.meta))
	}
	return b
}

func (r *reader) authorSet(exact int, p uint8) authorSet {
	var s authorSet
	mode := r.bytes(1, "author mode")
	if r.err != nil {
		return s
	}
	switch mode[0] {
	case 0:
		n := r.uvarint("authors")
		if r.err != nil || n > uint64(exact) || n > uint64(len(r.b))/9 {
			r.fail("authors")
			return s
		}
		var prev uint64
		for j := uint64(0); j < n && r.err == nil; j++ {
			k := r.u64("author")
			m := r.uvarint("author meta")
			if r.err != nil {
				break
			}
			if k <= prev || m > math.MaxUint32 || m>>metaClassShft > uint64(classOutsider) || m&metaPostsMask == 0 {
				r.fail("author")
				break
			}
			prev = k
			s.add(k, uint32(m)>>metaClassShft, uint32(m)&metaPostsMask, exact, p)
		}
	case 1:
		if reg := r.registers(p); r.err == nil {
			s.fromRegisters(reg, p)
		}
	default:
		r.fail("author mode")
	}
	return s
}
