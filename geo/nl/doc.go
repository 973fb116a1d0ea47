// Package nl is the embedded Dutch gazetteer, the default data of package
// geo (the time/tzdata model): import it and call [Gazetteer].
//
// # Contents
//
//   - the 342 municipalities (gemeenten) of 1 January 2024 with their CBS
//     codes (GM0014 …) and boundaries, simplified with Douglas-Peucker at
//     0.001° (about 70 m E–W, 110 m N–S; the source was already simplified
//     at 0.001° by its publisher): the coarsest tolerance tried at which
//     every one of the 228 points of
//     ../shared/data/geo/checks/landmarks_2024.tsv still lands in its
//     expected municipality and at most 0.1 % of the 7,709 GeoNames places
//     move to another municipality. The landmarks alone would allow 0.005°
//     (they lie at least 250 m inside a border), but that moves 134 places;
//     at 0.001° 2 places move, 0.002° would move 37. The generator logs
//     these counts and fails if nothing passes.
//     Baarle-Nassau (GM0744) and the Belgian enclaves (GM0998, see
//     [geo.Abroad]) keep every vertex. The boundaries are land only: no
//     water-inclusive 2024 municipality file exists in the source data, so
//     the IJsselmeer, Markermeer, Waddenzee, Oosterschelde and North Sea
//     belong to no municipality (see geo.PointOptions.NearestWithin);
//   - the 25 safety regions (VR01–VR25) and 12 provinces (PV20–PV31), as
//     parents of every municipality (from gemeenten_2024.tsv) and with
//     display geometry from CBS Gebiedsindelingen 2024 (cartomap/nl). Point
//     location derives them from the containing municipality, so the three
//     levels always agree;
//   - 4,086 four-digit postcode areas (PC4-1011 …) as centroids with their
//     2024 municipality, safety region and province (GeoNames postal codes,
//     municipality by point in polygon). The PC4 polygons are in the opt-in
//     package geo/nl/pc4;
//   - population: per PC4 the CBS figure for 1 January 2021 (from
//     pc4_2020.geojson.gz); per municipality, region and province the sum
//     over its PC4 areas. Those sums are an approximation (2021 inhabitants
//     on 2024 boundaries, PC4 areas assigned whole to one municipality,
//     secret cells missing); Area.PopulationYear says 2021;
//   - about 12,100 names ([geo.Name]): the official names of all areas;
//     7,719 GeoNames populated places with their 2024 municipality; 3,142
//     Latin-script alternate names from GeoNames (Den Haag, D'n Haog,
//     Oeteldonk, Mokum, Grins …; codes such as EIN or RTM, lower-case
//     romanisations and names under four letters are left out; some that
//     remain are ordinary words, e.g. Hier, Meer, Tent, so a text resolver
//     must ask for evidence before it accepts a NameAlias); 61 curated aliases from
//     internal/gen/aliases.tsv (010, 020, 030, 040, 050, 070, denhaag,
//     s-Hertogenbosch, Sudwest Fryslan, Rotterdam-Zuid, Dam, …); and 888
//     landmarks (GeoNames feature codes RSTN, CSTL, MUS, MNMT, AMUS, AIRP,
//     STDM, ZOO, PAL) with their municipality by point in polygon.
//
// The data file (internal/data/nl.gaz) is 343,282 bytes: a text header
// naming the sources and licences, then gzip'd varints with coordinates at
// 1e-5° delta-encoded. geo/nl/pc4 adds 979,576 bytes (1.33 MB together).
// Loading happens on the first call of [Gazetteer]; on the shared 2-core
// CI machine
//
//	go test -run '^$' -bench BenchmarkLoad -benchtime 10x ./geo/nl/ ./geo/nl/pc4/
//
// measures about 32–35 ms and 6.2 MB of retained heap (heap-B) for the
// default data, and about 150–175 ms and 35 MB for geo/nl/pc4 (which
// decodes the default data again and adds 4,068 PC4 polygons); of these,
// the point index's grid (see geo's doc) takes about 7 and 25 ms and 0.5
// and 1.5 MB.
//
// # Data and licensing
//
// Vintage 2024 (boundaries and codes of 1 January 2024; GeoNames dump of
// January 2024; inhabitants 2021). Attribution, as required by the
// sources (see [Attribution]):
//
//	Bron gemeentegrenzen: Kadaster / Centraal Bureau voor de Statistiek, Wijk- en Buurtkaart 2024
//	Bron: CBS Gebiedsindelingen 2024 (via PDOK; vereenvoudigd door cartomap/nl)
//	Inwoners per postcode 2021: Centraal Bureau voor de Statistiek
//	Plaatsnamen: GeoNames (geonames.org), CC BY 4.0
//
// CBS publishes its open data under CC BY 4.0; the GeoNames data is CC BY
// 4.0. The PC4 boundaries in geo/nl/pc4 additionally require "© Centraal
// Bureau voor de Statistiek, © ESRI Nederland".
//
// # Regenerating
//
// The generator reads ../shared/data/geo relative to the module root (see
// SOURCES.md there). For a new year, put the new gemeenten_YYYY files
// there, update the file names in internal/gen/main.go and [Vintage], and
// run
//
//	go generate ./geo/nl/
//
// # Concurrency
//
// [Gazetteer] may be called from any goroutine; it returns the same
// immutable *geo.Gazetteer, which is safe for concurrent use.
package nl
