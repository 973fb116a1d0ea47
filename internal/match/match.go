package match

import (
	"slices"

	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Builder collects patterns for an [Automaton]. The zero value is ready to
// use. A Builder is not safe for concurrent use.
type Builder struct {
	patterns [][]string
	ids      []int
}

// Add adds a pattern: a sequence of normalised token strings (as in
// text.Token.Norm) and the id reported when it matches. Empty patterns are
// ignored. The same id may be used for several patterns, and the same
// pattern may be added with several ids (each is reported).
func (b *Builder) Add(pattern []string, id int) {
	if len(pattern) == 0 {
		return
	}
	b.patterns = append(b.patterns, slices.Clone(pattern))
	b.ids = append(b.ids, id)
}

// Automaton finds every occurrence of its patterns in a token sequence.
// It is immutable and safe for concurrent use. The zero value matches
// nothing.
type Automaton struct {
	// index: token string -> symbol. (Build's map of them is not kept:
	// 15,000 strings less for the garbage collector to scan.)
	index
	// Build-time form (nil after Build): transitions in a sorted edge list
	// per state (sparse), failure links and outputs. root, the dense row
	// of the root's transitions, stays.
	edgeStart []int32 // per state, index into edgeSym/edgeTo; len = states+1
	edgeSym   []int32 // codes
	edgeTo    []int32
	root      []int32 // code -> state from root (0 = root; code 0: no pattern's token)
	fail      []int32
	// outputs: per state, outputs[outStart[s]:outStart[s+1]] are (id, length)
	outStart []int32
	outID    []int
	outLen   []int32
	// dictLink: nearest state on the fail chain with outputs, -1 if none.
	dict []int32
	// states and outs are what Scan reads of the above, packed so that a
	// state and its outputs are one cache line each.
	states []state
	outs   []output
	// gotos holds the transitions of the states other than the root (see
	// gotoSlot), found by a hash of the state and the code.
	gotos []gotoSlot
	// joinSym: some symbol is a joiner's string ("-", "/" …; see run)
	joinSym bool
	// inline: every pattern id fits state.id0 (an int32)
	inline bool
	// emitFrom: the states from emitFrom on have outputs, on their own
	// or on their fail chain (Build numbers them last). Of those, the
	// states from leafFrom on have no edges and fail to the root (the
	// ends of most names): their transitions are the root's, so run goes
	// on from the root after one, without the goto search.
	emitFrom, leafFrom int32
}

// state is one state of the automaton as Scan reads it.
type state struct {
	nEdge     int32 // its transitions (in gotos)
	fail      int32
	dict      int32 // nearest state on the fail chain with outputs, -1 if none
	out, nOut int32 // outs[out : out+nOut]
	_         int32
	// id0 and len0 are outs[out] when nOut is 1 and Automaton.inline:
	// AppendMatches reads a state's only output (most have one) with the
	// state, not from outs (a read of its own, often a miss). 32 bytes:
	// no state straddles two cache lines.
	id0, len0 int32
}

// gotoSlot is one transition of a state other than the root: key is
// the state << 32 | the code (0: an empty slot; the root's transitions
// are in Automaton.root). Automaton.gotos is an open-addressing table of
// them (linear probing, at most half full): next finds a transition by
// one hash and mostly one comparison, where a binary search of the
// state's sorted edges took some eight data-dependent branches for the
// states of "de", "het" or "sint", which have hundreds (the scan's most
// frequent goto searches), most mispredicted.
type gotoSlot struct {
	key uint64
	to  int32
	_   int32
}

// gotoHash returns the home slot of key in a gotos table of mask+1 slots.
func gotoHash(key, mask uint64) uint64 { return (key * 0x9E3779B97F4A7C15 >> 32) & mask }

type output struct {
	id  int
	len int32 // in tokens
}

// slot is one entry of Automaton.table: the keyHash of a symbol, its
// length + 1 (0: empty slot), its code (symbol + 1) and the automaton's
// transition from the root on it + 1 (0: not there, see root[code]; an
// automaton of 65,535 states or more, or an index built after Build):
// run then takes it from the slot that it has read, not from root,
// another read (often a miss) that the next state waited for.
//
// The hash stands for the TokenKey: for a given length keyHash is a
// bijection of the key (an exclusive or with the length's term, a
// multiplication by an odd number, and an exclusive or with its own high
// half), so the hash and the length identify the key as the key and the
// length do. Compared instead of the key, it lets the scan drop the key
// once hashed (one register less in its loop, which had spilled the hash
// to the stack and back for every token).
type slot struct {
	hash uint64
	n    uint16
	root uint16
	code int32
}

type trieNode struct {
	next map[int32]int32
	out  []int // pattern indices
}

// Build compiles the patterns added so far into an [Automaton]. The Builder
// may be reused afterwards; the Automaton does not share memory with it.
func (b *Builder) Build() *Automaton {
	a := &Automaton{}
	syms := make(map[string]int32) // token string -> symbol
	nodes := []trieNode{{}}
	for pi, p := range b.patterns {
		s := int32(0)
		for _, w := range p {
			sym, ok := syms[w]
			if !ok {
				sym = int32(len(syms))
				syms[w] = sym
			}
			code := sym + 1 // the automaton reads codes: see index
			n := nodes[s].next[code]
			if n == 0 {
				if nodes[s].next == nil {
					nodes[s].next = make(map[int32]int32)
				}
				n = int32(len(nodes))
				nodes = append(nodes, trieNode{})
				nodes[s].next[code] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, pi)
	}
	n := len(nodes)
	a.edgeStart = make([]int32, n+1)
	for i := range nodes {
		a.edgeStart[i+1] = a.edgeStart[i] + int32(len(nodes[i].next))
	}
	a.edgeSym = make([]int32, a.edgeStart[n])
	a.edgeTo = make([]int32, a.edgeStart[n])
	for i := range nodes {
		keys := make([]int32, 0, len(nodes[i].next))
		for k := range nodes[i].next {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for j, k := range keys {
			a.edgeSym[int(a.edgeStart[i])+j] = k
			a.edgeTo[int(a.edgeStart[i])+j] = nodes[i].next[k]
		}
	}
	a.names = make([]string, len(syms))
	for w, sym := range syms {
		a.names[sym] = w
	}
	a.root = make([]int32, len(syms)+1)
	for k, v := range nodes[0].next {
		a.root[k] = v
	}
	a.index = buildIndex(a.names)
	// Failure links, breadth first.
	a.fail = make([]int32, n)
	queue := make([]int32, 0, n)
	for _, v := range nodes[0].next {
		queue = append(queue, v)
	}
	slices.Sort(queue)
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			code, t := a.edgeSym[e], a.edgeTo[e]
			f := a.fail[s]
			for {
				if nt := a.gotoStep(f, code); nt >= 0 {
					a.fail[t] = nt
					break
				}
				if f == 0 {
					a.fail[t] = 0
					break
				}
				f = a.fail[f]
			}
			queue = append(queue, t)
		}
	}
	a.outStart = make([]int32, n+1)
	for i := range nodes {
		a.outStart[i+1] = a.outStart[i] + int32(len(nodes[i].out))
		for _, pi := range nodes[i].out {
			a.outID = append(a.outID, b.ids[pi])
			a.outLen = append(a.outLen, int32(len(b.patterns[pi])))
		}
	}
	a.dict = make([]int32, n)
	a.dict[0] = -1
	for _, s := range queue { // BFS order: fail targets are done first
		f := a.fail[s]
		if a.outStart[f+1] > a.outStart[f] {
			a.dict[s] = f
		} else if f == 0 {
			a.dict[s] = -1
		} else {
			a.dict[s] = a.dict[f]
		}
	}
	// States are numbered so that those with outputs (on their fail
	// chain too) come last, from emitFrom: the scan tells them by one
	// comparison instead of a load per token. The root stays 0 (it has
	// no outputs: empty patterns are not added). Last of all, from
	// leafFrom, come the states with outputs, no edges and the root as
	// their failure link.
	perm := make([]int32, n)
	class := func(s int) int {
		switch {
		case a.outStart[s+1] == a.outStart[s] && a.dict[s] < 0:
			return 0 // no outputs
		case a.edgeStart[s+1] > a.edgeStart[s] || a.fail[s] != 0:
			return 1
		}
		return 2 // a leaf that fails to the root
	}
	k := int32(0)
	for pass := 0; pass < 3; pass++ {
		switch pass {
		case 1:
			a.emitFrom = k
		case 2:
			a.leafFrom = k
		}
		for s := 0; s < n; s++ {
			if class(s) == pass {
				perm[s] = k
				k++
			}
		}
	}
	a.states = make([]state, n)
	size := 2
	for size < 2*(len(a.edgeSym)-int(a.edgeStart[1])) {
		size <<= 1
	}
	a.gotos = make([]gotoSlot, size)
	for s := 1; s < n; s++ {
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			key := uint64(perm[s])<<32 | uint64(uint32(a.edgeSym[e]))
			h := gotoHash(key, uint64(size-1))
			for a.gotos[h].key != 0 {
				h = (h + 1) & uint64(size-1)
			}
			a.gotos[h] = gotoSlot{key: key, to: perm[a.edgeTo[e]]}
		}
	}
	for code, t := range a.root {
		a.root[code] = perm[t]
	}
	for i := range a.table {
		if sl := &a.table[i]; sl.n != 0 {
			// a joiner's string keeps root 0: run then looks at the
			// token (see run)
			if isJoiner(a.names[sl.code-1]) {
				a.joinSym = true
			} else if t := a.root[sl.code] + 1; t < 1<<16 {
				sl.root = uint16(t)
			}
		}
	}
	for w := range a.dup {
		a.joinSym = a.joinSym || isJoiner(w)
	}
	a.outs = make([]output, len(a.outID))
	a.inline = true
	for k := range a.outs {
		a.outs[k] = output{id: a.outID[k], len: a.outLen[k]}
		a.inline = a.inline && a.outID[k] == int(int32(a.outID[k]))
	}
	for s := range a.states {
		dict := a.dict[s]
		if dict >= 0 {
			dict = perm[dict]
		}
		st := state{
			nEdge: a.edgeStart[s+1] - a.edgeStart[s],
			fail:  perm[a.fail[s]], dict: dict,
			out: a.outStart[s], nOut: a.outStart[s+1] - a.outStart[s],
		}
		if st.nOut == 1 && a.inline {
			st.id0, st.len0 = int32(a.outs[st.out].id), a.outs[st.out].len
		}
		a.states[perm[s]] = st
	}
	// the build-time form is no longer needed
	a.edgeStart, a.edgeSym, a.edgeTo, a.fail, a.dict, a.outStart, a.outID, a.outLen = nil, nil, nil, nil, nil, nil, nil, nil
	return a
}

