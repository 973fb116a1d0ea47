package profile

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/match"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Span is one occurrence of a matched term in the tokenised text.
type Span struct {
	// Term is the canonical form of the query term ("tram*", "#koningsdag",
	// `"geen stroom"`).
	Term string
	// Start and End are byte offsets in the text the tokens came from.
	Start, End int
}

// Match reports one matching profile and the term occurrences that hit,
// for explanations and for labelling peaks.
type Match struct {
	// ID is the profile's declared ID.
	ID string
	// Name is the profile's name.
	Name string
	// Terms are the occurrences of the profile's (non-negated) terms, by
	// Start. Terms of sub-profiles inlined through references are
	// included.
	Terms []Span
}

// variant is one distinct term of all compiled profiles.
type variant struct {
	n      *node // representative node (words, prefix, hashtag, mention)
	label  string
	profs  []int32 // profiles using the term
	termOf []int32 // profiles using the term outside NOT (ascending)
}

type cprof struct {
	id, name string
	root     *node
	scope    []string
	need     []uint64 // needOf(root)
}

// Matcher evaluates many compiled profiles in one pass over a post's
// tokens. It is immutable and safe for concurrent use.
type Matcher struct {
	profs    []cprof
	variants []variant
	// kinds[v] has bit k set when kindOK accepts a token of Kind k for
	// variant v's term: filterHits and scanAll test it without loading
	// the variant and its node (two cache lines a hit).
	kinds  []uint16
	auto   *match.Automaton
	groups [][]int32 // automaton pattern id -> variants with those words
	// The wildcard prefixes, in a hash table by their first bytes
	// (prefixFirst): a token's first bytes find the few prefixes it can
	// start with, where a map of the prefixes took a lookup for each
	// length from minPre to the longest prefix's, behind a bit set of
	// 8 KB (a gate) of their first three bytes.
	preSlots []preSlot // len a power of two; nil: no wildcards
	preVars  []preVar  // by first bytes, then length, then variant
	minPre   int       // shortest wildcard prefix in bytes; math.MaxInt without wildcards
	pmask    uint64    // the bytes of a token's match.TokenKey that prefixFirst keeps
	// The token strings that MatchDoc's filter looks for: the word of
	// every one-word pattern (its group) and one word of every longer
	// pattern (its trigger word). Without them (a pattern with an empty
	// word) every Doc takes the automaton.
	words []wordSlot // hash table of those words by wordKeyOf (see lookupWord), nil: no filter
	// phrases[i] lists the patterns of two or more words whose trigger
	// word has wordInfo.phrases i.
	phrases [][]phraseRef
	// filter: bit set: the word bit of every word of words and the
	// prefix bit of every wildcard prefix, in the word of their first
	// bytes (filterPos). 2 KB: with 8 KB (a fifth of the bits set) the
	// pipeline's posts found its lines evicted since the last post,
	// about 10 L1 misses a post more (cachegrind); the few more false
	// candidates cost less.
	filter *[1 << 8]uint64
	pool   sync.Pool // *scratch
}

// preSlot is a slot of Matcher.preSlots: the prefixes whose first bytes
// are key are preVars[lo:hi]; hi 0 for an empty slot.
type preSlot struct {
	key    uint32
	lo, hi int32
}

// preVar is a wildcard prefix and its variant.
type preVar struct {
	w string
	v int32
}

// wordSlot is a slot of Matcher.words: a word ("" for an empty slot),
// its match.TokenKey and what it stands for.
type wordSlot struct {
	w    string
	k    uint64
	info wordInfo
}

// wordInfo is what a word of words stands for.
type wordInfo struct {
	group   int32 // the automaton group of the one-word pattern of the word, -1 if none
	phrases int32 // index in Matcher.phrases of the patterns it triggers, -1 if none
}

// phraseRef is a pattern of two or more words that MatchDoc looks for
// around each token of its trigger word (see phraseAt).
type phraseRef struct {
	group int32 // the pattern's automaton group
	at    int32 // the index of the trigger word's first occurrence in the pattern
}

// CompileOptions configure [CompileWith]. A nil *CompileOptions means
// defaults.
type CompileOptions struct {
	// Registry resolves profile:id references to profiles that are not
	// among the compiled ones. Nil means references resolve only among
	// the compiled profiles.
	Registry *Registry
}

// Compile validates profiles, resolves their references among them and
// compiles them into one *Matcher; see [CompileWith].
func Compile(profiles ...Profile) (*Matcher, error) { return CompileWith(nil, profiles...) }

