package main

import (
	"io"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
)

// Floors: the figures measured when the rules were frozen (see the
// TextResolver doc in geo/text.go) minus a small margin. A change that
// lowers precision or recall below them fails.
func TestFloors(t *testing.T) {
	text, held, home, err := evaluate("../../../geo/testdata", io.Discard)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	floors := []struct {
		s          score
		minP, minR float64
		minItems   int
	}{
		{text, 0.99, 0.97, 350},
		{held, 0.97, 0.93, 80},
		{home, 0.97, 0.97, 60},
	}
	for _, f := range floors {
		t.Logf("%s: items %d P %.3f R %.3f F1 %.3f", f.s.name, f.s.items, f.s.precision(), f.s.recall(), f.s.f1())
		if f.s.items < f.minItems {
			t.Errorf("%s: %d items, want ≥ %d", f.s.name, f.s.items, f.minItems)
		}
		if f.s.precision() < f.minP {
			t.Errorf("%s: precision %.3f < floor %.2f", f.s.name, f.s.precision(), f.minP)
		}
		if f.s.recall() < f.minR {
			t.Errorf("%s: recall %.3f < floor %.2f", f.s.name, f.s.recall(), f.minR)
		}
	}
}

func TestScore(t *testing.T) {
	var s score
	s.add([]geo.AreaID{"A", "B"}, []geo.AreaID{"B", "C"})
	if s.tp != 1 || s.fp != 1 || s.fn != 1 || s.precision() != 0.5 || s.recall() != 0.5 || s.f1() != 0.5 {
		t.Errorf("score after add = %+v, want tp 1 fp 1 fn 1", s)
	}
}
