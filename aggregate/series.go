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
	_ "time/tzdata" // Europe/Amsterdam without a system zoneinfo
	"unsafe"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

// Bucket is the time-bucket size of a [Series].
type Bucket uint8

// Buckets. Minute and hour buckets are aligned on UTC (the Dutch offsets
// are whole hours, so they are local hours too); day and week buckets
// follow the calendar of Europe/Amsterdam (a day is 23 or 25 hours on a
// DST change; weeks start on Monday, as ISO 8601).
const (
	BucketDefault Bucket = iota // Day
	Minute
	Hour
	Day
	Week
)

// String names the bucket ("minute", "hour", "day", "week").
func (b Bucket) String() string {
	switch b {
	case Minute:
		return "minute"
	case Hour:
		return "hour"
	case Day, BucketDefault:
		return "day"
	case Week:
		return "week"
	}
	return "?"
}

// amsterdam is the Europe/Amsterdam location used for day and week
// buckets (from the embedded time/tzdata when the system has none).
var amsterdam = func() *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil { // cannot happen with time/tzdata linked in
		return time.FixedZone("CET", 3600)
	}
	return l
}()

// ErrSeriesMismatch is returned by [Series.Merge] and [Series.Join] when
// the two series were built with different bucket, exact-author or
// precision options, and by Join for a value that is not a *Series.
var ErrSeriesMismatch = errors.New("aggregate: series options differ")

// DefaultExactAuthors is the default of [SeriesOptions.ExactAuthors].
const DefaultExactAuthors = 64

// SeriesOptions configures a [Series]. A nil *SeriesOptions means
// defaults.
type SeriesOptions struct {
	// Bucket is the time-bucket size; 0 means Day.
	Bucket Bucket
	// ExactAuthors is the number of distinct authors per cell counted
	// exactly; beyond it the cell switches to HyperLogLog sketches
	// ([HLL]) of precision Precision. 0 means [DefaultExactAuthors]
	// (max 4096).
	ExactAuthors int
	// Precision is the HyperLogLog precision p (4…16, relative error
	// 1.04/√2^p); 0 means [DefaultHLLPrecision] (12: 1.6 %, 4 KiB).
	Precision int
	// Population, when non-nil, gives the number of inhabitants of an
	// area (0 when unknown); results then carry rates per 10,000
	// inhabitants. When nil, Gazetteer's populations are used.
	Population func(geo.AreaID) int
	// Gazetteer, when non-nil, gives populations (unless Population is
	// set) and the parent areas used for complementary suppression
	// (unless Parents is set).
	Gazetteer *geo.Gazetteer
	// Parents, when non-nil, returns the coarser areas containing an area
	// (municipality → safety region, province); nil uses Gazetteer.
	// Cells under the same parent form a suppression group (see
	// [Complement]).
	Parents func(geo.AreaID) []geo.AreaID
}

type seriesConfig struct {
	bucket Bucket
	exact  int
	p      uint8
}

func (o *SeriesOptions) config() (seriesConfig, error) {
	c := seriesConfig{bucket: Day, exact: DefaultExactAuthors, p: DefaultHLLPrecision}
	if o == nil {
		return c, nil
	}
	switch {
	case o.Bucket > Week:
		return c, fmt.Errorf("aggregate: series bucket %d", o.Bucket)
	case o.ExactAuthors < 0 || o.ExactAuthors > 4096:
		return c, fmt.Errorf("aggregate: series ExactAuthors %d outside [0, 4096]", o.ExactAuthors)
	case o.Precision != 0 && (o.Precision < MinHLLPrecision || o.Precision > MaxHLLPrecision):
		return c, fmt.Errorf("aggregate: series precision %d outside [%d, %d]", o.Precision, MinHLLPrecision, MaxHLLPrecision)
	}
	if o.Bucket != BucketDefault {
		c.bucket = o.Bucket
	}
	if o.ExactAuthors > 0 {
		c.exact = o.ExactAuthors
	}
	if o.Precision > 0 {
		c.p = uint8(o.Precision)
	}
	return c, nil
}

// seriesKey packs a cell key: [0] = area id<<32 | profile id,
// [1] = bucket<<16 | level<<8 | role.
type seriesKey [2]uint64

func (k seriesKey) area() uint32    { return uint32(k[0] >> 32) }
func (k seriesKey) profile() uint32 { return uint32(k[0]) }
func (k seriesKey) bucket() int64   { return int64(k[1]) >> 16 }
func (k seriesKey) level() geo.Level {
	return geo.Level(k[1] >> 8)
}
func (k seriesKey) role() geo.Role { return geo.Role(k[1]) }

func makeSeriesKey(area, profile uint32, bucket int64, level geo.Level, role geo.Role) seriesKey {
	return seriesKey{uint64(area)<<32 | uint64(profile), uint64(bucket)<<16 | uint64(level)<<8 | uint64(role)}
}

