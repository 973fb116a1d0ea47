package sentiment

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"github.com/socialgeo/socialgeo/internal/lang"
	"github.com/socialgeo/socialgeo/internal/le"
)

// wordInfo is everything the analyzer looks up for one folded word, for
// either language, so that a word costs one table probe before the
// text's language is known: its Dutch and English lexicon entries, its
// closed-class roles and (in meta) its language-marker votes.
type wordInfo struct {
	ka, kb uint64 // the key's loads (keyLoads): for keys of up to 16 bytes they and the length are the key
	meta   uint64 // the word's slot word: see metaOf
	klen   uint32 // len(key); the key itself is in wordTable.keys
	cls    uint16 // index in classList; 0 is no role
	nlOK   bool   // in the Dutch lexicon (a.nl)
	enOK   bool   // in the English lexicon (a.en)
	nl, en entry
} // 64 bytes: one cache line per entry

// A word's meta word packs what the first pass over a text needs of it,
// so that the pass reads only the table's slots, never an entry: the
// key length (bits 0-7, saturated at 255), its Dutch and English
// language votes (lang.Votes: bits 8-9 and 48-49, so that a pass can add
// both with one masked add: see prescanned.votes), whether it can count
// in the rules (metaUse: in a lexicon or with a role) and its index in
// wordTable.ents (bits 16-47, metaIdx). The meta of an unknown word is 0.
// Bit 11 is metaCompound (set per token by the first pass), bit 14
// metaMore (a property of a slot of the short table, ignored by the
// readers of a word's meta).
const (
	metaNLShift  = 8
	metaUse      = 1 << 10
	metaMore     = 1 << 14
	metaIdxShift = 16
	metaENShift  = 48
	metaVotes    = 3<<metaNLShift | 3<<metaENShift
)

// metaIdx returns the index in wordTable.ents of meta word m.
func metaIdx(m uint64) uint32 { return uint32(m >> metaIdxShift) }

// metaOf packs the meta word of entry i of length n.
func metaOf(i int, n int, m lang.Mark, use bool) uint64 {
	nl, en := lang.Votes(m)
	x := uint64(i)<<metaIdxShift | uint64(min(n, 255)) | uint64(nl)<<metaNLShift | uint64(en)<<metaENShift
	if use {
		x |= metaUse
	}
	return x
}

// shortSlot is a slot of the table of keys of up to 8 bytes: the key's
// bytes (little-endian, zero above the key) and its meta; an empty slot
// is zero and matches no key (a short key is not 0: see shortKey).
type shortSlot struct {
	key, meta uint64
}

// shortBucket is a bucket of the table of keys of up to 8 bytes: two
// slots, 32 bytes (half a cache line). Indexing buckets rather than
// slots takes one bounds check per probe instead of two.
type shortBucket [2]shortSlot

// wordTable is a hash table from folded word to wordInfo in two parts.
// Keys of 1 to 8 bytes without a 0 byte (shortKey: nine words in ten of
// a text) are in short, in
// buckets of two slots (32 bytes) at the key's hash, load ≤ 1/2:
// a bucket that overflowed sends its further keys on to the next bucket
// (linear probing by bucket, no wrap-around) and carries metaMore in its
// first slot. A probe compares the key with both slots of its bucket
// without a branch and continues only past a bucket with metaMore (a
// branch that is nearly always not taken, whether the word is known or
// not); it touches no entry, so that the first pass of a text reads one
// cache line per word. Longer keys are in slots, whose slots hold a hash
// beside the entry index; their keys are compared in the entries (packed
// into two words by keyLoads, or as strings beyond 16 bytes).
//
// Each part has a Bloom filter of its keys in front (sfilter, lfilter;
// see bloom), which a probe reads first: a word that the filter rules
// out (nearly all unknown words, four in five of the distinct words of a
// text) probes short's bucket 0, which is always empty, or no slot,
// instead of a bucket at its hash. The filters (8 KB each) stay in the
// cache, while the buckets of rare unknown words were each a cache line
// that no other word shared: after other work has evicted the tables (as
// in the alternating benchmark against govader) those lines were most of
// the misses of a text.
type wordTable struct {
	short []shortBucket // short[0] is empty: see home
	smask uint32        // bucket mask of short
	// sfilter and lfilter are the Bloom filters of the short and long
	// keys (see filterHash and longFilterHash).
	sfilter, lfilter *bloom
	slots            []uint64 // keys of more than 8 bytes: hash<<32 | index in ents; 0 is empty
	// ents[0] is the zero wordInfo, which find returns for an unknown
	// word: it is in no lexicon, class or marker list.
	ents []wordInfo
	keys []string // keys[i] is the key of ents[i]
	mask uint32
}

