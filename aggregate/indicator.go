package aggregate

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo/geo"
)

// ErrIndicatorMismatch is returned by [Indicator.Merge] and
// [Indicator.Join] for indicators with different options or a value that
// is not an *Indicator.
var ErrIndicatorMismatch = errors.New("aggregate: indicator options differ")

// IndicatorOptions configures an [Indicator]. A nil value means defaults.
type IndicatorOptions struct {
	// Bucket is the period; 0 means Day (Europe/Amsterdam calendar days).
	Bucket Bucket
	// Profiles lists the profile IDs to report; nil means every profile
	// seen.
	Profiles []string
	// ExactAuthors and Precision configure the unique-author counts as in
	// [SeriesOptions]; 0 means 64 and 12.
	ExactAuthors int
	Precision    int
	// Gazetteer or Parents give the parent areas used for complementary
	// suppression, as in [SeriesOptions].
	Gazetteer *geo.Gazetteer
	Parents   func(geo.AreaID) []geo.AreaID
}

type indKey struct {
	area    geo.AreaID
	bucket  int64
	level   geo.Level
	role    geo.Role
	profile string // "" is the total
}

type indStats struct {
	posts   int64
	authors authorSet
}

// Indicator measures the share of all posts in an area and day that match
// a profile — the social-tension style indicator of CBS, which relates
// posts on a theme to all posts from or about an area rather than
// counting them, so that busy places do not look tense merely because
// they are busy. Per (area, level, role, day) it counts all posts and
// their unique authors, and per profile the matching posts and their
// unique authors.
//
// Results report the share p̂ = matched/total with a Wilson score 95 %
// interval (z = 1.96):
//
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
//
// which stays inside [0, 1] and behaves at p̂ = 0 or small n. It treats
// posts as independent trials; when a few authors post a lot the true
// uncertainty is larger, which the author counts let the reader judge.
//
// An Indicator is not safe for concurrent use: one per goroutine, then
// [Indicator.Merge]. The zero value is not usable; use [NewIndicator].
type Indicator struct {
	opts     IndicatorOptions
	cfg      seriesConfig
	profiles map[string]bool // nil: all
	cells    map[indKey]*indStats
	rows     map[rowKey]*indRow // Add's index into cells by area row
	cache    Series             // bucket cache only
	profBuf  []string
}

// indRow lists the cells of one area, level, role and bucket: the total
// and the profiles seen, pointing into Indicator.cells.
type indRow struct {
	total *indStats
	profs []indProf
}

type indProf struct {
	profile string
	st      *indStats
}

// NewIndicator returns an empty indicator, or an error for invalid
// options (as [NewSeries]).
func NewIndicator(opts *IndicatorOptions) (*Indicator, error) {
	var so *SeriesOptions
	var o IndicatorOptions
	if opts != nil {
		o = *opts
		o.Profiles = slices.Clone(opts.Profiles)
		so = &SeriesOptions{Bucket: o.Bucket, ExactAuthors: o.ExactAuthors, Precision: o.Precision}
	}
	cfg, err := so.config()
	if err != nil {
		return nil, err
	}
	slices.Sort(o.Profiles)
	o.Profiles = slices.Compact(o.Profiles)
	in := &Indicator{opts: o, cfg: cfg}
	in.init()
	return in, nil
}

func (in *Indicator) init() {
	in.cells = map[indKey]*indStats{}
	in.rows = map[rowKey]*indRow{}
	in.cache = Series{cfg: in.cfg, lo: 1}
	in.profiles = nil
	if in.opts.Profiles != nil {
		in.profiles = map[string]bool{}
		for _, p := range in.opts.Profiles {
			in.profiles[p] = true
		}
	}
}

func (in *Indicator) cell(k indKey) *indStats {
	st := in.cells[k]
	if st == nil {
		st = &indStats{}
		in.cells[k] = st
	}
	return st
}

func (in *Indicator) add(st *indStats, ah uint64, hasAuthor bool) {
	st.posts++
	if hasAuthor {
		st.authors.add(ah, classUnknown, 1, in.cfg.exact, in.cfg.p)
	}
}