// next returns the transition of state s on code, following failure
// links.
func (a *Automaton) next(s, code int32) int32 {
	mask := uint64(len(a.gotos) - 1)
	for s != 0 {
		st := &a.states[s]
		if st.nEdge != 0 {
			key := uint64(s)<<32 | uint64(uint32(code))
			for h := gotoHash(key, mask); a.gotos[h].key != 0; h = (h + 1) & mask {
				if a.gotos[h].key == key {
					return a.gotos[h].to
				}
			}
		}
		s = st.fail
	}
	return a.root[code]
}

// gotoStep returns the goto transition of s on sym, or -1 (root: 0 when
// absent), by the build-time form.
func (a *Automaton) gotoStep(s, code int32) int32 {
	if s == 0 {
		if t := a.root[code]; t != 0 {
			return t
		}
		return 0
	}
	lo, hi := a.edgeStart[s], a.edgeStart[s+1]
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		switch c := a.edgeSym[m]; {
		case c == code:
			return a.edgeTo[m]
		case c < code:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// TokenKey returns the index key of a token string: for four bytes or
// more its first and last four (overlapping when shorter than eight),
// for one to three bytes its first, middle and last byte. With the length
// the key identifies a string of up to eight bytes. Its low bytes are
// the string's first three of three bytes or more, four of four or more
// (package profile keys wildcard prefixes by them). Two loads and one
// branch, where a switch on the length compiled to a jump table that the
// processor mispredicted for most tokens.
func TokenKey(s string) uint64 {
	if n := len(s); n >= 4 {
		return uint64(le.Uint32(s)) | uint64(le.Uint32(s[n-4:]))<<32
	} else if n > 0 {
		return uint64(s[0]) | uint64(s[n>>1])<<8 | uint64(s[n-1])<<16
	}
	return 0
}

// midKey returns the middle bytes of a token string w of 9 to 16 bytes,
// those that TokenKey leaves out: bytes 4 to 7 and the four before the
// last four. With the key and the length they identify w.
func midKey(w string) uint64 {
	return uint64(le.Uint32(w[4:])) | uint64(le.Uint32(w[len(w)-8:]))<<32
}

// index numbers token strings for Scan: a hash table of the symbols by
// TokenKey and length, compared as integers (Scan compares a token of 9
// to 16 bytes by its midKey too, and only a longer one as a string;
// lookup, for Dict, any longer than eight bytes). It is a perfect hash
// ("hash and displace"): a token's hash picks a bucket, the bucket's
// displacement and the hash pick the one slot where its symbol can be, so
// a lookup reads a displacement and a slot, and compares one, without a
// loop or a branch on which slot (the two-choice table before compared
// both and chose by arithmetic, some 15 instructions more per token).
// 16-byte slots, at most 3/8 full (512 KB for the national gazetteer).
// The displacements are an array of their own, one per four slots (16
// KB), which the L1 cache holds: when they were in the table (the slot of
// the bucket's number) a lookup waited for two reads from the L2 cache,
// one after the other; now the slot's read starts earlier (Scan 4 % less
// time on the project's VM). The midKeys too are an array of their own,
// read only for a long token that hit a slot: in the slots (24 bytes)
// they made the table larger and some slots straddle two cache lines
// (another 3 %). Each displacement is a byte, and the other byte of its
// entry a filter of the bucket's symbols (see mayHave): a token of no
// symbol, more than half of a post's, is mostly turned away by the entry
// that the L1 cache holds, without the read of its slot from the L2 cache
// (cachegrind, geo's post benchmark: slot reads that miss the L1 cache
// 13.9 -> 6.9 per post).
//
// The table holds codes, symbol + 1, so that code 0 can stand for a token
// of no symbol, and the automaton's root row has a 0 (the root) for it.
type index struct {
	table []slot
	disp  []uint16 // per bucket (len(table)>>bucketShift): displacement<<8 | filter
	mid   []uint64 // per slot: the midKey of its symbol, if of 9 to 16 bytes
	names []string // symbol -> token string
	nmul  uint64   // hash seed: the length's multiplier
	// dup holds the codes of the long symbols whose key and length another
	// symbol in the table has ("abcdXXwxyz", "abcdYYwxyz"): nil if none.
	dup map[string]int32
	// over: dup also holds symbols that found no slot; a miss consults it.
	over bool
	// slowFrom: tokens longer than slowFrom-1 bytes go through slow (9
	// unless over: 0).
	slowFrom int
}

// keyHash returns the hash of a token of key k and length n with seed
// nmul: a multiplicative hash folded so that its low bits (the bucket)
// depend on every input bit.
func keyHash(k uint64, n int, nmul uint64) uint64 {
	p := (k ^ uint64(n)*nmul) * 0x7FEB352D
	return p ^ p>>32
}

// dispSlot returns the slot of a token of hash p in a bucket whose disp
// entry is d (its displacement is the high byte), in a table of mask+1
// slots: the high half of a second multiplication, which spreads the keys
// of one bucket differently for every displacement.
func dispSlot(p uint64, d uint16, mask uint64) uint64 {
	return ((p ^ uint64(d>>8)) * 0x5851F42D >> 32) & mask
}

// mayHave reports whether the bucket whose disp entry is d may hold a
// token of hash p: the entry's low byte is a filter of eight bits, one
// set for each symbol of the bucket (bit p>>61, the product's top bits,
// independent of the bucket's). A token of no symbol fails it in most
// buckets (a quarter are empty, most of the rest hold one or two
// symbols), and then its slot is not read.
// (A bit test, BT, rather than a shift: a shift by a variable needs the
// CX register, which run's loop then spilled.)
func mayHave(p uint64, d uint16) bool { return uint64(d)&(1<<(p>>61)) != 0 }

// filterBit is the bit of the disp entry that mayHave tests for hash p.
func filterBit(p uint64) uint16 { return 1 << (p >> 61) }

// buildIndex returns the index of names (symbol i is names[i]).
func buildIndex(names []string) index {
	size := 16
	for 3*size < 8*len(names) {
		size <<= 1
	}
	rng := uint64(0x243F6A8885A308D3) // deterministic seeds
	for grow := 0; ; grow++ {
		for try := 0; try < 16; try++ {
			rng = rng*6364136223846793005 + 1442695040888963407
			x := newIndex(size, names, rng|1)
			// after 4 doublings (never seen), the symbols that find no
			// slot go to x.dup, which lookups then always consult
			if x.place(grow >= 4) {
				return x
			}
		}
		size <<= 1
	}
}

// bucketShift: the index has one bucket (displacement) per
// 1<<bucketShift slots.
const bucketShift = 2

// newIndex returns an empty index of size slots (a power of two, at least
// 1<<bucketShift) for names with seed nmul.
func newIndex(size int, names []string, nmul uint64) index {
	return index{table: make([]slot, size), disp: make([]uint16, max(size>>bucketShift, 1)), mid: make([]uint64, size), names: names, nmul: nmul}
}

// place fills x.table with x.names: the buckets, largest first, each get
// the first displacement that puts all their symbols in empty slots.
// It returns false when a bucket finds none (then the caller tries
// another seed), unless overflow: then the bucket's symbols go to x.dup.
func (x *index) place(overflow bool) bool {
	type key struct {
		k uint64
		n int
	}
	mask := uint64(len(x.table) - 1)
	bmask := uint64(len(x.disp) - 1)
	seen := make(map[key]bool, len(x.names))
	buckets := make([][]int32, len(x.disp)) // bucket -> symbols
	addDup := func(w string, sym int) {
		if x.dup == nil {
			x.dup = make(map[string]int32)
		}
		x.dup[w] = int32(sym) + 1
	}
	for sym, w := range x.names {
		kn := key{TokenKey(w), len(w)}
		if seen[kn] {
			addDup(w, sym)
			continue
		}
		seen[kn] = true
		if len(w)+1 > 1<<16-1 { // n does not fit the slot: a miss consults dup
			addDup(w, sym)
			x.over = true
			continue
		}
		b := keyHash(kn.k, kn.n, x.nmul) & bmask
		buckets[b] = append(buckets[b], int32(sym))
	}
	order := make([]int, 0, len(buckets))
	for b := range buckets {
		if len(buckets[b]) > 0 {
			order = append(order, b)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(buckets[b]) - len(buckets[a]) })
	hs := make([]uint64, 0, 8)
	for _, b := range order {
		found := false
		for d := 0; d < 1<<8 && !found; d++ { // a byte of the disp entry
			hs = hs[:0]
			found = true
			for _, sym := range buckets[b] {
				w := x.names[sym]
				h := dispSlot(keyHash(TokenKey(w), len(w), x.nmul), uint16(d)<<8, mask)
				if x.table[h].n != 0 || slices.Contains(hs, h) {
					found = false
					break
				}
				hs = append(hs, h)
			}
			if found {
				x.disp[b] = uint16(d) << 8
				for j, sym := range buckets[b] {
					w := x.names[sym]
					x.disp[b] |= filterBit(keyHash(TokenKey(w), len(w), x.nmul))
					x.table[hs[j]].hash, x.table[hs[j]].n, x.table[hs[j]].code = keyHash(TokenKey(w), len(w), x.nmul), uint16(len(w)+1), sym+1
					if len(w) > 8 {
						x.mid[hs[j]] = midKey(w)
					}
				}
			}
		}
		if !found {
			if !overflow {
				return false
			}
			for _, sym := range buckets[b] {
				addDup(x.names[sym], int(sym))
			}
			x.over = true
		}
	}
	x.slowFrom = 9 // n is the length + 1
	if x.over {
		x.slowFrom = 0
		for b := range x.disp { // every miss must reach dup
			x.disp[b] |= 0x00ff
		}
	}
	return true
}

// lookup returns the symbol of s, or -1. Scan inlines it.
func (x *index) lookup(s string) int32 {
	k := TokenKey(s)
	mask := uint64(len(x.table) - 1)
	p := keyHash(k, len(s), x.nmul)
	d := x.disp[p&uint64(len(x.disp)-1)]
	if e := &x.table[dispSlot(p, d, mask)]; mayHave(p, d) && e.hash == p && int(e.n) == len(s)+1 {
		if len(s) <= 8 || x.names[e.code-1] == s {
			return e.code - 1
		}
		return x.lookupDup(s)
	}
	if x.over {
		return x.lookupDup(s)
	}
	return -1
}

// lookupDup returns the symbol of a long token whose key and length are
// those of a different symbol in the table, or -1.
func (x *index) lookupDup(s string) int32 { return x.dupCode(s) - 1 }

// step is run's step from state s on a token t whose table slot gave
// code, when that needs the goto search or, long, a look at its string
// (see slow). It returns ^s for a joiner, which run skips.
//
//go:noinline
func (a *Automaton) step(s, code int32, long bool, t *text.Token) int32 {
	if t.Kind == text.Punct && isJoiner(t.Norm) {
		return ^s
	}
	if long {
		code = a.slow(code, t.Norm)
	}
	if s == 0 || code == 0 {
		return a.root[code]
	}
	return a.next(s, code)
}

// slow returns the code of a token w that the table gave code: that of
// another symbol of the same key and length when w is longer than eight
// bytes, and when the index overflowed, a miss may be in x.dup.
func (x *index) slow(code int32, w string) int32 {
	if code != 0 {
		if len(w) > 8 && x.names[code-1] != w {
			return x.dupCode(w)
		}
		return code
	}
	if x.over {
		return x.dupCode(w)
	}
	return 0
}

// dupCode is lookupDup for symbols: it returns the code of s in x.dup,
// or 0.
func (x *index) dupCode(s string) int32 { return x.dup[s] }

// Dict numbers a set of strings with the Automaton's token index: a lookup
// hashes the length and first and last four bytes of a string and compares
// integers (strings only when longer than eight bytes), several times
// cheaper than a Go map of strings for token-sized keys. It is immutable
// and safe for concurrent use; the zero value contains nothing.
type Dict struct {
	x index
}

// NewDict returns a Dict of words: word i has index i. A repeated word
// keeps its first index.
func NewDict(words []string) *Dict {
	names := make([]string, 0, len(words))
	seen := make(map[string]bool, len(words))
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			names = append(names, w)
		}
	}
	d := &Dict{x: buildIndex(names)}
	if len(names) != len(words) { // renumber: index into words
		first := make(map[string]int32, len(names))
		for i := len(words) - 1; i >= 0; i-- {
			first[words[i]] = int32(i)
		}
		for i := range d.x.table {
			if d.x.table[i].n != 0 {
				d.x.table[i].code = first[names[d.x.table[i].code-1]] + 1
			}
		}
		for w := range d.x.dup {
			d.x.dup[w] = first[w] + 1
		}
		d.x.names = words
	}
	return d
}

