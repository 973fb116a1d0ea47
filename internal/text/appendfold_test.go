package text

import "testing"

// checkFoldASCII fails t when AppendFoldASCII, for an ASCII s, differs
// from Fold (appended after dst's own bytes), or
// reports a non-ASCII s as ASCII.
func checkFoldASCII(t *testing.T, s string) {
	b, ok := AppendFoldASCII([]byte("x"), s)
	if ok && string(b) != "x"+Fold(s) {
		t.Errorf("AppendFoldASCII(x, %q) = %q, Fold %q", s, b, Fold(s))
	}
	if !ok && (string(b) != "x" || isASCII(s)) {
		t.Errorf("AppendFoldASCII(x, %q) = %q, not ASCII", s, b)
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