// NumLabels is the number of sentiment label counters of a series cell,
// indexed by [sentiment.Label] (index 0: scored without a label name).
const NumLabels = 5

// NumFlags is the number of sentiment flag counters of a series cell,
// indexed by bit position of [sentiment.Flags] (bits 0–7).
const NumFlags = 8

// Series is the area × time-bucket aggregator. For every (area, level,
// role, profile, bucket) — profile "" meaning all posts — it keeps:
//
//   - posts and weighted posts (Σ [Observation.Weight], 0 counted as 1);
//   - unique authors, exact up to [SeriesOptions.ExactAuthors], then a
//     HyperLogLog estimate (relative error 1.04/√2^p, see [HLL]);
//   - sentiment of scored posts (Label ≠ 0; polarity clipped to [−1, 1]):
//     count, mean and M2 by Welford's update, merged by Chan et al.'s
//     formula, giving mean and sample variance;
//   - counts per sentiment label and per flag;
//   - representativeness: the unique authors whose home area at the
//     cell's level (an [AreaRef] with role home) is another area
//     ("outsiders") or unknown, the posts they made, and the posts per
//     platform — so that a peak driven by outsiders shows as such.
//
// Every [AreaRef] of an observation is a key (duplicates in one
// observation count once); each observation adds to its areas × (1 +
// its distinct profiles) cells. Observations without areas are ignored;
// those without an author count as posts but not as authors.
//
// Memory per cell (measured, see the package doc): about 0.4 KB with
// one author, 2.3 KB at the default 64 exact authors (16-byte slots at
// load ≤ ¾), 1–4 KB while a sketch has few registers set (sparse: 4
// bytes per set register at load ≤ ¾, up to 2^p/4 slots) and 8.3 KB once
// it is dense at p = 12 (2·2^p bytes of tagged registers); a cell with
// more than four platforms takes 0.2 KB more, plus 8 bytes per platform
// beyond the fourth.
//
// A Series is not safe for concurrent use: one per goroutine, then
// [Series.Merge] or [Series.Join]. The zero value is not usable; use
// [NewSeries].
type Series struct {
	opts SeriesOptions
	cfg  seriesConfig

	areas     []geo.AreaID
	areaIdx   map[geo.AreaID]uint32
	profiles  []string
	profIdx   map[string]uint32
	platforms []string
	platIdx   map[string]int
	rows      []seriesRow
	rowTab    []int32 // open addressing: 1 + row index, 0 empty (see series_table.go)
	rowShift  uint8   // 64 − log2(len(rowTab))
	extra     [][]profCell
	cells     []seriesStats // hot parts of the cells (see series_table.go)
	aux       []cellAux     // the rest, parallel to cells
	keys      []seriesKey   // parallel to cells

	// subsets is set while every cell's authors are among those of its
	// row's profile-0 cell (all posts), each with a class no higher
	// there: true for a series built by Add and Merge (every observation
	// adds to profile 0 with the same class as to its profiles, and
	// Merge takes unions and the higher class), false after decoding
	// bytes that may not hold to it. Then a profile-0 sketch has every
	// register at least as high as any of its row's profile cells would
	// give it, so that addFast need not probe it for an author one of
	// those cells held already.
	subsets bool
	// joint is set when Add may keep the exact author sets of a row's
	// cells in one table (see jointWords); tests turn it off to compare.
	joint bool

	// tabs recycles the author tables the cells outgrow (see tabPool).
	tabs tabPool

	// caches
	profCache, platCache idCache
	lo, hi               int64 // Unix seconds of the cached day/week bucket
	cached               int64
	profBuf              []uint32
	rowBuf               []int32
	cellBuf              []cellRef
}

// NewSeries returns an empty series. It returns an error for invalid
// options (unknown bucket, ExactAuthors outside [0, 4096], precision
// outside 4…16).
func NewSeries(opts *SeriesOptions) (*Series, error) {
	cfg, err := opts.config()
	if err != nil {
		return nil, err
	}
	s := &Series{cfg: cfg}
	if opts != nil {
		s.opts = *opts
	}
	s.reset()
	return s, nil
}

func (s *Series) reset() {
	s.areas, s.areaIdx = []geo.AreaID{""}, map[geo.AreaID]uint32{}
	s.profiles, s.profIdx = []string{""}, map[string]uint32{"": 0}
	s.platforms, s.platIdx = nil, map[string]int{}
	s.rows, s.rowTab, s.extra, s.cells, s.aux, s.keys = nil, nil, nil, nil, nil, nil
	s.growRows()
	s.lo, s.hi = 1, 0
	s.profCache, s.platCache = idCache{}, idCache{}
	s.tabs = tabPool{}
	s.subsets, s.joint = true, true
}

