package geo

import (
	_ "embed"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/internal/match"
	"github.com/socialgeo/socialgeo/internal/text"
)

// commonWordsFile lists place names that are also ordinary words; see the
// file's header for its sources.
//
//go:embed text_commonwords.txt
var commonWordsFile string

// Population thresholds of the name rules (see [TextResolver]).
const (
	weakPopulation  = 5000  // below: a one-word place needs evidence, as a common word does
	majorPopulation = 40000 // from: a capitalised common-word city counts at sentence start
	dominanceRatio  = 3     // most populous candidate wins when ≥ 3× the next …
	dominanceMin    = 5000  // … and has at least this many inhabitants
	nearbyMetres    = 60000 // an anchor place further away does not settle a name
	joinMetres      = 30000 // a common word joined to a place further away is no place
	dwarfRatio      = 20    // a municipality's official name this much larger than a place of the same name wins over the author's province
)

// countryKeys are names of the whole country (or larger), of rivers and of
// foreign places, which hamlets share ("De Maas", "De Waal", "Napels"):
// never an area.
var countryKeys = map[string]bool{
	"nederland": true, "holland": true, "netherlands": true, "the netherlands": true,
	"nl": true, "europa": true, "europe": true, "benelux": true,
	"de maas": true, "de waal": true, "de rijn": true, "de lek": true, "de vecht": true,
	"de amstel": true, "de schelde": true, "de vliet": true, "de geul": true,
	"de dommel": true, "de ijssel": true, "de merwede": true, "de roer": true,
	"de linge": true, "de berkel": true, "de regge": true, "de dinkel": true,
	"maas": true, "waal": true, "rijn": true, "lek": true, "vecht": true, "amstel": true,
	"schelde": true, "vliet": true, "geul": true, "dommel": true, "ijssel": true,
	"merwede": true, "roer": true, "linge": true, "berkel": true, "regge": true,
	"dinkel": true, "zaan": true, "gein": true,
	// foreign countries and cities that hamlets (or GeoNames spellings of
	// Dutch places) are named after: "op vakantie in Turkije", "Gent"
	"turkije": true, "amerika": true, "america": true, "denemarken": true,
	"palestina": true, "siberie": true, "egypte": true, "napels": true,
	"moskou": true, "malta": true, "borneo": true, "zurich": true, "polen": true,
	"bradford": true, "ladysmith": true, "oostindie": true, "patmos": true,
	"bath": true, "gent": true, "leuven": true, "skagen": true, "rome": true,
	"frankrijk": true, "engeland": true, "bethlehem": true, "krim": true,
}

// articles start multi-word names that must then be written with a
// capital article ("De Wijk", not "de wijk").
var articles = map[string]bool{"de": true, "het": true, "t": true}

// provinceAliases adds names and regions that the gazetteer does not carry
// as province names. They map to the province (the finest level that is
// right for the whole region).
var provinceAliases = map[string]AreaID{
	"brabant": "PV30", "friesland": "PV21", "fryslan": "PV21", "twente": "PV23",
	"achterhoek": "PV25", "veluwe": "PV25", "zeeuws vlaanderen": "PV29",
	"west brabant": "PV30", "oost brabant": "PV30", "midden brabant": "PV30",
	"zuid limburg": "PV31", "noord limburg": "PV31", "salland": "PV23",
	"betuwe": "PV25", "midden limburg": "PV31", "west friesland": "PV27",
	"westland": "", // Westland is a municipality: keep the gazetteer's
}

// provinceQualifiers map the abbreviations and names written after a
// shared place name ("Bergen (L.)", "Hengelo Gld") to provinces. One-letter
// ones count only inside parentheses.
var provinceQualifiers = map[string]AreaID{
	"gr": "PV20", "gn": "PV20", "groningen": "PV20",
	"fr": "PV21", "frl": "PV21", "friesland": "PV21", "fryslan": "PV21",
	"dr": "PV22", "drenthe": "PV22",
	"o": "PV23", "ov": "PV23", "overijssel": "PV23",
	"fl": "PV24", "flevoland": "PV24",
	"g": "PV25", "gld": "PV25", "gl": "PV25", "gelderland": "PV25",
	"u": "PV26", "ut": "PV26", "utr": "PV26", "utrecht": "PV26",
	"nh": "PV27", "noord holland": "PV27", "zee": "PV27",
	"zh": "PV28", "zuid holland": "PV28",
	"z": "PV29", "zl": "PV29", "zld": "PV29", "zeeland": "PV29",
	"nb": "PV30", "nbr": "PV30", "brabant": "PV30", "noord brabant": "PV30",
	"l": "PV31", "lb": "PV31", "li": "PV31", "lim": "PV31", "limburg": "PV31",
}

// cand is one area a name may refer to.
type cand struct {
	area  AreaID
	num   int32 // a number of area, unique in the nameIndex
	level Level
	prov  AreaID
	point orb.Point
	pop   int
	kind  NameKind
}

