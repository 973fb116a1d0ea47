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
// counted per source file, inlined code with its file): 21,430 in all
// on the afternoon of 2026-11-29 (24,530 at noon, 27,870 in the morning,
// 104,000 on 2026-11-28). The shares (a run of 3 against one of 2): the
// root package (Observe, filters and fingerprints, content terms, the run
// loop) about 5,200 (5,800 at noon), sentiment 3,500, the NDJSON decoder
// 2,900, the tokenizer 2,500, the Go runtime and standard library 2,000,
// place names (geo and the token automaton) 1,950, the area series and
// grid 1,600, profiles 1,500. Of the root package's share, per function:
// hashing the words and listing the content terms 1,870 with the exact
// text hash (2,370 at noon without it: now a first pass without calls),
// the SimHash 630 (960 at noon with the text hash: features added two at
// a time), Observe's glue 1,110 (1,400: parent areas hashed once,
// duplicates found through a 64-bit filter), the author cap 390,
// duplicate detection 365, the filter and run loop 390. Three splitmix64
// finalisers per word (the word's hash, the exact hash's chain, the
// bigram feature) are a third of it; the filters' decisions are pinned
// to them. Allocations: 1.1 per post (2.1 at
// noon, before the tokenizer's pooled arenas; 3.75 before its shared
// buffer for lower-cased words). Wall clock on the otherwise idle
// machine on 2026-11-29 16:25–16:32 UTC, alternating with the noon code
// (593f195; 14 runs each): 81–166 k posts/s with one worker (median
// 125 k; 72–137 k, median 110 k, for the noon code in the same runs; the
// same noon code gave a median of 98 k two hours earlier: this VM's speed
// drifts by the hour), 153–253 k with two (median 226 k; 185 k before).
// At the median run's 2.7 billion instructions a second, the 200,000
// posts/s per core of the target need about 13,400 instructions per post
// (21,430 now); at the fastest run's 3.6 billion, about 18,000. The
// largest saving in view is one dictionary probe per token shared by
// sentiment, place names, profiles and content terms, each of which now
// looks every word up in its own table.
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
