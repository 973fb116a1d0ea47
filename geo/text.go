package geo

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/socialgeo/socialgeo/internal/text"
)

// TextOptions configures a [TextResolver]. The nil *TextOptions and the zero
// value mean the defaults.
type TextOptions struct {
	// MinConfidence drops locations below this confidence. Zero keeps
	// every location (all have confidence ≥ 0.5).
	MinConfidence float64
	// NoPostcodes turns postcode recognition off. False: postcodes are
	// recognised.
	NoPostcodes bool
	// NoAmbiguityErrors drops shared names that the context does not
	// settle instead of reporting them as *AmbiguousError. False: they are
	// reported.
	NoAmbiguityErrors bool
}

func (o *TextOptions) minConfidence() float64 {
	if o == nil {
		return 0
	}
	return o.MinConfidence
}

func (o *TextOptions) postcodes() bool { return o == nil || !o.NoPostcodes }

func (o *TextOptions) ambiguityErrors() bool { return o == nil || !o.NoAmbiguityErrors }

// TextResolver finds the places a post is about ([RoleAbout]) in its text:
// place names, aliases, landmarks, hashtags and postcodes. Create it with
// [NewTextResolver]; it is immutable and safe for concurrent use. The zero
// value is not usable.
//
// # How it works
//
// Every name of the gazetteer is folded (lower case, no diacritics or
// apostrophes, punctuation dropped: "'s-Hertogenbosch" → "s hertogenbosch")
// and compiled, with its joined hashtag form ("#denhaag", "#WijkBijDuurstede"),
// into one Aho–Corasick automaton over tokens (internal/match). Resolve scans
// the post's tokens once; where names overlap the longest wins ("Den Haag"
// over "Haag"). Mentions and URLs are ignored. Names of the whole country
// ("Nederland", "Holland", "NL") are never areas.
//
// # Names that are also words
//
// A name in the embedded common-word list (text_commonwords.txt: Best,
// Echt, Heel, Haren, Putten, Goes, Born, Lent, Elst, Beek, Kampen, Markt,
// Meer, Buren, and English words such as Well, Else, Look, Made) and a
// one-word place of fewer than 5,000 inhabitants count only with evidence,
// which sets the confidence:
//
//	hashtag (#Best)                                         0.8
//	capitalised, after a place preposition ("naar Best")    0.8
//	capitalised mid-sentence, not in an ALL-CAPS post       0.7
//	capitalised at sentence start, city ≥ 40,000 inhabitants 0.7
//	lower case after a preposition, then end, punctuation or
//	  a word such as "en", "vandaag", "geweest" ("naar best!") 0.6
//	capitalised at sentence start, joined to a place within
//	  30 km by "en", "," … ("Heel en Beegden")                0.6
//
// The prepositions are in, bij, naar, uit, vanuit, rond, richting, te,
// nabij, via, omgeving, langs, voorbij, buiten, and for a capitalised name
// at, to, from, near, around, into, towards, visit(ed/ing), outside. A
// small place's confidence is capped at 0.75. Other names count in any
// case: 0.9 (0.8 for landmarks, 0.85 for hashtags).
//
// A word capitalised by its sentence (after . ! ? a newline or a colon) is
// not a name by that capital alone. Such a common word also does not
// count:
//   - when the author's area ([Query.Context]) lies in the province of one
//     of its places, unless a verb or conjunction follows ("Bergen is
//     mooi"): "Heel leuke avond", "Echt belachelijk", "Meer info volgt"
//     from an author in Limburg are words;
//   - when a comma joins it to a place but starts no list ("Echt, Roermond
//     is …"; "Heel, Beegden en Thorn" counts);
//   - when a plural verb or infinitive follows ("Haren knippen") or, for a
//     town under 40,000 inhabitants, a preposition ("Putten in het
//     fietspad"): a town takes a singular verb.
//
// Anywhere, a common word is not a place after an article or possessive
// ("de Markt", "een Echt probleem", "the Best mum") or before a
// capitalised word that is no name ("Best Kept Secret", "Heel Holland
// Bakt"). In a post that internal/lang detects as English, a name that is
// also an English word (Best, Well, Goes, Made …; "~" in the list) counts
// mid-sentence only after a preposition ("Thanks, Well done" does not;
// "Train to Goes" does). Foreign places that Dutch hamlets are named after
// (Turkije, Napels, Gent, Rome …) are never areas.
//
// # Shared names
//
// A name of several municipalities (Bergen, Hengelo, Laren, Rijswijk,
// Valkenburg, Zevenhuizen, Beek) is settled, in this order, by a qualifier
// after it ("Bergen (L.)", "Hengelo Gld", "Bergen aan Zee", "Rijswijk,
// Noord-Brabant": confidence × 0.95) or the word "gemeente" before it ("de
// gemeente Borne": the municipality of that official name, × 0.95); by
// the areas in [Query.Context] (the same municipality, else the only
// candidate in the same province, unless that is a place 20 times smaller
// than a municipality officially so named: an author from Apeldoorn
// writing "Zwolle" or "Oosterhout" means the city, × 0.85); by a candidate
// of at least 5,000 inhabitants 50 times as populous as the next (× 0.75);
// by the nearest unambiguous place in the same post, if within 60 km and
// less than half as far as the next candidate (× 0.85); by the only
// municipality officially so named, if it has 5,000 inhabitants (Kapelle,
// not a GeoNames spelling of Capelle aan den IJssel: × 0.75); else by the
// most populous candidate if it has at least three times the inhabitants
// of the next (× 0.75). Otherwise the name is reported as an
// *[AmbiguousError] (candidates most populous first), joined with
// errors.Join when there are several, next to the locations that were
// found.
//
// # Postcodes
//
// A full postcode ("1071 AB", "1071AB") gives its PC4 area with confidence
// 0.9; four digits after "postcode"/"pc" 0.85; four bare digits 0.6, unless
// they are a year (1900–2099), a price (€, euro), a quantity (km, mensen,
// …), a house number (after a street name such as "Dorpsstraat"), part of
// a phone number or range (next to other numbers), or a time. Postcode
// locations have [LevelPC4]; the area's Parents give the municipality.
//
// # Result
//
// One location per area and method (the first mention, highest confidence),
// in text order, with Start and End the byte span in [Query.Text]. Names of
// provinces and regions ("Limburg", "Brabant", "Twente") give a location at
// [LevelProvince]; a province written as a qualifier does not.
//
// # Accuracy and speed
//
// On the labelled files in geo/testdata (written for this project;
// municipalities, postcodes mapped to theirs), run
//
//	go run ./internal/cmd/geoeval
//
// Micro-averaged over (post, municipality) pairs, embedded gazetteer 2024:
//
//	set       items  tp  fp  fn  precision  recall  F1
//	text        365 316   0   3      1.000   0.991  0.995  (rules were tuned on it)
//	heldout      89  77   1   3      0.987   0.963  0.975  (written after the rules froze)
//	home         78  63   0   0      1.000   1.000  1.000  (HomeResolver, tuned on it)
//
// The text set includes 63 hard cases (English posts with words that are
// Dutch place names, common words capitalised by a sentence start or a
// colon, the author's province next to them, landmarks); the previous rules
// scored P 0.907 / R 0.953 on the whole set. 20 held-out cases of the same
// kinds were written in two batches after the rules froze (previous rules
// on the held-out set: P 0.927 / R 0.950); the one error they found, "Heel
// Limburg kijkt …" (heel = all of, joined to a province), was left in. The
// files were written by the project, so they measure the rules, not
// real-world accuracy: the held-out line is the honest one. TestFloors in internal/cmd/geoeval fails
// below P 0.99 / R 0.97 (text), 0.97 / 0.93 (held-out) and 0.97 / 0.97
// (home).
//
// End to end on synthetic posts (go run ./internal/cmd/pipelineeval: about,
// municipality level) precision is 1.000 and recall 0.997 (previous rules
// 0.966 / 0.979; -seed 7 -posts 50000: 1.000 / 0.996, was 0.963 / 0.976).
// The generator uses a few dozen templates and the failures fixed here were
// found on them, so this shows those failure modes are gone, not general
// accuracy. What it still misses are landmarks written in lower case
// ("keukenhof"), which need evidence as small places do.
//
// # Speed
//
// Resolve scans the post's tokens once with the automaton and allocates
// little: results are collected in the free part of a pooled chunk of 32
// locations (one allocation per ~8 posts; a result the caller keeps holds
// its 1.8 KB chunk alive), and the other allocations are *[AmbiguousError]
// values. Pass the post's tokens in [Query.Tokens] when you have them:
// tokenising takes about 44 % of the instructions when Resolve tokenises
// the text itself. Building the resolver for the national gazetteer takes
// 50–65 ms and 20 MB of garbage (once); it keeps 4.1 MB in 13,000 heap
// objects. The benchmarks, their current figures and the open target are
// in the package doc; the history of the speed work is in
// docs/performance/geo.md.
type TextResolver struct {
	ix   *nameIndex
	opts TextOptions
}

