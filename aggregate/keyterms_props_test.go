package aggregate_test

import (
	"fmt"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/aggregate/aggregatortest"
	"github.com/socialgeo/socialgeo/geo"
)

// termObs adds content terms to propObs: a common vocabulary plus a few
// area-specific words.
func termObs(n int, seed uint64) []aggregate.Observation {
	obs := propObs(n, seed)
	for i := range obs {
		o := &obs[i]
		o.Terms = []string{fmt.Sprint("w", i%37), fmt.Sprint("v", (i*7)%11), "gemeente"}
		if len(o.Areas) > 0 {
			o.Terms = append(o.Terms, "lokaal-"+string(o.Areas[0].Area))
		}
	}
	return obs
}

func TestKeyTermsProperties(t *testing.T) {
	scheme := aggregate.CBSGrid(1000)
	for _, o := range []*aggregate.KeyTermsOptions{nil, {Level: geo.LevelMunicipality, MinTermAuthors: 3, MaxAuthors: 6, Profile: "wonen"}, {Grid: &scheme}} {
		aggregatortest.Run(t, func() *aggregate.KeyTerms { return aggregate.NewKeyTerms(o) }, termObs(1500, 13), nil)
	}
}

func FuzzKeyTermsUnmarshalProps(f *testing.F) {
	k := aggregate.NewKeyTerms(&aggregate.KeyTermsOptions{MaxTerms: 3, MinTermAuthors: 2})
	for _, o := range termObs(40, 14) {
		k.Add(o)
	}
	b, _ := k.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		aggregatortest.CheckUnmarshal(t, func() *aggregate.KeyTerms { return aggregate.NewKeyTerms(nil) }, b)
	})
}
