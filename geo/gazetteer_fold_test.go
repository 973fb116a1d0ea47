package geo

import (
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

// checkFoldASCII fails t when appendFoldASCII, for an ASCII s, differs
// from text.Fold.
func checkFoldASCII(t *testing.T, s string) {
	b, ok := appendFoldASCII(nil, s)
	if ok && string(b) != text.Fold(s) {
		t.Errorf("appendFoldASCII(%q) = %q, text.Fold %q", s, b, text.Fold(s))
	}
}

var foldSeeds = []string{"", "Amsterdam", "AMSTERDAM", "'s-Hertogenbosch", "Den Haag", "Amsterdam, NL",
	"s'Gravenhage", "Wijk bij Duurstede", "Zwolle ", "\tUtrecht\n", "1071AB", "a\x7fb", "@#$%^&*()[]{}~`",
	"Heerlen", "ZaanStad", "O'Neill", "Köln", "Ĳsselstein", "IJsselstein", "ﬁets"}

func TestAppendFoldASCII(t *testing.T) {
	for _, s := range foldSeeds {
		checkFoldASCII(t, s)
	}
	for c := 0; c < 128; c++ {
		checkFoldASCII(t, string(rune(c))+"Ab'C")
	}
}

func FuzzAppendFoldASCII(f *testing.F) {
	for _, s := range foldSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFoldASCII)
}
