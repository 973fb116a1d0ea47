// Package aggregate turns per-post [Observation] records into mergeable,
// privacy-safe statistics per area, grid cell and time, and publishes
// them under a disclosure-control [Policy].
//
// The pipeline builds one [Observation] per post — time, pseudonymous
// author key, platform, areas per role (from / home / about) and level,
// optional point, sentiment, matched profiles and normalised content
// terms — and adds it to any number of aggregators. Aggregators are
// concrete types with Add, Merge, Fork/Join ([Parallel]), exact versioned
// MarshalBinary/UnmarshalBinary, and Results methods returning iterators
// of result rows, each carrying a [Disclosure].
//
// # Aggregators
//
//	Series         area × time bucket (minute, hour, day, week; Europe/Amsterdam calendar) per level, role
//	               and profile: posts, weighted posts, unique authors (exact, then HyperLogLog), sentiment
//	               mean and variance, label and flag counts, representativeness (outsider and unknown-home
//	               authors, posts per platform) and rates per 10,000 inhabitants
//	Indicator      share of all posts in an area and day that match a profile (CBS social-tension style),
//	               with a Wilson 95 % interval
//	OD             origin–destination: home area → from/about area (where the visitors come from)
//	Corroboration  reports grouped by place, profile and window; confidence from unique authors and
//	               contradictions (after Eilander et al. 2016)
//	Grid           heat map on a WGS84 degree grid or the CBS 100/500/1000 m squares in RD New
//	KeyTerms       the terms that distinguish an area from the country (Fightin' Words log-odds)
//	Trend          before/after windows: change in volume, sentiment and indicator share with intervals
//	PeakDetector   streaming peaks per series (EWMA in the TwitInfo manner, or seasonal robust),
//	               labelled with their distinguishing terms
//	HLL            the HyperLogLog sketch used for unique authors
//
// Package aggregate/render draws results as GeoJSON, CSV, JSON series and SVG
// choropleths; package aggregate/aggregatortest checks the aggregator contract
// (merge laws, exact encoding, no panics on garbage) for any aggregator.
//
// # Formulas
//
// Sentiment moments ([Series]). Per cell, scored posts update the count
// n, mean x̄ and sum of squared deviations M2 by Welford's method,
//
//	n ← n+1,  δ = x − x̄,  x̄ ← x̄ + δ/n,  M2 ← M2 + δ·(x − x̄)
//
// and two cells merge by Chan, Golub and LeVeque's formula,
//
//	n = nₐ+n_b,  δ = x̄_b − x̄ₐ,  x̄ = x̄ₐ + δ·n_b/n,  M2 = M2ₐ + M2_b + δ²·nₐ·n_b/n
//
// the variance being M2/(n−1). Both are float64: a merged cell equals a
// sequential one up to rounding (≈1e−15 relative). [Trend] instead keeps
// fixed-point integer sums, exact under any merge order.
//
// Unique authors ([Series], [Indicator]). Authors are 64-bit hashes of
// the pseudonymous key (never stored as text). A cell counts them exactly
// up to ExactAuthors (default 64), then switches to a HyperLogLog sketch
// ([HLL]) with m = 2^p registers: relative standard error 1.04/√m, 1.6 %
// at the default p = 12, with linear counting for small cardinalities.
// Merging sketches (register-wise maximum) is exact, commutative and
// associative. The outsider and unknown-home authors of a sketched cell
// are estimated from tags in the registers (the class of the author that
// set each register, an unbiased draw), with a binomial error of about
// √(s(1−s)/min(n, m)) on the share s. [Grid], [OD] and [Corroboration]
// keep bottom-k hash sets instead (relative error ≈ 1/√(k−2)).
//
// Indicator interval ([Indicator], [Wilson]). For k matching posts of n,
// p̂ = k/n and z = 1.96:
//
//	(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
//
// Corroboration ([Corroboration]). Support S = 1 − Πᵢ(1 − pᵢ) over unique
// reporting authors i with location confidence pᵢ (noisy-OR), penalty
// P = n/(n + c) for n reporting and c contradicting authors, confidence
// C = S·P.
//
// Laplace noise ([Policy]). With Epsilon = ε > 0 each published count s
// with sensitivity Δ (MaxContrib for post counts, whose per-author
// contribution is bounded first; 1 for author counts) gets noise drawn
// from Laplace(0, q·Δ/ε), where q is the number of noised counts of the
// row (Series 4, Indicator 2, Grid 2, Corroboration 2). ε is per cell
// and per release: an author present in m cells of one release is
// protected with m·ε, and every call of Results is a new release.
//
// # Disclosure control
//
// On by default for every published result: a nil *Policy means k = 10
// unique authors. Cells with fewer than k unique authors are suppressed;
// k below 2 needs Policy.UnsafeSmallK (an invalid policy suppresses
// everything rather than publishing). Complementary suppression
// ([Complement]) then runs over every group of cells that adds up to a
// total — same bucket, level, role and profile, over all areas of the
// level or the children of a parent area — so that a suppressed cell
// cannot be recovered by subtracting the published cells from a total
// or from a coarser level: each group with a suppressed cell has at
// least two, together holding at least k authors. Suppression is
// coordinated within one Results call; separate releases of the same
// data with different buckets (hours and days) are not coordinated with
// each other. Every row says whether it was suppressed (and why) or
// noised.
//
// # Memory per cell
//
// Measured heap per cell (one area, level, role, profile and bucket; Go
// 1.26, amd64; 2,000 cells of k authors each), for the default options:
//
//	                  1 author   10 authors   64 authors   200 authors   1,000 authors
//	Series            0.40 KB    0.54 KB      2.3 KB       2.3 KB        8.3 KB
//	  with flags      0.59 KB    0.72 KB      2.5 KB       2.5 KB        8.5 KB
//	Indicator         0.41 KB    0.55 KB      2.3 KB       2.3 KB        8.3 KB
//
// (200 and 1,000 authors are sketched at p = 12: sparse, then dense.) A
// Series cell is 128 bytes of statistics (posts per platform inline for
// the first four platforms), plus 176 bytes once it counts a sentiment
// flag, a fifth platform (8 bytes per further platform) or label 0, or
// holds counts of 2^31 or more; a 64-byte row and a 4-byte table slot
// shared by the profiles of an area; and its author set: 16-byte slots
// at load ≤ ¾ while exact; once sketched, a sparse table of the set
// registers (4 bytes a slot at load ≤ ¾, at most 2^p/4 slots) and then
// 2·2^p bytes of dense registers (use Precision 10 for 2 KiB at 3.3 %
// error). [Grid] cells take about 80 bytes plus 16
// bytes per distinct author (≤ MaxAuthors); an [HLL] takes 2·2^p bytes.
//
// # Performance
//
// Series.Add and Indicator.Add allocate nothing in steady state (checked
// by TestSeriesAddAllocs). The benchmark observation is realistic: three
// area references (about, from, home), one profile, sentiment, authors
// from a pool of 2,000, one Amsterdam day; it updates 3 × (all posts + 1
// profile) = 6 cells. Figures per observation (not per cell), 2 shared
// cores, Go 1.26, amd64:
//
//	                         areas   cells   instructions      wall time (load 3)
//	                                         before   after    before    after
//	Series.Add (day, Hot)        3      36   2,290    1,830    443 ns   205 ns
//	Series.Add (day)            40     480   2,290    1,900    571 ns   282 ns
//	Series.Add (hour)           40  11,500   3,100    1,970  1,219 ns   364 ns
//	Indicator.Add (day)         40           1,700    2,020    392 ns   423 ns
//	Series.Results (600 cells, default policy)            4.3 → 1.1 ms, 1,449 allocs
//	Series.MarshalBinary (600 cells, 2.8 MB)              2.8 → 3.3 ms
//	HLL.AddHash                                                     3.6 ns
//
// Instructions are counted by valgrind --tool=callgrind (the difference
// of 5,000 and 1,000 iterations, ±50 from the runtime); wall time is the
// best of 3 alternating runs of the old and new code of
//
//	go test -run '^$' -bench 'SeriesAdd|IndicatorAdd|SeriesResults|SeriesMarshal|HLLAdd' -benchmem ./aggregate/
//
// on a machine shared with other jobs (load 3), which inflates it. "Before"
// is the code before the cell table of series_table.go and the sparse
// sketches (Indicator.Add now spends more instructions on sparse sketches
// in about the same time).
//
// A second round (one probe loop per area reference without a key
// array, hash64's last bytes as words, one update loop with the sparse
// sketch tested first and the sketch pointer first in the author set,
// inline platform counts without a branch) cut the instructions spent in
// this package's code per observation (callgrind's self counts of the
// package's functions, 3,000 − 1,000 iterations, deterministic):
//
//	                         instructions      wall time (best of 8)
//	                         before   after    before    after
//	Series.Add (day, Hot)    1,673    1,510    152 ns   147 ns
//	Series.Add (day)         1,761    1,579    237 ns   208 ns
//	Series.Add (hour)        1,745    1,603    342 ns   346 ns
//	Indicator.Add (day)      1,043    1,033
//
// (the whole program adds 100–250 instructions of runtime and benchmark
// loop that vary by ±100 from run to run; wall time is the best of 8
// alternating runs of 200,000 iterations at a load of 3–4 on the 2 cores,
// whose medians vary by a factor of two. On the otherwise idle machine at
// the end of that day, three 1 s runs of the three Series benchmarks gave
// 316–332 ns (day), 496–676 ns (hour) and 193–250 ns (Hot).)
//
// A third round cut the whole program's instructions per observation
// (callgrind, 300,000 − 100,000 iterations of the benchmark, including
// its loop, about 100) and the L1 data-cache misses per observation
// (cachegrind's simulation of this machine's 48 KB L1, same runs):
//
//	                         instructions      L1d misses
//	                         before   after    before   after
//	Series.Add (day, Hot)    1,691    1,570    12.0     11.7
//	Series.Add (day)         1,827    1,663    28.9     21.6
//	Series.Add (hour)        1,866    1,763    42.1     31.1
//	Indicator.Add (day)      1,957    1,937    23.4     21.5
//
// A cell is now 128 bytes, two cache lines (was 288, of which Add read
// three or four lines): everything Add touches for a typical post, with
// the label, platform and author-class counts as 32-bit deltas on int64
// totals (flushed every 2^31 posts of the cell) and the counts Add
// rarely touches (flags, label 0, platforms beyond the fourth) in a
// separately allocated cellCold; the author set's exact slots and sparse
// sketch share one table slice, for a 40-byte header in the cell. A row
// is one cache line (64 bytes, was 72: the area ID is no longer copied
// into it) with a bit
// mask of its existing profile cells. Add adds to each cell as soon as it
// has found it, through one function per cell (seriesStats.add) whose
// only loops are the author set's probes, instead of a list of cells and
// an update loop that the compiler could not keep in registers; the
// sketch and exact-set probes run inline and the cached bucket is
// checked in Add.
//
// The wall clock did not follow the instruction and miss counts: on the
// otherwise idle machine on 2026-11-29, the session's first code and
// this one alternating (three 1 s runs each) gave 276–373 ns and
// 300–386 ns per observation (day); later six runs of this code gave
// 215–425 ns (day), 555–586 ns (hour) and 201–257 ns (Hot). The day
// benchmark reads its 16,384 observations (about 6 MB with their area
// and profile slices) from memory that does not fit the L2 cache, which
// Add in the pipeline does not (Observe has just built the observation):
// BenchmarkSeriesAddWarm times Add over 1,024 of the same observations
// on the same cells, 157–264 ns (three runs), about 100 ns less.
//
// The goal of 150 ns per observation is not met, not even with warm
// observations. What remains per observation: about 250 instructions before the cells are
// found (author hash, profile and platform lookup by string compare, the
// update's values), about 100 per area reference (words, row hash, probe
// and compare, the author's home) and about 120 per cell (call, Welford
// update, labels, author class, platform, sketch register or exact slot,
// average probe length 2.5 at load ¾); and two cache lines per cell plus
// the sketch's, which the day's 480 cells (60 KB of cells, 1 MB of
// sketches) do not keep in the 48 KB L1 cache, so that each observation
// waits for about 22 L1 misses (L2 hits). With hour buckets the 11,500
// cells (about 3 MB with their rows and exact sets) do not fit in the
// 2 MB L2 cache either.
//
// A fourth round changed what Add touches rather than how: a row's
// matched-profile cells are added before its profile-0 cell, and when one
// of them held the author already (its exact slot with that class or
// higher, or a sketch register at least the author's) and profile 0's
// set is a sketch, Add does not probe that sketch, since its register is
// high enough: every profile cell's authors are among profile 0's with
// no higher class, as Add (every observation adds to profile 0 with the
// same class as to its profiles) and Merge (unions, the higher class)
// keep it (Series.subsets; off after UnmarshalBinary, which does not
// check it; TestSeriesSubsetsShortcut compares the encodings with the
// shortcut on and off). In the day benchmark, profile 0's sketch is
// skipped in the about and from rows, two of six author probes. Per
// observation (cachegrind, 60,000 − 20,000 iterations of the benchmark,
// with its loop; model: instructions/2 + 12 × L1 misses + 16 × branch
// mispredicts):
//
//	                         instructions   L1d misses   mispredicts   model
//	Series.Add (day)         1,659  1,695   21.6  19.1   13.3  10.3    1,302  1,241
//	Series.Add (day, warm)   1,630  1,679   21.4  18.9   12.8   8.9    1,277  1,209
//	Series.Add (day, Hot)    1,572  1,605   11.7   9.0   12.0   7.9    1,118  1,037
//	Series.Add (hour)        1,758  1,870   31.1  31.1   13.7   9.8    1,471  1,465
//
// Alternating runs of the old and new code (40 runs of 20,000 iterations
// each, load 2–3 on the 2 cores) gave 216 → 198 ns (best) and 341 → 303
// ns (median) for the day benchmark and no change for the warm one
// (152 → 153 ns best, 246 → 247 median). Tried and dropped in this
// round (cachegrind, day benchmark): one loop that first loads every
// cell's first line and author-table word without branching on them, so
// that the misses overlap, then an update loop without calls (+324
// instructions, the same misses; in alternating runs 25–33 ns slower at
// the best of 20, so that on this machine Add seems bound by
// instructions more than by misses that hit the L2 cache); the cells as
// two small arrays and a tight loop of add calls (+64 instructions); the
// first two probe slots compared at once (−0.8 mispredicts in the cell
// update, +52 instructions); the duplicate-row check by a mark in the row
// and the home and class by conditional moves (−0.4 mispredicts, +47
// instructions). The 150 ns
// goal is still not met: what an observation costs is spread over its
// six cell updates (about 90 instructions and two or three cache lines
// each), its three row probes and its author hash and string lookups,
// and no single change in this layout removes a third of it.
//
// # Concurrency
//
// Aggregators are not safe for concurrent use: use one per goroutine (or
// Fork one per worker) and Merge or Join them; the package starts no
// goroutines. Results sequences hold a snapshot taken when Results is
// called and may be iterated repeatedly. [HLL] is not safe for concurrent
// use. [Policy] values are read-only during Results, except for their
// Rand, which Results advances.
//
// # Errors
//
// UnmarshalBinary returns errors wrapping [ErrBadEncoding] and never
// panics on any input; Merge and Join return mismatch errors
// ([ErrSeriesMismatch], [ErrIndicatorMismatch], [ErrGridMismatch],
// [ErrCorroborationMismatch], [ErrHLLMismatch]) for aggregators built
// with different options; [Policy.Validate] returns errors wrapping
// [ErrPolicy].
package aggregate
