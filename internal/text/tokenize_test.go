package text

import (
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/socialgeo/socialgeo/internal/le"
)

func TestTokenize(t *testing.T) {
	type tk struct {
		norm string
		kind Kind
	}
	tests := []struct {
		name string
		in   string
		want []tk
	}{
		{"words", "Dat is één mooie dag", []tk{{"dat", Word}, {"is", Word}, {"een", Word}, {"mooie", Word}, {"dag", Word}}},
		{"hashtag mention", "#Koningsdag @Gemeente_Utrecht", []tk{{"koningsdag", Hashtag}, {"gemeente_utrecht", Mention}}},
		{"url", "zie https://example.nl/a?b=1.", []tk{{"zie", Word}, {"https://example.nl/a?b=1", URL}, {".", Punct}}},
		{"numbers", "om 12:30 voor €4,50", []tk{{"om", Word}, {"12:30", Number}, {"voor", Word}, {"€", Punct}, {"4,50", Number}}},
		{"emoticons", "top :-) :( xD <3 :')", []tk{{"top", Word}, {":-)", Emoticon}, {":(", Emoticon}, {"xd", Emoticon}, {"<3", Emoticon}, {":')", Emoticon}}},
		{"emoji clusters", "ok 👍🏽 👨‍👩‍👧 🇳🇱", []tk{{"ok", Word}, {"👍🏽", Emoji}, {"👨‍👩‍👧", Emoji}, {"🇳🇱", Emoji}}},
		{"elongation", "superrrr jaaaa!!!!!", []tk{{"superr", Word}, {"jaa", Word}, {"!!!", Punct}}},
		{"apostrophe", "zo'n auto's", []tk{{"zon", Word}, {"autos", Word}}},
		{"width", "ｆｕｌｌ", []tk{{"full", Word}}},
		{"invalid utf8", "a\xffb", []tk{{"a", Word}, {"b", Word}}},
		// A run of U+FFFD is the character repeated, not invalid bytes
		// (which decode as U+FFFD too): this once sliced past the text.
		{"replacement run", "\ufffd\xbd\xbd\xbd x \ufffd\ufffd\ufffd\ufffd", []tk{{"\ufffd", Punct}, {"x", Word}, {"\ufffd\ufffd\ufffd", Punct}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in, nil)
			if len(got) != len(tt.want) {
				t.Fatalf("Tokenize(%q) = %d tokens %+v, want %d", tt.in, len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Norm != w.norm || got[i].Kind != w.kind {
					t.Errorf("Tokenize(%q)[%d] = %q/%v, want %q/%v", tt.in, i, got[i].Norm, got[i].Kind, w.norm, w.kind)
				}
			}
		})
	}
}

func TestTokenizeFlags(t *testing.T) {
	got := Tokenize("WAT een dag. Echt superrr", nil)
	if !got[0].Upper || !got[0].SentenceStart || got[1].SentenceStart {
		t.Errorf("Tokenize flags of WAT/een = %+v %+v", got[0], got[1])
	}
	if !got[4].SentenceStart || !got[4].Title || got[4].Upper {
		t.Errorf("Tokenize flags of Echt = %+v", got[4])
	}
	if !got[5].Elongated {
		t.Errorf("Tokenize(superrr).Elongated = false")
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fryslân", "fryslan"}, {"ÉÉN", "een"}, {"abc", "abc"}, {"Zo'n", "zon"}, {"ｂｏｏｋ", "book"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// boundary reports whether i starts a rune, an invalid byte or the end of s.
func boundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if i > 0 {
		// i must not be inside a valid multi-byte rune that starts before it
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if utf8.RuneStart(s[j]) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if r != utf8.RuneError && j+n > i {
					return false
				}
				break
			}
		}
	}
	return true
}

func checkTokens(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		start, end := int(tk.Start), int(tk.End)
		if start < prev || end <= start || end > len(s) {
			t.Fatalf("Tokenize(%q)[%d] span %d..%d after %d", s, i, start, end, prev)
		}
		if !utf8.ValidString(tk.Norm) {
			t.Fatalf("Tokenize(%q)[%d].Norm = %q is not valid UTF-8", s, i, tk.Norm)
		}
		if !boundary(s, start) || !boundary(s, end) {
			t.Fatalf("Tokenize(%q)[%d] span %d..%d not on rune boundaries", s, i, start, end)
		}
		prev = end
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Superrr mooi!!! 😍👍🏽 #top @jan https://x.nl :-)", "a\xffb😀\u200d", "zo'n 12:30 <3 xD", "ｆｕｌｌ Fryslân 🇳🇱🙄", "\ufffd\xbd\xbd\xbd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s, nil))
	})
}

