package match

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

type hit struct{ id, first, last int }

func brute(patterns [][]string, all []text.Token) []hit {
	var out []hit
	var toks []text.Token
	var idx []int
	for i := range all {
		if !Joiner(&all[i]) {
			toks = append(toks, all[i])
			idx = append(idx, i)
		}
	}
	for i := range toks {
		for id, p := range patterns {
			if i+len(p) > len(toks) || len(p) == 0 {
				continue
			}
			ok := true
			for j, w := range p {
				if toks[i+j].Norm != w {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, hit{id, idx[i], idx[i+len(p)-1]})
			}
		}
	}
	return out
}

func sortHits(h []hit) {
	slices.SortFunc(h, func(a, b hit) int {
		if a.first != b.first {
			return a.first - b.first
		}
		if a.last != b.last {
			return a.last - b.last
		}
		return a.id - b.id
	})
}

func scanAll(a *Automaton, toks []text.Token) []hit {
	var out []hit
	a.Scan(toks, func(id, first, last int) bool {
		out = append(out, hit{id, first, last})
		return true
	})
	// AppendMatches reports the same, in the same order
	var app []hit
	for _, m := range a.AppendMatches(nil, toks) {
		app = append(app, hit{m.ID, m.First, m.Last})
	}
	if !slices.Equal(out, app) {
		panic(fmt.Sprintf("Scan %v, AppendMatches %v", out, app))
	}
	return out
}

func TestScan(t *testing.T) {
	patterns := [][]string{
		{"den", "haag"}, {"haag"}, {"wijk", "bij", "duurstede"}, {"bij"},
		{"s", "hertogenbosch"}, {"horst", "aan", "de", "maas"}, {"de", "maas"}, {"a", "a", "b"}, {"a", "b"},
	}
	var b Builder
	for i, p := range patterns {
		b.Add(p, i)
	}
	b.Add(nil, 99)
	a := b.Build()
	tests := []struct {
		name string
		text string
		want []hit
	}{
		{"none", "niets hier", nil},
		{"empty", "", nil},
		{"nested", "naar Den Haag!", []hit{{0, 1, 2}, {1, 2, 2}}},
		{"multi", "Wijk bij Duurstede en 's-Hertogenbosch", []hit{{3, 1, 1}, {2, 0, 2}, {4, 5, 7}}},
		{"hyphens", "Wijk-bij-Duurstede", []hit{{3, 2, 2}, {2, 0, 4}}},
		{"overlap", "a a a b", []hit{{7, 1, 3}, {8, 2, 3}}},
		{"fail path", "horst aan de maas", []hit{{5, 0, 3}, {6, 2, 3}}},
		{"broken", "horst aan het de maas", []hit{{6, 3, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := text.Tokenize(tt.text, nil)
			got := scanAll(a, toks)
			want := brute(patterns, toks)
			sortHits(got)
			sortHits(want)
			if !slices.Equal(got, want) {
				t.Errorf("Scan(%q) = %v, brute force %v", tt.text, got, want)
			}
			w := slices.Clone(tt.want)
			sortHits(w)
			if !slices.Equal(got, w) {
				t.Errorf("Scan(%q) = %v, want %v", tt.text, got, w)
			}
		})
	}
}

func TestScanRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a", "b", "c", "d"}
	for round := 0; round < 300; round++ {
		var b Builder
		var patterns [][]string
		for i := 0; i < 1+rng.Intn(8); i++ {
			p := make([]string, 1+rng.Intn(4))
			for j := range p {
				p[j] = words[rng.Intn(len(words))]
			}
			patterns = append(patterns, p)
			b.Add(p, i)
		}
		a := b.Build()
		ws := make([]string, rng.Intn(20))
		for j := range ws {
			ws[j] = words[rng.Intn(len(words))+0]
			switch rng.Intn(10) {
			case 0:
				ws[j] = "x"
			case 1:
				ws[j] = "-"
			case 2:
				ws[j] = "."
			}
		}
		toks := text.Tokenize(strings.Join(ws, " "), nil)
		got, want := scanAll(a, toks), brute(patterns, toks)
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("patterns %v text %v: Scan = %v, brute %v", patterns, ws, got, want)
		}
	}
}

