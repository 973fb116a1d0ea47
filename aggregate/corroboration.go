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

// ErrCorroborationMismatch is returned by [Corroboration.Merge] when the
// two aggregators were built with different options.
var ErrCorroborationMismatch = errors.New("aggregate: corroboration options differ")

// CorroborationOptions configures a [Corroboration]. A nil value means
// defaults.
type CorroborationOptions struct {
	// Window is the time window length; 0 means one hour. Windows are
	// aligned on the Unix epoch (UTC): [t.Truncate(Window), +Window).
	Window time.Duration
	// Grid, when non-nil, groups reports by the grid cell of their point
	// (reports without a point are ignored). When nil, reports are grouped
	// by every area they are about (role about or from, see Roles).
	Grid *CellScheme
	// Level restricts area grouping to one level (e.g.
	// geo.LevelMunicipality); 0 means every level.
	Level geo.Level
	// Profiles lists the profile IDs whose matches are reports; nil means
	// every profile not listed in Contradicts.
	Profiles []string
	// Contradicts lists profile IDs whose matches contradict reports in
	// the same place and window (an "all clear" / "geen wateroverlast"
	// profile).
	Contradicts []string
	// PointConfidence is the location confidence p of a grid report; 0
	// means 0.8 (a device geotag).
	PointConfidence float64
	// MaxAuthors bounds the authors kept per group (the ones with the
	// smallest hashes, so the kept set does not depend on order); 0 means
	// 1024. The confidence has saturated long before this.
	MaxAuthors int
}

func (o *CorroborationOptions) norm() CorroborationOptions {
	var n CorroborationOptions
	if o != nil {
		n = *o
		n.Profiles = slices.Clone(o.Profiles)
		n.Contradicts = slices.Clone(o.Contradicts)
	}
	if n.Window <= 0 {
		n.Window = time.Hour
	}
	if !(n.PointConfidence > 0 && n.PointConfidence <= 1) {
		n.PointConfidence = 0.8
	}
	if n.MaxAuthors <= 0 {
		n.MaxAuthors = 1024
	}
	slices.Sort(n.Profiles)
	n.Profiles = slices.Compact(n.Profiles)
	slices.Sort(n.Contradicts)
	n.Contradicts = slices.Compact(n.Contradicts)
	return n
}

func (o *CorroborationOptions) equal(p *CorroborationOptions) bool {
	return o.Window == p.Window && (o.Grid == nil) == (p.Grid == nil) && (o.Grid == nil || *o.Grid == *p.Grid) &&
		o.Level == p.Level && slices.Equal(o.Profiles, p.Profiles) && slices.Equal(o.Contradicts, p.Contradicts) &&
		o.PointConfidence == p.PointConfidence && o.MaxAuthors == p.MaxAuthors
}

type corrKey struct {
	place   string
	profile string
	window  int64 // window index: unix nanoseconds / Window
	contra  bool
}

type corrGroup struct {
	reports int64
	authors map[uint64]float64 // author hash → best location confidence
	maxHash uint64
}

// Corroboration groups reports — observations matching a profile — by
// place (area or grid cell), profile and time window, and scores how well
// each group is corroborated (after Eilander et al. 2016, who built flood
// maps from geolocated tweets and trusted locations reported by several
// people more):
//
//	support    S = 1 − Π_i (1 − p_i)      over unique authors i (noisy-OR)
//	penalty    P = n / (n + c)
//	confidence C = S · P
//
// where p_i is the best location confidence among author i's reports in
// the group (the [AreaRef.Confidence] of the area, or
// [CorroborationOptions.PointConfidence] for a grid cell), n the number of
// unique reporting authors and c the number of unique authors who posted
// a contradiction (a match of a Contradicts profile) in the same place
// and window. One author posting ten times counts once; two independent
// authors with p = 0.6 give S = 0.84; an equal number of contradicting
// authors halves it. Noisy-OR assumes independent reporters (Pearl 1988),
// which retweet chains and copy-paste campaigns violate: collapse reposts
// and near duplicates before adding (the pipeline does).
//
// Eilander, D., Trambauer, P., Wagemaker, J., van Loenen, A. (2016).
// Harvesting social media for generation of near real-time flood maps.
// Procedia Engineering 154, 176–183. doi:10.1016/j.proeng.2016.07.441
//
// A Corroboration is not safe for concurrent use: one per goroutine, then
// [Corroboration.Merge]. The zero value is not usable; use
// [NewCorroboration].
type Corroboration struct {
	opts   CorroborationOptions
	report map[string]bool
	contra map[string]bool
	groups map[corrKey]*corrGroup
}

