package aggregate

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/socialgeo/socialgeo/geo"
)

// ErrKeyTermsMismatch is returned by [KeyTerms.Merge] and [KeyTerms.Join]
// when the two aggregators were built with different options.
var ErrKeyTermsMismatch = errors.New("aggregate: key terms options differ")

// Defaults of [KeyTermsOptions].
const (
	DefaultKeyTermsMaxTerms       = 1000
	DefaultKeyTermsPriorWeight    = 1000
	DefaultKeyTermsMinTermAuthors = DefaultK
)

// KeyTermsOptions configures a [KeyTerms]. A nil value means defaults.
type KeyTermsOptions struct {
	// Grid, when non-nil, keys terms by the grid cell of the post's point
	// (posts without a point are skipped); otherwise by area.
	Grid *CellScheme
	// Level restricts areas to one level; 0 means every level.
	Level geo.Level
	// Roles are the area roles counted; nil means geo.RoleAbout (what is
	// said about an area).
	Roles []geo.Role
	// Profile, when set, counts only posts matching that profile ID (the
	// key terms of one debate, e.g. energy, per municipality).
	Profile string
	// MaxTerms caps the distinct terms kept per area; 0 means
	// [DefaultKeyTermsMaxTerms]. The corpus (background) keeps 8·MaxTerms.
	// See [KeyTerms] for the space-saving guarantee beyond the cap.
	MaxTerms int
	// MinTermAuthors is the number of unique authors in an area a term
	// needs to be shown; 0 means [DefaultKeyTermsMinTermAuthors] (10).
	// Values below 2 are raised to 2: a term used by one person is never
	// shown.
	MinTermAuthors int
	// MaxAuthors bounds the author hashes kept per area (for the area's
	// unique-author count and its k-suppression); 0 means
	// [DefaultMaxAuthors].
	MaxAuthors int
	// PriorWeight is α₀, the total weight of the informative Dirichlet
	// prior (pseudo-counts spread over terms in proportion to the corpus);
	// 0 means [DefaultKeyTermsPriorWeight] (1000).
	PriorWeight float64
	// Top is the maximum number of terms shown per area; 0 means 10.
	Top int
	// MinZ is the z-score a term needs to be shown; 0 means 1.96 (two-
	// sided 5 % level, uncorrected for the number of terms).
	MinZ float64
}

func (o *KeyTermsOptions) norm() KeyTermsOptions {
	var n KeyTermsOptions
	if o != nil {
		n = *o
		n.Roles = slices.Clone(o.Roles)
		if o.Grid != nil {
			g := *o.Grid
			n.Grid = &g
		}
	}
	if len(n.Roles) == 0 {
		n.Roles = []geo.Role{geo.RoleAbout}
	}
	slices.Sort(n.Roles)
	n.Roles = slices.Compact(n.Roles)
	if n.MaxTerms <= 0 {
		n.MaxTerms = DefaultKeyTermsMaxTerms
	}
	if n.MinTermAuthors == 0 {
		n.MinTermAuthors = DefaultKeyTermsMinTermAuthors
	}
	n.MinTermAuthors = min(max(n.MinTermAuthors, 2), 1<<16)
	if n.MaxAuthors <= 0 {
		n.MaxAuthors = DefaultMaxAuthors
	}
	if !(n.PriorWeight > 0) || math.IsInf(n.PriorWeight, 0) {
		n.PriorWeight = DefaultKeyTermsPriorWeight
	}
	if n.Top <= 0 {
		n.Top = 10
	}
	if !(n.MinZ > 0) || math.IsInf(n.MinZ, 0) {
		n.MinZ = 1.96
	}
	return n
}

func (o *KeyTermsOptions) equal(p *KeyTermsOptions) bool {
	return (o.Grid == nil) == (p.Grid == nil) && (o.Grid == nil || *o.Grid == *p.Grid) && o.Level == p.Level &&
		slices.Equal(o.Roles, p.Roles) && o.Profile == p.Profile && o.MaxTerms == p.MaxTerms &&
		o.MinTermAuthors == p.MinTermAuthors && o.MaxAuthors == p.MaxAuthors && o.PriorWeight == p.PriorWeight &&
		o.Top == p.Top && o.MinZ == p.MinZ
}

