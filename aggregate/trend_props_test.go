package aggregate_test

import (
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
	"github.com/socialgeo/socialgeo/geo"
)

// propTrendOpts splits propObs's three days (from 2024-03-30 12:00 UTC)
// into a before and an after window.
func propTrendOpts() *aggregate.TrendOptions {
	t0 := time.Date(2024, 3, 30, 12, 0, 0, 0, time.UTC)
	return &aggregate.TrendOptions{BeforeStart: t0, BeforeEnd: t0.Add(30 * time.Hour), AfterStart: t0.Add(36 * time.Hour), AfterEnd: t0.Add(72 * time.Hour)}
}

func TestTrendProperties(t *testing.T) {
	o2 := propTrendOpts()
	o2.Level, o2.Profiles, o2.MaxAuthors, o2.Roles = geo.LevelMunicipality, []string{"wonen"}, 4, []geo.Role{geo.RoleHome}
	for _, o := range []*aggregate.TrendOptions{propTrendOpts(), o2} {
		aggregatortest.Run(t, func() *aggregate.Trend {
			tr, err := aggregate.NewTrend(o)
			if err != nil {
				t.Fatal(err)
			}
			return tr
		}, propObs(1500, 15), nil)
	}
}

func FuzzTrendUnmarshalProps(f *testing.F) {
	tr, _ := aggregate.NewTrend(propTrendOpts())
	for _, o := range propObs(40, 16) {
		tr.Add(o)
	}
	b, _ := tr.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		aggregatortest.CheckUnmarshal(t, func() *aggregate.Trend {
			tr, _ := aggregate.NewTrend(propTrendOpts())
			return tr
		}, b)
	})
}