// NewTextResolver returns a resolver of the places posts are about, using
// the names of g. Building costs some milliseconds for a national
// gazetteer: build once and share. opts may be nil.
func NewTextResolver(g *Gazetteer, opts *TextOptions) *TextResolver {
	r := &TextResolver{ix: newNameIndex(g)}
	if opts != nil {
		r.opts = *opts
	}
	return r
}

// Resolve implements [Resolver]: it returns the "about" locations of
// q.Text, using q.Tokens when given (they must be the tokens of q.Text) and
// q.Context to settle shared names. See [TextResolver] for the rules.
func (r *TextResolver) Resolve(ctx context.Context, q Query) ([]Location, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := scratchPool.Get().(*scratch)
	// q by pointer: a copy of the Query (14 words) cost more than the
	// reads through it
	locs, err := r.resolve(s, &q)
	scratchPool.Put(s) // not deferred: resolve does not panic on any input (FuzzTextResolver)
	return locs, err
}

// resolve is Resolve with the scratch space s.
func (r *TextResolver) resolve(s *scratch, q *Query) ([]Location, error) {
	toks := q.Tokens
	if toks == nil {
		if q.Text == "" {
			return nil, ErrNotFound
		}
		// The tokens die with the call (no Norm reaches the result:
		// locations and errors take their text from q.Text), so their
		// folded Norms may take their bytes from the scratch's arena,
		// reused, instead of a new one per post with capitals: no
		// allocation. (The keys, which this variant of Tokenize also
		// returns, are not used.)
		s.toks, s.tkeys = text.TokenizeKeysScratch(q.Text, s.toks[:0], s.tkeys, &s.arena)
		toks = s.toks
	}
	ix := r.ix
	found := ix.find(s, toks, false, q.Context, q.Lang)
	s.anchors, s.anchorsDone = s.anchors[:0], false
	// the result is collected in the free part of the chunk that keep
	// would copy it to (see tail)
	s.res = s.tail()
	// one statement each: a slice's own reslice then stores only its
	// length (in a tuple assignment, the whole header, with write barriers)
	s.keys = s.keys[:0]
	if cap(s.keys) < len(found) { // addName adds at most one key per match
		s.keys = make([]int32, 0, max(len(found), 16))
	}
	s.errs = s.errs[:0]
	s.seen = 0
	consumed := int32(-1)
	// The loop is kept small (shared names and errors are handled in
	// calls, the result is collected in s) so that its values stay in
	// registers. keys runs parallel to s.res: a location's area number
	// × 2, + 1 for a hashtag (postcodes, added after every name, are
	// not in it).
	for i := range found {
		m := &found[i]
		if m.first <= consumed {
			continue
		}
		e := &ix.entries[m.entry]
		k, mul := 0, 1.0 // one candidate: settle's answer
		if len(e.cands) > 1 {
			k, mul, consumed = ix.settleShared(s, found, m, e, toks, q.Context, consumed)
		}
		if k < 0 {
			if r.opts.ambiguityErrors() {
				s.errs = append(s.errs, ambiguous(q.Text, toks, m, e))
			}
			continue
		}
		if conf := m.conf * mul; conf >= r.opts.MinConfidence {
			s.addName(&e.cands[k], m, conf, toks)
		}
	}
	// (s.res keeps pointing at out, the caller's (keepTail), until the
	// next post sets it: a store of nil here had a write barrier while
	// the collector marks)
	out, errs := s.res, s.errs
	names := len(out)
	if r.opts.postcodes() {
		if i := nextNumber(toks, 0); i < len(toks) {
			out = r.postcodes(toks, i, out)
		}
	}
	if len(out) == 0 && len(errs) == 0 {
		return nil, ErrNotFound
	}
	if names > 0 && len(out) > names {
		// the names' locations are in text order (find returns the
		// matches so, and tokens are in text order) and so are the
		// postcodes': only both together need sorting
		sortByStart(out)
	}
	var err error
	if len(errs) > 0 {
		err = errors.Join(errs...) // a copy: s.errs is reused
		clear(errs)                // and holds no error alive
	}
	return s.keepTail(out), err
}