var benchText = strings.Repeat("Wat een geweldige dag in Utrecht vandaag, echt superrr mooi weer!!! #koningsdag @gemeente https://t.co/abc :-) ", 4)

func BenchmarkTokenize(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	var dst []Token
	for i := 0; i < b.N; i++ {
		dst = Tokenize(benchText, dst[:0])
	}
}

func BenchmarkTokenizeNonASCII(b *testing.B) {
	s := strings.Repeat("Één café in Fryslân 😍👍🏽 ", 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	var dst []Token
	for i := 0; i < b.N; i++ {
		dst = Tokenize(s, dst[:0])
	}
}

// TestTriple checks the word-operation test of triple against a byte loop.
func TestTriple(t *testing.T) {
	loop := func(w string) bool {
		for k := 2; k < len(w); k++ {
			if w[k] == w[k-1] && w[k] == w[k-2] {
				return true
			}
		}
		return false
	}
	alpha := "ab\x00\xff"
	var words []string
	var gen func(w string)
	gen = func(w string) {
		if len(w) > 0 {
			words = append(words, w)
		}
		if len(w) == 8 {
			return
		}
		for k := 0; k < len(alpha); k++ {
			gen(w + alpha[k:k+1])
		}
	}
	gen("")
	for _, w := range words {
		for _, tail := range []string{"", "aaaaaaaa", "\x00\x00\x00\x00\x00\x00\x00\x00"} {
			s := "x" + w + tail
			if got, want := triple(s, 1, 1+len(w)), loop(w); got != want {
				t.Fatalf("triple(%q, 1, %d) = %v, want %v", s, 1+len(w), got, want)
			}
		}
	}
}

// TestWordBytes checks the byte-parallel letter/digit and upper-case
// tests against the byte class table, for every byte at every position.
func TestWordBytes(t *testing.T) {
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 8; pos++ {
			buf := []byte("aZ0~\x80zzz")
			buf[pos] = byte(b)
			s := string(buf)
			x := le.Uint64(s)
			gotW, gotU, gotL := wordBytes(x), inRange(x&^highBits, 'A', 'Z'), lowerBytes(x)
			for k := 0; k < 8; k++ {
				c := s[k]
				wantW := c < utf8.RuneSelf && asciiClass[c]&(clLetter|clDigit) != 0
				wantU := c >= 'A' && c <= 'Z' || (c >= 0xc1 && c <= 0xda) // inRange ignores the high bit
				wantL := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
				if gotL>>(8*k+7)&1 != 0 != wantL {
					t.Fatalf("byte %#x at %d of %q: lowerBytes %v, want %v", c, k, s, gotL>>(8*k+7)&1, wantL)
				}
				if (gotW>>(8*k+7)&1 != 0) != wantW || (gotU>>(8*k+7)&1 != 0) != wantU {
					t.Fatalf("byte %#x at %d of %q: word %v upper %v, want %v %v", c, k, s, gotW>>(8*k+7)&1, gotU>>(8*k+7)&1, wantW, wantU)
				}
			}
		}
	}
}

// checkKeys checks TokenizeKeys against Tokenize: the same tokens, and
// each key 0 or the little-endian bytes of a short lower-case Word's Norm.
// testScratch is the scratch of checkKeys' TokenizeKeysScratch calls.
var testScratch []byte

func checkKeys(t *testing.T, s string, keys []uint64) {
	t.Helper()
	want := Tokenize(s, nil)
	got, keys := TokenizeKeys(s, make([]Token, 0, 16), keys)
	checkKeyed(t, "TokenizeKeys", s, got, keys, want)
	// TokenizeKeysScratch gives the same, with a scratch reused from call
	// to call (the bytes of the previous call's Norms overwritten)
	got, keys = TokenizeKeysScratch(s, make([]Token, 0, 16), nil, &testScratch)
	checkKeyed(t, "TokenizeKeysScratch", s, got, keys, want)
	// and Arena.TokenizeKeys, with an arena shared from call to call
	got, keys = testArena.TokenizeKeys(s, make([]Token, 0, 16), keys)
	checkKeyed(t, "Arena.TokenizeKeys", s, got, keys, want)
}

// testArena is checkKeys' Arena, shared by its calls as by a worker's
// texts.
var testArena Arena

