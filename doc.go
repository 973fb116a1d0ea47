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
// runs of 20,000 posts) on 2026-11-30: 18,270 instructions, 96 L1
// instruction misses, 220 L1 data misses, 12.4 last-level misses and 232
// mispredicted branches (post by post, before this session: 18,060, 825,
// 163, 12.4 and 265; 104,000 instructions on 2026-11-28). Instructions
// and L1 data misses per package: the root package (Observe's stages,
// filters and fingerprints, content terms, the run loop) 5,070 and 71
// (the batch's tokens and units are read again by each stage: 33 post by
// post); sentiment 2,890, 25; the tokenizer 2,370, 18; the NDJSON
// decoder 2,390, 4; the area series and grid 1,500, 20 (and 1.5 of the
// 12.4 last-level misses); profiles 1,070, 22; the token automaton of
// place names 1,030, 26, and the rest of geo 760, 5; the Go runtime and
// standard library 1,180, 31 (6.4 last-level misses). Two splitmix64
// finalisers per word (the word's hash and its bigram feature, about
// 370 instructions a post) stay: the SimHash, and so the near-duplicate
// decisions, are pinned to them (the exact hash, compared only for
// equality, chains the words with a rotation, xor and multiplication).
// The filters read one cache line per probe (the author cap's count-min
// sketch is blocked, the duplicate index keeps a fingerprint and its
// links in one 32-byte slot) and a Run reuses the previous Run's filter
// tables. Each worker tokenises with its own text.Arena (no sync.Pool
// per post) and hands the tokenizer's keys of short lower-case words to
// sentiment (Analyzer.AnalyzeKeyed), whose first pass then need not load
// them again. Allocations: 0.91 per post, 0.88 KB.
//
// Wall clock on this 2-core VM varies by ±20 % between identical runs
// and more between hours, so changes are compared in runs that alternate
// the two binaries (or run them at once, each on its own core). Batches
// against post by post on 2026-11-30, 20 alternating runs of one worker:
// median 160 k posts/s against 149 k (+7 %, p = 0.03; ranges 134–200 k
// and 133–174 k); both at once, each pinned to one core, 0.82 of the
// time (median of 5 pairs of rounds that swap the cores). With the
// eleventh round's sentiment and series changes too, 14 alternating runs
// at 01:55: median 158 k against 148 k for the code before the batches
// (p = 0.06); both at once, 0.87 of the time. The target of
// 200,000 posts/s per core is thus met in the fastest runs only.
// One key per token shared by the automaton and the profile filter, the
// lever the tenth round named, was tried in the eleventh and did not pay
// as a separate pass (see internal/match's doc); it would only from the
// tokenizer's own loop. A smaller Token (56 bytes now) would cut the L1
// misses of reading a batch's tokens again in each stage.
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
