package sentiment

import (
	"math"
	"strings"
	"unsafe"

	"github.com/socialgeo/socialgeo/internal/lang"
	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Rule constants (VADER's empirically derived values where VADER has one).
const (
	boostIncr    = 0.293 // intensifier
	boostDecr    = -0.293
	capsIncr     = 0.733 // a word in capitals in a mixed-case text
	elongIncr    = 0.3   // "superrr"
	negScalar    = -0.74 // negation flips and weakens
	contrastPre  = 0.5   // clause before "maar"/"but"
	contrastPost = 1.5   // clause after
	exclIncr     = 0.292 // per '!' up to 4
	questionDamp = 0.6
	alpha        = 15.0 // normalisation: x/sqrt(x²+alpha)
)

var boosters = map[string]float64{
	// Dutch intensifiers
	"heel": boostIncr, "erg": boostIncr, "zeer": boostIncr, "super": boostIncr, "echt": 0.2, "mega": 0.35,
	"kei": 0.35, "kapot": 0.35, "enorm": boostIncr, "ontzettend": 0.35, "hartstikke": 0.35, "zo": 0.2,
	"zooo": 0.3, "zoo": 0.25, "totaal": boostIncr, "helemaal": 0.2, "bijzonder": 0.2, "vreselijk": 0.35,
	"verschrikkelijk": 0.35, "vet": 0.3, "ziek": 0.35, "bizar": 0.3, "belachelijk": 0.3, "waanzinnig": 0.35,
	"onwijs": 0.35, "mad": 0.3, "extreem": 0.35, "uiterst": boostIncr, "behoorlijk": 0.15, "best": 0.1,
	"te": 0.15, "echtt": 0.2, "zwaar": 0.3, "dik": 0.25, "dikke": 0.25, "keihard": 0.35,
	// Dutch dampers
	"beetje": boostDecr, "enigszins": boostDecr, "vrij": -0.2, "redelijk": -0.2, "nogal": -0.1,
	"ietwat": boostDecr, "wat": 0, "lichtelijk": boostDecr, "amper": -0.3, "nauwelijks": -0.3,
	"weinig": -0.3, "minder": -0.2,
	// English
	"very": boostIncr, "really": boostIncr, "so": 0.2, "extremely": 0.35, "totally": boostIncr,
	"absolutely": boostIncr, "incredibly": 0.35, "completely": boostIncr, "too": 0.15, "most": boostIncr,
	"slightly": boostDecr, "somewhat": boostDecr, "barely": -0.3, "hardly": -0.3, "little": boostDecr,
	"kinda": boostDecr, "sort": boostDecr, "fairly": -0.2, "quite": 0.1, "pretty": 0.1,
	"fucking": 0.5, "freaking": 0.35, "damn": 0.3,
}

// profanity used as an intensifier (standalone or as a compound prefix).
var profanity = map[string]bool{
	"kanker": true, "kk": true, "tering": true, "tyfus": true, "kolere": true, "fucking": true, "fuckin": true,
	"godverdomme": true, "fuck": true, "kut": true, "klote": true, "shit": true, "damn": true, "verdomme": true,
}

var profanePrefixes = []string{"kanker", "tering", "tyfus", "kolere", "kut", "klote", "kk", "mega", "super", "kei", "reuze", "bloed", "kapot", "poep"}

// profane2 holds, by first byte, the second bytes (bit c-'a') of
// profanePrefixes: a word of 5 or more bytes (the shortest prefix is 2
// bytes and must leave 3) whose first two bytes start no prefix needs no
// prefix test.
var profane2 = func() (t [256]uint32) {
	for _, p := range profanePrefixes {
		t[p[0]] |= 1 << (p[1] - 'a')
	}
	return t
}()

// mayCompound reports whether the word n may be an intensifying
// compound, as the rules pass tests it: whether it starts with a prefix
// of profanePrefixes and is 3 bytes longer at least ("kutweer",
// "superleuk"). Only such words (and words with an entry or a role) are
// live (see prescan): most words whose first two bytes start a prefix
// ("met", "meer", "reacties", "terugweg", "kan") are not.
func mayCompound(n string) bool {
	if len(n) < 5 || n[1]-'a' >= 26 || profane2[n[0]]>>(n[1]-'a')&1 == 0 {
		return false
	}
	for _, p := range profaneBy[n[0]] {
		if len(n) > len(p)+2 && strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// compoundSlot is a slot of compoundTab: a prefix of profanePrefixes as
// the low bytes of a short key (prefix, the bytes under mask), and long,
// the byte of a key that is not 0 when the key has 3 bytes more than the
// prefix (a short key has no 0 byte: see shortKey). An empty slot
// matches no key.
type compoundSlot struct{ mask, prefix, long uint64 }

// compoundLog is log2 of the slots of compoundTab.
const compoundLog = 4

// compoundMul is the multiplier of compoundTab's hash (see compoundKey),
// found once (by a search over pseudo-random odd numbers, 72 tries) as
// one that puts each prefix of up to 5 bytes of profanePrefixes in a
// slot of its own: no two of them start with the same two bytes.
// TestCompoundKey checks it.
const compoundMul = 0x8bec71e7

// compoundTab holds the prefixes of up to 5 bytes of profanePrefixes (a
// longer one leaves no 3 bytes in a key of 8) at the hash of their first
// two bytes (see compoundKey). A later prefix in the same slot would
// replace an earlier one (TestCompoundKey fails then).
var compoundTab = func() (t [1 << compoundLog]compoundSlot) {
	for i := range t {
		t[i].prefix = 1 // matches no key: no key&0 is 1
	}
	for _, p := range profanePrefixes {
		if len(p) <= 5 {
			key, _ := keyLoads(p)
			t[uint32(uint16(key))*compoundMul>>(32-compoundLog)] = compoundSlot{mask: 1<<(8*len(p)) - 1, prefix: key, long: 0xff << (8 * (len(p) + 2))}
		}
	}
	return t
}()

// compoundKey is mayCompound (1 or 0) for the word of short key key (see
// shortKey), without a branch: a key of 8 bytes or less starts with at
// most one of the prefixes that can leave 3 bytes, and compoundTab has
// it at the hash of its first two bytes.
func compoundKey(key uint64) uint64 {
	e := &compoundTab[uint32(uint16(key))*compoundMul>>(32-compoundLog)]
	return uint64(b2u(key&e.mask == e.prefix) & b2u(key&e.long != 0))
}

// profaneBy holds profanePrefixes by first byte, in order: a word is only
// tested against the prefixes that start with its first byte.
var profaneBy = func() (t [256][]string) {
	for _, p := range profanePrefixes {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

var negators = map[string]bool{
	"niet": true, "geen": true, "nooit": true, "allerminst": true, "niks": true, "niets": true, "nergens": true,
	"zonder": true, "geeneens": true, "nie": true, "ni": true, "gene": true,
	"not": true, "no": true, "never": true, "nothing": true, "nobody": true, "none": true, "without": true,
	"nor": true, "neither": true, "dont": true, "doesnt": true, "didnt": true, "isnt": true, "wasnt": true,
	"cant": true, "cannot": true, "couldnt": true, "wont": true, "wouldnt": true, "shouldnt": true,
	"arent": true, "aint": true, "havent": true, "hasnt": true, "hadnt": true, "werent": true, "neednt": true,
	"nt": true,
}

var contrasts = map[string]bool{"maar": true, "echter": true, "toch": true, "but": true, "however": true, "alleen": false}

var sarcasmTags = map[string]bool{
	"not": true, "sarcasme": true, "sarcasm": true, "ironie": true, "irony": true, "cynisme": true, "sarcastisch": true,
}

// sarcasmPhrases are folded token sequences that mark irony.
var sarcasmPhrases = [][]string{
	{"nou", "lekker", "dan"}, {"lekker", "dan"}, {"ja", "hoor"}, {"jaja"}, {"goh", "wat", "verrassend"},
	{"wat", "een", "verrassing"}, {"wat", "verrassend"}, {"echt", "top", "dit"}, {"bedankt", "hoor"},
	{"dank", "je", "wel", "hoor"}, {"dankjewel", "hoor"}, {"fijn", "hoor"}, {"geweldig", "hoor"},
	{"top", "hoor"}, {"heerlijk", "weer", "die"}, {"yeah", "right"}, {"oh", "great"}, {"just", "great"},
	{"wat", "een", "feest"}, {"lang", "leve"}, {"goed", "bezig", "hoor"}, {"knap", "hoor"},
	{"tuurlijk", "joh"}, {"zeker", "weten", "joh"}, {"applaus", "voor"},
}

// phraseIndex maps a phrase's first word to the index in phraseLists of
// the phrases starting with it (from 1).
var phraseIndex, phraseLists = func() (map[string]uint8, [][][]string) {
	m := map[string]uint8{}
	lists := [][][]string{nil}
	for _, ph := range sarcasmPhrases {
		j, ok := m[ph[0]]
		if !ok {
			j = uint8(len(lists))
			m[ph[0]] = j
			lists = append(lists, nil)
		}
		lists[j] = append(lists[j], ph)
	}
	return m, lists
}()

var sarcasmEmoji = map[string]bool{"🙄": true, "🙃": true, "😒": true, "🤡": true}

// situations are nouns of everyday misfortune; a positive evaluation next
// to one without contrast word is read as irony ("geweldig, weer vertraging").
var situations = map[string]bool{
	"vertraging": true, "vertraagd": true, "storing": true, "storingen": true, "file": true, "files": true,
	"uitval": true, "staking": true, "omleiding": true, "wegwerkzaamheden": true, "gecanceld": true,
	"geannuleerd": true, "wachttijd": true, "lekkage": true, "stroomstoring": true, "regen": true,
	"overlast": true, "maandag": true, "belastingdienst": true, "wachten": true, "rij": true,
	"delay": true, "delayed": true, "cancelled": true, "traffic": true, "monday": true, "rain": true,
	"kapot": true, "stuk": true, "pech": true, "panne": true, "boete": true, "bekeuring": true,
}

// wclass holds every closed-class role of a word, so one map lookup per
// token serves all rules.
type wclass struct {
	boost                        float64
	booster, neg, contrast, prof bool
	phrase                       bool  // a sarcasm phrase starts with the word (phraseIndex)
	situation                    bool  // in situations
	phrases                      uint8 // the phrases that start with the word: index in phraseLists
}

var classes = func() map[string]wclass {
	m := map[string]wclass{}
	for k, v := range boosters {
		c := m[k]
		c.boost, c.booster = v, true
		m[k] = c
	}
	for k := range negators {
		c := m[k]
		c.neg = true
		m[k] = c
	}
	for k, v := range contrasts {
		c := m[k]
		c.contrast = v
		m[k] = c
	}
	for k := range profanity {
		c := m[k]
		c.prof = true
		m[k] = c
	}
	for k, j := range phraseIndex {
		c := m[k]
		c.phrase, c.phrases = true, j
		m[k] = c
	}
	for k, v := range situations {
		if v {
			c := m[k]
			c.situation = true
			m[k] = c
		}
	}
	return m
}()

// classList holds the distinct word roles of classes, indexed by
// classIdx (the index the word table stores); classList[0] is no role.
var classList, classIdx = func() ([]wclass, map[string]uint16) {
	list := []wclass{{}}
	idx := map[string]uint16{}
	for k, c := range classes {
		idx[k] = uint16(len(list))
		list = append(list, c)
	}
	return list, idx
}()

// tokInfo is the analysis state of one token. It is kept small (32
// bytes): run holds up to 64 of them on the stack, zeroed for every text,
// and explanations keep their rule notes apart.
//
// A token's meta word (see metaOf; words and hashtags, 0 for none, with
// metaCompound) is not here but in a slice of its own (see prescan): the
// first pass writes it over the token's key.
type tokInfo struct {
	// base is the value of the lexicon entry found (see resolve) and,
	// once the token has a value (src != 0), its lexicon value: the
	// entry's or, for an intensifying compound, its head's.
	base   float64
	v      float64 // current value
	lexSrc uint32  // source of the lexicon entry found
	src    uint32  // source of v (index in Analyzer.srcs); 0 means no hit
	cls    uint16  // word class: index in classList, 0 for none
	found  bool    // a lexicon entry was found (base, lexSrc)
	emoji  bool
	// resolved: base, lexSrc, found and cls are set (see resolve)
	resolved bool
}

func (a *Analyzer) lookup(lx map[string]entry, fallback map[string]entry, t *Token) (entry, bool) {
	switch t.Kind {
	case text.Emoji:
		e, ok := a.emoji[emojiKey(t.Norm)]
		return e, ok
	case text.Emoticon:
		e, ok := a.emoji[t.Norm]
		if !ok {
			e, ok = a.en[t.Norm]
		}
		return e, ok
	case text.Word, text.Hashtag:
		if e, ok := lx[t.Norm]; ok {
			return e, true
		}
		if fallback != nil && len(t.Norm) >= 4 {
			if e, ok := fallback[t.Norm]; ok {
				return e, true
			}
		}
		if t.Elongated {
			// "jaa", "mooii": try with doubled letters reduced to one
			if r := single(t.Norm); r != t.Norm {
				if e, ok := lx[r]; ok {
					return e, true
				}
			}
		}
	}
	return entry{}, false
}

// single reduces every doubled letter to one ("mooii" → "moi"), used only
// for elongated tokens whose two-letter form is unknown.
func single(s string) string {
	var b strings.Builder
	var prev rune = -1
	for _, r := range s {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// resolve sets ti's lexicon entry and word class for token t of a text
// whose language is English (en) or not: the text's lexicon, for a Dutch
// or undetermined text the English one for words of 4 or more bytes, then
// the form with doubled letters reduced (as lookup does, from the word
// table entry of the token's meta word).
func (a *Analyzer) resolve(t *Token, ti *tokInfo, meta uint64, en bool, lx, fb map[string]entry) {
	ti.resolved = true
	switch t.Kind {
	case text.Word, text.Hashtag:
	case text.Emoji, text.Emoticon:
		e, ok := a.lookup(lx, fb, t)
		ti.base, ti.lexSrc, ti.found = e.v, e.src, ok
		return
	default:
		return
	}
	w := &a.words.ents[metaIdx(meta)]
	switch {
	case en && w.enOK:
		ti.base, ti.lexSrc, ti.found = w.en.v, w.en.src, true
	case !en && w.nlOK:
		ti.base, ti.lexSrc, ti.found = w.nl.v, w.nl.src, true
	case !en && w.enOK && len(t.Norm) >= 4:
		ti.base, ti.lexSrc, ti.found = w.en.v, w.en.src, true
	case t.Elongated:
		if r := single(t.Norm); r != t.Norm {
			e, ok := lx[r]
			ti.base, ti.lexSrc, ti.found = e.v, e.src, ok
		}
	}
	if t.Kind == text.Word {
		ti.cls = w.cls
	}
}

// prescanned is what prescan finds out about a text.
type prescanned struct {
	votes      uint64 // prescan's sum of the words' meta&metaVotes (see splitVotes)
	nl, en     int    // the words' Dutch and English votes
	letters    int    // words
	excl       int    // exclamation marks
	quotes     int    // quotation marks (see isQuote)
	quest      bool   // a question mark
	maySarcasm bool   // a token that a sarcasm rule starts from (see sarcasm)
	sarcTag    bool   // a hashtag of sarcasmTags (rule 1)
	slash      bool   // a "/" before an "s" (rule 2; see slashS)
	live       int    // live tokens so far
}

// exclaims returns the number of '!' in the text of t, a Punct: a run of
// one rune, which its Norm (the run cut to three) starts with.
func exclaims(t *Token) int {
	if t.Norm[0] == '!' {
		return int(t.End - t.Start)
	}
	return 0
}

// punct1 counts toks[i], a punctuation token of one byte, in p.
func (p *prescanned) punct1(toks []Token, i int) {
	switch toks[i].Norm[0] { // a Punct's Norm starts with its rune
	case '!':
		p.excl++
	case '?':
		p.quest = true
	case '/':
		// the marker "/s" is the only sarcasm rule a slash starts
		// ("b/w", "and/or" start none)
		if i+1 < len(toks) && toks[i+1].Norm == "s" {
			p.maySarcasm, p.slash = true, true
		}
	case '"', '\'':
		p.quotes++
	}
}

// metaCompound marks in a token's meta word a word that may be an
// intensifying compound (mayCompound, compoundKey), which the rules pass
// tests. Hashtags, which the rules do not take as compounds, do not have
// it.
const metaCompound = 1 << 11

// prescan is the first pass of run over the tokens: a table probe per
// word serves the language vote (as lang.Detect) and, once the language
// is known, the lexicon entry and word class (the meta word); it counts
// words and exclamation marks (allUpper tests capitals) and notes
// whether any sarcasm marker can be present. It appends to live the tokens that can carry a value or a
// role, in order: the rules pass visits only them (the rest have a zero
// tokInfo, which is what the rules read of them). scanFast does nearly
// all of it; prescan does the tokens that need a call.
//
// keys holds the tokens' keys (see text.TokenizeKeys; 0 for none) on
// entry and their meta words on return (0 for a token without): each
// is written over the key that it was found by, so that the first pass
// writes to the slice that it reads. The live tokens, p.live of them,
// are written to live and their meta words to lmeta (both of len(toks)
// at least), in order, as the rules pass reads them. p is the caller's
// (zero) prescanned: returned by value with the two slices, it took 13
// words of stack to copy.
func (a *Analyzer) prescan(p *prescanned, toks []Token, keys []uint64, live []int32, lmeta []uint64) {
	keys = keys[:len(toks)]
	live = live[:len(toks)]
	for i := a.scanFast(toks, keys, live, p, 0); i < len(toks); i = a.scanFast(toks, keys, live, p, i+1) {
		t := &toks[i]
		switch t.Kind {
		case text.Word, text.Hashtag:
			meta := a.words.get(t.Norm)
			isWord := t.Kind == text.Word
			if isWord && mayCompound(t.Norm) {
				meta |= metaCompound
			}
			keys[i] = meta
			if isWord {
				p.votes += meta & metaVotes
			} else {
				p.letters-- // (see below)
				p.maySarcasm = true
				p.sarcTag = p.sarcTag || sarcasmTags[t.Norm]
			}
			if meta&metaUse != 0 || t.Elongated || isWord && meta&metaCompound != 0 {
				live[p.live] = int32(i)
				p.live++
			}
		case text.Punct:
			p.letters--
			p.excl += exclaims(t)
			if strings.Contains(t.Norm, "?") {
				p.quest = true
			}
			if t.Norm == "/" {
				p.maySarcasm, p.slash = true, true
			}
			if isQuote(t) {
				p.quotes++
			}
		}
	}
	// the words: the tokens less the others, which scanFast and the loop
	// above count down in p.letters
	p.letters += len(toks)
	// scare quotes take two quotation marks (a lone apostrophe, as in
	// "students'", starts no sarcasm rule)
	if p.quotes >= 2 {
		p.maySarcasm = true
	}
	if len(toks) < 1<<15 {
		p.nl, p.en = splitVotes(p.votes)
	} else { // beyond splitVotes' fields: word by word
		for i := range toks {
			if toks[i].Kind == text.Word {
				p.nl += int(keys[i] >> metaNLShift & 3)
				p.en += int(keys[i] >> metaENShift & 3)
			}
		}
	}
	live = live[:p.live]
	lmeta = lmeta[:len(live)]
	for j, i := range live {
		lmeta[j] = keys[i]
	}
}

// scanFast is prescan's loop from token i on for all but the tokens that
// need a call: it returns at the first word without a short key (see
// text.TokenizeKeys and get: long or elongated words), hashtag or
// punctuation of more than one byte, or at len(toks). Without calls its
// variables stay in registers.
func (a *Analyzer) scanFast(toks []Token, keys []uint64, live []int32, p *prescanned, i int) int {
	// The table's fields are read from w in the loop, not kept in
	// variables: the loop has more variables than registers, and a
	// load costs less than a spill and its reloads.
	w := &a.words
	keys = keys[:len(toks)]
	live = live[:len(toks)]
	// The word counts in locals, written back at the end: p's fields
	// were read and written in memory for every word. The words are
	// counted as the tokens less the others, which are counted down in
	// p.letters (see prescan): with the tokens visited and the others
	// in registers, the loop over the words reloaded both for every
	// word.
	votes, nlive := p.votes, p.live
	for i < len(toks) {
		// The words with a key (keys[i] != 0), in a loop of their own
		// whose variables fit the registers (in one loop with the other
		// tokens', some went to the stack and back for every word). A
		// word with a key is a Word of up to 8 bytes whose Norm (lower
		// case) the key is, not elongated: its key came with the
		// tokenizer's load of it (TokenizeKeys; a capitalised word's
		// too, whose Title and Upper the rules pass reads from its
		// token) or from keysOf (a test), and the word's token is not
		// read here at all.
		for ; i < len(toks) && keys[i] != 0; i++ {
			key := keys[i]
			// findShort's probe of the key's first bucket; the selects
			// compile to conditional moves. A word that the filter rules out
			// probes the empty bucket 0, which stays in the cache, instead
			// of its home (see wordTable.home), selected without a branch:
			// whether a word is known is hard to predict. A slot matches by
			// its key alone (see shortKey).
			home := w.home(key)
			f := filterHash(key) // hashShort's product: computed once
			fw, fbit := w.sfilter[filterWord(f)], filterBit(f)
			// (the bit tests below compile to BT, which takes its bit index
			// in any register, not a shift by CX, for which the loop's
			// variables were moved around and spilled)
			j := home & -uint32(b2u(fw&(1<<fbit) != 0))
			b := w.bucket(j)
			m0, m1 := b[0].meta, b[1].meta // both loaded: conditional moves, not branches
			meta := uint64(0)
			if b[0].key == key {
				meta = m0
			}
			if b[1].key == key {
				meta = m1
			}
			// On past a full bucket unless the key is in it: one branch
			// that is nearly never taken (whether the word is known, tested
			// as its own branch, was mispredicted for about one word in
			// two). The further buckets are probed by a call (probeFrom):
			// with their loop here, the variables of this loop were kept
			// on the stack.
			more := m0 & metaMore
			if meta != 0 {
				more = 0 // a conditional move
			}
			if more != 0 {
				meta = a.words.probeFrom(j+1, key)
			}
			// a possible intensifying compound (a whole prefix and 3 bytes
			// more), without a branch
			meta = meta&^metaMore | compoundKey(key)*metaCompound
			keys[i] = meta // the key is read no more
			votes += meta & metaVotes
			// live if it has an entry or a role or may be an intensifying
			// compound (as the rules pass tests it), computed without
			// branches: whether a word is known is hard to predict (a word
			// with a key is not elongated)
			live[nlive] = int32(i)
			nlive += b2i(meta&(metaUse|metaCompound) != 0)
		}
		if i == len(toks) {
			break
		}
		t := &toks[i]
		switch t.Kind {
		case text.Word:
			// A word without a key (TokenizeKeys gives none to a
			// word whose Norm is not small ASCII letters and digits,
			// such as "café" or "zo'n"; a caller's keys may all be
			// 0) that has a short key (see get)
			// is probed by the loop above, with its key from its Norm:
			// back to prescan, it took a call to get and one to
			// scanFast again, about 90 instructions a word more.
			if w, n := t.Norm, len(t.Norm); !t.Elongated && uint(n-1) < 8 {
				// keyLoads(w), written out (a call here cost the loop
				// its registers)
				var key uint64
				if n >= 4 { // the last four bytes overlap the first four
					key = uint64(le.Uint32(w)) | uint64(le.Uint32(w[n-4:]))<<(8*(n-4))
				} else {
					key = uint64(w[0]) | uint64(w[n>>1])<<(8*(n>>1)) | uint64(w[n-1])<<(8*(n-1))
				}
				if shortKey(key, n) {
					keys[i] = key
					continue
				}
			}
			goto out // looked up by prescan from Norm
		case text.Hashtag:
			goto out
		case text.Punct:
			if t.End-t.Start != 1 { // more than one ASCII byte
				goto out
			}
			p.punct1(toks, i)
		case text.Emoji, text.Emoticon:
			p.maySarcasm = true
			live[nlive] = int32(i)
			nlive++
		}
		p.letters--
		i++
	}
out:
	p.votes, p.live = votes, nlive
	return i
}

// probeKeys is prescanTokens' loop over the keys: it looks up each
// short key keys[k] (see shortKey) of token idx[k] in the short table
// and moves the live ones (in a lexicon, with a role or a possible
// intensifying compound) to the front of keys and idx, in order, the key
// replaced by its meta word (with metaCompound for a possible compound,
// without metaMore). It returns the sum of the votes of all (see
// prescanned.votes) and the number of live ones. It has findShort's
// probe written out, as scanFast has, in a function of its own: a call
// per key (to a probe function) cost the loop the reload of its
// variables after each call, 100 instructions a key in all. The live
// ones are moved in place, without a branch (each is written at the
// front, over a key read before, and counted when live), so that the
// loop has two slices to keep in registers, not four.
func (t *wordTable) probeKeys(keys []uint64, idx []int32) (votes uint64, nlive int) {
	idx = idx[:len(keys)]
	for k, key := range keys {
		// as scanFast: the filter's miss probes the empty bucket 0,
		// selected without a branch; a slot matches by its key alone
		home := t.home(key)
		f := filterHash(key)
		fw, fbit := t.sfilter[filterWord(f)], filterBit(f)
		j := home & -uint32(b2u(fw&(1<<fbit) != 0))
		b := t.bucket(j)
		m0, m1 := b[0].meta, b[1].meta
		meta := uint64(0)
		if b[0].key == key {
			meta = m0
		}
		if b[1].key == key {
			meta = m1
		}
		// on past a full bucket unless the key is in it (nearly never)
		more := m0 & metaMore
		if meta != 0 {
			more = 0
		}
		if more != 0 {
			meta = t.probeFrom(j+1, key)
		}
		meta = meta&^metaMore | compoundKey(key)*metaCompound
		votes += meta & metaVotes
		keys[nlive], idx[nlive] = meta, idx[k]
		nlive += b2i(meta&(metaUse|metaCompound) != 0)
	}
	return votes, nlive
}

// keyOf returns the key of a Word t of 1 to 8 bytes, not elongated, or 0
// when it has none (a short key is without a 0 byte: see shortKey). The
// key of a word whose Norm is the bytes of s at its Start (as the
// tokenizer leaves a lower-case word of s) is one 8-byte load from s, of
// the 8 bytes that end with the word or, for a word in the text's first
// 8 bytes, of those that start with it; that of another (a capitalised
// word, whose Norm the tokenizer wrote elsewhere, or any word of a text
// not given) is its Norm's keyLoads.
//
// (collectKeys has the first case written out.)
func keyOf(t *Token, s string) uint64 {
	n, end := len(t.Norm), int(t.Start)+len(t.Norm)
	var key uint64
	// (A Start below 0 fails the pointer test.)
	switch {
	case uintptr(unsafe.Pointer(unsafe.StringData(t.Norm)))-uintptr(unsafe.Pointer(unsafe.StringData(s))) != uintptr(t.Start) || end > len(s):
		key, _ = keyLoads(t.Norm)
	case end >= 8:
		key = le.Uint64At(s, end-8) >> ((64 - 8*n) & 63)
	case uint(t.Start)+8 <= uint(len(s)):
		key = le.Uint64At(s, int(t.Start)) & (^uint64(0) >> ((64 - 8*n) & 63))
	default:
		key, _ = keyLoads(t.Norm)
	}
	if shortKey(key, n) {
		return key
	}
	return 0
}

// splitVotes returns the Dutch and English votes of a sum of meta&metaVotes
// of fewer than 1<<15 words (the English field of 16 bits holds up to
// 65535 votes).
func splitVotes(v uint64) (nl, en int) {
	return int(v >> metaNLShift & (1<<(metaENShift-metaNLShift) - 1)), int(v >> metaENShift)
}

// probeChunk is how many keys prescanTokens has probeKeys add up the
// votes of at a time (see splitVotes).
const probeChunk = 1 << 14

// collectKeys is prescanTokens' first loop (see there): it writes the
// keys of the short words (keyOf: Words of 1 to 8 bytes, not elongated,
// with a key) to kbuf and their indices to kidx (both of len(toks) at
// least), nk of them, and the indices of the tokens that need a further
// look (other words, hashtags, longer punctuation, emoji and emoticons)
// to kidx from its end down, ns of them, and counts the words and the
// punctuation of one byte in p. It has keyOf's first case (a lower-case
// word of s after its first 8 bytes: nearly all) written out and calls
// keyOf for the others (capitalised words, two or three a post). It is
// a function of its own so that its variables stay in registers (in
// prescanTokens, with the other loops, the loop's counters were kept on
// the stack; a call to keyOf for every word cost some 50 instructions a
// word).
func collectKeys(toks []Token, s string, kbuf []uint64, kidx []int32, p *prescanned) (nk, ns int) {
	n := len(toks)
	kbuf, kidx = kbuf[:n], kidx[:n]
	sp := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	letters := 0
	for i := range toks {
		t := &toks[i]
		switch t.Kind {
		case text.Word:
			letters++
			m, end := len(t.Norm), int(t.Start)+len(t.Norm)
			if t.Elongated || uint(m-1) >= 8 {
				break
			}
			var key uint64
			if end >= 8 && end <= len(s) && uintptr(unsafe.Pointer(unsafe.StringData(t.Norm)))-sp == uintptr(t.Start) {
				// keyOf's first case, written out: the word is the
				// high m bytes of x; a short key has no 0 byte
				// (shortKey): the SWAR test flags every 0 byte of x
				// (and at most a 1 byte above one, for keyOf)
				x, sh := le.Uint64At(s, end-8), uint(64-8*m)&63
				if (x-lowBits)&^x&highBits>>sh == 0 {
					key = x >> sh
				}
			}
			if key == 0 { // a capitalised word, a word at the start
				if key = keyOf(t, s); key == 0 {
					break
				}
			}
			kbuf[nk], kidx[nk] = key, int32(i)
			nk++
			continue
		case text.Punct:
			if t.End-t.Start == 1 { // as scanFast
				p.punct1(toks, i)
				continue
			}
		default:
			// The kinds that need a further look by one test of a mask:
			// with them as a case of the switch, its compare tree over
			// the kinds cost every word two compares and branches.
			if 1<<t.Kind&(1<<text.Hashtag|1<<text.Emoji|1<<text.Emoticon) == 0 {
				continue
			}
		}
		ns++
		kidx[n-ns] = int32(i)
	}
	p.letters = letters
	return nk, ns
}

// prescanTokens is prescan for toks without keys that the shared
// tokenizer may have made of s, or of any text (s ""): AnalyzeTokenized,
// AnalyzeTokens and Explain. Its first loop (collectKeys) goes over the
// tokens once, without a call for nearly all: it collects the keys of
// the short words (keyOf), counts the words and the punctuation of one
// byte and leaves the other tokens for a second loop, which looks them
// up from their Norm and does what prescan does for them. The probe loop
// (probeKeys) then goes over the keys alone, in a loop without a branch
// that depends on the text. kbuf and kidx (of len(toks) at least) are
// its working memory; the live tokens and their meta words are returned
// in them.
func (a *Analyzer) prescanTokens(toks []Token, s string, kbuf []uint64, kidx []int32) (_ prescanned, live []int32, lmeta []uint64) {
	var p prescanned
	n := len(toks)
	kbuf, kidx = kbuf[:n], kidx[:n]
	// nk keys in kbuf[:nk] and their indices in kidx[:nk]; the other
	// tokens that need a look, ns of them, in kidx from its end down
	nk, ns := collectKeys(toks, s, kbuf, kidx, &p)
	// The tokens left, in order (from the end of kidx down), the live
	// ones and their meta words written from the end of kidx and kbuf
	// down as well (behind the tokens still to read), nl of them.
	var nl, nlVotes, enVotes int
	for j := n - 1; j >= n-ns; j-- {
		i := int(kidx[j])
		t := &toks[i]
		var meta uint64
		switch t.Kind {
		case text.Word:
			meta = a.words.get(t.Norm)
			if mayCompound(t.Norm) {
				meta |= metaCompound
			}
			nlVotes += int(meta >> metaNLShift & 3)
			enVotes += int(meta >> metaENShift & 3)
			if meta&(metaUse|metaCompound) == 0 && !t.Elongated {
				continue
			}
		case text.Hashtag:
			meta = a.words.get(t.Norm)
			p.maySarcasm = true
			p.sarcTag = p.sarcTag || sarcasmTags[t.Norm]
			if meta&metaUse == 0 && !t.Elongated {
				continue
			}
		case text.Punct:
			p.excl += exclaims(t)
			if strings.Contains(t.Norm, "?") {
				p.quest = true
			}
			if isQuote(t) {
				p.quotes++
			}
			continue
		default: // emoji and emoticons
			p.maySarcasm = true
		}
		nl++
		kidx[n-nl], kbuf[n-nl] = int32(i), meta
	}
	// the keys, probeChunk at a time (see splitVotes): the live ones and
	// their meta words to the front of kidx and kbuf, nlive of them
	votes, nlive := a.words.probeKeys(kbuf[:min(nk, probeChunk)], kidx)
	for k := probeChunk; k < nk; k += probeChunk {
		v0, v1 := splitVotes(votes)
		nlVotes, enVotes = nlVotes+v0, enVotes+v1
		var l int
		votes, l = a.words.probeKeys(kbuf[k:min(nk, k+probeChunk)], kidx[k:])
		copy(kidx[nlive:], kidx[k:k+l])
		copy(kbuf[nlive:], kbuf[k:k+l])
		nlive += l
	}
	v0, v1 := splitVotes(votes)
	p.nl, p.en = nlVotes+v0, enVotes+v1
	// then the other live tokens (from the end of kidx and kbuf, in
	// reverse order; each is written at or before the one read), and
	// all sorted by token
	for b := n - nl; b < n; b++ {
		kidx[nlive], kbuf[nlive] = kidx[b], kbuf[b]
		nlive++
	}
	live, lmeta = kidx[:nlive], kbuf[:nlive]
	// (a few live tokens, nearly always in order: an insertion sort)
	for j := 1; j < len(live); j++ {
		for k := j; k > 0 && live[k-1] > live[k]; k-- {
			live[k-1], live[k] = live[k], live[k-1]
			lmeta[k-1], lmeta[k] = lmeta[k], lmeta[k-1]
		}
	}
	p.live = nlive
	// scare quotes take two quotation marks (as prescan)
	if p.quotes >= 2 {
		p.maySarcasm = true
	}
	return p, live, lmeta
}

// allUpper reports whether every Word of toks is in capitals
// (Token.Upper). It is asked once per text, and returns at the first
// word in lower case (nearly always the first word): counting the words
// in capitals in the first pass cost an update per word.
func allUpper(toks []Token) bool {
	for i := range toks {
		if toks[i].Kind == text.Word && !toks[i].Upper {
			return false
		}
	}
	return true
}

// b2u returns 1 for true and 0 for false (compiled without a branch).
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// b2i returns 1 for true and 0 for false (compiled without a branch).
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// run scores toks. keys are their keys (see text.TokenizeKeys; prescan),
// or nil: then s is the text that the shared tokenizer made toks of, or
// "", and prescanTokens takes the keys of short words from s or their
// Norm. An explanation (explain) quotes the tokens from s, which must
// then be their text.
func (a *Analyzer) run(toks []Token, s string, keys []uint64, explain bool) (Score, *Explanation) {
	// per-token state on the stack, in a buffer of the post's size: the
	// zeroing of an unused 64-entry buffer cost more than short posts' rules
	var info []tokInfo
	var kbuf []uint64
	var kidx []int32
	switch n := len(toks); {
	case n <= 8:
		var stack [8]tokInfo
		var kbstack [8]uint64
		var kistack [8]int32
		info, kbuf, kidx = stack[:n], kbstack[:n], kistack[:n]
	case n <= 16:
		var stack [16]tokInfo
		var kbstack [16]uint64
		var kistack [16]int32
		info, kbuf, kidx = stack[:n], kbstack[:n], kistack[:n]
	case n <= 24:
		var stack [24]tokInfo
		var kbstack [24]uint64
		var kistack [24]int32
		info, kbuf, kidx = stack[:n], kbstack[:n], kistack[:n]
	case n <= 32:
		var stack [32]tokInfo
		var kbstack [32]uint64
		var kistack [32]int32
		info, kbuf, kidx = stack[:n], kbstack[:n], kistack[:n]
	case n <= 64:
		var stack [64]tokInfo
		var kbstack [64]uint64
		var kistack [64]int32
		info, kbuf, kidx = stack[:n], kbstack[:n], kistack[:n]
	default:
		info, kbuf, kidx = make([]tokInfo, n), make([]uint64, n), make([]int32, n)
	}
	// the live tokens and their meta words in kidx and kbuf
	if keys == nil {
		pre, live, lmeta := a.prescanTokens(toks, s, kbuf, kidx)
		return a.rules(toks, s, &pre, explain, info, live, lmeta)
	}
	var pre prescanned
	a.prescan(&pre, toks, keys, kidx, kbuf)
	return a.rules(toks, s, &pre, explain, info, kidx[:pre.live], kbuf[:pre.live])
}

// rules is run after the first pass (prescan or prescanTokens: pre,
// with live the live tokens and lmeta their meta words), with the
// zeroed per-token state info (len(toks) entries); txt is the tokenised
// text, which explanations quote tokens from.
func (a *Analyzer) rules(toks []Token, txt string, pre *prescanned, explain bool, info []tokInfo, live []int32, lmeta []uint64) (Score, *Explanation) {
	letters, excl, quest, maySarcasm := pre.letters, pre.excl, pre.quest, pre.maySarcasm
	lmeta = lmeta[:len(live)]
	tally := lang.TallyOf(pre.letters, pre.nl, pre.en)
	code := tally.Code()
	tag := code.Tag()
	en := code == lang.English
	var lx, fb map[string]entry
	if en {
		lx = a.en
	} else { // Dutch and undetermined: Dutch lexicon, English fallback
		lx, fb = a.nl, a.en
	}
	lastContrast := -1
	var flags Flags
	var ex *Explanation
	if explain {
		ex = &Explanation{Lang: tag, LexiconVersion: a.version}
	}
	var rules [][]string // per token, when explaining
	if explain {
		rules = make([][]string, len(toks))
	}
	note := func(i int, r string) {
		if explain {
			rules[i] = append(rules[i], r)
		}
	}
	global := func(r string) {
		if explain {
			ex.Rules = append(ex.Rules, r)
		}
	}

	allCaps := letters > 0 && allUpper(toks)
	// hasSentiment reports whether token j, one or two tokens after the
	// live token live[li], has a value of its own. Only a live token can
	// have one (any other resolves to no entry and no role): one of the
	// next two live tokens.
	hasSentiment := func(j, li int) bool {
		for l := li + 1; l < len(live) && int(live[l]) <= j; l++ {
			if int(live[l]) == j {
				if !info[j].resolved {
					a.resolve(&toks[j], &info[j], lmeta[l], en, lx, fb)
				}
				c := &classList[info[j].cls]
				return info[j].found && info[j].base != 0 && c.boost == 0 && !c.prof
			}
		}
		return false
	}
	hit := func(i int) bool { return info[i].src != 0 }
	var sum, pos, neg, emo, words float64 // see sum below
	hits := 0

	// One pass applies, per token, the lexicon value with boosters and
	// profanity (pass 1), then the rules that read the token and the
	// tokens before it (pass 2), and adds the value to the sums. A token's
	// entry is resolved when the pass reaches it or a booster before it
	// looks ahead.
	for li, i32 := range live {
		i := int(i32)
		t := &toks[i]
		n := t.Norm
		if ti := &info[i]; !ti.resolved {
			if t.Kind == text.Word && !t.Elongated {
				// resolve, inline for the common case
				ti.resolved = true
				if wi := metaIdx(lmeta[li]); wi != 0 {
					w := &a.words.ents[wi]
					switch {
					case en && w.enOK:
						ti.base, ti.lexSrc, ti.found = w.en.v, w.en.src, true
					case !en && w.nlOK:
						ti.base, ti.lexSrc, ti.found = w.nl.v, w.nl.src, true
					case !en && w.enOK && len(n) >= 4:
						ti.base, ti.lexSrc, ti.found = w.en.v, w.en.src, true
					}
					ti.cls = w.cls
				}
			} else {
				a.resolve(t, ti, lmeta[li], en, lx, fb)
			}
		}
		if ti := &info[i]; !ti.found && ti.cls == 0 {
			// Neither a lexicon entry nor a role (most tokens): only an
			// intensifying compound (below) can make such a token count.
			if t.Kind != text.Word || !(len(n) >= 5 && n[1]-'a' < 26 && profane2[n[0]]>>(n[1]-'a')&1 != 0) {
				continue
			}
		}
		// dual-use words: intensifier when a sentiment word follows
		cls := classList[info[i].cls]
		if cls.contrast && i > 0 {
			lastContrast = i
		}
		if cls.phrase || cls.situation {
			maySarcasm = true
		}
		if cls.booster && (hasSentiment(i+1, li) || (i+2 < len(toks) && toks[i+1].Kind == text.Word && classList[info[i+1].cls].boost != 0 && hasSentiment(i+2, li))) {
			if cls.prof {
				flags |= FlagProfanity
			}
			continue
		}
		if cls.prof && (hasSentiment(i+1, li) || hasSentiment(i+2, li)) {
			flags |= FlagProfanity
			continue
		}
		e, ok := entry{info[i].base, info[i].lexSrc}, info[i].found
		compound := false // an intensifying compound, valued below
		if !ok && t.Kind == text.Word {
			// profanity or intensifying compound: "kankermooi", "teringlekker", "superleuk"
			var ps []string // the prefixes that can match n
			if len(n) >= 5 && n[1]-'a' < 26 && profane2[n[0]]>>(n[1]-'a')&1 != 0 {
				ps = profaneBy[n[0]]
			}
			for _, p := range ps {
				if len(n) > len(p)+2 && strings.HasPrefix(n, p) {
					rest := strings.TrimPrefix(strings.TrimPrefix(n[len(p):], "-"), "e")
					if e2, ok2 := lx[rest]; ok2 && e2.v != 0 {
						e, ok = e2, true
						info[i].base = e2.v
						info[i].v = e2.v + math.Copysign(0.5, e2.v)
						info[i].src = e2.src
						if explain {
							note(i, "compound "+p+"- intensifies +0.5")
						}
						if profanity[p] {
							flags |= FlagProfanity
						}
					} else if e2, ok2 := lx[n[len(p):]]; ok2 && e2.v != 0 {
						e, ok = e2, true
						info[i].base = e2.v
						info[i].v = e2.v + math.Copysign(0.5, e2.v)
						info[i].src = e2.src
						if explain {
							note(i, "compound "+p+"- intensifies +0.5")
						}
						if profanity[p] {
							flags |= FlagProfanity
						}
					}
					break
				}
			}
			compound = ok
		}
		if !compound {
			if cls.prof {
				flags |= FlagProfanity
			}
			if !ok || e.v == 0 {
				continue
			}
			info[i].base, info[i].v, info[i].src = e.v, e.v, e.src
			info[i].emoji = t.Kind == text.Emoji || t.Kind == text.Emoticon
		}

		// pass 2: per-token rules
		v := info[i].v
		sign := math.Copysign(1, v)
		if t.Upper && !allCaps && t.Kind == text.Word {
			v += sign * capsIncr
			note(i, "capitals +0.733")
			flags |= FlagOutburst
		}
		if t.Elongated && t.Kind == text.Word {
			v += sign * elongIncr
			note(i, "elongation +0.3")
		}
		// intensifiers, dampers and negation in the three preceding tokens
		// of the clause: only a live token has a class (the others have
		// the zero tokInfo), so that the tokens need to be read only when
		// the live token before this one is among them (for one word in
		// four or five)
		negated := false
		for k, j := 1, i-1; k <= 3 && j >= 0 && li > 0 && int(live[li-1]) >= i-3; k, j = k+1, j-1 {
			p := &toks[j]
			pc := &classList[info[j].cls]
			if p.Kind == text.Punct || p.Kind == text.Emoji || p.Kind == text.Emoticon || pc.contrast {
				break
			}
			if b := pc.boost; b != 0 && !hit(j) {
				decay := 1 - 0.05*float64(k-1)
				s := b * decay
				if p.Upper && !allCaps {
					s += math.Copysign(capsIncr, b) * 0.5
				}
				v += sign * s
				if explain {
					note(i, "intensifier "+p.Text(txt)+" "+fmtSigned(s))
				}
			}
			if pc.neg && !negated {
				negated = true
			}
		}
		// Dutch post-verbal negation: "leuk is het niet", "vind ik niet";
		// "niet" and "not" are negators, thus live: the tokens are read
		// only when the next live token is among the three that follow
		if !negated && li+1 < len(live) && int(live[li+1]) <= i+3 {
			for j := i + 1; j < len(toks) && j <= i+3; j++ {
				p := &toks[j]
				if p.Kind != text.Word {
					break
				}
				if (p.Norm == "niet" || p.Norm == "not") && (j+1 == len(toks) || toks[j+1].Kind != text.Word) {
					negated = true
				}
			}
		}
		if negated {
			v *= negScalar
			note(i, "negated ×-0.74")
			flags |= FlagNegated
		}
		info[i].v = v
		hits++
		sum += v
		if v > 0 {
			pos += v
		} else {
			neg += v
		}
		if info[i].emoji {
			emo += math.Abs(v)
		} else {
			words += math.Abs(v)
		}
	}
	// The loops over the tokens with a value (hit) below visit only the
	// live tokens, in order: no other token has a value.
	if lastContrast >= 0 {
		for _, i32 := range live {
			i := int(i32)
			if !hit(i) {
				continue
			}
			if i < lastContrast {
				info[i].v *= contrastPre
				if explain {
					note(i, "before "+toks[lastContrast].Norm+" ×0.5")
				}
			} else {
				info[i].v *= contrastPost
				if explain {
					note(i, "after "+toks[lastContrast].Norm+" ×1.5")
				}
			}
		}
	}

	// sarcasm
	sarcasm, why := false, ""
	switch {
	case !maySarcasm: // no rule of sarcasm can fire without such a token
	case explain:
		sarcasm, why = a.sarcasm(toks, txt, info, lastContrast)
	default:
		sarcasm = a.sarcasmAny(toks, info, live, lastContrast, pre)
	}
	if sarcasm {
		flags |= FlagSarcasm
		if explain {
			global("sarcasm: " + why)
		}
		for _, i32 := range live {
			if i := int(i32); hit(i) && info[i].v > 0 && !info[i].emoji {
				info[i].v = -0.9 * info[i].v
				note(i, "sarcasm: literal positive inverted ×-0.9")
			}
		}
	}

	// sum: the main pass added up the values; again, in the same order,
	// when contrast or sarcasm changed them or contributions are wanted
	if lastContrast >= 0 || sarcasm || explain {
		sum, pos, neg, emo, words = 0, 0, 0, 0, 0
		hits = 0
		for _, i32 := range live {
			i := int(i32)
			if !hit(i) {
				continue
			}
			hits++
			v := info[i].v
			sum += v
			if v > 0 {
				pos += v
			} else {
				neg += v
			}
			if info[i].emoji {
				emo += math.Abs(v)
			} else {
				words += math.Abs(v)
			}
			if explain {
				ex.Contributions = append(ex.Contributions, Contribution{
					Token: toks[i], Text: toks[i].Text(txt), Source: a.srcs[info[i].src], Lexicon: info[i].base, Value: info[i].v, Rules: rules[i],
				})
			}
		}
	}
	if sarcasm && sum >= 0 {
		sum -= 1.5
		global("sarcasm: no literal positive left to invert, -1.5")
	}
	// exclamation and question marks (counted in the first pass)
	if excl > 4 {
		excl = 4
	}
	if excl > 0 && sum != 0 {
		d := math.Copysign(float64(excl)*exclIncr, sum)
		sum += d
		if excl >= 2 {
			flags |= FlagOutburst
		}
		if explain {
			global("exclamation ×" + itoa(excl) + " " + fmtSigned(d))
		}
	}
	if allCaps && letters >= 3 {
		flags |= FlagOutburst
	}
	if quest && excl == 0 {
		sum *= questionDamp
		flags |= FlagQuestion
		global("question: ×0.6")
	}
	if emo > words && emo > 0 {
		flags |= FlagEmojiDriven
	}
	pol := sum / math.Sqrt(sum*sum+alpha)
	// builtin min and max: math.Min and math.Max's results (NaN and
	// signed zeros alike), without a call
	pol = max(-1, min(1, pol))
	label := Neutral
	switch {
	case pos >= 1.5 && neg <= -1.5 && min(pos, -neg)/max(pos, -neg) >= 0.5 && !sarcasm:
		label = Mixed
	case pol >= 0.05:
		label = Positive
	case pol <= -0.05:
		label = Negative
	}
	conf := 0.5
	if hits > 0 {
		conf = 0.3 + 0.12*min(float64(hits), 4) + 0.25*math.Abs(pol)
	}
	if sarcasm {
		conf *= 0.7
	}
	if quest {
		conf *= 0.8
	}
	if code == lang.Und {
		conf *= 0.85
	}
	conf = max(0, min(1, conf))
	sc := Score{Polarity: pol, Label: label, Confidence: conf, Flags: flags, Lang: tag}
	if explain {
		ex.Sum = sum
		ex.Score = sc
	}
	return sc, ex
}

// sarcasm applies the rule set documented in the package doc and returns
// whether it fired and which rule: the first rule that fires, in the order
// of the tokens (for explanations; sarcasmAny answers whether any fires).
// s is the tokenised text.
func (a *Analyzer) sarcasm(toks []Token, s string, info []tokInfo, contrast int) (bool, string) {
	literalPos := false
	for i := range toks {
		if info[i].src != 0 && info[i].v >= 1 && !info[i].emoji {
			literalPos = true
		}
	}
	for i := range toks {
		t := &toks[i]
		switch {
		case t.Kind == text.Hashtag && sarcasmTags[t.Norm]:
			return true, "hashtag #" + t.Norm
		case slashS(toks, i):
			return true, "marker /s"
		case t.Kind == text.Emoji && sarcasmEmoji[emojiKey(t.Norm)] && literalPos:
			return true, "ironic emoji " + t.Text(s) + " next to a positive word"
		case t.Kind == text.Emoticon && t.Norm == "-_-" && literalPos:
			return true, "emoticon -_- next to a positive word"
		}
		if t.Kind == text.Word && classList[info[i].cls].phrase {
			if ph := phraseAt(toks, info, i); ph != nil {
				return true, "phrase \"" + strings.Join(ph, " ") + "\""
			}
		}
		if k := scareQuoted(toks, info, i); k >= 0 {
			return true, "scare quotes around " + toks[k].Text(s)
		}
	}
	if contrast < 0 && literalPos {
		for i := range toks {
			if ironicSituation(toks, info, i) {
				return true, "positive evaluation next to a negative situation (" + toks[i].Text(s) + ")"
			}
		}
	}
	return false, ""
}

// sarcasmAny reports whether any rule of sarcasm fires (as sarcasm, whose
// rules read nothing that another rule changes, so that their order does
// not matter here). It tests each rule only where the first pass found
// something it can start from (p), or at the live tokens (those with a
// value or role, in order: emoji, emoticons, phrase words, situations),
// instead of testing every token for every rule.
func (a *Analyzer) sarcasmAny(toks []Token, info []tokInfo, live []int32, contrast int, p *prescanned) bool {
	if p.sarcTag { // a hashtag of sarcasmTags
		return true
	}
	if p.slash {
		for i := range toks {
			if slashS(toks, i) {
				return true
			}
		}
	}
	// only a live token has a value
	literalPos := false
	for _, i32 := range live {
		if i := int(i32); info[i].src != 0 && info[i].v >= 1 && !info[i].emoji {
			literalPos = true
			break
		}
	}
	for _, i32 := range live {
		i := int(i32)
		t := &toks[i]
		switch t.Kind {
		case text.Emoji:
			if literalPos && sarcasmEmoji[emojiKey(t.Norm)] {
				return true
			}
		case text.Emoticon:
			if literalPos && t.Norm == "-_-" {
				return true
			}
		case text.Word:
			if classList[info[i].cls].phrase && phraseAt(toks, info, i) != nil {
				return true
			}
		}
	}
	if p.quotes >= 2 { // a scare quote takes two
		for i := range toks {
			if scareQuoted(toks, info, i) >= 0 {
				return true
			}
		}
	}
	if contrast < 0 && literalPos {
		for _, i32 := range live { // a situation word has a role: live
			if ironicSituation(toks, info, int(i32)) {
				return true
			}
		}
	}
	return false
}

// slashS reports whether toks[i] is the marker "/s" at the end of a
// clause.
func slashS(toks []Token, i int) bool {
	t := &toks[i]
	return t.Kind == text.Punct && t.Norm == "/" && i+1 < len(toks) && toks[i+1].Norm == "s" && (i+2 == len(toks) || toks[i+2].Kind != text.Word)
}

// phraseAt returns the first sarcasm phrase that starts at toks[i] (a
// word with cls.phrase: its class has the phrases, no map lookup needed)
// and fires, or nil. toks[i] is the phrases' first word (its Norm's
// class is the word's), so that only the words after it are compared.
func phraseAt(toks []Token, info []tokInfo, i int) []string {
	for _, ph := range phraseLists[classList[info[i].cls].phrases] {
		if matchPhrase(toks, i+1, ph[1:]) {
			if len(ph) == 2 && ph[1] == "hoor" && ph[0] != "ja" && !hasNegative(toks, info) {
				continue // "fijn hoor" alone can be sincere
			}
			if ph[0] == "lekker" && i > 0 && toks[i-1].Kind == text.Word && toks[i-1].Norm != "nou" && toks[i-1].Norm != "ja" {
				continue
			}
			if ph[0] == "lekker" && !(i == 0 || toks[i-1].Kind != text.Word || toks[i-1].Norm == "nou") {
				continue
			}
			return ph
		}
	}
	return nil
}

// scareQuoted returns the index of a positive word in scare quotes that
// open at toks[i] ("geweldige" service), or -1.
func scareQuoted(toks []Token, info []tokInfo, i int) int {
	if isQuote(&toks[i]) && i+2 < len(toks) {
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			if isQuote(&toks[j]) {
				for k := i + 1; k < j; k++ {
					if info[k].src != 0 && info[k].base > 0 && !info[k].emoji {
						return k
					}
				}
				break
			}
		}
	}
	return -1
}

// ironicSituation reports whether toks[i] is a situation word that a
// literal positive word near it praises ironically (in a text with a
// literal positive word and without contrast).
func ironicSituation(toks []Token, info []tokInfo, i int) bool {
	if toks[i].Kind == text.Word && classList[info[i].cls].situation && !(info[i].src != 0 && info[i].v > 0) {
		// the situation must not be negated away ("geen vertraging")
		if i > 0 && negators[toks[i-1].Norm] {
			return false
		}
		if !positiveNear(toks, info, i) {
			return false // praise elsewhere in the post is not irony about this
		}
		if hasAgain(toks) || strings.HasSuffix(toks[i].Norm, "ing") || hasExclaim(toks) {
			return true
		}
	}
	return false
}

// situationReach is how many tokens a positive evaluation may stand from
// the situation it ironically praises ("Geweldig hoor, de derde storing").
const situationReach = 6

// positiveNear reports whether a literal positive word stands within
// situationReach tokens of toks[s] in the same sentence.
func positiveNear(toks []Token, info []tokInfo, s int) bool {
	for i := s - 1; i >= 0 && s-i <= situationReach; i-- {
		if toks[i+1].SentenceStart {
			break
		}
		if info[i].src != 0 && info[i].v >= 1 && !info[i].emoji {
			return true
		}
	}
	for i := s + 1; i < len(toks) && i-s <= situationReach; i++ {
		if toks[i].SentenceStart {
			break
		}
		if info[i].src != 0 && info[i].v >= 1 && !info[i].emoji {
			return true
		}
	}
	return false
}

func isQuote(t *Token) bool {
	return t.Kind == text.Punct && (t.Norm == "\"" || t.Norm == "“" || t.Norm == "”" || t.Norm == "'" || t.Norm == "‘" || t.Norm == "’")
}

func hasAgain(toks []Token) bool {
	for i := range toks {
		switch toks[i].Norm {
		case "weer", "alweer", "wederom", "again", "nog", "altijd", "steeds":
			return true
		}
	}
	return false
}

func hasExclaim(toks []Token) bool {
	for i := range toks {
		if toks[i].Kind == text.Punct && strings.ContainsAny(toks[i].Norm, "!") {
			return true
		}
	}
	return false
}

func hasNegative(toks []Token, info []tokInfo) bool {
	for i := range toks {
		if (info[i].src != 0 && info[i].base < 0) || (toks[i].Kind == text.Word && classList[info[i].cls].situation) {
			return true
		}
	}
	return false
}

func matchPhrase(toks []Token, i int, ph []string) bool {
	j := i
	for _, w := range ph {
		for j < len(toks) && toks[j].Kind == text.Punct && toks[j].Norm == "," {
			j++
		}
		if j >= len(toks) || toks[j].Norm != w {
			return false
		}
		j++
	}
	return true
}
