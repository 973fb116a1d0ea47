package render

import (
	"iter"
	"math"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

// SeriesField selects the statistic of an [aggregate.SeriesCell] that
// colours a map or forms a time series.
type SeriesField uint8

// Series fields, with the unit names used as Layer.Unit.
const (
	SeriesPosts         SeriesField = iota // "posts"
	SeriesAuthors                          // "authors"
	SeriesSentiment                        // "sentiment" (mean polarity)
	SeriesRate                             // "posts per 10,000 inhabitants"
	SeriesOutsiderShare                    // "outsider share" (of authors)
)

var seriesUnits = [...]string{"posts", "authors", "sentiment", "posts per 10,000 inhabitants", "outsider share"}

func (f SeriesField) value(c *aggregate.SeriesCell) float64 {
	switch f {
	case SeriesPosts:
		return float64(c.Posts)
	case SeriesAuthors:
		return float64(c.Authors)
	case SeriesSentiment:
		return c.Sentiment
	case SeriesRate:
		return c.Rate
	case SeriesOutsiderShare:
		return c.OutsiderShare
	}
	return math.NaN()
}

// SeriesSelect picks the cells of one map or time series from
// [aggregate.Series] results: one level, role and profile ("" for all
// posts) and, for a map, the bucket starting at Start (the zero Start
// takes every bucket; then an area appears once per bucket).
type SeriesSelect struct {
	Level   geo.Level
	Role    geo.Role
	Profile string
	Start   time.Time
}

func (s *SeriesSelect) match(c *aggregate.SeriesCell) bool {
	return c.Level == s.Level && c.Role == s.Role && c.Profile == s.Profile && (s.Start.IsZero() || c.Start.Equal(s.Start))
}

// SeriesLayer turns series results into a map layer: one value per
// selected cell with ID the area, V the field (its unit name is the
// layer's Unit), and posts, authors, sentiment, rate and outsider share
// as props (V not repeated). Geometries are nil: fill them with
// [Layer.Lookup]. Suppressed and noised cells are marked.
func SeriesLayer(title string, cells iter.Seq[aggregate.SeriesCell], sel SeriesSelect, field SeriesField) *Layer {
	l := &Layer{Title: title, Unit: seriesUnits[field%5]}
	for c := range cells {
		if !sel.match(&c) {
			continue
		}
		v := Value{ID: string(c.Area), V: math.NaN(), Suppressed: c.Suppressed, Noised: c.Noised}
		if !c.Suppressed {
			v.V = field.value(&c)
			for f := SeriesPosts; f <= SeriesOutsiderShare; f++ {
				if f != field%5 {
					v.Props = append(v.Props, Prop{seriesUnits[f], f.value(&c)})
				}
			}
		}
		l.Values = append(l.Values, v)
	}
	return l
}

// SeriesTimeSeries turns series results into one time series per area
// (in order of first appearance) for [WriteSeriesJSON], with the field's
// value per bucket and the disclosure state of each point; sel.Start is
// ignored.
func SeriesTimeSeries(cells iter.Seq[aggregate.SeriesCell], sel SeriesSelect, field SeriesField) []Series {
	sel.Start = time.Time{}
	var out []Series
	idx := map[geo.AreaID]int{}
	for c := range cells {
		if !sel.match(&c) {
			continue
		}
		i, ok := idx[c.Area]
		if !ok {
			i = len(out)
			idx[c.Area] = i
			out = append(out, Series{ID: string(c.Area), Unit: seriesUnits[field%5]})
		}
		out[i].Points = append(out[i].Points, NewPoint(c.Start, field.value(&c), c.Suppressed, c.Noised))
	}
	return out
}

// IndicatorLayer turns [aggregate.Indicator] results for one profile,
// level and role (and the period starting at start; zero: every period)
// into a map layer with V the share (unit "share"), and matched, total,
// low and high (the Wilson 95 % interval) as props.
func IndicatorLayer(title string, rows iter.Seq[aggregate.IndicatorCell], profile string, level geo.Level, role geo.Role, start time.Time) *Layer {
	l := &Layer{Title: title, Unit: "share"}
	for r := range rows {
		if r.Profile != profile || r.Level != level || r.Role != role || (!start.IsZero() && !r.Start.Equal(start)) {
			continue
		}
		v := Value{ID: string(r.Area), V: math.NaN(), Suppressed: r.Suppressed, Noised: r.Noised}
		if !r.Suppressed {
			v.V = r.Share
			v.Props = []Prop{{"matched", float64(r.Matched)}, {"total", float64(r.Total)}, {"low", r.Low}, {"high", r.High}}
		}
		l.Values = append(l.Values, v)
	}
	return l
}