type ktKey struct {
	level geo.Level // 0 for grid cells
	place string
}

// termCell counts the posts, unique authors and terms of one area
// (KeyTerms) or one time bucket (PeakDetector).
type termCell struct {
	posts   int64
	authors kmvSet
	terms   termSummary
}

func newTermCell(maxTerms, minTermAuthors int) *termCell {
	return &termCell{terms: newTermSummary(maxTerms, minTermAuthors)}
}

func (c *termCell) add(terms []string, hasAuthor bool, ah uint64, maxAuthors int) {
	c.posts++
	if hasAuthor {
		c.authors.add(ah, maxAuthors)
	}
	for _, t := range terms {
		c.terms.add(t, ah, hasAuthor)
	}
}

func (c *termCell) merge(o *termCell, maxAuthors int) {
	c.posts += o.posts
	c.authors.merge(&o.authors, maxAuthors)
	c.terms.merge(&o.terms)
}

func (c *termCell) appendTo(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(c.posts))
	b = c.authors.appendTo(b)
	return c.terms.appendTo(b)
}

func (r *reader) termCell(maxTerms, minTermAuthors, maxAuthors int) *termCell {
	c := newTermCell(maxTerms, minTermAuthors)
	c.posts = int64(r.uvarint("posts"))
	r.kmv(&c.authors, maxAuthors)
	r.termSummary(&c.terms)
	return c
}

// KeyTerms finds the words that distinguish what is said about an area
// (or grid cell) from the rest of the country: "Fightin' Words" weighted
// log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn
// 2008). For term w, area i and the rest of the corpus j (corpus minus
// area):
//
//	α_w = α₀ · y_w / n                       (prior: corpus proportions)
//	δ_w = log((y_wi + α_w) / (n_i + α₀ − y_wi − α_w))
//	    − log((y_wj + α_w) / (n_j + α₀ − y_wj − α_w))
//	σ²_w ≈ 1/(y_wi + α_w) + 1/(y_wj + α_w)
//	z_w = δ_w / σ_w
//
// where y counts posts containing the term (a post counts a term once)
// and n sums those counts. Terms with z ≥ MinZ are shown, highest z first:
// the terms over-represented in the area. The prior shrinks rare terms
// towards the corpus, so a word that occurs twice in a small area does not
// top the list (plain log-odds ratios favour rare words, plain counts
// favour common ones).
//
// Privacy: a term is shown only when at least MinTermAuthors unique
// authors used it in the area (default 10, never below 2), so a word used
// by one person is never published; the area itself is suppressed with
// fewer than K unique authors (the [Policy]). The number of terms that
// passed the z threshold but were withheld for too few authors is
// reported.
//
// Memory: each area keeps at most MaxTerms distinct terms with the
// space-saving algorithm (Metwally, Agrawal & El Abbadi 2005): while an
// area has no more distinct terms than the cap, counts are exact and
// merging is exact (commutative and associative). Beyond it a new term
// replaces the least counted one and inherits its count as error, so a
// kept count c with error e satisfies c − e ≤ true ≤ c, e ≤ N/MaxTerms;
// merged summaries follow Agarwal et al. (2012) and stay within the same
// bound, but are then no longer independent of the order of merging.
// Author sets of an evicted term restart empty (authors are under-, never
// over-counted, so capping never publishes a term it should not). Per
// area: about 150 bytes per kept term plus 8 bytes per kept author hash
// (at most MinTermAuthors per term), e.g. ≈ 230 KB at the defaults when
// full; the corpus holds 8·MaxTerms terms without authors.
//
// Monroe, B. L., Colaresi, M. P., Quinn, K. M. (2008). Fightin' words:
// lexical feature selection and evaluation for identifying the content of
// political conflict. Political Analysis 16(4), 372–403.
// doi:10.1093/pan/mpn018
//
// A KeyTerms is not safe for concurrent use: one per goroutine, then
// [KeyTerms.Merge]. The zero value is not usable; use [NewKeyTerms].
type KeyTerms struct {
	opts   KeyTermsOptions
	roles  [8]bool
	areas  map[ktKey]*termCell
	corpus termSummary
	posts  int64 // posts counted in the corpus
	seen   []string
}

