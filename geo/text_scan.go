package geo

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/internal/lang"
	"github.com/socialgeo/socialgeo/internal/match"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Evidence confidences of a name found in text. See [TextResolver].
const (
	confStrong     = 0.9  // an unambiguous official name, alias or sizeable place
	confLandmark   = 0.8  // a landmark name
	confHashtag    = 0.85 // a place name as a hashtag
	confPrepTitle  = 0.8  // common word, capitalised, after a place preposition
	confTitleMid   = 0.7  // common word, capitalised mid-sentence
	confMajorStart = 0.7  // common-word city, capitalised at sentence start
	confPrepLower  = 0.6  // common word in lower case after a preposition
	confNearby     = 0.6  // common word, capitalised, another place in the post
	confSmallPlace = 0.75 // a small place (village, hamlet) with evidence

	mulQualifier = 0.95 // shared name settled by a qualifier ("Bergen (L.)")
	mulContext   = 0.85 // settled by the author's known area or a nearby place
	mulDominant  = 0.75 // settled by population dominance
)

// The word lists below are switches, not maps: the compiler turns a
// string switch into a length test and a binary search over a few
// constants, which is several times cheaper than hashing the word, and
// judge asks them for most name matches.

// isPlacePreposition reports whether w introduces a place: "naar Best",
// "in Echt".
func isPlacePreposition(w string) bool {
	switch w {
	case "in", "bij", "naar", "uit", "vanuit", "rond", "richting", "te", "nabij", "via", "omgeving",
		"langs", "voorbij", "buiten":
		return true
	}
	return false
}

// isAfterPlace reports whether w is a lower-case word that may follow a
// place name, so that a lower-case common word after a preposition still
// counts ("naar best geweest"), unlike "in heel Nederland".
func isAfterPlace(w string) bool {
	switch w {
	case "en", "of", "met", "voor", "vandaag", "morgen", "gisteren", "geweest", "gaan", "gegaan", "toe",
		"vanavond", "vanmiddag", "vanochtend", "is", "was", "om", "op", "aan", "gereden", "verhuisd",
		"gewoond", "ook", "weer", "nu", "terug", "rijden", "wonen":
		return true
	}
	return false
}

// isFunctionWord reports whether w is never a place except as a hashtag
// ("Wie", "Waar", "Een" and "Hier" are hamlets too). newNameIndex stores
// it per entry (entry.function).
func isFunctionWord(w string) bool {
	switch w {
	case "de", "het", "een", "en", "of", "op", "in", "te", "na", "om", "aan", "bij", "tot", "met",
		"van", "voor", "naar", "uit", "over", "mijn", "ons", "jij", "je", "zij", "wij", "ze", "hij",
		"ik", "wat", "die", "dat", "dit", "deze", "wie", "waar", "hier", "daar", "nu", "dan", "al", "ook",
		"zo", "nog", "toch":
		return true
	}
	return false
}

// isDeterminer reports whether w, before a capitalised common word, makes
// it a noun or an adjective: an article ("de Markt", "een Echt probleem")
// or a possessive ("mijn Best", "the Best mum"). Dutch "dat", "die" and
// "deze" are left out: "dat Best ..." is a conjunction before a place.
// (A switch: faster than a map for these short words.)
func isDeterminer(w string) bool {
	switch w {
	case "de", "het", "t", "een", "mijn", "jouw", "onze", "hun", "uw",
		"the", "a", "an", "my", "your", "our", "their", "his", "its":
		return true
	}
	return false
}

// isEnglishPreposition reports whether w introduces a capitalised place in
// an English post ("to Goes", "at Best"). These are not Dutch words, so the
// post's language is not checked.
func isEnglishPreposition(w string) bool {
	switch w {
	case "at", "to", "from", "near", "around", "into", "towards", "visit", "visiting", "visited", "outside":
		return true
	}
	return false
}

// pluralNext reports whether a lower-case word w after a sentence-initial
// common word makes that word a plural noun, not a town (a town takes a
// singular verb): an infinitive or plural verb ("Haren knippen") or, unless
// the town is a city (city: "Leiden in de sneeuw"), a preposition ("Putten
// in het fietspad").
func pluralNext(w string, city bool) bool {
	switch w {
	case "in", "op", "aan", "van", "met", "bij", "onder", "boven", "achter", "naast", "zonder", "langs":
		return !city
	}
	return len(w) > 4 && strings.HasSuffix(w, "en") && !isAfterPlace(w)
}

// isJoin reports whether w may stand between a capitalised common-word
// name and the place next to it that confirms it ("Best en Eindhoven",
// "Son, Best").
func isJoin(w string) bool {
	switch w {
	case "en", ",", "of", "&", "-", "/", "and", "or":
		return true
	}
	return false
}

