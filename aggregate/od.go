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

// ErrODMismatch is returned by [OD.Merge] and [OD.Join] when the two
// aggregators were built with different options (or Join gets another
// type).
var ErrODMismatch = errors.New("aggregate: origin-destination options differ")

// ODOptions configures an [OD]. A nil value means defaults.
type ODOptions struct {
	// Level restricts origins and destinations to one level (e.g.
	// geo.LevelMunicipality); 0 means every level. An origin and a
	// destination are always paired at the same level.
	Level geo.Level
	// Roles are the destination roles; nil means geo.RoleFrom and
	// geo.RoleAbout (where a visitor posts from, what a post is about).
	// The origin is always the author's home area (geo.RoleHome).
	Roles []geo.Role
	// Profiles lists the profile IDs counted per profile in addition to
	// all posts (profile ""); nil means every matched profile.
	Profiles []string
	// Window splits counts into time windows aligned on the Unix epoch
	// (UTC): [t.Truncate(Window), +Window). 0 means no split (one window
	// for all time; results then have zero Start and End).
	Window time.Duration
	// MaxAuthors bounds the author hashes kept per pair; 0 means
	// [DefaultMaxAuthors]. Up to it unique authors are exact; beyond it a
	// bottom-k estimate (see [GridOptions.MaxAuthors]).
	MaxAuthors int
}