// settleShared settles the shared name e of match m (see settle): it
// returns the candidate (-1: none), the confidence multiplier and the
// last token that the name and its qualifier consumed. anchors, the
// unambiguous places of the post, are collected at the first shared name
// of a post (most posts have none).
func (ix *nameIndex) settleShared(s *scratch, found []rawMatch, m *rawMatch, e *entry, toks []text.Token, ctx []Location, consumed int32) (int, float64, int32) {
	if !s.anchorsDone {
		s.anchorsDone = true
		for j := range found {
			if e := &ix.entries[found[j].entry]; e.anchor {
				s.anchors = append(s.anchors, &e.cands[0])
			}
		}
	}
	qual, qi := qualifier(toks, int(m.last))
	k, mul := -1, 0.0
	if qual == "" && afterGemeente(toks, int(m.first)) {
		// "de gemeente Borne": the municipality, not a hamlet Borne
		if k = officialName(e); k >= 0 {
			mul = mulQualifier
		}
	}
	if k < 0 {
		k, mul = ix.settle(e, qual, s.anchors, ctx)
	}
	if qual != "" && k >= 0 && mul == mulQualifier {
		consumed = int32(qi)
	}
	return k, mul, consumed
}

// ambiguous returns the error of a shared name that nothing settled.
func ambiguous(txt string, toks []text.Token, m *rawMatch, e *entry) error {
	start, end := int(toks[m.first].Start), int(toks[m.last].End)
	return newAmbiguous(spanText(txt, start, end), start, end, e.cands)
}