// NewKeyTerms returns an empty key-terms aggregator.
func NewKeyTerms(opts *KeyTermsOptions) *KeyTerms {
	n := opts.norm()
	k := &KeyTerms{opts: n, areas: map[ktKey]*termCell{}, corpus: newTermSummary(8*n.MaxTerms, 0)}
	k.index()
	return k
}

func (k *KeyTerms) index() {
	k.roles = roleSet(k.opts.Roles)
}

// Add counts the distinct terms of o in the corpus and in every area (or
// cell) of o that passes the options. Posts without terms count towards
// the areas' posts and authors only.
func (k *KeyTerms) Add(o Observation) {
	if k.opts.Profile != "" && !odProfileSeen(o.Profiles, k.opts.Profile) {
		return
	}
	terms := k.distinct(o.Terms)
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	counted := false
	if k.opts.Grid != nil {
		if o.Point == nil {
			return
		}
		c, ok := k.opts.Grid.Locate(*o.Point)
		if !ok {
			return
		}
		k.addArea(ktKey{0, k.opts.Grid.ID(c)}, terms, o.Author != "", ah)
		counted = true
	} else {
		for i, a := range o.Areas {
			if int(a.Role) >= len(k.roles) || !k.roles[a.Role] || (k.opts.Level != 0 && a.Level != k.opts.Level) ||
				odSeenBefore(o.Areas[:i], a, &k.roles) {
				continue
			}
			k.addArea(ktKey{a.Level, string(a.Area)}, terms, o.Author != "", ah)
			counted = true
		}
	}
	if !counted {
		return
	}
	k.posts++
	for _, t := range terms {
		k.corpus.add(t, 0, false)
	}
}

// distinct returns the distinct non-empty terms of ts (at most MaxTerms
// of them), in a reused buffer.
func (k *KeyTerms) distinct(ts []string) []string {
	k.seen = k.seen[:0]
	for i, t := range ts {
		if i == MaxTerms {
			break
		}
		if t != "" && !slices.Contains(k.seen, t) {
			k.seen = append(k.seen, t)
		}
	}
	return k.seen
}

func (k *KeyTerms) addArea(key ktKey, terms []string, hasAuthor bool, ah uint64) {
	a := k.areas[key]
	if a == nil {
		a = newTermCell(k.opts.MaxTerms, k.opts.MinTermAuthors)
		k.areas[key] = a
	}
	a.add(terms, hasAuthor, ah, k.opts.MaxAuthors)
}

// Merge adds other's counts into k. It returns an error wrapping
// [ErrKeyTermsMismatch] when the options differ (k is then unchanged).
// Merge is exact, commutative and associative while no area exceeds
// MaxTerms distinct terms (see [KeyTerms]).
func (k *KeyTerms) Merge(other *KeyTerms) error {
	if !k.opts.equal(&other.opts) {
		return ErrKeyTermsMismatch
	}
	for key, o := range other.areas {
		a := k.areas[key]
		if a == nil {
			a = newTermCell(k.opts.MaxTerms, k.opts.MinTermAuthors)
			k.areas[key] = a
		}
		a.merge(o, k.opts.MaxAuthors)
	}
	k.corpus.merge(&other.corpus)
	k.posts += other.posts
	return nil
}

// Fork returns a new, empty KeyTerms with k's options (see [Parallel]).
func (k *KeyTerms) Fork() Aggregator { return NewKeyTerms(&k.opts) }

// Join merges a, which must be a *KeyTerms with the same options, into k.
func (k *KeyTerms) Join(a Aggregator) error { return join(a, k.Merge, ErrKeyTermsMismatch) }

// KeyTerm is one distinguishing term of an area.
type KeyTerm struct {
	// Term is the normalised term.
	Term string
	// Count is the number of the area's posts containing the term (an
	// upper bound, at most CountError too high, once the area exceeded
	// MaxTerms distinct terms); Corpus the same for the whole corpus.
	Count, CountError, Corpus int64
	// LogOdds is δ (natural log) and Z its z-score (see [KeyTerms]).
	LogOdds, Z float64
}