// status of a raw name match.
type status uint8

const (
	rejected status = iota
	accepted
	needNearby // accepted only if another place is in the post
)

type rawMatch struct {
	entry       int32
	first, last int32
	hashtag     bool
	verbNext    bool // a word of isAfterPlace follows ("Bergen is …")
	st          status
	conf        float64
}

type scratch struct {
	matches []match.Match // of the automaton, before find filters them
	raw     []rawMatch
	out     []rawMatch
	sel     []int32
	toks    []text.Token
	// tkeys and arena are the tokenizer's keys and folded Norms' bytes
	// for toks (see TextResolver.resolve)
	tkeys []uint64
	arena []byte
	// locs and locs2 collect HomeResolver's result before keep copies
	// it out; res collects TextResolver's in the chunk (tail), and keys
	// are the keys of res (see addName).
	locs, locs2 []Location
	res         []Location
	keys        []int32
	seen        uint64 // bit k%64 for each k in keys (see addName)
	// anchorsDone: anchors holds the post's anchors (see settleShared)
	anchorsDone bool
	errs        []error // of a post, before errors.Join copies them
	anchors     []*cand
	// chunk is where results are carved from, points where their
	// Points are (see take and point).
	chunk  []Location
	points []orb.Point
}

// chunkLen is the number of locations allocated at once for results.
const chunkLen = 32

// keep returns a copy of l that the caller owns, placed by take.
func (s *scratch) keep(l []Location) []Location {
	if len(l) == 0 {
		return nil
	}
	out := s.take(len(l))
	copy(out, l)
	return out
}

// take returns n locations that the caller owns, for the caller to fill
// every field of. They are carved from a chunk of chunkLen locations,
// capacity capped so that appending to one result cannot overwrite
// another, instead of one allocation per result: a result has about two
// or three locations, so this saves the allocation (and its share of the
// garbage collector's work) for all but one result in ten or more. The
// price: a result the caller keeps holds its whole chunk (1.8 KB) alive.
// From chunkLen/4 locations on a result has an array of its own.
func (s *scratch) take(n int) []Location {
	if n > chunkLen/4 {
		return make([]Location, n)
	}
	if cap(s.chunk)-len(s.chunk) < n {
		s.chunk = make([]Location, 0, chunkLen)
	}
	m := len(s.chunk)
	s.chunk = s.chunk[:m+n]
	return s.chunk[m : m+n : m+n]
}

// point returns a copy of p that the caller owns, carved from a chunk of
// chunkLen points as take carves locations (a Location's Point: one
// allocation per chunkLen geotags instead of one each).
func (s *scratch) point(p orb.Point) *orb.Point {
	if len(s.points) == cap(s.points) {
		s.points = make([]orb.Point, 0, chunkLen)
	}
	s.points = append(s.points, p)
	return &s.points[len(s.points)-1]
}

// tail returns the free part of s.chunk as an empty slice, so that a
// result appended to it (growRes making room) is written where keep would
// copy it: TextResolver saves that copy. keepTail hands it out.
func (s *scratch) tail() []Location {
	return s.chunk[len(s.chunk):len(s.chunk)]
}

// growRes makes room for one more location in s.res (from tail) when the
// chunk has none: s.res moves to a new chunk, or, from chunkLen/4
// locations on, to an array of its own, as keep would have placed it.
func (s *scratch) growRes() {
	n := len(s.res)
	if n >= chunkLen/4 {
		s.res = slices.Grow(s.res, 1)
		return
	}
	c := make([]Location, n, chunkLen)
	copy(c, s.res)
	s.chunk, s.res = c[:0], c
}

// keepTail is keep for a result l collected in tail(): the places of the
// chunk that it took become the caller's, capacity capped as keep's.
func (s *scratch) keepTail(l []Location) []Location {
	if len(l) == 0 {
		return nil
	}
	n := len(s.chunk)
	if free := s.chunk[n:cap(s.chunk)]; len(l) <= len(free) && &l[0] == &free[0] {
		s.chunk = s.chunk[:n+len(l)]
		return l[:len(l):len(l)]
	}
	return l // an array of its own (growRes, or postcodes' append)
}

var scratchPool = sync.Pool{New: func() any { return &scratch{raw: make([]rawMatch, 0, 16)} }}