// Bucket returns the series' bucket size.
func (s *Series) Bucket() Bucket { return s.cfg.bucket }

// Len returns the number of cells.
func (s *Series) Len() int { return len(s.cells) }

func (s *Series) areaID(a geo.AreaID) uint32 {
	id, ok := s.areaIdx[a]
	if !ok {
		id = uint32(len(s.areas))
		s.areas = append(s.areas, a)
		s.areaIdx[a] = id
	}
	return id
}

// idCache remembers the IDs of a few strings by their bytes' address
// and length: Add is passed the same profile and platform strings (the
// same headers) post after post, and a hit costs a few instructions
// instead of a scan with a string comparison. An entry holds its string,
// so that its bytes stay allocated and unchanged (strings are
// immutable): another string at the same address with the same length
// is the same string. Two-way by address (entries 2k and 2k+1); a miss
// looks the string up as before and puts it first in its pair.
type idCache [8]idEntry

type idEntry struct {
	s  string
	id int // 1 + ID; 0: empty
}

// entry returns the index of p's pair and the ID the pair holds for p
// (−1: none).
func (c *idCache) entry(p string) (int, int) {
	i := int(uint64(uintptr(unsafe.Pointer(unsafe.StringData(p)))) * 0x9e3779b97f4a7c15 >> 61 &^ 1)
	if e := &c[i]; unsafe.StringData(e.s) == unsafe.StringData(p) && len(e.s) == len(p) {
		return i, e.id - 1
	}
	if e := &c[i+1]; unsafe.StringData(e.s) == unsafe.StringData(p) && len(e.s) == len(p) {
		return i, e.id - 1
	}
	return i, -1
}

// put puts p with id first into pair i.
func (c *idCache) put(i int, p string, id int) {
	i &= len(c) - 2
	c[i+1], c[i] = c[i], idEntry{p, id + 1}
}

func (s *Series) profileID(p string) uint32 {
	e, id := s.profCache.entry(p)
	if id < 0 {
		id = s.profileMiss(p, e)
	}
	return uint32(id)
}

// profileMiss returns the ID of profile p, caching it in pair e. Not
// inlined, so that Add, which looks the cache up itself (idCache.entry:
// profileID is too large to be inlined), keeps the miss out of its code.
//
//go:noinline
func (s *Series) profileMiss(p string, e int) int {
	id := int(s.profileIDSlow(p))
	s.profCache.put(e, p, id)
	return id
}

func (s *Series) profileIDSlow(p string) uint32 {
	for i, q := range s.profiles[1:min(len(s.profiles), 17)] { // few profiles: a scan beats the map
		if q == p {
			return uint32(i + 1)
		}
	}
	id, ok := s.profIdx[p]
	if !ok {
		id = uint32(len(s.profiles))
		s.profiles = append(s.profiles, p)
		s.profIdx[p] = id
	}
	return id
}

func (s *Series) platformID(p string) int {
	e, id := s.platCache.entry(p)
	if id < 0 {
		id = s.platformMiss(p, e)
	}
	return id
}

// platformMiss returns the ID of platform p, caching it in pair e. Not
// inlined: see profileMiss.
//
//go:noinline
func (s *Series) platformMiss(p string, e int) int {
	id := s.platformIDSlow(p)
	s.platCache.put(e, p, id)
	return id
}

func (s *Series) platformIDSlow(p string) int {
	for i, q := range s.platforms[:min(len(s.platforms), 16)] {
		if q == p {
			return i
		}
	}
	id, ok := s.platIdx[p]
	if !ok {
		id = len(s.platforms)
		s.platforms = append(s.platforms, p)
		s.platIdx[p] = id
	}
	return id
}

// bucketOf returns the bucket index of t: minutes or hours since the
// epoch (UTC), or days or Monday-weeks since 1970-01-01 in Amsterdam.
// The bucket of the previous call is cached with its bounds (Add checks
// them inline).
func (s *Series) bucketOf(t time.Time) int64 {
	sec := t.Unix()
	if sec >= s.lo && sec < s.hi {
		return s.cached
	}
	var idx, lo, hi int64
	switch s.cfg.bucket {
	case Minute:
		idx = floorDiv(sec, 60)
		lo, hi = idx*60, idx*60+60
	case Hour:
		idx = floorDiv(sec, 3600)
		lo, hi = idx*3600, idx*3600+3600
	default:
		idx, lo, hi = calendarBucket(t, s.cfg.bucket)
	}
	s.cached, s.lo, s.hi = idx, lo, hi
	return idx
}

// calendarBucket returns the day or week index of t in Amsterdam and the
// bucket's bounds in Unix seconds.
func calendarBucket(t time.Time, b Bucket) (idx, lo, hi int64) {
	y, m, d := t.In(amsterdam).Date()
	day := floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400)
	if b == Week {
		idx = floorDiv(day+3, 7) // 1970-01-01 is a Thursday
		start := idx*7 - 3
		return idx, dayStart(start).Unix(), dayStart(start + 7).Unix()
	}
	return day, dayStart(day).Unix(), dayStart(day + 1).Unix()
}