// AreaTerms is the result for one area or grid cell.
type AreaTerms struct {
	// Place is the area ID, or the grid cell ID when the aggregator keys by
	// grid; Level is the area's level (0 for grid cells).
	Place string
	Level geo.Level
	// Posts and Authors count the area's posts and unique authors.
	Posts, Authors int64
	// Terms are the distinguishing terms, highest Z first (ties by term),
	// at most Top, each with Z ≥ MinZ and at least MinTermAuthors unique
	// authors.
	Terms []KeyTerm
	// Withheld counts terms with Z ≥ MinZ not shown because fewer than
	// MinTermAuthors unique authors used them in the area.
	Withheld int
	// Disclosure: the area is suppressed (no terms, zero counts) with
	// fewer than K unique authors; with noise, Posts, Authors and each
	// term's Count and Corpus are noised (q = 2 + 2·len(Terms)).
	Disclosure
}

// Results yields the key terms of every area (ordered by level, then
// place) with disclosure control under p (nil means K = 10). The
// sequence is single-use and must not run while k is modified.
func (k *KeyTerms) Results(p *Policy) iter.Seq[AreaTerms] {
	valid := p.Validate() == nil
	keys := make([]ktKey, 0, len(k.areas))
	for key := range k.areas {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, cmpKTKey)
	return func(yield func(AreaTerms) bool) {
		for _, key := range keys {
			a := k.areas[key]
			r := AreaTerms{Place: key.place, Level: key.level}
			n := a.authors.count()
			if r.Disclosure = p.check(n, valid); !r.Suppressed {
				r.Terms, r.Withheld = k.terms(a)
				q := 2 + 2*len(r.Terms)
				r.Posts, r.Authors = odNoisyPosts(p, a.posts, n, q), p.NoisyCount(n, 1, q)
				for i := range r.Terms {
					r.Terms[i].Count = p.NoisyCount(r.Terms[i].Count, float64(p.Contrib()), q)
					r.Terms[i].Corpus = p.NoisyCount(r.Terms[i].Corpus, float64(p.Contrib()), q)
				}
			}
			if !yield(r) {
				return
			}
		}
	}
}

func cmpKTKey(a, b ktKey) int {
	return cmp.Or(cmp.Compare(a.level, b.level), strings.Compare(a.place, b.place))
}

// terms scores the area's terms against the rest of the corpus.
func (k *KeyTerms) terms(a *termCell) (shown []KeyTerm, withheld int) {
	return distinguishing(&a.terms, &k.corpus, k.opts.PriorWeight, k.opts.MinZ, k.opts.Top, k.opts.MinTermAuthors, true)
}

// distinguishing ranks the terms of fg against the background bg, where
// rest says whether bg includes fg (so that the comparison group is
// bg − fg) or is already disjoint from it.
func distinguishing(fg, bg *termSummary, alpha0, minZ float64, top, minAuthors int, rest bool) (shown []KeyTerm, withheld int) {
	ni := float64(fg.total)
	nc := float64(bg.total)
	if rest {
		nc = max(nc, ni)
	} else {
		nc += ni
	}
	if nc <= 0 {
		return nil, 0
	}
	var cands []KeyTerm
	for t, e := range fg.entries {
		yi := float64(e.count)
		yc := float64(bg.countOf(t))
		if rest {
			yc = max(yc, yi)
		} else {
			yc += yi
		}
		delta, z := LogOddsZ(yi, ni, yc-yi, nc-ni, alpha0*yc/nc, alpha0)
		if z < minZ || math.IsNaN(z) {
			continue
		}
		if len(e.authors) < minAuthors {
			withheld++
			continue
		}
		cands = append(cands, KeyTerm{Term: t, Count: e.count, CountError: e.err, Corpus: int64(yc), LogOdds: delta, Z: z})
	}
	slices.SortFunc(cands, func(a, b KeyTerm) int { return cmp.Or(-cmp.Compare(a.Z, b.Z), strings.Compare(a.Term, b.Term)) })
	if len(cands) > top {
		cands = cands[:top]
	}
	return cands, withheld
}