// Index returns the index of w, or -1 when w is not in d.
func (d *Dict) Index(w string) int {
	if d == nil || len(d.x.table) == 0 {
		return -1
	}
	return int(d.x.lookup(w))
}

// Symbol returns the interned symbol of a token string and whether any
// pattern contains it.
func (a *Automaton) Symbol(norm string) (int, bool) {
	if a == nil || len(a.table) == 0 {
		return 0, false
	}
	if s := a.lookup(norm); s >= 0 {
		return int(s), true
	}
	return 0, false
}

// Joiner reports whether Scan skips t: punctuation tokens that join the
// parts of a name ("-", "'", "’", "‘", "`", "/"), so that "Wijk-bij-Duurstede" and
// "'s-Hertogenbosch" match the patterns {"wijk","bij","duurstede"} and
// {"s","hertogenbosch"}. Every other token, including other punctuation,
// takes part in matching (and so breaks a phrase).
func Joiner(t *text.Token) bool {
	return t.Kind == text.Punct && isJoiner(t.Norm)
}

// isJoiner reports whether w is the string of a joiner (see [Joiner]).
func isJoiner(w string) bool {
	switch w {
	case "-", "'", "’", "‘", "`", "/":
		return true
	}
	return false
}

// Scan reports every match of every pattern in toks, matching on
// Token.Norm and skipping [Joiner] tokens: fn receives the pattern id and
// the indices in toks of the first and last token of the match.
// Overlapping and nested matches are all reported, in order of their last
// token (longer matches first for the same last token). Scan stops when fn
// returns false. It allocates nothing.
func (a *Automaton) Scan(toks []text.Token, fn func(id, first, last int) bool) {
	if a == nil || len(a.states) == 0 {
		return
	}
	var e ends
	for i, s := 0, int32(0); i < len(toks); {
		i, s = a.run(toks, i, s, &e)
		for _, end := range e.at[:e.n] {
			i := int(end.i)
			for o := end.s; o > 0; {
				st := &a.states[o]
				for _, out := range a.outs[st.out : st.out+st.nOut] {
					if !fn(out.id, firstOf(toks, i, int(out.len)), i) {
						return
					}
				}
				o = st.dict
			}
		}
	}
}