// dayStart returns local midnight in Amsterdam of day d since 1970-01-01.
func dayStart(d int64) time.Time {
	return time.Date(1970, 1, 1+int(d), 0, 0, 0, 0, amsterdam)
}

// bounds returns the UTC start and end of bucket idx.
func (c seriesConfig) bounds(idx int64) (time.Time, time.Time) {
	switch c.bucket {
	case Minute:
		return time.Unix(idx*60, 0).UTC(), time.Unix((idx+1)*60, 0).UTC()
	case Hour:
		return time.Unix(idx*3600, 0).UTC(), time.Unix((idx+1)*3600, 0).UTC()
	case Week:
		return dayStart(idx*7 - 3).UTC(), dayStart(idx*7 + 4).UTC()
	}
	return dayStart(idx).UTC(), dayStart(idx + 1).UTC()
}

// rowKey identifies one area, level, role and bucket ([Indicator]'s
// rows).
type rowKey struct {
	area   geo.AreaID
	bucket int64
	level  geo.Level
	role   geo.Role
}

// dup reports whether a's area, level and role occur among the earlier
// refs.
func dup(prev []AreaRef, a AreaRef) bool {
	for _, p := range prev {
		if p.Area == a.Area && p.Level == a.Level && p.Role == a.Role {
			return true
		}
	}
	return false
}

// Add counts o in every cell of its areas × (all posts and each matched
// profile) in its time bucket.
func (s *Series) Add(o Observation) {
	if len(o.Areas) == 0 {
		return
	}
	b := s.cached // bucketOf's cached bucket, checked inline
	if sec := o.Time.Unix(); sec < s.lo || sec >= s.hi {
		b = s.bucketOf(o.Time)
	}
	// u is set field by field: a composite literal was built in a
	// temporary and copied.
	var u cellUpdate
	u.w, u.x = o.Weight, o.Polarity
	e, pi := s.platCache.entry(o.Platform) // platformID, inline
	if pi < 0 {
		pi = s.platformMiss(o.Platform, e)
	}
	u.flags = uint16(o.Flags) & (1<<NumFlags - 1)
	u.setPlatform(pi) // after the flags (u.rare)
	u.exact = s.cfg.exact
	if o.Author != "" {
		u.author, u.hasAuthor = makeAuthorKey(hash64(o.Author), s.cfg.p), true
	}
	if u.w == 0 {
		u.w = 1
	}
	// The polarity clipped to [−1, 1] as math.Max(-1, math.Min(1, x)):
	// NaN and −0 pass unchanged.
	if u.x > 1 {
		u.x = 1
	} else if u.x < -1 {
		u.x = -1
	}
	u.scored = o.Label != 0 && u.x == u.x
	u.setLabel(int(o.Label))
	// The profile IDs as bits of pm (profile 0, all posts, always): an
	// ID of rowProfiles or more sets bit rowProfiles, which sends the
	// observation to the general path (cellsSlow), as does a row or
	// cell that does not exist yet. A bit mask needs no slice and no
	// test for duplicates.
	pm := uint8(1)
	for i := range o.Profiles {
		p := o.Profiles[i].ID
		e, id := s.profCache.entry(p) // profileID, inline
		if id < 0 {
			id = s.profileMiss(p, e)
		}
		pm |= 1 << min(uint(id), rowProfiles)
	}
	if pm < 1<<rowProfiles && s.addFast(o.Areas, b, pm, &u) {
		return
	}
	for _, c := range s.cellsSlow(o.Areas, b, s.profileIDs(o.Profiles)) {
		if st := &s.cells[c.ci]; s.aux[c.ci].authors.w == 0 {
			st.add(&u, c.class, s)
		} else { // a column of its row's joint author table
			st.addCounts(&u, c.class, s)
			if u.hasAuthor {
				s.jointAddCell(&s.rows[c.ri], c.ci, &u, c.class)
			}
		}
	}
}

// profileIDs returns 0 and the distinct IDs of profiles (in s.profBuf).
func (s *Series) profileIDs(profiles []ProfileMatch) []uint32 {
	profs := append(s.profBuf[:0], 0)
	for i := range profiles {
		if id := s.profileID(profiles[i].ID); !slices.Contains(profs, id) {
			profs = append(profs, id)
		}
	}
	s.profBuf = profs
	return profs
}

