package geo

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/socialgeo/socialgeo/internal/lang"
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

// TestEnglishIsDetect checks that nameIndex.english agrees with lang.Detect.
func TestEnglishIsDetect(t *testing.T) {
	ix := &nameIndex{markers: newMarkers()}
	for _, s := range []string{
		"", "the", "So excited for Best Kept Secret this year", "Heel leuke avond in Best",
		"I love the Markt in Goes, it was great", "de the een a", "Thanks, Well done!",
		"we gaan naar de film in the city", "#Best @well http://x.nl the the", "ik ben in the",
	} {
		toks := text.Tokenize(s, nil)
		if got, want := ix.english(toks), lang.Detect(toks) == language.English; got != want {
			t.Errorf("english(%q) = %v, lang.Detect says %v", s, got, want)
		}
	}
	files, _ := filepath.Glob("testdata/*.tsv")
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.Split(string(b), "\n") {
			toks := text.Tokenize(s, nil)
			got, want := ix.english(toks), lang.Detect(toks) == language.English
			if got != want {
				t.Errorf("english(%q) = %v, lang.Detect says %v", s, got, want)
			}
			if want {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no English line in testdata")
	}
}

// TestProvinceQualifierSwitch checks the switch against the map.
func TestProvinceQualifierSwitch(t *testing.T) {
	for q, want := range provinceQualifiers {
		if got, ok := provinceQualifier(q); !ok || got != want {
			t.Errorf("provinceQualifier(%q) = %q, %v, want %q", q, got, ok, want)
		}
	}
	for _, q := range []string{"", "x", "gld ", "noord", "hollands", "limburgs", "Gld", "pv31"} {
		if _, ok := provinceQualifier(q); ok {
			t.Errorf("provinceQualifier(%q) found", q)
		}
	}
}

// TestNextNumberUpper checks nextNumber and nextUpper, which test four
// tokens a step on a reslice, against a plain loop, from every start index
// of random token sequences of every length up to 13.
func TestNextNumberUpper(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for n := 0; n <= 13; n++ {
		for range 200 {
			toks := make([]text.Token, n)
			for i := range toks {
				if rng.Intn(6) == 0 {
					toks[i].Kind = text.Number
				} else {
					toks[i].Kind = text.Word
				}
				toks[i].Upper = rng.Intn(6) == 0
			}
			for i := 0; i <= n; i++ {
				wantNum, wantUp := n, n
				for j := n - 1; j >= i; j-- {
					if toks[j].Kind == text.Number {
						wantNum = j
					}
					if toks[j].Upper {
						wantUp = j
					}
				}
				if got := nextNumber(toks, i); got != wantNum {
					t.Fatalf("nextNumber(%d tokens, %d) = %d, want %d", n, i, got, wantNum)
				}
				if got := nextUpper(toks, i); got != wantUp {
					t.Fatalf("nextUpper(%d tokens, %d) = %d, want %d", n, i, got, wantUp)
				}
			}
		}
	}
}