// short reports whether w's key is one of the short table's (shortKey).
func (w *wordInfo) short() bool { return shortKey(w.ka, int(w.klen)) }

// mix folds the 128-bit product of x and y.
func mix(x, y uint64) uint64 {
	hi, lo := bits.Mul64(x, y)
	return hi ^ lo
}

const (
	hashK0 = 0xa0761d6478bd642f // wyhash constants
	hashK1 = 0xe7037ed1a0b428db
	hashK2 = 0x8ebc6af09c88c6e3
)

// keyLoads packs s into a and b: a key of up to 8 bytes is a, its bytes
// little-endian (b is 0); one of 9 to 16 bytes is its first and its last
// 8 bytes; a longer one is folded from all its bytes (and compared as a
// string as well). Two loads at most serve nearly all words.
func keyLoads(s string) (a, b uint64) {
	n := len(s)
	switch {
	case n > 16:
		x := uint64(n) * hashK0
		i := 0
		for ; i+16 < n; i += 8 {
			x = mix(x^le.Uint64At(s, i), hashK1)
		}
		return x ^ le.Uint64At(s, i), le.Uint64At(s, n-8)
	case n > 8:
		return le.Uint64(s), le.Uint64At(s, n-8)
	case n == 8:
		return le.Uint64(s), 0
	case n >= 4: // the last four bytes overlap the first four
		return uint64(le.Uint32(s)) | uint64(le.Uint32(s[n-4:]))<<(8*(n-4)), 0
	case n > 0:
		return uint64(s[0]) | uint64(s[n>>1])<<(8*(n>>1)) | uint64(s[n-1])<<(8*(n-1)), 0
	}
	return 0, 0
}

// hashKey is the table hash of a key of length n with loads a and b.
func hashKey(a, b uint64, n int) uint32 {
	x := mix(a^hashK1^uint64(n), b^hashK2)
	return uint32(x ^ x>>32)
}

// longFilterHash is the Bloom filter hash of a key of more than 8 bytes
// (length n, keyLoads a and b): independent of hashKey, by other constants.
func longFilterHash(a, b uint64, n int) uint64 {
	return mix(a^hashK0^uint64(n)<<56, b^hashK1)
}

// hashShort is the hash of a key of up to 8 bytes (its keyLoads): its
// product with an odd constant, xor-shifted so that the low bits the
// table uses depend on all of the key (Fibonacci hashing alone, the
// product's high half, left twice as many keys of the lexicons beyond
// their bucket). The length is left out: keys of different lengths
// differ in their bytes (a word has no NUL byte) or share a bucket, where
// the slot's length tells them apart.
func hashShort(a uint64) uint32 {
	x := a * hashK0
	return uint32((x ^ x>>29) >> 20)
}

// filterHash is the Bloom filter hash of a key of up to 8 bytes (its
// keyLoads a): the product of hashShort (computed once where both are),
// of which the filter reads the high bits (see filterWord and
// filterBits), which depend on all of the key, and hashShort the low and
// middle ones.
func filterHash(a uint64) uint64 { return a * hashK0 }

// filterWords is the size of a bloom in 64-bit words: 8 KB, about ten
// bits a key for each part of the embedded lexicons' table. A bigger
// user lexicon makes the filter pass more unknown words (a probe finds
// them unknown in the table), never fewer known ones.
const filterWords = 1 << filterLog

// filterLog is log2(filterWords).
const filterLog = 10

// bloom is a Bloom filter with one bit per key: a test reads one word.
// At the embedded lexicons about one unknown word in eleven passes (two
// or three bits a key in one word were fewer but cost more instructions
// than the misses they saved).
type bloom [filterWords]uint64

// filterWord is the index of the filter word of hash f: its top
// filterLog bits.
func filterWord(f uint64) uint32 { return uint32(f >> (64 - filterLog)) }

// filterBit is the bit of the filter word of hash f: the 6 bits below
// those of filterWord.
func filterBit(f uint64) uint64 { return f >> (64 - filterLog - 6) & 63 }