// Match is one occurrence of a pattern in a token sequence: the pattern's
// id and the indices of its first and last token.
type Match struct {
	ID          int
	First, Last int
}

// AppendMatches appends every match of every pattern in toks to dst, in
// the order in which Scan reports them, and returns the extended slice.
// It is Scan without a call per match: cheaper when the caller filters
// the matches in a loop of its own.
func (a *Automaton) AppendMatches(dst []Match, toks []text.Token) []Match {
	if a == nil || len(a.states) == 0 {
		return dst
	}
	states, outs, inline := a.states, a.outs, a.inline
	var e ends
	for i, s := 0, int32(0); i < len(toks); {
		i, s = a.run(toks, i, s, &e)
		for _, end := range e.at[:e.n] {
			i := int(end.i)
			for o := end.s; o > 0; {
				st := &states[o]
				if st.nOut == 1 && inline {
					first := i
					if st.len0 > 1 {
						first = firstOf(toks, i, int(st.len0))
					}
					dst = append(dst, Match{ID: int(st.id0), First: first, Last: i})
					o = st.dict
					continue
				}
				for k := st.out; k < st.out+st.nOut; k++ {
					out := &outs[k]
					first := i
					if out.len > 1 {
						first = firstOf(toks, i, int(out.len))
					}
					dst = append(dst, Match{ID: out.id, First: first, Last: i})
				}
				o = st.dict
			}
		}
	}
	return dst
}

