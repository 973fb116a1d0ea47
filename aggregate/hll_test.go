package aggregate

import (
	"bytes"
	"fmt"
	"math"
	"testing"
)

func TestHLLAccuracy(t *testing.T) {
	for _, p := range []int{10, 12, 14} {
		for _, n := range []int{0, 1, 10, 100, 1000, 10000, 100000} {
			h, err := NewHLL(p)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < n; i++ {
				h.AddString(fmt.Sprint("author-", i))
				h.AddString(fmt.Sprint("author-", i)) // duplicates do not count
			}
			se := 1.04 / math.Sqrt(float64(int(1)<<p))
			got := h.Estimate()
			if math.Abs(got-float64(n)) > 4*se*float64(n)+1 {
				t.Errorf("p=%d n=%d: Estimate() = %.0f, outside 4 standard errors (%.2f%%)", p, n, got, 100*se)
			}
		}
	}
}

func TestHLLMergeMarshal(t *testing.T) {
	a, _ := NewHLL(0)
	b, _ := NewHLL(12)
	u, _ := NewHLL(12)
	for i := 0; i < 5000; i++ {
		s := fmt.Sprint(i)
		if i%2 == 0 {
			a.AddString(s)
		} else {
			b.AddString(s)
		}
		u.AddString(s)
	}
	ab, ba := a.Clone(), b.Clone()
	if err := ab.Merge(b); err != nil {
		t.Fatal(err)
	}
	if err := ba.Merge(a); err != nil {
		t.Fatal(err)
	}
	x, _ := ab.MarshalBinary()
	y, _ := ba.MarshalBinary()
	z, _ := u.MarshalBinary()
	if !bytes.Equal(x, y) || !bytes.Equal(x, z) {
		t.Error("merge is not commutative or differs from the union")
	}
	var back HLL
	if err := back.UnmarshalBinary(x); err != nil {
		t.Fatal(err)
	}
	if w, _ := back.MarshalBinary(); !bytes.Equal(w, x) || back.Estimate() != u.Estimate() || back.Precision() != 12 {
		t.Error("round trip not exact")
	}
	small, _ := NewHLL(4)
	if err := a.Merge(small); err != ErrHLLMismatch {
		t.Errorf("Merge(p=4 into p=12) = %v", err)
	}
	for i := 0; i < len(x); i += 97 {
		if err := back.UnmarshalBinary(x[:i]); err == nil {
			t.Errorf("UnmarshalBinary(truncated %d) = nil", i)
		}
	}
	if _, err := NewHLL(17); err == nil {
		t.Error("NewHLL(17) succeeded")
	}
}

// TestHLLTags checks that the register tags estimate class shares without
// bias (the outsider share of a sketched Series cell).
func TestHLLTags(t *testing.T) {
	h, _ := NewHLL(12)
	const n = 20000
	for i := 0; i < n; i++ {
		h.addTagged(hash64(fmt.Sprint("a", i)), uint8(i%5)%3) // tags 0,1,2,0,1: shares .4 .4 .2
	}
	_, tags, ne := h.stats()
	for tag, want := range []float64{0.4, 0.4, 0.2} {
		if got := float64(tags[tag]) / float64(ne); math.Abs(got-want) > 0.03 {
			t.Errorf("tag %d share = %.3f, want %.1f", tag, got, want)
		}
	}
}

func FuzzHLLUnmarshal(f *testing.F) {
	h, _ := NewHLL(4)
	for i := 0; i < 30; i++ {
		h.AddString(fmt.Sprint(i))
	}
	b, _ := h.MarshalBinary()
	f.Add(b)
	f.Add([]byte("SGhll\x01\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h HLL
		if h.UnmarshalBinary(data) != nil {
			return
		}
		b, _ := h.MarshalBinary()
		if !bytes.Equal(b, data) {
			t.Fatalf("re-encoding differs")
		}
		_ = h.Estimate()
	})
}

func BenchmarkHLLAdd(b *testing.B) {
	h, _ := NewHLL(12)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		h.AddHash(uint64(i) * 0x9e3779b97f4a7c15)
	}
}
