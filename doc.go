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
// posts, tokenises each and takes its content terms and fingerprint while
// its tokens are in the L1 data cache, then scores them all, locates and
// matches them, and then filters and aggregates them in input order
// (Observe runs the same stages on its one post). The code of the whole
// chain is larger than the CPU's 32 KB L1 instruction cache, the code of
// one stage is not: run post by post, each post fetched the chain's code
// again (825 L1 instruction misses a post in cachegrind, against 89
// now). Fusing larger stages trades data-cache misses for
// instruction-cache misses and did not pay (docs/performance.md).
//
// Per post of BenchmarkPipeline/ndjson/workers=1 on 2026-11-30 after the
// fourteenth round of speed work (cachegrind, GOGC=off GOMAXPROCS=1
// GODEBUG=asyncpreemptoff=1, difference of 6 and 2 runs of 20,000
// posts): 17,407 instructions, 89 L1 instruction misses, 174 L1 data
// misses, 7.8 last-level misses and 208 mispredicted branches. By
// package (instructions, L1 data misses): the root package's stages,
// filters, fingerprints, content terms and run loop 5,090 and 51;
// sentiment 2,530 and 21; the tokenizer 2,310 and 12; the NDJSON decoder
// 2,290 and 3; the area series and grid 1,510 and 18; the place-name
// automaton 1,010 and 19, the rest of geo 690 and 4; profiles 990 and
// 15; the Go runtime and standard library 980 and 31. A run allocates
// 0.39 objects and 533 bytes a post (-benchtime 20x), most of it the
// decoder's input chunks (which back the posts' strings); Run recycles
// its observation slabs when every aggregator is one of package
// aggregate's own, which keep nothing of an observation's slices
// (TestAggregatorsKeepNoSlices).
//
// The sequential Run applies the duplicate filter to a batch as soon as
// its fingerprints are taken, so duplicates are not scored, located and
// matched (run.dedupBatch; 5.8 % of the benchmark's posts, 531
// instructions a post fewer); the parallel Run, whose observers run
// ahead of its in-order filter stage, adds with one goroutine per 8
// observers (addersFor), so 2 workers no longer fork the aggregators
// and join them at the end (+19 % with 2 workers). Cachegrind does not
// model memory latency: the filters' random reads of some 3 MB of tables
// are loaded a batch at a time first (dedupBatch, warmCap), so that they
// overlap. Wall-clock figures are in README.md; how they are measured on
// a VM whose cores are slowed from outside by up to half, and what each
// round tried, in docs/performance.md.
//
// Levers left: the duplicate filter before the analysis in the parallel
// Run too (its observers would wait for the in-order stage's decisions);
// the 192-byte observation copied into each aggregator through the
// interface; the word hashes' branch on word length (15
// mispredicts a post); the tokens' Norm strings (a Token is 32 bytes since
// the thirteenth round, 56 before: a batch's tokens left the L1 data
// cache between stages).
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
