package aggregate

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestPolicyValidate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name string
		p    *Policy
		ok   bool
	}{
		{"nil", nil, true},
		{"default", DefaultPolicy(), true},
		{"zero", &Policy{}, true},
		{"k1", &Policy{K: 1}, false},
		{"k1 unsafe", &Policy{K: 1, UnsafeSmallK: true}, true},
		{"negative k", &Policy{K: -1}, false},
		{"eps without rand", &Policy{Epsilon: 1}, false},
		{"eps", &Policy{Epsilon: 1, Rand: r}, true},
		{"eps nan", &Policy{Epsilon: math.NaN(), Rand: r}, false},
		{"eps inf", &Policy{Epsilon: math.Inf(1), Rand: r}, false},
		{"neg contrib", &Policy{MaxContrib: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrPolicy)) {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
	if (*Policy)(nil).MinAuthors() != 10 || (&Policy{K: 3}).MinAuthors() != 3 || (*Policy)(nil).Contrib() != 1 {
		t.Error("defaults")
	}
	if d := (&Policy{K: 1}).Check(100); !d.Suppressed || d.Reason != ReasonInvalidPolicy {
		t.Errorf("invalid policy Check = %+v, want fail closed", d)
	}
}

func TestLaplace(t *testing.T) {
	p := &Policy{Epsilon: 1, Rand: rand.New(rand.NewPCG(7, 7))}
	const n = 200000
	var sum, abs float64
	for range n {
		x := p.Laplace(2)
		sum += x
		abs += math.Abs(x)
	}
	// Laplace(0, b): mean 0, E|x| = b.
	if m := sum / n; math.Abs(m) > 0.03 {
		t.Errorf("mean = %v, want ≈ 0", m)
	}
	if b := abs / n; math.Abs(b-2) > 0.03 {
		t.Errorf("E|x| = %v, want ≈ 2", b)
	}
	q := &Policy{Epsilon: 1, Rand: rand.New(rand.NewPCG(7, 7))}
	p = &Policy{Epsilon: 1, Rand: rand.New(rand.NewPCG(7, 7))}
	for range 10 {
		if a, b := p.NoisyCount(5, 1, 2), q.NoisyCount(5, 1, 2); a != b || a < 0 {
			t.Fatalf("NoisyCount not deterministic or negative: %d %d", a, b)
		}
	}
	if (*Policy)(nil).NoisyCount(5, 1, 1) != 5 {
		t.Error("nil policy noised")
	}
}

func TestComplement(t *testing.T) {
	tests := []struct {
		name      string
		size      []int64
		supp      []bool
		k         int
		want      []bool
		wantCalls int
	}{
		{"none", []int64{20, 30}, []bool{false, false}, 10, []bool{false, false}, 0},
		{"one hidden, add smallest", []int64{3, 50, 12, 40}, []bool{true, false, false, false}, 10, []bool{true, false, true, false}, 1},
		{"two small hidden still < k", []int64{3, 4, 12, 40, 11}, []bool{true, true, false, false, false}, 10, []bool{true, true, false, false, true}, 1},
		{"two hidden enough", []int64{5, 6, 12}, []bool{true, true, false}, 10, []bool{true, true, false}, 0},
		{"all", []int64{1, 2}, []bool{true, true}, 10, []bool{true, true}, 0},
		{"single cell group", []int64{3}, []bool{true}, 10, []bool{true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			Complement(tt.size, tt.supp, tt.k, func(int) { calls++ })
			for i := range tt.want {
				if tt.supp[i] != tt.want[i] {
					t.Fatalf("Complement(%v) = %v, want %v", tt.size, tt.supp, tt.want)
				}
			}
			if calls != tt.wantCalls {
				t.Errorf("mark called %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}