// isAllCaps reports whether most words of the text are in capitals
// ("ECHT BEST LEUK IN GOES"), where case says nothing.
func isAllCaps(toks []text.Token) bool {
	// At least two upper-case words are needed (words >= 2 and upper*10
	// >= words*6); most posts have none or one, and a scan for them alone
	// (nextUpper) is cheaper than the count below.
	if i := nextUpper(toks, 0); i == len(toks) || nextUpper(toks, i+1) == len(toks) {
		return false
	}
	words, upper := 0, 0
	for i := range toks {
		if toks[i].Kind == text.Word && len(toks[i].Norm) > 1 {
			words++
			if toks[i].Upper {
				upper++
			} else if lower, rest := words-upper, len(toks)-i-1; 2*(upper+rest) < 3*lower {
				// even if every token left were a capitalised word:
				// (upper+rest)*10 < (lower+upper+rest)*6
				return false
			}
		}
	}
	return words >= 2 && upper*10 >= words*6
}

// nextUpper returns the index of the first upper-case token of toks[i:],
// or len(toks); as nextNumber, it tests four tokens a step.
func nextUpper(toks []text.Token, i int) int {
	if uint(i) > uint(len(toks)) {
		return len(toks)
	}
	rest := toks[i:]
	for len(rest) > 4 {
		if rest[0].Upper || rest[1].Upper || rest[2].Upper || rest[3].Upper {
			break
		}
		rest = rest[4:]
	}
	for len(rest) > 0 && !rest[0].Upper {
		rest = rest[1:]
	}
	return len(toks) - len(rest)
}

// allCaps computes isAllCaps once, and only when a rule asks: only for a
// capitalised common word or small place.
type allCaps struct{ done, caps bool }

func (c *allCaps) get(toks []text.Token) bool {
	if !c.done {
		c.done, c.caps = true, isAllCaps(toks)
	}
	return c.caps
}

// postLang detects, once and only when a rule asks, whether a post is in
// English.
type postLang struct{ done, en bool }

func (l *postLang) english(ix *nameIndex, toks []text.Token) bool {
	if !l.done {
		l.done, l.en = true, ix.english(toks)
	}
	return l.en
}

// markers numbers the marker words of internal/lang for english; marks
// are their marks.
type markers struct {
	dict  *match.Dict
	marks []lang.Mark
}

func newMarkers() markers {
	words := lang.Markers()
	m := markers{dict: match.NewDict(words), marks: make([]lang.Mark, len(words))}
	for i, w := range words {
		m.marks[i] = lang.Marker(w)
	}
	return m
}

// english reports whether lang.Detect(toks) is language.English: the same
// vote, with the marks of a word found in a match.Dict instead of two Go
// map lookups (lang.Marker), which cost some 5,000 instructions a post.
func (ix *nameIndex) english(toks []text.Token) bool {
	var t lang.Tally
	dict, marks := ix.markers.dict, ix.markers.marks
	for i := range toks {
		if toks[i].Kind == text.Word {
			var m lang.Mark
			if k := dict.Index(toks[i].Norm); k >= 0 {
				m = marks[k]
			}
			t.Add(m)
		}
	}
	return t.Code() == lang.English
}

// prevWord returns the index of the token before i, skipping joiners, or -1.
func prevTok(toks []text.Token, i int) int {
	for i--; i >= 0; i-- {
		if !match.Joiner(&toks[i]) {
			return i
		}
	}
	return -1
}

// strongConf is the confidence of a name that needs no evidence.
func (e *entry) strongConf(hashtag bool) float64 {
	switch {
	case hashtag:
		return confHashtag
	case e.landmark:
		return confLandmark
	}
	return confStrong
}