// NewCorroboration returns an empty aggregator.
func NewCorroboration(opts *CorroborationOptions) *Corroboration {
	c := &Corroboration{opts: opts.norm(), groups: map[corrKey]*corrGroup{}}
	c.index()
	return c
}

func (c *Corroboration) index() {
	c.report, c.contra = map[string]bool{}, map[string]bool{}
	for _, p := range c.opts.Profiles {
		c.report[p] = true
	}
	for _, p := range c.opts.Contradicts {
		c.contra[p] = true
	}
}

// Add records o when it matches a report or contradiction profile and has
// a place; observations without an author do not count as authors but are
// counted as reports.
func (c *Corroboration) Add(o Observation) {
	if len(o.Profiles) == 0 {
		return
	}
	w := floorDiv(o.Time.UnixNano(), int64(c.opts.Window))
	var ah uint64
	if o.Author != "" {
		ah = authorHash(o.Author)
	}
	for _, pm := range o.Profiles {
		contra := c.contra[pm.ID]
		if !contra && len(c.report) > 0 && !c.report[pm.ID] {
			continue
		}
		if c.opts.Grid != nil {
			if o.Point == nil {
				continue
			}
			cell, ok := c.opts.Grid.Locate(*o.Point)
			if !ok {
				continue
			}
			c.add(corrKey{c.opts.Grid.ID(cell), pm.ID, w, contra}, o.Author != "", ah, c.opts.PointConfidence)
			continue
		}
		for _, a := range o.Areas {
			if (a.Role != geo.RoleAbout && a.Role != geo.RoleFrom) || (c.opts.Level != 0 && a.Level != c.opts.Level) {
				continue
			}
			c.add(corrKey{string(a.Area), pm.ID, w, contra}, o.Author != "", ah, a.Confidence)
		}
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func (c *Corroboration) add(k corrKey, hasAuthor bool, ah uint64, p float64) {
	g := c.groups[k]
	if g == nil {
		g = &corrGroup{authors: map[uint64]float64{}}
		c.groups[k] = g
	}
	g.reports++
	if hasAuthor {
		g.addAuthor(ah, clamp01(p), c.opts.MaxAuthors)
	}
}

func clamp01(p float64) float64 {
	if !(p > 0) { // also NaN
		return 0
	}
	return math.Min(p, 1)
}

func (g *corrGroup) addAuthor(h uint64, p float64, max int) {
	if q, ok := g.authors[h]; ok {
		g.authors[h] = math.Max(p, q)
		return
	}
	if len(g.authors) >= max {
		if h >= g.maxHash {
			return
		}
		delete(g.authors, g.maxHash)
		g.authors[h] = p
		g.maxHash = 0
		for k := range g.authors {
			g.maxHash = max64(g.maxHash, k)
		}
		return
	}
	g.authors[h] = p
	g.maxHash = max64(g.maxHash, h)
}

// Merge adds other's groups into c. It returns an error wrapping
// [ErrCorroborationMismatch] when the options differ. Merge is
// commutative and associative (counts add, per-author confidence is the
// maximum).
func (c *Corroboration) Merge(other *Corroboration) error {
	if !c.opts.equal(&other.opts) {
		return ErrCorroborationMismatch
	}
	for k, o := range other.groups {
		g := c.groups[k]
		if g == nil {
			g = &corrGroup{authors: make(map[uint64]float64, len(o.authors))}
			c.groups[k] = g
		}
		g.reports += o.reports
		for h, p := range o.authors {
			g.addAuthor(h, p, c.opts.MaxAuthors)
		}
	}
	return nil
}

// Corroborated is one result group of a [Corroboration].
type Corroborated struct {
	// Place is the area ID or grid cell ID; Profile the report profile.
	Place, Profile string
	// Start and End bound the time window [Start, End), UTC.
	Start, End time.Time
	// Reports is the number of matching observations; Authors the unique
	// reporting authors; Contradicting the unique authors who posted a
	// contradiction in the same place and window.
	Reports, Authors, Contradicting int
	// Support is 1 − Π(1 − p_i); Confidence is Support · n/(n + c).
	Support, Confidence float64
	// Disclosure says whether the group was suppressed (fewer than K
	// unique reporting authors, or complementary suppression: all numbers
	// are then zero) or noised.
	Disclosure
}

// Results releases the aggregator under policy (nil: [DefaultPolicy])
// and yields one [Corroborated] per place, report profile and window,
// ordered by window, place and profile. The release happens when Results
// is called; the sequence may be iterated repeatedly.
//
// Disclosure control: groups with fewer than K unique reporting authors
// are suppressed, then complementary suppression (see [Complement]) runs
// over the places of each (window, profile), whose report counts add up
// to a total. With noise (Policy.Epsilon > 0) q = 2 counts are noised:
// Authors (sensitivity 1) and Reports, bounded to MaxContrib per author
// (approximated by min(reports, MaxContrib·authors), as the aggregator
// keeps no per-author counts); Contradicting, Support and Confidence are
// then withheld (0).
func (c *Corroboration) Results(policy *Policy) iter.Seq[Corroborated] {
	rows := c.release(policy)
	return func(yield func(Corroborated) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
}

func (c *Corroboration) release(policy *Policy) []Corroborated {
	valid := policy.Validate() == nil
	// contradicting authors per (place, window)
	type pw struct {
		place string
		w     int64
	}
	contra := map[pw]map[uint64]struct{}{}
	var keys []corrKey
	for key, g := range c.groups {
		if !key.contra {
			keys = append(keys, key)
			continue
		}
		m := contra[pw{key.place, key.window}]
		if m == nil {
			m = map[uint64]struct{}{}
			contra[pw{key.place, key.window}] = m
		}
		for h := range g.authors {
			m[h] = struct{}{}
		}
	}
	slices.SortFunc(keys, func(a, b corrKey) int {
		return cmp.Or(cmp.Compare(a.window, b.window), strings.Compare(a.place, b.place), strings.Compare(a.profile, b.profile))
	})
	rows := make([]Corroborated, len(keys))
	sizes := make([]int64, len(keys))
	supp := make([]bool, len(keys))
	groups := make([]cellGroup, len(keys))
	for i, key := range keys {
		g := c.groups[key]
		start := time.Unix(0, key.window*int64(c.opts.Window)).UTC()
		rows[i] = Corroborated{Place: key.place, Profile: key.profile, Start: start, End: start.Add(c.opts.Window)}
		sizes[i] = int64(len(g.authors))
		rows[i].Disclosure = policy.check(sizes[i], valid)
		supp[i] = rows[i].Suppressed
		groups[i] = cellGroup{bucket: key.window, profile: key.profile}
	}
	complementGroups(len(rows), sizes, supp, policy.MinAuthors(), func(_ int, emit func(string)) { emit("") }, groups,
		func(i int) { rows[i].Disclosure = Disclosure{Suppressed: true, Reason: ReasonComplementary} })
	mc := int64(policy.Contrib())
	for i, key := range keys {
		r := &rows[i]
		if r.Suppressed {
			continue
		}
		g := c.groups[key]
		if r.Noised {
			a := int64(len(g.authors))
			r.Authors = int(policy.NoisyCount(a, 1, 2))
			r.Reports = int(policy.NoisyCount(min(g.reports, mc*a), float64(mc), 2))
			continue
		}
		r.Reports, r.Authors = int(g.reports), len(g.authors)
		r.Contradicting = len(contra[pw{key.place, key.window}])
		r.Support, r.Confidence = confidence(g.authors, r.Contradicting)
	}
	return rows
}

// Fork returns a new, empty *Corroboration with c's options.
func (c *Corroboration) Fork() Aggregator {
	f := &Corroboration{opts: c.opts, groups: map[corrKey]*corrGroup{}}
	f.index()
	return f
}

// Join merges a (a *Corroboration) into c; see [Corroboration.Merge].
// Any other type gives an error wrapping [ErrCorroborationMismatch].
func (c *Corroboration) Join(a Aggregator) error {
	o, ok := a.(*Corroboration)
	if !ok {
		return fmt.Errorf("%w: cannot join %T", ErrCorroborationMismatch, a)
	}
	if o == c {
		b, _ := o.MarshalBinary()
		o = &Corroboration{}
		if err := o.UnmarshalBinary(b); err != nil {
			return err
		}
	}
	return c.Merge(o)
}

// confidence computes S = 1 − Π(1 − p_i) in a fixed (hash) order so
// results do not depend on map iteration, and C = S · n/(n+c).
func confidence(authors map[uint64]float64, contra int) (support, conf float64) {
	hs := make([]uint64, 0, len(authors))
	for h := range authors {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	miss := 1.0
	for _, h := range hs {
		miss *= 1 - authors[h]
	}
	support = 1 - miss
	n := float64(len(authors))
	if n == 0 {
		return 0, 0
	}
	return support, support * n / (n + float64(contra))
}

const corrMagic = "SGcorr"

// corrVersion is the version of the binary format of [Corroboration].
const corrVersion = 1

// MarshalBinary encodes the aggregator exactly (version 1): magic
// "SGcorr", version, the normalised options, then the groups sorted by
// key with their authors (hash, confidence) sorted by hash. Equal
// aggregators give equal bytes.
func (c *Corroboration) MarshalBinary() ([]byte, error) {
	o := &c.opts
	b := append([]byte(corrMagic), corrVersion)
	b = binary.AppendVarint(b, int64(o.Window))
	if o.Grid != nil {
		b = append(b, 1)
		if o.Grid.RD {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.Grid.Size))
	} else {
		b = append(b, 0)
	}
	b = append(b, byte(o.Level))
	b = appendStrings(b, o.Profiles)
	b = appendStrings(b, o.Contradicts)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.PointConfidence))
	b = binary.AppendUvarint(b, uint64(o.MaxAuthors))
	keys := make([]corrKey, 0, len(c.groups))
	for k := range c.groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpCorrKey)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	var hs []uint64
	for _, k := range keys {
		g := c.groups[k]
		b = appendString(b, k.place)
		b = appendString(b, k.profile)
		b = binary.AppendVarint(b, k.window)
		if k.contra {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(g.reports))
		hs = hs[:0]
		for h := range g.authors {
			hs = append(hs, h)
		}
		slices.Sort(hs)
		b = binary.AppendUvarint(b, uint64(len(hs)))
		for _, h := range hs {
			b = binary.LittleEndian.AppendUint64(b, h)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(g.authors[h]))
		}
	}
	return b, nil
}

