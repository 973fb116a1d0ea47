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
// runs of 20,000 posts): 18,090 on 2026-11-30 after the tenth round of
// speed work (18,900 before it, 104,000 on 2026-11-28). Per post and
// package (cachegrind, grouped by the package of each function:
// instructions, L1 misses, mispredicted branches): the root package
// (Observe, filters and fingerprints, content terms, the run loop) 4,470,
// 33, 51; sentiment 3,060, 25, 54; the tokenizer 2,350, 3, 23; the NDJSON
// decoder 2,150, 9, 22; the area series and grid 1,510, 22, 23 (and 1.6
// of the 12.4 last-level misses); the token automaton of place names
// 1,030, 18, 29, and the rest of geo 680, 5, 15; profiles 1,030, 13, 22;
// the Go runtime and standard library 1,020, 28, 22 (5.8 last-level
// misses). Two splitmix64 finalisers per word (the word's hash and its
// bigram feature, about 370 instructions a post) stay: the SimHash, and
// so the near-duplicate decisions, are pinned to them (the exact hash,
// compared only for equality, chains the words with a rotation, xor and
// multiplication). hashWords counts the content-term candidates without
// a branch, reading the stop word table (4 KB) for every word: some 100
// instructions and 3 L1 misses more a post than the branches it replaced,
// and 8 mispredicts fewer. The filters read one cache line per probe (the
// author cap's count-min sketch is blocked, the duplicate index keeps a
// fingerprint and its links in one 32-byte slot) and a Run reuses the
// previous Run's filter tables. Each worker tokenises with its own
// text.Arena (no sync.Pool per post) and hands the tokenizer's keys of
// short lower-case words to sentiment (Analyzer.AnalyzeKeyed): its first
// pass then reads them instead of loading each word again, 470
// instructions a post fewer (and 6 mispredicts more in cachegrind's
// simple predictor). Allocations: 0.97 per post, 0.89
// KB.
//
// Wall clock on this 2-core VM varies by ±20 % between identical runs
// and more between hours, so a change is judged by instructions and
// cache misses and wall clock is given as ranges: 118–162 k posts/s with
// one worker at 23:50 UTC (median 127 k; 111–169 k, median 124 k, for the
// code before the tenth round in the same 12 alternating runs: not a
// significant difference), 208–292 k with two (median 221 k); the code
// before the tenth round ran at 145–208 k (median 180 k) at 22:17. The
// target of 200,000 posts/s per core thus needs some 10 % fewer cycles a
// post at the VM's faster hours and nearly 40 % at its slower ones. The
// lever that every package's helper named in the tenth round: one key per
// token, computed by the tokenizer from the loads that found the token,
// for the stop words, the place-name automaton and the profile filter,
// which each load the word again and take a branch on its length (some
// 8 mispredicts a post in each; sentiment already takes the keys of
// short lower-case words); this needs one key scheme shared by
// internal/text, internal/match and profile.
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
