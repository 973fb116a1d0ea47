package aggregate

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo/geo"
)

// Change is an estimated change between two windows with a confidence
// interval [Low, High] at confidence Level (e.g. 0.95). Fields are NaN
// when the change is not defined (too little data).
type Change struct {
	Estimate, Low, High float64
	Level               float64
}

// Significant reports whether the interval excludes null (1 for a ratio,
// 0 for a difference).
func (c Change) Significant(null float64) bool { return c.Low > null || c.High < null }

func nanChange(level float64) Change {
	return Change{math.NaN(), math.NaN(), math.NaN(), level}
}

// trendZ returns the two-sided standard normal quantile for level.
func trendZ(level float64) float64 { return math.Sqrt2 * math.Erfinv(level) }

func trendLevel(level float64) float64 {
	if !(level > 0 && level < 1) {
		return 0.95
	}
	return level
}

// RateRatio compares event counts between two windows of given exposure
// (e.g. hours): Estimate is (after/exposureAfter)/(before/exposureBefore)
// and the interval is the Wald interval of the Poisson log rate ratio,
//
//	exp(log RR ± z·√(1/before + 1/after)),
//
// conditional-on-total arguments aside, the standard large-sample interval
// (Rothman & Greenland, Modern Epidemiology, ch. 14). When a count is zero
// 0.5 is added to both counts (Haldane–Anscombe). level ≤ 0 or ≥ 1 means
// 0.95. Exposures must be positive, otherwise the result is NaN.
func RateRatio(before, exposureBefore, after, exposureAfter, level float64) Change {
	level = trendLevel(level)
	if !(exposureBefore > 0) || !(exposureAfter > 0) || !(before >= 0) || !(after >= 0) ||
		math.IsInf(before+after+exposureBefore+exposureAfter, 0) || before+after == 0 {
		return nanChange(level)
	}
	if before == 0 || after == 0 {
		before, after = before+0.5, after+0.5
	}
	lr := math.Log(after/exposureAfter) - math.Log(before/exposureBefore)
	se := math.Sqrt(1/before + 1/after)
	z := trendZ(level)
	return Change{math.Exp(lr), math.Exp(lr - z*se), math.Exp(lr + z*se), level}
}

// MeanDifference compares two means given their sufficient statistics
// (count n, mean, and M2 = Σ(x − mean)², as kept by Welford's algorithm):
// Estimate is meanAfter − meanBefore and the interval is Welch's,
//
//	d ± t(ν)·√(s²₁/n₁ + s²₂/n₂),  s² = M2/(n − 1),
//	ν = (s²₁/n₁ + s²₂/n₂)² / ((s²₁/n₁)²/(n₁−1) + (s²₂/n₂)²/(n₂−1))
//
// (Welch 1947), with t the Student t quantile. Each window needs n ≥ 2;
// otherwise the result is NaN. With zero variance in both windows the
// interval is the point.
func MeanDifference(nBefore int64, meanBefore, m2Before float64, nAfter int64, meanAfter, m2After, level float64) Change {
	level = trendLevel(level)
	if nBefore < 2 || nAfter < 2 || math.IsNaN(meanBefore+meanAfter+m2Before+m2After) || math.IsInf(meanBefore+meanAfter+m2Before+m2After, 0) {
		return nanChange(level)
	}
	n1, n2 := float64(nBefore), float64(nAfter)
	v1, v2 := max(m2Before, 0)/(n1-1)/n1, max(m2After, 0)/(n2-1)/n2
	d := meanAfter - meanBefore
	se2 := v1 + v2
	if se2 == 0 {
		return Change{d, d, d, level}
	}
	df := se2 * se2 / (v1*v1/(n1-1) + v2*v2/(n2-1))
	h := tQuantile((1+level)/2, df) * math.Sqrt(se2)
	return Change{d, d - h, d + h, level}
}

