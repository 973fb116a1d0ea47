package aggregate_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

// propObs returns n varied observations over three days: 8 municipalities
// in 2 provinces, about/from/home roles, 4 profiles, points for half of
// them, 150 authors (so busy cells pass the exact-author threshold).
func propObs(n int, seed uint64) []aggregate.Observation {
	r := rand.New(rand.NewPCG(seed, 99))
	t0 := time.Date(2024, 3, 30, 12, 0, 0, 0, time.UTC) // spans the DST change
	profs := []string{"flood", "allclear", "wonen", "energie"}
	var obs []aggregate.Observation
	for i := 0; i < n; i++ {
		a := r.IntN(150)
		gm := geo.AreaID(fmt.Sprintf("GM%04d", r.IntN(8)))
		pv := geo.AreaID("PV2" + string(gm[5]%2+'0'))
		o := aggregate.Observation{
			Time:     t0.Add(time.Duration(r.Int64N(int64(72 * time.Hour)))),
			Author:   fmt.Sprint("author-", a),
			Platform: []string{"twitter", "mastodon", "bluesky", ""}[a%4],
			Areas: []aggregate.AreaRef{
				{Area: gm, Level: geo.LevelMunicipality, Role: geo.RoleAbout, Confidence: 0.5 + r.Float64()/2},
				{Area: pv, Level: geo.LevelProvince, Role: geo.RoleAbout, Confidence: 0.9},
			},
			Weight: []float64{0, 1, 2.5}[r.IntN(3)],
		}
		if a%3 != 0 {
			o.Areas = append(o.Areas, aggregate.AreaRef{Area: geo.AreaID(fmt.Sprintf("GM%04d", a%8)), Level: geo.LevelMunicipality, Role: geo.RoleHome})
		}
		if r.IntN(2) == 0 {
			o.Areas = append(o.Areas, aggregate.AreaRef{Area: gm, Level: geo.LevelMunicipality, Role: geo.RoleFrom, Confidence: 0.8})
			p := orb.Point{4.8 + r.Float64()*0.3, 52.0 + r.Float64()*0.3}
			o.Point = &p
		}
		if r.IntN(4) != 0 {
			o.Label = sentiment.Label(1 + r.IntN(4))
			o.Polarity = r.Float64()*2 - 1
			o.Flags = sentiment.Flags(r.IntN(64))
		}
		for _, p := range profs {
			if r.IntN(3) == 0 {
				o.Profiles = append(o.Profiles, aggregate.ProfileMatch{ID: p, Terms: []string{p}})
			}
		}
		if i%50 == 0 {
			o.Author = ""
		}
		obs = append(obs, o)
	}
	return obs
}

func approx(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// equalRows compares result rows: float64 fields within 1e-9 (relative),
// everything else exactly.
func equalRows[R any](a, b []R) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d rows and %d rows", len(a), len(b))
	}
	for i := range a {
		x, y := reflect.ValueOf(&a[i]).Elem(), reflect.ValueOf(&b[i]).Elem()
		for f := 0; f < x.NumField(); f++ {
			fx, fy := x.Field(f), y.Field(f)
			if fx.Kind() == reflect.Float64 {
				if !approx(fx.Float(), fy.Float()) {
					return fmt.Errorf("row %d field %s: %v != %v", i, x.Type().Field(f).Name, fx.Float(), fy.Float())
				}
				continue
			}
			if !reflect.DeepEqual(fx.Interface(), fy.Interface()) {
				return fmt.Errorf("row %d field %s: %v != %v", i, x.Type().Field(f).Name, fx.Interface(), fy.Interface())
			}
		}
	}
	return nil
}

var everything = &aggregate.Policy{K: 1, UnsafeSmallK: true}

func TestSeriesProperties(t *testing.T) {
	for _, opts := range []*aggregate.SeriesOptions{nil, {Bucket: aggregate.Hour, ExactAuthors: 8, Precision: 6}, {Bucket: aggregate.Week}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			aggregatortest.Run(t, func() *aggregate.Series {
				s, err := aggregate.NewSeries(opts)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}, propObs(500, 1), &aggregatortest.Options[*aggregate.Series]{Equal: func(a, b *aggregate.Series) error {
				return equalRows(slices.Collect(a.Results(everything)), slices.Collect(b.Results(everything)))
			}})
		})
	}
}

func TestIndicatorProperties(t *testing.T) {
	for _, opts := range []*aggregate.IndicatorOptions{nil, {ExactAuthors: 4, Precision: 5, Profiles: []string{"flood", "wonen"}}} {
		aggregatortest.Run(t, func() *aggregate.Indicator {
			in, err := aggregate.NewIndicator(opts)
			if err != nil {
				t.Fatal(err)
			}
			return in
		}, propObs(800, 2), nil)
	}
}

func TestGridProperties(t *testing.T) {
	for _, o := range []*aggregate.GridOptions{nil, {MaxAuthors: 5}} {
		aggregatortest.Run(t, func() *aggregate.Grid {
			g, err := aggregate.NewGrid(aggregate.CBSGrid(1000), o)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}, propObs(800, 3), &aggregatortest.Options[*aggregate.Grid]{Equal: func(a, b *aggregate.Grid) error {
			return equalRows(slices.Collect(a.Results(everything)), slices.Collect(b.Results(everything)))
		}})
	}
}

func TestCorroborationProperties(t *testing.T) {
	scheme := aggregate.DegreeGrid(0.05)
	for _, o := range []*aggregate.CorroborationOptions{
		{Profiles: []string{"flood"}, Contradicts: []string{"allclear"}, Window: 6 * time.Hour},
		{Grid: &scheme, MaxAuthors: 3},
	} {
		aggregatortest.Run(t, func() *aggregate.Corroboration { return aggregate.NewCorroboration(o) }, propObs(800, 4), nil)
	}
}