// judge decides whether a raw match counts as a place and with what
// confidence, from the local evidence (home: profile-field rules).
func (ix *nameIndex) judge(m *rawMatch, toks []text.Token, caps *allCaps, en *postLang, home bool) {
	e := &ix.entries[m.entry]
	ft := &toks[m.first]
	if !e.common && !e.weak {
		// the common case, decided before the rules below need the
		// post's case (and before the first candidate is read)
		m.st, m.conf = accepted, e.strongConf(m.hashtag)
		return
	}
	// The rejections and acceptances that do not depend on the case of
	// the post come first: caps.get reads the whole post, and a hashtag,
	// a function word ("Een", "Wie" at a sentence start) or a word after
	// an article does not need it.
	if e.article && !m.hashtag && !ft.Title && (e.weak || e.common) {
		m.st = rejected // "de wijk", "het zand": words, not "De Wijk"
		return
	}
	if m.hashtag {
		m.st, m.conf = accepted, 0.8
		return
	}
	if e.function {
		m.st = rejected
		return
	}
	if home {
		if ft.Title && !caps.get(toks) || ft.Upper {
			m.st, m.conf = accepted, 0.75
		}
		return
	}
	p := prevTok(toks, int(m.first))
	if p >= 0 && e.common && isDeterminer(toks[p].Norm) {
		m.st = rejected // "de Markt", "een Echt probleem", "the Best mum": not a place name
		return
	}
	title := ft.Title && !caps.get(toks)
	if p >= 0 && e.common && e.single && title && p == int(m.first)-1 && toks[p].Kind == text.Word && toks[p].Title && districtWord(e.key) {
		m.st = rejected // "Goes Centrum", "Best Noord": a part of the place before it
		return
	}
	prep := p >= 0 && toks[p].Kind == text.Word && (isPlacePreposition(toks[p].Norm) || title && isEnglishPreposition(toks[p].Norm))
	nextOK := true
	if n := int(m.last) + 1; n < len(toks) && toks[n].Kind == text.Word {
		nextOK = isAfterPlace(toks[n].Norm)
		m.verbNext = nextOK
		if e.common && title && ft.SentenceStart && !nextOK && !toks[n].Title && pluralNext(toks[n].Norm, e.cands[0].pop >= majorPopulation) {
			m.st = rejected // "Haren knippen", "Putten in het fietspad": a plural noun
			return
		}
	}
	mid := title && !ft.SentenceStart
	if mid && e.english && !prep && en.english(ix, toks) {
		m.st = rejected // "So excited for Best Kept Secret": English capitalises more
		return
	}
	switch {
	case prep && title:
		m.st, m.conf = accepted, confPrepTitle
	case mid:
		m.st, m.conf = accepted, confTitleMid
	case e.common && !e.weak && title && e.major && !ft.Upper:
		m.st, m.conf = accepted, confMajorStart
	case prep && nextOK && !e.weak:
		m.st, m.conf = accepted, confPrepLower
	case title && !e.single && !ft.Upper && !e.common:
		m.st, m.conf = accepted, confSmallPlace // "De Efteling", "Amsterdam-Noord"
	case title:
		m.st, m.conf = needNearby, confNearby
	default:
		m.st = rejected
	}
	if m.st != accepted && title && len(e.cands) > 1 {
		if q, _ := qualifier(toks, int(m.last)); q != "" {
			m.st, m.conf = accepted, confTitleMid // "Bergen (L.)"
		}
	}
	if m.st == needNearby && e.weak && !e.common && e.single && title && !ft.Upper {
		m.st, m.conf = accepted, 0.55 // "Kinderdijk en de molens": a name, not a known word
	}
	if m.st != rejected && e.weak && !e.common {
		m.conf = min(m.conf, confSmallPlace)
	}
}

// judgeLower is judge for a match of a common word or small place (not a
// strong name) that is no hashtag and whose first token is not
// capitalised, outside a profile field (home false); it reports whether
// the match is accepted. Without a capital judge's rules come down to
// this: an article-led name ("de wijk") or a function word is rejected,
// and the rest only counts, with confPrepLower, when a place preposition
// precedes it, a word that may follow a place (or no word) follows it, and
// it is a common word, not a small place ("naar best geweest"); every
// other rule needs a capital. TestJudgeLower compares it with judge.
func judgeLower(e *entry, m *rawMatch, toks []text.Token) bool {
	if e.article || e.function {
		m.st = rejected
		return false
	}
	p := prevTok(toks, int(m.first))
	prep := p >= 0 && toks[p].Kind == text.Word && isPlacePreposition(toks[p].Norm)
	nextOK := true
	if n := int(m.last) + 1; n < len(toks) && toks[n].Kind == text.Word {
		nextOK = isAfterPlace(toks[n].Norm)
		m.verbNext = nextOK
	}
	if prep && nextOK && !e.weak {
		m.st, m.conf = accepted, confPrepLower
		return true
	}
	m.st = rejected
	return false
}

