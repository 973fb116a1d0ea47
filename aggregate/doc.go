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
//	Indicator         0.41 KB    0.55 KB      2.3 KB       2.3 KB        8.3 KB
//
// (200 and 1,000 authors are sketched at p = 12: sparse, then dense;
// measured with 128-byte cells, 8 bytes more than now, and the row
// table at load ≤ ½, 8 bytes a row less than now: Series measures 0.41,
// 0.56 and 2.35 KB now for 1, 10 and 64 authors; since 2026-11-30 the
// cells are 16 bytes larger, 0.43, 0.57 and 2.33 KB in that
// measurement, and the same with sentiment flags, which took 0.16 KB
// more before: a cellCold.) A Series cell is 136 bytes of statistics (64
// hot, 72 in a second slice; posts per platform inline for the first
// four platforms, flag counts inline), plus 176 bytes once it counts a
// fifth platform (8 bytes per further platform) or label 0, or a count
// reaches 2^15 (the deltas' flush); a
// 64-byte row and 16 to 32 bytes of its table (4-byte slots, load ≤ ¼)
// shared by the profiles of an area; and its author set: 16-byte slots
// at load ≤ ¾ while exact (in a row with profile cells made by Add, one
// 32-byte slot per author of the row for all its inline profiles
// instead, see the performance notes); once sketched, a sparse table of the set
// registers (4 bytes a slot at load ≤ ¾, at most 2^p/4 slots) and then
// 2·2^p bytes of dense registers (use Precision 10 for 2 KiB at 3.3 %
// error). [Grid] cells take about 100 bytes plus 8 to 16 bytes per
// distinct author (≤ MaxAuthors; a sorted slice of hashes, grown by
// append); an [HLL] takes 2·2^p bytes. A Series also holds up to 72
// KiB of author tables its cells have outgrown or it has not used yet,
// for its next ones (tabPool).
//
// # Performance
//
// Series.Add and Indicator.Add allocate nothing in steady state (checked
// by TestSeriesAddAllocs). The benchmark observation is realistic: three
// area references (about, from, home), one profile, sentiment, authors
// from a pool of 2,000, one Amsterdam day; it updates 3 × (all posts + 1
// profile) = 6 cells. Per observation (not per cell), on the project's
// 2-core VM, 2026-11-29. Wall clock of Series.Add: six runs on the
// otherwise idle machine before the afternoon's changes, alternating
// with the morning's code (in brackets); the evening's change was not
// timed on an idle machine: an alternating sample of CPU time per Add
// (user and system time of 6 million minus 1 million iterations, five
// rounds of the afternoon's and the evening's test binaries, at a load
// of 9 to 14 while others worked) gave medians day 162 → 156 ns, warm
// 158 → 118, hour 592 → 454 and Hot 148 → 118, each round varying by
// up to ±40 %: no measurement of the goal. Instructions, L1 data misses,
// mispredicts and the cycle model (below): after the evening's joint
// author tables (before them, that is after the afternoon's changes, in
// brackets; the afternoon's own figures were 1,436, 1,424, 1,327 and
// 1,573 instructions, 4.8, 3.7, 4.0 and 6.3 mispredicts: the same
// binary measured again differs by that much). The other rows: on the
// idle machine the day before.
//
//	go test -run '^$' -bench 'SeriesAdd|IndicatorAdd|SeriesResults|SeriesMarshal|HLLAdd' -benchmem ./aggregate/
//
//	                        areas   cells   wall (afternoon)          instructions   L1d misses   mispredicts   cycle model
//	Series.Add (day)           40     480   173–293 ns (270–365 ns)   1,409 (1,419)  13.5 (14.7)  4.1 (4.3)     1,152 (1,175)
//	Series.Add (day, warm)     40     480   149–233 ns (215–272 ns)   1,398 (1,409)  13.4 (14.5)  3.3 (3.3)       913 (931)
//	Series.Add (day, Hot)       3      36   149–213 ns (219–258 ns)   1,351 (1,334)   8.9 (9.0)   4.0 (3.7)     1,058 (1,046)
//	Series.Add (hour)          40  11,500   433–546 ns (595–776 ns)   1,464 (1,576)  21.6 (24.7)  5.1 (6.2)     1,477 (1,687)
//	Indicator.Add (day)        40           376–422 ns   about 1,940
//	Series.Results (600 cells, default policy)   1.0 ms, 1,449 allocs
//	Series.MarshalBinary (600 cells, 2.8 MB)     2.1–2.5 ms
//	HLL.AddHash                                  3.3–5.6 ns
//
// Instructions, L1 data misses and mispredicted branches are counted by
// valgrind (cachegrind --cache-sim=yes --branch-sim=yes, its simple
// predictor) over the difference of 60,000 and 20,000 iterations of the
// benchmark, its loop included (97 instructions and 3 misses of it are
// the benchmark's copy of the 200-byte observation), with the VM's
// caches (--D1=49152,12,64 --LL=2097152,16,64; its L2 misses per Add:
// day 5.5, warm 0.02, Hot 5.3, hour 10.1 (12.6 before the joint
// tables), of which about 5.3 are the observations' own lines). The
// evening's figures: cachegrind as above on the test binary (go test
// -c), 20,000 and 60,000 iterations, GOGC=off GOMAXPROCS=1; Results
// and MarshalBinary allocate as before (1,449 and 164 times). The same
// binary varies by about ±10 instructions and ±0.5 mispredicts between
// runs, and the mispredicts
// by 1 to 2 between builds whose hot code differs only in layout
// (cachegrind's predictor indexes by branch address and recent
// outcomes): compare them over several variants, not one. The day
// benchmark reads its 16,384 observations (about 6 MB) from beyond the
// L2 cache; Add in the pipeline does not (Observe has just built the
// observation), which BenchmarkSeriesAddWarm models: Add over 1,024 of
// the same observations on the same cells.
//
// By the rough cycle model of the VM (cycles ≈ Ir/2 + 12·D1mr + 40·DLmr
// + 16·mispredicts), the one-line cells took the day benchmark from
// about 1,097 to 1,037 cycles per Add (instructions 1,528 → 1,509, L1d
// misses 19.1 → 14.5, mispredicts 6.5 → 6.8), warm 1,063 → 993, hour
// 1,361 → 1,262 (misses 31.0 → 25.1) and Hot 907–914 → 891. The
// afternoon's changes (profiles as a bit mask, the author class by
// conditional moves, a sparser row table and a cheaper row hash) took
// it, without the L2 term, from 1,039 to 971 (−6.5 %), warm 1,019 →
// 945 (−7.3 %), hour
// 1,251 → 1,184 (−5.4 %; 1,749 → 1,687 with 40 cycles per L2 miss)
// and Hot 893 → 834 (−6.6 %). The evening's joint author tables (below),
// with the L2 term: day 1,175 → 1,152 (−2.0 %), warm 931 → 913 (−1.9
// %), hour 1,687 → 1,477 (−12.4 %: 3.1 L1 and 2.5 L2 misses and 112
// instructions fewer), Hot 1,046 → 1,058 (+1.1 %: it has no exact
// sets, and the joint rows' branch costs the loop 10 to 25
// instructions, more or less with the layout of each build).
//
// How: a row per (area, level, role, bucket) is one cache line (64
// bytes) with a bit mask of its profile cells, found by one probe of an
// open-addressing table per area reference. A cell's hot part is one
// cache line: sentiment moments, weights, a copy of the author set's
// table pointer, kind and size, and the posts, label, platform and
// author-class counts as 16-bit deltas packed four to a 64-bit word, so
// that Add updates posts and class with one add of a per-class constant
// and the label and platform with one add each of a word computed once
// per observation (no branches); the posts delta reaching 2^15 flushes
// the deltas into int64 totals. The rest of the cell (flushed posts,
// the flag counts as 16-bit deltas, the author set, a pointer to the
// rarely touched counts: label 0, platforms beyond the fourth, the
// totals) is at the same index of a
// second slice, which Add reaches only for a new author or register, a
// flush or a rare count (by the hot part's index, not passed to every
// call). The author set's exact slots and sparse sketch share one
// table; a sketch register is raised without a branch (max). Profile
// and platform IDs are cached by the address and length of their
// strings (the pipeline passes the same ones post after post; an entry
// holds its string, so the address is not reused). Add adds to each
// cell as it finds it, through one function per cell whose only loops
// are the author set's probes, and without a loop over the profiles for
// none or one matched profile (Go's calls save no registers, so a
// loop's state is reloaded after every call). A row's profile cells are
// added before its profile-0 cell; when one of them held the author
// already and profile 0's set is a sketch, only the counts of profile
// 0's cell are added (addCounts; the caller decides, so the branch is
// not shared by the cells), its sketch is not probed: every profile
// cell's authors are among profile 0's with no higher class, which Add
// and Merge keep (Series.subsets; off after UnmarshalBinary, which does
// not check it; TestSeriesSubsetsShortcut compares the encodings with
// the shortcut on and off). A repeated area reference is found through
// a bit per row address before the rows are compared. The matched
// profiles reach addFast as a bit mask of their IDs (below 6; a larger
// ID takes the general path), which needs no slice and no test for
// duplicates. The author's class in a cell (home unknown, here or
// elsewhere) is chosen by conditional moves, not branches: it varies
// from row to row. The row table is kept at load ≤ ¼ and hashed by two
// multiplications (rowMix: 1.07–1.14 probes a row). Joint author
// tables (since the evening of 2026-11-29): while a row's profile-0 set
// is exact (up to ExactAuthors authors), the exact sets of the row's
// inline profile cells made by Add are columns of one table held by
// the profile-0 cell: a 32-byte slot per author of the row, its hash
// and a meta word (class, posts; 0 when absent) per profile ID below 6.
// An observation then probes one table line a row instead of one per
// cell (addJoint, after the profile cells' counts by addCounts), which
// the covered shortcut above gave only to rows with a sketched profile
// 0. A row is marked by a bit of its have mask; it gets its table when
// Add makes its first profile cell, and is split into sets of their own
// (unjoin, exactly those the cells would have had) when profile 0 takes
// its (ExactAuthors+1)th author and before a Merge into the series;
// Results, MarshalBinary and Merge read a column as its set
// (authorSet.exactEach), so results and encodings are unchanged
// (TestSeriesJointAuthors compares them with the tables off). Memory:
// 32 bytes a row author instead of 16 a cell author, so more for rows
// whose profile cells have few of the row's authors; heapcheck's live
// heap (2 million posts, day buckets) went from 67.9 to 68.4 MB at one
// million posts and from 49.2 to 50.3 MB at the end.
//
// The goal of 150 ns per observation was met in the fastest warm and
// Hot runs only before the afternoon's changes (149 ns; medians about
// 210 and 190 ns); with them the cycle model gives 6–7 % less, and the
// joint tables 2 % less for day and warm and 12 % for hour, which does
// not make it robust: that needs about a third fewer cycles (hour,
// bound by misses, three quarters fewer). What
// an observation costs is spread thin: about 170 instructions before
// the cells are found (author hash, bucket, the update's fields), about
// 100 per area reference (row hash, probe, compare, the author's home),
// 60–80 per cell update plus 20–30 of argument set-up and reloads
// around its call, and two cache lines per cell (its hot part and the
// author set's slot or register), which the day's 480 cells (30 KB of
// hot parts, 1 MB of sketches) do not keep in the 48 KB L1 cache.
// Tried and dropped
// (cachegrind and alternating runs): a list of the observation's cells,
// then one loop with the cell update written out and its rare parts
// (flush, new author) marked in a bit mask and done after the loop (the
// update loop took about as many instructions as the calls, 115 per
// cell, and building the list about 150 more; Go keeps few values in
// registers in a loop that large); one loop that loads every cell's
// lines first so that the misses overlap (+324 instructions, the same
// misses, slower); the cells as two small arrays with a tight loop of
// calls (+64 instructions); two probe slots compared at once (+52, −0.8
// mispredicts); the row key compared as one word (no change); a two-way
// cache of rows by the area ID's address, length and the row's tail
// (60–140 fewer instructions, but 1.3 more L1 misses and mispredicts
// varying by ±1 with the heap's addresses: no gain in the cycle model
// but for the 3-area benchmark); branch-free class (+30 instructions
// and, in cachegrind's predictor, +2 mispredicts then; as classOf's
// conditional moves now, −1.2 to −1.8 mispredicts); the profile IDs in
// an array on the stack (it escapes: an allocation). With the one-line
// cells: the 16-bit deltas as separate fields (Go has no 16-bit
// read-modify-write add: +50 instructions, the Hot benchmark worse in
// the model); the cell's second part passed to every add (+60
// instructions); a switch on the author set's kind (+2 mispredicts);
// slices built from the table view (unsafe.Slice: +6 instructions a
// probe); the second part's slice grown by append (two slices' slack
// took more memory than the one slice of 128-byte cells had: they grow
// by a sixteenth). In the afternoon: one call per row for its profile
// cell and its profile-0 cell (addPair, the two cells' counts together,
// the two probes in one loop: addFast 70 instructions fewer, the callee
// 80 more than add and addCounts; only Hot better in the model, warm and
// hour worse); the cells of an observation in a list, then one short
// loop each for the counts, the moments and the authors, all without
// calls (+135 instructions, and in cachegrind's predictor every loop's
// exit and the alternating profile and profile-0 cells mispredict: 12.7
// mispredicts a day Add); addCounts written out in addFast (−26
// instructions in Hot, +2 mispredicts); the home reference's store by a
// conditional move (+20 to +50 instructions: the compiler reallocates
// the row loop's registers); the row probe by pointers without bounds
// checks (−7 instructions, +1.8 mispredicts by layout); add adding
// profile 0's counts itself when it covered the author (addThen: one
// call a row in the day benchmark, but +17 instructions there and +93
// and +3 mispredicts in the hour one, whose exact profile-0 sets take a
// nested call); the rows' cells listed before the loop of calls, to
// reload fewer values after each (+40 instructions, +5 mispredicts:
// one more loop exit); the ID caches' two entries compared at once
// (idCache.entry is then not inlined: +50). In the evening (cycle model
// with the L2 term: day, warm, hour, Hot; the kept version 1,152, 913,
// 1,477, 1,058): a row per (area, level, role, bucket) calling one
// function for its two cells (addRow, no joint tables: +59 and +44
// instructions in day and Hot, +1 mispredict); the joint row tested by
// its profile-0 cell's author kind, loaded before the profile cells'
// calls (1,149, 909, 1,483, 1,071); the joint kinds handled inside add,
// the profile columns returning "covered" and marking themselves in
// the update for profile 0's probe (mispredicts 4.1 → 10.8 in day, 5.1
// → 10.1 in hour: 1,273, 993, 1,633, 1,089); a single profile cell's
// counts written out in addJoint (1,142, 912, 1,467, 1,075: −10, −1,
// −10 and +17, the last by the loop's registers alone, Hot having no
// joint rows); the joint row's calls moved into a function of its own
// to spare addFast's loop (1,170, 932, 1,529, 1,095; Hot mispredicts
// 4.0 → 5.8). What might still help: a joint sketch (one sparse table
// with a register per profile) would not save a probe over the covered
// shortcut; the rows and their cells next to each other, or the counts
// of all of an observation's cells in fewer, larger updates; beyond
// that the update is bound by Go's calls, which save no registers, and
// in Hot by instructions alone.
//
// Filling a series (BenchmarkSeriesFill: a new series takes the 16,384
// observations of the Add benchmarks, as the pipeline's series takes
// its 20,000 posts) costs more per observation than the steady state:
// rows, cells and author sets are made, and most authors are new to
// their cells. Since 2026-11-29, late evening (cachegrind as above, 2
// and 4 iterations, per observation; before in brackets): 2,246
// instructions (2,713), 26.7 L1d misses (27.2), 15.4 mispredicts
// (21.9). How: a new author or sketch register goes to the empty slot
// at which Add's inline probe ended (Series.addNew, jointInsert)
// instead of a second probe through authorSet.addHash and a copy of the
// table's view (syncAuthors), unless the table must grow or the set be
// sketched; a row's joint table is split (unjoin) in one pass over its
// slots for all its columns, into tables of the size they need, and
// when profile 0 is full and takes another author its column becomes
// the sketch that author turns it into at once, not an exact set first.
// The steady state is about unchanged (20,000 and 100,000 iterations:
// day 1,404 → 1,394 instructions, hour 1,478 → 1,465, warm 1,389 →
// 1,384, Hot 1,356 → 1,349; mispredicts 4.1 → 4.8, 5.3 → 4.8, 3.3 →
// 4.0 and 4.1 → 4.5, the day's extra one at the profile cache's
// unchanged miss test: layout). BenchmarkPipeline/ndjson/workers=1
// (cachegrind, 2 and 6 iterations), whose series fills: 421.95 M →
// 418.50 M instructions per op of 20,000 posts (−172 a post), 5.83 M →
// 5.74 M mispredicts.
//
// Since 2026-11-29, night: the cells' slices double up to 1,024 cells
// before growing by a sixteenth (the pipeline's 2,000 cells were
// copied about 19,000 times while its series filled), and addFast takes
// up to 12 area references instead of 8 (4 % of the pipeline's
// observations have 9 to 12 and took the general path every time).
// BenchmarkPipeline/ndjson/workers=1 (cachegrind, 2 and 6 iterations,
// per op of 20,000 posts, measured with 16 references; 12 took 7
// instructions an observation fewer than 16 on the pipeline's own
// observations replayed into a new Series): 380.3 M → 377.0 M
// instructions, L1d misses 3.30 M → 3.25 M, LL misses 281 k → 247 k,
// mispredicts 5.79 M → 5.62 M (with 12: 378.2 M, 3.26 M, 248 k and
// 5.82 M; the same binary differs between runs by up to 2 M
// instructions: the replay, 17,438 observations, is steadier: 1,974 →
// 1,916 instructions, 26.6 → 23.2 L1d and 4.0 → 2.5 LL misses, 19.0 →
// 18.5 mispredicts an observation). The steady state pays for the larger
// array: about 8 instructions an Add in addFast (20,000 and 60,000
// iterations: day 1,404 → 1,412, warm 1,388 → 1,390, hour 1,456 →
// 1,497 of which 33 in the runtime, Hot 1,348 → 1,358).
//
// Since 2026-11-30: the flag counts are 16-bit deltas in the cell's
// cellAux (two words; flushed with the others) instead of int64 totals
// in its cellCold. A quarter of the pipeline's observations carry a
// sentiment flag, and each took one more cache line per cell (and the
// cell a 176-byte cellCold). The pipeline's 17,438 observations
// replayed into a new Series (cachegrind, 2 and 12 iterations, L2 as
// above): 1,919 → 1,880 instructions, 23.1 → 22.2 L1d misses an
// observation; addRare's own L2 misses 0.20 → 0.02 and instructions
// 44 → 30 (the lanes added from a 16-entry table, flagLanes). The
// steady state, whose observations have no flags, is unchanged (day
// 1,424 → 1,421 instructions; the same binary varies by ±10).
// BenchmarkPipeline/ndjson/workers=1 (cachegrind, 2 and 6 iterations,
// per post): the aggregate package 1,515 → 1,503 instructions, 20.1 →
// 19.5 L1d and 4.3 → 4.0 L2 misses, 20.7 → 20.2 mispredicts (cycle
// model 1,674 → 1,629); all of it 18,521 → 18,463 instructions (±100
// run to run). Tried and dropped then: profile IDs of rowProfiles or
// more in addFast, through the row's extra cells (a have bit for them
// and a call per row when the observation has such a profile): 3 % of
// the pipeline's observations (its profiles 6 and 7) then skip the
// general path, which saved 57 instructions a replayed observation,
// but addFast's loops took 51 more (day +10, Hot +34): 1,919 → 1,925.
//
// Since 2026-11-30, round 12: fewer allocations while a series fills
// (the garbage collector's work grows with the bytes allocated; in the
// pipeline, malloc, marking and write barriers are about a tenth of the
// time). A filling series made a table for every size its cells'
// author sets went through and dropped the last one: an exact set
// grows from 8 to 128 slots, a row's joint table doubles and is split
// when profile 0 takes its 65th author, a sparse sketch doubles. Now a
// Series keeps the tables it outgrows or discards (authorSet.grow,
// sketch, addSparse and densify; jointGrow, joinCell and unjoin) by
// size in its tabPool, up to 8 of each size from 64 bytes to 4 KiB,
// and takes its next table of that size from there (a new exact set's
// first table, 128 bytes, is cut from a slab of 64); the rows grow with
// their table (doubling, to a quarter of its slots) and the keys with
// the cells, where append grew them by a quarter and left more room
// unused. [Grid] keeps its cells by value in a slice and their authors
// in a sorted slice of hashes instead of a pointer and a map per cell
// (the encoding, which sorts them, is the same). The pipeline's 17,438
// observations replayed into a new Series and Grid (go test -benchmem,
// a harness not kept): Series 2.79 MB → 1.56 MB and 3,337 → 1,024
// allocations (1,588 without the slab); Grid 168 KB → 128 KB and 1,228
// → 585 allocations; the Series replay in cachegrind (GOGC=off, 3 and
// 13 replays, per observation): 1,876 → 1,870 instructions, L2 misses
// 2.42 → 1.36 (a reused table is often still in the cache), L1d misses
// 21.9 → 20.9, mispredicts 18.1 → 19.1 (18.6 without the slab: layout,
// see below). BenchmarkPipeline/ndjson/workers=1
// (go test -benchmem, per op of 20,000 posts): 17.65 MB → 16.38 MB and
// 18,236 → 15,280 allocations (the aggregate package's part, pprof:
// 2.8 MB → 1.6 MB); in cachegrind (GOGC=off, 2 and 6 iterations, per
// post, without the slab) the aggregate package 1,504 → 1,518
// instructions (the tables' clear, the Grid's binary search), L1d
// misses 19.5 → 19.0, L2 misses 1.6 → 0.9, mispredicts 20.2 → 20.4, the
// runtime 1,288 → 1,156 instructions, all of it 18,386 → 18,264 (±100
// run to run). With the GC on, 2 and 6 iterations hold one or two
// collections, and where they fall decides the figure (27,887 → 19,039
// instructions a post, almost no marking in the second window): no
// measurement of this change; 21 iterations of the benchmark made 30 →
// 29 collections. heapcheck (-posts 2000000 -step 1000000, day
// buckets, live heap): 67.5 → 66.0 MB at one million posts, 81.9 →
// 80.1 MB at two million, 47.7 → 48.0 MB after the run. The steady
// state's code is unchanged (day: 1,410 → 1,415 instructions, 4.0 →
// 5.4 mispredicts, 1.0 of them in addJoint, whose code is the same:
// cachegrind's predictor and the functions' addresses);
// BenchmarkGridAdd takes 2,008 → 2,047 instructions for its two cases
// (a binary search instead of a map lookup). Tried and not kept: 32
// tables of each size (27 KB less in the replay, for four times the
// memory held); sizes up to 2 KiB only (300 KB more).
//
// Since 2026-11-30, round 13: classOf is conditional moves only (the
// homes of levels from 8 on are homes[8], always 0, so that "unknown"
// is one test, h == 0, where it was h == 0 || level >= 8, compiled to a
// branch on the home, which is known or not from row to row in the
// pipeline's observations), and addFast's cell loop goes over the rows
// it found, taking the level from the row's tail, so that the areas are
// not kept and reloaded after every call. Cachegrind as above (20,000
// and 60,000 iterations; the replay: the pipeline's 17,438 observations,
// its strings interned as the pipeline's are, into a new Series, 2 and
// 4 replays, per observation; a harness not kept), before → after:
//
//	                 instructions    L1d misses    mispredicts
//	day              1,418 → 1,402   13.5 → 13.5   5.4 → 5.2
//	warm             1,400 → 1,392   13.4 → 13.4   4.6 → 4.3
//	Hot              1,359 → 1,354    8.9 → 9.0    4.1 → 5.0
//	replay           1,871 → 1,843   21.2 → 21.6   19.0 → 15.3
//
// (the replay's mispredicts vary by ±1.5 with the layout of each build:
// classOf's branch, 0.84 mispredicts an observation in callgrind's
// count by instruction, is gone). BenchmarkPipeline/ndjson/workers=1
// (cachegrind, 2 and 6 iterations, GOGC=off, per post): the aggregate
// package 1,519 → 1,510 instructions (addFast 463 → 452), L1d misses
// 19.0 → 19.0, mispredicts 20.6 → 19.2 (cycle model 1,389 → 1,362);
// all of it 17,739 → 17,680 instructions (±100 run to run). Cachegrind reads no line numbers from
// Go's binaries (every line is 1): costs by line come from callgrind
// --dump-instr=yes --cache-sim=yes --branch-sim=yes, its instruction
// addresses joined with go tool objdump's lines. Tried and not kept
// then: the home's area index stored without a branch (to homes[8] for
// any other reference, by conditional moves): day 5.4 → 4.3
// mispredicts, but addFast 16 instructions more, Hot +19, the replay's
// mispredicts unchanged (19.0 → 19.1): the area loop's exit, which the
// home test's outcome had predicted in cachegrind's predictor (it
// indexes by the outcomes of recent branches), mispredicted instead;
// the rare counts (flags, platforms beyond the fourth) added in one pass
// per observation after the cell updates (addRareRows), the cells
// testing only for the flush: mispredicts day 5.2 → 7.8, warm 4.5 →
// 8.2, Hot 4.9 → 9.7 (the same effect on the kind tests of add), the
// replay 1,869 → 1,915 instructions and 17.1 → 18.7 mispredicts (its
// L1d misses 21.5 → 19.8); the row probe indexing tab[j&mask] (still
// bounds-checked: addFast +26 instructions); the row key compared by one
// test of the OR of its words' XORs: addFast −8 instructions (day 1,402
// → 1,393, Hot 1,354 → 1,346, warm 1,392 → 1,383), but the replay's
// mispredicts 15.3 → 18.4 (instructions 1,843 → 1,838).
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
