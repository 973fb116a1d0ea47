package main

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// Floors: the figures of a small run (60 streams × 42 days, seed 1) when
// the detectors were frozen, minus a margin. A change that lowers them
// fails.
func TestFloors(t *testing.T) {
	rs, err := evaluate(config{Series: 60, Days: 42, EventsPerSeries: 3, Seed: 1})
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	floors := map[string]struct{ minP, minR, maxDelay float64 }{
		"ewma τ2":     {0.05, 0.75, 1.0},
		"seasonal τ4": {0.95, 0.68, 1.0},
	}
	seen := 0
	for _, r := range rs {
		t.Logf("%-16s events %d found %d P %.3f R %.3f delay %.2f h", r.Mode, r.Events, r.Detections, r.precision(), r.recall(), r.delay())
		f, ok := floors[r.Mode]
		if !ok {
			continue
		}
		seen++
		if r.Events != 180 {
			t.Errorf("%s: %d events, want 180", r.Mode, r.Events)
		}
		if r.precision() < f.minP {
			t.Errorf("%s: precision %.3f < floor %.2f", r.Mode, r.precision(), f.minP)
		}
		if r.recall() < f.minR {
			t.Errorf("%s: recall %.3f < floor %.2f", r.Mode, r.recall(), f.minR)
		}
		if r.delay() > f.maxDelay {
			t.Errorf("%s: delay %.2f h > %.1f", r.Mode, r.delay(), f.maxDelay)
		}
	}
	if seen != len(floors) {
		t.Errorf("checked %d modes, want %d", seen, len(floors))
	}
}

func TestRunDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	cfg := config{Series: 5, Days: 14, EventsPerSeries: 2, Seed: 3}
	if err := run(&a, cfg); err != nil {
		t.Fatal(err)
	}
	if err := run(&b, cfg); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || !strings.Contains(a.String(), "seasonal τ4") {
		t.Errorf("run output differs or lacks modes:\n%s\n%s", a.String(), b.String())
	}
}

func TestPoisson(t *testing.T) {
	for _, lambda := range []float64{0.5, 7, 75} {
		sum, sq := 0.0, 0.0
		const n = 20000
		rr := rand.New(rand.NewPCG(9, 9))
		for i := 0; i < n; i++ {
			x := poisson(rr, lambda)
			sum += x
			sq += x * x
		}
		mean := sum / n
		v := sq/n - mean*mean
		if d := mean - lambda; d*d > 0.01*lambda {
			t.Errorf("poisson(%v) mean %v", lambda, mean)
		}
		if d := v - lambda; d*d > 0.04*lambda*lambda {
			t.Errorf("poisson(%v) variance %v", lambda, v)
		}
	}
}