// find scans toks once and returns the accepted name matches, longest
// first at each position, without overlaps, in text order. ctx are the
// caller's known areas: a capitalised common word that one of them
// explains counts. The returned slice is s.raw.
func (ix *nameIndex) find(s *scratch, toks []text.Token, home bool, ctx []Location, lang string) []rawMatch {
	s.raw = s.raw[:0] // the kept matches, collected in s: fewer values live in the loop
	// A slice header's store is a pointer store, which has a write
	// barrier while the collector marks: the matches' array is the same
	// unless AppendMatches grew it (its capacity then is larger), and
	// then the reslice stores only the length.
	if m := ix.auto.AppendMatches(s.matches[:0], toks); cap(m) == cap(s.matches) {
		s.matches = s.matches[:len(m)]
	} else {
		s.matches = m
	}
	if cap(s.raw) < len(s.matches) { // at most one kept match per match: no append's growth below
		s.raw = make([]rawMatch, 0, len(s.matches)+16)
	}
	var caps allCaps // only case-sensitive rules need it
	var en postLang
	if lang != "" { // the caller knows the language
		en.done, en.en = true, lang == "en" || strings.HasPrefix(lang, "en-")
	}
	// One pass over the automaton's matches filters and judges them
	// (a second pass over a copy cost more than the judging of most).
	nearby := false // a kept match needs a place next to it
	for mi := range s.matches {
		mt := &s.matches[mi]
		hashtag, ok := usable(mt, toks)
		if !ok {
			continue
		}
		// The first decisions take the entry's class from the id (see
		// patternID): the entry itself is read only for the rules.
		entry, cl := patEntry(mt.ID), patClass(mt.ID)
		if cl&classStrong != 0 {
			// most matches: judge's first case, inline (no call, and
			// none of the rules below is for such a name)
			conf := confStrong
			switch {
			case hashtag:
				conf = confHashtag
			case cl&classLandmark != 0:
				conf = confLandmark
			}
			// written field by field into its place: a rawMatch built
			// on the stack and copied was read back (16 bytes at a
			// time) before its field stores had left the store buffer,
			// which cannot forward them (a stall per match)
			n := len(s.raw)
			s.raw = s.raw[:n+1]
			r := &s.raw[n]
			r.entry, r.first, r.last, r.hashtag, r.verbNext, r.st, r.conf = entry, int32(mt.First), int32(mt.Last), hashtag, false, accepted, conf
			continue
		}
		if !home && !hashtag && !toks[mt.First].Title {
			// a lower-case common word or small place (most of the
			// rest): judgeLower, and none of the rules below applies;
			// judgeLower rejects every article-led name, function word
			// and small place without reading more (and these are
			// dropped before m is built)
			if cl&classLowerNever != 0 {
				continue
			}
			m := rawMatch{entry: entry, first: int32(mt.First), last: int32(mt.Last)}
			if judgeLower(&ix.entries[m.entry], &m, toks) {
				s.keepRaw(&m)
			}
			continue
		}
		m := rawMatch{entry: entry, first: int32(mt.First), last: int32(mt.Last), hashtag: hashtag}
		e := &ix.entries[m.entry]
		ix.judge(&m, toks, &caps, &en, home)
		// inTitle before caps.get: the post's case is computed only if
		// a capitalised word follows
		if m.st != rejected && e.common && !home && !hashtag && inTitle(toks, &m, s.raw, s.matches[mi+1:]) && !caps.get(toks) {
			m.st = rejected // "naar Best Kept Secret", "Heel Holland Bakt": a title, not a place
		}
		if m.st == needNearby && (!e.common || m.verbNext) && ix.explainedBy(e, ctx) {
			m.st, m.conf = accepted, confNearby
		}
		if m.st != rejected {
			nearby = nearby || m.st == needNearby
			s.keepRaw(&m)
		}
	}
	raw := s.raw
	if len(raw) == 0 {
		return raw
	}
	sortRaw(raw)
	if !nearby {
		// Most posts: no match needs a place next to it, so the longest
		// non-overlapping matches are picked once, in place (raw is not
		// read again), as the loop below would pick them.
		n, end := 0, int32(-1)
		for i := range raw {
			if raw[i].first > end {
				end = raw[i].last
				if n != i {
					// (a copy onto itself, as most are, reads 16 bytes
					// at 8 right after storing 16 at 0: a store
					// forwarding stall)
					raw[n] = raw[i]
				}
				n++
			}
		}
		return raw[:n]
	}
	// Pick the longest non-overlapping matches; a capitalised common word
	// needs a place right next to it. When one is dropped, pick again so
	// that the shorter names it covered get their chance.
	for {
		n, end := 0, int32(-1)
		sel := s.sel[:0]
		for i := range raw {
			if raw[i].first > end {
				sel = append(sel, int32(i))
				end = raw[i].last
			}
		}
		s.sel = sel
		dropped := false
		for j, i := range sel {
			if raw[i].st != needNearby {
				continue
			}
			e := &ix.entries[raw[i].entry]
			ok := j > 0 && joined(toks, int(raw[sel[j-1]].last), int(raw[i].first)) && near(e, &ix.entries[raw[sel[j-1]].entry])
			if !ok && j+1 < len(sel) {
				nx := &raw[sel[j+1]]
				ok = joined(toks, int(raw[i].last), int(nx.first)) && near(e, &ix.entries[nx.entry])
				// "Echt, Roermond is …": after a sentence-initial word a
				// comma must start a list ("Heel, Beegden en Thorn")
				if ok && toks[raw[i].first].SentenceStart && nx.first == raw[i].last+2 && toks[raw[i].last+1].Norm == "," {
					ok = int(nx.last)+1 < len(toks) && isJoin(toks[nx.last+1].Norm)
				}
			}
			if !ok {
				raw[i].st = rejected
				dropped = true
			}
		}
		if dropped {
			for i := range raw {
				if raw[i].st != rejected {
					raw[n] = raw[i]
					n++
				}
			}
			raw = raw[:n]
			continue
		}
		out := s.out[:0]
		for _, i := range sel {
			m := raw[i]
			if m.st == needNearby {
				m.st = accepted
			}
			out = append(out, m)
		}
		s.raw, s.out = raw, out
		return out
	}
}

