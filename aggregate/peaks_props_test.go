package aggregate_test

import (
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
	"github.com/socialgeo/socialgeo/geo"
)

func TestPeakDetectorProperties(t *testing.T) {
	for _, o := range []*aggregate.PeakOptions{nil, {Mode: aggregate.PeakSeasonal, CountAuthors: true, MaxAuthors: 4, Level: geo.LevelMunicipality, Profiles: []string{"flood"}}} {
		aggregatortest.Run(t, func() *aggregate.PeakDetector {
			d, err := aggregate.NewPeakDetector(o)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}, termObs(1500, 17), nil)
	}
}

func FuzzPeakDetectorUnmarshalProps(f *testing.F) {
	d, _ := aggregate.NewPeakDetector(&aggregate.PeakOptions{Mode: aggregate.PeakSeasonal, Period: 3, Seasons: 2, TermsPerBucket: 2})
	for _, o := range termObs(60, 18) {
		d.Add(o)
	}
	b, _ := d.MarshalBinary()
	f.Add(b)
	d.Flush(time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC))
	b, _ = d.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		aggregatortest.CheckUnmarshal(t, func() *aggregate.PeakDetector {
			d, _ := aggregate.NewPeakDetector(nil)
			return d
		}, b)
	})
}
