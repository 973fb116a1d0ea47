package sentiment

import (
	"strings"
	"testing"
	"unsafe"
)

// TestWordTable checks that every word of the table is found at its own
// entry, through get and through the one-load key of Analyze, and that
// words not in it are not found.
func TestWordTable(t *testing.T) {
	tab := &Default().words
	if size := unsafe.Sizeof(wordInfo{}); size != 64 {
		t.Errorf("wordInfo is %d bytes, want 64 (one cache line)", size)
	}
	for i := 1; i < len(tab.ents); i++ {
		k := tab.keys[i]
		if got := tab.get(k); got>>metaIdxShift != uint64(i) {
			t.Fatalf("get(%q) = %d, want %d", k, got, i)
		}
		if n := len(k); n > 0 && n <= 8 {
			s := k + "........"
			a := load64(s) & (^uint64(0) >> (64 - 8*n))
			if a2, _ := keyLoads(k); a != a2 {
				t.Fatalf("one-load key of %q = %#x, keyLoads %#x", k, a, a2)
			}
		}
	}
	for _, w := range []string{"", "qqqq", "zzzzzzzzz", "xqxqxqxqxqxqxqxqxqxq", strings.Repeat("ab", 40)} {
		if got := tab.get(w); got != 0 && tab.keys[got>>metaIdxShift] != w {
			t.Fatalf("get(%q) = entry %q", w, tab.keys[got>>metaIdxShift])
		}
	}
}

// TestAnalyzeTokenized checks that AnalyzeTokenized, AnalyzeTokens and
// Analyze agree, also for tokens of another string.
func TestAnalyzeTokenized(t *testing.T) {
	a := Default()
	local, shared := goldenTexts(t)
	for _, s := range append(local, shared...) {
		toks := DefaultTokenizer().Tokenize(s)
		want := a.AnalyzeTokens(toks)
		if got := a.AnalyzeTokenized(s, toks); got != want {
			t.Fatalf("AnalyzeTokenized(%q) = %+v, AnalyzeTokens %+v", s, got, want)
		}
		if got := a.Analyze(s); got != want {
			t.Fatalf("Analyze(%q) = %+v, AnalyzeTokens %+v", s, got, want)
		}
		other := strings.Repeat(" ", len(s)+8) // tokens that do not point into it
		if got := a.AnalyzeTokenized(other, toks); got != want {
			t.Fatalf("AnalyzeTokenized(other, %q) = %+v, want %+v", s, got, want)
		}
	}
}
