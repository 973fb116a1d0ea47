package sentiment

import (
	"github.com/socialgeo/socialgeo/internal/lang"
)

// wordInfo is everything the analyzer looks up for one folded word, for
// either language, so that a word costs one table probe before the
// text's language is known: its Dutch and English lexicon entries, its
// closed-class roles and its language-marker votes.
type wordInfo struct {
	key    string
	hash   uint32
	mark   lang.Mark // language markers (internal/lang)
	nlOK   bool      // in the Dutch lexicon (a.nl)
	enOK   bool      // in the English lexicon (a.en)
	cls    uint16    // index in classList; 0 is no role
	nl, en entry
}

// wordTable is an open-addressing hash table (linear probing, load ≤ 1/2)
// from folded word to wordInfo. It replaces Go maps on the hot path: the
// hash is a short inline loop and a probe compares a stored hash before
// the key.
type wordTable struct {
	slots []uint32 // index+1 in ents; 0 is empty
	ents  []wordInfo
	mask  uint32
}

// hashWord is FNV-1a (64 bit) folded to 32 bits.
func hashWord(s string) uint32 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return uint32(h ^ h>>32)
}

// get returns the info of w, or nil.
func (t *wordTable) get(w string) *wordInfo {
	h := hashWord(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		x := t.slots[i]
		if x == 0 {
			return nil
		}
		e := &t.ents[x-1]
		if e.hash == h && e.key == w {
			return e
		}
	}
}

// buildWords builds the table of every word of the Dutch and English
// lexicons, the closed classes and the language markers.
func buildWords(nl, en map[string]entry, classIdx map[string]uint16) wordTable {
	idx := make(map[string]int, len(nl)+len(en))
	var ents []wordInfo
	at := func(k string) *wordInfo {
		i, ok := idx[k]
		if !ok {
			i = len(ents)
			idx[k] = i
			ents = append(ents, wordInfo{key: k, hash: hashWord(k), mark: lang.Marker(k)})
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
	n := 16
	for n < 2*len(ents) {
		n *= 2
	}
	t := wordTable{slots: make([]uint32, n), ents: ents, mask: uint32(n - 1)}
	for i := range ents {
		for j := ents[i].hash & t.mask; ; j = (j + 1) & t.mask {
			if t.slots[j] == 0 {
				t.slots[j] = uint32(i + 1)
				break
			}
		}
	}
	return t
}
