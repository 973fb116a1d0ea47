package socialgeo

import (
	"strings"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// stopwordList holds the Dutch and English function words left out of
// content terms; each is at most 8 bytes.
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

// stopwords is an open-addressing set of the stop words, each packed
// into a uint64: one or two probes per word instead of a string map
// lookup.
var stopwords = func() *[512]uint64 {
	var t [512]uint64
	for _, w := range strings.Fields(stopwordList) {
		k := packWord(w)
		i := slotOf(k)
		for t[i] != 0 && t[i] != k {
			i = (i + 1) % uint64(len(t))
		}
		t[i] = k
	}
	return &t
}()

// packWord packs a word of 1 to 8 bytes into a nonzero uint64: its
// bytes little-endian, zero-padded. Words of 4 to 8 bytes take one or
// two whole-word loads (the second overlapping the first) instead of a
// loop over the bytes: contentTerms asks for every word of every post.
func packWord(w string) uint64 {
	switch n := len(w); {
	case n == 8:
		return le.Uint64(w)
	case n >= 4:
		// bytes 4..n-1 are the top n-4 bytes of the last four
		return uint64(le.Uint32(w)) | uint64(le.Uint32(w[n-4:]))>>(8*(8-n))<<32
	}
	return packShort(w)
}

// packShort is packWord for words of up to 3 bytes.
func packShort(w string) uint64 {
	var k uint64
	for i := 0; i < len(w); i++ {
		k |= uint64(w[i]) << (8 * i)
	}
	return k
}

func slotOf(k uint64) uint64 { return k * 0x9e3779b97f4a7c15 >> 55 }

// stopFirst and stopLast have bit n set for the first and last bytes of
// the stop words of n bytes: a word whose first and last bytes share no
// length bit with its own length is no stop word. The test is a few
// instructions and inlined, so most content words cost no call (a call
// in contentTerms' loop also spills the loop's state).
var stopFirst, stopLast = func() (first, last [256]uint16) {
	for _, w := range strings.Fields(stopwordList) {
		first[w[0]] |= 1 << len(w)
		last[w[len(w)-1]] |= 1 << len(w)
	}
	return first, last
}()

// maybeStopword is the inlined test of stopFirst and stopLast on a
// nonempty word: false means w is no stop word.
func maybeStopword(w string) bool {
	return stopFirst[w[0]]&stopLast[w[len(w)-1]]&(1<<len(w)) != 0 // 0 beyond 15 bytes
}

// isStopword reports whether w is in stopwordList.
func isStopword(w string) bool {
	return len(w) > 0 && len(w) <= 8 && maybeStopword(w) && inStopTable(w)
}

// inStopTable looks w (1 to 8 bytes) up in stopwords.
func inStopTable(w string) bool {
	k := packWord(w)
	for i := slotOf(k); ; i = (i + 1) % uint64(len(stopwords)) {
		switch stopwords[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// contentTerms appends the normalised content words and hashtags of toks to
// dst: no stop words, no numbers, no mentions or URLs (which may identify
// people), at most aggregate.MaxTerms, each once. In the same pass it
// sets wk.words to the hashes (strHash) of the fingerprint words of toks
// (isFingerprintWord), in order: Run's fingerprint reads them, and the
// check for a repeated term compares them before the strings.
func (wk *worker) contentTerms(toks []text.Token, dst []string) []string {
	base := len(dst)
	words := wk.words[:0]
	keys := wk.termKeys[:0] // keys[k] is the hash of dst[base+k]
	var seen uint64         // bit h%64 of every key: most new terms need no search
	for i := range toks {
		t := &toks[i]
		if !isFingerprintWord(t.Kind) {
			continue
		}
		h := strHash(t.Norm)
		words = append(words, h)
		w := t.Norm
		if t.Kind == text.Number || len(w) < 3 || len(dst) >= aggregate.MaxTerms ||
			maybeStopword(w) && len(w) <= 8 && inStopTable(w) {
			continue
		}
		if t.Kind == text.Hashtag {
			w = wk.hashtagTerm(w)
			h = ^h // "#x" is another term than "x"
		}
		if bit := uint64(1) << (h & 63); seen&bit == 0 {
			seen |= bit
		} else if termIndex(keys, dst[base:], h, w) >= 0 {
			continue
		}
		dst = append(dst, w)
		keys = append(keys, h)
	}
	wk.words, wk.termKeys = words, keys
	return dst
}

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
// hashtags do not cost an allocation per post.
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