// CompileWith validates profiles and compiles them into one *Matcher.
// Profile IDs must be distinct.
// References (profile:id) are resolved among profiles, then through
// opts.Registry, and inlined. The error wraps [ErrInvalid] and joins each
// invalid profile's errors, prefixed with its ID; no Matcher is returned
// then.
func CompileWith(opts *CompileOptions, profiles ...Profile) (*Matcher, error) {
	byID := make(map[string]Profile, len(profiles))
	for _, p := range profiles {
		byID[p.ID] = p
	}
	lookup := func(id string) (Profile, bool) {
		if p, ok := byID[id]; ok {
			return p, true
		}
		if opts != nil && opts.Registry != nil {
			p, err := opts.Registry.Get(id)
			return p, err == nil
		}
		return Profile{}, false
	}
	m := &Matcher{}
	m.pool.New = func() any { return new(scratch) }
	vindex := map[string]int32{}
	var prefixes []preVar
	wordGroups := map[string]int{}
	var b match.Builder
	var es []error
	seen := make(map[string]bool, len(profiles))
	for _, p := range profiles {
		if seen[p.ID] {
			es = append(es, fmt.Errorf("profile %q: %w", p.ID, &FieldError{Field: "id", Msg: "compiled twice"}))
			continue
		}
		seen[p.ID] = true
		root, err := check(p, lookup)
		if err != nil {
			es = append(es, fmt.Errorf("profile %q: %w", p.ID, err))
			continue
		}
		pi := int32(len(m.profs))
		cp := cprof{id: p.ID, name: p.Name, root: root}
		for _, s := range p.Scope {
			cp.scope = append(cp.scope, strings.ToUpper(s))
		}
		var visit func(n *node, neg bool)
		visit = func(n *node, neg bool) {
			if n.kind == nNot {
				neg = !neg
			}
			for _, k := range n.kids {
				visit(k, neg)
			}
			if n.kind != nTerm {
				return
			}
			key := n.String()
			v, ok := vindex[key]
			if !ok {
				v = int32(len(m.variants))
				vindex[key] = v
				m.variants = append(m.variants, variant{n: n, label: key})
				if n.prefix {
					prefixes = append(prefixes, preVar{w: n.words[0], v: v})
				} else {
					wk := strings.Join(n.words, "\x00")
					g, ok := wordGroups[wk]
					if !ok {
						g = len(m.groups)
						wordGroups[wk] = g
						m.groups = append(m.groups, nil)
						b.Add(n.words, g)
					}
					m.groups[g] = append(m.groups[g], v)
				}
			}
			n.v = v
			vr := &m.variants[v]
			if !slices.Contains(vr.profs, pi) {
				vr.profs = append(vr.profs, pi)
			}
			if !neg && (len(vr.termOf) == 0 || vr.termOf[len(vr.termOf)-1] != pi) {
				vr.termOf = append(vr.termOf, pi)
			}
		}
		visit(root, false)
		indexOrs(root)
		cp.need = needOf(root)
		m.profs = append(m.profs, cp)
	}
	if len(es) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(es...))
	}
	m.auto = b.Build()
	m.kinds = make([]uint16, len(m.variants))
	for v := range m.variants {
		for k := range text.Kind(16) {
			if kindOK(m.variants[v].n, &Token{Kind: k}) {
				m.kinds[v] |= 1 << k
			}
		}
	}
	m.buildPrefixes(prefixes)
	m.buildWords()
	return m, nil
}

// buildPrefixes fills m.preSlots, m.preVars, m.minPre and m.pmask from
// the wildcard prefixes ps (in variant order).
func (m *Matcher) buildPrefixes(ps []preVar) {
	if len(ps) == 0 {
		// Every token is shorter; candidates still tests a bit for the
		// first four bytes of a longer one (a bit of m.filter as good
		// as any, where pmask 0 would test the same bit for every
		// token).
		m.minPre, m.pmask = math.MaxInt, 0xffffffff
		return
	}
	m.minPre = len(ps[0].w)
	for _, p := range ps {
		m.minPre = min(m.minPre, len(p.w))
	}
	// The first four bytes, or three when a prefix has three
	// (MinPrefix): every token that starts with a prefix has the
	// prefix's first bytes.
	m.pmask = 0xffffffff
	if m.minPre < 4 {
		m.pmask = 0xffffff
	}
	// By first bytes, then by length, then in variant order: a token's
	// hits in the order of the map of prefixes that this table replaced
	// (shorter prefixes first).
	slices.SortStableFunc(ps, func(a, b preVar) int {
		return cmp.Or(cmp.Compare(m.prefixFirst(a.w), m.prefixFirst(b.w)), cmp.Compare(len(a.w), len(b.w)))
	})
	m.preVars = ps
	size := 8
	for size < 2*len(ps) {
		size <<= 1
	}
	m.preSlots = make([]preSlot, size)
	for lo := 0; lo < len(ps); {
		key := m.prefixFirst(ps[lo].w)
		hi := lo + 1
		for hi < len(ps) && m.prefixFirst(ps[hi].w) == key {
			hi++
		}
		j := preHash(key) & (size - 1)
		for m.preSlots[j].hi != 0 {
			j = (j + 1) & (size - 1)
		}
		m.preSlots[j] = preSlot{key: key, lo: int32(lo), hi: int32(hi)}
		lo = hi
	}
}