// Add counts o as a post of every area it has (each area, level and role
// once) and, for each distinct reported profile it matched, as a
// matching post. Observations without areas are ignored.
func (in *Indicator) Add(o Observation) {
	if len(o.Areas) == 0 {
		return
	}
	b := in.cache.bucketOf(o.Time)
	var ah uint64
	if o.Author != "" {
		ah = hash64(o.Author)
	}
	in.profBuf = in.profBuf[:0]
	for _, p := range o.Profiles {
		if p.ID == "" || (in.profiles != nil && !in.profiles[p.ID]) || slices.Contains(in.profBuf, p.ID) {
			continue
		}
		in.profBuf = append(in.profBuf, p.ID)
	}
	for i, a := range o.Areas {
		if dup(o.Areas[:i], a) {
			continue
		}
		rk := rowKey{a.Area, b, a.Level, a.Role}
		row := in.rows[rk]
		if row == nil {
			row = &indRow{total: in.cell(indKey{a.Area, b, a.Level, a.Role, ""})}
			in.rows[rk] = row
		}
		in.add(row.total, ah, o.Author != "")
	profiles:
		for _, p := range in.profBuf {
			for _, pc := range row.profs {
				if pc.profile == p {
					in.add(pc.st, ah, o.Author != "")
					continue profiles
				}
			}
			st := in.cell(indKey{a.Area, b, a.Level, a.Role, p})
			row.profs = append(row.profs, indProf{p, st})
			in.add(st, ah, o.Author != "")
		}
	}
}

func (o *IndicatorOptions) equal(p *IndicatorOptions) bool {
	return slices.Equal(o.Profiles, p.Profiles) && (o.Profiles == nil) == (p.Profiles == nil)
}

// Merge adds other's counts into in. It returns an error wrapping
// [ErrIndicatorMismatch] when bucket, author options or Profiles differ.
// Merge is exact, commutative and associative.
func (in *Indicator) Merge(other *Indicator) error {
	if in.cfg != other.cfg || !in.opts.equal(&other.opts) {
		return ErrIndicatorMismatch
	}
	if other == in {
		c := &Indicator{}
		b, _ := in.MarshalBinary()
		if err := c.UnmarshalBinary(b); err != nil {
			return err
		}
		other = c
	}
	for k, o := range other.cells {
		st := in.cells[k]
		if st == nil {
			st = &indStats{}
			in.cells[k] = st
		}
		st.posts += o.posts
		st.authors.merge(&o.authors, in.cfg.exact, in.cfg.p)
	}
	return nil
}

// Fork returns a new, empty *Indicator with in's options.
func (in *Indicator) Fork() Aggregator {
	c := &Indicator{opts: in.opts, cfg: in.cfg}
	c.init()
	return c
}

// Join merges a (an *Indicator) into in; see [Indicator.Merge].
func (in *Indicator) Join(a Aggregator) error { return join(a, in.Merge, ErrIndicatorMismatch) }

// IndicatorCell is one result row of an [Indicator]: one profile in one
// area, level, role and period.
type IndicatorCell struct {
	Area    geo.AreaID
	Level   geo.Level
	Role    geo.Role
	Profile string
	// Start and End bound the period [Start, End), UTC.
	Start, End time.Time
	// Matched and Total count the matching posts and all posts;
	// MatchedAuthors and TotalAuthors their unique authors (HLL
	// estimates beyond ExactAuthors).
	Matched, Total               int64
	MatchedAuthors, TotalAuthors int64
	// Share is Matched/Total; Low and High bound its Wilson 95 %
	// interval. NaN when suppressed or Total is 0.
	Share, Low, High float64
	Disclosure
}

// WilsonZ95 is the normal quantile of the 95 % Wilson interval.
const WilsonZ95 = 1.959963984540054

// Wilson returns the Wilson score interval for k successes in n trials
// at normal quantile z (use [WilsonZ95]); NaNs when n ≤ 0.
func Wilson(k, n int64, z float64) (low, high float64) {
	if n <= 0 {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	d := 1 + z2/nf
	c := (p + z2/(2*nf)) / d
	h := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / d
	return math.Max(0, c-h), math.Min(1, c+h)
}

func (in *Indicator) sortedKeys() []indKey {
	keys := make([]indKey, 0, len(in.cells))
	for k := range in.cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpIndKey)
	return keys
}