// keepRaw appends *m to s.raw field by field: m was just written field by
// field (by judge), and a copy of the whole, 16 bytes at a time, would wait
// for those stores to leave the store buffer, which cannot forward them
// to a wider load.
func (s *scratch) keepRaw(m *rawMatch) {
	n := len(s.raw)
	s.raw = s.raw[:n+1] // find made room
	r := &s.raw[n]
	r.entry, r.first, r.last, r.hashtag, r.verbNext, r.st, r.conf = m.entry, m.first, m.last, m.hashtag, m.verbNext, m.st, m.conf
}

// sortRaw sorts raw matches by first token, longer first. Scan reports
// them almost in that order, so insertion sort (without the comparison
// function calls of slices.SortFunc) is cheapest; it is stable, as
// slices.SortFunc is for the short slices it sorts by insertion too.
// Longer slices (rare) go to slices.SortFunc, as before.
func sortRaw(raw []rawMatch) {
	less := func(a, b *rawMatch) bool {
		return a.first < b.first || a.first == b.first && a.last > b.last
	}
	if len(raw) > 12 {
		slices.SortFunc(raw, func(a, b rawMatch) int {
			if a.first != b.first {
				return int(a.first - b.first)
			}
			return int(b.last - a.last)
		})
		return
	}
	for i := 1; i < len(raw); i++ {
		for j := i; j > 0 && less(&raw[j], &raw[j-1]); j-- {
			raw[j], raw[j-1] = raw[j-1], raw[j]
		}
	}
}

// inTitle reports whether m is followed by a capitalised word
// mid-sentence that is no name: then it is a word of a title or a brand
// ("Best Kept Secret", "Heel Holland Bakt"). kept are the matches kept so
// far, later the automaton's matches after m (find judges them after m).
func inTitle(toks []text.Token, m *rawMatch, kept []rawMatch, later []match.Match) bool {
	k := int(m.last) + 1
	if k >= len(toks) || !toks[m.first].Title || toks[k].Kind != text.Word || !toks[k].Title || toks[k].SentenceStart ||
		isAfterPlace(toks[k].Norm) || timeWord(toks[k].Norm) || districtWord(toks[k].Norm) {
		return false
	}
	for j := range kept {
		if int(kept[j].first) == k {
			return false
		}
	}
	for j := range later {
		if _, ok := usable(&later[j], toks); ok && later[j].First == k {
			return false
		}
	}
	return true
}

// usable reports whether find considers the automaton's match mt, and
// whether it is a hashtag: mentions and URLs are not places; a name
// written as one word ("denhaag", ids with patCompact) counts only as a
// hashtag, and a hashtag only as one token.
func usable(mt *match.Match, toks []text.Token) (hashtag, ok bool) {
	kind := toks[mt.First].Kind
	if kind == text.Mention || kind == text.URL {
		return false, false
	}
	compact := mt.ID&patCompact != 0
	hashtag = kind == text.Hashtag
	if compact && !hashtag {
		return false, false // "denhaag" written as one word counts only as a hashtag
	}
	if hashtag && mt.First != mt.Last {
		return false, false
	}
	return hashtag, true
}

// timeWord reports whether w names a day, month or moment, which people
// capitalise after a place ("naar Goes Zaterdag").
func timeWord(w string) bool {
	switch w {
	case "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december", "january", "february", "march",
		"june", "july", "august", "october", "vanochtend", "vanmiddag", "vannacht",
		"weekend", "today", "tonight", "tomorrow", "yesterday":
		return true
	}
	return false
}

// districtWord reports whether w, after a place name, names a part of it
// ("Goes Centrum", "Best Noord", "Utrecht Centraal").
func districtWord(w string) bool {
	switch w {
	case "centrum", "centraal", "noord", "zuid", "oost", "west", "binnenstad", "stad", "dorp",
		"noordoost", "noordwest", "zuidoost", "zuidwest", "station", "haven", "city":
		return true
	}
	return false
}

