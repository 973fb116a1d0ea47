package socialgeo

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/sentiment"
	"github.com/socialgeo/socialgeo/source"
)

// StatsSource is implemented by sources that count what they read and
// rejected, as the decoders in package source do. Run adds their
// rejections to the report, so that the report accounts for every record.
type StatsSource interface {
	source.Source
	Stats() source.Stats
}

// Run reads every post of src, observes it, filters noise and adds the
// accepted observations to aggs. It returns the report of the run.
//
// With Options.Workers of 2 or more, posts are observed by that many
// goroutines; the filters still see posts in input order, so the result
// is the same as with one worker. One goroutine adds to aggs; with more
// than 8 workers, when every aggregator implements aggregate.Parallel,
// one goroutine per 8 workers adds to forks of them, which are joined
// into aggs before Run returns. No goroutine outlives the call.
//
// When ctx is cancelled, or src yields an error, Run stops and returns the
// report so far with the error (wrapped). Aggregators then hold the
// observations accepted before the stop.
func (p *Pipeline) Run(ctx context.Context, src source.Source, aggs ...aggregate.Aggregator) (*Report, error) {
	r := p.newRun()
	var err error
	if p.opts.Workers < 2 {
		err = r.sequential(ctx, src, aggs)
	} else {
		err = r.parallel(ctx, src, aggs, p.opts.Workers)
	}
	if ss, ok := src.(StatsSource); ok {
		st := ss.Stats()
		for reason, n := range st.Rejected {
			r.rep.Rejected[string(reason)] += n
			r.rep.Read += n
		}
	}
	r.finish()
	r.progress(true)
	p.filters.Put(&filterTables{r.dedup, r.cap}) // no goroutine of the run is left
	if err != nil {
		return r.rep, fmt.Errorf("socialgeo: run: %w", err)
	}
	return r.rep, nil
}

// run is the state of one Run: report, filters and progress.
type run struct {
	p        *Pipeline
	rep      *Report
	dedup    *dedup
	cap      *authorCap
	capEvery time.Duration
	start    time.Time
	every    int
	next     int

	// Counters folded into the report's maps by finish: fixed arrays
	// instead of a map update per post.
	evidence [32]int // by evidence bit
	noEvid   int
	labels   [8]int  // by sentiment.Label
	flags    [16]int // by flag bit
	// Languages, platforms and profile IDs are a handful of values,
	// mostly the same strings again: a short list is cheaper than a
	// map update (hash and assign) per post.
	langs, platforms, profiles tally

	sink uint64 // what dedupBatch and warmCap loaded, kept so that their loads stay
}

// tally counts the values of a small set of strings.
type tally struct {
	keys []string
	n    []int
}

// add counts k once. The values are mostly the same few strings (the
// decoders' platform constants, the worker's language names): a key with
// k's bytes pointer and length is found without a string comparison
// (a call).
func (t *tally) add(k string) {
	for i, x := range t.keys {
		if len(x) == len(k) && (unsafe.StringData(x) == unsafe.StringData(k) || x == k) {
			t.n[i]++
			return
		}
	}
	t.keys = append(t.keys, k)
	t.n = append(t.n, 1)
}

// addTo adds the counts to m.
func (t *tally) addTo(m map[string]int) {
	for i, k := range t.keys {
		m[k] += t.n[i]
	}
}

func (p *Pipeline) newRun() *run {
	o := &p.opts
	r := &run{p: p, rep: p.newReport(), every: o.ProgressEvery, capEvery: o.AuthorCapBucket}
	if r.every <= 0 {
		r.every = defaultProgressEvery
	}
	r.next = r.every
	if r.capEvery <= 0 {
		r.capEvery = DefaultAuthorCapBucket
	}
	if t, ok := p.filters.Get().(*filterTables); ok {
		r.dedup, r.cap = t.dedup, t.cap
		r.dedup.reset()
		r.cap.forget()
	} else {
		r.dedup = newDedup(intOr(o.DedupWindow, DefaultDedupWindow), intOr(o.NearDuplicate, DefaultNearDuplicate))
		if n := intOr(o.AuthorCap, DefaultAuthorCap); n > 0 {
			r.cap = newAuthorCap(n, defaultCapLines)
		}
	}
	if o.Clock != nil {
		r.start = o.Clock()
	}
	return r
}