// cellsSlow returns the cells of areas × profs in bucket b (in
// s.cellBuf), creating rows and cells as needed (see addFast).
func (s *Series) cellsSlow(areas []AreaRef, b int64, profs []uint32) []cellRef {
	// One row per distinct (area, level, role), one cell per profile of
	// the row. homes[l] is the area index of the author's home at level l
	// (0: unknown; index 0 is no area).
	var homes [9]uint32
	rows := s.rowBuf[:0]
	for i := range areas {
		a := &areas[i]
		ri := s.rowOf(a.Area, uint64(b)<<16|uint64(a.Level)<<8|uint64(a.Role))
		if a.Role == geo.RoleHome && a.Level < 8 && a.Area != "" {
			homes[a.Level] = s.rows[ri].aid
		}
		if !slices.Contains(rows, ri) { // a repeated reference counts once
			rows = append(rows, ri)
		}
	}
	refs := s.cellBuf[:0]
	for _, ri := range rows {
		r := &s.rows[ri] // valid throughout: cellOf adds cells, not rows
		class := classOf(&homes, geo.Level(r.tail>>8), r.aid)
		for _, pid := range profs {
			ci, _ := s.cellOf(ri, pid, true)
			refs = append(refs, cellRef{ci, ri, class})
		}
	}
	s.rowBuf, s.cellBuf = rows, refs
	return refs
}

// Merge adds other's cells into s. It returns an error wrapping
// [ErrSeriesMismatch] when bucket, ExactAuthors or Precision differ.
// Counts, author sets and sketches merge exactly (commutative and
// associative); weighted posts and the sentiment moments (Chan et al.'s
// parallel formula) are float64 and agree with a sequential Add up to
// rounding.
func (s *Series) Merge(other *Series) error {
	if s.cfg != other.cfg {
		return fmt.Errorf("%w: %+v and %+v", ErrSeriesMismatch, s.cfg, other.cfg)
	}
	if other == s {
		c, _ := s.clone()
		other = c
	}
	s.subsets = s.subsets && other.subsets
	s.unjoinAll() // Merge changes cells' sets as sets of their own
	platMap := make([]int, len(other.platforms))
	for i, p := range other.platforms {
		platMap[i] = s.platformID(p)
	}
	for i, k := range other.keys {
		o := other.at(i)
		nk := makeSeriesKey(s.areaID(other.areas[k.area()]), s.profileID(other.profiles[k.profile()]), k.bucket(), k.level(), k.role())
		st, _ := s.cell(nk)
		st.merge(o, platMap, s.cfg)
	}
	return nil
}

func (c cell) merge(o cell, platMap []int, cfg seriesConfig) {
	c.flushHigh() // the merged counts go to deltas below deltaMax
	c.addPosts(o.count())
	c.weighted += o.weighted
	if o.scored > 0 {
		na, nb := float64(c.scored), float64(o.scored)
		n := na + nb
		d := o.mean - c.mean
		c.mean += d * nb / n
		c.m2 += o.m2 + d*d*na*nb/n
		c.scored += o.scored
	}
	for l := range NumLabels {
		c.addLabel(l, o.label(l))
	}
	if f := o.flags(); f != ([NumFlags]int64{}) {
		cold := c.coldPart()
		for i := range cold.flags {
			cold.flags[i] += f[i]
		}
	}
	c.addClassPosts(classUnknown, o.classPostsOf(classUnknown))
	c.addClassPosts(classOutsider, o.classPostsOf(classOutsider))
	for i := range min(o.numPlatforms(), len(platMap)) {
		if n := o.platformPosts(i); n != 0 {
			c.addPlatform(platMap[i], n)
		}
	}
	c.authors.merge(&o.authors, cfg.exact, cfg.p)
	c.syncAuthors(&c.authors)
}

func (s *Series) clone() (*Series, error) {
	b, err := s.MarshalBinary()
	if err != nil {
		return nil, err
	}
	c := &Series{opts: s.opts}
	return c, c.UnmarshalBinary(b)
}

// Fork returns a new, empty *Series with s's options.
func (s *Series) Fork() Aggregator {
	c := &Series{opts: s.opts, cfg: s.cfg}
	c.reset()
	return c
}

// Join merges a (a *Series) into s; see [Series.Merge]. Any other type
// gives [ErrSeriesMismatch].
func (s *Series) Join(a Aggregator) error { return join(a, s.Merge, ErrSeriesMismatch) }

// LabelCounts counts scored posts per sentiment label.
type LabelCounts struct {
	Neutral, Positive, Negative, Mixed int64
}

// PlatformPosts is the number of posts from one platform.
type PlatformPosts struct {
	Platform string
	Posts    int64
}

