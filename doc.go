// Package socialgeo turns public social-media posts and citizen reports into
// explainable, privacy-safe knowledge about places: where something is
// happening, what people say about an area, how they feel about it, and
// whether that is changing.
//
// The root package wires the stages for the common case. A [Pipeline] reads
// posts from a [source.Source], tokenises each post once, locates it
// ([geo]: sent from, author's home, and what it is about, never mixed up),
// scores its sentiment ([sentiment]), matches shared profiles ([profile]),
// filters noise (duplicates, copy-paste campaigns, reposts, hyperactive
// accounts) and feeds one [aggregate.Observation] per post into mergeable
// aggregates. Every run yields a [Report]: posts read, observed and
// rejected per reason (read = observed + rejected), how each location was
// found, language and platform mix, sentiment flags, suppressed cells, and
// the versions and hashes of every data set, lexicon and profile used.
//
//	p, err := socialgeo.New(&socialgeo.Options{Profiles: profiles, Workers: 4})
//	series, err := aggregate.NewSeries(&aggregate.SeriesOptions{Gazetteer: p.Gazetteer()})
//	rep, err := p.Run(ctx, source.NewMastodon(f, nil), series)
//	for cell := range series.Results(nil) { ... } // k = 10 by default
//	rep.WriteMarkdown(os.Stdout)
//
// [Pipeline.Observe] turns a single post into an observation, for callers
// that drive their own loop (or a distributed engine, see examples/beam).
// [Pipeline.Algorithm] describes the configured pipeline in the shape of
// the Dutch algorithm register's publication standard.
//
// # Accuracy and speed
//
// The figures, and the commands that reproduce them, are in README.md and
// in each package's documentation. End to end on synthetic posts with
// ground truth: go run ./internal/cmd/pipelineeval. Throughput from NDJSON
// bytes to aggregates: go test -run '^$' -bench BenchmarkPipeline .
//
// Run observes posts in batches of 32, stage by stage: it decodes 32
// posts, tokenises them all, then scores them all, locates, matches and
// takes their terms and fingerprints, and then filters and aggregates
// them in input order (Observe runs the same stages on its one post).
// The code of the whole chain is larger than the CPU's 32 KB L1
// instruction cache, the code of one stage is not: run post by post,
// each post fetched the chain's code again (825 L1 instruction misses a
// post in cachegrind, against 96 now), which is why the pipeline ran
// at some 1.3 instructions a cycle while the tokenizer alone runs at 4
// and the series' Add at 3. Batches of 16 and 64 measured the same as
// 32 in wall clock, as did two fused stages (match and terms in one
// loop: 11 fewer L1 data misses a post in cachegrind, 153 k posts/s
// fused against 155 k in 14 alternating runs; tokenise and score too
// in one loop: 16 fewer data misses, 9 more instruction misses): not
// kept.
//
// Per post of BenchmarkPipeline/ndjson/workers=1 (cachegrind,
// GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1, difference of 6 and 2
// runs of 20,000 posts) on 2026-11-30 after the twelfth round: 17,690
// instructions, 91 L1 instruction misses, 220 L1 data misses, 7.9
// last-level misses and 215 mispredicted branches (18,390, 96, 222,
// 12.0 and 236 at the round's start; post by post, before the batches:
// 18,060, 825, 163, 12.4 and 265; 104,000 instructions on 2026-11-28).
// Instructions and L1 data misses per package: the root package
// (Observe's stages, filters and fingerprints, content terms, the run
// loop) 4,870 and 71 (the batch's tokens and units are read again by
// each stage: 33 post by post); sentiment 2,650, 24; the tokenizer
// 2,390, 18; the NDJSON decoder 2,390, 4; the area series and grid
// 1,520, 19 (and 0.9 of the last-level misses); profiles 1,070, 22; the
// token automaton of place names 1,030, 26, and the rest of geo 760, 4;
// the Go runtime and standard library 1,000, 33 (5.9 last-level misses).
// Two splitmix64 finalisers per word (the word's hash and its bigram
// feature, about 370 instructions a post) stay: the SimHash, and so the
// near-duplicate decisions, are pinned to them (the exact hash, compared
// only for equality, chains the words with a rotation, xor and
// multiplication). The filters read one cache line per probe (the
// author cap's count-min sketch is blocked, the duplicate index keeps a
// fingerprint and its links in one 32-byte slot) and a Run reuses the
// previous Run's filter tables. Each worker tokenises with its own
// text.Arena (no sync.Pool per post) and hands the tokenizer's keys of
// short words (their lowered bytes, capitalised words' too since the
// twelfth round: 8 fewer mispredicts a post) to sentiment
// (Analyzer.AnalyzeKeyed), whose first pass then need not load them
// again.
//
// The figures above are taken with GOGC=off, which hides the garbage
// collector. In wall clock (pprof of the same benchmark, 2026-11-30)
// allocating, marking and the write barriers that pointer stores take
// while the collector marks were some 10 % of a run. The twelfth round
// cut what a run allocates from 882 bytes and 0.91 objects a post to 567
// bytes and 0.40 (go test -benchmem): Run recycles its observation
// slabs once a batch is added when every aggregator is one of package
// aggregate's own, which keep nothing of an observation's slices
// (TestAggregatorsKeepNoSlices; any other aggregator may keep
// observations, and then nothing is recycled); the series reuses the
// author tables its cells outgrow, the grid keeps its authors in sorted
// slices, geo's point and place resolvers carve their results from
// pooled scratch, and profile matches share their span arrays. The
// collector runs 0.34 cycles per run of 20,000 posts instead of 0.48
// (GODEBUG=gctrace=1, the cycles of 110 runs less those of 10). Most of what is left is the decoder's input chunks (some
// 310 bytes a post, which back the posts' strings and are never written
// again) and the aggregates' own cells.
//
// Wall clock on this 2-core VM varies by ±20 % between identical runs
// and more between hours: the same binary runs at about 150 k posts/s
// in some hours and 210 k in others. Changes are therefore compared in
// runs that alternate the binaries (or run them at once, each on its
// own core). Batches against post by post, 20 alternating runs of one
// worker on 2026-11-30: median 160 k posts/s against 149 k (+7 %, p =
// 0.03). After the twelfth round, 24 alternating runs between 03:40 and
// 03:55 UTC: median 204 k posts/s (147–233 k) against 186 k (130–237 k)
// for the round's start (p = 0.06); both at once, each pinned to one
// core, 0.93 of the time. At 04:20, in a slow hour, with the tokenizer's
// keys for capitalised words too (which made no difference measurable in
// wall clock), 12 alternating runs: median 160 k (133–196 k) against
// 142 k (115–171 k; p = 0.14). With 2 workers at 04:25, 8 alternating
// runs: median 279 k (251–354 k) against 264 k (247–312 k). Over all 50
// alternating runs of one worker between 03:40 and 04:31 (14 more at
// 04:30 measured the two the same): median 172 k posts/s (133–233 k)
// against 162 k (115–237 k), +5.6 % (p = 0.035), the new code faster in
// 70 % of the rounds. The target of 200,000 posts/s per core is thus met
// in the median of a fast quarter of an hour's runs only.
// The Token is 32 bytes since (56 before: a batch's tokens left the L1
// cache between stages; L1 misses a post 219.7 -> 185.5, see
// internal/text's Token doc). Levers left: the observation passed by value to each aggregator through the
// interface (about 85 instructions a call); one key per token shared by
// the automaton and the profile filter, which did not pay as a separate
// pass in the eleventh round (see internal/match's doc).
//
// # Dependencies
//
// The core module uses github.com/paulmach/orb (geometry vocabulary),
// github.com/tidwall/rtree (spatial index, internal), golang.org/x/text
// (Unicode normalisation and language tags), golang.org/x/net/html (the
// HTML of Mastodon posts: a real parser, not regular expressions),
// github.com/rivo/uniseg (emoji as whole grapheme clusters),
// github.com/mmcdole/gofeed (RSS and Atom: a well-kept feed parser) and,
// in tests only, github.com/stretchr/testify. Apache Beam lives in the
// nested module examples/beam.
//
// # Packages
//
//	source      the post model, the Source interface, decoders for NDJSON, Twitter/X v1.1 and v2,
//	            Mastodon, Bluesky Jetstream, Open311 GeoReport v2, RSS/Atom and CSV; pseudonymisation
//	geo         areas, locations with role/method/confidence, resolvers, RD New conversion
//	geo/nl      the embedded Dutch gazetteer (municipalities, provinces, safety regions, PC4, place names)
//	sentiment   explainable Dutch/English sentiment with sarcasm, emoji and slang handling
//	profile     shareable, versioned profiles with a query language and a one-pass matcher
//	aggregate   mergeable statistics per area and time, indicators, peaks, origin–destination,
//	            corroboration, grids, disclosure control; aggregate/render for GeoJSON, CSV, SVG
//	examples/   runnable scenarios on bundled synthetic data
//
// # Conventions
//
// Points are [orb.Point] values in WGS84 with axis order [lon, lat]
// (RFC 7946). Distances are in metres. Times are in UTC; calendar buckets
// (day, week) follow Europe/Amsterdam. RD New (EPSG:28992) coordinates are
// metres (x, y). Author identities are pseudonymised when posts are
// decoded; results never contain raw handles or user ids, and cells with
// fewer than k = 10 unique authors are suppressed by default.
//
// # Concurrency
//
// A [Pipeline] is safe for concurrent use: Observe may be called from
// several goroutines, and Run fans out over Options.Workers goroutines that
// all end before it returns. The library starts no goroutine that outlives
// a call, uses no global state, no hidden clock and no network.
//
// # Data and licensing
//
// The embedded data derive from openly licensed sources: Kadaster / CBS
// Wijk- en Buurtkaart 2024 (municipal boundaries), CBS Gebiedsindelingen,
// GeoNames (CC BY 4.0), © CBS, © ESRI Nederland (PC4 areas, opt-in), the
// VADER lexicon (MIT), Pattern's Dutch lexicon (PDDL/BSD), LUPJE (MIT), the
// Emoji Sentiment Ranking (CC BY-SA 4.0, kept as a separate file) and
// CrisisLex (MIT). See the packages' docs and README.md for attributions.
package socialgeo
