// Package render writes aggregate results for people and for GIS tools:
// GeoJSON (choropleth-ready), CSV, JSON time series and an SVG choropleth
// map of the Netherlands or a region, drawn by the library itself.
//
// Every writer takes a [Layer]: a title, a unit and a list of [Value]s
// (an ID, a WGS84 geometry, the statistic V, further [Prop]s and the
// disclosure state). Any aggregator's results become a Layer by mapping
// each result row to a Value; [GridLayer] does this for
// [aggregate.Grid], [SeriesLayer] for [aggregate.Series] (and
// [SeriesTimeSeries] makes JSON time series of it), [IndicatorLayer] for
// [aggregate.Indicator], and [Layer.Lookup] fetches area geometries and names
// from a [geo.Gazetteer] (geo/nl for the Dutch municipalities).
//
// # Disclosure
//
// A suppressed value (too few unique authors) is never written: GeoJSON
// keeps only its id, name and "suppressed": true; CSV leaves its
// statistics empty and sets the suppressed column; the map hatches it
// and explains the hatching in the legend ("< k authors, suppressed").
//
// # Map
//
// [WriteSVG] projects with RD New (EPSG:28992, [geo.ToRD]), so the map
// is not stretched as a plain lon/lat plot would be (at 52°N a degree of
// longitude is only 0.62 of a degree of latitude). Classes are 5
// quantiles (or fixed breaks), coloured with the colour-blind safe
// ColorBrewer palettes YlGnBu (sequential) or PuOr (diverging, for
// sentiment). The map has a title, subtitle, legend, scale bar in km,
// north arrow and attribution line. Coordinates are rounded to 0.1 px
// and vertices closer than 0.6 px dropped.
//
// Figures (2 cores, go1.26, 342 municipalities of geo/nl, 800 px wide):
// the SVG is 199 KB and renders in about 7.5 ms (1.9 MB, 4.9k allocations) —
// `go test -run xxx -bench WriteSVG -benchtime 1s ./aggregate/render/`.
//
// # Concurrency
//
// The functions are safe for concurrent use as long as each call gets
// its own [Layer] (Lookup writes into the layer). Nothing is retained
// after a call returns.
//
// # Data and licensing
//
// Maps of municipal boundaries from geo/nl must show
// [DefaultAttribution] ("Bron gemeentegrenzen: Kadaster / CBS, Wijk- en
// Buurtkaart 2024"); it is drawn by default.
package render
