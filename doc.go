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
// GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1, difference of 6 and 2
// runs of 20,000 posts, grouped by the package of each function): 19,000
// on 2026-11-29 after the ninth round of speed work (21,070 before it,
// 104,000 on 2026-11-28). The shares (at 18,950, before that evening's
// last three commits): the root package (Observe, filters
// and fingerprints, content terms, the run loop) 4,660, sentiment 3,580,
// the NDJSON decoder 2,600, the tokenizer 2,380, place names (geo and the
// token automaton) 1,760, the area series and grid 1,560, profiles 1,000,
// the Go runtime 930, the rest of the standard library 440. Two
// splitmix64 finalisers per word (the word's hash and its bigram feature,
// about 370 instructions a post) stay: the SimHash, and so the
// near-duplicate decisions, are pinned to them (the exact hash, compared
// only for equality, chains the words with a rotation, xor and
// multiplication). The filters read one cache line per probe (the author
// cap's count-min sketch is blocked, the duplicate index keeps a
// fingerprint and its links in one 32-byte slot) and a Run reuses the
// previous Run's filter tables. Allocations: 0.98 per post, 0.98 KB.
// Since the tenth round (2026-11-29 23:30 UTC) hashWords counts the
// content-term candidates without a branch, reading the stop word table
// (4 KB) for every word: the root package's share of that benchmark,
// per post in cachegrind (difference of 6 and 2 runs), went from 4,667
// to 4,690 instructions, 61.8 to 54.8 mispredicts and 31.1 to 34.4 L1
// misses (whole pipeline: 292.6 to 276.7 mispredicts).
//
// Wall clock on this 2-core VM varies by ±20 % between identical runs
// and more between hours, so a change is judged by instructions and
// cache misses and wall clock is given as ranges: 131–188 k posts/s with
// one worker (median 147 k; 104–171 k, median 139 k, for the code before
// the ninth round in the same alternating runs, 12 each, 2026-11-29
// 21:20 UTC: not a significant difference at that noise), 143–341 k with
// two (median 288 k). At the median run's 2.8 billion instructions a second the 200,000
// posts/s per core of the target need about 14,000 instructions per post
// (19,000 now), or as many fewer cache misses and mispredicts. The largest
// savings in view: the tokenizer storing each token's key once for
// sentiment, place names and profiles (each now loads and hashes the
// word again), and a caller-owned scratch for the tokenizer and the text
// resolver instead of their sync.Pools (about 280 instructions a post).
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
