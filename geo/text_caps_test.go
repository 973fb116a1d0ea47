package geo

import (
	"math/rand"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

// TestIsAllCapsEarlyExit checks isAllCaps, which stops once the answer is
// certain, against the plain count on random token sequences.
func TestIsAllCapsEarlyExit(t *testing.T) {
	want := func(toks []text.Token) bool {
		words, upper := 0, 0
		for i := range toks {
			if toks[i].Kind == text.Word && len(toks[i].Norm) > 1 {
				words++
				if toks[i].Upper {
					upper++
				}
			}
		}
		return words >= 2 && upper*10 >= words*6
	}
	rng := rand.New(rand.NewSource(1))
	kinds := []text.Kind{text.Word, text.Word, text.Word, text.Punct, text.Number}
	norms := []string{"a", "ab", "echt"}
	for n := 0; n < 20000; n++ {
		toks := make([]text.Token, rng.Intn(12))
		for i := range toks {
			toks[i] = text.Token{Kind: kinds[rng.Intn(len(kinds))], Norm: norms[rng.Intn(len(norms))], Upper: rng.Intn(3) > 0}
		}
		if got := isAllCaps(toks); got != want(toks) {
			t.Fatalf("isAllCaps(%+v) = %v", toks, got)
		}
	}
}
