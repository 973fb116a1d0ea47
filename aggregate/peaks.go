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
	"sync"
	"time"

	"github.com/socialgeo/socialgeo/geo"
)

// PeakMode selects the baseline of a peak detector (see [PeakDetector]).
type PeakMode uint8

const (
	// PeakEWMA is the TwitInfo detector (Marcus et al. 2011): an
	// exponentially weighted moving mean and mean deviation of the
	// counts; a peak starts when a rising count exceeds mean + τ·meandev.
	PeakEWMA PeakMode = iota
	// PeakSeasonal is a robust seasonal detector: the baseline of a bucket
	// is the median of the same slot (hour of day, hour of week, day of
	// week) in the last Seasons cycles, its spread the scaled median
	// absolute deviation; daily and weekly rhythms do not trigger it.
	PeakSeasonal
)

// String names the mode ("ewma", "seasonal").
func (m PeakMode) String() string {
	switch m {
	case PeakEWMA:
		return "ewma"
	case PeakSeasonal:
		return "seasonal"
	}
	return "?"
}

// ErrPeakOptions is returned (wrapped) by [NewPeakDetector] and
// [FindPeaks] for invalid options.
var ErrPeakOptions = errors.New("aggregate: invalid peak options")

// ErrPeakMismatch is returned by [PeakDetector.Merge] and
// [PeakDetector.Join] when the options differ, or when Join gets another
// type.
var ErrPeakMismatch = errors.New("aggregate: peak detectors cannot be merged")

// PeakOptions configures peak detection, for [NewPeakDetector] and the
// offline [FindPeaks] (which uses only the detection fields: Mode to
// Seasons). A nil value means defaults.
type PeakOptions struct {
	// Mode is the baseline: [PeakEWMA] (default) or [PeakSeasonal].
	Mode PeakMode
	// Alpha is the EWMA weight of a new count; 0 means 0.125 (TwitInfo).
	// The first ⌈1/Alpha⌉ buckets warm the detector up (running mean and
	// mean deviation) and cannot start a peak.
	Alpha float64
	// Tau is the threshold in deviations; 0 means 2 for PeakEWMA
	// (TwitInfo) and 4 for PeakSeasonal (see the evaluation in
	// [PeakDetector]).
	Tau float64
	// MinCount is the minimum count at the bucket that starts a peak; 0
	// means 5, negative means no minimum.
	MinCount float64
	// MinDev is the minimum deviation (in counts) used in the score, so
	// that a flat series does not make every small rise a peak; 0 means 1.
	// The seasonal mode also uses √baseline (the Poisson deviation) as a
	// floor.
	MinDev float64
	// Period is the seasonal cycle in buckets (at most 16384); 0 means one
	// day for minute and hour buckets (1440, 24), one week for day buckets
	// (7) and 52 for week buckets. Use 168 with hour buckets for an
	// hour-of-week baseline.
	Period int
	// Seasons is the number of past cycles per slot kept for the seasonal
	// median (at most 64); 0 means 7. A slot needs min(3, Seasons) values before it can
	// start a peak.
	Seasons int

	// Bucket is the detector's time bucket (see [Bucket]); the default is
	// Hour (not Day as for [Series]). Hour and minute buckets are aligned
	// on UTC; day and week buckets follow the Amsterdam calendar. Seasonal
	// slots are taken on the Amsterdam wall clock (slot 0 is Monday 00:00
	// for weekly periods), so a daily rhythm keeps its hour across DST.
	Bucket Bucket
	// Level restricts areas to one level; 0 means every level.
	Level geo.Level
	// Roles are the area roles counted; nil means geo.RoleFrom and
	// geo.RoleAbout. A post from and about the same area counts once.
	Roles []geo.Role
	// Profiles lists the profile IDs with their own series in addition to
	// all posts (profile ""); nil means every matched profile.
	Profiles []string
	// CountAuthors makes the series count unique authors per bucket
	// instead of posts, so one author posting a hundred times is no peak.
	CountAuthors bool
	// BaselineBuckets is the number of buckets before a peak whose terms
	// form the baseline of its labels; 0 means 24.
	BaselineBuckets int
	// TermsPerBucket caps the distinct terms kept per bucket (space-saving,
	// see [KeyTerms]); 0 means 64.
	TermsPerBucket int
	// Top is the maximum number of terms per event; 0 means 5.
	Top int
	// MinTermAuthors is the number of unique authors a term needs in the
	// event window to label it; 0 means 10; values below 2 are raised to 2.
	MinTermAuthors int
	// MaxAuthors bounds the author hashes kept per bucket (bottom-k); 0
	// means 256.
	MaxAuthors int
	// PriorWeight is α₀ of the log-odds of the event labels (see
	// [KeyTerms]); 0 means 100.
	PriorWeight float64
	// MinZ is the z-score a term needs to label an event; 0 means 1.96.
	MinZ float64
}