// add adds the key of filter hash f.
func (b *bloom) add(f uint64) { b[filterWord(f)] |= 1 << filterBit(f) }

// has reports whether the filter may hold the key of filter hash f: false
// means that the key is certainly not in the table.
func (b *bloom) has(f uint64) bool { return b[filterWord(f)]>>filterBit(f)&1 != 0 }

// home returns the bucket of short at which the probe of a key of up to
// 8 bytes (its keyLoads a) starts: 1 to smask+1 (bucket 0 is the empty
// bucket that the filter's misses probe).
func (t *wordTable) home(a uint64) uint32 { return hashShort(a)&t.smask + 1 }

// shortKey reports whether the key of n bytes whose keyLoads is a is
// one of the short table's: of 1 to 8 bytes, none of them 0. Such keys
// are told apart by a alone, without their length (a's highest byte that
// is not 0 is the key's last), so that a probe compares one word per
// slot. A key with a 0 byte, which no word of the tokenizer has, is one
// of the long table's.
func shortKey(a uint64, n int) bool {
	if uint(n-1) >= 8 {
		return false
	}
	x := a | ^uint64(0)<<(8*n) // the bytes past the key set (none for n = 8)
	return (x-lowBits)&^x&highBits == 0
}

// Bytes of a uint64 for byte-parallel (SWAR) tests.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// get returns the meta word of w (see metaOf), 0 for an unknown word.
func (t *wordTable) get(w string) uint64 {
	if len(w) <= 8 {
		if a, _ := keyLoads(w); shortKey(a, len(w)) {
			return t.findShort(a)
		}
	}
	return t.findLong(w)
}

// findShort is get for a short key (see shortKey) whose keyLoads is a.
// scanFast has this probe written out.
func (t *wordTable) findShort(a uint64) uint64 {
	i := uint32(0) // the empty bucket
	if t.sfilter.has(filterHash(a)) {
		i = t.home(a)
	}
	return t.probeFrom(i, a)
}

// bucket returns &t.short[j] for j <= smask+1 (a home or the empty
// bucket, always in short) without a bounds check, which took the length
// of short into a register of scanFast's loop.
func (t *wordTable) bucket(j uint32) *shortBucket {
	return (*shortBucket)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(t.short)), uintptr(j)*unsafe.Sizeof(shortBucket{})))
}

// probeFrom is findShort's probe from bucket i on.
func (t *wordTable) probeFrom(i uint32, a uint64) uint64 {
	for ; ; i++ {
		s0, s1 := &t.short[i][0], &t.short[i][1]
		meta := uint64(0)
		if s0.key == a {
			meta = s0.meta
		}
		if s1.key == a {
			meta = s1.meta
		}
		if meta != 0 || s0.meta&metaMore == 0 {
			return meta &^ metaMore
		}
	}
}

// findLong is get for a key of more than 8 bytes or with a 0 byte (see
// shortKey), compared in the entries: by its loads up to 16 bytes, as a
// string beyond.
func (t *wordTable) findLong(w string) uint64 {
	a, b := keyLoads(w)
	n := len(w)
	h := hashKey(a, b, n)
	if !t.lfilter.has(longFilterHash(a, b, n)) {
		return 0
	}
	for i := h & t.mask; ; i++ {
		x := t.slots[i]
		if x == 0 {
			return 0
		}
		if uint32(x>>32) == h {
			e := &t.ents[uint32(x)]
			if e.klen == uint32(n) && e.ka == a && e.kb == b && (n <= 16 || t.keys[uint32(x)] == w) {
				return e.meta
			}
		}
	}
}

