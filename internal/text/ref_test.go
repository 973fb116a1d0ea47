// Code copied from tokenize.go before the ASCII fast paths: the reference
// for FuzzTokenizeRef. Do not edit.

package text

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// refemoticons are matched longest first at a token boundary.
var refemoticons = []string{
	":-)))", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-*", ":-|", ":-O", ":-o",
	";-)", ";-D", ":')", ":'(", ":'-)", ":'-(", "^_^", "^^", "-_-", "o_O", "O_o", "o_o",
	":))", ":((", ":)", ":(", ":D", ":P", ":p", ":/", ":*", ":|", ":O", ":o", ":s", ":S", ":$", ":@",
	";)", ";D", ";P", ";p", "=)", "=(", "=D", "<3", "</3", "XD", "xD", "xd", "XP", "D:", ":3",
}

// refTokenize splits s into tokens, appending them to dst (which may be nil)
// and returning the extended slice. It never fails: invalid UTF-8 bytes are
// skipped as separators.
func refTokenize(s string, dst []Token) []Token {
	sentence := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
			continue
		case r == '\n' || r == '\r':
			sentence = true
			i += size
			continue
		case unicode.IsSpace(r):
			i += size
			continue
		}
		start := i
		var t Token
		switch {
		case refhasURLPrefix(s[i:]):
			end := i
			for end < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r2) {
					break
				}
				end += sz
			}
			// trailing punctuation is not part of the URL
			for end > i && strings.ContainsRune(".,;:!?)\"'", rune(s[end-1])) {
				end--
			}
			t = Token{Kind: URL, Norm: strings.ToLower(s[i:end])}
			i = end
		case (r == '#' || r == '@') && i+1 < len(s) && refisWordStart(s[i+1:]):
			end := i + 1
			for end < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[end:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_' || unicode.Is(unicode.Mn, r2)) {
					break
				}
				end += sz
			}
			k := Hashtag
			if r == '@' {
				k = Mention
			}
			t = Token{Kind: k, Norm: refFold(s[i+1 : end])}
			i = end
		case refemoticonAt(s, i) > 0:
			n := refemoticonAt(s, i)
			t = Token{Kind: Emoticon, Norm: strings.ToLower(s[i : i+n])}
			i += n
		case unicode.IsLetter(r):
			end := i
			for end < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[end:])
				if unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2) || (unicode.IsDigit(r2)) {
					end += sz
					continue
				}
				// apostrophe inside a word: auto's, zo'n
				if (r2 == '\'' || r2 == '’') && end+sz < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[end+sz:])
					if unicode.IsLetter(r3) {
						end += sz
						continue
					}
				}
				break
			}
			t = Token{Kind: Word}
			t.Norm, t.Elongated = refreduceElongation(refFold(s[i:end]))
			i = end
		case unicode.IsDigit(r):
			end := i
			for end < len(s) {
				c := s[end]
				if c >= '0' && c <= '9' {
					end++
					continue
				}
				if (c == '.' || c == ',' || c == ':') && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9' {
					end++
					continue
				}
				break
			}
			if end == i { // non-ASCII digit
				end = i + size
			}
			t = Token{Kind: Number, Norm: s[i:end]}
			i = end
		case refisEmojiStart(r):
			cluster, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
			if cluster == "" {
				cluster = s[i : i+size]
			}
			t = Token{Kind: Emoji, Norm: strings.ToValidUTF8(cluster, "")}
			i += len(cluster)
		default:
			// punctuation / symbol run of the same rune
			end := i + size
			n := 1
			for end < len(s) {
				// The same rune in the same encoding: an invalid byte decodes
				// as U+FFFD too, but is not the character.
				r2, sz := utf8.DecodeRuneInString(s[end:])
				if r2 != r || sz != size {
					break
				}
				end += sz
				n++
			}
			if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
				i = end
				continue
			}
			pn := s[i:end]
			if n > 3 {
				pn = s[i : i+3*size]
			}
			t = Token{Kind: Punct, Norm: pn, Elongated: n >= 3}
			i = end
		}
		t.Start, t.End = int32(start), int32(i)
		if t.Kind == Word || t.Kind == Hashtag || t.Kind == Mention || t.Kind == Number {
			t.SentenceStart = sentence
			sentence = false
			refsetCase(&t, s[start:i])
		}
		if t.Kind == Punct && (s[start] == '.' || s[start] == '!' || s[start] == '?' || s[start] == ':') {
			sentence = true
		}
		dst = append(dst, t)
	}
	return dst
}

func refhasURLPrefix(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

func refisWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// refemoticonAt returns the length of the emoticon starting at s[i], or 0. An
// emoticon must start at a boundary (start of text, space or after a word's
// end) and end at a boundary (end, space or punctuation).
func refemoticonAt(s string, i int) int {
	c := s[i]
	if !strings.ContainsRune(":;=<^-oOxXD", rune(c)) {
		return 0
	}
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(p) || unicode.IsDigit(p) {
			return 0
		}
	}
	for _, e := range refemoticons {
		if strings.HasPrefix(s[i:], e) {
			j := i + len(e)
			if j < len(s) {
				n, _ := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(n) || unicode.IsDigit(n) {
					continue
				}
			}
			return len(e)
		}
	}
	return 0
}

