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
// Instructions per post of BenchmarkPipeline/ndjson/workers=1 (callgrind,
// GOGC=off, GOMAXPROCS=1, difference of 6 and 2 runs of 20,000 posts,
// counted per source file, inlined code with its file): 20,980 in all
// on the evening of 2026-11-29 (21,810 at 16:45, 24,530 at noon, 104,000
// on 2026-11-28). The shares (a run of 3 against one of 2): the root
// package (Observe, filters and fingerprints, content terms, the run
// loop) about 4,900 (filters.go 1,570, terms.go 1,550, pipeline.go 1,330,
// run.go 450), sentiment 3,800, the NDJSON decoder 2,870, the tokenizer
// 2,540, the Go runtime and standard library 1,750, place names (geo and
// the token automaton) 1,850, the area series and grid 1,700, profiles
// 1,290. Later that evening the root's loops were cut to what fits Go's
// register allocator (hashWords, the fingerprint's two loops) and its
// copies dropped: 20,595 in all, the root 4,564 (filters.go 1,455,
// terms.go 1,354, pipeline.go 1,347, run.go 409; BenchmarkWords, the
// per-word part, 2,756 -> 2,499 a post). Two splitmix64 finalisers per
// word (the word's hash and its bigram feature, about 370 instructions a
// post) stay: the SimHash, and so the near-duplicate decisions, are
// pinned to them (the exact hash, compared only for equality, chains the
// words with a rotation, xor and multiplication now). Since 16:45 the
// filters read one cache line per probe (the author cap's count-min sketch is blocked, the
// duplicate index keeps a fingerprint and its links in one 32-byte slot)
// and a Run reuses the previous Run's filter tables: last-level-cache
// misses (2 MB L2) 22.5 → 14.9 a post, bytes allocated 1.6 → 0.99 KB a
// post. Allocations: 1.1 per post. Wall clock on the otherwise idle
// machine on 2026-11-29 18:50–18:56 UTC, alternating with the code of
// 16:45 (26e3beb; 14 runs each): 124–188 k posts/s with one worker
// (median 158 k; 114–165 k, median 137 k, for 26e3beb in the same runs,
// which gave a median of 125 k at 16:30: this VM's speed drifts by the
// hour), 218–324 k with two (median 271 k; 246 k). At the median run's
// 3.3 billion instructions a second, the 200,000 posts/s per core of the
// target need about 16,500 instructions per post (20,980 now), or as
// many fewer cache misses and mispredicts. The largest saving in view is
// one dictionary probe per token shared by sentiment, place names,
// profiles and content terms, each of which now looks every word up in
// its own table.
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
