package sgbeam

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/aggregate"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(ptest.MainRetWithDefault(m, "prism"))
}

var spikeOut []byte

func collect(b []byte) { spikeOut = b }

func init() { beam.RegisterFunction(collect); register.Function1x2(marshalGrid) }

func marshalGrid(g *aggregate.Grid) ([]byte, error) { return g.MarshalBinary() }

func TestGridPrism(t *testing.T) {
	var obs []aggregate.Observation
	for i := 0; i < 200; i++ {
		p := orb.Point{4.85 + float64(i%7)*0.01, 52.35 + float64(i%5)*0.01}
		obs = append(obs, aggregate.Observation{Time: time.Unix(int64(i), 0).UTC(), Author: string(rune('a' + i%20)), Point: &p, Polarity: float64(i%3) / 4, Weight: 1})
	}
	want, _ := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
	for _, o := range obs {
		want.Add(o)
	}
	wb, _ := want.MarshalBinary()

	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, obs)
	g := beam.Combine(s, &GridFn{Scheme: aggregate.CBSGrid(1000)}, col)
	enc := beam.ParDo(s, marshalGrid, g)
	passert.Equals(s, enc, wb)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	_ = bytes.Equal
	_ = wb
}
