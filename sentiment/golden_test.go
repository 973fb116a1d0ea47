package sentiment

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

// goldenLines returns the last (text) column of a TSV file's data lines,
// keeping every step-th line; nil when the file is missing.
func goldenLines(t *testing.T, path string, col, step int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		if n%step != 0 {
			continue
		}
		fs := strings.Split(line, "\t")
		c := col
		if c < 0 {
			c = len(fs) + c
		}
		if c < 0 || c >= len(fs) {
			continue
		}
		out = append(out, fs[c])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var goldenExtra = []string{
	"Fryslân is prachtig!!! één twee drie 👍🏽👍🏽 #Zomer @Gemeente_Leeuwarden",
	"'s-Hertogenbosch ’s avonds: zo'n GEWELDIGE dag... NIET!!!! :-( :'( xD <3 </3 ^_^",
	"ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ ﬁ café naïve Ærø Œuvre straße İstanbul ǅ ΣΊΣΥΦΟΣ",
	"invalid \xff\xfe bytes \xc3 here 🇳🇱🇧🇪 👨‍👩‍👧 ❤️ ☀ ⚽️ ©® ™ 〰",
	"superrrrrr jaaaaaa nééééé ?!?!? ??? !!! ... ,,,, ---- ___ www.Example.NL/Pad?x=1. https://t.co/AbC)",
	"12:30 1.000,50 2026 ٣٤٥ ５ 1,2,3 a1b2 x² ½",
	"Ik ben ECHT blij :) maar ook boos :( ... #BlijMetJe @NS_online",
	"Wat een ?! The movie was NOT bad at all, it was actually pretty good :D",
	"\tTabs\r\nand\u00a0nbsp\u2028line sep\u3000ideographic",
	"d'r k'ben ’t is m’n auto’s `quote` ‘single’ “double”",
}

func goldenTexts(t *testing.T) (local, shared []string) {
	for _, p := range []string{"testdata/lang.tsv", "testdata/nl_social.tsv"} {
		local = append(local, goldenLines(t, p, -1, 1)...)
	}
	for _, p := range []string{"../geo/testdata/home_eval.tsv", "../geo/testdata/text_eval.tsv", "../geo/testdata/text_heldout.tsv"} {
		local = append(local, goldenLines(t, p, 0, 1)...)
	}
	local = append(local, goldenExtra...)
	n := len(local)
	for i := 0; i < n; i += 5 {
		local = append(local, strings.ToUpper(local[i]), strings.ToLower(local[i]))
	}
	ev := filepath.Join("..", "..", "shared", "data", "sentiment", "eval")
	shared = append(shared, goldenLines(t, filepath.Join(ev, "nl_economic_headlines_train.tsv"), -1, 10)...)
	for _, p := range []string{"vader_amazonReviewSnippets_en.tsv", "vader_movieReviewSnippets_en.tsv", "vader_nytEditorialSnippets_en.tsv"} {
		shared = append(shared, goldenLines(t, filepath.Join(ev, p), 2, 10)...)
	}
	return local, shared
}

func goldenWrite(h hash.Hash, a *Analyzer, s string) {
	toks := text.Tokenize(s, nil)
	fmt.Fprintf(h, "%q\n", s)
	for _, tk := range toks {
		fmt.Fprintf(h, "%q %q %d %d %d %t%t%t%t\n", tk.Text(s), tk.Norm, tk.Start, tk.End, tk.Kind, tk.Elongated, tk.Upper, tk.Title, tk.SentenceStart)
	}
	sc := a.AnalyzeTokens(toks)
	sc2 := a.Analyze(s)
	fmt.Fprintf(h, "%.12f %d %.12f %d %s\n", sc.Polarity, sc.Label, sc.Confidence, sc.Flags, sc.Lang)
	fmt.Fprintf(h, "%.12f %d %.12f %d %s\n", sc2.Polarity, sc2.Label, sc2.Confidence, sc2.Flags, sc2.Lang)
	for _, tk := range toks {
		fmt.Fprintf(h, "%q ", Key(tk.Text(s)))
	}
	h.Write([]byte{'\n'})
}

// TestGolden pins every token and score of ~4000 varied texts, so that
// performance work on the tokenizer and the analyzer changes no result.
func TestGolden(t *testing.T) {
	const (
		wantLocal  = "950a5edbf7ac5f703b51752cfc7870ddc12b6acd282ce6ffb59f6f065c88dd96"
		wantShared = "71f95b8af7f68015509f575683f23e5193a6faa1ac6c271f45c80290755e65b3"
	)
	a := Default()
	local, shared := goldenTexts(t)
	h := sha256.New()
	for _, s := range local {
		goldenWrite(h, a, s)
	}
	got := hex.EncodeToString(h.Sum(nil))
	t.Logf("local texts: %d", len(local))
	if got != wantLocal {
		t.Errorf("local golden hash = %s, want %s", got, wantLocal)
	}
	if len(shared) == 0 {
		t.Log("shared evaluation data not found; shared golden part skipped")
		return
	}
	h.Reset()
	for _, s := range shared {
		goldenWrite(h, a, s)
	}
	got = hex.EncodeToString(h.Sum(nil))
	t.Logf("shared texts: %d", len(shared))
	if got != wantShared {
		t.Errorf("shared golden hash = %s, want %s", got, wantShared)
	}
}
