package aggregate_test

import (
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
)

func fuzzSeeds[T aggregatortest.Aggregator](f *testing.F, newAgg func() T) {
	a := newAgg()
	for _, o := range propObs(12, 7) {
		a.Add(o)
	}
	b, _ := a.MarshalBinary()
	f.Add(b)
	e, _ := newAgg().MarshalBinary()
	f.Add(e)
}

func newSeriesSmall() *aggregate.Series {
	s, _ := aggregate.NewSeries(&aggregate.SeriesOptions{ExactAuthors: 4, Precision: 4})
	return s
}

func FuzzSeriesUnmarshal(f *testing.F) {
	fuzzSeeds(f, newSeriesSmall)
	f.Fuzz(func(t *testing.T, b []byte) { aggregatortest.CheckUnmarshal(t, newSeriesSmall, b) })
}

func newIndicatorSmall() *aggregate.Indicator {
	in, _ := aggregate.NewIndicator(&aggregate.IndicatorOptions{ExactAuthors: 4, Precision: 4})
	return in
}

func FuzzIndicatorUnmarshal(f *testing.F) {
	fuzzSeeds(f, newIndicatorSmall)
	f.Fuzz(func(t *testing.T, b []byte) { aggregatortest.CheckUnmarshal(t, newIndicatorSmall, b) })
}