// LogOddsZ returns the "Fightin' Words" log-odds ratio δ of a term between
// group i (y_i of n_i) and group j (y_j of n_j) with prior pseudo-count
// alphaW for the term and total prior weight alpha0, and its z-score
// δ/σ with σ² ≈ 1/(y_i + α_w) + 1/(y_j + α_w) (Monroe et al. 2008, eqs.
// 16 and 20; see [KeyTerms]). It returns NaN for alphaW ≤ 0 with a zero
// count.
func LogOddsZ(yi, ni, yj, nj, alphaW, alpha0 float64) (delta, z float64) {
	if !(yi+alphaW > 0) || !(yj+alphaW > 0) {
		return math.NaN(), math.NaN()
	}
	// Denominators are clamped at a half count: approximate (capped)
	// counts may make n − y smaller than the prior mass of the term.
	oi := (yi + alphaW) / max(ni+alpha0-yi-alphaW, 0.5)
	oj := (yj + alphaW) / max(nj+alpha0-yj-alphaW, 0.5)
	delta = math.Log(oi) - math.Log(oj)
	return delta, delta / math.Sqrt(1/(yi+alphaW)+1/(yj+alphaW))
}

const ktMagic = "SGterms"

// ktVersion is the version of the binary format of [KeyTerms].
const ktVersion = 1

// MarshalBinary encodes the aggregator exactly (version 1): magic
// "SGterms", version, the normalised options, the corpus summary, then
// the areas sorted as in [KeyTerms.Results] with their author hashes and
// term summaries (terms sorted, author hashes sorted). Equal aggregators
// give equal bytes.
func (k *KeyTerms) MarshalBinary() ([]byte, error) {
	o := &k.opts
	b := append([]byte(ktMagic), ktVersion)
	if o.Grid != nil {
		b = append(b, 1, 0)
		if o.Grid.RD {
			b[len(b)-1] = 1
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.Grid.Size))
	} else {
		b = append(b, 0)
	}
	b = append(b, byte(o.Level))
	b = appendRoles(b, o.Roles)
	b = appendString(b, o.Profile)
	for _, v := range []int{o.MaxTerms, o.MinTermAuthors, o.MaxAuthors, o.Top} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.PriorWeight))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.MinZ))
	b = binary.AppendUvarint(b, uint64(k.posts))
	b = k.corpus.appendTo(b)
	keys := make([]ktKey, 0, len(k.areas))
	for key := range k.areas {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, cmpKTKey)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, key := range keys {
		a := k.areas[key]
		b = append(b, byte(key.level))
		b = appendString(b, key.place)
		b = a.appendTo(b)
	}
	return b, nil
}

// UnmarshalBinary decodes the output of [KeyTerms.MarshalBinary],
// replacing k's contents and options. Malformed input gives an error
// wrapping [ErrBadEncoding] (never a panic); k is then unchanged.
func (k *KeyTerms) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if err := r.header(ktMagic, ktVersion, "a key terms aggregator"); err != nil {
		return err
	}
	var o KeyTermsOptions
	if hg := r.bytes(1, "grid"); r.err == nil && hg[0] != 0 {
		kind := r.bytes(1, "grid kind")
		size := math.Float64frombits(r.u64("grid size"))
		if r.err == nil {
			s := CellScheme{RD: kind[0] == 1, Size: size}
			if hg[0] != 1 || kind[0] > 1 || s.Validate() != nil {
				r.fail("grid")
			}
			o.Grid = &s
		}
	}
	if lv := r.bytes(1, "level"); r.err == nil {
		o.Level = geo.Level(lv[0])
	}
	o.Roles = r.roles()
	o.Profile = r.str("profile")
	var ints [4]uint64
	for i := range ints {
		ints[i] = r.uvarint("options")
		if ints[i] > 1<<30 {
			r.fail("options")
		}
	}
	o.MaxTerms, o.MinTermAuthors, o.MaxAuthors, o.Top = int(ints[0]), int(ints[1]), int(ints[2]), int(ints[3])
	o.PriorWeight = math.Float64frombits(r.u64("prior weight"))
	o.MinZ = math.Float64frombits(r.u64("min z"))
	posts := r.uvarint("posts")
	if r.err != nil {
		return r.err
	}
	if n := o.norm(); !n.equal(&o) {
		return fmt.Errorf("%w: options not normalised", ErrBadEncoding)
	}
	corpus := newTermSummary(8*o.MaxTerms, 0)
	r.termSummary(&corpus)
	n := r.uvarint("areas")
	if r.err == nil && n > uint64(len(r.b)) {
		r.fail("areas")
	}
	areas := make(map[ktKey]*termCell, min(n, 1<<16))
	var prev *ktKey
	for i := uint64(0); i < n && r.err == nil; i++ {
		var key ktKey
		if lv := r.bytes(1, "level"); r.err == nil {
			key.level = geo.Level(lv[0])
		}
		key.place = r.str("place")
		a := r.termCell(o.MaxTerms, o.MinTermAuthors, o.MaxAuthors)
		if r.err != nil {
			break
		}
		if a.posts < 0 || (o.Grid != nil && key.level != 0) || (o.Level != 0 && o.Grid == nil && key.level != o.Level) {
			r.fail("area")
			break
		}
		if prev != nil && cmpKTKey(*prev, key) >= 0 {
			r.fail("areas not sorted")
			break
		}
		prev = &key
		areas[key] = a
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*k = KeyTerms{opts: o, areas: areas, corpus: corpus, posts: int64(posts)}
	k.index()
	return nil
}