// SeriesCell is one result row of a [Series].
type SeriesCell struct {
	Area    geo.AreaID
	Level   geo.Level
	Role    geo.Role
	Profile string // "" for all posts
	// Start and End bound the bucket [Start, End), in UTC.
	Start, End time.Time

	// Posts and Weighted count posts and Σ weight.
	Posts    int64
	Weighted float64
	// Authors is the number of unique authors, an HLL estimate when
	// AuthorsExact is false.
	Authors      int64
	AuthorsExact bool
	// Scored posts have a sentiment; Sentiment is their mean polarity and
	// SentimentVar the sample variance M2/(n−1) (NaN when undefined).
	Scored                  int64
	Sentiment, SentimentVar float64
	Labels                  LabelCounts
	// Flags counts posts per sentiment flag bit: Flags[i] is the number
	// of posts with flag 1<<i (e.g. Flags[1] is sarcasm).
	Flags [NumFlags]int64

	// Outsiders and UnknownHome count the unique authors whose home at
	// this level is another area or unknown; OutsiderShare and
	// UnknownShare divide them by Authors. OutsiderPosts and
	// UnknownHomePosts count their posts.
	Outsiders, UnknownHome          int64
	OutsiderShare, UnknownShare     float64
	OutsiderPosts, UnknownHomePosts int64
	// Platforms gives the posts per platform, by platform name.
	Platforms []PlatformPosts

	// Population is the number of inhabitants of Area (0 when unknown);
	// Rate and AuthorRate are Posts and Authors per 10,000 inhabitants
	// (NaN when the population is unknown).
	Population       int
	Rate, AuthorRate float64

	Disclosure
}