// newReport starts a report with versions and thresholds filled in.
func (p *Pipeline) newReport() *Report {
	rep := newReport()
	rep.Library = version()
	if p.opts.Clock != nil {
		rep.Generated = p.opts.Clock().UTC()
	}
	rep.Versions.Gazetteer, rep.Versions.Lexicon = p.versions.Gazetteer, p.versions.Lexicon
	for k, v := range p.versions.Profiles {
		rep.Versions.Profiles[k] = v
	}
	o := &p.opts
	t := rep.Thresholds
	t["dedup_window"] = strconv.Itoa(intOr(o.DedupWindow, DefaultDedupWindow))
	t["near_duplicate_max_bits"] = strconv.Itoa(intOr(o.NearDuplicate, DefaultNearDuplicate))
	t["author_cap_posts"] = strconv.Itoa(intOr(o.AuthorCap, DefaultAuthorCap))
	bucket := o.AuthorCapBucket
	if bucket <= 0 {
		bucket = DefaultAuthorCapBucket
	}
	t["author_cap_bucket"] = bucket.String()
	t["reposts"] = "collapsed onto original"
	if o.KeepReposts {
		t["reposts"] = "kept"
	}
	t["terms_per_post"] = strconv.Itoa(aggregate.MaxTerms)
	t["disclosure_min_authors"] = strconv.Itoa(o.Policy.MinAuthors())
	if o.Policy.Noising() {
		t["disclosure_epsilon_per_cell"] = strconv.FormatFloat(o.Policy.Epsilon, 'g', -1, 64)
		t["disclosure_max_contribution"] = strconv.Itoa(o.Policy.Contrib())
	} else {
		t["disclosure_noise"] = "none"
	}
	if o.Workers > 1 {
		t["workers"] = strconv.Itoa(o.Workers)
	}
	if len(p.profiles) == 0 {
		rep.Warnings = append(rep.Warnings, "no profiles configured: only area statistics over all posts")
	}
	return rep
}

// filterTables are the stream filters' tables of a finished Run, kept in
// Pipeline.filters for the next: about 10 MB with the default options,
// which a Run would otherwise allocate and the runtime clear again (the
// pipeline benchmark's runs of 20,000 posts allocated 13 MB each before
// 2026-11-29). They hold counts and hashes, no text.
type filterTables struct {
	dedup *dedup
	cap   *authorCap
}

// unit is the outcome of observing one post, before the stream filters.
type unit struct {
	id     string
	obs    aggregate.Observation
	info   obsInfo
	fp     fingerprint
	reject string // non-empty: rejected before filtering
	repost bool

	// Between observe's stages: the post's tokens and their keys (the
	// worker's), the language for the about resolver.
	toks      []text.Token
	keys      []uint64
	queryLang string
}

// stageBatch is the most posts observeBatch takes through a stage before
// the next: the code of all stages together is larger than the CPU's
// instruction cache (cachegrind counted 825 L1 instruction misses a post
// with the whole chain run post by post), that of one stage is not,
// and 32 posts' tokens stay in the L2 cache.
const stageBatch = 32