// termSummary is a space-saving summary (Metwally et al. 2005) of term
// counts with, per term, the bottom-m hashes of its authors (m = 0 keeps
// no authors). The zero value is not usable; use newTermSummary.
type termSummary struct {
	cap, m  int
	total   int64 // Σ counts added, exact
	sat     bool  // a term was ever evicted (missing terms may have counts ≤ min)
	entries map[string]*termEntry
	h       termHeap // min-heap by (count, term descending)
}

type termEntry struct {
	term       string
	count, err int64
	authors    []uint64 // sorted, at most m, the smallest hashes
	idx        int
}

func newTermSummary(cap, m int) termSummary {
	return termSummary{cap: cap, m: m, entries: map[string]*termEntry{}}
}

type termHeap []*termEntry

func (h termHeap) Len() int { return len(h) }
func (h termHeap) Less(i, j int) bool {
	if h[i].count != h[j].count {
		return h[i].count < h[j].count
	}
	return h[i].term > h[j].term
}
func (h termHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].idx, h[j].idx = i, j
}
func (h *termHeap) Push(x any) {
	e := x.(*termEntry)
	e.idx = len(*h)
	*h = append(*h, e)
}
func (h *termHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}

// add counts one occurrence of t by the author with hash ah.
func (s *termSummary) add(t string, ah uint64, hasAuthor bool) {
	s.total++
	e := s.entries[t]
	switch {
	case e != nil:
		e.count++
		heap.Fix(&s.h, e.idx)
	case len(s.entries) < s.cap:
		t = strings.Clone(t) // a term is often a slice of a whole post
		e = &termEntry{term: t, count: 1}
		s.entries[t] = e
		heap.Push(&s.h, e)
	default:
		// Space-saving: the new term replaces the least counted one and
		// inherits its count as error; its authors restart empty.
		s.sat = true
		e = s.h[0]
		delete(s.entries, e.term)
		t = strings.Clone(t)
		e.term, e.err, e.authors = t, e.count, e.authors[:0]
		e.count++
		s.entries[t] = e
		heap.Fix(&s.h, 0)
	}
	if hasAuthor && s.m > 0 {
		e.authors = addBottom(e.authors, ah, s.m)
	}
}

// addBottom inserts h into the sorted set hs, keeping the m smallest.
func addBottom(hs []uint64, h uint64, m int) []uint64 {
	i, found := slices.BinarySearch(hs, h)
	if found || (i == m && len(hs) >= m) {
		return hs
	}
	hs = slices.Insert(hs, i, h)
	if len(hs) > m {
		hs = hs[:m]
	}
	return hs
}

func (s *termSummary) minCount() int64 {
	if len(s.h) == 0 {
		return 0
	}
	return s.h[0].count
}

// countOf returns t's count (an upper bound), or, when t is not kept,
// the largest count it may have had (the minimum kept count once
// saturated, 0 otherwise).
func (s *termSummary) countOf(t string) int64 {
	if e := s.entries[t]; e != nil {
		return e.count
	}
	if s.sat {
		return s.minCount()
	}
	return 0
}