// Results releases the series under policy (nil: [DefaultPolicy]) and
// yields one [SeriesCell] per cell, ordered by bucket, level, role,
// profile and area. The release happens when Results is called (noise is
// drawn then); the returned sequence may be iterated any number of times
// and always yields the same rows.
//
// Disclosure control: a cell with fewer than K unique authors is
// suppressed. Complementary suppression then runs over every group of
// cells that adds up to a total — same bucket, level, role and profile,
// either all areas of the level (the national total) or the children of
// one parent area (from Parents or Gazetteer) — until no group has a
// lone suppressed cell or suppressed cells with fewer than K authors
// together (see [Complement]). An invalid policy suppresses every cell.
//
// With noise (Policy.Epsilon > 0) each unsuppressed cell publishes q = 4
// noisy counts: Posts (contribution-bounded to MaxContrib per author,
// sensitivity MaxContrib), Authors, Outsiders and UnknownHome
// (sensitivity 1), each with Laplace scale 4·Δ/ε; shares and rates are
// computed from the noisy counts, and all other statistics (Weighted,
// sentiment, labels, flags, posts by class and platform) are withheld
// (zero, NaN or nil). For cells beyond ExactAuthors (sketched) the
// bound is approximated by min(posts, MaxContrib·authors) and the HLL
// estimate itself is not calibrated for privacy, so the guarantee holds
// only for exact cells; such cells have far more than K authors.
func (s *Series) Results(policy *Policy) iter.Seq[SeriesCell] {
	rows := s.release(policy)
	return func(yield func(SeriesCell) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

func (s *Series) order() []int {
	ord := make([]int, len(s.keys))
	for i := range ord {
		ord[i] = i
	}
	slices.SortFunc(ord, func(a, b int) int {
		ka, kb := s.keys[a], s.keys[b]
		return cmp.Or(cmp.Compare(ka.bucket(), kb.bucket()), cmp.Compare(ka.level(), kb.level()), cmp.Compare(ka.role(), kb.role()),
			strings.Compare(s.profiles[ka.profile()], s.profiles[kb.profile()]), strings.Compare(string(s.areas[ka.area()]), string(s.areas[kb.area()])))
	})
	return ord
}

func (s *Series) population(a geo.AreaID) int {
	if s.opts.Population != nil {
		return s.opts.Population(a)
	}
	if s.opts.Gazetteer != nil {
		if ar, ok := s.opts.Gazetteer.Area(a); ok {
			return ar.Population
		}
	}
	return 0
}

func (s *Series) parents(a geo.AreaID) []geo.AreaID {
	if s.opts.Parents != nil {
		return s.opts.Parents(a)
	}
	if s.opts.Gazetteer != nil {
		if ar, ok := s.opts.Gazetteer.Area(a); ok {
			return ar.Parents
		}
	}
	return nil
}

func (s *Series) release(policy *Policy) []SeriesCell {
	valid := policy.Validate() == nil
	ord := s.order()
	rows := make([]SeriesCell, len(ord))
	sizes := make([]int64, len(ord))
	supp := make([]bool, len(ord))
	groups := make([]cellGroup, len(ord))
	type authorCounts struct {
		authors, out, unk, bounded int64
		exact                      bool
	}
	ac := make([]authorCounts, len(ord))
	c := policy.Contrib()
	for j, i := range ord {
		k := s.keys[i]
		st := s.at(i)
		a := s.areas[k.area()]
		r := &rows[j]
		r.Area, r.Level, r.Role, r.Profile = a, k.level(), k.role(), s.profiles[k.profile()]
		r.Start, r.End = s.cfg.bounds(k.bucket())
		x := &ac[j]
		x.authors, x.out, x.unk, x.bounded, x.exact = st.authors.counts(c, st.count())
		authors := x.authors
		sizes[j] = authors
		r.Disclosure = policy.check(authors, valid)
		supp[j] = r.Suppressed
		groups[j] = cellGroup{bucket: k.bucket(), level: k.level(), role: k.role(), profile: r.Profile}
	}
	complementGroups(len(rows), sizes, supp, policy.MinAuthors(), func(i int, emit func(string)) {
		emit("")
		for _, p := range s.parents(rows[i].Area) {
			emit(string(p))
		}
	}, groups, func(i int) {
		rows[i].Disclosure = Disclosure{Suppressed: true, Reason: ReasonComplementary}
	})
	for j, i := range ord {
		r := &rows[j]
		r.Sentiment, r.SentimentVar, r.OutsiderShare, r.UnknownShare = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		r.Weighted, r.Rate, r.AuthorRate = math.NaN(), math.NaN(), math.NaN()
		r.Population = s.population(r.Area)
		if r.Suppressed {
			r.Weighted = 0
			continue
		}
		st := s.at(i)
		x := ac[j]
		authors, out, unk, bounded, exact := x.authors, x.out, x.unk, x.bounded, x.exact
		if r.Noised {
			const q = 4
			r.Posts = policy.NoisyCount(bounded, float64(c), q)
			r.Authors = policy.NoisyCount(authors, 1, q)
			r.Outsiders = policy.NoisyCount(out, 1, q)
			r.UnknownHome = policy.NoisyCount(unk, 1, q)
			r.AuthorsExact = false
		} else {
			r.Posts, r.Weighted, r.Authors, r.AuthorsExact = st.count(), st.weighted, authors, exact
			r.Scored = st.scored
			if st.scored > 0 {
				r.Sentiment = st.mean
			}
			if st.scored > 1 {
				r.SentimentVar = st.m2 / float64(st.scored-1)
			}
			r.Labels = LabelCounts{st.label(int(sentiment.Neutral)), st.label(int(sentiment.Positive)), st.label(int(sentiment.Negative)), st.label(int(sentiment.Mixed))}
			r.Flags = st.flags()
			r.Outsiders, r.UnknownHome = out, unk
			r.OutsiderPosts, r.UnknownHomePosts = st.classPostsOf(classOutsider), st.classPostsOf(classUnknown)
			for p := range min(st.numPlatforms(), len(s.platforms)) {
				if n := st.platformPosts(p); n > 0 {
					r.Platforms = append(r.Platforms, PlatformPosts{s.platforms[p], n})
				}
			}
			slices.SortFunc(r.Platforms, func(a, b PlatformPosts) int { return strings.Compare(a.Platform, b.Platform) })
		}
		if r.Authors > 0 {
			r.OutsiderShare = float64(r.Outsiders) / float64(r.Authors)
			r.UnknownShare = float64(r.UnknownHome) / float64(r.Authors)
		}
		if r.Population > 0 {
			r.Rate = float64(r.Posts) * 1e4 / float64(r.Population)
			r.AuthorRate = float64(r.Authors) * 1e4 / float64(r.Population)
		}
	}
	return rows
}

const seriesMagic = "SGseries"

// seriesVersion is the version of the binary format of [Series].
const seriesVersion = 1

// MarshalBinary encodes the series exactly (version 1): magic
// "SGseries", version, bucket, ExactAuthors, precision, then the cells in
// [Series.Results] order, each with its key (area, level, role, profile,
// bucket), counts, float64 moments (bit-exact), label and flag counts,
// posts per platform (by name, sorted) and its author set (sorted
// (hash, count·class) pairs while exact, raw HyperLogLog registers when
// sketched). Equal series give equal bytes; the functions in
// SeriesOptions are not encoded.
func (s *Series) MarshalBinary() ([]byte, error) {
	size := 32
	for i := range s.cells {
		st := &s.aux[i]
		size += 200 + st.authors.encodedSize()
	}
	b := make([]byte, 0, size)
	b = append(b, seriesMagic...)
	b = append(b, seriesVersion, byte(s.cfg.bucket))
	b = binary.AppendUvarint(b, uint64(s.cfg.exact))
	b = append(b, s.cfg.p)
	ord := s.order()
	b = binary.AppendUvarint(b, uint64(len(ord)))
	type pp struct {
		name string
		n    int64
	}
	var plats []pp
	for _, i := range ord {
		k, st := s.keys[i], s.at(i)
		b = appendString(b, string(s.areas[k.area()]))
		b = append(b, byte(k.level()), byte(k.role()))
		b = appendString(b, s.profiles[k.profile()])
		b = binary.AppendVarint(b, k.bucket())
		b = binary.AppendUvarint(b, uint64(st.count()))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(st.weighted))
		b = binary.AppendUvarint(b, uint64(st.scored))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(st.mean))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(st.m2))
		for l := range NumLabels {
			b = binary.AppendUvarint(b, uint64(st.label(l)))
		}
		for _, c := range st.flags() {
			b = binary.AppendUvarint(b, uint64(c))
		}
		b = binary.AppendUvarint(b, uint64(st.classPostsOf(classOutsider)))
		b = binary.AppendUvarint(b, uint64(st.classPostsOf(classUnknown)))
		plats = plats[:0]
		for p := range min(st.numPlatforms(), len(s.platforms)) {
			if n := st.platformPosts(p); n > 0 {
				plats = append(plats, pp{s.platforms[p], n})
			}
		}
		slices.SortFunc(plats, func(a, b pp) int { return strings.Compare(a.name, b.name) })
		b = binary.AppendUvarint(b, uint64(len(plats)))
		for _, p := range plats {
			b = appendString(b, p.name)
			b = binary.AppendUvarint(b, uint64(p.n))
		}
		b = st.authors.appendTo(b)
	}
	return b, nil
}