func (o *ODOptions) norm() ODOptions {
	var n ODOptions
	if o != nil {
		n = *o
		n.Roles = slices.Clone(o.Roles)
		n.Profiles = slices.Clone(o.Profiles)
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
	if n.Window < 0 {
		n.Window = 0
	}
	if n.MaxAuthors <= 0 {
		n.MaxAuthors = DefaultMaxAuthors
	}
	return n
}

func (o *ODOptions) equal(p *ODOptions) bool {
	return o.Level == p.Level && slices.Equal(o.Roles, p.Roles) && (o.Profiles == nil) == (p.Profiles == nil) &&
		slices.Equal(o.Profiles, p.Profiles) && o.Window == p.Window && o.MaxAuthors == p.MaxAuthors
}

type odKey struct {
	window  int64 // window index; 0 when Window is 0
	level   geo.Level
	dest    geo.AreaID
	profile string
	origin  geo.AreaID // "" = home unknown
}

func cmpODKey(a, b odKey) int {
	return cmp.Or(cmp.Compare(a.window, b.window), cmp.Compare(a.level, b.level), strings.Compare(string(a.dest), string(b.dest)),
		strings.Compare(a.profile, b.profile), strings.Compare(string(a.origin), string(b.origin)))
}

type odPair struct {
	posts   int64
	authors kmvSet
}

// OD is an origin–destination aggregator: for every pair (home area of
// the author → area a post was sent from or is about), per level, per
// profile and optionally per time window, it counts posts and unique
// authors. It answers "the visitors of an event: where do they come
// from?" (see [OD.Visitors]).
//
// An observation adds one post to each pair (origin, destination) with
// origin one of its home areas at the destination's level (or "" when the
// author's home is unknown at that level) and destination each distinct
// area of a destination role. A post from and about the same area counts
// once for it. Authors are kept as 64-bit hashes (as in [Grid]); the
// serialised state holds no author key.
//
// Memory: about 120 bytes per pair plus 16 bytes per distinct author of
// the pair (bounded by [ODOptions.MaxAuthors]).
//
// An OD is not safe for concurrent use: one per goroutine, then
// [OD.Merge] (or [OD.Fork] and [OD.Join]). The zero value is not usable;
// use [NewOD].
type OD struct {
	opts    ODOptions
	roles   [8]bool // indexed by geo.Role (a uint8 < 8 in practice)
	profile map[string]bool
	pairs   map[odKey]*odPair
}

// NewOD returns an empty origin–destination aggregator.
func NewOD(opts *ODOptions) *OD {
	d := &OD{opts: opts.norm(), pairs: map[odKey]*odPair{}}
	d.index()
	return d
}

func (d *OD) index() {
	d.roles = roleSet(d.opts.Roles)
	d.profile = profileSet(d.opts.Profiles)
}

// Add counts o for every (home → destination) pair it has, once for all
// posts (profile "") and once per counted matched profile.
func (d *OD) Add(o Observation) {
	var w int64
	if d.opts.Window > 0 {
		w = floorDiv(o.Time.UnixNano(), int64(d.opts.Window))
	}
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	for i, dst := range o.Areas {
		if int(dst.Role) >= len(d.roles) || !d.roles[dst.Role] || (d.opts.Level != 0 && dst.Level != d.opts.Level) {
			continue
		}
		if odSeenBefore(o.Areas[:i], dst, &d.roles) {
			continue
		}
		home := false
		for j, src := range o.Areas {
			if src.Role != geo.RoleHome || src.Level != dst.Level || odHomeSeen(o.Areas[:j], src) {
				continue
			}
			home = true
			d.addPair(odKey{w, dst.Level, dst.Area, "", src.Area}, o, ah)
		}
		if !home {
			d.addPair(odKey{w, dst.Level, dst.Area, "", ""}, o, ah)
		}
	}
}

// odSeenBefore reports whether an earlier destination ref names the same
// area at the same level (a post from and about the same place).
func odSeenBefore(prev []AreaRef, a AreaRef, roles *[8]bool) bool {
	for _, p := range prev {
		if p.Area == a.Area && p.Level == a.Level && int(p.Role) < len(roles) && roles[p.Role] {
			return true
		}
	}
	return false
}

func odHomeSeen(prev []AreaRef, a AreaRef) bool {
	for _, p := range prev {
		if p.Role == geo.RoleHome && p.Area == a.Area && p.Level == a.Level {
			return true
		}
	}
	return false
}

func (d *OD) addPair(k odKey, o Observation, ah uint64) {
	d.add(k, o.Author != "", ah)
	for i, pm := range o.Profiles {
		if pm.ID == "" || (d.profile != nil && !d.profile[pm.ID]) || odProfileSeen(o.Profiles[:i], pm.ID) {
			continue
		}
		k.profile = pm.ID
		d.add(k, o.Author != "", ah)
	}
}

func odProfileSeen(prev []ProfileMatch, id string) bool {
	for _, p := range prev {
		if p.ID == id {
			return true
		}
	}
	return false
}

func (d *OD) add(k odKey, hasAuthor bool, ah uint64) {
	p := d.pairs[k]
	if p == nil {
		p = &odPair{}
		d.pairs[k] = p
	}
	p.posts++
	if hasAuthor {
		p.authors.add(ah, d.opts.MaxAuthors)
	}
}

// Merge adds other's counts into d. It returns an error wrapping
// [ErrODMismatch] when the options differ (d is then unchanged). Merge is
// commutative and associative.
func (d *OD) Merge(other *OD) error {
	if !d.opts.equal(&other.opts) {
		return ErrODMismatch
	}
	for k, o := range other.pairs {
		p := d.pairs[k]
		if p == nil {
			p = &odPair{}
			d.pairs[k] = p
		}
		p.posts += o.posts
		p.authors.merge(&o.authors, d.opts.MaxAuthors)
	}
	return nil
}

// Fork returns a new, empty OD with d's options (see [Parallel]).
func (d *OD) Fork() Aggregator {
	n := &OD{opts: d.opts, pairs: map[odKey]*odPair{}}
	n.opts.Roles = slices.Clone(d.opts.Roles)
	n.opts.Profiles = slices.Clone(d.opts.Profiles)
	n.index()
	return n
}

// Join merges a, which must be an *OD with the same options, into d.
func (d *OD) Join(a Aggregator) error { return join(a, d.Merge, ErrODMismatch) }

// ODFlow is one origin–destination pair of an [OD].
type ODFlow struct {
	// Start and End bound the window [Start, End) in UTC; both are zero
	// when the OD has no Window (and for [OD.Visitors] rows, the queried
	// span).
	Start, End time.Time
	// Level is the level of both areas.
	Level geo.Level
	// Origin is the authors' home area; "" means home unknown at this
	// level. In [ODVisitors.Other] it is "" and stands for the combined
	// withheld origins.
	Origin geo.AreaID
	// Dest is the area posted from or about.
	Dest geo.AreaID
	// Profile is the profile ID, "" for all posts.
	Profile string
	// Posts and Authors (unique) of the pair; Authors is a bottom-k
	// estimate when AuthorsExact is false.
	Posts, Authors int64
	AuthorsExact   bool
	// Share is Authors divided by the destination's unique authors; set
	// only by [OD.Visitors].
	Share float64
	// Disclosure says whether the pair is suppressed (fewer than K unique
	// authors, counts then zero) or noised (Posts and Authors, q = 2
	// noised statistics; Posts is bounded to MaxContrib per author first).
	Disclosure
}

// Results yields every pair in a stable order (window, level, destination,
// profile, origin) with disclosure control: pairs with fewer than K unique
// authors are suppressed (K from p, see [Policy]; nil means K = 10), and
// with p.Epsilon > 0 Posts and Authors are noised (q = 2; the noise is
// drawn in the result order). No
// totals are yielded, so a suppressed pair cannot be recovered by
// subtraction; use [OD.Visitors] for totals with complementary
// suppression. The sequence is single-use and must not run while d is
// modified.
func (d *OD) Results(p *Policy) iter.Seq[ODFlow] {
	valid := p.Validate() == nil
	keys := make([]odKey, 0, len(d.pairs))
	for key := range d.pairs {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, cmpODKey)
	return func(yield func(ODFlow) bool) {
		for _, key := range keys {
			pr := d.pairs[key]
			r := ODFlow{Level: key.level, Origin: key.origin, Dest: key.dest, Profile: key.profile}
			r.Start, r.End = d.window(key.window)
			n := pr.authors.count()
			if r.Disclosure = p.check(n, valid); !r.Suppressed {
				r.Posts, r.Authors, r.AuthorsExact = odNoisyPosts(p, pr.posts, n, 2), p.NoisyCount(n, 1, 2), !pr.authors.sat
			}
			if !yield(r) {
				return
			}
		}
	}
}

func (d *OD) window(w int64) (start, end time.Time) {
	if d.opts.Window == 0 {
		return time.Time{}, time.Time{}
	}
	start = time.Unix(0, w*int64(d.opts.Window)).UTC()
	return start, start.Add(d.opts.Window)
}

// ODQuery selects the destination of [OD.Visitors].
type ODQuery struct {
	// Dest is the destination area and Level its level.
	Dest  geo.AreaID
	Level geo.Level
	// Profile is the profile ID; "" means all posts.
	Profile string
	// Start and End select the windows that overlap [Start, End) when the
	// OD has a Window; zero values mean unbounded. Ignored without Window.
	Start, End time.Time
	// Top is the maximum number of origins listed; 0 means 10. The rest
	// are combined in [ODVisitors.Other].
	Top int
}

// ODVisitors answers "the visitors of a destination: where do they come
// from?" (see [OD.Visitors]).
type ODVisitors struct {
	// Query is the query, with Top defaulted.
	Query ODQuery
	// Posts and Authors count all posts and unique authors about or from
	// the destination (over the selected windows; an author counted once).
	Posts, Authors int64
	AuthorsExact   bool
	// Origins are the published origins, largest first (by Authors, then
	// Posts, then Origin), at most Query.Top. Share is the origin's
	// Authors divided by the destination's Authors.
	Origins []ODFlow
	// Other combines every origin not listed (suppressed, withheld to
	// protect them, or beyond Top), with Origin ""; it is zero when
	// Withheld is 0 and otherwise always has at least K unique authors.
	// Withheld is the number of origins combined in it.
	Other    ODFlow
	Withheld int
	// Disclosure: Suppressed when the destination has fewer than K unique
	// authors, or when the withheld origins cannot be combined into a
	// group of at least K (then nothing else is set); Noised when p adds
	// noise (to every published count: q = 2 per row).
	Disclosure
}

// Visitors returns the top origins of a destination with disclosure
// control (K from p, nil means 10):
//
//   - the destination is suppressed when it has fewer than K unique
//     authors;
//   - an origin with fewer than K unique authors is not listed
//     (primary suppression);
//   - the unlisted origins are combined in Other; when Other is not empty
//     and has fewer than K unique authors, the smallest listed origins are
//     moved into it until it has K (complementary suppression), so that no
//     suppressed origin can be recovered as Total − Σ listed. If even then
//     Other has fewer than K authors, the whole answer is suppressed.
//
// Unique authors over several windows or origins are the size of the
// union of their author sets (exact up to MaxAuthors).
func (d *OD) Visitors(q ODQuery, p *Policy) ODVisitors {
	valid := p.Validate() == nil
	k := int64(p.MinAuthors())
	if q.Top <= 0 {
		q.Top = 10
	}
	res := ODVisitors{Query: q}
	type agg struct {
		origin  geo.AreaID
		posts   int64
		authors kmvSet
	}
	byOrigin := map[geo.AreaID]*agg{}
	var total agg
	for key, pr := range d.pairs {
		if key.dest != q.Dest || key.level != q.Level || key.profile != q.Profile {
			continue
		}
		if d.opts.Window > 0 {
			s, e := d.window(key.window)
			if (!q.End.IsZero() && !s.Before(q.End)) || (!q.Start.IsZero() && !e.After(q.Start)) {
				continue
			}
		}
		a := byOrigin[key.origin]
		if a == nil {
			a = &agg{origin: key.origin}
			byOrigin[key.origin] = a
		}
		a.posts += pr.posts
		a.authors.merge(&pr.authors, d.opts.MaxAuthors)
		total.posts += pr.posts
		total.authors.merge(&pr.authors, d.opts.MaxAuthors)
	}
	tot := total.authors.count()
	if res.Disclosure = p.check(tot, valid); res.Suppressed {
		return res
	}
	list := make([]*agg, 0, len(byOrigin))
	for _, a := range byOrigin {
		list = append(list, a)
	}
	slices.SortFunc(list, func(a, b *agg) int {
		return cmp.Or(-cmp.Compare(a.authors.count(), b.authors.count()), -cmp.Compare(a.posts, b.posts),
			strings.Compare(string(a.origin), string(b.origin)))
	})
	listed := 0
	for listed < len(list) && listed < q.Top && list[listed].authors.count() >= k {
		listed++
	}
	var other agg
	for _, a := range list[listed:] {
		other.posts += a.posts
		other.authors.merge(&a.authors, d.opts.MaxAuthors)
	}
	for listed > 0 && listed < len(list) && other.authors.count() < k {
		listed--
		other.posts += list[listed].posts
		other.authors.merge(&list[listed].authors, d.opts.MaxAuthors)
	}
	if listed < len(list) && other.authors.count() < k {
		return ODVisitors{Query: q, Disclosure: Disclosure{Suppressed: true, Reason: ReasonComplementary}}
	}
	ntot := p.NoisyCount(tot, 1, 2)
	flow := func(a *agg) ODFlow {
		n := a.authors.count()
		f := ODFlow{Level: q.Level, Origin: a.origin, Dest: q.Dest, Profile: q.Profile,
			Posts: odNoisyPosts(p, a.posts, n, 2), Authors: p.NoisyCount(n, 1, 2), AuthorsExact: !a.authors.sat,
			Disclosure: res.Disclosure}
		if d.opts.Window > 0 {
			f.Start, f.End = q.Start, q.End
		}
		if ntot > 0 {
			f.Share = float64(f.Authors) / float64(ntot)
		}
		return f
	}
	res.Posts, res.Authors, res.AuthorsExact = odNoisyPosts(p, total.posts, tot, 2), ntot, !total.authors.sat
	for _, a := range list[:listed] {
		res.Origins = append(res.Origins, flow(a))
	}
	res.Withheld = len(list) - listed
	if res.Withheld > 0 {
		res.Other = flow(&other)
		res.Other.Origin = ""
	}
	return res
}

// odNoisyPosts publishes a post count: without noise the exact count;
// with noise the count bounded to MaxContrib posts per author (at most
// authors·MaxContrib) plus Laplace noise of sensitivity MaxContrib, one
// of q noised statistics.
func odNoisyPosts(p *Policy, posts, authors int64, q int) int64 {
	if !p.Noising() {
		return posts
	}
	c := int64(p.Contrib())
	return p.NoisyCount(min(posts, authors*c), float64(c), q)
}

const odMagic = "SGod"

// odVersion is the version of the binary format of [OD].
const odVersion = 1

// MarshalBinary encodes the aggregator exactly (version 1): magic "SGod",
// version, the normalised options, then the pairs sorted as in
// [OD.Results] with their sorted author hashes. Equal aggregators give
// equal bytes.
func (d *OD) MarshalBinary() ([]byte, error) {
	o := &d.opts
	b := append([]byte(odMagic), odVersion, byte(o.Level))
	b = appendRoles(b, o.Roles)
	b = appendOptStrings(b, o.Profiles)
	b = binary.AppendVarint(b, int64(o.Window))
	b = binary.AppendUvarint(b, uint64(o.MaxAuthors))
	keys := make([]odKey, 0, len(d.pairs))
	for k := range d.pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpODKey)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		p := d.pairs[k]
		b = binary.AppendVarint(b, k.window)
		b = append(b, byte(k.level))
		b = appendString(b, string(k.dest))
		b = appendString(b, k.profile)
		b = appendString(b, string(k.origin))
		b = binary.AppendUvarint(b, uint64(p.posts))
		b = p.authors.appendTo(b)
	}
	return b, nil
}