// explainedBy reports whether a context area is one of e's areas or lies
// in the province of exactly one of them.
//
// The caller asks only for a name that is not a common word, or one
// followed by a verb or conjunction ("Bergen is mooi"): a capitalised
// common word at the start of a sentence is capitalised by the sentence,
// so the author's area does not make it a place ("Heel leuke avond",
// "Echt belachelijk", "Meer info volgt" from an author in Limburg).
func (ix *nameIndex) explainedBy(e *entry, ctx []Location) bool {
	for _, l := range ctx {
		for _, c := range e.cands {
			if c.area == l.Area {
				return true
			}
		}
		pv := l.Area
		if l.Level != LevelProvince {
			pv = ix.provOf[l.Area]
		}
		if pv != "" && ix.onlyIn(e, pv) >= 0 {
			return true
		}
	}
	return false
}

// near reports whether some area of a lies within joinMetres of some area
// of b (or in b's province when b is one): "Heel, Beegden" and "Best en
// Eindhoven" name neighbours, "Well, Kinderdijk" does not.
func near(a, b *entry) bool {
	for _, ca := range a.cands {
		for _, cb := range b.cands {
			if cb.level == LevelProvince || ca.level == LevelProvince {
				if ca.prov == cb.prov {
					return true
				}
				continue
			}
			if distance(ca.point, cb.point) <= joinMetres {
				return true
			}
		}
	}
	return false
}

// joined reports whether tokens a and b are separated only by one
// enumeration word or punctuation ("Best en Son", "Son, Best").
func joined(toks []text.Token, a, b int) bool {
	if b == a+1 {
		return true
	}
	return b == a+2 && isJoin(toks[a+1].Norm)
}

// qualifier returns the province named right after a match ("Bergen (L.)",
// "Hengelo Gld", "Bergen aan Zee") and the index of its last token, or "".
func qualifier(toks []text.Token, last int) (AreaID, int) {
	i := last + 1
	paren := false
	for i < len(toks) && toks[i].Kind == text.Punct {
		switch toks[i].Norm {
		case "(", ",", "-":
			paren = paren || toks[i].Norm == "("
			i++
			continue
		}
		break
	}
	if i >= len(toks) || toks[i].Kind != text.Word {
		return "", 0
	}
	if toks[i].Norm == "aan" && i+1 < len(toks) && toks[i+1].Norm == "zee" {
		return "PV27", i + 1
	}
	if i+1 < len(toks) && toks[i+1].Kind == text.Word {
		switch a, b := toks[i].Norm, toks[i+1].Norm; {
		case a == "noord" && b == "holland":
			return "PV27", i + 1
		case a == "zuid" && b == "holland":
			return "PV28", i + 1
		case a == "noord" && b == "brabant":
			return "PV30", i + 1
		}
	}
	q := toks[i].Norm
	pv, ok := provinceQualifier(q)
	if !ok || (len(q) == 1 && !paren) || q == "zee" {
		return "", 0
	}
	if len(q) <= 3 && !paren && !toks[i].Upper && !toks[i].Title {
		return "", 0
	}
	return pv, i
}

// settle picks one candidate of a shared name. anchors are the areas of
// the names in the post that were unambiguous; ctx the caller's context
// areas. It returns the index into e.cands and the confidence multiplier,
// or -1.
func (ix *nameIndex) settle(e *entry, qual AreaID, anchors []*cand, ctx []Location) (int, float64) {
	if len(e.cands) == 1 {
		return 0, 1
	}
	if qual != "" {
		if k := ix.onlyIn(e, qual); k >= 0 {
			return k, mulQualifier
		}
		// several in that province: the most populous if it dominates there
		k, second := -1, 0
		for i, c := range e.cands {
			if c.prov != qual {
				continue
			}
			if k < 0 {
				k = i
			} else {
				second = max(second, c.pop)
			}
		}
		if k >= 0 && e.cands[k].pop > 0 && e.cands[k].pop >= dominanceRatio*second {
			return k, mulQualifier * mulDominant
		}
	}
	for _, l := range ctx {
		for k, c := range e.cands {
			if c.area == l.Area {
				return k, mulContext
			}
		}
	}
	for _, l := range ctx {
		pv := l.Area
		if l.Level != LevelProvince {
			pv = ix.provOf[l.Area]
		}
		if k := ix.onlyIn(e, pv); k >= 0 && pv != "" && !dwarfed(e, k) {
			return k, mulContext
		}
	}
	if c0, c1 := e.cands[0].pop, e.cands[1].pop; c0 >= dominanceMin && c0 >= 50*c1 {
		return 0, mulDominant // Weert (50,000) over a hamlet Weert (110)
	}
	if len(anchors) > 0 {
		best, second, bk := 1e18, 1e18, -1
		for k := range e.cands {
			c := &e.cands[k]
			// the nearest anchor by squared distance, and one square
			// root: the minimum of the roots is the root of the minimum
			// (math.Sqrt is correctly rounded, so monotone), and the
			// roots' latency was most of settle's time. A comparison,
			// not min, which also orders NaNs and zeros' signs: the
			// squares are neither.
			q := math.MaxFloat64
			for _, a := range anchors {
				if a.num == c.num { // the same area: numbers, cheaper than the ID strings
					q = 0
				} else if d2 := distanceSq(a.point, c.point); d2 < q {
					q = d2
				}
			}
			d := math.Sqrt(q) // anchors is not empty: q is a distance squared or 0
			switch {
			case d < best:
				best, second, bk = d, best, k
			case d < second:
				second = d
			}
		}
		if bk >= 0 && best <= nearbyMetres && best*2 < second {
			return bk, mulContext
		}
	}
	if k := officialOnly(e); k >= 0 {
		return k, mulDominant // Kapelle (Zeeland), not a foreign spelling of Capelle
	}
	if e.cands[0].pop >= dominanceMin && e.cands[0].pop >= dominanceRatio*e.cands[1].pop {
		return 0, mulDominant
	}
	return -1, 0
}