// buildWords builds the table of every word of the Dutch and English
// lexicons, the closed classes and the language markers.
func buildWords(nl, en map[string]entry, classIdx map[string]uint16) wordTable {
	idx := make(map[string]int, len(nl)+len(en))
	ents := []wordInfo{{}}
	keys := []string{""}
	at := func(k string) *wordInfo {
		i, ok := idx[k]
		if !ok {
			i = len(ents)
			idx[k] = i
			a, b := keyLoads(k)
			ents = append(ents, wordInfo{ka: a, kb: b, klen: uint32(len(k))})
			keys = append(keys, k)
		}
		return &ents[i]
	}
	for k, e := range nl {
		w := at(k)
		w.nl, w.nlOK = e, true
	}
	for k, e := range en {
		w := at(k)
		w.en, w.enOK = e, true
	}
	for k, c := range classIdx {
		at(k).cls = c
	}
	for _, k := range lang.Markers() {
		at(k)
	}
	nShort := 0
	for i := 1; i < len(ents); i++ {
		e := &ents[i]
		e.meta = metaOf(i, len(keys[i]), lang.Marker(keys[i]), e.nlOK || e.enOK || e.cls != 0)
		if e.short() {
			nShort++
		}
	}
	t := wordTable{ents: ents, keys: keys}
	// The short keys are placed in the order of placeOrder: the
	// language markers (function words: "de", "het", "om", "ik", most
	// of a text's known words) first, so that they are in their home
	// bucket, and the table does not depend on the maps' order.
	order := t.placeOrder()
	// Probes run on past the last hashed slot into a tail instead of
	// wrapping; a tail too short for a probe (never seen at these loads)
	// doubles the table.
	const tail = 64
	for n := 16; ; n *= 2 {
		if n < 2*nShort {
			continue
		}
		if t.placeShort(n, tail, order) {
			break
		}
	}
	t.sfilter, t.lfilter = new(bloom), new(bloom)
	for i := 1; i < len(ents); i++ {
		if e := &ents[i]; e.short() {
			t.sfilter.add(filterHash(e.ka))
		} else {
			t.lfilter.add(longFilterHash(e.ka, e.kb, int(e.klen)))
		}
	}
	for n := 16; ; n *= 2 {
		if n < 4*(len(ents)-nShort) {
			continue
		}
		if t.placeLong(n, tail) {
			break
		}
	}
	return t
}

// placeOrder returns the indices in t.ents of the short keys
// (shortKey) in the order in which placeShort places them: the language
// markers, then the words with a role, then the others, each group by
// key. A key placed earlier is never moved past its home bucket by a
// later one: with the entries in the maps' order, "de" (in nearly every
// Dutch post), "om", "ik" and "is" were probed past their full home
// bucket in some builds, a branch (metaMore) that is mispredicted and a
// call, 1.7 times a post of the pipeline's.
func (t *wordTable) placeOrder() []int {
	var order []int
	for i := 1; i < len(t.ents); i++ {
		if t.ents[i].short() {
			order = append(order, i)
		}
	}
	rank := func(i int) int {
		switch e := &t.ents[i]; {
		case lang.Marker(t.keys[i]) != 0:
			return 0
		case e.cls != 0:
			return 1
		}
		return 2
	}
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(rank(i), rank(j)), strings.Compare(t.keys[i], t.keys[j]))
	})
	return order
}

// placeShort fills t.short with the short keys of t.ents at order (see
// placeOrder): the empty bucket 0, n slots (n/2 buckets) and a tail of
// tail slots. It reports false when a bucket of the tail's end would be
// needed.
func (t *wordTable) placeShort(n, tail int, order []int) bool {
	t.short, t.smask = make([]shortBucket, 1+(n+tail)/2), uint32(n/2-1)
	for _, i := range order {
		e := &t.ents[i]
		j := int(t.home(e.ka))
		for ; t.short[j][1].meta != 0; j++ { // a full bucket
			t.short[j][0].meta |= metaMore
			if j+2 >= len(t.short) {
				return false
			}
		}
		k := 0
		if t.short[j][0].meta != 0 {
			k = 1
		}
		t.short[j][k] = shortSlot{e.ka, e.meta}
	}
	return true
}

// placeLong fills t.slots with the other keys: n hashed
// slots (load ≤ 1/4) and a tail of tail slots. It reports false when a
// key would reach the last two slots, which stay empty so that probes
// end.
func (t *wordTable) placeLong(n, tail int) bool {
	t.slots, t.mask = make([]uint64, n+tail), uint32(n-1)
	for i := 1; i < len(t.ents); i++ {
		e := &t.ents[i]
		if e.short() {
			continue
		}
		h := hashKey(e.ka, e.kb, int(e.klen))
		j := int(h & t.mask)
		for ; j < len(t.slots)-2 && t.slots[j] != 0; j++ {
		}
		if j >= len(t.slots)-2 {
			return false
		}
		t.slots[j] = uint64(h)<<32 | uint64(i)
	}
	return true
}
