package text

import (
	"math/bits"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestWordStop checks the lowest bit of wordStop and tagStop, the only
// one that words uses, against the byte class table, for random 8-byte
// values of every byte class mix.
func TestWordStop(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alpha := []byte("aZz09AM_'. \x00\x7f\x80\xc3\xff@[`{/:")
	for n := 0; n < 200000; n++ {
		var x uint64
		for k := 0; k < 8; k++ {
			c := alpha[rng.IntN(len(alpha))]
			if rng.IntN(4) == 0 {
				c = byte(rng.IntN(256))
			}
			x |= uint64(c) << (8 * k)
		}
		wantW, wantT := 8, 8
		for k := 7; k >= 0; k-- {
			c := byte(x >> (8 * k))
			if !(c < utf8.RuneSelf && asciiClass[c]&(clLetter|clDigit) != 0) {
				wantW = k
			}
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
				wantT = k
			}
		}
		if got := bits.TrailingZeros64(wordStop(x)) >> 3; got != wantW {
			t.Fatalf("wordStop(%#x): first stop %d, want %d", x, got, wantW)
		}
		if got := bits.TrailingZeros64(tagStop(x)) >> 3; got != wantT {
			t.Fatalf("tagStop(%#x): first stop %d, want %d", x, got, wantT)
		}
	}
}

// TestStartPairsPunct checks what words' punctuation path assumes: no
// clPunct byte starts a pair of startPairs (an emoticon or a URL).
func TestStartPairsPunct(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if byteClass[c]&clPunct != 0 && startPairs[c] != [4]uint64{} {
			t.Errorf("clPunct byte %q starts a pair of startPairs", c)
		}
	}
}