// prefixFirst returns the first bytes of w (len(w) >= m.minPre) that
// m.preSlots is keyed by.
func (m *Matcher) prefixFirst(w string) uint32 { return uint32(match.TokenKey(w) & m.pmask) }

// preHash hashes the first bytes of a prefix to a slot of m.preSlots.
func preHash(key uint32) int { return int(key * 0x9e3779b1 >> 16) }

// buildWords fills m.words, m.phrases and m.filter from m.groups: a
// one-word pattern's word with its group, and for a pattern of more words
// its longest word (the first of the longest; short words such as "niet"
// and "tot" are common, and a Doc without the chosen word cannot hold the
// pattern, whichever word is chosen).
func (m *Matcher) buildWords() {
	words := map[string]wordInfo{} // the keys of m.words
	info := func(w string) wordInfo {
		if wi, ok := words[w]; ok {
			return wi
		}
		return wordInfo{group: -1, phrases: -1}
	}
	for g, vs := range m.groups {
		ws := m.variants[vs[0]].n.words
		for _, w := range ws {
			if w == "" {
				return // the filter skips empty tokens: no filter
			}
		}
		// The filter skips the tokens that are not word-like; of them
		// only a joiner can hit, a one-word pattern of its string
		// (kindsOK passes joiners). A term's words are those of
		// word-like tokens, so this does not happen.
		if len(ws) == 1 && match.Joiner(&Token{Kind: text.Punct, Norm: ws[0]}) {
			return
		}
		if len(ws) == 1 {
			wi := info(ws[0])
			wi.group = int32(g)
			words[ws[0]] = wi
			continue
		}
		longest := ws[0]
		for _, w := range ws[1:] {
			if len(w) > len(longest) {
				longest = w
			}
		}
		wi := info(longest)
		if wi.phrases < 0 {
			wi.phrases = int32(len(m.phrases))
			m.phrases = append(m.phrases, nil)
		}
		m.phrases[wi.phrases] = append(m.phrases[wi.phrases], phraseRef{group: int32(g), at: int32(slices.Index(ws, longest))})
		words[longest] = wi
	}
	size := 16
	for size < 4*len(words) {
		size <<= 1
	}
	m.words = make([]wordSlot, size)
	m.filter = new([1 << 8]uint64)
	for w, wi := range words {
		k := match.TokenKey(w)
		i, wb, _ := m.filterPos(k, len(w))
		m.filter[i] |= 1 << (wb & 63)
		j := int(wordKeyOf(k, len(w))) & (size - 1)
		for m.words[j].w != "" {
			j = (j + 1) & (size - 1)
		}
		m.words[j] = wordSlot{w, k, wi}
	}
	for _, p := range m.preVars {
		i, _, pb := m.filterPos(match.TokenKey(p.w), len(p.w))
		m.filter[i] |= 1 << (pb & 63)
	}
}

// filterMul is the multiplier of the hash of a token's first bytes
// (prefixFirst) that places it in m.filter: see filterPos.
const filterMul = 0x9e3779b1

// filterPos returns the index in m.filter of a token of match.TokenKey k
// and n bytes, chosen by its first bytes (prefixFirst), and the
// positions there of its word bit and of its first bytes' prefix bit
// (modulo 64). A token's candidate test is then one load.
func (m *Matcher) filterPos(k uint64, n int) (i, wb, pb uint32) {
	h := uint32(k&m.pmask) * filterMul
	return h >> 24, wordBitOf(h, uint32(k>>32), n), h >> 18
}

// wordBitOf returns the position of the word bit (modulo 64) of a token
// of n bytes whose first bytes hash to h (filterPos) and whose last four
// bytes are l (0 for a shorter token, as in match.TokenKey).
func wordBitOf(h, l uint32, n int) uint32 { return h + (l^uint32(n))*0x85ebca6b>>26 }

// lookupWord returns what token string w (not empty), of
// match.TokenKey k and wordKeyOf kw, stands for in m.words; group and phrases -1 when it
// is not there. A word of up to 8 bytes is compared by its key and
// length, which tell all its bytes (a string compare called
// runtime.memequal for each candidate).
func (m *Matcher) lookupWord(w string, k uint64, kw uint16) wordInfo {
	mask := len(m.words) - 1
	for j := int(kw); ; j++ {
		sl := &m.words[j&mask]
		if sl.k == k && len(sl.w) == len(w) && (len(w) <= 8 || sl.w == w) {
			return sl.info
		}
		if len(sl.w) == 0 {
			return wordInfo{group: -1, phrases: -1}
		}
	}
}

// anchored returns the kids of the indexed OR anchored at variant v.
func (ix *orIndex) anchored(v int32) []int32 {
	if int(v) < len(ix.byAnchor) {
		return ix.byAnchor[v]
	}
	return nil
}