// entry is one folded name (its tokens joined by spaces) with every area
// it may refer to, most populous first.
type entry struct {
	key    string
	cands  []cand
	common bool // also an ordinary word
	weak   bool // small place: needs evidence like a common word
	major  bool // large city: capitalised at sentence start counts
	// english: also an English word ("Best", "Well"); see text_commonwords.txt
	english bool
	single  bool // one token
	// function: a one-token name that is a function word (isFunctionWord)
	function bool
	landmark bool // the first candidate is a landmark (cands[0].kind)
	// anchor: one candidate, a municipality (it can settle shared names)
	anchor bool
	// article: a multi-word name starting with "de", "het", "'t"; its
	// article must be capitalised in text unless the name is unambiguous
	// and large.
	article bool
	// class: the class bits (classStrong …), which find reads for every
	// match from its pattern id (see patternID), where they cost no read.
	class uint8
	// one holds the candidate of a name that has one (cands is one[:]):
	// with the entry, in the same pair of cache lines (128 bytes, as the
	// entries array is aligned), not a small array elsewhere that
	// addName's read of it waited for after the entry's.
	one [1]cand
}

// Class bits of an entry (entry.class).
const (
	classStrong     = 1 << iota // neither a common word nor a small place (!common && !weak)
	classLandmark               // its first candidate is a landmark
	classLowerNever             // article-led, a function word or a small place: never a place in lower case (judgeLower)
	classBits       = iota      // the number of class bits
)

// A pattern's id in the automaton is its entry's number, class and
// whether it is the name written as one word ("denhaag", patCompact):
// entry<<patEntryShift | class<<1 | compact. find reads a match's class
// from its id, without reading the entry (a random read of 128 bytes,
// most of them a miss of the L1 cache), which it needs only for the
// matches that it does not decide by the class alone; the matches of
// names that are never places in lower case ("een", "de wijk") are
// dropped without it.
const (
	patCompact    = 1
	patEntryShift = 1 + classBits
)

// patternID returns the automaton's id of the name of entry number
// entry of class class (see patCompact).
func patternID(entry int, class uint8) int { return entry<<patEntryShift | int(class)<<1 }

// patEntry and patClass return the entry and the class bits of pattern
// id (see patCompact).
func patEntry(id int) int32 { return int32(id >> patEntryShift) }

func patClass(id int) uint8 { return uint8(id>>1) & (1<<classBits - 1) }

// nameIndex is the compiled form of a gazetteer's names shared by the text
// and home resolvers. Immutable after newNameIndex.
type nameIndex struct {
	g       *Gazetteer
	entries []entry
	auto    *match.Automaton
	// provOf maps a municipality to its province.
	provOf map[AreaID]AreaID
	// markers find the English posts (see english).
	markers markers
	// pc4[v-1000] is the area of postcode v (1000–9999) as g.Postcode
	// gives it, "" if none: an array read instead of a string
	// concatenation, a map lookup and a copy of the Area per postcode.
	pc4 []AreaID
}

// nameKeyTokens returns the folded tokens of a name: words and numbers,
// punctuation dropped ("'s-Hertogenbosch" → s, hertogenbosch).
func nameKeyTokens(name string) []string {
	var out []string
	for _, t := range text.Tokenize(name, nil) {
		switch t.Kind {
		case text.Word, text.Number:
			out = append(out, t.Norm)
		case text.Hashtag:
			out = append(out, t.Norm)
		}
	}
	return out
}

func kindRank(k NameKind) int {
	switch k {
	case NameOfficial:
		return 0
	case NameAlias:
		return 1
	case NamePlace:
		return 2
	}
	return 3
}