func (o *PeakOptions) norm() (PeakOptions, error) {
	var n PeakOptions
	if o != nil {
		n = *o
		n.Roles = slices.Clone(o.Roles)
		n.Profiles = slices.Clone(o.Profiles)
	}
	if n.Mode > PeakSeasonal {
		return n, fmt.Errorf("%w: mode %d", ErrPeakOptions, n.Mode)
	}
	if n.Bucket == BucketDefault {
		n.Bucket = Hour
	}
	if n.Bucket > Week {
		return n, fmt.Errorf("%w: bucket %d", ErrPeakOptions, n.Bucket)
	}
	if n.Alpha == 0 {
		n.Alpha = 0.125
	}
	if !(n.Alpha > 0 && n.Alpha <= 1) {
		return n, fmt.Errorf("%w: alpha %v", ErrPeakOptions, n.Alpha)
	}
	if n.Tau == 0 {
		n.Tau = 2
		if n.Mode == PeakSeasonal {
			n.Tau = 4
		}
	}
	if !(n.Tau > 0) || math.IsInf(n.Tau, 0) {
		return n, fmt.Errorf("%w: tau %v", ErrPeakOptions, n.Tau)
	}
	if n.MinCount == 0 {
		n.MinCount = 5
	}
	if n.MinCount < 0 || math.IsNaN(n.MinCount) {
		n.MinCount = -1
	}
	if n.MinDev == 0 {
		n.MinDev = 1
	}
	if !(n.MinDev > 0) || math.IsInf(n.MinDev, 0) {
		return n, fmt.Errorf("%w: min deviation %v", ErrPeakOptions, n.MinDev)
	}
	if n.Period == 0 {
		n.Period = map[Bucket]int{Minute: 1440, Hour: 24, Day: 7, Week: 52}[n.Bucket]
	}
	if n.Period < 1 || n.Period > 1<<14 {
		return n, fmt.Errorf("%w: period %d", ErrPeakOptions, n.Period)
	}
	if n.Seasons == 0 {
		n.Seasons = 7
	}
	if n.Seasons < 1 || n.Seasons > 64 {
		return n, fmt.Errorf("%w: seasons %d", ErrPeakOptions, n.Seasons)
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
	def := func(v *int, d, hi int) {
		if *v <= 0 {
			*v = d
		}
		*v = min(*v, hi)
	}
	def(&n.BaselineBuckets, 24, 1<<20)
	def(&n.TermsPerBucket, 64, 1<<20)
	def(&n.Top, 5, 1<<10)
	def(&n.MinTermAuthors, DefaultK, 1<<10)
	n.MinTermAuthors = max(n.MinTermAuthors, 2)
	def(&n.MaxAuthors, 256, 1<<24)
	if !(n.PriorWeight > 0) || math.IsInf(n.PriorWeight, 0) {
		n.PriorWeight = 100
	}
	if !(n.MinZ > 0) || math.IsInf(n.MinZ, 0) {
		n.MinZ = 1.96
	}
	return n, nil
}

func (o *PeakOptions) equal(p *PeakOptions) bool {
	return o.Mode == p.Mode && o.Alpha == p.Alpha && o.Tau == p.Tau && o.MinCount == p.MinCount &&
		o.MinDev == p.MinDev && o.Period == p.Period && o.Seasons == p.Seasons && o.Bucket == p.Bucket &&
		o.Level == p.Level && slices.Equal(o.Roles, p.Roles) && (o.Profiles == nil) == (p.Profiles == nil) &&
		slices.Equal(o.Profiles, p.Profiles) && o.CountAuthors == p.CountAuthors &&
		o.BaselineBuckets == p.BaselineBuckets && o.TermsPerBucket == p.TermsPerBucket && o.Top == p.Top &&
		o.MinTermAuthors == p.MinTermAuthors && o.MaxAuthors == p.MaxAuthors && o.PriorWeight == p.PriorWeight &&
		o.MinZ == p.MinZ
}

// peakState is the streaming detector state of one series.
type peakState struct {
	n         int64 // values consumed
	prev      float64
	mean, dev float64     // EWMA
	slots     [][]float64 // seasonal: per slot, the last Seasons values, oldest first
	in        bool        // in a peak window
	rising    bool        // EWMA: still rising
	start     int64
	peak      int64
	peakX     float64 // count at the peak
	base      float64 // baseline of the peak
	devStart  float64 // EWMA: deviation when the window started
	score     float64
	endLevel  float64 // EWMA: the window ends when a count falls to it
	excess    float64 // seasonal: count − baseline at the peak
}

// peakRaw is a detected window over bucket indices [start, end].
type peakRaw struct {
	start, peak, end int64
	count, base      float64
	score            float64
	open             bool
}

func (s *peakState) clone() peakState {
	c := *s
	if s.slots != nil {
		c.slots = make([][]float64, len(s.slots))
		for i, r := range s.slots {
			c.slots[i] = slices.Clone(r)
		}
	}
	return c
}

// expect returns the baseline, the robust deviation and the widening
// factor of the next value in slot, and whether the detector is warmed up
// for it.
func (s *peakState) expect(slot int, o *PeakOptions, scratch *[]float64) (base, dev, infl float64, ready bool) {
	if o.Mode == PeakEWMA {
		warm := int64(math.Ceil(1 / o.Alpha))
		return s.mean, max(s.dev, o.MinDev), 1, s.n >= warm
	}
	if s.slots == nil {
		return 0, o.MinDev, 1, false
	}
	ring := s.slots[slot]
	if len(ring) == 0 {
		return 0, o.MinDev, 1, false
	}
	buf := append((*scratch)[:0], ring...)
	slices.Sort(buf)
	med := peakMedianSorted(buf)
	for i, v := range buf {
		buf[i] = math.Abs(v - med)
	}
	slices.Sort(buf)
	mad := peakMedianSorted(buf)
	*scratch = buf
	// The median of n values has variance ≈ π/(2n)·σ²: widen the
	// deviation of x − b by it.
	infl = math.Sqrt(1 + math.Pi/(2*float64(len(ring))))
	return med, max(1.4826*mad, o.MinDev) * infl, infl, len(ring) >= min(3, o.Seasons)
}

// peakScore is the smaller of the robust score (x − b)/dev and the
// Poisson score 2(√(x + 3/8) − √(b + 3/8))/infl (Anscombe's variance-
// stabilising transform: ≈ (x − b)/√b for large counts, and right in the
// tail for small ones): a peak must stand out from both the series'
// observed spread and the sampling noise of a count.
func peakScore(x, b, dev, infl float64) float64 {
	robust := (x - b) / dev
	pois := 2 * (math.Sqrt(max(x, 0)+0.375) - math.Sqrt(max(b, 0)+0.375)) / infl
	return min(robust, pois)
}

func peakMedianSorted(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// step consumes value x of bucket i (in seasonal slot slot) and returns a
// finished window, if any.
func (s *peakState) step(i int64, slot int, x float64, o *PeakOptions, scratch *[]float64) (ev peakRaw, done bool) {
	b, d, infl, ready := s.expect(slot, o, scratch)
	score := peakScore(x, b, d, infl)
	trigger := ready && score > o.Tau && x >= o.MinCount && (o.Mode == PeakSeasonal || x > s.prev)
	if s.in {
		var cont bool
		if o.Mode == PeakEWMA {
			if s.rising && x > s.prev {
				cont = true
			} else {
				// TwitInfo: falling; a new trigger ends this window and
				// starts another.
				s.rising = false
				cont = x > s.endLevel && !trigger
			}
		} else {
			cont = ready && score > 1
		}
		if cont {
			s.track(i, x, b, score, o)
		} else {
			ev, done = peakRaw{start: s.start, peak: s.peak, end: i - 1, count: s.peakX, base: s.base, score: s.score}, true
			s.in = false
		}
	}
	if !s.in && trigger {
		s.in, s.rising = true, true
		s.start, s.peak, s.peakX, s.base, s.devStart, s.score = i, i, x, b, d, score
		s.endLevel, s.excess = max(s.prev, b), x-b
	}
	s.update(slot, x, b, max(d, math.Sqrt(max(b, 0))*infl), ready, o)
	return ev, done
}

func (s *peakState) track(i int64, x, b, score float64, o *PeakOptions) {
	if o.Mode == PeakEWMA {
		if x > s.peakX {
			s.peak, s.peakX, s.score = i, x, peakScore(x, s.base, s.devStart, 1)
		}
		return
	}
	if x-b > s.excess {
		s.peak, s.peakX, s.base, s.score, s.excess = i, x, b, score, x-b
	}
}

func (s *peakState) update(slot int, x, b, d float64, ready bool, o *PeakOptions) {
	if o.Mode == PeakEWMA {
		if s.n == 0 {
			s.mean = x
		} else {
			// running averages while warming up, then the EWMA
			a := max(o.Alpha, 1/float64(s.n+1))
			s.dev = a*math.Abs(s.mean-x) + (1-a)*s.dev
			s.mean = a*x + (1-a)*s.mean
		}
	} else {
		if s.slots == nil {
			s.slots = make([][]float64, o.Period)
		}
		v := x
		if ready && s.in {
			v = min(x, b+o.Tau*d) // winsorise peak values in the history
		}
		r := s.slots[slot]
		if len(r) >= o.Seasons {
			r = append(r[:0], r[1:]...)
		}
		s.slots[slot] = append(r, v)
	}
	s.n++
	s.prev = x
}

// SeriesPeak is a peak window found by [FindPeaks] in a bucketed series:
// indices Start ≤ Peak ≤ End into the series, the count at the peak, its
// baseline and score.
type SeriesPeak struct {
	Start, Peak, End int
	Count, Baseline  float64
	// Score is (Count − Baseline)/deviation (see [PeakDetector]).
	Score float64
	// Open is true when the window was still open at the end of the
	// series (End is then the last index).
	Open bool
}

// FindPeaks runs the streaming detector over a pre-bucketed series (for
// offline use and evaluation); series[i] is the count of bucket i, and
// bucket i is in seasonal slot i mod Period (start the series at a cycle
// boundary). It is deterministic; it returns an error wrapping
// [ErrPeakOptions] for invalid options. NaN counts are treated as 0.
func FindPeaks(series []float64, opts *PeakOptions) ([]SeriesPeak, error) {
	o, err := opts.norm()
	if err != nil {
		return nil, err
	}
	var st peakState
	var scratch []float64
	var out []SeriesPeak
	conv := func(r peakRaw) SeriesPeak {
		return SeriesPeak{int(r.start), int(r.peak), int(r.end), r.count, r.base, r.score, r.open}
	}
	for i, x := range series {
		if math.IsNaN(x) {
			x = 0
		}
		if ev, done := st.step(int64(i), i%o.Period, x, &o, &scratch); done {
			out = append(out, conv(ev))
		}
	}
	if st.in {
		out = append(out, conv(peakRaw{st.start, st.peak, int64(len(series) - 1), st.peakX, st.base, st.score, true}))
	}
	return out, nil
}

type peakKey struct {
	level   geo.Level
	area    geo.AreaID
	profile string
}

func cmpPeakKey(a, b peakKey) int {
	return cmp.Or(cmp.Compare(a.level, b.level), strings.Compare(string(a.area), string(b.area)), strings.Compare(a.profile, b.profile))
}

type peakSeries struct {
	buckets map[int64]*termCell
	started bool  // flushed at least once
	next    int64 // first bucket not yet processed (when started)
	st      peakState
}

// Event is a peak detected by a [PeakDetector].
type Event struct {
	// Level, Area and Profile identify the series ("" for all posts).
	Level   geo.Level
	Area    geo.AreaID
	Profile string
	// Start is the start of the first bucket of the peak window, Peak the
	// start of the bucket with the highest count (EWMA) or excess over its
	// seasonal baseline (seasonal), End the end of the last bucket (UTC).
	Start, Peak, End time.Time
	// Count is the count in the peak bucket (posts, or unique authors with
	// CountAuthors); Baseline the expected count there (the EWMA mean when
	// the window started, or the seasonal median of the peak's slot);
	// Score is (Count − Baseline)/deviation.
	Count, Baseline, Score float64
	// Posts and Authors (unique) in the whole window.
	Posts, Authors int64
	// Terms are the terms that distinguish the window from the
	// BaselineBuckets before it (log-odds z-scores as in [KeyTerms]),
	// highest first, each used by at least MinTermAuthors unique authors
	// in the window.
	Terms []string
	// Open is true when the window had not ended at the last bucket seen
	// (reported by Events, not yet by Flush).
	Open bool
	// Disclosure: suppressed when the window has fewer than K unique
	// authors (counts, score and terms are then zero); with noise Posts,
	// Authors and Count are noised (q = 3). The existence and times of
	// events, Baseline, Score and Terms are not differentially private.
	Disclosure
}

// PeakDetector is a streaming peak detector over many series at once, one
// per area (of the configured roles and level) and profile (with ""
// for all posts). [PeakDetector.Add] counts observations into time
// buckets; [PeakDetector.Flush] runs the detector over the buckets that
// have ended and keeps the finished events; [PeakDetector.Events] reports
// them together with the events found so far in the buckets not yet
// flushed (without changing the detector).
//
// Detection (per series, one value per bucket, empty buckets count 0):
//
//   - [PeakEWMA] follows TwitInfo (Marcus et al. 2011): mean ← α·x +
//     (1−α)·mean and meandev ← α·|mean − x| + (1−α)·meandev (α = 0.125).
//     A window starts at a bucket whose count rises (x > previous) with
//     (x − mean)/max(meandev, √mean, MinDev) > τ (τ = 2) and
//     x ≥ MinCount. The √mean floor (the Poisson deviation of a count) is
//     our addition: without it a quiet, regular series fires at every
//     small rise, since the mean deviation of Poisson counts is only
//     0.8·√mean and fluctuates below it. It
//     grows while counts rise, then continues while they stay above
//     max(count before the window, mean when it started); a new trigger
//     while falling closes it and starts the next. As in TwitInfo the
//     mean keeps adapting inside a window.
//   - [PeakSeasonal] compares each bucket with its slot in the cycle
//     (hour of day by default): baseline b = median of the slot's last
//     n ≤ Seasons values, deviation
//     √(max((1.4826·MAD)², b, MinDev²)·(1 + π/(2n))) — the larger of the
//     robust spread and the Poisson deviation, widened by the
//     uncertainty of a median of n values. A window
//     starts when the score exceeds τ (τ = 4) and x ≥ MinCount and
//     continues while the score stays above 1. Values inside a window are
//     winsorised at b + τ·deviation before entering the slot's history.
//
// Each event is labelled with the terms that distinguish its window from
// the BaselineBuckets before it ("Fightin' Words" log-odds, see
// [KeyTerms]).
//
// Ordering: observations may arrive in any order within buckets that have
// not been flushed; Flush(until) finalises every bucket that ended at or
// before until, and an observation for a flushed bucket is dropped and
// counted by [PeakDetector.Late]. Call Flush with a lag that covers the
// expected delay of the stream (e.g. Flush(now − 10 min) every hour). The
// result never depends on arrival order within unflushed buckets.
//
// Memory: per series, about 200 bytes plus, per unflushed or retained
// bucket, about 100 bytes, 16 bytes per author hash (≤ MaxAuthors) and
// 150 bytes per term (≤ TermsPerBucket); Flush drops buckets older than
// BaselineBuckets before the oldest bucket still needed. Seasonal mode
// keeps Period·Seasons floats per series (1.3 KB for 24 × 7). Without
// Flush every bucket is kept.
//
// Evaluation on synthetic streams (go run ./internal/cmd/peakeval: 200
// streams × 56 days of hourly Poisson counts at 2–200 posts an hour with
// a daily and a weekly cycle, 600 injected events of 1–16 hours peaking
// at 1–8 × the stream's mean level; a detection is correct when it
// overlaps an event or the 2 hours after it; delay is from the event's
// start to the window's start; R@s is the recall for peaks of s × the
// mean level):
//
//	mode               found precision recall delay_h  R@1x  R@2x  R@4x  R@8x
//	ewma τ2 (default)   8978     0.068  0.857    0.53 0.541 0.914 0.993 1.000
//	ewma τ4              391     0.760  0.488    0.40 0.057 0.285 0.695 0.947
//	seasonal τ3          764     0.677  0.850    0.64 0.650 0.828 0.936 1.000
//	seasonal τ4 (def.)   454     0.987  0.745    0.70 0.465 0.702 0.851 0.980
//	seasonal 14d τ4      462     0.996  0.767    0.68 0.497 0.728 0.865 0.993
//	weekly 168×4 τ4      333     0.994  0.550    0.71 0.331 0.563 0.617 0.702
//
// TwitInfo's EWMA fires on every morning rise of a daily cycle (about one
// false alarm per series per day); use it for series without a strong
// cycle (short windows, minute buckets during an incident) and the
// seasonal mode for monitoring. The weekly baseline needs 3 weeks of
// history per slot, so it misses the events of weeks 2–3 of these
// streams. FindPeaks costs about 50 ns (EWMA) and 250 ns (seasonal) per
// bucket, Add about 260 ns per observation with two terms and 0
// allocations in steady state (go test -bench 'FindPeaks|PeakDetectorAdd'
// ./aggregate, 2 shared cores).
//
// Marcus, A., Bernstein, M. S., Badar, O., Karger, D. R., Madden, S.,
// Miller, R. C. (2011). TwitInfo: aggregating and visualizing microblogs
// for event exploration. CHI 2011, 227–236. doi:10.1145/1978942.1978975
//
// A PeakDetector is not safe for concurrent use: one per goroutine, then
// [PeakDetector.Merge] (before the first Flush, see Merge). The zero
// value is not usable; use [NewPeakDetector].
type PeakDetector struct {
	opts    PeakOptions
	roles   [8]bool
	profile map[string]bool
	series  map[peakKey]*peakSeries
	events  []Event // finished by Flush
	late    int64
	hasMax  bool
	maxIdx  int64 // last bucket seen
	flushed bool
	seen    []string
	scratch []float64
}

// NewPeakDetector returns an empty detector; it returns an error wrapping
// [ErrPeakOptions] for invalid options.
func NewPeakDetector(opts *PeakOptions) (*PeakDetector, error) {
	o, err := opts.norm()
	if err != nil {
		return nil, err
	}
	d := &PeakDetector{opts: o, series: map[peakKey]*peakSeries{}}
	d.index()
	return d, nil
}

func (d *PeakDetector) index() {
	d.roles = roleSet(d.opts.Roles)
	d.profile = profileSet(d.opts.Profiles)
}

// Late returns the number of (series, observation) counts dropped because
// their bucket had already been flushed.
func (d *PeakDetector) Late() int64 { return d.late }

var peakZone = sync.OnceValue(func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return l
})

// bucketOf returns the bucket index of t: minutes or hours since the
// epoch (UTC), or Amsterdam days or Monday-weeks since 1970-01-01.
func (d *PeakDetector) bucketOf(t time.Time) int64 {
	switch d.opts.Bucket {
	case Minute:
		return floorDiv(t.Unix(), 60)
	case Hour:
		return floorDiv(t.Unix(), 3600)
	}
	y, m, dd := t.In(peakZone()).Date()
	day := floorDiv(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix(), 86400)
	if d.opts.Bucket == Week {
		return floorDiv(day+3, 7) // 1970-01-01 is a Thursday
	}
	return day
}

// bounds returns the UTC start and end of bucket i.
func (d *PeakDetector) bounds(i int64) (time.Time, time.Time) {
	switch d.opts.Bucket {
	case Minute:
		return time.Unix(i*60, 0).UTC(), time.Unix((i+1)*60, 0).UTC()
	case Hour:
		return time.Unix(i*3600, 0).UTC(), time.Unix((i+1)*3600, 0).UTC()
	case Week:
		return peakDay(i*7 - 3), peakDay(i*7 + 4)
	}
	return peakDay(i), peakDay(i + 1)
}

func peakDay(d int64) time.Time {
	return time.Date(1970, 1, 1+int(d), 0, 0, 0, 0, peakZone()).UTC()
}

// slot returns the seasonal slot of bucket i on the Amsterdam wall clock.
func (d *PeakDetector) slot(i int64) int {
	p := int64(d.opts.Period)
	switch d.opts.Bucket {
	case Minute, Hour:
		start, _ := d.bounds(i)
		_, off := start.In(peakZone()).Zone()
		unit := int64(60)
		if d.opts.Bucket == Hour {
			unit = 3600
		}
		local := floorDiv(start.Unix()+int64(off), unit)
		if p%7 == 0 && (p/7)*unit == 86400 { // weekly cycle: Monday first
			local += 3 * (p / 7)
		}
		return int(peakMod(local, p))
	case Day:
		return int(peakMod(i+3, p)) // Monday = 0
	}
	return int(peakMod(i, p))
}

func peakMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// Add counts o in the current bucket of each of its series. Observations
// with a zero Time are ignored.
func (d *PeakDetector) Add(o Observation) {
	if o.Time.IsZero() {
		return
	}
	idx := d.bucketOf(o.Time)
	terms := d.distinct(o.Terms)
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	for i, a := range o.Areas {
		if int(a.Role) >= len(d.roles) || !d.roles[a.Role] || (d.opts.Level != 0 && a.Level != d.opts.Level) ||
			odSeenBefore(o.Areas[:i], a, &d.roles) {
			continue
		}
		k := peakKey{a.Level, a.Area, ""}
		d.add(k, idx, terms, o.Author != "", ah)
		for j, pm := range o.Profiles {
			if pm.ID == "" || (d.profile != nil && !d.profile[pm.ID]) || odProfileSeen(o.Profiles[:j], pm.ID) {
				continue
			}
			k.profile = pm.ID
			d.add(k, idx, terms, o.Author != "", ah)
		}
	}
}

func (d *PeakDetector) distinct(ts []string) []string {
	d.seen = d.seen[:0]
	for i, t := range ts {
		if i == MaxTerms {
			break
		}
		if t != "" && !slices.Contains(d.seen, t) {
			d.seen = append(d.seen, t)
		}
	}
	return d.seen
}

func (d *PeakDetector) add(k peakKey, idx int64, terms []string, hasAuthor bool, ah uint64) {
	s := d.series[k]
	if s == nil {
		s = &peakSeries{buckets: map[int64]*termCell{}}
		d.series[k] = s
	}
	if s.started && idx < s.next {
		d.late++
		return
	}
	if !d.hasMax || idx > d.maxIdx {
		d.hasMax, d.maxIdx = true, idx
	}
	b := s.buckets[idx]
	if b == nil {
		b = newTermCell(d.opts.TermsPerBucket, d.opts.MinTermAuthors)
		s.buckets[idx] = b
	}
	b.add(terms, hasAuthor, ah, d.opts.MaxAuthors)
}

func (d *PeakDetector) value(b *termCell) float64 {
	if b == nil {
		return 0
	}
	if d.opts.CountAuthors {
		return float64(b.authors.count())
	}
	return float64(b.posts)
}

// run advances st over the buckets [from, to) of s, calling emit for each
// finished window.
func (d *PeakDetector) run(s *peakSeries, st *peakState, from, to int64, emit func(peakRaw)) {
	if to-from > peakMaxSpan {
		from = to - peakMaxSpan // a series cannot span more; skip the empty past
	}
	for i := from; i < to; i++ {
		if ev, done := st.step(i, d.slot(i), d.value(s.buckets[i]), &d.opts, &d.scratch); done {
			emit(ev)
		}
	}
}

// peakMaxSpan is the maximum number of buckets one run processes (about
// 120 years of hours); it bounds the work on corrupt or far-apart times.
const peakMaxSpan = 1 << 20

// first returns the first bucket to process for s, and false when s has
// nothing to process.
func (s *peakSeries) first() (int64, bool) {
	if s.started {
		return s.next, true
	}
	if len(s.buckets) == 0 {
		return 0, false
	}
	lo := int64(math.MaxInt64)
	for i := range s.buckets {
		lo = min(lo, i)
	}
	return lo, true
}

func (d *PeakDetector) sortedKeys() []peakKey {
	keys := make([]peakKey, 0, len(d.series))
	for k := range d.series {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpPeakKey)
	return keys
}

// Flush runs the detector over every bucket that ended at or before until
// in every series, keeps the events that finished, and drops buckets no
// longer needed. Later observations for flushed buckets are dropped (see
// [PeakDetector.Late]). Flushing is deterministic.
func (d *PeakDetector) Flush(until time.Time) {
	target := d.bucketOf(until)
	d.flushed = true
	for _, k := range d.sortedKeys() {
		s := d.series[k]
		from, ok := s.first()
		if !ok || from >= target {
			continue
		}
		d.run(s, &s.st, from, target, func(r peakRaw) { d.events = append(d.events, d.event(k, s, r)) })
		s.started, s.next = true, target
		keep := target
		if s.st.in {
			keep = s.st.start
		}
		keep -= int64(d.opts.BaselineBuckets)
		for i := range s.buckets {
			if i < keep {
				delete(s.buckets, i)
			}
		}
	}
}

// event builds the event of window r of series k from its buckets.
func (d *PeakDetector) event(k peakKey, s *peakSeries, r peakRaw) Event {
	e := Event{Level: k.level, Area: k.area, Profile: k.profile, Count: r.count, Baseline: r.base, Score: r.score, Open: r.open}
	e.Start, _ = d.bounds(r.start)
	e.Peak, _ = d.bounds(r.peak)
	_, e.End = d.bounds(r.end)
	var authors kmvSet
	fg := newTermSummary(1<<30, d.opts.MinTermAuthors)
	bg := newTermSummary(1<<30, 0)
	// in bucket order: merging saturated term summaries is not
	// order-independent, and the labels must be deterministic
	idx := make([]int64, 0, len(s.buckets))
	for i := range s.buckets {
		if i <= r.end && i >= r.start-int64(d.opts.BaselineBuckets) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	for _, i := range idx {
		b := s.buckets[i]
		switch {
		case i >= r.start && i <= r.end:
			e.Posts += b.posts
			authors.merge(&b.authors, d.opts.MaxAuthors)
			fg.merge(&b.terms)
		case i < r.start && i >= r.start-int64(d.opts.BaselineBuckets):
			bg.merge(&b.terms)
		}
	}
	e.Authors = authors.count()
	kts, _ := distinguishing(&fg, &bg, d.opts.PriorWeight, d.opts.MinZ, d.opts.Top, d.opts.MinTermAuthors, false)
	for _, t := range kts {
		e.Terms = append(e.Terms, t.Term)
	}
	return e
}

// Events yields the events finished by Flush and those found in the
// buckets not yet flushed, up to the last bucket seen (an event still
// rising or falling there has Open set; the last bucket may still be
// filling), ordered by Start, level, area, profile. It does not change
// the detector. Disclosure control follows p (nil means K = 10). The
// sequence is single-use and must not run while d is modified.
func (d *PeakDetector) Events(p *Policy) iter.Seq[Event] {
	evs := slices.Clone(d.events)
	for _, k := range d.sortedKeys() {
		s := d.series[k]
		from, ok := s.first()
		if !ok || !d.hasMax {
			continue
		}
		st := s.st.clone()
		d.run(s, &st, from, d.maxIdx+1, func(r peakRaw) { evs = append(evs, d.event(k, s, r)) })
		if st.in {
			evs = append(evs, d.event(k, s, peakRaw{st.start, st.peak, d.maxIdx, st.peakX, st.base, st.score, true}))
		}
	}
	slices.SortStableFunc(evs, cmpEvent)
	valid := p.Validate() == nil
	return func(yield func(Event) bool) {
		for _, e := range evs {
			if e.Disclosure = p.check(e.Authors, valid); e.Suppressed {
				e.Count, e.Baseline, e.Score, e.Posts, e.Authors, e.Terms = 0, 0, 0, 0, 0, nil
			} else if p.Noising() {
				n := e.Authors
				e.Posts, e.Authors = odNoisyPosts(p, e.Posts, n, 3), p.NoisyCount(n, 1, 3)
				e.Count = float64(p.NoisyCount(int64(e.Count), float64(p.Contrib()), 3))
			}
			if !yield(e) {
				return
			}
		}
	}
}

// Merge adds other's buckets and finished events into d. It returns an
// error wrapping [ErrPeakMismatch] when the options differ (d is then
// unchanged). Merge of unflushed detectors — the intended use: fork one
// per worker, join, then Flush — is commutative and associative (exact
// while buckets stay under TermsPerBucket terms). When other has been
// flushed, a series that d has not flushed takes over other's detector
// state (d's buckets before it count as late); buckets before a series'
// flushed point are dropped and counted as late.
func (d *PeakDetector) Merge(other *PeakDetector) error {
	if !d.opts.equal(&other.opts) {
		return ErrPeakMismatch
	}
	for _, k := range other.sortedKeys() {
		os := other.series[k]
		s := d.series[k]
		if s == nil {
			s = &peakSeries{buckets: map[int64]*termCell{}}
			d.series[k] = s
		}
		if os.started && !s.started {
			s.started, s.next, s.st = true, os.next, os.st.clone()
			for i, b := range s.buckets {
				if i < s.next {
					d.late += b.posts
					delete(s.buckets, i)
				}
			}
		}
		for i, ob := range os.buckets {
			if s.started && i < s.next {
				d.late += ob.posts
				continue
			}
			b := s.buckets[i]
			if b == nil {
				b = newTermCell(d.opts.TermsPerBucket, d.opts.MinTermAuthors)
				s.buckets[i] = b
			}
			b.merge(ob, d.opts.MaxAuthors)
		}
	}
	if len(other.events) > 0 {
		d.events = append(d.events, other.events...)
		slices.SortStableFunc(d.events, cmpEvent)
	}
	d.late += other.late
	d.flushed = d.flushed || other.flushed
	if other.hasMax && (!d.hasMax || other.maxIdx > d.maxIdx) {
		d.hasMax, d.maxIdx = true, other.maxIdx
	}
	return nil
}

func cmpEvent(a, b Event) int {
	return cmp.Or(a.Start.Compare(b.Start), cmpPeakKey(peakKey{a.Level, a.Area, a.Profile}, peakKey{b.Level, b.Area, b.Profile}),
		a.Peak.Compare(b.Peak), a.End.Compare(b.End))
}

// Fork returns a new, empty detector with d's options (see [Parallel]).
func (d *PeakDetector) Fork() Aggregator {
	n, _ := NewPeakDetector(&d.opts) // d's options are valid
	return n
}

// Join merges a, which must be a *PeakDetector with the same options,
// into d (see [PeakDetector.Merge]).
func (d *PeakDetector) Join(a Aggregator) error { return join(a, d.Merge, ErrPeakMismatch) }

const peakMagic = "SGpeaks"

// peakVersion is the version of the binary format of [PeakDetector].
const peakVersion = 1

func appendF64(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// MarshalBinary encodes the detector exactly (version 1): magic
// "SGpeaks", version, the normalised options, counters, the finished
// events, then the series sorted by (level, area, profile), each with its
// detector state and its buckets sorted by index. Equal detectors give
// equal bytes.
func (d *PeakDetector) MarshalBinary() ([]byte, error) {
	o := &d.opts
	b := append([]byte(peakMagic), peakVersion, byte(o.Mode), byte(o.Bucket), byte(o.Level))
	for _, f := range []float64{o.Alpha, o.Tau, o.MinCount, o.MinDev, o.PriorWeight, o.MinZ} {
		b = appendF64(b, f)
	}
	for _, v := range []int{o.Period, o.Seasons, o.BaselineBuckets, o.TermsPerBucket, o.Top, o.MinTermAuthors, o.MaxAuthors} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = appendRoles(b, o.Roles)
	b = appendOptStrings(b, o.Profiles)
	b = appendBool(b, o.CountAuthors)
	b = binary.AppendUvarint(b, uint64(d.late))
	b = appendBool(b, d.hasMax)
	b = binary.AppendVarint(b, d.maxIdx)
	b = appendBool(b, d.flushed)
	b = binary.AppendUvarint(b, uint64(len(d.events)))
	for _, e := range d.events {
		b = append(b, byte(e.Level))
		b = appendString(b, string(e.Area))
		b = appendString(b, e.Profile)
		for _, t := range []time.Time{e.Start, e.Peak, e.End} {
			b = binary.AppendVarint(b, t.Unix())
		}
		b = appendF64(b, e.Count)
		b = appendF64(b, e.Baseline)
		b = appendF64(b, e.Score)
		b = binary.AppendUvarint(b, uint64(e.Posts))
		b = binary.AppendUvarint(b, uint64(e.Authors))
		b = appendStrings(b, e.Terms)
	}
	keys := d.sortedKeys()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		s := d.series[k]
		b = append(b, byte(k.level))
		b = appendString(b, string(k.area))
		b = appendString(b, k.profile)
		b = appendBool(b, s.started)
		b = binary.AppendVarint(b, s.next)
		b = s.st.appendTo(b)
		idx := make([]int64, 0, len(s.buckets))
		for i := range s.buckets {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		b = binary.AppendUvarint(b, uint64(len(idx)))
		for _, i := range idx {
			bk := s.buckets[i]
			b = binary.AppendVarint(b, i)
			b = bk.appendTo(b)
		}
	}
	return b, nil
}

func (s *peakState) appendTo(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(s.n))
	for _, f := range []float64{s.prev, s.mean, s.dev, s.peakX, s.base, s.devStart, s.score, s.endLevel, s.excess} {
		b = appendF64(b, f)
	}
	b = appendBool(b, s.in)
	b = appendBool(b, s.rising)
	b = binary.AppendVarint(b, s.start)
	b = binary.AppendVarint(b, s.peak)
	b = binary.AppendUvarint(b, uint64(len(s.slots)))
	for _, r := range s.slots {
		b = binary.AppendUvarint(b, uint64(len(r)))
		for _, v := range r {
			b = appendF64(b, v)
		}
	}
	return b
}

func (r *reader) f64(what string) float64 {
	v := math.Float64frombits(r.u64(what))
	if r.err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		r.fail(what)
	}
	return v
}

func (r *reader) boolean(what string) bool {
	v := r.bytes(1, what)
	if r.err != nil {
		return false
	}
	if v[0] > 1 {
		r.fail(what)
	}
	return v[0] == 1
}

func (r *reader) peakState(s *peakState, o *PeakOptions) {
	s.n = int64(r.uvarint("state"))
	for _, f := range []*float64{&s.prev, &s.mean, &s.dev, &s.peakX, &s.base, &s.devStart, &s.score, &s.endLevel, &s.excess} {
		*f = r.f64("state")
	}
	s.in = r.boolean("state")
	s.rising = r.boolean("state")
	s.start = r.varint("state")
	s.peak = r.varint("state")
	ns := r.uvarint("slots")
	if r.err != nil {
		return
	}
	if s.n < 0 || (ns != 0 && (o.Mode != PeakSeasonal || ns != uint64(o.Period))) || ns > uint64(len(r.b)) ||
		(s.in && s.devStart <= 0) || (!s.in && s.rising) {
		r.fail("state")
		return
	}
	if ns > 0 {
		s.slots = make([][]float64, ns)
	}
	for i := range s.slots {
		nv := r.uvarint("slot")
		if r.err == nil && (nv > uint64(o.Seasons) || nv > uint64(len(r.b))/8) {
			r.fail("slot")
		}
		if r.err != nil {
			return
		}
		for j := uint64(0); j < nv; j++ {
			s.slots[i] = append(s.slots[i], r.f64("slot value"))
		}
	}
}

// UnmarshalBinary decodes the output of [PeakDetector.MarshalBinary],
// replacing d's contents and options. Malformed input gives an error
// wrapping [ErrBadEncoding] (never a panic); d is then unchanged.
func (d *PeakDetector) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if string(r.bytes(uint64(len(peakMagic)), "magic")) != peakMagic {
		return fmt.Errorf("%w: not a peak detector", ErrBadEncoding)
	}
	hdr := r.bytes(4, "header")
	if r.err != nil {
		return r.err
	}
	if hdr[0] != peakVersion {
		return fmt.Errorf("%w: peak detector version %d", ErrBadEncoding, hdr[0])
	}
	var o PeakOptions
	o.Mode, o.Bucket, o.Level = PeakMode(hdr[1]), Bucket(hdr[2]), geo.Level(hdr[3])
	o.Alpha = math.Float64frombits(r.u64("options"))
	o.Tau = math.Float64frombits(r.u64("options"))
	o.MinCount = math.Float64frombits(r.u64("options"))
	o.MinDev = math.Float64frombits(r.u64("options"))
	o.PriorWeight = math.Float64frombits(r.u64("options"))
	o.MinZ = math.Float64frombits(r.u64("options"))
	var ints [7]uint64
	for i := range ints {
		if ints[i] = r.uvarint("options"); ints[i] > 1<<30 {
			r.fail("options")
		}
	}
	o.Period, o.Seasons, o.BaselineBuckets, o.TermsPerBucket = int(ints[0]), int(ints[1]), int(ints[2]), int(ints[3])
	o.Top, o.MinTermAuthors, o.MaxAuthors = int(ints[4]), int(ints[5]), int(ints[6])
	o.Roles = r.roles()
	o.Profiles = r.optStrs("profiles")
	o.CountAuthors = r.boolean("count authors")
	if r.err != nil {
		return r.err
	}
	if n, err := o.norm(); err != nil || !n.equal(&o) {
		return fmt.Errorf("%w: options not normalised", ErrBadEncoding)
	}
	nd := &PeakDetector{opts: o, series: map[peakKey]*peakSeries{}}
	nd.late = int64(r.uvarint("late"))
	nd.hasMax = r.boolean("max")
	nd.maxIdx = r.varint("max")
	nd.flushed = r.boolean("flushed")
	ne := r.uvarint("events")
	if r.err == nil && (ne > uint64(len(r.b)) || nd.late < 0) {
		r.fail("events")
	}
	for i := uint64(0); i < ne && r.err == nil; i++ {
		var e Event
		if lv := r.bytes(1, "level"); r.err == nil {
			e.Level = geo.Level(lv[0])
		}
		e.Area = geo.AreaID(r.str("area"))
		e.Profile = r.str("profile")
		for _, t := range []*time.Time{&e.Start, &e.Peak, &e.End} {
			sec := r.varint("time")
			if sec < -1<<50 || sec > 1<<50 {
				r.fail("time")
			}
			*t = time.Unix(sec, 0).UTC()
		}
		e.Count, e.Baseline, e.Score = r.f64("count"), r.f64("baseline"), r.f64("score")
		e.Posts, e.Authors = int64(r.uvarint("posts")), int64(r.uvarint("authors"))
		e.Terms = r.strs("terms")
		if r.err == nil && (e.Posts < 0 || e.Authors < 0 || e.End.Before(e.Start)) {
			r.fail("event")
		}
		nd.events = append(nd.events, e)
	}
	ns := r.uvarint("series")
	if r.err == nil && ns > uint64(len(r.b)) {
		r.fail("series")
	}
	var prev *peakKey
	for i := uint64(0); i < ns && r.err == nil; i++ {
		var k peakKey
		if lv := r.bytes(1, "level"); r.err == nil {
			k.level = geo.Level(lv[0])
		}
		k.area = geo.AreaID(r.str("area"))
		k.profile = r.str("profile")
		s := &peakSeries{buckets: map[int64]*termCell{}}
		s.started = r.boolean("started")
		s.next = r.varint("next")
		r.peakState(&s.st, &o)
		nb := r.uvarint("buckets")
		if r.err == nil && nb > uint64(len(r.b)) {
			r.fail("buckets")
		}
		if r.err == nil && ((o.Level != 0 && k.level != o.Level) || (prev != nil && cmpPeakKey(*prev, k) >= 0)) {
			r.fail("series")
		}
		prev = &k
		pi := int64(math.MinInt64)
		for j := uint64(0); j < nb && r.err == nil; j++ {
			idx := r.varint("bucket")
			bk := r.termCell(o.TermsPerBucket, o.MinTermAuthors, o.MaxAuthors)
			if r.err == nil && (idx <= pi || bk.posts < 0 || idx < -1<<40 || idx > 1<<40 || (nd.hasMax && idx > nd.maxIdx) || !nd.hasMax) {
				r.fail("bucket")
			}
			pi = idx
			s.buckets[idx] = bk
		}
		if r.err == nil && (s.next < -1<<40 || s.next > 1<<40 || (s.started && !nd.flushed)) {
			r.fail("series")
		}
		nd.series[k] = s
	}
	if r.err == nil && (nd.maxIdx < -1<<40 || nd.maxIdx > 1<<40) {
		r.fail("max")
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	nd.index()
	*d = *nd
	return nil
}
