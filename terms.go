package socialgeo

import (
	"strings"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// stopwordList holds the Dutch and English function words left out of
// content terms.
const stopwordList = `
de het een en van in op te dat die is voor met aan er niet zijn om als ook bij of uit dan naar
maar nog wel ze je we hij zij ik mijn me mij jij jou jouw u uw hun hen ons onze zo wat wie waar
hoe dit deze door over tot al was waren wordt worden werd heb hebt heeft hebben had kan kunnen
zal zullen moet moeten wil willen gaat gaan ga zou zouden nu dus toch echt heel erg veel meer
geen nooit iets niets alles elke elk iemand niemand hier daar weer even ff alleen ja nee nou
hoor eens zelf zich omdat want tegen na onder sinds zonder tussen toen wanneer welke zoals
the a an and or of to in on at for with is are was were be been it this that these those i you
he she we they my your our their me him her us them not no so but if then than just very
have has had do does did will would can could should from by as about into up out all any
rt via amp http https www com nl
`

// stopwords is a set of the stop words' hashes (strHash), in which
// every hash is in its home slot (slotOf) or the next: a lookup reads
// those two (isStopHash), without a loop whose length mispredicts.
// stopMul, the multiplier of slotOf, is one that lets every word of
// stopwordList fit (the first of mix(1)|1, mix(2)|1, ... that does, for
// a table of 512 slots: 4 KB, two fifths of them in use, which
// hashWords reads for every word); TestIsStopword checks that each is
// found. A word that did not fit is left out of the table (and the test
// fails). (With 1,024 slots, read for every word, the pipeline
// benchmark's L1 misses rose by 4 a post; a 512-byte filter before the
// table, which sent most words to slot 0, cost hashWords 180
// instructions a post in spilled registers.)
//
// It holds hashes, not the words' bytes (as it did before 2026-11-30,
// packed into a uint64 from the loads of the hash), so that hashWords
// tests the hash it computes anyway: no packed key to keep, no test of
// the length (BenchmarkWords, callgrind: 2,401 -> 2,338 instructions a
// post). A word whose hash is a stop word's would be taken for one, as
// seldom as two 64-bit hashes collide: the exact duplicate test takes
// the same chance. An array variable, not a pointer to one, so that
// hashWords indexes it at a fixed address (no load of the pointer and
// its nil test).
var stopwords = func() (t [stopSlots + 1]uint64) {
	for _, w := range strings.Fields(stopwordList) {
		h := strHash(w)
		switch i := slotOf(h); {
		case t[i] == 0 || t[i] == h:
			t[i] = h
		case t[i+1] == 0 || t[i+1] == h:
			t[i+1] = h
		}
	}
	return t
}()

const (
	stopSlots = 1 << 9              // home slots of stopwords (a last slot follows them)
	stopMul   = 8696621485291889985 // mix(14573) | 1: see stopwords
)

// isStopHash reports whether h is the hash (strHash) of a stop word.
// An empty slot holds 0: it is taken for h == 0 only when the other of
// the two is not empty (as likely as any other collision).
func isStopHash(h uint64) bool {
	i := slotOf(h)
	return (stopwords[i] == h) != (stopwords[i+1] == h) // (not both: no hash is twice)
}

func slotOf(h uint64) uint64 { return h * stopMul >> 55 } // < stopSlots

// isStopword reports whether w is in stopwordList.
func isStopword(w string) bool { return w != "" && isStopHash(strHash(w)) } // (strHash("") is 0)

// contentTerms returns the normalised content words and hashtags of toks,
// from the worker's string slab (nil for none): no stop words, no
// numbers, no mentions or URLs (which may identify people), at most
// aggregate.MaxTerms, each once. In the same pass it
// sets wk.words to the hashes (strHash) of the fingerprint words of toks
// (isFingerprintWord), in order: Run's fingerprint reads them, and the
// check for a repeated term compares the hashes before the strings.
//
// It takes two passes. The first, over every token, hashes the words
// (strHash), drops stop words and lists the candidate terms; it makes
// no call and no inner loop, so its state stays in registers (Go's
// calls preserve none: one call in the loop made it spill and reload
// its state on every word). The second, over the few candidates, does
// what may call: the hashes of words longer than 16 bytes, hashtag
// terms and the search for a repeated term.
func (wk *worker) contentTerms(toks []text.Token) []string {
	// The worker's scratch is stored back only when it grows: a store
	// of a slice is a pointer store into the heap, which costs a write
	// barrier while the GC marks.
	words, cands := wk.words[:0], wk.cands
	if cap(words) < len(toks) {
		words = make([]uint64, 0, len(toks)+len(toks)/2)
	}
	if cap(cands) < len(toks) {
		cands = make([]termCand, len(toks)+len(toks)/2)
		wk.cands = cands
	}
	if len(wk.termKeys) < aggregate.MaxTerms {
		wk.termKeys = make([]uint64, aggregate.MaxTerms)
	}
	// room for every token: stored without append
	nw, nc := hashWords(toks, words[:len(toks)], cands[:len(toks)])
	words, cands = words[:nw], cands[:nc]
	// Room for every candidate up front, taken from the slab (the
	// terms go straight into the observation: no copy) and what is
	// left of it given back below; the appends below never grow.
	room := min(nc, aggregate.MaxTerms)
	dst := wk.strSlab.take(room, wk.slabs)
	keys := wk.termKeys[:room] // keys[k] is the hash of dst[k]
	var seen uint64            // bit h%64 of every key: most new terms need no search
	// The common case first, in a loop without calls (a call makes Go
	// spill the loop's state on every round): a word term of a short
	// word whose hash bit is new, the k-th candidate and the k-th term.
	// The loop below takes over at the first candidate that is not.
	k := 0
	for ; k < len(dst); k++ {
		c := cands[k]
		t := &toks[c.tok]
		if c.word < 0 || t.Kind == text.Hashtag {
			break
		}
		h := words[c.word]
		bit := uint64(1) << (h & 63)
		if seen&bit != 0 {
			break
		}
		seen |= bit
		dst[k], keys[k] = t.Norm, h
	}
	dst, keys = dst[:k], keys[:k]
	rest := cands[k:]
	for k, c := range rest {
		t := &toks[c.tok]
		if c.word < 0 { // a long word (see hashWords)
			c.word = ^c.word
			words[c.word] = strHash(t.Norm)
			if t.Kind == text.Number {
				continue
			}
		}
		if len(dst) >= aggregate.MaxTerms {
			longWords(toks, words, rest[k:])
			break
		}
		w, h := t.Norm, words[c.word]
		if t.Kind == text.Hashtag {
			w = wk.hashtagTerm(w)
			h = ^h // "#x" is another term than "x"
		}
		if bit := uint64(1) << (h & 63); seen&bit == 0 {
			seen |= bit
		} else if termIndex(keys, dst, h, w) >= 0 {
			continue
		}
		dst = append(dst, w)
		keys = append(keys, h)
	}
	wk.words = words
	wk.strSlab.untake(room-len(dst), wk.slabs) // never referenced
	if len(dst) == 0 {
		return nil
	}
	return dst[:len(dst):len(dst)]
}

// longWords hashes the long words among cands (see hashWords).
func longWords(toks []text.Token, words []uint64, cands []termCand) {
	for _, c := range cands {
		if c.word < 0 {
			words[^c.word] = strHash(toks[c.tok].Norm)
		}
	}
}

// hashWords is contentTerms' first pass: it stores the hashes of the
// fingerprint words of toks in words and the candidate terms (no
// numbers, no stop words, at least 3 bytes) in cands, both at least as
// long as toks, and returns how many it stored. A function of its own,
// so that contentTerms' other state does not take the loop's registers.
//
// strHash is written out for words of up to 16 bytes. A longer word
// (one in a hundred) would take strHash's loop, and an inner loop or a
// call makes the register allocator spill the loop's state on every
// round: its hash is left to contentTerms' second pass, through an
// entry in cands with the complement of its index in words (also for a
// number, which is no candidate).
//
// The stop word test looks the word's hash up (stopwords), and a
// candidate is stored always and counted without a branch: the branches
// on being a number, on the length and on the stop word table (before
// 2026-11-29) mispredicted about one word in three (BenchmarkWords,
// cachegrind: 25.4 -> 19.1 mispredicts a post, 2,498 -> 2,602
// instructions).
//
// Tried and not kept (2026-11-30, BenchmarkWords): the length classes
// without branches, every word's bytes loaded and the 4-byte loads of a
// word of 1 to 3 bytes sent to a zero word: Go makes no conditional
// move of a string or pointer, so the select became a branch with
// spills (2,527 -> 2,894 instructions, 21.0 -> 20.4 mispredicts a
// post); bits.RotateLeft64 for the swap of an 8-byte word's halves
// (+31 instructions, registers). That swap is a branch since the packed
// key went (a conditional move before: +1.2 mispredicts a post in
// BenchmarkPipeline); both halves made and one picked, Go still
// branches (and spills: +19 instructions), and a select by a mask would
// cost about the cycles it saves. The tokenizer's keys (text.TokenizeKeys)
// were not used: only half of the words of up to 8 bytes of the
// synthetic posts have one (title case, numbers and hashtags have
// none), so a path from the key would add a branch as unpredictable as
// the length's.
func hashWords(toks []text.Token, words []uint64, cands []termCand) (nw, nc int) {
	words, cands = words[:len(toks)], cands[:len(toks)]
	for i := range toks {
		t := &toks[i]
		if !isFingerprintWord(t.Kind) {
			continue
		}
		w := t.Norm
		n := len(w)
		ok := b2u(t.Kind != text.Number) & b2u(n >= 3)
		h := uint64(n) * 0x9e3779b97f4a7c15 // strHash(w), before its mix
		switch {
		case uint(n-4) <= 4:
			lo, hi := uint64(le.Uint32(w)), uint64(le.Uint32(w[n-4:]))
			if n == 8 {
				lo, hi = hi, lo // strHash's 8-byte load
			}
			h ^= lo<<32 | hi
		case uint(n-1) < 3:
			h ^= uint64(w[0])<<16 | uint64(w[n/2])<<8 | uint64(w[n-1])
		case uint(n-9) < 8:
			// strHash's loop runs once
			h = (h ^ le.Uint64(w)) * 0xbf58476d1ce4e5b9
			h ^= h >> 29
			h ^= le.Uint64(w[n-8:])
		default:
			cands[nc] = termCand{tok: int32(i), word: ^int32(nw)}
			nc++
			nw++
			continue
		}
		h = mix(h)
		words[nw] = h
		nw++
		// a candidate unless a number, shorter than 3 bytes or a stop word
		cands[nc] = termCand{tok: int32(i), word: int32(nw - 1)}
		nc += int(ok &^ b2u(isStopHash(h)))
	}
	return nw, nc
}

// b2u is 1 for true and 0 for false, without a branch.
func b2u(b bool) uint {
	if b {
		return 1
	}
	return 0
}

// termCand is a candidate content term of contentTerms: the index of its
// token and of its hash in the word hashes (see hashWords for a negative
// one).
type termCand struct{ tok, word int32 }

// termIndex returns the index of term w with hash h in terms, whose
// hashes are keys, or -1.
func termIndex(keys []uint64, terms []string, h uint64, w string) int {
	for k, kh := range keys {
		if kh == h && terms[k] == w {
			return k
		}
	}
	return -1
}

// maxHashtags bounds a worker's table of hashtag terms.
const maxHashtags = 1 << 14

// hashtagTerm returns "#"+norm, from a bounded table so that frequent
// hashtags do not cost an allocation per post. It is not inlined:
// contentTerms calls it for the few hashtags only, and its map calls
// inlined in contentTerms' loop made the loop spill its state.
//
//go:noinline
func (wk *worker) hashtagTerm(norm string) string {
	if !wk.slabs {
		return "#" + norm
	}
	if t, ok := wk.hashtag[norm]; ok {
		return t
	}
	if wk.hashtag == nil || len(wk.hashtag) >= maxHashtags {
		wk.hashtag = make(map[string]string)
	}
	t := "#" + norm
	wk.hashtag[t[1:]] = t // the key shares t's bytes, not the post's
	return t
}