// UnmarshalBinary decodes the output of [OD.MarshalBinary], replacing d's
// contents and options. Malformed input gives an error wrapping
// [ErrBadEncoding] (never a panic); d is then unchanged.
func (d *OD) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if err := r.header(odMagic, odVersion, "an origin-destination aggregator"); err != nil {
		return err
	}
	var o ODOptions
	if lv := r.bytes(1, "level"); r.err == nil {
		o.Level = geo.Level(lv[0])
	}
	o.Roles = r.roles()
	o.Profiles = r.optStrs("profiles")
	o.Window = time.Duration(r.varint("window"))
	o.MaxAuthors = int(r.uvarint("max authors"))
	if r.err != nil {
		return r.err
	}
	if n := o.norm(); !n.equal(&o) || o.MaxAuthors > 1<<31 {
		return fmt.Errorf("%w: options not normalised", ErrBadEncoding)
	}
	n := r.uvarint("pairs")
	if r.err == nil && n > uint64(len(r.b)) {
		r.fail("pairs")
	}
	pairs := make(map[odKey]*odPair, min(n, 1<<16))
	var prev *odKey
	for i := uint64(0); i < n && r.err == nil; i++ {
		var k odKey
		k.window = r.varint("window")
		if lv := r.bytes(1, "level"); r.err == nil {
			k.level = geo.Level(lv[0])
		}
		k.dest = geo.AreaID(r.str("dest"))
		k.profile = r.str("profile")
		k.origin = geo.AreaID(r.str("origin"))
		p := &odPair{posts: int64(r.uvarint("posts"))}
		r.kmv(&p.authors, o.MaxAuthors)
		if r.err != nil {
			break
		}
		if p.posts < 0 || (o.Window == 0 && k.window != 0) || (o.Level != 0 && k.level != o.Level) {
			r.fail("pair")
			break
		}
		if prev != nil && cmpODKey(*prev, k) >= 0 {
			r.fail("pairs not sorted")
			break
		}
		prev = &k
		pairs[k] = p
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*d = OD{opts: o, pairs: pairs}
	d.index()
	return nil
}