// UnmarshalBinary decodes the output of [Series.MarshalBinary],
// replacing s's state and its bucket, ExactAuthors and Precision; the
// function and gazetteer fields of its options are kept. Malformed input
// gives an error wrapping [ErrBadEncoding] (never a panic); s is then
// unchanged.
func (s *Series) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if string(r.bytes(uint64(len(seriesMagic)), "magic")) != seriesMagic {
		return fmt.Errorf("%w: not a series", ErrBadEncoding)
	}
	hd := r.bytes(2, "header")
	exact := r.uvarint("exact authors")
	pb := r.bytes(1, "precision")
	if r.err != nil {
		return r.err
	}
	if hd[0] != seriesVersion {
		return fmt.Errorf("%w: series version %d", ErrBadEncoding, hd[0])
	}
	cfg := seriesConfig{bucket: Bucket(hd[1]), exact: int(exact), p: pb[0]}
	if cfg.bucket < Minute || cfg.bucket > Week || exact == 0 || exact > 4096 || cfg.p < MinHLLPrecision || cfg.p > MaxHLLPrecision {
		return fmt.Errorf("%w: bad series header", ErrBadEncoding)
	}
	n := r.uvarint("cells")
	if r.err == nil && n > uint64(len(r.b))/40 {
		r.fail("cells")
	}
	t := &Series{opts: s.opts, cfg: cfg}
	t.reset()
	for i := uint64(0); i < n && r.err == nil; i++ {
		area := geo.AreaID(r.str("area"))
		lr := r.bytes(2, "level and role")
		prof := r.str("profile")
		bucket := r.varint("bucket")
		if r.err != nil {
			break
		}
		if bucket < -1<<46 || bucket >= 1<<46 {
			r.fail("bucket")
			break
		}
		k := makeSeriesKey(t.areaID(area), t.profileID(prof), bucket, geo.Level(lr[0]), geo.Role(lr[1]))
		st, dup := t.cell(k)
		if dup {
			r.fail("duplicate cell")
			break
		}
		st.addPosts(int64(r.uvarint("posts")))
		st.weighted = math.Float64frombits(r.u64("weighted"))
		st.scored = int64(r.uvarint("scored"))
		st.mean = math.Float64frombits(r.u64("mean"))
		st.m2 = math.Float64frombits(r.u64("m2"))
		for l := range NumLabels {
			st.addLabel(l, int64(r.uvarint("label")))
		}
		var flags [NumFlags]int64
		for j := range flags {
			flags[j] = int64(r.uvarint("flag"))
		}
		if flags != ([NumFlags]int64{}) {
			st.coldPart().flags = flags
		}
		st.addClassPosts(classOutsider, int64(r.uvarint("outsider posts")))
		st.addClassPosts(classUnknown, int64(r.uvarint("unknown posts")))
		np := r.uvarint("platforms")
		if r.err != nil || np > uint64(len(r.b)) {
			r.fail("platforms")
			break
		}
		last := ""
		for j := uint64(0); j < np && r.err == nil; j++ {
			name := r.str("platform")
			c := int64(r.uvarint("platform posts"))
			if r.err != nil {
				break
			}
			if (j > 0 && name <= last) || c <= 0 {
				r.fail("platform")
				break
			}
			last = name
			st.addPlatform(t.platformID(name), c)
		}
		st.setAuthors(r.authorSet(cfg.exact, cfg.p))
		if r.err == nil && (st.count() < 0 || st.scored < 0 || st.scored > st.count()) {
			r.fail("counts")
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	t.subsets = false // not checked (see Series.subsets)
	*s = *t
	return nil
}