func refisEmojiStart(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF) ||
		(r >= 0x2190 && r <= 0x21FF) || (r >= 0x2300 && r <= 0x23FF) || r == 0x00A9 || r == 0x00AE ||
		r == 0x203C || r == 0x2049 || r == 0x2122 || r == 0x2139 || r == 0x3030 || r == 0x303D ||
		r == 0x3297 || r == 0x3299 || (r >= 0x1F1E6 && r <= 0x1F1FF)
}

func refsetCase(t *Token, w string) {
	letters, upper := 0, 0
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if first {
				t.Title = true
			}
		}
		first = false
	}
	t.Upper = letters >= 2 && upper == letters
}

// refreduceElongation collapses runs of three or more identical letters to
// two ("superrrr" → "superr", "jaaaa" → "jaa") and reports whether it did.
func refreduceElongation(s string) (string, bool) {
	run, prev := 0, rune(-1)
	changed := false
	for _, r := range s {
		if r == prev {
			run++
			if run >= 3 {
				changed = true
				break
			}
		} else {
			prev, run = r, 1
		}
	}
	if !changed {
		return s, false
	}
	var b strings.Builder
	run, prev = 0, -1
	for _, r := range s {
		if r == prev {
			run++
		} else {
			prev, run = r, 1
		}
		if run <= 2 {
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// refFold returns the matching form of s: NFC, width-folded, lower-cased, with
// diacritics and apostrophes removed. ASCII input takes a fast path without
// allocation when it is already lower case.
func refFold(s string) string {
	ascii, lower := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if (c >= 'A' && c <= 'Z') || c == '\'' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\'' {
				continue
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		return string(b)
	}
	t := reffoldPool.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, s)
	reffoldPool.Put(t)
	if err != nil {
		out = strings.ToValidUTF8(s, "")
	}
	return strings.ToLower(out)
}

// reffoldPool holds fold chains: transformers are stateful, so each call takes
// its own from the pool.
var reffoldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, width.Fold, runes.Remove(runes.In(unicode.Mn)), runes.Remove(runes.Predicate(refisApostrophe)), norm.NFC)
}}

func refisApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }

func FuzzTokenizeRef(f *testing.F) {
	for _, s := range []string{"", "Superrr mooi!!! 😍👍🏽 #top @jan https://x.nl :-)", "a\xffb😀\u200d", "zo'n 12:30 <3 xD",
		"ｆｕｌｌ Fryslân 🇳🇱🙄", "Één CAFÉ `x` naïve:) o_O Xd www.A.nl, Jaaaaa! ÀÀÀÀ d'r", "İstanbul ß ǅ x:D :Dx", "\ufffd\xbd\xbd\xbd"} {
		f.Add(s)
	}
	var ar Arena // shared by the inputs, as by a worker's texts
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Tokenize(s, nil), refTokenize(s, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Tokenize(%q) =\n%+v, want\n%+v", s, got, want)
		}
		if got, _ := ar.TokenizeKeys(s, nil, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("Arena.TokenizeKeys(%q) =\n%+v, want\n%+v", s, got, want)
		}
	})
}

// TestTokenizeArena compares Tokenize and Arena.TokenizeKeys with the
// reference on texts whose folded Norms fill several arenas (see arena),
// and checks that the Norms of one call keep their bytes while later
// calls fold more words.
func TestTokenizeArena(t *testing.T) {
	var texts []string
	for _, w := range []string{"Amsterdam", "De", "SUPERRRR", "Één", "Fryslân", "#Koningsdag", "Zo'n", "Jaaaaa", "ÀÀÀÀ", "Ⱥȼ", "Abcdefghijklmnopqrstuvw", "Vanochtend", "BUURTGENOTEN", "abcdefGGGhijkl", "ZZZabcdefgh", "abcdefghiJKLM", "Xyzxyzxyz1234", "Abcdefghijklmn", "Abcdefghijklmno", "Abcdefgh's", "Abcdefghé"} {
		texts = append(texts, w, strings.Repeat(w+" ", 40), strings.Repeat(w+" en "+w+"! ", 25))
	}
	var ar Arena
	arenaTokenize := func(s string, dst []Token) []Token {
		toks, _ := ar.TokenizeKeys(s, dst, nil)
		return toks
	}
	for _, tokenize := range []struct {
		name string
		f    func(string, []Token) []Token
	}{{"Tokenize", Tokenize}, {"Arena.TokenizeKeys", arenaTokenize}} {
		var kept [][]Token
		var copies [][]string
		for _, s := range texts {
			got, want := tokenize.f(s, nil), refTokenize(s, nil)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s(%q) =\n%+v, want\n%+v", tokenize.name, s, got, want)
			}
			var c []string
			for _, tk := range got {
				c = append(c, strings.Clone(tk.Norm))
			}
			kept, copies = append(kept, got), append(copies, c)
		}
		for i, toks := range kept {
			for j, tk := range toks {
				if tk.Norm != copies[i][j] {
					t.Fatalf("%s(%q)[%d].Norm = %q after more calls, was %q", tokenize.name, texts[i], j, tk.Norm, copies[i][j])
				}
			}
		}
	}
}