// dwarfed reports whether candidate k of e is a place or alias far smaller
// than a municipality that officially bears the name: a province in the
// context then does not settle the name on it (an author from Apeldoorn
// writing "Zwolle" or "Oosterhout" means the city, not the hamlet in
// Gelderland).
func dwarfed(e *entry, k int) bool {
	c := e.cands[k]
	if c.kind == NameOfficial {
		return false
	}
	for _, o := range e.cands {
		if o.kind == NameOfficial && o.area != c.area && o.pop >= dominanceMin && o.pop >= dwarfRatio*c.pop {
			return true
		}
	}
	return false
}

// afterGemeente reports whether the token before i is "gemeente" or
// "gem." ("de gemeente Borne"), which names a municipality.
func afterGemeente(toks []text.Token, i int) bool {
	p := prevTok(toks, i)
	if p >= 0 && toks[p].Kind == text.Punct && toks[p].Norm == "." {
		p = prevTok(toks, p)
		return p >= 0 && toks[p].Norm == "gem"
	}
	return p >= 0 && toks[p].Norm == "gemeente"
}

// officialName returns the only candidate whose area officially bears the
// name, or -1.
func officialName(e *entry) int {
	k := -1
	for i, c := range e.cands {
		if c.kind == NameOfficial {
			if k >= 0 {
				return -1
			}
			k = i
		}
	}
	return k
}

// officialOnly returns the candidate whose area officially bears the name
// when it is the only one and has at least dominanceMin inhabitants, or -1.
// An alternate spelling from GeoNames ("Kapelle" for Capelle aan den
// IJssel) does not outweigh it, whatever its population.
func officialOnly(e *entry) int {
	k := officialName(e)
	if k < 0 || e.cands[k].pop < dominanceMin {
		return -1
	}
	return k
}

// onlyIn returns the single candidate in province pv, or -1.
func (ix *nameIndex) onlyIn(e *entry, pv AreaID) int {
	k := -1
	for i, c := range e.cands {
		if c.prov == pv {
			if k >= 0 {
				return -1
			}
			k = i
		}
	}
	return k
}

// provinceQualifier is provinceQualifiers[q] as a switch, which the
// compiler turns into a length test and a binary search over constants:
// cheaper than hashing q (qualifier asks it for every shared name).
func provinceQualifier(q string) (AreaID, bool) {
	switch q {
	case "gr", "gn", "groningen":
		return "PV20", true
	case "fr", "frl", "friesland", "fryslan":
		return "PV21", true
	case "dr", "drenthe":
		return "PV22", true
	case "o", "ov", "overijssel":
		return "PV23", true
	case "fl", "flevoland":
		return "PV24", true
	case "g", "gld", "gl", "gelderland":
		return "PV25", true
	case "u", "ut", "utr", "utrecht":
		return "PV26", true
	case "nh", "noord holland", "zee":
		return "PV27", true
	case "zh", "zuid holland":
		return "PV28", true
	case "z", "zl", "zld", "zeeland":
		return "PV29", true
	case "nb", "nbr", "brabant", "noord brabant":
		return "PV30", true
	case "l", "lb", "li", "lim", "limburg":
		return "PV31", true
	}
	return "", false
}
