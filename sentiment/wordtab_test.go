package sentiment

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/socialgeo/socialgeo/internal/le"
	"github.com/socialgeo/socialgeo/internal/text"
)

// TestWordTable checks that every word of the table is found at its own
// entry, through get and through the one-load key of Analyze, and that
// words not in it are not found.
func TestWordTable(t *testing.T) {
	tab := &Default().words
	if size := unsafe.Sizeof(wordInfo{}); size != 64 {
		t.Errorf("wordInfo is %d bytes, want 64 (one cache line)", size)
	}
	if tab.short[0] != (shortBucket{}) {
		t.Errorf("short[0], the probe of the words the filter rules out, is not empty: %v", tab.short[0])
	}
	for i := 1; i < len(tab.ents); i++ {
		k := tab.keys[i]
		if got := metaIdx(tab.get(k)); got != uint32(i) {
			t.Fatalf("get(%q) = %d, want %d", k, got, i)
		}
		if n := len(k); n > 0 && n <= 8 {
			s := k + "........"
			a := le.Uint64(s) & (^uint64(0) >> (64 - 8*n))
			if a2, _ := keyLoads(k); a != a2 {
				t.Fatalf("one-load key of %q = %#x, keyLoads %#x", k, a, a2)
			}
		}
	}
	for _, w := range []string{"", "qqqq", "zzzzzzzzz", "xqxqxqxqxqxqxqxqxqxq", strings.Repeat("ab", 40)} {
		if got := tab.get(w); got != 0 && tab.keys[metaIdx(got)] != w {
			t.Fatalf("get(%q) = entry %q", w, tab.keys[metaIdx(got)])
		}
	}
}

// keysOf sets keys[i] (all 0 on entry) to the key of each Word of toks
// that scanFast can take from its key (see keyOf). The other tokens'
// keys stay 0. (prescanTokens has keyOf's first case in its own loop.)
func keysOf(toks []Token, s string, keys []uint64) {
	keys = keys[:len(toks)]
	for i := range toks {
		if t := &toks[i]; t.Kind == text.Word && !t.Elongated && uint(len(t.Norm)-1) < 8 {
			keys[i] = keyOf(t, s)
		}
	}
}

// TestScanFastKeys checks that prescan's probe (the one-load keys of
// scanFast) finds every word of the table that the tokenizer leaves as it
// is, at the start, inside and at the end of a text.
func TestScanFastKeys(t *testing.T) {
	a := Default()
	tab := &a.words
	checked, keyed := 0, 0
	for i := 1; i < len(tab.ents); i++ {
		k := tab.keys[i]
		for _, s := range []string{k + " en zo", "zo " + k + " en zo", "en zo " + k, k} {
			// the keys of keysOf (AnalyzeTokenized) and of the
			// tokenizer (Analyze)
			toks := text.Tokenize(s, nil)
			keys := make([]uint64, len(toks))
			keysOf(toks, s, keys)
			toks2, keys2 := text.TokenizeKeys(s, make([]Token, 0, 8), nil)
			for _, c := range []struct {
				toks []Token
				keys []uint64
			}{{toks, keys}, {toks2, keys2}} {
				metas := append([]uint64(nil), c.keys...)
				n := len(c.toks)
				var p prescanned
				live, lmeta := make([]int32, n), make([]uint64, n)
				a.prescan(&p, c.toks, metas, live, lmeta)
				live, lmeta = live[:p.live], lmeta[:p.live]
				// AnalyzeTokenized's first pass finds the same
				p2, live2, lmeta2 := a.prescanTokens(c.toks, s, make([]uint64, n), make([]int32, n))
				p.votes = 0
				if p != p2 || !slices.Equal(live, live2) || !slices.Equal(lmeta, lmeta2) {
					t.Fatalf("prescan(%q) = %+v %v %x, prescanTokens %+v %v %x", s, p, live, lmeta, p2, live2, lmeta2)
				}
				for j, tk := range c.toks {
					if tk.Kind == text.Word && tk.Norm == k {
						checked++
						if c.keys[j] != 0 {
							keyed++
						}
						if got := metaIdx(metas[j]); got != uint32(i) {
							t.Fatalf("prescan(%q): %q at entry %d, want %d", s, k, got, i)
						}
					}
				}
			}
		}
	}
	if checked < len(tab.ents) || keyed < len(tab.ents) {
		t.Errorf("only %d words checked, %d by their keys", checked, keyed)
	}
}