func cmpIndKey(a, b indKey) int {
	return cmp.Or(cmp.Compare(a.bucket, b.bucket), cmp.Compare(a.level, b.level), cmp.Compare(a.role, b.role),
		strings.Compare(a.profile, b.profile), strings.Compare(string(a.area), string(b.area)))
}

// Results releases the indicator under policy (nil: [DefaultPolicy]) and
// yields one [IndicatorCell] per profile, area, level, role and period
// in which the profile matched, ordered by period, level, role, profile
// and area. The release happens when Results is called; the sequence
// may be iterated repeatedly.
//
// Disclosure control: a row is suppressed when the area has fewer than K
// unique authors in the period, or when fewer than K (but more than 0)
// unique authors matched; then complementary suppression runs over the
// rows of each profile that add up to a total (all areas of a level, or
// the children of a parent area), as for [Series.Results]. With noise,
// q = 2 counts are noised — Matched and Total, contribution-bounded to
// MaxContrib posts per author (sensitivity MaxContrib) — Share and its
// interval are computed from them (matched clamped to total), and the
// author counts are withheld (0).
func (in *Indicator) Results(policy *Policy) iter.Seq[IndicatorCell] {
	rows := in.release(policy)
	return func(yield func(IndicatorCell) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

func (in *Indicator) parents(a geo.AreaID) []geo.AreaID {
	if in.opts.Parents != nil {
		return in.opts.Parents(a)
	}
	if in.opts.Gazetteer != nil {
		if ar, ok := in.opts.Gazetteer.Area(a); ok {
			return ar.Parents
		}
	}
	return nil
}

func (in *Indicator) release(policy *Policy) []IndicatorCell {
	valid := policy.Validate() == nil
	k := int64(policy.MinAuthors())
	c := policy.Contrib()
	var rows []IndicatorCell
	var keys []indKey
	for _, key := range in.sortedKeys() {
		if key.profile != "" {
			keys = append(keys, key)
		}
	}
	rows = make([]IndicatorCell, len(keys))
	sizes := make([]int64, len(keys))
	supp := make([]bool, len(keys))
	groups := make([]cellGroup, len(keys))
	type counts struct{ posts, authors, bounded int64 }
	mc := make([]counts, len(keys))
	tc := make([]counts, len(keys))
	for i, key := range keys {
		m := in.cells[key]
		tk := key
		tk.profile = ""
		t := in.cells[tk]
		if t == nil { // only possible for hand-made encodings; treat as empty
			t = &indStats{}
		}
		ma, _, _, mb, _ := m.authors.counts(c, m.posts)
		ta, _, _, tb, _ := t.authors.counts(c, t.posts)
		mc[i], tc[i] = counts{m.posts, ma, mb}, counts{t.posts, ta, tb}
		r := &rows[i]
		r.Area, r.Level, r.Role, r.Profile = key.area, key.level, key.role, key.profile
		r.Start, r.End = in.cfg.bounds(key.bucket)
		r.Disclosure = policy.check(ta, valid)
		if !r.Suppressed && ma > 0 && ma < k {
			r.Disclosure = Disclosure{Suppressed: true, Reason: ReasonFewAuthors}
		}
		sizes[i] = ma
		if ma == 0 {
			sizes[i] = ta
		}
		supp[i] = r.Suppressed
		groups[i] = cellGroup{bucket: key.bucket, level: key.level, role: key.role, profile: key.profile}
	}
	complementGroups(len(rows), sizes, supp, int(k), func(i int, emit func(string)) {
		emit("")
		for _, p := range in.parents(rows[i].Area) {
			emit(string(p))
		}
	}, groups, func(i int) {
		rows[i].Disclosure = Disclosure{Suppressed: true, Reason: ReasonComplementary}
	})
	for i := range rows {
		r := &rows[i]
		r.Share, r.Low, r.High = math.NaN(), math.NaN(), math.NaN()
		if r.Suppressed {
			continue
		}
		if r.Noised {
			r.Total = policy.NoisyCount(tc[i].bounded, float64(c), 2)
			r.Matched = min(policy.NoisyCount(mc[i].bounded, float64(c), 2), r.Total)
		} else {
			r.Matched, r.Total = mc[i].posts, tc[i].posts
			r.MatchedAuthors, r.TotalAuthors = mc[i].authors, tc[i].authors
		}
		if r.Total > 0 {
			r.Share = float64(r.Matched) / float64(r.Total)
			r.Low, r.High = Wilson(r.Matched, r.Total, WilsonZ95)
		}
	}
	return rows
}

const indMagic = "SGind"

// indVersion is the version of the binary format of [Indicator].
const indVersion = 1

// MarshalBinary encodes the indicator exactly (version 1): magic "SGind",
// version, bucket, ExactAuthors, precision, the Profiles filter (a
// presence byte and the sorted list), then the cells sorted by (bucket,
// level, role, profile, area), each with its post count and author set
// (as in [Series.MarshalBinary]). Equal indicators give equal bytes.
func (in *Indicator) MarshalBinary() ([]byte, error) {
	b := append([]byte(indMagic), indVersion, byte(in.cfg.bucket))
	b = binary.AppendUvarint(b, uint64(in.cfg.exact))
	b = append(b, in.cfg.p)
	if in.opts.Profiles == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendStrings(b, in.opts.Profiles)
	}
	keys := in.sortedKeys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		st := in.cells[k]
		b = appendString(b, string(k.area))
		b = append(b, byte(k.level), byte(k.role))
		b = appendString(b, k.profile)
		b = binary.AppendVarint(b, k.bucket)
		b = binary.AppendUvarint(b, uint64(st.posts))
		b = st.authors.appendTo(b)
	}
	return b, nil
}