// ends collects the tokens after which the automaton is in a state with
// outputs, and those states, for Scan and AppendMatches.
type ends struct {
	n  int
	at [16]struct{ i, s int32 }
}

// run advances the automaton from state s over toks[i:], recording in ends
// each token after which it is in a state with outputs, and that state,
// until ends is full (16) or the tokens end; it returns the index of the
// next token and the state. It is Scan's inner loop, without the call of
// Scan's fn, which kept most of its values out of registers, and without
// a return per token with outputs, which set the loop up anew (a post has
// several).
//
// The loop (scan) runs for every token of every post. It inlines the
// token index's lookup (index.lookup): a token that the filter or the slot
// turns away (no pattern has it) takes every state to the root, and the
// loop goes on to the next token; from the root, a pattern token's next
// state is in its slot, and from a state that fails to the root ("de",
// "in", "het") it is in gotos or, if that has none, again the slot's.
// Only a token in a deeper state (the goto search along the failure
// links), a joiner that is a pattern's word, and a long token that its
// middle bytes do not settle (or any, when the index overflowed) go
// through step, which run calls after scan returns: scan makes no call,
// so its values stay in registers and need no saving across one. A joiner
// is tested for only where it matters, in a state other than the root,
// after the lookup turned it away (no pattern has its string, unless
// joinSym). (cachegrind, geo's post benchmark, 2026-11-29: the token
// automaton's functions 2,330 -> 1,880 instructions per post, with the
// hash in the slot.) Earlier:
// with the table and displacements in variables and three calls in the
// loop the compiler spilled the token index and the hash to the stack for
// every token. A branch-free form (codes looked up for blocks of 32
// tokens with conditional moves, the automaton stepped over the symbols
// only) had a third fewer mispredicted branches under cachegrind but half
// again as many instructions, and took 10 % more time on the project's
// VM: its processor predicts this loop's branches far better than
// cachegrind's model, and the loop is bound by instructions and by the
// latency of its reads. The comparison with the slot stays a branch for
// that reason: as a conditional move (code & -(hit)) it took 8 % more
// time, since every token's code then waited for the slot's read, where
// the predicted branch lets the processor go on.
func (a *Automaton) run(toks []text.Token, i int, s int32, ends *ends) (int, int32) {
	ends.n = 0
	for {
		var code int32
		var long bool
		if i, s, code, long = a.scan(toks, i, s, ends); i == len(toks) || ends.n == len(ends.at) {
			return i, s
		}
		// token i needs step
		if s = a.step(s, code, long, &toks[i]); s < 0 {
			s = ^s // a joiner: skipped
		} else if s >= a.emitFrom {
			ends.at[ends.n].i, ends.at[ends.n].s = int32(i), s
			if s >= a.leafFrom {
				s = 0 // its transitions are the root's (see leafFrom)
			}
			if ends.n++; ends.n == len(ends.at) {
				return i + 1, s
			}
		}
		i++
	}
}