// TestLongTextVotes checks the language of texts beyond the packed vote
// counts' range (see votesOf): 9000 times 8 marker words is more votes
// than the 16-bit English field holds.
func TestLongTextVotes(t *testing.T) {
	a := Default()
	for _, s := range []string{strings.Repeat("the film is not good but I like it ", 9000), strings.Repeat("het is niet goed maar ik vind het leuk ", 9000)} {
		toks := text.Tokenize(s, nil)
		if len(toks) < 1<<15 {
			t.Fatalf("only %d tokens", len(toks))
		}
		sc := a.Analyze(s)
		if want := DetectLanguage(toks); sc.Lang != want {
			t.Errorf("Analyze(long).Lang = %v, want %v", sc.Lang, want)
		}
		if got := a.AnalyzeTokens(toks); got != sc {
			t.Errorf("Analyze(long) = %+v, AnalyzeTokens %+v", sc, got)
		}
	}
}

// TestAnalyzeTokenized checks that AnalyzeTokenized, AnalyzeTokens and
// Analyze agree, also for tokens of another string.
func TestAnalyzeTokenized(t *testing.T) {
	a := Default()
	local, shared := goldenTexts(t)
	for _, s := range append(local, shared...) {
		checkTokenized(t, a, s, strings.Repeat(" ", len(s)+8))
	}
}

// checkTokenized checks that AnalyzeTokenized and Analyze score s as
// AnalyzeTokens does, also AnalyzeTokenized given the tokens of s with
// other, a string they do not point into.
func checkTokenized(t *testing.T, a *Analyzer, s, other string) {
	t.Helper()
	toks := DefaultTokenizer().Tokenize(s)
	want := a.AnalyzeTokens(toks)
	if got := a.AnalyzeTokenized(s, toks); got != want {
		t.Fatalf("AnalyzeTokenized(%q) = %+v, AnalyzeTokens %+v", s, got, want)
	}
	if got := a.Analyze(s); got != want {
		t.Fatalf("Analyze(%q) = %+v, AnalyzeTokens %+v", s, got, want)
	}
	if got := a.AnalyzeTokenized(other, toks); got != want {
		t.Fatalf("AnalyzeTokenized(other, %q) = %+v, want %+v", s, got, want)
	}
	ktoks, keys := text.TokenizeKeys(s, nil, nil)
	if got := a.AnalyzeKeyed(ktoks, keys); got != want {
		t.Fatalf("AnalyzeKeyed(%q) = %+v, want %+v", s, got, want)
	}
	// with no keys, every word takes its key from its Norm
	if got := a.AnalyzeKeyed(ktoks, make([]uint64, len(ktoks))); got != want {
		t.Fatalf("AnalyzeKeyed(%q) without keys = %+v, want %+v", s, got, want)
	}
	if got := a.AnalyzeKeyed(toks, keys[:len(keys)/2]); got != want {
		t.Fatalf("AnalyzeKeyed(%q) with too few keys = %+v, want %+v", s, got, want)
	}
}

// TestCompoundKey checks compoundTab (each prefix of up to 5 bytes in a
// slot of its own) and that compoundKey is mayCompound for the short
// keys of the table's words, of the prefixes with 0 to 6 letters after
// them and of words that share only their first bytes with a prefix,
// and that mayCompound is the rules' test: a prefix with 3 bytes after
// it.
func TestCompoundKey(t *testing.T) {
	n := 0
	for _, p := range profanePrefixes {
		if len(p) > 5 {
			continue
		}
		n++
		key, _ := keyLoads(p)
		if e := compoundTab[uint32(uint16(key))*compoundMul>>(32-compoundLog)]; e.prefix != key {
			t.Errorf("prefix %q not in its slot: %+v", p, e)
		}
	}
	used := 0
	for _, e := range compoundTab {
		if e.mask != 0 {
			used++
		}
	}
	if used != n {
		t.Errorf("%d slots used, want %d", used, n)
	}
	words := append([]string(nil), Default().words.keys...)
	for _, p := range profanePrefixes {
		for _, tail := range []string{"", "a", "ab", "abc", "abcd", "abcdef", "-ab", "-abc", "eabc"} {
			words = append(words, p+tail, p[:len(p)-1]+tail, p[:2]+tail)
		}
	}
	want := func(w string) bool {
		for _, p := range profanePrefixes {
			if strings.HasPrefix(w, p) && len(w) >= len(p)+3 {
				return true
			}
		}
		return false
	}
	checked := 0
	for _, w := range words {
		if got := mayCompound(w); got != want(w) {
			t.Fatalf("mayCompound(%q) = %t", w, got)
		}
		if key, _ := keyLoads(w); shortKey(key, len(w)) {
			checked++
			if got := compoundKey(key) == 1; got != want(w) {
				t.Fatalf("compoundKey(%q) = %t", w, got)
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d short keys checked", checked)
	}
}