func cmpCorrKey(a, b corrKey) int {
	ac, bc := 0, 0
	if a.contra {
		ac = 1
	}
	if b.contra {
		bc = 1
	}
	return cmp.Or(cmp.Compare(a.window, b.window), strings.Compare(a.place, b.place), strings.Compare(a.profile, b.profile), cmp.Compare(ac, bc))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

func (r *reader) str(what string) string {
	return string(r.bytes(r.uvarint(what), what))
}

func (r *reader) strs(what string) []string {
	n := r.uvarint(what)
	if r.err != nil || n > uint64(len(r.b)) {
		r.fail(what)
		return nil
	}
	var ss []string
	for i := uint64(0); i < n && r.err == nil; i++ {
		ss = append(ss, r.str(what))
	}
	return ss
}

// appendRoles encodes roles as a count and one byte each.
func appendRoles(b []byte, roles []geo.Role) []byte {
	b = binary.AppendUvarint(b, uint64(len(roles)))
	for _, r := range roles {
		b = append(b, byte(r))
	}
	return b
}

func (r *reader) roles() []geo.Role {
	n := r.uvarint("roles")
	if r.err == nil && n > uint64(len(r.b)) {
		r.fail("roles")
	}
	var roles []geo.Role
	for _, c := range r.bytes(n, "roles") {
		roles = append(roles, geo.Role(c))
	}
	return roles
}

// appendOptStrings encodes a list that may be nil (0) or present (1 and
// the list, possibly empty), so that nil and empty stay apart.
func appendOptStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, 0)
	}
	return appendStrings(append(b, 1), ss)
}