// ProportionDifference compares two proportions (xBefore of nBefore,
// xAfter of nAfter): Estimate is pAfter − pBefore and the interval is
// Newcombe's hybrid score interval (Newcombe 1998, method 10), built from
// the two Wilson score intervals [l, u]:
//
//	L = d − √((p₂ − l₂)² + (u₁ − p₁)²),  U = d + √((u₂ − p₂)² + (p₁ − l₁)²)
//
// It behaves well for small counts and proportions near 0 or 1, where the
// Wald interval fails. Each n must be positive and 0 ≤ x ≤ n; otherwise
// the result is NaN.
//
// Newcombe, R. G. (1998). Interval estimation for the difference between
// independent proportions: comparison of eleven methods. Statistics in
// Medicine 17, 873–890.
func ProportionDifference(xBefore, nBefore, xAfter, nAfter int64, level float64) Change {
	level = trendLevel(level)
	if nBefore <= 0 || nAfter <= 0 || xBefore < 0 || xAfter < 0 || xBefore > nBefore || xAfter > nAfter {
		return nanChange(level)
	}
	z := trendZ(level)
	p1, l1, u1 := trendWilson(xBefore, nBefore, z)
	p2, l2, u2 := trendWilson(xAfter, nAfter, z)
	d := p2 - p1
	return Change{d, d - math.Hypot(p2-l2, u1-p1), d + math.Hypot(u2-p2, p1-l1), level}
}

// trendWilson returns p = x/n and the Wilson score interval.
func trendWilson(x, n int64, z float64) (p, lo, hi float64) {
	nf := float64(n)
	p = float64(x) / nf
	z2 := z * z
	c := (p + z2/(2*nf)) / (1 + z2/nf)
	h := z / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return p, max(c-h, 0), min(c+h, 1)
}

