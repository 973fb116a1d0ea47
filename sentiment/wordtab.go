package sentiment

import (
	"math/bits"

	"github.com/socialgeo/socialgeo/internal/lang"
)

// wordInfo is everything the analyzer looks up for one folded word, for
// either language, so that a word costs one table probe before the
// text's language is known: its Dutch and English lexicon entries, its
// closed-class roles and its language-marker votes.
type wordInfo struct {
	ka, kb uint64    // the key's loads (keyLoads): for keys of up to 16 bytes they and the length are the key
	klen   int       // len(key); the key itself is in wordTable.keys
	mark   lang.Mark // language markers (internal/lang)
	nlOK   bool      // in the Dutch lexicon (a.nl)
	enOK   bool      // in the English lexicon (a.en)
	use    bool      // nlOK || enOK || cls != 0: the word can count in the rules
	cls    uint16    // index in classList; 0 is no role
	nl, en entry
} // 64 bytes: one cache line per probed entry

// wordTable is an open-addressing hash table (linear probing, load ≤ 1/4,
// no wrap-around)
// from folded word to wordInfo. It replaces Go maps on the hot path: a
// short key is packed into one or two words (keyLoads), which serve as
// the hash input and as the key comparison, and a slot holds the hash
// beside the entry index, so a probe touches an entry only when the
// hashes agree.
type wordTable struct {
	slots []uint64 // hash<<32 | index in ents; 0 is empty
	// ents[0] is the zero wordInfo, which find returns for an unknown
	// word: it is in no lexicon, class or marker list, and its klen 0
	// matches no word.
	ents []wordInfo
	keys []string // keys[i] is the key of ents[i], compared for keys of more than 16 bytes
	mask uint32
}

// load64 and load32 read s's first bytes little-endian (the compiler
// merges the byte loads).
func load64(s string) uint64 {
	b := s[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func load32(s string) uint64 {
	b := s[:4]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

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
			x = mix(x^load64(s[i:]), hashK1)
		}
		return x ^ load64(s[i:]), load64(s[n-8:])
	case n > 8:
		return load64(s), load64(s[n-8:])
	case n == 8:
		return load64(s), 0
	case n >= 4: // the last four bytes overlap the first four
		return load32(s) | load32(s[n-4:])<<(8*(n-4)), 0
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

// get returns the index in t.ents of w's info, 0 (the zero wordInfo) for
// an unknown word.
func (t *wordTable) get(w string) uint32 {
	a, b := keyLoads(w)
	return t.find(a, b, w)
}

// find is get for a word w whose keyLoads are a and b.
func (t *wordTable) find(a, b uint64, w string) uint32 {
	n := len(w)
	h := hashKey(a, b, n)
	if n > 16 {
		return t.findLong(h, w)
	}
	// Probes read two slots at a time (slots has a tail, so i+1 is in
	// range). d0 and d1 are 0 where the slot holds w. The probe ends at a
	// match or an empty slot, and both are tested without a branch per
	// slot: found and unknown words are about equally frequent, so such
	// branches would often be mispredicted; the one branch below is taken
	// unless both slots hold other words.
	for i := h & t.mask; ; i += 2 {
		x0, x1 := t.slots[i], t.slots[i+1]
		e0, e1 := &t.ents[uint32(x0)], &t.ents[uint32(x1)] // the zero entry for an empty slot
		d0 := (x0>>32 ^ uint64(h)) | uint64(e0.klen^n) | (e0.ka ^ a) | (e0.kb ^ b)
		d1 := (x1>>32 ^ uint64(h)) | uint64(e1.klen^n) | (e1.ka ^ a) | (e1.kb ^ b)
		end0 := isZero(d0) | isZero(x0) // 1 if the first slot ends the probe
		end1 := isZero(d1) | isZero(x1)
		x := x1 ^ (x0^x1)&-end0 // x0 if end0
		if end0|end1 != 0 {
			return uint32(x) // 0 for an empty slot
		}
	}
}

// isZero returns 1 for v == 0, else 0, by arithmetic (no branch).
func isZero(v uint64) uint64 {
	return (v|-v)>>63 ^ 1
}

// findLong is find for a key of more than 16 bytes, whose loads do not
// determine it: the key is compared as a string.
func (t *wordTable) findLong(h uint32, w string) uint32 {
	for i := h & t.mask; ; i++ {
		x := t.slots[i]
		if x == 0 {
			return 0
		}
		if uint32(x>>32) == h && t.keys[uint32(x)] == w {
			return uint32(x)
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
			ents = append(ents, wordInfo{ka: a, kb: b, klen: len(k), mark: lang.Marker(k)})
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
	for i := range ents {
		e := &ents[i]
		e.use = e.nlOK || e.enOK || e.cls != 0
	}
	n := 16
	for n < 4*len(ents) {
		n *= 2
	}
	// Probes run on past the last of the n hashed slots into a tail
	// instead of wrapping; a tail too short for a probe (never seen at
	// this load) doubles the table.
	const tail = 64
	for {
		t := wordTable{slots: make([]uint64, n+tail), ents: ents, keys: keys, mask: uint32(n - 1)}
		ok := true
		for i := 1; i < len(ents) && ok; i++ {
			e := &ents[i]
			h := hashKey(e.ka, e.kb, e.klen)
			j := int(h & t.mask)
			for ; j < len(t.slots)-2 && t.slots[j] != 0; j++ {
			}
			if j >= len(t.slots)-2 { // keep the last two slots empty: probes end there
				ok = false
				break
			}
			t.slots[j] = uint64(h)<<32 | uint64(i)
		}
		if ok {
			return t
		}
		n *= 2
	}
}