// mayMatch reports whether a kid of the indexed OR may be true when the
// variants of hits (some repeated) occur, sig their varBits: whether
// one of the free kids or of those anchored at hits meets its need, the
// test before eval in evalIndexed.
func (ix *orIndex) mayMatch(hits []hitRec, sig uint64) bool {
	for _, i := range ix.free {
		if meets(ix.need[i], sig) {
			return true
		}
	}
	for _, r := range hits {
		for _, i := range ix.anchored(r.next) {
			if meets(ix.need[i], sig) {
				return true
			}
		}
	}
	return false
}

// orIndex lets a large OR evaluate only the kids that can be true: a kid
// with an anchor set (variants of which at least one must occur for the
// kid to match) is listed under each of its anchors; the others are free
// and always evaluated. A query like CrisisLex's, an OR of hundreds of
// NEAR pairs, then costs per post what its hits cost, not its size.
type orIndex struct {
	byAnchor [][]int32  // variant -> kids (ascending); variants past its end have none
	free     []int32    // kids without anchors
	need     [][]uint64 // kid -> needOf(kid)
}

// minIndexedOr is the number of kids from which an OR gets an orIndex.
const minIndexedOr = 8

// indexOrs gives every large OR node of a compiled tree its orIndex.
func indexOrs(n *node) {
	for _, k := range n.kids {
		indexOrs(k)
	}
	if n.kind != nOr || len(n.kids) < minIndexedOr {
		return
	}
	ix := &orIndex{need: make([][]uint64, len(n.kids))}
	for i, k := range n.kids {
		ix.need[i] = needOf(k)
		as := anchors(k)
		if as == nil {
			ix.free = append(ix.free, int32(i))
			continue
		}
		for _, v := range as {
			if int(v) >= len(ix.byAnchor) {
				ix.byAnchor = slices.Grow(ix.byAnchor, int(v)+1-len(ix.byAnchor))[:v+1]
			}
			ix.byAnchor[v] = append(ix.byAnchor[v], int32(i))
		}
	}
	n.index = ix
}

// A need is a cheap test that rejects most candidate profiles (and kids
// of an indexed OR) before eval: a list of clauses, each the varBits of
// variants of which at least one occurs whenever the node matches (NEAR
// as AND, the bits of the occurring variants in scratch.sig). In the
// pipeline's synthetic posts most candidates have a hit but cannot
// match: "koningsdag" without "tram*" or "htm", "gemeente" without
// "klacht", CrisisLex's word "even" without the other word of any of
// its pairs. Bits are shared (the variant number modulo 64), so a need
// that passes still takes eval; one that fails is exact.

// maxNeed bounds the clauses of a need.
const maxNeed = 8

// varBit is the bit of variant v in a need and in scratch.sig.
func varBit(v int32) uint64 { return 1 << (v & 63) }

// needOf returns the need of n: clauses of which each meets the bits of
// the variants that occur whenever n matches; nil when it knows none.
func needOf(n *node) []uint64 {
	var out []uint64
	switch n.kind {
	case nTerm:
		return []uint64{varBit(n.v)}
	case nAnd, nNear:
		for _, k := range n.kids {
			out = append(out, needOf(k)...)
		}
	case nOr:
		// Every combination of one clause of each kid (a OR b needs
		// x|y for each x of a's and y of b's), or, when there would be
		// more than maxNeed, the union of each kid's fewest bits.
		out = []uint64{0}
		for _, k := range n.kids {
			kn := needOf(k)
			if len(kn) == 0 {
				return nil
			}
			if len(out)*len(kn) > maxNeed {
				kn = kn[:1] // sorted, the fewest bits first
			}
			next := make([]uint64, 0, len(out)*len(kn))
			for _, a := range out {
				for _, b := range kn {
					next = append(next, a|b)
				}
			}
			out = next
		}
	default:
		return nil // NOT, field filters
	}
	// Most selective first; a clause of every bit tells nothing.
	slices.SortFunc(out, func(a, b uint64) int {
		return cmp.Or(cmp.Compare(bits.OnesCount64(a), bits.OnesCount64(b)), cmp.Compare(a, b))
	})
	out = slices.Compact(out)
	out = slices.DeleteFunc(out, func(c uint64) bool { return c == ^uint64(0) })
	if len(out) > maxNeed {
		out = out[:maxNeed]
	}
	return slices.Clip(out)
}

// meets reports whether the variants with hits in s, by their bits,
// meet every clause of need.
func (s *scratch) meets(need []uint64) bool { return meets(need, s.sig) }

// meets reports whether the bits sig of variants with hits meet every
// clause of need.
func meets(need []uint64, sig uint64) bool {
	for _, c := range need {
		if c&sig == 0 {
			return false
		}
	}
	return true
}