// scan is run's loop without its call: it advances the automaton from
// state s over toks[i:] as run does, and returns the index of the next
// token and the state when the tokens end, when ends is full, or at a
// token that needs step (then with the slot's code and whether the
// token is long; run makes the step). A loop without a call keeps its
// values in registers (with step in it, the compiler spilled the token
// and the hash to the stack for every token), and the table and nmul
// are read from a (the L1 cache).
func (a *Automaton) scan(toks []text.Token, i int, s int32, ends *ends) (int, int32, int32, bool) {
	// disp in a local whose length is known not to be 0: p&(len-1) is
	// then an index of it, without a bounds check, and its pointer and
	// length stay in registers on the loop's common path. (A session
	// before tried the local and found the hash spilled; with the loop's
	// unsigned test below it is not.) The loop tests i unsigned: that
	// tells the compiler that i is an index of toks, so toks[i] needs no
	// bounds check of its own either. cachegrind, geo's post benchmark,
	// 2026-11-29 (third round): scan 1,880 -> 1,750 instructions a post.
	disp := a.disp
	if len(disp) == 0 {
		return len(toks), s, 0, false // no index (Scan does not get here)
	}
	for ; uint(i) < uint(len(toks)); i++ {
		t := &toks[i]
		w := t.Norm
		n := len(w)
		var k uint64 // TokenKey(w), inlined
		if n >= 4 {
			k = uint64(le.Uint32(w)) | uint64(le.Uint32(w[n-4:]))<<32
		} else if n > 0 {
			k = uint64(w[0]) | uint64(w[n>>1])<<8 | uint64(w[n-1])<<16
		}
		p := keyHash(k, n, a.nmul)
		d := disp[p&uint64(len(disp)-1)]
		// A token of no pattern (code 0) takes every state to the root
		// (root[0] is 0, and the root has no outputs): most tokens end
		// here, after the filter or the slot, without the step below.
		// A joiner is skipped instead; that matters only in a state
		// other than the root, so its test waits until then.
		if !mayHave(p, d) {
			if s != 0 && t.Kind == text.Punct && isJoiner(w) {
				continue
			}
			s = 0
			continue
		}
		si := dispSlot(p, d, uint64(len(a.table)-1))
		e := &a.table[si]
		if e.hash != p || int(e.n) != n+1 {
			if a.over {
				return i, s, 0, true // an overflowed index's dup may have it
			}
			if s != 0 && t.Kind == text.Punct && isJoiner(w) {
				continue
			}
			s = 0
			continue
		}
		if n > 8 && (n > 16 || a.mid[si] != uint64(le.Uint32(w[4:]))|uint64(le.Uint32(w[n-8:]))<<32) {
			// A token longer than eight bytes: the slot's symbol if the
			// middle bytes are the same too (midKey: up to 16 bytes,
			// most long tokens), else slow compares it as a string and
			// looks for another symbol of the same key and length. The
			// middle bytes are read only for the long tokens, and the
			// symbol's string, a random read of names and of its bytes,
			// only for tokens longer than 16 bytes.
			return i, s, e.code, true
		}
		// From the root the next state is the slot's root transition.
		// In another state it is the state's own transition on the
		// token (in gotos), and where it has none, for a state that
		// fails to the root ("de", "in", "het": most), again the
		// root's: found here, without step's call (the scan's most
		// frequent goto search: some three a post).
		if s != 0 {
			if a.states[s].fail != 0 || e.root == 0 {
				return i, s, e.code, false // step: the failure links, or see slot
			}
			key := uint64(s)<<32 | uint64(uint32(e.code))
			s = int32(e.root) - 1
			mask := uint64(len(a.gotos) - 1)
			for h := gotoHash(key, mask); a.gotos[h].key != 0; h = (h + 1) & mask {
				if a.gotos[h].key == key {
					s = a.gotos[h].to
					break
				}
			}
		} else if s = int32(e.root) - 1; s < 0 {
			// (see slot) A joiner's string as a symbol (joinSym) has
			// no root transition in its slot: a joiner is skipped,
			// which from the root means staying there.
			if s = a.root[e.code]; s != 0 && a.joinSym && t.Kind == text.Punct && isJoiner(w) {
				s = 0
			}
		}
		// the states with outputs are numbered last (see Build): one
		// comparison, no load
		if s >= a.emitFrom {
			ends.at[ends.n].i, ends.at[ends.n].s = int32(i), s
			if s >= a.leafFrom {
				s = 0 // its transitions are the root's (see leafFrom)
			}
			if ends.n++; ends.n == len(ends.at) {
				return i + 1, s, 0, false
			}
		}
	}
	return len(toks), s, 0, false
}

// Len returns the number of states of the automaton.
func (a *Automaton) Len() int { return len(a.states) }

// firstOf returns the index of the n-th non-joiner token counting back
// from last (n = 1 is last itself).
func firstOf(toks []text.Token, last, n int) int {
	i := last
	for n--; n > 0; n-- {
		i--
		for i > 0 && Joiner(&toks[i]) {
			i--
		}
	}
	return i
}