// tQuantile returns the p-quantile (p ≥ 0.5) of Student's t with df
// degrees of freedom, by bisection on the CDF (|error| < 1e-10).
func tQuantile(p, df float64) float64 {
	if df > 1e7 || math.IsInf(df, 1) {
		return math.Sqrt2 * math.Erfinv(2*p-1)
	}
	lo, hi := 0.0, 1.0
	for tCDF(hi, df) < p && hi < 1e12 {
		lo, hi = hi, hi*2
	}
	for i := 0; i < 200 && hi-lo > 1e-10*max(1, hi); i++ {
		mid := (lo + hi) / 2
		if tCDF(mid, df) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// tCDF is the Student t CDF at t ≥ 0: 1 − I_{ν/(ν+t²)}(ν/2, 1/2)/2.
func tCDF(t, df float64) float64 {
	return 1 - 0.5*betaInc(df/2, 0.5, df/(df+t*t))
}

// betaInc is the regularised incomplete beta function I_x(a, b)
// (continued fraction, Numerical Recipes §6.4).
func betaInc(a, b, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

func betaCF(a, b, x float64) float64 {
	const tiny = 1e-300
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		aa := fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 3e-16 {
			break
		}
	}
	return h
}

// ErrTrendMismatch is returned by [Trend.Merge] and [Trend.Join] when the
// two aggregators were built with different options.
var ErrTrendMismatch = errors.New("aggregate: trend options differ")

// ErrTrendWindows is returned by [NewTrend] for empty or invalid windows.
var ErrTrendWindows = errors.New("aggregate: invalid trend windows")

// TrendOptions configures a [Trend]: the two windows to compare, and
// what to count. Windows are half-open, [Start, End), and may be of
// different lengths (volumes are compared as rates per hour).
type TrendOptions struct {
	BeforeStart, BeforeEnd time.Time
	AfterStart, AfterEnd   time.Time
	// Level restricts areas to one level; 0 means every level.
	Level geo.Level
	// Roles are the area roles counted; nil means geo.RoleFrom and
	// geo.RoleAbout. A post from and about the same area counts once.
	Roles []geo.Role
	// Profiles lists the profile IDs tracked in addition to all posts
	// (profile ""); nil means every matched profile.
	Profiles []string
	// MaxAuthors bounds the author hashes kept per area, profile and
	// window; 0 means [DefaultMaxAuthors].
	MaxAuthors int
	// Confidence is the confidence level of the intervals; 0 means 0.95.
	Confidence float64
}

func (o *TrendOptions) norm() TrendOptions {
	n := *o
	n.Roles = slices.Clone(o.Roles)
	n.Profiles = slices.Clone(o.Profiles)
	for _, t := range []*time.Time{&n.BeforeStart, &n.BeforeEnd, &n.AfterStart, &n.AfterEnd} {
		*t = time.Unix(0, t.UnixNano()).UTC()
	}
	if len(n.Roles) == 0 {
		n.Roles = []geo.Role{geo.RoleFrom, geo.RoleAbout}
	}
	slices.Sort(n.Roles)
	n.Roles = slices.Compact(n.Roles)
	if n.Profiles != nil {
		slices.Sort(n.Profiles)
		n.Profiles = slices.Compact(n.Profiles)
	}
	if n.MaxAuthors <= 0 {
		n.MaxAuthors = DefaultMaxAuthors
	}
	n.Confidence = trendLevel(n.Confidence)
	return n
}

func (o *TrendOptions) equal(p *TrendOptions) bool {
	return o.BeforeStart.Equal(p.BeforeStart) && o.BeforeEnd.Equal(p.BeforeEnd) && o.AfterStart.Equal(p.AfterStart) &&
		o.AfterEnd.Equal(p.AfterEnd) && o.Level == p.Level && slices.Equal(o.Roles, p.Roles) &&
		(o.Profiles == nil) == (p.Profiles == nil) && slices.Equal(o.Profiles, p.Profiles) &&
		o.MaxAuthors == p.MaxAuthors && o.Confidence == p.Confidence
}

func (o *TrendOptions) validate() error {
	if !o.BeforeStart.Before(o.BeforeEnd) || !o.AfterStart.Before(o.AfterEnd) {
		return fmt.Errorf("%w: each window needs Start < End", ErrTrendWindows)
	}
	if o.AfterStart.Before(o.BeforeEnd) && o.BeforeStart.Before(o.AfterEnd) {
		return fmt.Errorf("%w: windows overlap", ErrTrendWindows)
	}
	return nil
}

type trendKey struct {
	level   geo.Level
	area    geo.AreaID
	profile string
	after   bool
}

func cmpTrendKey(a, b trendKey) int {
	return cmp.Or(cmp.Compare(a.level, b.level), strings.Compare(string(a.area), string(b.area)),
		strings.Compare(a.profile, b.profile), trendBool(a.after)-trendBool(b.after))
}

func trendBool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trendScale is the fixed-point scale of polarities: q = round(x·2²⁰).
const trendScale = 1 << 20

type trendCell struct {
	posts   int64
	authors kmvSet
	scored  int64
	sum     int64     // Σq
	sq      [2]uint64 // Σq² as a 128-bit integer (hi, lo)
}

// Trend collects, for two time windows (before and after), per area and
// profile, the sufficient statistics of a before/after comparison: posts
// and unique authors (volume), the sentiment of scored posts (count, Σ,
// Σ² of the polarity) and, with profile "", the area's total posts (the
// denominator of the indicator share). Results compares them with
// [RateRatio], [MeanDifference] and [ProportionDifference]: has the
// volume changed, has sentiment changed, has the share of posts matching
// a profile changed ("has this neighbourhood become safer in residents'
// eyes?").
//
// Polarities are clamped to [−1, 1] and kept in fixed point with 2⁻²⁰
// resolution (integer sums), so merging is exact, commutative and
// associative, and the mean and M2 are computed exactly from the integer
// sums (Welford/Chan give the same values up to rounding).
//
// Memory: about 150 bytes per area, profile and window, plus 16 bytes per
// distinct author (at most MaxAuthors).
//
// A Trend is not safe for concurrent use: one per goroutine, then
// [Trend.Merge]. The zero value is not usable; use [NewTrend].
type Trend struct {
	opts    TrendOptions
	roles   [8]bool
	profile map[string]bool
	cells   map[trendKey]*trendCell
}

// NewTrend returns an empty trend aggregator. opts is required (it holds
// the windows); it returns an error wrapping [ErrTrendWindows] when a
// window is empty or the windows overlap.
func NewTrend(opts *TrendOptions) (*Trend, error) {
	if opts == nil {
		return nil, fmt.Errorf("%w: no windows", ErrTrendWindows)
	}
	n := opts.norm()
	if err := n.validate(); err != nil {
		return nil, err
	}
	t := &Trend{opts: n, cells: map[trendKey]*trendCell{}}
	t.index()
	return t, nil
}

func (t *Trend) index() {
	t.roles = roleSet(t.opts.Roles)
	t.profile = profileSet(t.opts.Profiles)
}

// Add counts o when its time falls in one of the windows, for each of its
// areas (of the configured roles and level), once for all posts and once
// per tracked matched profile.
func (t *Trend) Add(o Observation) {
	var after bool
	switch {
	case !o.Time.Before(t.opts.BeforeStart) && o.Time.Before(t.opts.BeforeEnd):
	case !o.Time.Before(t.opts.AfterStart) && o.Time.Before(t.opts.AfterEnd):
		after = true
	default:
		return
	}
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	var q int64
	scored := o.Label != 0 && !math.IsNaN(o.Polarity)
	if scored {
		q = int64(math.Round(max(-1, min(1, o.Polarity)) * trendScale))
	}
	for i, a := range o.Areas {
		if int(a.Role) >= len(t.roles) || !t.roles[a.Role] || (t.opts.Level != 0 && a.Level != t.opts.Level) ||
			odSeenBefore(o.Areas[:i], a, &t.roles) {
			continue
		}
		k := trendKey{a.Level, a.Area, "", after}
		t.add(k, o.Author != "", ah, scored, q)
		for j, pm := range o.Profiles {
			if pm.ID == "" || (t.profile != nil && !t.profile[pm.ID]) || odProfileSeen(o.Profiles[:j], pm.ID) {
				continue
			}
			k.profile = pm.ID
			t.add(k, o.Author != "", ah, scored, q)
		}
	}
}

func (t *Trend) add(k trendKey, hasAuthor bool, ah uint64, scored bool, q int64) {
	c := t.cells[k]
	if c == nil {
		c = &trendCell{}
		t.cells[k] = c
	}
	c.posts++
	if hasAuthor {
		c.authors.add(ah, t.opts.MaxAuthors)
	}
	if scored {
		c.scored++
		c.sum += q
		c.sq = add128(c.sq, uint64(q*q))
	}
}

func add128(a [2]uint64, lo uint64) [2]uint64 {
	var carry uint64
	a[1], carry = bits.Add64(a[1], lo, 0)
	a[0] += carry
	return a
}

func add128x(a, b [2]uint64) [2]uint64 {
	var carry uint64
	a[1], carry = bits.Add64(a[1], b[1], 0)
	a[0] += b[0] + carry
	return a
}

// Merge adds other's statistics into t. It returns an error wrapping
// [ErrTrendMismatch] when the options differ (t is then unchanged). Merge
// is exact, commutative and associative.
func (t *Trend) Merge(other *Trend) error {
	if !t.opts.equal(&other.opts) {
		return ErrTrendMismatch
	}
	for k, o := range other.cells {
		c := t.cells[k]
		if c == nil {
			c = &trendCell{}
			t.cells[k] = c
		}
		c.posts += o.posts
		c.authors.merge(&o.authors, t.opts.MaxAuthors)
		c.scored += o.scored
		c.sum += o.sum
		c.sq = add128x(c.sq, o.sq)
	}
	return nil
}

// Fork returns a new, empty Trend with t's options (see [Parallel]).
func (t *Trend) Fork() Aggregator {
	n, _ := NewTrend(&t.opts) // t's options are valid
	return n
}

// Join merges a, which must be a *Trend with the same options, into t.
func (t *Trend) Join(a Aggregator) error { return join(a, t.Merge, ErrTrendMismatch) }

// TrendWindow holds the statistics of one window of a [TrendResult].
type TrendWindow struct {
	// Posts and Authors (unique) in the window.
	Posts, Authors int64
	// Scored posts, their mean polarity and M2 = Σ(x − mean)² (NaN when
	// Scored is 0, or when the policy adds noise: sentiment is withheld
	// from noised releases).
	Scored   int64
	Mean, M2 float64
	// AreaPosts is the area's total posts in the window (profile ""), the
	// denominator of the share; equal to Posts for profile "".
	AreaPosts int64
}

// TrendResult compares the two windows for one area and profile.
type TrendResult struct {
	Level   geo.Level
	Area    geo.AreaID
	Profile string // "" for all posts
	// Before and After are the two windows' statistics.
	Before, After TrendWindow
	// Volume is the rate ratio of posts per hour, after/before
	// ([RateRatio]); 1 means no change.
	Volume Change
	// Sentiment is the difference of mean polarity, after − before
	// ([MeanDifference]); NaN under noise.
	Sentiment Change
	// Share is the difference of the share of the area's posts matching
	// Profile, after − before ([ProportionDifference]); NaN for profile "".
	Share Change
	// Disclosure: suppressed when either window has fewer than K unique
	// authors (everything is then zero or NaN); with noise Posts, Authors,
	// Scored and AreaPosts of both windows are noised (q = 8) and the
	// intervals are computed from the noised counts.
	Disclosure
}

// Results yields one [TrendResult] per level, area and profile (in that
// order) seen in either window, with disclosure control under p (nil
// means K = 10). The sequence is single-use and must not run while t is
// modified.
func (t *Trend) Results(p *Policy) iter.Seq[TrendResult] {
	valid := p.Validate() == nil
	var keys []trendKey
	for k := range t.cells {
		k.after = false
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpTrendKey)
	keys = slices.Compact(keys)
	hb := t.opts.BeforeEnd.Sub(t.opts.BeforeStart).Hours()
	ha := t.opts.AfterEnd.Sub(t.opts.AfterStart).Hours()
	level := t.opts.Confidence
	return func(yield func(TrendResult) bool) {
		for _, k := range keys {
			r := TrendResult{Level: k.level, Area: k.area, Profile: k.profile,
				Volume: nanChange(level), Sentiment: nanChange(level), Share: nanChange(level)}
			nan := TrendWindow{Mean: math.NaN(), M2: math.NaN()}
			r.Before, r.After = nan, nan
			k.after = false
			cb, cbArea := t.cells[k], t.cells[trendKey{k.level, k.area, "", false}]
			k.after = true
			ca, caArea := t.cells[k], t.cells[trendKey{k.level, k.area, "", true}]
			nb, na := trendAuthors(cb), trendAuthors(ca)
			if r.Disclosure = p.check(min(nb, na), valid); !r.Suppressed {
				r.Before = t.window(cb, cbArea, nb, p)
				r.After = t.window(ca, caArea, na, p)
				r.Volume = RateRatio(float64(r.Before.Posts), hb, float64(r.After.Posts), ha, level)
				r.Sentiment = MeanDifference(r.Before.Scored, r.Before.Mean, r.Before.M2, r.After.Scored, r.After.Mean, r.After.M2, level)
				if k.profile != "" {
					r.Share = ProportionDifference(min(r.Before.Posts, r.Before.AreaPosts), r.Before.AreaPosts,
						min(r.After.Posts, r.After.AreaPosts), r.After.AreaPosts, level)
				}
			}
			if !yield(r) {
				return
			}
		}
	}
}

func trendAuthors(c *trendCell) int64 {
	if c == nil {
		return 0
	}
	return c.authors.count()
}

func (t *Trend) window(c, area *trendCell, authors int64, p *Policy) TrendWindow {
	w := TrendWindow{Mean: math.NaN(), M2: math.NaN()}
	if c == nil {
		return w
	}
	w.Posts, w.Authors, w.Scored, w.AreaPosts = c.posts, authors, c.scored, area.posts
	if p.Noising() {
		w.Posts = odNoisyPosts(p, c.posts, authors, 8)
		w.Authors = p.NoisyCount(authors, 1, 8)
		w.Scored = odNoisyPosts(p, c.scored, authors, 8)
		w.AreaPosts = max(w.Posts, p.NoisyCount(area.posts, float64(p.Contrib()), 8))
		return w
	}
	if c.scored > 0 {
		w.Mean, w.M2 = trendMoments(c)
	}
	return w
}

// trendMoments computes the mean and M2 = Σq² − (Σq)²/n exactly from the
// integer sums, then scales them back.
func trendMoments(c *trendCell) (mean, m2 float64) {
	n := big.NewInt(c.scored)
	sum := big.NewInt(c.sum)
	sq := new(big.Int).Lsh(new(big.Int).SetUint64(c.sq[0]), 64)
	sq.Add(sq, new(big.Int).SetUint64(c.sq[1]))
	// n·M2·scale² = n·Σq² − (Σq)²
	num := new(big.Int).Mul(n, sq)
	num.Sub(num, new(big.Int).Mul(sum, sum))
	nf, _ := new(big.Float).SetInt(n).Float64()
	numf, _ := new(big.Float).SetInt(num).Float64()
	return float64(c.sum) / nf / trendScale, max(numf, 0) / nf / (trendScale * trendScale)
}

const trendMagic = "SGtrend"

// trendVersion is the version of the binary format of [Trend].
const trendVersion = 1

// MarshalBinary encodes the aggregator exactly (version 1): magic
// "SGtrend", version, the normalised options, then the cells sorted by
// (level, area, profile, window) with their author hashes and integer
// sentiment sums. Equal aggregators give equal bytes.
func (t *Trend) MarshalBinary() ([]byte, error) {
	o := &t.opts
	b := append([]byte(trendMagic), trendVersion)
	for _, tm := range []time.Time{o.BeforeStart, o.BeforeEnd, o.AfterStart, o.AfterEnd} {
		b = binary.AppendVarint(b, tm.UnixNano())
	}
	b = append(b, byte(o.Level))
	b = appendRoles(b, o.Roles)
	b = appendOptStrings(b, o.Profiles)
	b = binary.AppendUvarint(b, uint64(o.MaxAuthors))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.Confidence))
	keys := make([]trendKey, 0, len(t.cells))
	for k := range t.cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpTrendKey)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		c := t.cells[k]
		b = append(b, byte(k.level), byte(trendBool(k.after)))
		b = appendString(b, string(k.area))
		b = appendString(b, k.profile)
		b = binary.AppendUvarint(b, uint64(c.posts))
		b = c.authors.appendTo(b)
		b = binary.AppendUvarint(b, uint64(c.scored))
		b = binary.AppendVarint(b, c.sum)
		b = binary.LittleEndian.AppendUint64(b, c.sq[0])
		b = binary.LittleEndian.AppendUint64(b, c.sq[1])
	}
	return b, nil
}