// newAmbiguous returns the error of a shared name with the areas of
// cands. A name of up to three candidates (most) has its error and their
// IDs in one allocation.
func newAmbiguous(name string, start, end int, cands []cand) *AmbiguousError {
	var ids []AreaID
	var err *AmbiguousError
	if n := len(cands); n <= 3 {
		b := new(struct {
			err AmbiguousError
			ids [3]AreaID
		})
		err, ids = &b.err, b.ids[:n:n]
	} else {
		err, ids = new(AmbiguousError), make([]AreaID, n)
	}
	for j := range cands {
		ids[j] = cands[j].area
	}
	*err = AmbiguousError{Name: name, Start: start, End: end, Candidates: ids}
	return err
}

// addName is addLocation for the location of match m, candidate c: one
// per area and method, found by key (c's number × 2, + 1 for a hashtag)
// as an integer rather than by the area's ID string.
func (s *scratch) addName(c *cand, m *rawMatch, conf float64, toks []text.Token) {
	method, key := MethodText, c.num<<1
	if m.hashtag {
		method, key = MethodHashtag, key|1
	}
	// seen has bit key%64 set for every key in keys: a key whose bit is
	// clear (most: a post's locations are mostly of different areas) is
	// new without the loop over keys, whose exit the processor
	// mispredicted (its length varies from post to post)
	bit := uint64(1) << (key & 63)
	if s.seen&bit != 0 {
		for i, k := range s.keys {
			if k == key {
				s.res[i].Confidence = max(s.res[i].Confidence, conf)
				return
			}
		}
	}
	s.seen |= bit
	// resolve made room for a key per match: no append's growth (whose
	// call made the compiler save every argument on this path)
	nk := len(s.keys)
	s.keys = s.keys[:nk+1]
	s.keys[nk] = key
	// written field by field into its place, every field (not appended
	// as a zero Location first: that cleared it with a call of
	// memclrHasPointers): a Location built on the stack and copied 16
	// bytes at a time waited for its field stores (the store buffer
	// cannot forward them to a wider load)
	n := len(s.res)
	if n == cap(s.res) {
		s.growRes()
	}
	s.res = s.res[:n+1]
	l := &s.res[n]
	l.Area, l.Level, l.Role, l.Method = c.area, c.level, RoleAbout, method
	l.Confidence, l.Point, l.Start, l.End = conf, nil, int(toks[m.first].Start), int(toks[m.last].End)
}