// UnmarshalBinary decodes the output of [Indicator.MarshalBinary],
// replacing in's state and serialised options (Gazetteer and Parents are
// kept). Malformed input gives an error wrapping [ErrBadEncoding]; in is
// then unchanged.
func (in *Indicator) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if string(r.bytes(uint64(len(indMagic)), "magic")) != indMagic {
		return fmt.Errorf("%w: not an indicator", ErrBadEncoding)
	}
	hd := r.bytes(2, "header")
	exact := r.uvarint("exact authors")
	pb := r.bytes(1, "precision")
	hasProf := r.bytes(1, "profiles")
	if r.err != nil {
		return r.err
	}
	if hd[0] != indVersion {
		return fmt.Errorf("%w: indicator version %d", ErrBadEncoding, hd[0])
	}
	cfg := seriesConfig{bucket: Bucket(hd[1]), exact: int(exact), p: pb[0]}
	if cfg.bucket < Minute || cfg.bucket > Week || exact == 0 || exact > 4096 || cfg.p < MinHLLPrecision || cfg.p > MaxHLLPrecision || hasProf[0] > 1 {
		return fmt.Errorf("%w: bad indicator header", ErrBadEncoding)
	}
	o := IndicatorOptions{Bucket: cfg.bucket, ExactAuthors: cfg.exact, Precision: int(cfg.p), Gazetteer: in.opts.Gazetteer, Parents: in.opts.Parents}
	if hasProf[0] == 1 {
		o.Profiles = r.strs("profiles")
		if o.Profiles == nil {
			o.Profiles = []string{}
		}
		for i := 1; i < len(o.Profiles) && r.err == nil; i++ {
			if o.Profiles[i-1] >= o.Profiles[i] {
				r.fail("profiles not sorted")
			}
		}
	}
	n := r.uvarint("cells")
	if r.err == nil && n > uint64(len(r.b))/8 {
		r.fail("cells")
	}
	t := &Indicator{opts: o, cfg: cfg}
	t.init()
	for i := uint64(0); i < n && r.err == nil; i++ {
		var k indKey
		k.area = geo.AreaID(r.str("area"))
		lr := r.bytes(2, "level and role")
		k.profile = r.str("profile")
		k.bucket = r.varint("bucket")
		st := &indStats{posts: int64(r.uvarint("posts"))}
		if r.err != nil {
			break
		}
		k.level, k.role = geo.Level(lr[0]), geo.Role(lr[1])
		if k.bucket < -1<<46 || k.bucket >= 1<<46 || st.posts < 0 {
			r.fail("cell")
			break
		}
		if _, dup := t.cells[k]; dup {
			r.fail("duplicate cell")
			break
		}
		st.authors = r.authorSet(cfg.exact, cfg.p)
		t.cells[k] = st
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*in = *t
	return nil
}
