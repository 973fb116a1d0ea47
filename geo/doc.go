// Package geo locates posts: areas and their names ([Gazetteer]), the
// location evidence of a post ([Location]), and [Resolver]s that find it.
//
// A post carries three kinds of location evidence that are never mixed
// ([Role]): where it was sent from (device geotag: [PointResolver];
// platform place: [PlaceResolver]), where its author lives (profile
// location) and which places it is about (names, aliases, hashtags and
// postcodes in the text). Every [Location] carries its [Method] and a
// confidence in [0, 1].
//
// The Dutch data (municipalities, safety regions, provinces, PC4 areas,
// place names, aliases and landmarks) is embedded in package geo/nl;
// geo/nl/pc4 adds PC4 polygons. geo itself holds no data.
//
// # Conventions
//
// [orb.Point] is [lon, lat] in WGS84 degrees; distances are in metres.
// Area IDs are CBS codes with their prefix: GM0363, VR13, PV27, and
// PC4-1071 for postcode areas (see [AreaID]). [Abroad] (GM0998) marks the
// Belgian enclaves of Baarle-Hertog.
//
// # Point location
//
// [Gazetteer.Locate] answers "which areas contain this point, at every
// level" with one query of an R-tree (github.com/tidwall/rtree, internal)
// over the polygon bounds, inserted in Hilbert order, followed by exact
// even-odd point-in-polygon tests (holes and multi-part areas handled),
// in which each polygon's edges are bucketed into horizontal bands so a
// test reads only a few edges. Safety region and province follow from the
// containing municipality's parents, so the levels always agree. A point
// in no area, in the Abroad zone or with a NaN/Inf coordinate gives nil;
// [PointResolver] then reports an error wrapping [ErrOutside] and never
// moves the point to the nearest area unless [PointOptions.NearestWithin]
// asks for it (coast and open water: the embedded boundaries are land only).
//
// Speed, on the shared 2-core CI machine, default data (municipalities +
// safety regions + provinces), uniform random points over the Dutch
// bounding box:
//
//	go test -run '^$' -bench 'BenchmarkLocate' -benchtime 1s -count 2 -cpu 1 ./geo/nl/
//
//	BenchmarkLocate            140–170 ns/op     5.9–7.2 M points/s  0 allocs
//	BenchmarkLocatePC4         550–700 ns/op     1.4–1.8 M points/s  (with 4,068 PC4 polygons)
//	BenchmarkLocateBruteForce  84,000–88,000 ns  11,400–11,900 points/s (every GM, VR and PV polygon, every edge)
//
// (2026-11-29, 3 runs alternating with the code before the grid, which gave
// 2.5–3.0 M and 1.0–1.2 M points/s in the same runs), so the index is
// about 500 times faster than the linear scan over the same data in the
// same run. Most points cost one lookup in a grid of cells of about 1 km
// that no boundary crosses (their answer found when the gazetteer is
// built); the others an R-tree query over the polygons' bounds and exact
// ray tests of the edges in the point's band. Figures vary by ±20 % with
// the hour on this VM.
//
// [TextResolver] on pre-tokenised posts ([Query.Tokens], as the pipeline
// calls it): 5,520 instructions, 62 L1 data misses and 110–114
// mispredicted branches (cachegrind's) per 130-byte post, counting every
// function of the module without the runtime (cachegrind, GOGC=off;
// 5,834, 62.7 and 110–116 before the third round of 2026-11-29; 6,790,
// 88 and 121, counted by the resolver's and automaton's functions,
// before the first). The wall-clock figures that follow are of the
// first round; the second's and third's were not measured (the machine
// under a load of 8–17). Under load on the shared 2-core machine,
// alternating with the version before, 0.79–0.91 µs against 0.94–1.00
// µs at best (−9 to −19 %; 143–165 MB/s; medians −7 to −24 %); on the
// otherwise idle machine 83–111 MB/s (median 86) against 69–94 (median
// 83), no significant difference; 0.3 allocations per post; tokenising
// too ("text"), 36–53 MB/s and 1 allocation per post (27–39 MB/s and 7
// before; none of its own since the second round: the tokens' folded
// Norms in the pooled scratch); [HomeResolver] about 0.5–0.6 µs per
// profile field (go test -run '^$' -bench 'TextResolver|HomeResolver'
// -benchmem ./geo/; table, method and the third round's changes in the
// [TextResolver] doc).
//
// Thirteenth round (2026-11-30; callgrind, GOGC=off, the module's and
// sync's functions a post; the rounds' notes in the [TextResolver] doc):
// post/tokens 5,571 -> 5,474 instructions, post/text 10,192 -> 10,094,
// BenchmarkTextResolverSynth/tokens (new: the pipeline benchmark's
// synthetic posts, a proxy of its geo stage that callgrind runs in
// seconds) 1,923 -> 1,889; in BenchmarkPipeline/ndjson/workers=1
// (cachegrind) geo's functions 761 -> 728 a post. Of post/text's instructions the tokenizer
// (internal/text) takes 4,580 (44 %) and the resolver the rest, as on
// post/tokens: at the post/tokens rate (96–143 MB/s in round 12's runs)
// post/text would need the tokenizer nearly free, so its 100 MB/s target
// is out of geo's reach (a keyless TokenizeKeysScratch would save 2 %).
// Wall clock not measured: the machine was under a load of 7–9.
// The 32-byte Token (internal/text, later in the round; cachegrind):
// post/tokens 5,748 -> 5,708 instructions and 72.8 -> 58.3 L1 misses,
// post/text 10,342 -> 10,384 and 44.3 -> 44.5 (its tokens are written
// just before), mispredicts 150.4 -> 158.3; in the pipeline
// internal/match's L1 misses 25.6 -> 19.5 a post.
//
// Allocations (twelfth round, 2026-11-30; runtime.MemStats over 70,000
// queries, the same figures as go test -run '^$' -bench
// 'BenchmarkFromResolvers' -benchmem ./geo/ rounds): geo.Chain of a
// [PointResolver] and a [PlaceResolver], as the pipeline resolves where
// a post was sent from, 4.86 -> 0.12 allocations and 408 -> 214 bytes a
// query (callgrind, GOGC=off: 4,024 -> 2,588 instructions). Both carve
// their results, and a geotag's Point, from the pooled scratch's chunks
// that the text resolvers' results come from (one allocation per ten or
// so results: a result a caller keeps holds its 1.8 KB chunk alive);
// PlaceResolver folds an ASCII name on the stack (Fold allocated for
// every name with a capital), orders the name's entries by index on the
// stack (Lookup copied the 64-byte Names) and keeps its lists of areas in
// arrays on the stack. An ambiguous name's error holds its candidates'
// IDs in the same allocation (up to three): [TextResolver] post/tokens
// 0.243 -> 0.221 allocations a post. In the pipeline
// (BenchmarkPipeline/ndjson/workers=1 -benchtime 10x -memprofilerate 512,
// go tool pprof -sample_index=alloc_objects -focus 'Pipeline..Run') the
// allocations made in geo fell from 0.22 objects and 61 bytes a post to
// 0.04 and 54 (the whole benchmark: 18,240 -> 14,819 allocs/op, 20,000
// posts an op); what is left is the results' chunks (the text results' 31
// bytes a post) and ambiguous names' errors. find and resolve store two
// slice headers fewer a post (pointer stores, with a write barrier while
// the collector marks). GOGC=off instructions of the geo and match
// functions: post/tokens unchanged (5,402 a post), in the pipeline 1,794
// -> 1,799 a post (the pool's Get and Put for geotags and places) while
// malloc's fell by some 60.
//
// # Accuracy
//
// All 228 points of ../shared/data/geo/checks/landmarks_2024.tsv (islands,
// Zeeland, border points 0.25–1.5 km from a border, ambiguous names) land
// in their expected municipality with [PointResolver] without
// NearestWithin (0 of 228 needed it):
//
//	go test -run 'TestPointLandmarks|TestLandmarks' -v ./geo/ ./geo/nl/
//
// Points nearer than about 100 m to a municipal border can be assigned to
// the neighbour, since the boundaries are generalised (see geo/nl).
//
// [TextResolver] ("about": names, hashtags, postcodes in post text) and
// [HomeResolver] (profile location) on the project's hand-labelled files
// in geo/testdata, micro-averaged over (post, municipality) pairs (rules
// and figures in the [TextResolver] doc):
//
//	go run ./internal/cmd/geoeval
//
//	set       items  precision  recall  F1
//	text        365      1.000   0.991  0.995  (rules were tuned on it; 63 hard cases)
//	heldout      89      0.987   0.963  0.975  (written after the rules froze)
//	home         78      1.000   1.000  1.000  (HomeResolver, tuned on it)
//
// End to end on synthetic posts (go run ./internal/cmd/pipelineeval), the
// about locations have precision 1.000 and recall 0.997; the synthetic
// texts come from a few templates, so that is a consistency check only.
//
// # Errors
//
// Resolvers return [ErrNotFound] (possibly wrapped) when they find
// nothing, an error wrapping [ErrOutside] for evidence outside the
// Netherlands, and [*AmbiguousError] for a name that several areas share
// when the evidence does not settle it. [NewGazetteer] errors wrap
// [ErrInvalid]. Nothing in this package panics on data.
//
// # Concurrency
//
// [Gazetteer], [PointResolver] and [PlaceResolver] are immutable after
// construction and safe for concurrent use. Every [Resolver] must be safe
// for concurrent use; geo/resolvertest checks that (run it under -race).
// Iterators returned by [Gazetteer.Areas] and [Gazetteer.Names] may be
// ranged over more than once.
package geo