// checkKeyed checks the tokens and keys that fn returned for s against
// want (Tokenize's) and the keys' definition.
func checkKeyed(t *testing.T, fn, s string, got []Token, keys []uint64, want []Token) {
	t.Helper()
	if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s(%q) =\n%+v, want\n%+v", fn, s, got, want)
	}
	if len(keys) != len(got) {
		t.Fatalf("%s(%q): %d keys for %d tokens", fn, s, len(keys), len(got))
	}
	// every Word whose Norm is 1 to 8 small ASCII letters and digits,
	// not elongated, has its key; no other token has one
	for i, k := range keys {
		tk := got[i]
		var w uint64
		for j := len(tk.Norm) - 1; j >= 0; j-- {
			w = w<<8 | uint64(tk.Norm[j])
		}
		ok := tk.Kind == Word && len(tk.Norm) >= 1 && len(tk.Norm) <= 8 && !tk.Elongated
		for j := 0; j < len(tk.Norm); j++ {
			if c := tk.Norm[j]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
				ok = false
			}
		}
		if !ok {
			w = 0
		}
		if k != w {
			t.Fatalf("%s(%q): key %#x for token %+v, want %#x", fn, s, k, tk, w)
		}
	}
}

func TestTokenizeKeys(t *testing.T) {
	var keys []uint64
	for _, s := range []string{"", "a", "the movie was not bad at all, really", "superrr mooi!!! 😍👍🏽 #top @jan https://x.nl :-) en 12 of 12345678 of 1.5",
		"ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn op qr st uv wx yz end",
		"abcdefgh abcdefghi ABC abc's café x", benchText, "Één café in Fryslân 😍👍🏽 en dan"} {
		checkKeys(t, s, keys)
		checkKeys(t, s, nil)
		_, keys = TokenizeKeys(s, nil, keys) // reused with old contents
	}
	// appended to tokens already in dst, which have no keys
	pre := Tokenize("a word or two", make([]Token, 0, 8))
	toks, k := TokenizeKeys("the end of", pre, []uint64{7, 7, 7, 7, 7, 7, 7, 7, 7})
	if len(toks) != 7 || len(k) != 7 || k[0]|k[1]|k[2]|k[3] != 0 || k[4] != 0x656874 {
		t.Fatalf("appended: %d tokens, keys %#x", len(toks), k)
	}
	if _, k := TokenizeKeys("the end of", make([]Token, 0, 8), nil); len(k) != 3 || k[0] != 0x656874 || k[1] != 0x646e65 || k[2] != 0x666f {
		t.Fatalf("keys of %q = %#x", "the end of", k)
	}
	// capitalised words have the keys of their Norms, in words' loop and
	// in the general path (after the emoji)
	for _, s := range []string{"De NOS in Utrecht. Amsterdam", "😍 De NOS in Utrecht. Amsterdam"} {
		toks, k := TokenizeKeys(s, nil, nil)
		k = k[len(k)-6:]
		if len(toks) < 6 || k[0] != 0x6564 || k[1] != 0x736f6e || k[2] != 0x6e69 || k[3] != 0x74686365727475 || k[4] != 0 || k[5] != 0 {
			t.Fatalf("keys of %q = %#x", s, k)
		}
	}
}

func FuzzTokenizeKeys(f *testing.F) {
	for _, s := range []string{"", "Superrr mooi!!! 😍👍🏽 #top @jan https://x.nl :-)", "a\xffb😀\u200d", "zo'n 12:30 <3 xD", "the movie was good, really good", "\ufffd\xbd\xbd\xbd"} {
		f.Add(s)
	}
	keys := make([]uint64, 3)
	f.Fuzz(func(t *testing.T, s string) {
		for i := range keys {
			keys[i] = ^uint64(0) // old contents are overwritten
		}
		checkKeys(t, s, keys)
	})
}

// TestTokenizeAlphabet compares Tokenize and TokenizeKeys with the
// reference on seeded random texts from an alphabet that meets the loop's
// edge cases: word lengths around 7, 8, 15 and 16 bytes, capitals,
// triples, digits with separators, emoticon and URL starts, apostrophes,
// non-ASCII letters and emoji next to ASCII bytes, texts' ends.
func TestTokenizeAlphabet(t *testing.T) {
	parts := []string{"a", "b", "A", "Z", "e", "E", "ee", "eee", "h", "t", "w", "ww", "o", "O", "x", "X", "D", "_",
		"0", "1", "9", ".", ",", ":", ";", "-", "=", "<", "3", "^", "(", ")", "'", "!", "?", "#", "@", "/",
		" ", " ", " ", "  ", "\n", "é", "É", "😍", "👍🏽", "ℹ", "☀️", "\xff", "abcdefg", "ABCDEFG", "Abcdefgh", "abcdefghijklmno",
		"http://x.nl", "www.", ":-)", "xD", "o_O", "1234567", "12345", "ABCDEFGH", "HIJKLMNO", "abcdefgh"}
	rng := rand.New(rand.NewPCG(1, 2))
	var keys []uint64
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(24); k >= 0; k-- {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		s := sb.String()
		got, want := Tokenize(s, nil), refTokenize(s, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Tokenize(%q) =\n%+v, want\n%+v", s, got, want)
		}
		checkKeys(t, s, keys) // and Arena.TokenizeKeys
		_, keys = TokenizeKeys(s, nil, keys)
	}
}