func newNameIndex(g *Gazetteer) *nameIndex {
	ix := &nameIndex{g: g, provOf: make(map[AreaID]AreaID), markers: newMarkers()}
	common := make(map[string]bool)
	startOK := make(map[string]bool)
	english := make(map[string]bool)
	for _, line := range strings.Split(commonWordsFile, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		set := common
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			set, line = startOK, rest
		}
		en := false
		if rest, ok := strings.CutPrefix(line, "~"); ok {
			en, line = true, rest
		}
		for _, w := range strings.Fields(line) {
			set[text.Fold(w)] = true
			if en {
				english[text.Fold(w)] = true
			}
		}
	}
	for a := range g.Areas(LevelMunicipality) {
		for _, p := range a.Parents {
			if pa, ok := g.Area(p); ok && pa.Level == LevelProvince {
				ix.provOf[a.ID] = p
			}
		}
	}
	type acc struct {
		toks  []string
		cands map[AreaID]*cand
		order []AreaID
	}
	areaNum := make(map[AreaID]int32)
	number := func(a AreaID) int32 {
		n, ok := areaNum[a]
		if !ok {
			n = int32(len(areaNum))
			areaNum[a] = n
		}
		return n
	}
	byKey := make(map[string]*acc)
	var keys []string
	add := func(toks []string, c cand) {
		key := strings.Join(toks, " ")
		if countryKeys[key] {
			return
		}
		a := byKey[key]
		if a == nil {
			a = &acc{toks: toks, cands: make(map[AreaID]*cand)}
			byKey[key] = a
			keys = append(keys, key)
		}
		if old := a.cands[c.area]; old != nil {
			if c.pop > old.pop {
				old.pop, old.point = c.pop, c.point
			}
			if kindRank(c.kind) < kindRank(old.kind) {
				old.kind = c.kind
			}
			return
		}
		cc := c
		a.cands[c.area] = &cc
		a.order = append(a.order, c.area)
	}
	for n := range g.Names() {
		area, ok := g.Area(n.Area)
		if !ok || (area.Level != LevelMunicipality && area.Level != LevelProvince) {
			continue
		}
		toks := nameKeyTokens(n.Text)
		if len(toks) == 0 {
			continue
		}
		pop := n.Population
		c := cand{area: n.Area, num: number(n.Area), level: area.Level, prov: ix.provOf[n.Area], point: n.Point, pop: pop, kind: n.Kind}
		if area.Level == LevelProvince {
			c.prov = n.Area
		}
		add(toks, c)
	}
	for key, pv := range provinceAliases {
		if pv == "" {
			continue
		}
		if area, ok := g.Area(pv); ok {
			add(strings.Fields(key), cand{area: pv, num: number(pv), level: LevelProvince, prov: pv, point: area.Point, pop: area.Population, kind: NameAlias})
		}
	}
	slices.Sort(keys)                        // deterministic entry order
	ix.entries = make([]entry, 0, len(keys)) // at most one per key (entries are large: see entry.one)
	var b match.Builder
	for _, key := range keys {
		a := byKey[key]
		var gm, pv []cand
		for _, id := range a.order {
			c := *a.cands[id]
			if c.level == LevelMunicipality {
				gm = append(gm, c)
			} else {
				pv = append(pv, c)
			}
		}
		maxPop, official := 0, false
		for _, c := range gm {
			maxPop = max(maxPop, c.pop)
			official = official || c.kind == NameOfficial || (c.kind == NameAlias && c.pop > 0)
		}
		cands := gm
		switch {
		case len(pv) > 0 && (len(gm) == 0 || (!official && maxPop < weakPopulation) || provinceAliases[key] != ""):
			cands = pv // a province name, not a hamlet of the same name
			maxPop, official = pv[0].pop, true
		case len(gm) == 0:
			continue
		}
		slices.SortStableFunc(cands, func(x, y cand) int { return y.pop - x.pop })
		e := entry{
			key:      key,
			cands:    cands,
			single:   len(a.toks) == 1,
			function: len(a.toks) == 1 && isFunctionWord(key),
			landmark: cands[0].kind == NameLandmark,
			anchor:   len(cands) == 1 && cands[0].level == LevelMunicipality,
			common:   common[key],
			english:  english[key],
			major:    maxPop >= majorPopulation || startOK[key],
		}
		if len(a.toks) > 1 && articles[a.toks[0]] {
			e.article = true
			// "De Markt", "Het Zand": a common word with an article is one too
			e.common = e.common || (len(a.toks) == 2 && common[a.toks[1]])
		}
		numeric := a.toks[0] != "" && a.toks[0][0] >= '0' && a.toks[0][0] <= '9'
		if !official && !numeric {
			if e.single {
				e.weak = maxPop < weakPopulation
			} else {
				e.weak = maxPop < 1000
			}
		}
		if !e.common && !e.weak {
			e.class |= classStrong
		}
		if e.landmark {
			e.class |= classLandmark
		}
		if e.article || e.function || e.weak {
			e.class |= classLowerNever
		}
		id := patternID(len(ix.entries), e.class)
		ix.entries = append(ix.entries, e)
		b.Add(a.toks, id)
		if len(a.toks) > 1 {
			b.Add([]string{strings.Join(a.toks, "")}, id|patCompact) // #denhaag
		}
	}
	ix.auto = b.Build()
	for i := range ix.entries { // entries is complete: one's address stays
		e := &ix.entries[i]
		if len(e.cands) == 1 {
			e.one[0] = e.cands[0]
			e.cands = e.one[:]
		}
	}
	ix.pc4 = make([]AreaID, 9000)
	for v := range ix.pc4 {
		if a, ok := g.Postcode(strconv.Itoa(v + 1000)); ok {
			ix.pc4[v] = a.ID
		}
	}
	return ix
}

// distance returns the distance in metres by the equirectangular
// approximation at the Netherlands' latitude (52°): within 0.5 % over the
// country, and enough to rank candidates.
func distance(a, b orb.Point) float64 {
	return math.Sqrt(distanceSq(a, b))
}

// distanceSq is distance squared (before the square root, whose latency
// settle waits for only once per candidate).
func distanceSq(a, b orb.Point) float64 {
	const (
		mPerDegLat = 111195.0
		cosLat     = 0.6157 // cos 52°
	)
	dx := (b[0] - a[0]) * mPerDegLat * cosLat
	dy := (b[1] - a[1]) * mPerDegLat
	return dx*dx + dy*dy
}