// observeBatch observes posts[i] into units[i] for Run (up to
// stageBatch posts at a time), stage by stage: every post is tokenised
// and given its content terms and fingerprint, then scored, then located
// and matched, so that each stage's code stays in the instruction cache
// across the posts. The stages are observe's, whose results they give.
//
// The terms and the fingerprint are taken right after each post's
// tokens are made, while they are in the L1 data cache: as a stage of
// their own after matching they read the batch's tokens again (some
// 30 KB for 32 posts, no longer in the L1 cache), 16 L1 data misses a
// post more in cachegrind (BenchmarkPipeline/ndjson/workers=1, 2026-11-30:
// 218.8 -> 202.9 misses, 17,748 -> 17,671 instructions, 217 -> 222
// mispredicts a post). Their code is small; the other stages' is not.
// In the same measurement, sentiment too in that loop: 10.5 fewer data
// misses, 25 more instruction misses; locate and match in one loop:
// 13.6 fewer data misses (the profile candidates'), 32 more instruction
// misses; batches of 16 (before the terms moved): 28 fewer data
// misses, 47 more instruction misses and 15 more mispredicts. None kept.
//
// dedup, when not nil, is called between the first stage and the others
// with the batch's units: it may reject units (duplicates), which then
// skip the rest (see run.dedupBatch).
func (p *Pipeline) observeBatch(ctx context.Context, w *worker, posts []source.Post, units []unit, dedup func([]unit)) {
	for len(posts) > stageBatch {
		p.observeBatch(ctx, w, posts[:stageBatch], units[:stageBatch], dedup)
		posts, units = posts[stageBatch:], units[stageBatch:]
	}
	units = units[:len(posts)]
	// The posts' tokens and keys one after the other in w.toks and
	// w.keys (of equal capacity, so that TokenizeKeys needs no more keys
	// than it has room for), or in arrays of their own when these are
	// full; both are made larger for the next batch then.
	toks, keys := w.toks[:0], w.keys[:0]
	need := 0
	for i := range posts {
		u, post := &units[i], &posts[i]
		if !p.admit(post, u) {
			continue
		}
		n := len(toks)
		u.toks, u.keys = w.arena.TokenizeKeys(post.Text, toks[n:n], keys[n:n])
		// the tokens are in the L1 cache now (see above)
		p.terms(w, post, u)
		u.fp = fingerprintOfText(post.Author.Key, w.words, &w.feats)
		need += len(u.toks)
		if m := n + len(u.toks); m <= cap(toks) {
			toks, keys = toks[:m], keys[:m]
		}
	}
	if need > cap(w.toks) {
		w.toks, w.keys = make([]text.Token, 0, need+need/2), make([]uint64, 0, need+need/2)
	}
	if dedup != nil {
		dedup(units)
	}
	for i := range units {
		if u := &units[i]; u.reject == "" {
			p.score(w, &posts[i], u)
		}
	}
	for i := range units {
		if u := &units[i]; u.reject == "" {
			p.locate(ctx, w, &posts[i], u)
		}
	}
	for i := range units {
		if u := &units[i]; u.reject == "" {
			p.match(w, u)
			u.toks, u.keys = nil, nil // the worker's, for the next batch
		}
	}
}

// admit starts observing a post for Run into u: it rejects reposts
// (unless kept) and posts that begin rejects, and reports whether the
// post goes on to the other stages.
func (p *Pipeline) admit(post *source.Post, u *unit) bool {
	if post.Kind == source.KindRepost && !p.opts.KeepReposts {
		*u = unit{id: post.ID, reject: RejectRepost, repost: true}
		return false
	}
	if err := p.begin(post, u); err != nil {
		*u = unit{id: post.ID, reject: RejectInvalid}
		return false
	}
	u.id, u.reject, u.repost = post.ID, "", false
	return true
}

