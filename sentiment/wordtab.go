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
	key    string
	ka, kb uint64    // the loads of key that hashWord mixes: for keys of up to 16 bytes they are the key
	mark   lang.Mark // language markers (internal/lang)
	nlOK   bool      // in the Dutch lexicon (a.nl)
	enOK   bool      // in the English lexicon (a.en)
	cls    uint16    // index in classList; 0 is no role
	use    bool      // nlOK || enOK || cls != 0: the word can count in the rules
	nl, en entry
}

// wordTable is an open-addressing hash table (linear probing, load ≤ 1/2)
// from folded word to wordInfo. It replaces Go maps on the hot path: the
// hash reads a short word in two loads instead of byte by byte, the same
// loads compare a short word with a key, and a slot holds the hash beside
// the entry index, so a probe touches an entry only when the hashes agree.
type wordTable struct {
	slots []uint64 // hash<<32 | index in ents; 0 is empty
	// ents[0] is the zero wordInfo, which get returns for an unknown
	// word: it is in no lexicon, class or marker list.
	ents []wordInfo
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

// hashWord hashes s from at most two overlapping loads a and b for words
// of up to 16 bytes (nearly all words), so that the cost hardly depends on
// the length (no byte loop whose exit the CPU mispredicts per word). For
// such words a, b and the length determine s.
func hashWord(s string) (h uint32, a, b uint64) {
	n := len(s)
	switch {
	case n > 16:
		x := uint64(n) * hashK0
		i := 0
		for ; i+16 < n; i += 8 {
			x = mix(x^load64(s[i:]), hashK1)
		}
		a, b = x^load64(s[i:]), load64(s[n-8:])
	case n >= 8:
		a, b = load64(s), load64(s[n-8:])
	case n >= 4:
		a, b = load32(s), load32(s[n-4:])
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	x := mix(a^hashK1^uint64(n), b^hashK2)
	return uint32(x ^ x>>32), a, b
}

// get returns the index in t.ents of w's info, 0 (the zero wordInfo) for
// an unknown word.
func (t *wordTable) get(w string) uint32 {
	h, a, b := hashWord(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		x := t.slots[i]
		if x == 0 {
			return 0
		}
		if uint32(x>>32) == h {
			e := &t.ents[uint32(x)]
			if len(e.key) == len(w) && e.ka == a && e.kb == b && (len(w) <= 16 || e.key == w) {
				return uint32(x)
			}
		}
	}
}

// buildWords builds the table of every word of the Dutch and English
// lexicons, the closed classes and the language markers.
func buildWords(nl, en map[string]entry, classIdx map[string]uint16) wordTable {
	idx := make(map[string]int, len(nl)+len(en))
	ents := []wordInfo{{}}
	at := func(k string) *wordInfo {
		i, ok := idx[k]
		if !ok {
			i = len(ents)
			idx[k] = i
			_, a, b := hashWord(k)
			ents = append(ents, wordInfo{key: k, ka: a, kb: b, mark: lang.Marker(k)})
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
	for n < 2*len(ents) {
		n *= 2
	}
	t := wordTable{slots: make([]uint64, n), ents: ents, mask: uint32(n - 1)}
	for i := 1; i < len(ents); i++ {
		h, _, _ := hashWord(ents[i].key)
		for j := h & t.mask; ; j = (j + 1) & t.mask {
			if t.slots[j] == 0 {
				t.slots[j] = uint64(h)<<32 | uint64(i)
				break
			}
		}
	}
	return t
}