// TestScanLong compares Scan with the brute-force matcher on long texts,
// with more than the 16 tokens with outputs that run records at a time,
// joiners and other punctuation between the words, a joiner that is also
// a pattern word ("/" of {"a", "/"} can never match), and tokens that
// share a joiner's string but are no punctuation.
func TestScanLong(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	words := []string{"a", "b", "c", "den", "haag", "x", "-", "/", "’", ".", ",", "'s", "#a", "@b"}
	for round := 0; round < 300; round++ {
		var b Builder
		var patterns [][]string
		for i := 0; i < 1+rng.Intn(8); i++ {
			p := make([]string, 1+rng.Intn(3))
			for j := range p {
				p[j] = []string{"a", "b", "c", "den", "haag", "s", "/"}[rng.Intn(7)]
			}
			patterns = append(patterns, p)
			b.Add(p, i)
		}
		a := b.Build()
		ws := make([]string, rng.Intn(150))
		for j := range ws {
			ws[j] = words[rng.Intn(len(words))]
		}
		toks := text.Tokenize(strings.Join(ws, " "), nil)
		if rng.Intn(4) == 0 && len(toks) > 0 { // a Word token spelt as a joiner
			toks[rng.Intn(len(toks))] = text.Token{Norm: "/", Kind: text.Word}
		}
		got, want := scanAll(a, toks), brute(patterns, toks)
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("patterns %v text %v: Scan = %v, brute %v", patterns, ws, got, want)
		}
	}
}

func TestScanStop(t *testing.T) {
	var b Builder
	b.Add([]string{"a"}, 1)
	a := b.Build()
	n := 0
	a.Scan(text.Tokenize("a a a a", nil), func(id, first, last int) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("Scan after false: %d calls, want 2", n)
	}
	var zero Automaton
	zero.Scan(text.Tokenize("a", nil), func(int, int, int) bool { t.Error("zero Automaton matched"); return true })
}

func BenchmarkScan(b *testing.B) {
	var bl Builder
	for i := 0; i < 12000; i++ {
		bl.Add([]string{fmt.Sprintf("plaats%d", i)}, i)
		bl.Add([]string{"sint", fmt.Sprintf("plaats%d", i)}, i)
	}
	bl.Add([]string{"den", "haag"}, 1)
	a := bl.Build()
	s := "Vanmiddag met de trein naar Den Haag, morgen weer terug naar plaats77 want daar is het feest! #koningsdag"
	toks := text.Tokenize(s, nil)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a.Scan(toks, func(int, int, int) bool { return true })
	}
}

func ExampleAutomaton_Scan() {
	var b Builder
	b.Add([]string{"den", "haag"}, 1)
	b.Add([]string{"haag"}, 2)
	a := b.Build()
	toks := text.Tokenize("Naar Den Haag", nil)
	a.Scan(toks, func(id, first, last int) bool {
		fmt.Println(id, toks[first].Start, toks[last].End)
		return true
	})
	// Output:
	// 1 5 13
	// 2 9 13
}

// TestScanKeys covers the token index's edge cases: tokens that share
// their first and last four bytes (long ones), short tokens of the same
// first, middle and last byte, the empty token and NUL bytes (key 0).
func TestScanKeys(t *testing.T) {
	patterns := [][]string{
		{"abcdefgh"}, {"abcdefghij"}, {"abcdefghik", "x"}, {"abc"},
		{"abc\x00\x00\x00\x00\x04"}, {"\x00\x00\x00\x00\x00\x00\x00\x00"},
		{"\x00\x00\x00\x00\x00\x00\x00\x00z"}, {""}, {"x", ""}, {"abcxefgh"}, {"aab"}, {"abb"},
		{"abcdzzzzefgh"},
	}
	var b Builder
	for id, p := range patterns {
		b.Add(p, id)
	}
	a := b.Build()
	words := []string{"abcdefgh", "abcdefghij", "abcdefghik", "abcdefghi", "abc", "ab", "abcd", "x",
		"abc\x00\x00\x00\x00\x04", "abc\x00\x00\x00\x00\x04y", "\x00\x00\x00\x00\x00\x00\x00\x00",
		"\x00\x00\x00\x00\x00\x00\x00\x00z", "\x00\x00\x00\x00\x00\x00\x00\x00y", "", "\x00",
		"abcxefgh", "aab", "abb", "ab", "aa", "bb", "abcdyyyyefgh", "abcdzzzzefgh", "abcdefgh\x00"}
	scanRandomWords(t, a, patterns, words, rand.New(rand.NewSource(3)), 8)
}

// scanRandomWords compares Scan with the brute-force matcher on 2,000
// random sequences of up to maxLen word tokens drawn from words.
func scanRandomWords(t *testing.T, a *Automaton, patterns [][]string, words []string, rng *rand.Rand, maxLen int) {
	t.Helper()
	for n := 0; n < 2000; n++ {
		toks := make([]text.Token, rng.Intn(maxLen))
		for i := range toks {
			toks[i] = text.Token{Norm: words[rng.Intn(len(words))], Kind: text.Word}
		}
		got, want := scanAll(a, toks), brute(patterns, toks)
		sortHits(got)
		sortHits(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%+v: got %v, want %v", toks, got, want)
		}
	}
}