// merge adds o into s (Agarwal et al. 2012): counts and errors add; a
// term missing from a saturated side gets that side's minimum count as
// count and error; then only the cap largest (count desc, term asc) are
// kept.
func (s *termSummary) merge(o *termSummary) {
	if len(o.entries) == 0 && !o.sat {
		s.total += o.total
		return
	}
	sMin, oMin := int64(0), int64(0)
	if s.sat {
		sMin = s.minCount()
	}
	if o.sat {
		oMin = o.minCount()
	}
	for t, e := range s.entries {
		if o.entries[t] == nil {
			e.count += oMin
			e.err += oMin
		}
	}
	for t, oe := range o.entries {
		e := s.entries[t]
		if e == nil {
			e = &termEntry{term: t, count: sMin, err: sMin}
			s.entries[t] = e
		}
		e.count += oe.count
		e.err += oe.err
		for _, h := range oe.authors {
			e.authors = addBottom(e.authors, h, s.m)
		}
	}
	s.total += o.total
	s.sat = s.sat || o.sat
	s.rebuild()
}

// rebuild keeps the cap largest entries and rebuilds the heap.
func (s *termSummary) rebuild() {
	all := make([]*termEntry, 0, len(s.entries))
	for _, e := range s.entries {
		all = append(all, e)
	}
	if len(all) > s.cap {
		slices.SortFunc(all, func(a, b *termEntry) int {
			return cmp.Or(-cmp.Compare(a.count, b.count), strings.Compare(a.term, b.term))
		})
		for _, e := range all[s.cap:] {
			delete(s.entries, e.term)
		}
		all = all[:s.cap]
		s.sat = true
	}
	s.h = s.h[:0]
	for _, e := range all {
		s.h = append(s.h, e)
		e.idx = len(s.h) - 1
	}
	heap.Init(&s.h)
}

// appendTo encodes the summary: total, saturated, entries sorted by term
// (term, count, err, sorted author hashes when m > 0).
func (s *termSummary) appendTo(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(s.total))
	if s.sat {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	terms := make([]string, 0, len(s.entries))
	for t := range s.entries {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		e := s.entries[t]
		b = appendString(b, t)
		b = binary.AppendUvarint(b, uint64(e.count))
		b = binary.AppendUvarint(b, uint64(e.err))
		if s.m > 0 {
			b = binary.AppendUvarint(b, uint64(len(e.authors)))
			for _, h := range e.authors {
				b = binary.LittleEndian.AppendUint64(b, h)
			}
		}
	}
	return b
}

// termSummary decodes into s (made by newTermSummary with the right cap
// and m) a summary written by appendTo.
func (r *reader) termSummary(s *termSummary) {
	s.total = int64(r.uvarint("total"))
	sat := r.bytes(1, "saturated")
	n := r.uvarint("terms")
	if r.err != nil {
		return
	}
	if sat[0] > 1 || n > uint64(s.cap) || n > uint64(len(r.b))/3 || s.total < 0 {
		r.fail("terms")
		return
	}
	s.sat = sat[0] == 1
	prev := ""
	var sum int64
	for i := uint64(0); i < n && r.err == nil; i++ {
		e := &termEntry{term: r.str("term"), count: int64(r.uvarint("count")), err: int64(r.uvarint("error"))}
		if s.m > 0 {
			na := r.uvarint("term authors")
			if r.err == nil && (na > uint64(s.m) || na > uint64(len(r.b))/8) {
				r.fail("term authors")
			}
			for j := uint64(0); j < na && r.err == nil; j++ {
				h := r.u64("term author")
				if j > 0 && h <= e.authors[j-1] {
					r.fail("term authors not sorted")
				}
				e.authors = append(e.authors, h)
			}
		}
		if r.err != nil {
			return
		}
		if (i > 0 && e.term <= prev) || e.term == "" || e.count <= 0 || e.err < 0 || e.err >= e.count {
			r.fail("term")
			return
		}
		prev = e.term
		sum += e.count - e.err
		if sum < 0 || sum > s.total {
			r.fail("term counts exceed total")
			return
		}
		s.entries[e.term] = e
	}
	if r.err == nil {
		s.rebuild()
	}
}
