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
// level". Most points cost one lookup in a grid of cells of about 1 km that
// no boundary crosses (their answer found when the gazetteer is built). The
// others cost one query of an R-tree (github.com/tidwall/rtree, internal)
// over the polygon bounds, inserted in Hilbert order, followed by exact
// even-odd point-in-polygon tests (holes and multi-part areas handled), in
// which each polygon's edges are bucketed into horizontal bands so a test
// reads only a few edges. Safety region and province follow from the
// containing municipality's parents, so the levels always agree. A point in
// no area, in the Abroad zone or with a NaN/Inf coordinate gives nil;
// [PointResolver] then reports an error wrapping [ErrOutside] and never
// moves the point to the nearest area unless [PointOptions.NearestWithin]
// asks for it (coast and open water: the embedded boundaries are land only).
//
// # Speed
//
// The figures are from the shared 2-core CI machine. Its wall clock varies
// by ±20 % and more between hours, so ranges are given; instruction counts
// (valgrind, GOGC=off) do not vary.
//
// Point location (geo/nl's benchmarks, default data, uniform random points
// over the Dutch bounding box, 2026-11-29): BenchmarkLocate 140–170 ns a
// point (5.9–7.2 M points/s, 0 allocations); BenchmarkLocatePC4, with the
// 4,068 PC4 polygons of geo/nl/pc4, 550–700 ns (1.4–1.8 M points/s);
// BenchmarkLocateBruteForce, every edge of every GM, VR and PV polygon,
// 84,000–88,000 ns (11,400–11,900 points/s): the index is about 500 times
// faster.
//
//	go test -run '^$' -bench 'BenchmarkLocate' -benchtime 1s -count 2 -cpu 1 ./geo/nl/
//
// Text resolution: BenchmarkTextResolver resolves the labelled sentences of
// geo/testdata joined four at a time into ~130-byte posts ("post") or one
// at a time ("sentence", ~32 bytes); BenchmarkTextResolverSynth the
// pipeline benchmark's synthetic posts (shorter, fewer place names).
// "tokens" passes [Query.Tokens], shared as the pipeline does; "text" lets
// Resolve tokenise too. BenchmarkHomeResolver resolves one profile field an
// op. Instructions per op are callgrind's, for the module's and sync's
// functions; the wall clock is of 2026-11-30:
//
//	                          instructions  wall clock
//	post/tokens                      5,474  63–186 MB/s (median 124 in quiet hours; 63–80 in a slow quarter of an hour)
//	post/text                       10,094  38–82 MB/s (median 74 in quiet hours; 45–55 in the slow quarter)
//	sentence/tokens                  1,679  78–112 MB/s
//	TextResolverSynth/tokens         1,889  101–149 MB/s (12 runs in the slow quarter)
//	TextResolverSynth/text                  60–75 MB/s (the slow quarter)
//	HomeResolver                     2,047  0.5–0.6 µs a profile field (2026-11-29)
//
// Allocations: 0.221 a post on post/tokens (-benchmem rounds it to 0), none
// more for "text", 1 a profile field; BenchmarkFromResolvers ([Chain] of a
// [PointResolver] and a [PlaceResolver], as the pipeline resolves where a
// post was sent from) 0.12 allocations and 214 bytes a query. In the pipeline
// (BenchmarkPipeline/ndjson/workers=1) geo's functions take 690
// instructions a post and internal/match's 1,005 (2026-11-30, fourteenth
// round, in which duplicates, 5.8 % of the posts, stopped being located).
//
//	go test -run '^$' -bench 'TextResolver|HomeResolver|FromResolvers' -benchmem ./geo/
//
// Target: text resolution at 100 MB/s or more. It runs on the tokens
// that the pipeline shares between geo, sentiment and profiles. In 42
// interleaved rounds of bench/targets.sh (2026-11-30), on the pipeline's
// synthetic posts (TextResolverSynth/tokens) it met the target in all 42
// (108–168 MB/s); on the labelled posts, nearly all naming places
// (post/tokens), in 23 (80–146 MB/s). When Resolve is given text alone
// it tokenises too (the tokenizer takes 44 % of post/text's
// instructions): 45–92 MB/s.
//
// The history of the speed work, and the levers tried:
// docs/performance/geo.md.
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
