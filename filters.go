package socialgeo

import (
	"math/bits"
	"unsafe"

	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// dedup detects exact and near-duplicate texts among recent posts with
// 64-bit SimHash fingerprints over word bigrams (Charikar 2002; Manku et al.
// 2007). Memory is bounded and allocated once: it remembers the last
// `window` fingerprints in a ring and indexes them by four 16-bit bands,
// so that any fingerprint within Hamming distance 3 of a remembered one
// shares at least one band. Each band value has a list of the ring slots
// with it, newest first, linked through the slots, so that remembering
// and forgetting a fingerprint costs no allocation.
//
// The layout is made for the cache: the index is far larger than the L2
// cache, whose misses cost the time here (1.02 s of 18 s in the pipeline
// benchmark's CPU profile before 2026-11-29, with 0.51 s more for a
// separate table of exact hashes). Cachegrind with a 2 MB last-level
// cache (--LL=2097152,16,64) counts 6.5 misses on reading a post's
// share of it before, 2.0 now (BenchmarkPipeline/ndjson/workers=1). Now
//
//   - a slot holds its fingerprint and its four links in 32 bytes, so
//     that a step along a list reads one line (were three arrays);
//   - exact duplicates are found on the band-0 list: the same author and
//     normalised text have the same word hashes, hence the same SimHash
//     (the exact hash is a hash of those words and the author), so no
//     table of exact hashes is needed (it cost a miss a post and more on
//     forgetting);
//   - a bitmap of the band values in use (32 KB, which stays in the L2
//     cache) answers most lookups without reading the list head, and
//     tells remember when a head need not be read;
//   - forgetting the oldest fingerprint touches no other slot: it is the
//     last of each of its lists, so it only clears the band values that
//     had no newer fingerprint (a flag in its links). A newer slot's link
//     to it goes stale when its slot is reused, by a fingerprint newer
//     than every other: a walk stops at a link that does not lead to an
//     older slot (older).
type dedup struct {
	window  int32
	maxDist int
	ring    []dslot
	next    int32 // the slot the next fingerprint goes to: the oldest once full
	full    bool  // every slot holds a fingerprint
	// head[b][v] is 1 + the slot of the newest fingerprint with value v
	// in band b, valid while bit v of used[b] is set (a list emptied by
	// forgetting only clears the bit).
	head    [4][]int32
	used    *[4][1 << 10]uint64
	enabled bool
}

// dslot is a ring slot: a fingerprint and, per band, 1 + the slot of the
// next older fingerprint with the same band value (0 for none; stale
// when that slot was reused, see older), with hasNewer set once a newer
// fingerprint has that band value.
type dslot struct {
	sim, exact uint64
	older      [4]uint32
}

const hasNewer = 1 << 31

func newDedup(window, maxDist int) *dedup {
	window = min(window, 1<<30) // slots and links are 31-bit
	d := &dedup{window: int32(window), maxDist: maxDist, enabled: window > 0}
	if d.enabled {
		d.ring = make([]dslot, window)
		d.used = new([4][1 << 10]uint64)
		for i := range d.head {
			d.head[i] = make([]int32, 1<<16)
		}
	}
	return d
}

// fingerprint is what duplicate detection needs of a post: its SimHash
// over word bigrams, an exact hash of author and normalised text, and its
// number of words. It depends on the post alone, so workers compute it.
type fingerprint struct {
	sim, exact uint64
	words      int
	author     uint64 // strHash of the author key (0 without one), for the author cap too
}

// isFingerprintWord reports whether a token of kind k is a word of the
// fingerprint (and of its word count).
func isFingerprintWord(k text.Kind) bool {
	return uint8(k-text.Word) <= uint8(text.Hashtag-text.Word) // Word, Number, Hashtag
}

// fingerprintOfText computes the fingerprint of a post from the hashes
// (strHash) of its fingerprint words in order (see contentTerms); feats
// is scratch space for the SimHash features. The SimHash bit b is set
// when more than half of the bigram features have bit b set. The exact
// hash is a chain of the words' hashes and the author's (textHashOf in
// the tests).
//
// Two loops, each small enough for its state to stay in registers (one
// loop that did both spilled and reloaded its counters on every round):
// the first computes the features and the text hash, the second counts
// the features' bits. The 64 per-bit counts are kept bit-sliced (counter
// bit k of all 64 counters in plane k), so adding a feature costs a few
// word operations instead of 64 increments; the counting loop keeps
// planes 0 to 4 (counts up to 31), enough for a post of up to 30 words
// (most); simLong adds them into wider planes every 30 features.
func fingerprintOfText(author string, hashes []uint64, feats *[]uint64) fingerprint {
	words := len(hashes)
	fs := *feats
	if cap(fs) < words+1 {
		fs = make([]uint64, words+1+words/2)
		*feats = fs
	}
	fs = fs[:words+1]
	fs[words] = 0 // the partner of an odd last feature in countBits
	textHash := bigrams(hashes, fs)
	f := fingerprint{words: words}
	if words <= simChunk {
		p0, p1, p2, p3, p4 := countBits(fs[:words+words&1])
		f.sim = exceeds(uint64(words/2), p0, p1, p2, p3, p4)
	} else {
		f.sim = simLong(fs, words)
	}
	if author != "" {
		f.author = strHash(author)
		f.exact = mix((textHash ^ f.author) + 1)
	}
	return f
}

// simChunk is the most features a countBits call counts: its counts
// stay below 32. It is even, so that only the last call may take the
// zero after the last feature.
const simChunk = 30

// exceeds returns the bits whose count, bit-sliced in planes p0 (the
// least significant bit) to p4, exceeds half (less than 16): a
// bit-sliced comparison from the most significant counter bit down,
// without a branch on half's bits (nor a loop: a post of up to 30 words
// takes no branch here). A count with bit 4 set exceeds any such half.
func exceeds(half, p0, p1, p2, p3, p4 uint64) uint64 {
	sim := p4
	eq := ^p4             // bits whose count equals half in the bits so far
	m := -(half >> 3 & 1) // all ones where half has bit 3
	sim |= eq & p3 &^ m
	eq &^= p3 ^ m
	m = -(half >> 2 & 1)
	sim |= eq & p2 &^ m
	eq &^= p2 ^ m
	m = -(half >> 1 & 1)
	sim |= eq & p1 &^ m
	eq &^= p1 ^ m
	return sim | eq&p0&^-(half&1)
}

// simLong is the SimHash of a post of more than simChunk words, from
// its features fs (words of them and a zero): the counts in 16 planes,
// added from countBits' five every simChunk features.
func simLong(fs []uint64, words int) (sim uint64) {
	var planes [16]uint64
	for k := 0; k < words; k += simChunk {
		end := min(k+simChunk, words)
		var p [5]uint64
		p[0], p[1], p[2], p[3], p[4] = countBits(fs[k : end+end&1])
		// planes += p, bit-sliced
		var c uint64
		for j := range p {
			s := planes[j] ^ p[j]
			planes[j], c = s^c, planes[j]&p[j]|s&c
		}
		for j := len(p); c != 0 && j < len(planes); j++ {
			planes[j], c = planes[j]^c, planes[j]&c
		}
	}
	// sim = bits whose count exceeds words/2, as in exceeds. The planes
	// from bits.Len(words) up are zero (no count exceeds words), as are
	// half's bits there: they change nothing.
	half := uint64(words / 2)
	eq := ^uint64(0)
	for k := min(bits.Len(uint(words)), len(planes)) - 1; k >= 0; k-- {
		m := -(half >> k & 1) // all ones where half has bit k
		sim |= eq & planes[k] &^ m
		eq &^= planes[k] ^ m
	}
	return sim
}

// bigrams stores the SimHash feature of each word, its bigram with the
// word before, in fs (as long as hashes) and returns the text hash, the
// chain of the word hashes (textHashOf in the tests). A function of its
// own: in fingerprintOfText's body, the register allocator spilled two of
// its four variables on every word.
//
// The text hash is only ever compared for equality (the exact hash, of
// the same author and normalised text), so its chain need not be a
// finaliser per word (as it was before 2026-11-29: 15 instructions a
// word): a rotation, an xor and a multiplication by an odd constant
// make each step a bijection of the chain for a given word and of the
// word for a given chain, so texts that differ in one word never
// collide, and others as seldom as 64-bit hashes do; the exact hash
// mixes the result with the author's.
func bigrams(hashes, fs []uint64) (textHash uint64) {
	fs = fs[:len(hashes)]
	var prev uint64
	textHash = fnvOffset
	for i, h := range hashes {
		fs[i] = bigram(prev, h)
		textHash = (bits.RotateLeft64(textHash, 29) ^ h) * 0x9e3779b97f4a7c15
		prev = h
	}
	return textHash
}

// countBits counts, for each of the 64 bits, the features (at most 31)
// that have it set, bit-sliced: bit b of the count is bit b of plane
// p0..p4. Two features at a time (len(fs) is even: the caller pads an odd
// count with a zero feature, rather than a test in the loop): x + y + p0
// is one full adder (sum into p0, the carry rippling up from p1), half
// the ripples of adding them one by one. (Go keeps a bounds test on
// fs[i-1]; the loop written over fs[i], fs[i+1] or as a walk down the
// slice cost more: BenchmarkWords +9 and +23 instructions.)
func countBits(fs []uint64) (p0, p1, p2, p3, p4 uint64) {
	for i := 1; i < len(fs); i += 2 {
		x, y := fs[i-1], fs[i]
		t := p0 ^ x
		c := p0&x | t&y
		p0 = t ^ y
		p1, c = p1^c, p1&c
		p2, c = p2^c, p2&c
		p3, c = p3^c, p3&c
		p4 ^= c
	}
	return
}

// reset empties d for another Run. The ring's slots and the list heads
// are read only through the bitmap of band values in use (and the ring
// order), so clearing the bitmap forgets them all.
func (d *dedup) reset() {
	if d.enabled {
		clear(d.used[:])
	}
	d.next, d.full = 0, false
}

// check classifies a post by its fingerprint: "" (new), RejectDuplicate
// (same author, same normalised text) or RejectNearDuplicate (within
// maxDist bits of a recent post of anyone), and remembers it. Texts of
// fewer than four words are never near-duplicates: short posts
// ("Goedemorgen!") repeat naturally. Posts without words are never
// duplicates.
func (d *dedup) check(f fingerprint) string {
	if !d.enabled || f.words == 0 {
		return ""
	}
	near := f.words >= 4 && d.maxDist > 0
	reason := ""
	// Band 0 first, for an exact duplicate too (it has the same SimHash);
	// it outranks a near one found before it on the list.
	if f.exact != 0 || near {
		for s := d.first(0, f.sim); s >= 0; s = d.older(s, 0) {
			o := &d.ring[s]
			if o.exact == f.exact && f.exact != 0 {
				return RejectDuplicate
			}
			if near && bits.OnesCount64(o.sim^f.sim) <= d.maxDist {
				reason = RejectNearDuplicate
			}
		}
	}
	if near && reason == "" {
	bands:
		for bi := 1; bi < len(d.head); bi++ {
			for s := d.first(bi, f.sim); s >= 0; s = d.older(s, bi) {
				if bits.OnesCount64(d.ring[s].sim^f.sim) <= d.maxDist {
					reason = RejectNearDuplicate
					break bands
				}
			}
		}
	}
	d.remember(f.sim, f.exact)
	return reason
}

// touch loads the list heads and newest slots that check will read for
// f (see run.dedupBatch).
func (d *dedup) touch(f fingerprint) uint64 {
	if !d.enabled || f.words == 0 {
		return 0
	}
	var x uint64
	for bi := range d.head {
		if s := d.first(bi, f.sim); s >= 0 {
			x += d.ring[s].sim
		}
	}
	return x
}

// first returns the newest slot whose fingerprint has the band bi of sim,
// or -1.
func (d *dedup) first(bi int, sim uint64) int32 {
	v := uint16(sim >> (16 * bi))
	if d.used[bi][v>>6]&(1<<(v&63)) == 0 {
		return -1
	}
	return d.head[bi][v] - 1
}

// older returns the next older slot than s with its band value in band
// bi, or -1. A link is stale when its slot was forgotten and reused: the
// new fingerprint there is newer than s, so a link that does not lead to
// an older slot ends the list.
func (d *dedup) older(s int32, bi int) int32 {
	t := int32(d.ring[s].older[bi]&^hasNewer) - 1
	if t < 0 || d.age(t) >= d.age(s) {
		return -1
	}
	return t
}

// age orders the slots in use, the newer the larger: 0 for the slot
// remember writes next (the oldest once the ring is full), window-1 for
// the slot it wrote last.
func (d *dedup) age(s int32) int32 {
	a := s - d.next
	return a + d.window&(a>>31) // + window when negative
}

// remember stores a fingerprint in the next ring slot, forgetting the
// fingerprint that was there.
//
// Tried and not kept (2026-11-30, BenchmarkDedup, cachegrind): no
// branch on whether a band value is in use (the head read and masked,
// the flag set on this slot when it is not): 449 -> 508 instructions,
// 6.1 -> 4.3 mispredicts and 9.1 -> 8.9 L1 misses a post, no gain in
// cycles.
func (d *dedup) remember(sim, exact uint64) {
	slot := d.next
	o := &d.ring[slot]
	if d.full {
		// The oldest fingerprint is the last of each of its lists: a list
		// with nothing newer becomes empty.
		for bi := range d.head {
			if o.older[bi]&hasNewer == 0 {
				v := uint16(o.sim >> (16 * bi))
				d.used[bi][v>>6] &^= 1 << (v & 63)
			}
		}
	}
	*o = dslot{sim: sim, exact: exact}
	for bi := range d.head {
		v := uint16(sim >> (16 * bi))
		h := &d.head[bi][v]
		if w := &d.used[bi][v>>6]; *w&(1<<(v&63)) != 0 {
			o.older[bi] = uint32(*h)
			d.ring[*h-1].older[bi] |= hasNewer
		} else {
			*w |= 1 << (v & 63) // *h is stale or 0: not read
		}
		*h = slot + 1
	}
	if d.next++; d.next == d.window {
		d.next, d.full = 0, true
	}
}

// authorCap bounds how many posts one author contributes to one cell
// (area × time bucket) with a count-min sketch per time bucket (Cormode &
// Muthukrishnan 2005): memory is fixed (capBuckets sketches) whatever the
// number of authors, cells and posts. Only the capBuckets most recent
// buckets keep a sketch; a post for an older bucket (a late arrival) is
// counted in a fresh sketch for its bucket, which evicts the oldest.
//
// The sketch is blocked, as a blocked Bloom filter is (Putze, Sanders &
// Singler 2007): one hash of the key picks a 64-byte line, and four bits
// each pick one counter in each quarter of the line, so that a post reads
// and raises its four counters in one cache line. With four rows of their
// own (the textbook layout, here until 2026-11-29) a post cost four cache
// misses, mostly beyond the L2 cache, which the sketches far exceed: the
// filter stage waited on them (0.90 s of 18 s in the pipeline
// benchmark's CPU profile; cachegrind with a 2 MB last-level cache counts
// 2.8 misses a post there before, 0.7 now). Keys that share a line are
// more likely to collide in all four counters than in four rows of
// their own; two things make up for it. The counters are bytes (64 to a line, 2^21 per
// bucket in the same 2 MB as the 2^20 uint16 counters before), and they
// are raised by conservative update (Estan & Varghese 2002): only the
// counters at the key's minimum are raised, so a counter never exceeds
// the cap and crowding inflates less. On synthetic streams of 75,000 and
// 187,000 keyed posts an hour (200,000 authors), the old sketch capped 1
// and 19 posts earlier than exact counts would, this one none; on the
// 2.7 million keyed posts of heapcheck's first 3 million (whose
// campaigns fill cells up to the cap), the old one 259, this one 6.
//
// A counter is at most max (conservative update raises one only while
// the key's minimum is below max), so bytes hold it for caps up to 255;
// larger caps use the line as 32 uint16 counters in quarters of eight.
// Every counter of a key is at least the key's count of posts passed, so
// an author may be capped early when a bucket's sketch is crowded, never
// late.
type authorCap struct {
	max     int
	mask    uint64 // lines per sketch - 1 (a power of two)
	buckets [capBuckets]capSketch
	cur     *capSketch // the sketch of the last post: usually this post's too
}

const capBuckets = 4

// capLine is one 64-byte line of a sketch: four quarters of 16 byte
// counters (or, for caps above 255, of eight uint16 counters). A key has
// one counter in each quarter.
type capLine [64]uint8

type capSketch struct {
	bucket int64
	used   bool
	lines  []capLine
	// touched lists the lines raised while it stays short, so that
	// recycling the sketch clears those instead of every line (2 MB by
	// default, for an hour's few thousand posts); nil once it grew past
	// maxTouched: then all are cleared.
	touched []uint32
	full    bool
}

// maxTouched bounds a sketch's list of raised lines (entries): beyond
// it, clearing everything is about as cheap.
func (c *authorCap) maxTouched() int { return int(c.mask+1) / 4 }

// newAuthorCap returns an author cap of max posts per author and cell,
// with sketches of lines 64-byte lines (rounded up to a power of two). A
// sketch's counters (2 MB by default) are allocated when its bucket is
// first used: a run over fewer than capBuckets cap buckets (by default
// hours: a small batch, a test, an example) allocates only those.
func newAuthorCap(max int, lines int) *authorCap {
	n := uint64(1)
	for n < uint64(lines) {
		n <<= 1
	}
	return &authorCap{max: max, mask: n - 1}
}

// forget empties c for another Run, keeping its sketches' memory: a
// sketch not in use is cleared when sketch takes it.
func (c *authorCap) forget() {
	if c == nil {
		return
	}
	for i := range c.buckets {
		c.buckets[i].used = false
	}
	c.cur = nil
}

// sketch returns the sketch of a time bucket, recycling the oldest.
func (c *authorCap) sketch(bucket int64) *capSketch {
	oldest := 0
	for i := range c.buckets {
		b := &c.buckets[i]
		if b.used && b.bucket == bucket {
			return b
		}
		if !b.used || (c.buckets[oldest].used && b.bucket < c.buckets[oldest].bucket) {
			oldest = i
		}
	}
	b := &c.buckets[oldest]
	if b.lines == nil {
		b.lines = make([]capLine, c.mask+1)
	} else {
		c.reset(b)
	}
	b.bucket, b.used = bucket, true
	return b
}

// reset zeroes the counters of b (apart from sketch, which then stays
// small enough to be inlined).
func (c *authorCap) reset(b *capSketch) {
	if b.full {
		clear(b.lines)
	} else {
		for _, t := range b.touched {
			b.lines[t] = capLine{}
		}
	}
	b.touched, b.full = b.touched[:0], false
}

// touch loads the line of the current sketch that allowHash will raise
// for these hashes (see run.warmCap); nothing when bucket is not the
// current sketch's.
func (c *authorCap) touch(authorHash, areaHash uint64, bucket int64) uint64 {
	s := c.cur
	if c.max <= 0 || s == nil || s.bucket != bucket {
		return 0
	}
	_, li := c.slot(authorHash, areaHash)
	return uint64(s.lines[li][0])
}

// slot hashes an author and an area once: bits 16 and up of h pick the
// line li, bits 0-15 the counter in each quarter.
func (c *authorCap) slot(authorHash, areaHash uint64) (h uint64, li uint32) {
	h = mix(mix(authorHash) ^ areaHash)
	return h, uint32(h >> 16 & c.mask)
}

// allowHash records one post of a nonempty author, whose strHash is
// authorHash (Run has it from the fingerprint), in the area whose
// strHash is areaHash (from observe) during bucket and reports whether
// it is within the cap.
func (c *authorCap) allowHash(authorHash, areaHash uint64, bucket int64) bool {
	if c == nil || c.max <= 0 {
		return true
	}
	s := c.cur
	if s == nil || s.bucket != bucket {
		s = c.sketch(bucket)
		c.cur = s
	}
	h, li := c.slot(authorHash, areaHash)
	ln := &s.lines[li]
	var ok, zero bool
	if c.max <= 255 {
		ok, zero = raiseMin(&ln[h&15], &ln[16|h>>4&15], &ln[32|h>>8&15], &ln[48|h>>12&15], c.max)
	} else {
		w := (*[32]uint16)(unsafe.Pointer(ln))
		ok, zero = raiseMin(&w[h&7], &w[8|h>>3&7], &w[16|h>>6&7], &w[24|h>>9&7], c.max)
	}
	// A line that was all zero had a zero counter of this key: zero
	// lists every such line (and some others: clearing one twice is
	// harmless), at most once per key.
	if zero && !s.full {
		if len(s.touched) < c.maxTouched() {
			s.touched = append(s.touched, li)
		} else {
			s.full = true
		}
	}
	return ok
}

// raiseMin is the count-min step of the author cap on a key's four
// counters: it reports whether their minimum (the key's estimated count)
// is below max and, if so, raises the counters at the minimum
// (conservative update); zero reports a minimum of zero. A uint16
// counter stops at 65535, where a cap above it never bites (as before).
func raiseMin[T uint8 | uint16](a, b, c, d *T, max int) (ok, zero bool) {
	est := min(*a, *b, *c, *d)
	if int(est) >= max {
		return false, false
	}
	if est != ^T(0) {
		if *a == est {
			*a++
		}
		if *b == est {
			*b++
		}
		if *c == est {
			*c++
		}
		if *d == est {
			*d++
		}
	}
	return true, est == 0
}

const fnvOffset = 14695981039346656037

// strHash hashes s with whole-word loads: eight bytes at a time
// (multiply and fold per word, the tail as one overlapping load), a short
// word in one or two loads, splitmix64 at the end. It is deterministic
// across runs and machines, so filter decisions are reproducible.
func strHash(s string) uint64 { return mix(strHashUnmixed(s)) }

// strHashUnmixed is strHash before its final mix.
func strHashUnmixed(s string) uint64 {
	n := len(s)
	h := uint64(n) * 0x9e3779b97f4a7c15 // the length separates "a" from "a\x00"
	switch {
	case n >= 8:
		for t := s; len(t) > 8; t = t[8:] {
			h = (h ^ le.Uint64(t)) * 0xbf58476d1ce4e5b9
			h ^= h >> 29
		}
		h ^= le.Uint64(s[n-8:]) // the last 8 bytes, overlapping the loop's
	case n >= 4:
		h ^= uint64(le.Uint32(s))<<32 | uint64(le.Uint32(s[n-4:]))
	case n > 0:
		h ^= uint64(s[0])<<16 | uint64(s[n/2])<<8 | uint64(s[n-1])
	}
	return h
}

// bigram is the SimHash feature of a word (hash cur) after the word with
// hash prev (0 at the start).
func bigram(prev, cur uint64) uint64 { return mix(prev*0xbf58476d1ce4e5b9 + cur) }

// mix is the splitmix64 finaliser: it spreads FNV's weak low bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
