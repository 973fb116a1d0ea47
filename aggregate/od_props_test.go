package aggregate_test

import (
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
	"github.com/socialgeo/socialgeo/geo"
)

func TestODProperties(t *testing.T) {
	for _, o := range []*aggregate.ODOptions{nil, {Window: 6 * time.Hour, MaxAuthors: 5}, {Level: geo.LevelMunicipality, Profiles: []string{"flood"}}} {
		aggregatortest.Run(t, func() *aggregate.OD { return aggregate.NewOD(o) }, propObs(1500, 11), nil)
	}
}

func FuzzODUnmarshalProps(f *testing.F) {
	od := aggregate.NewOD(&aggregate.ODOptions{Window: time.Hour, MaxAuthors: 3})
	for _, o := range propObs(40, 12) {
		od.Add(o)
	}
	b, _ := od.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		aggregatortest.CheckUnmarshal(t, func() *aggregate.OD { return aggregate.NewOD(nil) }, b)
	})
}