// TestSymbol checks that Symbol numbers every pattern word once, in the
// order of first use, and nothing else.
func TestSymbol(t *testing.T) {
	var b Builder
	b.Add([]string{"den", "haag"}, 1)
	b.Add([]string{"haag"}, 2)
	b.Add([]string{"abcdefghijklmnopq", "den"}, 3)
	a := b.Build()
	for want, w := range []string{"den", "haag", "abcdefghijklmnopq"} {
		if got, ok := a.Symbol(w); !ok || got != want {
			t.Errorf("Symbol(%q) = %d, %v, want %d, true", w, got, ok, want)
		}
	}
	for _, w := range []string{"", "de", "haa", "abcdefghijklmnopr", "dennis"} {
		if got, ok := a.Symbol(w); ok || got != 0 {
			t.Errorf("Symbol(%q) = %d, %v, want 0, false", w, got, ok)
		}
	}
	var zero Automaton
	if _, ok := zero.Symbol("den"); ok {
		t.Error("zero Automaton has symbols")
	}
}

func TestDict(t *testing.T) {
	words := []string{"de", "the", "a", "gisteren", "yesterday", "yesterdays", "", "de", "tomorrow"}
	d := NewDict(words)
	for i, w := range words {
		want := i
		if w == "de" {
			want = 0
		}
		if got := d.Index(w); got != want {
			t.Errorf("Index(%q) = %d, want %d", w, got, want)
		}
	}
	for _, w := range []string{"d", "da", "yesterdaz", "yesterdayz", "tomorrov", "x", "thee"} {
		if got := d.Index(w); got != -1 {
			t.Errorf("Index(%q) = %d, want -1", w, got)
		}
	}
	var nilDict *Dict
	if nilDict.Index("de") != -1 || (&Dict{}).Index("de") != -1 {
		t.Error("empty Dict has words")
	}
}

// TestScanOverflowIndex forces the token index's overflow path (symbols
// that find no slot go to the dup map), which the national gazetteer never
// reaches: Scan and lookup must still find every pattern word and nothing
// else.
func TestScanOverflowIndex(t *testing.T) {
	words := []string{"a", "bb", "ccc", "dddd", "eeeee", "ffffffff", "gggggggggg", "abcdzzzzefgh", "abcdyyyyefgh",
		"utrecht", "den", "haag", "bergen", "op", "zoom", "wijk", "bij", "duurstede", "horst", "aan", "de", "maas"}
	var b Builder
	var patterns [][]string
	rng := rand.New(rand.NewSource(5))
	for id := 0; id < 40; id++ {
		p := make([]string, 1+rng.Intn(3))
		for j := range p {
			p[j] = words[rng.Intn(len(words))]
		}
		patterns = append(patterns, p)
		b.Add(p, id)
	}
	a := b.Build()
	a.index = newIndex(4, a.index.names, 1)
	if !a.index.place(true) || !a.index.over {
		t.Fatal("a 4-slot table did not overflow")
	}
	for sym, w := range a.index.names {
		if got := a.index.lookup(w); got != int32(sym) {
			t.Errorf("lookup(%q) = %d, want %d", w, got, sym)
		}
	}
	probe := append(slices.Clone(words), "x", "abcdxxxxefgh", "utrechts", "haa", "")
	scanRandomWords(t, a, patterns, probe, rng, 10)
}

// FuzzScan compares Scan and AppendMatches with the brute-force matcher:
// patterns are the fields of the parts of pats split at "|" (any string,
// joiners' too), matched against the tokens of txt and against its fields
// as Word tokens (a Word spelt as a joiner, "-" or "/", is no joiner).
func FuzzScan(f *testing.F) {
	f.Add("den haag|haag|wijk bij duurstede|bij|s hertogenbosch", "Naar Den Haag, 's-Hertogenbosch en Wijk-bij-Duurstede!")
	f.Add("a /|/ a|de bilt|de|bilt|abcdefghijklmnopq|abcdzzzzefgh", "de / a - bilt de bilt abcdefghijklmnopq abcdyyyyefgh")
	f.Add("a a b|a b|b|’ s", "a a a b ’ s a-b a/b")
	f.Fuzz(func(t *testing.T, pats, txt string) {
		var b Builder
		var patterns [][]string
		for _, p := range strings.Split(pats, "|") {
			if w := strings.Fields(p); len(w) > 0 && len(patterns) < 64 {
				b.Add(w, len(patterns))
				patterns = append(patterns, w)
			}
		}
		a := b.Build()
		words := strings.Fields(txt)
		asWords := make([]text.Token, len(words))
		for i, w := range words {
			asWords[i] = text.Token{Norm: w, Kind: text.Word}
		}
		for _, toks := range [][]text.Token{text.Tokenize(txt, nil), asWords} {
			got, want := scanAll(a, toks), brute(patterns, toks)
			sortHits(got)
			sortHits(want)
			if !slices.Equal(got, want) {
				t.Fatalf("patterns %q tokens %+v: Scan = %v, brute %v", patterns, toks, got, want)
			}
		}
	})
}
