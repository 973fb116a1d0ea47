package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

func TestSeriesLayerAndTimeSeries(t *testing.T) {
	s, err := aggregate.NewSeries(&aggregate.SeriesOptions{Population: func(geo.AreaID) int { return 20000 }})
	if err != nil {
		t.Fatal(err)
	}
	d1 := time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)
	for day := 0; day < 2; day++ {
		for i := 0; i < 12+day*3; i++ {
			s.Add(aggregate.Observation{Time: d1.AddDate(0, 0, day), Author: fmt.Sprint(i),
				Areas: []aggregate.AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}})
		}
	}
	in, _ := aggregate.NewIndicator(nil)
	sel := SeriesSelect{Level: geo.LevelMunicipality, Role: geo.RoleAbout, Start: time.Date(2024, 5, 6, 22, 0, 0, 0, time.UTC)}
	l := SeriesLayer("Posts", s.Results(nil), sel, SeriesRate)
	if len(l.Values) != 1 || l.Values[0].V != 7.5 || l.Unit != "posts per 10,000 inhabitants" || len(l.Values[0].Props) != 4 {
		t.Fatalf("SeriesLayer = %+v", l)
	}
	ts := SeriesTimeSeries(s.Results(nil), sel, SeriesPosts)
	if len(ts) != 1 || len(ts[0].Points) != 2 || *ts[0].Points[0].V != 12 || *ts[0].Points[1].V != 15 {
		t.Fatalf("SeriesTimeSeries = %+v", ts)
	}
	var buf bytes.Buffer
	if err := WriteSeriesJSON(&buf, ts); err != nil || !json.Valid(buf.Bytes()) || !strings.Contains(buf.String(), `"t": "2024-05-05T22:00:00Z"`) {
		t.Errorf("WriteSeriesJSON: %v\n%s", err, buf.String())
	}
	if il := IndicatorLayer("x", in.Results(nil), "p", geo.LevelMunicipality, geo.RoleAbout, time.Time{}); len(il.Values) != 0 || il.Unit != "share" {
		t.Errorf("IndicatorLayer of empty indicator = %+v", il)
	}
	if !math.IsNaN(SeriesField(9).value(&aggregate.SeriesCell{})) {
		t.Error("unknown field not NaN")
	}
}