// TestTokenizeConcurrent runs Tokenize in several goroutines, which share
// the pooled arenas from call to call, and checks every call's tokens
// against the reference after all have finished: no call writes another's
// Norms (run with -race too).
func TestTokenizeConcurrent(t *testing.T) {
	texts := []string{benchText, "Één CAFÉ in Fryslân, Zo'n DAG", "Amsterdam De Utrecht ABCDEFGHIJKLMN Vanochtend", "#Koningsdag @Gemeente HTTP://X.NL Jaaaaa"}
	var wg sync.WaitGroup
	got := make([][][]Token, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				got[g] = append(got[g], Tokenize(texts[(g+k)%len(texts)], nil))
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for k, toks := range got[g] {
			if want := refTokenize(texts[(g+k)%len(texts)], nil); !reflect.DeepEqual(toks, want) {
				t.Fatalf("goroutine %d call %d: %+v, want %+v", g, k, toks, want)
			}
		}
	}
}

// BenchmarkTokenizePosts tokenises the first 1,000 texts of the
// pipeline benchmark's synthetic posts (internal/synth, seed 1; one a
// line in testdata/posts.txt); one op is one post, so that -benchtime
// 1000x and 3000x give the mean per post exactly.
func BenchmarkTokenizePosts(b *testing.B) {
	posts := benchPosts(b)
	var dst []Token
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dst = Tokenize(posts[i%len(posts)], dst[:0])
	}
}

// benchPosts reads the posts of testdata/posts.txt (one a line) for a
// benchmark of one post an op, and sets its bytes an op to their mean
// size and its allocation report on.
func benchPosts(b *testing.B) []string {
	data, err := os.ReadFile("testdata/posts.txt")
	if err != nil {
		b.Fatal(err)
	}
	posts := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	b.ReportAllocs()
	b.SetBytes(int64(len(data) / len(posts)))
	return posts
}

// BenchmarkTokenizePostsArena is BenchmarkTokenizePosts as the pipeline
// tokenises: with the keys (TokenizeKeys) and the Norms' bytes from a
// caller's Arena instead of the pooled arenas.
func BenchmarkTokenizePostsArena(b *testing.B) {
	posts := benchPosts(b)
	var dst []Token
	var keys []uint64
	var ar Arena
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dst, keys = ar.TokenizeKeys(posts[i%len(posts)], dst[:0], keys)
	}
}

// TestTokenizePosts compares Tokenize with the reference on the
// benchmark's posts.
func TestTokenizePosts(t *testing.T) {
	data, err := os.ReadFile("testdata/posts.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range strings.Split(string(data), "\n") {
		if got, want := Tokenize(s, nil), refTokenize(s, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("Tokenize(%q) =\n%+v, want\n%+v", s, got, want)
		}
	}
}

// TestWordTriples compares Tokenize and TokenizeKeys with the reference
// on ASCII words of 1 to 17 bytes with three equal letters or digits
// (also equal but for case) or two at every position, and with the
// byte after them at every position, which words' byte-parallel triple
// tests must tell apart.
func TestWordTriples(t *testing.T) {
	for n := 1; n <= 17; n++ {
		base := []byte(strings.Repeat("ab", 9)[:n])
		for k := 0; k < n; k++ {
			for _, run := range []string{"xxx", "xXx", "XXx", "111", "xx", "Xx"} {
				w := append([]byte(nil), base...)
				copy(w[k:], run)
				for _, tail := range []string{"", " z", ". z", "1", "x", "xx", "X"} {
					for _, s := range []string{string(w) + tail, "De " + string(w) + tail + " en meer tekst hier"} {
						if got, want := Tokenize(s, nil), refTokenize(s, nil); !reflect.DeepEqual(got, want) {
							t.Fatalf("Tokenize(%q) =\n%+v, want\n%+v", s, got, want)
						}
						checkKeys(t, s, nil)
					}
				}
			}
		}
	}
}

// TestTokenSize keeps a Token at 32 bytes: a batch's tokens stay in the
// L1 data cache between the pipeline's stages (see Token).
func TestTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n != 32 && unsafe.Sizeof(0) == 8 {
		t.Errorf("unsafe.Sizeof(Token{}) = %d, want 32", n)
	}
}

func TestTokenText(t *testing.T) {
	s := "Superrr mooi!!! 😍 #top in Zwolle"
	var got []string
	for _, tk := range Tokenize(s, nil) {
		got = append(got, tk.Text(s))
	}
	want := []string{"Superrr", "mooi", "!!!", "😍", "#top", "in", "Zwolle"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Text = %q, want %q", got, want)
	}
}