// sortByStart sorts locations by Start, stably: insertion sort, as
// slices.SortStableFunc does for short slices, without its comparison
// calls (a post has a few locations, almost in order).
func sortByStart(l []Location) {
	if len(l) > 32 {
		slices.SortStableFunc(l, func(a, b Location) int { return a.Start - b.Start })
		return
	}
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Start < l[j-1].Start; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// spanText returns text[start:end] when the span is valid.
func spanText(s string, start, end int) string {
	if start >= 0 && end <= len(s) && start <= end {
		return s[start:end]
	}
	return ""
}

// addLocation appends l unless a location of the same area and method is
// there (then it keeps the higher confidence, first span).
func addLocation(out []Location, l Location, minConf float64) []Location {
	if l.Confidence < minConf {
		return out
	}
	for i := range out {
		if out[i].Method == l.Method && out[i].Area == l.Area { // the cheaper test first
			out[i].Confidence = max(out[i].Confidence, l.Confidence)
			return out
		}
	}
	return append(out, l)
}

// Postcode context words, as switches: a string switch compiles to a
// length test and a binary search over constants, cheaper than hashing
// the word for a map (postcodes asks them for most four-digit numbers).

// isPostcodeCue reports whether w announces a postcode ("postcode 1071").
func isPostcodeCue(w string) bool {
	switch w {
	case "postcode", "pc", "pc4", "postcodegebied":
		return true
	}
	return false
}

// notBefore reports whether w before four digits makes them no postcode
// (a price, number, year, quantity or range).
func notBefore(w string) bool {
	switch w {
	case "€", "$", "£", "nr", "no", "nummer", "huisnummer",
		"tel", "telefoon", "bel", "kamer", "code", "pin",
		"pincode", "lijn", "bus", "km", "jaar", "sinds",
		"anno", "ruim", "bijna", "over", "top",
		"artikel", "art", "nummers", "x", "+", "#",
		"van", "tot", "tussen", "ongeveer", "circa", "ca":
		return true
	}
	return false
}

// notAfter reports whether w after four digits makes them a quantity.
func notAfter(w string) bool {
	switch w {
	case "euro", "eur", "€", "km", "m", "meter", "kilo",
		"kg", "gram", "mensen", "man", "stuks", "keer",
		"jaar", "dagen", "uur", "minuten", "likes", "volgers",
		"punten", "%", "x", "pagina", "paginas", "woningen",
		"huizen", "auto", "autos", "deelnemers", "bezoekers",
		"leden", "handtekeningen", "procent", "cc", "pk",
		"liter", "calorieen", "kcal", "views", "retweets",
		"reacties", "kinderen", "studenten", "stemmen", "dollar":
		return true
	}
	return false
}

var streetSuffixes = []string{"straat", "weg", "laan", "plein", "gracht", "kade", "dijk", "singel",
	"park", "hof", "pad", "steeg", "dreef", "markt", "boulevard", "plantsoen", "veld", "baan",
	"kanaal", "wal", "haven", "erf", "hoek", "rade", "zijde", "ring", "straatweg", "allee"}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isStreet(t *text.Token) bool {
	if t.Kind != text.Word || !t.Title {
		return false
	}
	for _, suf := range streetSuffixes {
		if len(t.Norm) > len(suf) && strings.HasSuffix(t.Norm, suf) {
			return true
		}
	}
	return false
}

// nextNumber returns the index of the first Number token of toks[i:], or
// len(toks). It tests four tokens a step: most posts have no number, and
// this loop runs over all their tokens. It walks a reslice of toks, not an
// index: toks[i:i+4:i+4] cost two bounds checks and a multiplication a
// step, and a reslice that leaves at least one token (len(rest) > 4, not
// >= 4) needs no guard against a pointer past the array's end (13
// instructions a step instead of 23; the one to four tokens left take the
// guarded loop).
func nextNumber(toks []text.Token, i int) int {
	if uint(i) > uint(len(toks)) {
		return len(toks)
	}
	rest := toks[i:]
	for len(rest) > 4 {
		if rest[0].Kind == text.Number || rest[1].Kind == text.Number || rest[2].Kind == text.Number || rest[3].Kind == text.Number {
			break
		}
		rest = rest[4:]
	}
	for len(rest) > 0 && rest[0].Kind != text.Number {
		rest = rest[1:]
	}
	return len(toks) - len(rest)
}

// postcodes appends the postcode locations of toks; i is the index of its
// first Number token (resolve finds it: most posts have none, and then
// make no call).
func (r *TextResolver) postcodes(toks []text.Token, i int, out []Location) []Location {
	pc4 := r.ix.pc4
	for ; i < len(toks); i = nextNumber(toks, i+1) {
		t := &toks[i]
		if len(t.Norm) != 4 || t.Norm[0] == '0' || !isDigits(t.Norm) {
			continue
		}
		v := int(t.Norm[0]-'0')*1000 + int(t.Norm[1]-'0')*100 + int(t.Norm[2]-'0')*10 + int(t.Norm[3]-'0')
		end, conf := t.End, 0.0
		var prev, next *text.Token
		if i > 0 {
			prev = &toks[i-1]
		}
		if i+1 < len(toks) {
			next = &toks[i+1]
		}
		if next != nil && next.Kind == text.Word && len(next.Norm) == 2 && next.Start-t.End <= 1 &&
			next.Norm[0] >= 'a' && next.Norm[0] <= 'z' && next.Norm[1] >= 'a' && next.Norm[1] <= 'z' &&
			(next.Upper || next.Start == t.End) {
			switch next.Norm {
			case "sa", "sd", "ss":
			default:
				conf, end = 0.9, next.End
			}
		}
		if conf == 0 {
			year := v >= 1900 && v <= 2099 // as strings of four digits compare
			cue := prev != nil && isPostcodeCue(prev.Norm)
			switch {
			case cue:
				conf = 0.85
			case year:
				continue
			case prev != nil && (notBefore(prev.Norm) || prev.Kind == text.Number || isStreet(prev) ||
				(prev.Kind == text.Punct && prev.End == t.Start)):
				continue
			case next != nil && (notAfter(next.Norm) || next.Kind == text.Number ||
				(next.Kind == text.Punct && next.Start == t.End && next.Norm != "," && next.Norm != "." && next.Norm != "!" && next.Norm != "?")):
				continue
			case i >= 2 && prev.Kind == text.Punct && toks[i-2].Kind == text.Number:
				continue
			default:
				conf = 0.6
			}
		}
		id := pc4[v-1000] // g.Postcode(t.Norm).ID, precomputed
		if id == "" {
			continue
		}
		out = addLocation(out, Location{Area: id, Level: LevelPC4, Role: RoleAbout, Method: MethodPostcode,
			Confidence: conf, Start: int(t.Start), End: int(end)}, r.opts.minConfidence())
	}
	return out
}