func (r *reader) optStrs(what string) []string {
	hp := r.bytes(1, what)
	if r.err != nil {
		return nil
	}
	switch hp[0] {
	case 0:
		return nil
	case 1:
		if ss := r.strs(what); ss != nil {
			return ss
		}
		return []string{}
	}
	r.fail(what)
	return nil
}

// UnmarshalBinary decodes the output of [Corroboration.MarshalBinary],
// replacing c's contents and options. Malformed input gives an error
// wrapping [ErrBadEncoding] (never a panic); c is then unchanged.
func (c *Corroboration) UnmarshalBinary(data []byte) error {
	r := &reader{b: data}
	if err := r.header(corrMagic, corrVersion, "a corroboration"); err != nil {
		return err
	}
	var o CorroborationOptions
	o.Window = time.Duration(r.varint("window"))
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
	o.Profiles = r.strs("profiles")
	o.Contradicts = r.strs("contradicts")
	o.PointConfidence = math.Float64frombits(r.u64("point confidence"))
	o.MaxAuthors = int(r.uvarint("max authors"))
	if r.err != nil {
		return r.err
	}
	if n := o.norm(); !n.equal(&o) || o.MaxAuthors > 1<<31 {
		return fmt.Errorf("%w: options not normalised", ErrBadEncoding)
	}
	n := r.uvarint("groups")
	if r.err == nil && n > uint64(len(r.b)) {
		r.fail("groups")
	}
	groups := make(map[corrKey]*corrGroup)
	var prev *corrKey
	for i := uint64(0); i < n && r.err == nil; i++ {
		var k corrKey
		k.place = r.str("place")
		k.profile = r.str("profile")
		k.window = r.varint("window")
		ct := r.bytes(1, "contra")
		g := &corrGroup{reports: int64(r.uvarint("reports"))}
		na := r.uvarint("authors")
		if r.err != nil {
			break
		}
		if ct[0] > 1 || g.reports < 0 || na > uint64(len(r.b))/16 || na > uint64(o.MaxAuthors) {
			r.fail("group")
			break
		}
		k.contra = ct[0] == 1
		if prev != nil && cmpCorrKey(*prev, k) >= 0 {
			r.fail("groups not sorted")
			break
		}
		prev = &k
		g.authors = make(map[uint64]float64, na)
		for j := uint64(0); j < na; j++ {
			h := r.u64("author")
			p := math.Float64frombits(r.u64("confidence"))
			if !(p >= 0 && p <= 1) {
				r.fail("confidence")
			}
			g.authors[h] = p
			g.maxHash = max64(g.maxHash, h)
		}
		if uint64(len(g.authors)) != na {
			r.fail("duplicate author")
		}
		groups[k] = g
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return r.err
	}
	*c = Corroboration{opts: o, groups: groups}
	c.index()
	return nil
}