// UnmarshalBinary decodes the output of [Trend.MarshalBinary], replacing
// t's contents and options. Malformed input gives an error wrapping
// [ErrBadEncoding] (never a panic); t is then unchanged.
func (t *Trend) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if err := r.header(trendMagic, trendVersion, "a trend aggregator"); err != nil {
		return err
	}
	var o TrendOptions
	for _, tm := range []*time.Time{&o.BeforeStart, &o.BeforeEnd, &o.AfterStart, &o.AfterEnd} {
		*tm = time.Unix(0, r.varint("window")).UTC()
	}
	if lv := r.bytes(1, "level"); r.err == nil {
		o.Level = geo.Level(lv[0])
	}
	o.Roles = r.roles()
	o.Profiles = r.optStrs("profiles")
	o.MaxAuthors = int(r.uvarint("max authors"))
	o.Confidence = math.Float64frombits(r.u64("confidence"))
	if r.err != nil {
		return r.err
	}
	if n := o.norm(); !n.equal(&o) || o.MaxAuthors > 1<<31 || o.validate() != nil {
		return fmt.Errorf("%w: options not normalised", ErrBadEncoding)
	}
	n := r.uvarint("cells")
	if r.err == nil && n > uint64(len(r.b)) {
		r.fail("cells")
	}
	cells := make(map[trendKey]*trendCell, min(n, 1<<16))
	var prev *trendKey
	for i := uint64(0); i < n && r.err == nil; i++ {
		var k trendKey
		hdr := r.bytes(2, "cell")
		k.area = geo.AreaID(r.str("area"))
		k.profile = r.str("profile")
		c := &trendCell{posts: int64(r.uvarint("posts"))}
		r.kmv(&c.authors, o.MaxAuthors)
		c.scored = int64(r.uvarint("scored"))
		c.sum = r.varint("sum")
		c.sq[0], c.sq[1] = r.u64("squares"), r.u64("squares")
		if r.err != nil {
			break
		}
		k.level, k.after = geo.Level(hdr[0]), hdr[1] == 1
		if hdr[1] > 1 || c.posts < 0 || c.scored < 0 || c.scored > c.posts || (o.Level != 0 && k.level != o.Level) ||
			!trendSumsValid(c) {
			r.fail("cell")
			break
		}
		if prev != nil && cmpTrendKey(*prev, k) >= 0 {
			r.fail("cells not sorted")
			break
		}
		prev = &k
		cells[k] = c
	}
	// every profile cell needs its area's "" cell in the same window
	for k := range cells {
		if r.err == nil && cells[trendKey{k.level, k.area, "", k.after}] == nil {
			r.fail("profile cell without area cell")
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*t = Trend{opts: o, cells: cells}
	t.index()
	return nil
}

// trendSumsValid checks |Σq| ≤ n·scale and Σq² ≤ n·scale² (clamped
// polarities), so moments stay finite and non-negative.
func trendSumsValid(c *trendCell) bool {
	if c.scored > math.MaxInt64/trendScale {
		return false
	}
	if c.sum > c.scored*trendScale || c.sum < -c.scored*trendScale {
		return false
	}
	hi, lo := bits.Mul64(uint64(c.scored), trendScale*trendScale)
	return c.sq[0] < hi || (c.sq[0] == hi && c.sq[1] <= lo)
}