// dedupBatch applies the duplicate filter to a batch's units in input
// order, after loading the list heads and newest slots it will read,
// and rejects the duplicates (u.reject). The sequential Run calls it as
// soon as a batch's fingerprints are known (observeBatch's dedup), so
// that a duplicate is not scored, located and matched for nothing; the
// parallel Run, whose observers run ahead of its in-order filter stage,
// calls it there, before filter. Either way the same units are checked
// in the same order, so the decisions are the same.
//
// The loads first (here and in warmCap): the filters' reads of some 3 MB
// of tables mostly miss every cache and the TLB, and loaded a batch at a
// time they overlap instead of each waiting in turn. cachegrind, which
// models neither memory latency nor the TLB, sees only the instructions
// this adds (some 300 a post); pprof of BenchmarkPipeline/ndjson/workers=1
// (2026-11-30) had check and allowHash at 7.5 % of the time (one
// profile), and at 2.3-4.6 % plus the loads' 2.3-3.1 % with them (five);
// 70 alternating runs: median 186 k posts/s against 170 k, faster in 49
// of the 70 rounds.
func (r *run) dedupBatch(units []unit) {
	var sink uint64
	for i := range units {
		if u := &units[i]; u.reject == "" {
			sink += r.dedup.touch(u.fp)
		}
	}
	r.sink += sink
	for i := range units {
		if u := &units[i]; u.reject == "" {
			if u.reject = r.dedup.check(u.fp); u.reject != "" {
				u.toks, u.keys = nil, nil // the worker's
			}
		}
	}
}

// warmCap loads the author cap's sketch line that filter will read for
// each unit of a batch (see dedupBatch for why).
func (r *run) warmCap(units []unit) {
	var sink uint64
	for i := range units {
		if u := &units[i]; u.reject == "" && r.capped(u) {
			sink += r.cap.touch(u.fp.author, u.info.capHash, r.capBucket(u))
		}
	}
	r.sink += sink
}

// capped reports whether the author cap applies to u: it is on and u
// has an author.
func (r *run) capped(u *unit) bool { return r.cap != nil && u.obs.Author != "" }

// capBucket is the author cap's time bucket of u.
func (r *run) capBucket(u *unit) int64 { return u.obs.Time.UnixNano() / int64(r.capEvery) }

// filter applies the author cap to a unit in input order (the duplicate
// filter ran before, in dedupBatch), counts it in the report and reports
// whether its observation is accepted.
func (r *run) filter(u *unit) bool {
	rep := r.rep
	rep.Read++
	reason := u.reject
	if reason == "" && r.capped(u) && !r.cap.allowHash(u.fp.author, u.info.capHash, r.capBucket(u)) {
		reason = RejectAuthorCap
	}
	if reason != "" {
		rep.Rejected[reason]++
		if u.repost {
			rep.RepostReach++
		}
		if r.p.opts.OnReject != nil {
			r.p.opts.OnReject(u.id, reason)
		}
		return false
	}
	rep.Observed++
	rep.Ambiguous += u.info.ambiguous
	if u.info.evidence == 0 {
		r.noEvid++
	}
	for ev := u.info.evidence; ev != 0; ev &= ev - 1 {
		r.evidence[bits.TrailingZeros32(ev)]++
	}
	r.langs.add(u.obs.Lang)
	r.platforms.add(u.obs.Platform)
	r.labels[int(u.obs.Label)%len(r.labels)]++
	for f := uint16(u.obs.Flags); f != 0; f &= f - 1 {
		r.flags[bits.TrailingZeros16(f)]++
	}
	for i := range u.obs.Profiles {
		r.profiles.add(u.obs.Profiles[i].ID)
	}
	return true
}

// finish folds the run's counters into the report.
func (r *run) finish() {
	rep := r.rep
	r.langs.addTo(rep.Languages)
	r.platforms.addTo(rep.Platforms)
	r.profiles.addTo(rep.Profiles)
	if r.noEvid > 0 {
		rep.Location["none"] += r.noEvid
	}
	for _, e := range evidenceKeys {
		if n := r.evidence[bits.TrailingZeros32(e.bit)]; n > 0 {
			rep.Location[e.key] += n
		}
	}
	for l, n := range r.labels {
		if n > 0 {
			rep.SentimentLabels[sentiment.Label(l).String()] += n
		}
	}
	for b, n := range r.flags {
		if n > 0 {
			rep.SentimentFlags[sentiment.Flags(1<<b).String()] += n
		}
	}
}

// nlHash is the strHash of the author cap's area of an observation
// without a municipality.
var nlHash = strHash("NL")