// kmvSet is a bottom-k set of 64-bit author hashes (as in [Grid]): exact
// up to max distinct authors, then the max smallest hashes, giving the
// estimate (k−1)·2⁶⁴/h₍k₎. The kept set does not depend on the order of
// add and merge. The zero value is an empty set.
type kmvSet struct {
	h    map[uint64]struct{}
	maxH uint64
	sat  bool
}

func (s *kmvSet) add(h uint64, max int) {
	if _, ok := s.h[h]; ok {
		return
	}
	if s.h == nil {
		s.h = map[uint64]struct{}{}
	}
	if len(s.h) < max {
		s.h[h] = struct{}{}
		s.maxH = max64(s.maxH, h)
		return
	}
	s.sat = true
	if h >= s.maxH {
		return
	}
	delete(s.h, s.maxH)
	s.h[h] = struct{}{}
	s.maxH = 0
	for x := range s.h {
		s.maxH = max64(s.maxH, x)
	}
}

func (s *kmvSet) merge(o *kmvSet, max int) {
	s.sat = s.sat || o.sat
	for h := range o.h {
		s.add(h, max)
	}
}

func (s *kmvSet) count() int64 {
	if !s.sat || len(s.h) < 2 {
		return int64(len(s.h))
	}
	return int64(math.Round(float64(len(s.h)-1) * math.Exp2(64) / float64(s.maxH)))
}

