package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// foldRef is Fold as it was before the table fast path: ASCII input keeps
// '`', everything else goes through the transform chain.
func foldRef(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldSlow(s)
		}
	}
	return foldASCII(s, nil)
}

// TestFoldLatinTable checks the table fast path of Fold against the
// transform chain for every rune below latinMax, alone, in pairs and in
// context.
func TestFoldLatinTable(t *testing.T) {
	step := 1
	if testing.Short() {
		step = 7
	}
	for r1 := rune(0x20); r1 < latinMax; r1++ {
		if r1 == utf8.RuneSelf-1 {
			continue
		}
		for _, s := range []string{string(r1), "A" + string(r1) + "b'", string(r1) + string(r1) + "Z"} {
			if got, want := Fold(s), foldRef(s); got != want {
				t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
		for r2 := rune(0x20); r2 < latinMax; r2 += rune(step) {
			s := string(r1) + string(r2)
			if got, want := Fold(s), foldRef(s); got != want {
				t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	long := strings.Repeat("Één Café in Fryslân, İstanbul straße ", 5)
	if got, want := Fold(long), foldRef(long); got != want {
		t.Fatalf("Fold(long) = %q, want %q", got, want)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Één", "Fryslân", "a\u0301", "ＦＵＬＬ", "\xff", "zo'n ’t", "İı"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldRef(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