// roleRank orders the roles for the author cap's area, which is the
// observation's first municipality of the highest ranked role (about,
// then from, then home; "NL" when none; see observe).
func roleRank(r geo.Role) int {
	switch r {
	case geo.RoleAbout:
		return 3
	case geo.RoleFrom:
		return 2
	case geo.RoleHome:
		return 1
	}
	return 0
}

// progress calls the progress callback when due (or when done).
func (r *run) progress(done bool) {
	cb := r.p.opts.Progress
	if cb == nil || (!done && r.rep.Read < r.next) {
		return
	}
	for r.next <= r.rep.Read {
		r.next += r.every
	}
	pr := Progress{Read: r.rep.Read, Observed: r.rep.Observed, Rejected: r.rep.Read - r.rep.Observed, Done: done}
	if r.p.opts.Clock != nil {
		pr.Elapsed = r.p.opts.Clock().Sub(r.start)
	}
	cb(pr)
}

// recycles reports whether a Run adding to aggs may recycle its
// observation slabs (slab.recycle) once a batch's observations are
// added: whether every aggregator is one of package aggregate's own,
// which keep nothing of an observation's slices (they copy what they
// keep; TestAggregatorsKeepNoSlices checks each), or a list of such.
// Another aggregator may keep an observation, slices and all.
func recycles(aggs []aggregate.Aggregator) bool {
	for _, a := range aggs {
		switch a := a.(type) {
		case *aggregate.Series, *aggregate.Grid, *aggregate.Indicator, *aggregate.OD,
			*aggregate.Corroboration, *aggregate.KeyTerms, *aggregate.PeakDetector, *aggregate.Trend:
		case aggregate.Aggregators:
			if !recycles(a) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func (r *run) sequential(ctx context.Context, src source.Source, aggs []aggregate.Aggregator) error {
	w := worker{slabs: true}
	recycle := recycles(aggs)
	posts := make([]source.Post, 0, stageBatch)
	units := make([]unit, stageBatch)
	flush := func() {
		r.p.observeBatch(ctx, &w, posts, units, r.dedupBatch)
		r.warmCap(units[:len(posts)])
		// (The batch added one aggregator at a time, each call through
		// the interface to the same method: 2 fewer mispredicts, 2.6
		// more L1 data misses and 16 more instructions a post, 2026-11-30;
		// not kept.)
		for i := range posts {
			if u := &units[i]; r.filter(u) {
				for _, a := range aggs {
					a.Add(u.obs)
				}
			}
			r.progress(false)
		}
		if recycle {
			w.recycle()
		}
		clear(posts) // no references to the texts
		posts = posts[:0]
	}
	for post, err := range src.Posts(ctx) {
		if err != nil {
			flush()
			return err
		}
		if posts = append(posts, post); len(posts) == stageBatch {
			flush()
		}
	}
	flush()
	return ctx.Err()
}

// addersFor is the number of goroutines that add to forks of the
// aggregators in a parallel run of n observers: one per
// observersPerAdder. Adding is about a tenth of a post's work (pprof of
// BenchmarkPipeline/ndjson/workers=2: Series.Add and Grid.Add 10.6 % of
// the time, 2026-11-30), so one adder keeps up with eight observers,
// and every fork costs memory for its own cells, cache space while
// adding and a Join at the end, in which the other cores wait: with an
// adder per observer, Series.Join took 4.4 % of the CPU time of
// BenchmarkPipeline/ndjson/workers=2 (7.8 % of its wall clock).
func addersFor(n int) int { return 1 + (n-1)/observersPerAdder }

const observersPerAdder = 8

// batch is a work unit of the parallel run. Batches are recycled: the
// reader fills posts, an observer fills units, the filter stage marks
// the accepted units, an adder adds them and returns the batch.
type batch struct {
	seq   int
	posts []source.Post
	units []unit
	keep  []bool   // accepted by the filters
	slabs obsSlabs // of the units' observations, the observer's meanwhile
}

// parallel runs observe workers, an in-order filter stage and add workers
// with forked aggregators. All goroutines end before it returns.
func (r *run) parallel(ctx context.Context, src source.Source, aggs []aggregate.Aggregator, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *batch, n)
	done := make(chan *batch, n)
	accepted := make(chan *batch, n)
	free := make(chan *batch, 4*n+2) // more than can be in flight
	newBatch := func() *batch {
		select {
		case b := <-free:
			return b
		default:
			return &batch{posts: make([]source.Post, 0, defaultBatch)}
		}
	}

	recycle := recycles(aggs)
	var observers, adders sync.WaitGroup
	for i := 0; i < n; i++ {
		observers.Add(1)
		go func() {
			defer observers.Done()
			w := worker{slabs: true}
			for b := range jobs {
				b.units = slices.Grow(b.units[:0], len(b.posts))[:len(b.posts)]
				w.obsSlabs = b.slabs
				r.p.observeBatch(ctx, &w, b.posts, b.units, nil)
				b.slabs, w.obsSlabs = w.obsSlabs, obsSlabs{}
				done <- b
			}
		}()
	}

	// Adders: forks of every aggregator when all are Parallel.
	forks := make([][]aggregate.Aggregator, 0, n)
	parallelAggs := len(aggs) > 0
	for _, a := range aggs {
		if _, ok := a.(aggregate.Parallel); !ok {
			parallelAggs = false
		}
	}
	nAdd := 1
	if parallelAggs {
		nAdd = addersFor(n)
	}
	for i := 0; i < nAdd; i++ {
		mine := aggs
		if nAdd > 1 {
			mine = make([]aggregate.Aggregator, len(aggs))
			for k, a := range aggs {
				mine[k] = a.(aggregate.Parallel).Fork()
			}
			forks = append(forks, mine)
		}
		adders.Add(1)
		go func() {
			defer adders.Done()
			for b := range accepted {
				for k := range b.units {
					if b.keep[k] {
						for _, a := range mine {
							a.Add(b.units[k].obs)
						}
					}
				}
				// Recycle without keeping references to the posts, nor
				// to the observations unless their slabs are recycled.
				if recycle {
					b.slabs.recycle()
				} else {
					b.slabs = obsSlabs{}
				}
				clear(b.posts)
				clear(b.units)
				b.posts = b.posts[:0]
				select {
				case free <- b:
				default:
				}
			}
		}()
	}

	// The filter stage reorders batches and applies the filters in order.
	filtered := make(chan struct{})
	go func() {
		defer close(filtered)
		defer close(accepted)
		pending := map[int]*batch{}
		next := 0
		for b := range done {
			pending[b.seq] = b
			for {
				b, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				b.keep = slices.Grow(b.keep[:0], len(b.units))[:len(b.units)]
				r.dedupBatch(b.units)
				r.warmCap(b.units)
				for j := range b.units {
					b.keep[j] = r.filter(&b.units[j])
				}
				r.progress(false)
				accepted <- b
			}
		}
	}()

	// The calling goroutine reads the source.
	var readErr error
	b := newBatch()
	seq := 0
	send := func() bool {
		if len(b.posts) == 0 {
			return true
		}
		b.seq = seq
		seq++
		select {
		case jobs <- b:
			b = newBatch()
			return true
		case <-ctx.Done():
			return false
		}
	}
	for post, err := range src.Posts(ctx) {
		if err != nil {
			readErr = err
			break
		}
		b.posts = append(b.posts, post)
		if len(b.posts) == defaultBatch && !send() {
			break
		}
	}
	if readErr == nil && ctx.Err() == nil {
		send()
	}
	close(jobs)
	observers.Wait()
	close(done)
	<-filtered
	adders.Wait()

	for _, mine := range forks {
		for k, a := range aggs {
			if err := a.(aggregate.Parallel).Join(mine[k]); err != nil {
				return fmt.Errorf("join worker aggregates: %w", err)
			}
		}
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}