func (s *kmvSet) sorted() []uint64 {
	hs := make([]uint64, 0, len(s.h))
	for h := range s.h {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	return hs
}

// appendTo encodes the set: saturated byte, count, sorted hashes.
func (s *kmvSet) appendTo(b []byte) []byte {
	if s.sat {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	hs := s.sorted()
	b = binary.AppendUvarint(b, uint64(len(hs)))
	for _, h := range hs {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	return b
}

// kmv decodes a set written by appendTo with at most max hashes, strictly
// increasing; a saturated set must be full.
func (r *reader) kmv(s *kmvSet, max int) {
	sat := r.bytes(1, "saturated")
	n := r.uvarint("authors")
	if r.err != nil {
		return
	}
	if sat[0] > 1 || n > uint64(len(r.b))/8 || n > uint64(max) || (sat[0] == 1 && n != uint64(max)) {
		r.fail("authors")
		return
	}
	*s = kmvSet{sat: sat[0] == 1}
	if n > 0 {
		s.h = make(map[uint64]struct{}, n)
	}
	var prev uint64
	for i := uint64(0); i < n; i++ {
		h := r.u64("author")
		if i > 0 && h <= prev {
			r.fail("authors not sorted")
			return
		}
		prev = h
		s.h[h] = struct{}{}
		s.maxH = max64(s.maxH, h)
	}
}