// anchors returns variants of which at least one occurs whenever n
// matches, or nil when there is no such set (NOT, field filters).
func anchors(n *node) []int32 {
	switch n.kind {
	case nTerm:
		return []int32{n.v}
	case nOr:
		var out []int32
		for _, k := range n.kids {
			as := anchors(k)
			if as == nil {
				return nil
			}
			for _, v := range as {
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		return out
	case nAnd, nNear:
		// Any kid's set will do; the smallest is the most selective.
		var best []int32
		for _, k := range n.kids {
			if as := anchors(k); as != nil && (best == nil || len(as) < len(best)) {
				best = as
			}
		}
		return best
	}
	return nil
}

// MustCompile is like Compile but panics on error; use it for profiles
// written in the program.
func MustCompile(profiles ...Profile) *Matcher {
	m, err := Compile(profiles...)
	if err != nil {
		panic(err)
	}
	return m
}

// Len returns the number of compiled profiles.
func (m *Matcher) Len() int { return len(m.profs) }

type hitRec struct {
	first, last int32
	next        int32 // previous hit of the same variant, -1 at the end
}

// scratch is the per-call state of Match, pooled.
type scratch struct {
	head    []int32 // variant -> last hit index in hits, -1 when none
	hits    []hitRec
	used    []int32 // variants with hits
	cand    []int32 // candidate profiles
	seen    []bool  // profile -> in cand
	ends    []int   // evalHits: the end of each Match's Terms in its spans
	spanBuf []span
	sig     uint64 // the varBits of used
	// terms is the unused rest (len 0, its capacity) of the array that
	// evalHits appends the Terms of Matches to: the matcher never
	// writes to the part before it again.
	terms []Span
}

// termChunk is the capacity of the arrays that evalHits appends the
// Terms of Matches to, the spans of many calls in one (s.terms): one
// allocation for those calls instead of one per call with matches
// (0.13 a post of the pipeline, about a seventh of its allocations).
// A caller that keeps a Match keeps its array (1 KB) alive.
const termChunk = 32

// hitOcc is the occurrences view of a scratch for eval.
type hitOcc struct{ s *scratch }

func (o hitOcc) has(n *node) bool { return o.s.head[n.v] >= 0 }

func (o hitOcc) appendSpans(n *node, dst []span) []span {
	for h := o.s.head[n.v]; h >= 0; h = o.s.hits[h].next {
		dst = append(dst, span{o.s.hits[h].first, o.s.hits[h].last})
	}
	return dst
}

func (o hitOcc) buf() *[]span { return &o.s.spanBuf }

func (s *scratch) hit(v int32, first, last int) {
	if s.head[v] < 0 {
		s.used = append(s.used, v)
		s.sig |= varBit(v)
	}
	s.hits = append(s.hits, hitRec{first: int32(first), last: int32(last), next: s.head[v]})
	s.head[v] = int32(len(s.hits) - 1)
}

// Match appends to dst one Match per profile that matches toks, a Doc
// without metadata (field filters on unknown fields do not match, and
// profiles with a Scope never match), in compile order, and returns it.
func (m *Matcher) Match(toks []Token, dst []Match) []Match {
	return m.MatchDoc(Doc{Tokens: toks}, dst)
}

// MatchText tokenises s and calls Match.
func (m *Matcher) MatchText(s string, dst []Match) []Match {
	return m.Match(text.Tokenize(s, nil), dst)
}

// MatchDoc appends to dst one Match per profile that matches d, in
// compile order, and returns it. It finds the term hits of d.Tokens
// (filterHits; in a Doc with many candidates, one automaton over every
// term of every profile and a prefix table for the wildcards), then
// evaluates the boolean query only of profiles with a term hit: every
// valid query needs a term, so the others cannot match.
func (m *Matcher) MatchDoc(d Doc, dst []Match) []Match {
	if m == nil || len(m.profs) == 0 || len(d.Tokens) == 0 {
		return dst
	}
	var (
		cands [16]int32 // tokens that pass the filter
		nc    int
		ok    bool
		s     *scratch
	)
	if m.filter != nil {
		nc, ok = m.candidates(d.Tokens, &cands)
	}
	if ok {
		if nc == 0 {
			return dst
		}
		if s = m.filterHits(&d, cands[:nc]); s == nil {
			return dst // no profile can match
		}
	} else {
		s = m.scratch()
		m.scanAll(s, d.Tokens)
	}
	m.evalHits(s, d, &dst)
	m.pool.Put(s)
	return dst
}

// scratch returns scratch space from the pool for a call of MatchDoc.
func (m *Matcher) scratch() *scratch {
	s := m.pool.Get().(*scratch)
	if len(s.head) < len(m.variants) {
		s.head = make([]int32, len(m.variants))
		for i := range s.head {
			s.head[i] = -1
		}
	}
	if len(s.seen) < len(m.profs) {
		s.seen = make([]bool, len(m.profs))
	}
	return s
}

// hitSink collects the hits that filterHits finds. The first ones go
// to buf, on the stack: most Docs with hits have a few, of profiles that
// cannot match (their need fails, or their scope), and then take no
// scratch space from the pool. More than fit in buf go to s.
type hitSink struct {
	m   *Matcher
	s   *scratch  // nil while the hits fit in buf
	n   int       // hits in buf; len(buf)+1 once they are in s
	sig uint64    // the varBits of the hits in buf
	buf [8]hitRec // next: the variant
}

// add records a hit of variant v on toks[first:last+1].
func (h *hitSink) add(v int32, first, last int) {
	if h.n < len(h.buf) {
		h.buf[h.n] = hitRec{first: int32(first), last: int32(last), next: v}
		h.n++
		h.sig |= varBit(v)
		return
	}
	h.addToScratch(v, first, last)
}

// addToScratch is add when buf is full.
func (h *hitSink) addToScratch(v int32, first, last int) {
	if h.s == nil {
		h.flush()
	}
	h.s.hit(v, first, last)
}

// flush moves the hits of buf to scratch space from the pool, in order.
func (h *hitSink) flush() {
	h.s = h.m.scratch()
	for _, r := range h.buf[:h.n] {
		h.s.hit(r.next, int(r.first), int(r.last))
	}
	h.n = len(h.buf) + 1
}

// result returns the scratch space with the hits for evalHits, or nil
// when no profile with a hit in buf can match d: none meets its need
// and scope, the first tests of evalHits, and, when its query is an
// indexed OR, has a kid that meets its need (orIndex.mayMatch): the
// need of CrisisLex's OR of hundreds of words and pairs has every bit,
// and its words such as "even" and "people" hit a fifth of the
// pipeline's synthetic posts, none of which it matches.
func (h *hitSink) result(d *Doc) *scratch {
	if h.s != nil || h.n == 0 {
		return h.s
	}
	for _, r := range h.buf[:h.n] {
		for _, p := range h.m.variants[r.next].profs {
			cp := &h.m.profs[p]
			if meets(cp.need, h.sig) && (cp.root.index == nil || cp.root.index.mayMatch(h.buf[:h.n], h.sig)) && d.inScope(cp.scope) {
				h.flush()
				return h.s
			}
		}
	}
	return nil
}

// candidates is the first pass of MatchDoc's filter: it stores in cands
// the indices of the tokens of toks that pass it and returns their
// number; false when there are more than len(cands) (then MatchDoc
// takes the automaton).
//
// Most Docs hit no term, and most tokens are no term's word. The pass
// reads the first and last four bytes of each token (three bytes of a
// shorter one) and loads the word of m.filter of its first bytes
// (filterPos), where it tests two bits: its word bit (the words of
// m.words) and the prefix bit of its first bytes (wildcard prefixes),
// the latter only if it is as long as the shortest prefix. Of the
// tokens that pass, it keeps the words, numbers, hashtags and mentions:
// kindOK gives no other kind a hit, and a joiner hits nothing when
// there is a filter (see buildWords). Until round 10 (2026-11-29) the
// pass skipped short punctuation before the filter, a test of the kind
// in the short tokens' branch that cachegrind found mispredicted 3.7
// times a post of BenchmarkMatchSynth; after the filter it is taken
// about once a post: 1,189 -> 1,262 instructions a post (the short
// punctuation now hashed), 21.6 -> 18.0 mispredicts, cycle model
// 1,197 -> 1,172 (cachegrind). Until 2026-11-29 the two bits were in words of their own
// hashes: two loads and two multiplications by 64-bit constants, 40
// instructions a token of BenchmarkMatchSynth against 29 now. The word
// bit's hash of the first bytes, length and last four bytes (not of
// the first bytes and length alone: "nieuwe" and "nieuws" shared it, and
// the false candidates cost more than the multiplication). (A function
// of its own: in filterHits the compiler kept the loop's keys and toks
// on the stack.)
func (m *Matcher) candidates(toks []Token, cands *[16]int32) (int, bool) {
	nc := 0
	filter, pmask, minPre := m.filter[:], uint32(m.pmask), m.minPre
	for i := range toks {
		w := toks[i].Norm
		n := len(w)
		// filterPos(match.TokenKey(w), n), written out. A token shorter
		// than every prefix tests its word bit twice; a longer one the
		// prefix bit of its first four bytes even if the shortest
		// prefix is longer (a false candidate, which prefixesOf skips).
		var h, wb, pb uint32
		if n >= 4 {
			h = le.Uint32(w) & pmask * filterMul
			wb, pb = wordBitOf(h, le.Uint32(w[n-4:]), n), h>>18
		} else if n > 0 {
			h = (uint32(w[0]) | uint32(w[n>>1])<<8 | uint32(w[n-1])<<16) & pmask * filterMul
			wb, pb = wordBitOf(h, 0, n), h>>18
			if n < minPre {
				pb = wb
			}
		} else {
			continue
		}
		if x := filter[h>>24]; x&(1<<(wb&63)) == 0 && x&(1<<(pb&63)) == 0 || toks[i].Kind-1 >= 4 {
			continue
		}
		if nc == len(cands) {
			return 0, false
		}
		cands[nc] = int32(i)
		nc++
	}
	return nc, true
}

// filterHits is the second pass of MatchDoc's filter: it finds the term
// hits of d.Tokens, whose candidates are cands, and returns scratch
// space from the pool with them for evalHits; nil when no profile with
// a hit can match (see hitSink.result: most Docs with hits take no
// scratch space).
//
// The candidates are looked up exactly, in m.words (lookupWord) if
// their word bit is set, in the prefix table (prefixesOf) if their
// prefix bit is. The hits are those of the one-word patterns of the
// candidates, of the longer patterns around the candidates with their
// trigger words (phraseAt) and of the wildcard prefixes, in token
// order: each variant's hits in the order in which the automaton and
// scanAll report them (a variant is a word pattern or a prefix; the
// order of hits of different variants changes no result: evalHits
// sorts the profiles and the spans).
// (Until 2026-11-29 a Doc with a trigger word took the automaton after
// the filter: BenchmarkMatchLibrary's post "geen stroom" paid both,
// 8,050 -> 9,950 instructions.)
func (m *Matcher) filterHits(d *Doc, cands []int32) *scratch {
	toks := d.Tokens
	h := hitSink{m: m}
	for _, i := range cands {
		i, t := int(i), &toks[i]
		w := t.Norm
		k := match.TokenKey(w)
		fi, wb, pb := m.filterPos(k, len(w))
		x := m.filter[fi]
		if x&(1<<(wb&63)) != 0 {
			wi := m.lookupWord(w, k, wordKeyOf(k, len(w)))
			if wi.group >= 0 {
				for _, v := range m.groups[wi.group] {
					if m.kindOK(v, t) { // kindsOK(…, i, i): no candidate is a joiner
						h.add(v, i, i)
					}
				}
			}
			if wi.phrases >= 0 {
				m.phraseHits(&h, toks, i, m.phrases[wi.phrases])
			}
		}
		if x&(1<<(pb&63)) != 0 {
			for _, p := range m.prefixesOf(t, k) {
				if strings.HasPrefix(w, p.w) && m.kindOK(p.v, t) {
					h.add(p.v, i, i)
				}
			}
		}
	}
	return h.result(d)
}

// phraseHits records in h the hits of the patterns prs on toks[i], a
// token of their trigger word.
func (m *Matcher) phraseHits(h *hitSink, toks []Token, i int, prs []phraseRef) {
	for _, pr := range prs {
		vs := m.groups[pr.group]
		first, last, ok := phraseAt(toks, i, m.variants[vs[0]].n.words, int(pr.at))
		if !ok {
			continue
		}
		for _, v := range vs {
			if m.kindsOK(v, toks, first, last) {
				h.add(v, first, last)
			}
		}
	}
}

// scanAll finds the hits of toks with the automaton and the prefix table.
func (m *Matcher) scanAll(s *scratch, toks []Token) {
	m.auto.Scan(toks, func(g, first, last int) bool {
		for _, v := range m.groups[g] {
			if m.kindsOK(v, toks, first, last) {
				s.hit(v, first, last)
			}
		}
		return true
	})
	for i := range toks {
		t := &toks[i]
		for _, p := range m.prefixesOf(t, match.TokenKey(t.Norm)) {
			if strings.HasPrefix(t.Norm, p.w) && m.kindOK(p.v, t) {
				s.hit(p.v, i, i)
			}
		}
	}
}

// phraseAt reports whether the pattern ws occurs in toks with its word
// ws[at] on toks[i], and returns its first and last token: the tokens
// that match ws are consecutive but for the joiners between them, which
// are skipped (match.Joiner), as internal/match's automaton does.
func phraseAt(toks []Token, i int, ws []string, at int) (first, last int, ok bool) {
	if match.Joiner(&toks[i]) {
		return 0, 0, false
	}
	first = i
	for k := at - 1; k >= 0; k-- {
		for first--; first >= 0 && match.Joiner(&toks[first]); first-- {
		}
		if first < 0 || toks[first].Norm != ws[k] {
			return 0, 0, false
		}
	}
	last = i
	for k := at + 1; k < len(ws); k++ {
		for last++; last < len(toks) && match.Joiner(&toks[last]); last++ {
		}
		if last == len(toks) || toks[last].Norm != ws[k] {
			return 0, 0, false
		}
	}
	return first, last, true
}

// prefixesOf returns the wildcard prefixes that token t, of
// match.TokenKey k, may start with: those with its first bytes
// (strings.HasPrefix tells).
func (m *Matcher) prefixesOf(t *Token, k uint64) []preVar {
	if len(t.Norm) < m.minPre || t.Kind == text.Punct || m.preSlots == nil {
		return nil
	}
	key := uint32(k & m.pmask)
	mask := len(m.preSlots) - 1
	for j := preHash(key) & mask; m.preSlots[j].hi != 0; j = (j + 1) & mask {
		if sl := &m.preSlots[j]; sl.key == key {
			return m.preVars[sl.lo:sl.hi]
		}
	}
	return nil
}

// evalHits evaluates the profiles with hits in s against d and appends their
// Matches to *dst; it leaves s clean for the pool.
func (m *Matcher) evalHits(s *scratch, d Doc, dst *[]Match) {
	toks := d.Tokens
	for _, v := range s.used {
		for _, p := range m.variants[v].profs {
			if !s.seen[p] {
				s.seen[p] = true
				s.cand = append(s.cand, p)
			}
		}
	}
	if len(s.cand) > 1 {
		slices.Sort(s.cand)
	}
	occ := hitOcc{s}
	// The Terms of all matches are spans[ends[k-1]:ends[k]], appended
	// to the free rest of an array of termChunk spans (a new one when
	// fewer than four are free; append's new array when they do not
	// fit), which the caller then owns: written once, not copied from
	// scratch space. (With a new array when fewer than eight were free,
	// BenchmarkMatchSynth allocated 19,036 bytes an op instead of
	// 16,421; with arrays of 64 spans, 15,772 in 7 allocations instead
	// of 14, but a kept Match would keep 2 KB alive.)
	first := len(*dst)
	spans := s.terms
	s.ends = s.ends[:0]
	for _, p := range s.cand {
		cp := &m.profs[p]
		if !s.meets(cp.need) || !d.inScope(cp.scope) || !eval(cp.root, &d, occ) {
			continue
		}
		if len(s.ends) == 0 && cap(spans) < 4 {
			spans = make([]Span, 0, termChunk)
		}
		start := len(spans)
		for _, v := range s.used {
			if !containsSorted(m.variants[v].termOf, p) {
				continue
			}
			for h := s.head[v]; h >= 0; h = s.hits[h].next {
				r := s.hits[h]
				spans = append(spans, Span{Term: m.variants[v].label, Start: int(toks[r.first].Start), End: int(toks[r.last].End)})
			}
		}
		sortSpans(spans[start:])
		s.ends = append(s.ends, len(spans))
		*dst = append(*dst, Match{ID: cp.id, Name: cp.name})
	}
	if len(s.ends) > 0 {
		start := 0
		for k, end := range s.ends {
			(*dst)[first+k].Terms = spans[start:end:end]
			start = end
		}
		// The rest of an array that append grew for a call with many
		// spans is not shared: a Match kept from it would keep more
		// than a chunk alive.
		s.terms = nil
		if cap(spans)-len(spans) < termChunk {
			s.terms = spans[len(spans):]
		}
	}
	for _, v := range s.used {
		s.head[v] = -1
	}
	for _, p := range s.cand {
		s.seen[p] = false
	}
	s.hits, s.used, s.cand, s.sig = s.hits[:0], s.used[:0], s.cand[:0], 0
	if cap(s.hits) > 1<<16 {
		s.hits = nil
	}
}

// containsSorted reports whether ps, ascending, contains p: a loop, for
// the one to three profiles of most variants (slices.BinarySearch was a
// call per used variant and matching profile).
func containsSorted(ps []int32, p int32) bool {
	for _, q := range ps {
		if q >= p {
			return q == p
		}
	}
	return false
}

// sortSpans sorts the spans of one Match by Start, End and Term (the
// spans are distinct: one per hit of a variant, each with its own
// label). Most matches have one to three: an insertion sort, without
// the calls of slices.SortFunc's comparison.
func sortSpans(sp []Span) {
	if len(sp) > 12 {
		slices.SortFunc(sp, func(a, b Span) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Term, b.Term))
		})
		return
	}
	for i := 1; i < len(sp); i++ {
		for j := i; j > 0 && spanLess(&sp[j], &sp[j-1]); j-- {
			sp[j], sp[j-1] = sp[j-1], sp[j]
		}
	}
}

// spanLess orders spans by Start, End and Term.
func spanLess(a, b *Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return a.Term < b.Term
}

// wordKeyOf hashes a token string (not empty) of match.TokenKey k and n
// bytes to a position in m.words.
func wordKeyOf(k uint64, n int) uint16 {
	return uint16((k ^ uint64(n)<<59) * 0x9E3779B97F4A7C15 >> 50)
}

// kindOK reports whether kindOK accepts token t for variant v's term.
// (A Kind of 16 or more shifts every bit out: no term accepts it.)
func (m *Matcher) kindOK(v int32, t *Token) bool { return m.kinds[v]>>t.Kind&1 != 0 }

// kindsOK checks the token kinds of an automaton match of variant v.
func (m *Matcher) kindsOK(v int32, toks []Token, first, last int) bool {
	for i := first; i <= last; i++ {
		if !m.kindOK(v, &toks[i]) && !match.Joiner(&toks[i]) {
			return false
		}
	}
	return true
}
