package text

import (
	"encoding/binary"
	"github.com/socialgeo/socialgeo/internal/le"

	"math"
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/rivo/uniseg"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// emoticons are matched longest first at a token boundary.
var emoticons = []string{
	":-)))", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-*", ":-|", ":-O", ":-o",
	";-)", ";-D", ":')", ":'(", ":'-)", ":'-(", "^_^", "^^", "-_-", "o_O", "O_o", "o_o",
	":))", ":((", ":)", ":(", ":D", ":P", ":p", ":/", ":*", ":|", ":O", ":o", ":s", ":S", ":$", ":@",
	";)", ";D", ";P", ";p", "=)", "=(", "=D", "<3", "</3", "XD", "xD", "xd", "XP", "D:", ":3",
}

// Tokenize splits s into tokens, appending them to dst (which may be nil)
// and returning the extended slice. It never fails: invalid UTF-8 bytes are
// skipped as separators. Only the first [MaxLen] bytes of a longer s are
// tokenised (a Token's offsets are int32).
func Tokenize(s string, dst []Token) []Token {
	s = capLen(s)
	sentence := true
	i := 0
	a := arena{size: pooledSize, use: true} // empty: it takes a pooled arena on first use
	if len(s) > 0 && s[0]-'A' <= 'Z'-'A' {
		// A text that starts with a capital (most posts) folds it: its
		// arena now, without words' return to ask for it (wsArena)
		a.grow()
	}
	for i < len(s) {
		// ASCII words, numbers, one-byte punctuation, short hashtags and
		// mentions, emoji that an ASCII byte follows (see words) and
		// the spaces between them (most bytes of most posts) in words, a
		// loop without calls; the tokens it stops at in others.
		var st int
		dst, i, sentence, st = words(s, i, sentence, dst, &a)
		if i >= len(s) {
			break
		}
		if st == wsArena {
			a.grow()
			continue
		}
		dst, i, sentence = others(s, i, sentence, dst, st, &a)
	}
	a.release()
	return dst
}

// Arena is a caller's own room for the bytes of the folded Norms (see
// the package doc), for a caller that tokenises text after text in one
// goroutine, such as a pipeline worker: ar.TokenizeKeys(s, dst, keys)
// gives the tokens and keys TokenizeKeys gives, with their Norms' bytes
// from ar instead of from an arena that TokenizeKeys takes from a
// sync.Pool and puts back on every call (some 160 instructions a post,
// and the pool's branches). As with TokenizeKeys, a Norm's bytes are
// never written again: a full arena is replaced by a new one of 512
// bytes and the Norms keep the old one, so the tokens may be kept after
// later calls. The zero Arena is ready for use; an Arena must not be
// used by two goroutines at once.
type Arena struct {
	buf []byte // the bytes taken (len) and the arena's end (cap)
}

// TokenizeKeys is [TokenizeKeys] with the Norms' bytes from ar.
func (ar *Arena) TokenizeKeys(s string, dst []Token, keys []uint64) ([]Token, []uint64) {
	a := arena{buf: ar.buf, size: pooledSize}
	dst, keys = tokenizeKeys(s, dst, keys, &a)
	ar.buf = a.buf
	return dst, keys
}

// others appends the tokens from s[i] on that words leaves to token (st
// is its status), one after the other, up to the next token that words
// may take (see wordsAt), and skips a space after each: a round of words
// costs more than this test.
func others(s string, i int, sentence bool, dst []Token, st int, a *arena) ([]Token, int, bool) {
	for {
		dst, i, sentence = token(s, i, sentence, dst, st != wsLatin, a)
		if i < len(s) {
			i += int(b2u(s[i] == ' ')) // the usual space after it, without a branch
		}
		if i >= len(s) || wordsAt(s, i) {
			return dst, i, sentence
		}
		st = wsToken
	}
}

// wordsAt reports whether s[i] may start a token of words: an ASCII
// letter, digit or punctuation byte that, with the next byte, starts no
// URL or emoticon.
func wordsAt(s string, i int) bool {
	c := s[i]
	if byteClass[c]&(clLetter|clDigit|clPunct|clEmo) == 0 {
		return false
	}
	var c2 byte // 0 at the end of s
	if i+1 < len(s) {
		c2 = s[i+1]
	}
	return startPairs[c&0x7f][c2>>6]>>(c2&63)&1 == 0
}

// TokenizeKeys is [Tokenize] that also returns the tokens' word keys:
// keys[i] (len(keys) == len(toks)) is either 0 or, for a Word whose Norm
// consists of 1 to 8 lower-case ASCII letters and digits (not
// Elongated), the bytes of Norm as a little-endian uint64, zero above
// them: the key of a short word, so that a consumer who looks words up
// by such a key need not load it again. Every such Word has its key
// (the tokens already in dst on entry have none): lower-case words and
// capitalised ones ("De", "Utrecht", "NOS", whose Norm is lowered: the
// key says nothing of Title or Upper) from the 8-byte load that the
// tokenizer's loop made to find them, the general path's words (after
// an emoji or a URL, say) from their Norms. A zero key says nothing else
// (the consumer reads Norm). keys is reused like dst: its contents are
// overwritten.
//
// Its loop is Tokenize's with the keys added (in Tokenize's own, the
// keys' tests and variables cost it 2 to 3 % more instructions).
func TokenizeKeys(s string, dst []Token, keys []uint64) (toks []Token, _ []uint64) {
	a := arena{size: pooledSize, use: true}
	toks, keys = tokenizeKeys(s, dst, keys, &a)
	a.release()
	return toks, keys
}

// TokenizeKeysScratch is [TokenizeKeys] for a caller that is done with
// the tokens before its next call with the same scratch, as
// sentiment's Analyze is (it scores a text and keeps none of its
// tokens): the folded Norms take their bytes from *scratch, from its
// start on every call, instead of from a new arena, so that a text
// whose folded Norms fit in it costs no allocation. The Norms are valid
// only until the next call with scratch, which overwrites their bytes.
// *scratch is kept as the largest arena of the call.
func TokenizeKeysScratch(s string, dst []Token, keys []uint64, scratch *[]byte) ([]Token, []uint64) {
	a := arena{buf: (*scratch)[:0], size: min(len(s), arenaMax)}
	dst, keys = tokenizeKeys(s, dst, keys, &a)
	if cap(a.buf) > cap(*scratch) {
		*scratch = a.buf[:0]
	}
	return dst, keys
}

// MaxLen is the length of the longest text that Tokenize and its
// variants tokenise whole: a longer one's tokens are those of its first
// MaxLen bytes, so that every offset fits a Token's int32 Start and End.
const MaxLen = math.MaxInt32

// capLen returns s cut to MaxLen bytes.
func capLen(s string) string {
	if len(s) > MaxLen {
		s = s[:MaxLen]
	}
	return s
}

// tokenizeKeys is TokenizeKeys with the Norms' bytes from a. Like
// Tokenize, it tokenises only the first MaxLen bytes of s.
func tokenizeKeys(s string, dst []Token, keys []uint64, a *arena) (toks []Token, _ []uint64) {
	s = capLen(s)
	// keys is used at its full capacity (no growKeys call while it is
	// at least cap(dst)) and is not nil (words stores keys only then);
	// the tokens already in dst have no key
	keys = keys[:cap(keys)]
	if len(keys) < len(dst) || keys == nil {
		keys = growKeys(keys, len(dst))
	}
	for k := range len(dst) {
		keys[k] = 0
	}
	sentence := true
	i := 0
	for i < len(s) {
		if len(keys) < cap(dst) {
			keys = growKeys(keys, cap(dst)) // words stores keys below cap(dst)
		}
		var st int
		a.keys = unsafe.Pointer(unsafe.SliceData(keys))
		dst, i, sentence, st = words(s, i, sentence, dst, a)
		if i >= len(s) {
			break
		}
		if st == wsArena {
			a.grow()
			continue
		}
		n := len(dst)
		dst, i, sentence = others(s, i, sentence, dst, st, a)
		if len(dst) > n {
			// the general path's words have keys from their Norms
			if len(dst) > len(keys) {
				keys = growKeys(keys, len(dst))
			}
			for k := n; k < len(dst); k++ {
				keys[k] = normKey(&dst[k])
			}
		}
	}
	return dst, keys[:len(dst)]
}

// normKey returns the key of t (see TokenizeKeys) from its Norm, 0 for
// none: for the general path's words, whose loads are not at hand.
func normKey(t *Token) uint64 {
	w, n := t.Norm, len(t.Norm)
	if t.Kind != Word || t.Elongated || uint(n-1) >= 8 {
		return 0
	}
	var x uint64 // w's bytes, little-endian; 0 above them
	if n >= 4 {  // the last four bytes overlap the first four
		x = uint64(le.Uint32(w)) | uint64(le.Uint32(w[n-4:]))<<(8*(n-4))
	} else {
		x = uint64(w[0]) | uint64(w[n>>1])<<(8*(n>>1)) | uint64(w[n-1])<<(8*(n-1))
	}
	// every byte a small letter or a digit ("café" and "zo'n" have none)
	x7 := x &^ highBits
	if x&highBits != 0 || inRange(x7, 'a', 'z')|inRange(x7, '0', '9') != highBits>>(64-8*n) {
		return 0
	}
	return x
}

// growKeys returns keys extended (not cleared) to a length of at least n.
func growKeys(keys []uint64, n int) []uint64 {
	if n <= cap(keys) && keys != nil {
		return keys[:max(len(keys), n)]
	}
	k := make([]uint64, n, max(n, 2*cap(keys), 1))
	copy(k, keys)
	return k
}

// Why words stopped (its status result).
const (
	wsToken = iota // at a token for token, at the end of s or with dst full
	wsLatin        // at a word that goes on with a non-ASCII byte: token's general path
	wsArena        // at a word with capitals for whose Norm a has no room: a.grow, then words again
)

// words appends the tokens from s[i] on that need no call and skips the
// spaces between them: ASCII words that start with a letter (neither a
// URL nor an emoticon) and have no three equal letters in a row, of up
// to 15 letters and digits or longer ones of small letters and digits,
// numbers of up to 7 bytes (digits, and . , : between digits), single
// ASCII punctuation bytes that start no emoticon, hashtags and mentions
// of up to 15 small letters, digits and underscores, and emoji of
// U+1F000 to U+1FAFF that an ASCII byte follows: the tokens the general
// path would give. It returns at the first other token (see the status
// constants), or when dst is full.
//
// It makes no call: in Go every value live across a call is spilled to
// the stack, and with the general path's calls in the same loop the
// loop's variables went to the stack and back on every round. Each
// token is found from one or two 8-byte loads with byte-parallel class
// tests, without a byte loop whose exit the CPU would mispredict once per
// word, and a branch is spent on a token's kind and on a word's capitals
// and length (up to 7 bytes or more), little else.
//
// A word with capitals ("De", "Amsterdam") is lowered in the loads'
// registers; its Norm is stored into a, past its strings, by two 8-byte
// stores. When a has no room for them, words returns wsArena.
//
// a.keys, when not nil, is the array of at least cap(dst) keys: the key
// of each token it appends is stored at the token's index (see
// TokenizeKeys), through a.keys without a bounds check (the loop appends
// only below cap(dst)); it is kept in the arena, not in a parameter of
// its own, so that the loop keeps one variable less.
func words(s string, i int, sentence bool, dst []Token, a *arena) (_ []Token, _ int, _ bool, status int) {
	if len(s) < 8 {
		return dst, i, sentence, wsToken // no 8-byte load: token does all
	}
	for len(dst) < cap(dst) {
		// x holds the 8 bytes from s[i]; near the end of s, the last 8
		// bytes shifted down, so that the bytes past the text are 0
		// (which ends every token). The branch is mispredicted about
		// once a text; a conditional move costs more instructions. (The
		// end of s is tested only near it.)
		var x uint64
		if i+8 <= len(s) {
			x = load8(s, i)
		} else if i < len(s) {
			x = le.Uint64At(s, len(s)-8) >> (8 * (i + 8 - len(s)) & 63)
		} else {
			break
		}
		c := byte(x)
		cl := byteClass[c]
		if cl&clLetter == 0 {
			if c == ' ' {
				i++
				continue
			}
			if cl&(clPunct|clEmo) != 0 {
				// One ASCII punctuation byte that no equal byte follows
				// and that starts no emoticon (hashtags and mentions
				// are neither): a Punct whose Norm is its text (token
				// does runs of more).
				// (Only clEmo bytes start emoticons: a clPunct byte's
				// row of startPairs is empty.)
				c2 := byte(x >> 8)
				if c2 == c || cl&clEmo != 0 && startPairs[c&0x7f][c2>>6]>>(c2&63)&1 != 0 {
					return dst, i, sentence, wsToken
				}
				p := sub(s, i, 1)
				dst = a.push(dst, p, i, i+1, Punct, false)
				// . ! ? and : start a sentence; no branch
				sentence = b2u(sentence)|uint8(cl>>clStopShift) != 0
				// and the usual space after it, without a round of the
				// loop (whose branch on a space would be mispredicted)
				i += 1 + int(b2u(c2 == ' '))
				continue
			}
			if cl&clDigit == 0 {
				if x&0x80c0c0ffff == 0x0080809ff0 && byte(x>>16) <= 0xab {
					// An emoji of U+1F000 to U+1FAFF (F0 9F 80 80 to
					// F0 9F AB BF) that an ASCII byte or the end of s
					// (a 0 byte of x) follows: a grapheme cluster of
					// its own, the Emoji token's fast path gives.
					end := i + 4
					e := sub(s, i, 4)
					dst = a.push(dst, e, i, end, Emoji, false)
					i = end + int(b2u(byte(x>>32) == ' '))
					continue
				}
				if c != '#' && c != '@' {
					return dst, i, sentence, wsToken
				}
				// A hashtag or mention of up to 15 small ASCII letters,
				// digits and underscores that an ASCII byte other than
				// a capital follows (or the end of s): Norm is its
				// text less the '#' or '@', as fold gives it, and it
				// has neither Title nor Upper. Others: token.
				var h uint64 // the 8 bytes from s[i+1], 0 past s
				if i+9 <= len(s) {
					h = le.Uint64At(s, i+1)
				} else {
					h = le.Uint64At(s, len(s)-8) >> (8 * (i + 9 - len(s))) // 0 for i+1 == len(s)
				}
				stop := tagStop(h)
				n := bits.TrailingZeros64(stop) >> 3 // 8 when none stops
				if n == 8 {
					if i+17 <= len(s) {
						h = le.Uint64At(s, i+9)
					} else {
						h = le.Uint64At(s, len(s)-8) >> (8 * (i + 17 - len(s))) // 0 for i+9 == len(s)
					}
					stop = tagStop(h)
					n = 8 + bits.TrailingZeros64(stop)>>3
				}
				next := byte(h >> (8 * n & 63)) // 0 past s
				if n == 0 || n == 16 || byteClass[next]&clLetter != 0 || next >= utf8.RuneSelf {
					return dst, i, sentence, wsToken
				}
				end := i + 1 + n
				dst = a.push(dst, sub(s, i+1, n), i, end, Hashtag+Kind(c>>6), sentence) // '@'>>6 == 1
				sentence = false
				i = end + int(b2u(next == ' '))
				continue
			}
			// A number of up to 7 bytes: digits, and separators (. , :)
			// that a digit follows, as the general path takes them. A
			// separator's byte is accepted when the next byte is a
			// digit (the digits' mask shifted down one byte); the last
			// byte's next is not in x: a number that may reach it goes
			// to token.
			digits := inRange(x&^highBits, '0', '9') &^ x
			seps := eqBytes(x|0x0202020202020202, '.') | eqBytes(x, ':') // . and , (0x2c|2 == '.'), and :
			stop := ^(digits | seps&(digits>>8)) & highBits
			n := bits.TrailingZeros64(stop) >> 3 // 8 when all 8 bytes are taken
			if n >= 7 && (n == 8 || seps>>63 != 0) {
				return dst, i, sentence, wsToken
			}
			next := byte(x >> (8 * n & 63)) // n < 8; 0 at the end of s
			end := i + n
			num := sub(s, i, n)
			dst = a.push(dst, num, i, end, Number, sentence)
			sentence = false
			i = end + int(b2u(next == ' '))
			continue
		}
		// An ASCII letter: it starts a Word unless it and the next byte
		// may start a URL ("ht", "ww") or an emoticon ("xD", "o_").
		if cl&clPlain == 0 {
			if c2 := byte(x >> 8); startPairs[c&0x7f][c2>>6]>>(c2&63)&1 != 0 {
				return dst, i, sentence, wsToken
			}
		}
		// The word's letters and digits: up to 7 in x, up to 15 in x and
		// y, the next 8 bytes (0 for a word of up to 7), both reduced to
		// the word's bytes (0 above them: no word byte is 0); next is the
		// byte after the word. Few values stay live past this (the loop's
		// own take most registers): the capitals are found again below.
		stop := wordStop(x)
		var n int
		var y, caps uint64 // caps: x's and y's capitals, or-ed
		var next byte
		if stop != 0 {
			n = bits.TrailingZeros64(stop) >> 3
			next = byte(x >> (8 * n & 63))
			// valid, the mask of the word's bytes, is the bits below
			// stop's lowest one less its own byte (no variable shift)
			valid := (stop ^ (stop - 1)) >> 8
			x &= valid
			// Three equal bytes in a row (elongation): token. Byte k of
			// v is 0 iff bytes k, k+1 and k+2 are equal but for the
			// case bit (0x20: no two letters or digits differ in it
			// alone but a letter's capital and small forms); v's bytes
			// past the word are set (its last two compare word bytes
			// with 0 bytes, which no word byte equals).
			v := ((x^x>>8)|(x^x>>16))&^caseBits | ^valid
			if (v-lowBits)&^v&highBits != 0 {
				return dst, i, sentence, wsToken
			}
			caps = capitals(x)
		} else {
			// 8 word bytes
			if i+16 <= len(s) {
				y = le.Uint64At(s, i+8)
			} else {
				y = le.Uint64At(s, len(s)-8) >> (8 * (i + 16 - len(s))) // 0 for i+8 == len(s)
			}
			stop = wordStop(y)
			if stop == 0 {
				// 16 or more ("gemeenteraadsverkiezingen"): a word of
				// small letters and digits without three equal ones
				// in a row is taken 8 bytes at a time (Norm is the text),
				// others are token's. tri collects the triples of
				// each 8 bytes w and of u, the 8 bytes across the
				// boundary before w (as below); m masks w's word bytes.
				p, w := x, y
				caps = capitals(x) | capitals(y)
				v := ((x^x>>8)|(x^x>>16))&^caseBits | 0xffff<<48
				tri := (v - lowBits) &^ v
				m := ^uint64(0)
				j := i + 8 // w's index
				for {
					u, mu := p>>48|w<<16, 0xffff|m<<16
					vu := ((u^u>>8)|(u^u>>16))&^caseBits | ^(mu >> 16)
					vw := ((w^w>>8)|(w^w>>16))&^caseBits | ^(m >> 16)
					tri |= (vu-lowBits)&^vu | (vw-lowBits)&^vw
					if m != ^uint64(0) {
						break
					}
					p, j = w, j+8
					if j+8 <= len(s) {
						w = le.Uint64At(s, j)
					} else if j < len(s) {
						w = le.Uint64At(s, len(s)-8) >> (8 * (j + 8 - len(s)))
					} else {
						w = 0
					}
					stop = wordStop(w)
					if stop != 0 {
						m = (stop ^ (stop - 1)) >> 8
						next = byte(w >> (8 * (bits.TrailingZeros64(stop) >> 3) & 63))
						w &= m
					}
					caps |= capitals(w)
				}
				if tri&highBits != 0 || caps != 0 || byteClass[next]&clEnd == 0 {
					if next >= utf8.RuneSelf && tri&highBits == 0 {
						return dst, i, sentence, wsLatin
					}
					return dst, i, sentence, wsToken
				}
				end := j + bits.TrailingZeros64(stop)>>3
				ws := sub(s, i, end-i)
				dst = a.push(dst, ws, i, end, Word, sentence)
				sentence = false
				i = end + int(b2u(next == ' '))
				continue
			}
			n2 := bits.TrailingZeros64(stop) >> 3
			n = 8 + n2
			next = byte(y >> (8 * n2 & 63))
			valid := (stop ^ (stop - 1)) >> 8
			y &= valid
			// Triples from the differences of neighbours: byte k of dx
			// and dy is word byte k ^ byte k+1 (of 16), which is 0 but
			// for the case bit where they are equal; bytes k and k+1 of
			// the differences are 0 for a triple from byte k, which v
			// (from bytes 0 to 7) and v2 (8 to 15) test. The difference
			// of the last word byte with the 0 byte after it is not 0,
			// nor are dy's bytes past the word (^valid). (Round 13:
			// 2,334 -> 2,281 instructions a post in words against three
			// triple tests of 8 bytes each, BenchmarkTokenizePostsArena.)
			dx := x ^ (x>>8 | y<<56)
			dy := y ^ y>>8 | ^valid
			v := (dx | dx>>8 | dy<<56) &^ caseBits
			v2 := (dy | dy>>8) &^ caseBits
			if ((v-lowBits)&^v|(v2-lowBits)&^v2)&highBits != 0 {
				return dst, i, sentence, wsToken
			}
			caps = capitals(x) | capitals(y)
		}
		if byteClass[next]&clEnd == 0 {
			// an apostrophe or a non-ASCII byte follows
			if next >= utf8.RuneSelf {
				return dst, i, sentence, wsLatin
			}
			return dst, i, sentence, wsToken
		}
		end := i + n
		if caps != 0 {
			// Capitals: Norm is the bytes lowered, stored into the
			// arena past its strings by two 8-byte stores, the first of
			// which is the key of a word of up to 8 bytes. The token
			// is written here, not below, so that the lower-case
			// words' path keeps its registers (its Norm is its text, its
			// flags constants).
			b := a.buf[len(a.buf):cap(a.buf)] // the arena's room
			if len(b) < 16 {
				return dst, i, sentence, wsArena
			}
			up, up2 := capitals(x), capitals(y)
			low := x | up>>1 // the key of a word of up to 8 bytes
			binary.LittleEndian.PutUint64(b, low)
			binary.LittleEndian.PutUint64(b[8:], y|up2>>1)
			b = b[:n]
			a.buf = a.buf[:len(a.buf)+n]
			dst = dst[:len(dst)+1]
			t := &dst[len(dst)-1]
			t.Norm, t.Start, t.End = unsafe.String(unsafe.SliceData(b), n), int32(i), int32(end)
			t.Kind, t.Elongated, t.SentenceStart = Word, false, sentence
			// Upper: at least two letters, none small
			u := up | up2>>1 // each capital's bit, those of y in bit 5
			t.Upper = smallLetters(x)|smallLetters(y) == 0 && u&(u-1) != 0
			t.Title = up&0x40 != 0 // the first byte is a capital
			if a.keys != nil {
				if n > 8 {
					low = 0
				}
				*(*uint64)(unsafe.Add(a.keys, 8*(len(dst)-1))) = low
			}
			sentence = false
			i = end + int(b2u(next == ' '))
			continue
		}
		// The token's fields are stored in place: a composite literal
		// was built on the stack and then copied.
		dst = dst[:len(dst)+1]
		t := &dst[len(dst)-1]
		w := sub(s, i, n)
		t.Norm, t.Start, t.End = w, int32(i), int32(end)
		t.Kind, t.Elongated, t.Upper, t.Title, t.SentenceStart = Word, false, false, false, sentence
		if a.keys != nil {
			key := x // the word's bytes; 0 for more than 8
			if n > 8 {
				key = 0
			}
			*(*uint64)(unsafe.Add(a.keys, 8*(len(dst)-1))) = key
		}
		sentence = false
		// the usual space after a word, without a round of the loop
		// and without a branch (a word before punctuation has none)
		i = end + int(b2u(next == ' '))
	}
	return dst, i, sentence, wsToken
}

// sub returns s[i:i+n] for n > 0 and i+n <= len(s), without the slice
// expression's two bounds checks and its guard against a pointer past s
// (some 7 instructions a token in words). words calls it only for
// tokens whose n bytes it found in a load from s[i], which holds 0
// bytes past s and no 0 byte of a token, so that they are s's (the race
// detector's pointer checks would catch any other).
func sub(s string, i, n int) string {
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i)), n)
}

// load8 is le.Uint64At(s, i) for 0 <= i and i+8 <= len(s), which words
// has tested, without its two bounds checks (3 instructions a round of
// words).
func load8(s string, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))[:])
}

// caseBits has the bit in which a small ASCII letter differs from its
// capital in each byte.
const caseBits = 0x2020202020202020

// capitals returns bit 6 (0x40) of each byte of x that is a capital, for
// an x of ASCII letters and digits and 0 bytes: those with bit 6 (letters)
// and without bit 5 (small letters and digits have it). x|capitals(x)>>1
// is x lowered.
func capitals(x uint64) uint64 { return x &^ (x << 1) & 0x4040404040404040 }

// smallLetters returns bit 6 of each byte of x that is a small letter,
// for x as for capitals.
func smallLetters(x uint64) uint64 { return x & (x << 1) & 0x4040404040404040 }

// wordToken appends the word at s[i], whose first byte is an ASCII letter
// that starts neither a URL nor an emoticon, and returns the index past
// it, or returns i itself when the word goes on with a non-ASCII byte
// (the general path then takes it).
func wordToken(s string, i int, sentence bool, dst []Token, a *arena) ([]Token, int) {
	var x uint64
	if i+8 <= len(s) {
		x = le.Uint64At(s, i)
	} else {
		x = loadTail(s, i)
	}
	// A word of up to 7 ASCII letters and digits is found and normalised
	// from one 8-byte load, one of 8 to 14 from two (wordWide); longer
	// words, words with an apostrophe and words that go on with a
	// non-ASCII byte take wordFast.
	if stop := ^wordBytes(x) & highBits; stop != 0 {
		n := bits.TrailingZeros64(stop) >> 3
		end := i + n
		if end == len(s) || byteClass[s[end]]&clEnd != 0 {
			valid := uint64(1)<<(8*n) - 1
			up := inRange(x&^highBits, 'A', 'Z') & valid
			low := x | up>>2
			norm, f := s[i:end], uint8(0)
			if elong := triple8(low, n); up != 0 || elong {
				norm, f = shortWord(norm, up, low, elong, a)
			}
			return appendWord(dst, s, i, end, norm, f, sentence), end
		}
	} else if end, norm, f := wordWide(s, i, x, a); end > 0 {
		return appendWord(dst, s, i, end, norm, f, sentence), end
	}
	if end, norm, f := wordFast(s, i, a); end > 0 {
		return appendWord(dst, s, i, end, norm, f, sentence), end
	}
	return dst, i
}

// push stores a token of kind k, neither elongated nor in capitals, in
// the room words reserved in dst (len(dst) < cap(dst)), with no key.
// The fields are stored in place, not from a composite literal, which
// is built on the stack and then copied.
func (a *arena) push(dst []Token, norm string, i, end int, k Kind, sentence bool) []Token {
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.Norm, t.Start, t.End = norm, int32(i), int32(end)
	t.Kind, t.Elongated, t.Upper, t.Title, t.SentenceStart = k, false, false, false, sentence
	if a.keys != nil {
		*(*uint64)(unsafe.Add(a.keys, 8*(len(dst)-1))) = 0
	}
	return dst
}

// appendWord appends the Word s[i:end] with Norm norm, flags f (see
// wfElong) and SentenceStart sentence.
func appendWord(dst []Token, s string, i, end int, norm string, f uint8, sentence bool) []Token {
	// The fields are stored in place: append of a composite literal
	// built the token on the stack and then copied it.
	if len(dst) == cap(dst) {
		dst = append(dst, Token{})[:len(dst)] // append's growth
	}
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.Norm, t.Start, t.End = norm, int32(i), int32(end)
	t.Kind, t.Elongated, t.Upper, t.Title, t.SentenceStart = Word, f&wfElong != 0, f&wfUpper != 0, f&wfTitle != 0, sentence
	return dst
}

// b2u returns 1 for true and 0 for false (compiled without a branch).
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// plainWordAt reports whether the ASCII letter s[i], which may start a
// URL or an emoticon ("http", "www.", "xD", "o_O"), starts neither, so
// that it starts a Word.
func plainWordAt(s string, i int) bool {
	c := s[i]
	if (c == 'h' || c == 'w') && hasURLPrefix(s[i:]) {
		return false
	}
	return !(len(emoticonsBy[c]) > 0 && emoticonAt(s, i) > 0)
}

// token appends the token that starts at s[i] (or skips the separator
// there) for every case but the tokens of words' loop, and returns the
// extended dst, the index past the token and the sentence-start state.
// tryASCII false skips the ASCII word paths for a word that words found to
// go on with a non-ASCII byte (they would fail again).
func token(s string, i int, sentence bool, dst []Token, tryASCII bool, a *arena) ([]Token, int, bool) {
	c := s[i]
	if cl := byteClass[c]; tryASCII && (cl&clPlain != 0 || (cl&clLetter != 0 && plainWordAt(s, i))) {
		if d, end := wordToken(s, i, sentence, dst, a); end > i {
			return d, end, false
		}
		// a word that goes on with a non-ASCII byte: the general path
	}
	// Fast path: ASCII punctuation that can start no emoticon, hashtag
	// or mention is a run of the same byte (as the general path's
	// default case finds it).
	if byteClass[c]&clPunct != 0 {
		end := i + 1
		for end < len(s) && s[end] == c {
			end++
		}
		pn := s[i:end]
		if end-i > 3 {
			pn = s[i : i+3]
		}
		dst = append(dst, Token{Norm: pn, Start: int32(i), End: int32(end), Kind: Punct, Elongated: end-i >= 3})
		if c == '.' || c == '!' || c == '?' {
			sentence = true
		}
		return dst, end, sentence
	}
	r, size := rune(c), 1
	if c < utf8.RuneSelf {
		if asciiClass[c]&clSpace != 0 {
			if c == '\n' || c == '\r' {
				sentence = true
			}
			return dst, i + 1, sentence
		}
	} else {
		r, size = utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return dst, i + 1, sentence
		case (i+size == len(s) || s[i+size] < utf8.RuneSelf) && isEmojiStart(r) && r != 0x2139:
			// An emoji that an ASCII byte (or the end) follows is a
			// grapheme cluster of its own (UAX #29: no ASCII byte
			// extends a cluster): the Emoji the general path gives,
			// without uniseg's state machine and the letter and digit
			// tables' searches before it (U+2139, a letter in
			// isEmojiStart's ranges, is a Word there).
			end := i + size
			return append(dst, Token{Norm: s[i:end], Start: int32(i), End: int32(end), Kind: Emoji}), end, sentence
		case unicode.IsSpace(r):
			return dst, i + size, sentence
		}
	}
	start := i
	var t Token
	ascii := false
	switch {
	case (c == 'h' || c == 'w') && hasURLPrefix(s[i:]):
		end := i
		for end < len(s) {
			if c2 := s[end]; c2 < utf8.RuneSelf {
				if asciiClass[c2]&clSpace != 0 {
					break
				}
				end++
				continue
			}
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
		t = Token{Kind: URL, Norm: toLower(s[i:end], a)}
		i = end
	case (r == '#' || r == '@') && i+1 < len(s) && isWordStart(s[i+1:]):
		end := i + 1
		for end < len(s) {
			if c2 := s[end]; c2 < utf8.RuneSelf {
				if asciiClass[c2]&(clLetter|clDigit) != 0 || c2 == '_' {
					end++
					continue
				}
				break
			}
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
		t = Token{Kind: k, Norm: fold(s[i+1:end], a)}
		i = end
	case c < utf8.RuneSelf && len(emoticonsBy[c]) > 0 && emoticonAt(s, i) > 0:
		n := emoticonAt(s, i)
		t = Token{Kind: Emoticon, Norm: toLower(s[i:i+n], a)}
		i += n
	case isLetter(r):
		end := i
		ascii = true
		for end < len(s) {
			if c2 := s[end]; c2 < utf8.RuneSelf {
				if asciiClass[c2]&(clLetter|clDigit) != 0 {
					end++
					continue
				}
				// apostrophe inside a word: auto's, zo'n
				if c2 == '\'' && end+1 < len(s) && isLetterAt(s, end+1) {
					end++
					continue
				}
				break
			}
			r2, sz := utf8.DecodeRuneInString(s[end:])
			if unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2) || (unicode.IsDigit(r2)) {
				ascii = false
				end += sz
				continue
			}
			// apostrophe inside a word: auto's, zo'n
			if (r2 == '\'' || r2 == '’') && end+sz < len(s) {
				r3, _ := utf8.DecodeRuneInString(s[end+sz:])
				if unicode.IsLetter(r3) {
					ascii = false
					end += sz
					continue
				}
			}
			break
		}
		t = Token{Kind: Word}
		if ascii {
			wordASCII(&t, s[i:end], a)
		} else {
			t.Norm, t.Elongated = reduceElongation(fold(s[i:end], a), a)
		}
		i = end
	case isDigit(r):
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
		ascii = true // digits and separators: no letter for setCase
		t = Token{Kind: Number, Norm: s[i:end]}
		i = end
	case isEmojiStart(r):
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
			return dst, end, sentence
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
		if !ascii { // wordASCII did it, or a Number has no letters
			setCase(&t, s[start:i])
		}
	}
	if t.Kind == Punct && (s[start] == '.' || s[start] == '!' || s[start] == '?' || s[start] == ':') {
		sentence = true
	}
	dst = append(dst, t)
	return dst, i, sentence
}

func hasURLPrefix(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

func isWordStart(s string) bool {
	if c := s[0]; c < utf8.RuneSelf {
		return asciiClass[c]&(clLetter|clDigit) != 0 || c == '_'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// Per-byte classes of ASCII characters (as unicode.IsSpace, IsLetter and
// IsDigit report them).
const (
	clSpace = 1 << iota
	clLetter
	clDigit
	clUpper
)

// clPlain (in byteClass only) marks the ASCII letters that start neither
// a URL ("http", "www.") nor an emoticon: such a byte always starts a Word.
const clPlain = 1 << 4

// clPunct (in byteClass only) marks ASCII punctuation and symbols that
// start no emoticon, hashtag or mention: such a byte always starts a Punct
// run.
const clPunct = 1 << 5

// clEnd (in byteClass only) marks the bytes that end an ASCII word of
// words' loop when they follow it: ASCII bytes other than letters,
// digits and the apostrophe (which may join two words' letters).
const clEnd = 1 << 6

// clEmo (in byteClass only) marks the ASCII punctuation and symbols that
// may start an emoticon (: ; = < ^ -): a Punct unless they do.
const clEmo = 1 << 7

// clStop (in byteClass only) marks the punctuation after which a
// sentence starts (. ! ? :); clStopShift is its bit's index.
const (
	clStopShift = 8
	clStop      = 1 << clStopShift
)

// byteClass is asciiClass for every byte value (0 for bytes of multi-byte
// runes), with clPlain, clPunct, clEnd, clEmo and clStop.
var byteClass = func() (t [256]uint16) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = uint16(asciiClass[c])
		if c == '.' || c == '!' || c == '?' || c == ':' {
			t[c] |= clStop
		}
		if (unicode.IsPunct(rune(c)) || unicode.IsSymbol(rune(c))) && len(emoticonsBy[c]) > 0 {
			t[c] |= clEmo
		}
		if asciiClass[c]&(clLetter|clDigit) == 0 && c != '\'' {
			t[c] |= clEnd
		}
		if asciiClass[c]&clLetter != 0 && c != 'h' && c != 'w' && len(emoticonsBy[c]) == 0 {
			t[c] |= clPlain
		}
		if (unicode.IsPunct(rune(c)) || unicode.IsSymbol(rune(c))) && c != '#' && c != '@' && len(emoticonsBy[c]) == 0 {
			t[c] |= clPunct
		}
	}
	return t
}()

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if unicode.IsSpace(c) {
			t[c] |= clSpace
		}
		if unicode.IsLetter(c) {
			t[c] |= clLetter
		}
		if unicode.IsDigit(c) {
			t[c] |= clDigit
		}
		if unicode.IsUpper(c) {
			t[c] |= clUpper
		}
	}
	return t
}()

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&clLetter != 0
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&clDigit != 0
	}
	return unicode.IsDigit(r)
}

// isLetterAt reports whether the rune at s[i] is a letter.
func isLetterAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c]&clLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// emoticonsBy holds the emoticons by first byte, in the order of emoticons.
var emoticonsBy = func() (t [utf8.RuneSelf][]string) {
	for _, e := range emoticons {
		t[e[0]] = append(t[e[0]], e)
	}
	return t
}()

// emoticonPairs holds, by first byte, the set of second bytes (bit b of
// word b>>6) of the emoticons: all have two or more ASCII bytes.
var emoticonPairs = func() (t [utf8.RuneSelf][2]uint64) {
	for _, e := range emoticons {
		t[e[0]][e[1]>>6] |= 1 << (e[1] & 63)
	}
	return t
}()

// startPairs holds, by an ASCII first byte, the set of second bytes (bit
// b of word b>>6) with which it may start an emoticon or a URL ("ht",
// "ww"): the pairs that words leaves to token.
var startPairs = func() (t [utf8.RuneSelf][4]uint64) {
	for c := range t {
		t[c][0], t[c][1] = emoticonPairs[c][0], emoticonPairs[c][1]
	}
	t['h']['t'>>6] |= 1 << ('t' & 63)
	t['w']['w'>>6] |= 1 << ('w' & 63)
	return t
}()

// emoticonAt returns the length of the emoticon starting at s[i], or 0. An
// emoticon must start at a boundary (start of text, space or after a word's
// end) and end at a boundary (end, space or punctuation).
func emoticonAt(s string, i int) int {
	c := s[i]
	if !strings.ContainsRune(":;=<^-oOxXD", rune(c)) {
		return 0
	}
	// Most words that start with o, x or D ("of", "one") fail on their
	// second byte, before the list of emoticons is tried.
	if i+1 >= len(s) || s[i+1] >= utf8.RuneSelf || emoticonPairs[c][s[i+1]>>6]>>(s[i+1]&63)&1 == 0 {
		return 0
	}
	if i > 0 {
		if p := s[i-1]; p < utf8.RuneSelf {
			if asciiClass[p]&(clLetter|clDigit) != 0 {
				return 0
			}
		} else if p, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(p) || unicode.IsDigit(p) {
			return 0
		}
	}
	for _, e := range emoticonsBy[c] {
		if strings.HasPrefix(s[i:], e) {
			j := i + len(e)
			if j < len(s) {
				if n := s[j]; n < utf8.RuneSelf {
					if asciiClass[n]&(clLetter|clDigit) != 0 {
						continue
					}
				} else if n, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(n) || unicode.IsDigit(n) {
					continue
				}
			}
			return len(e)
		}
	}
	return 0
}

func isEmojiStart(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF) ||
		(r >= 0x2190 && r <= 0x21FF) || (r >= 0x2300 && r <= 0x23FF) || r == 0x00A9 || r == 0x00AE ||
		r == 0x203C || r == 0x2049 || r == 0x2122 || r == 0x2139 || r == 0x3030 || r == 0x303D ||
		r == 0x3297 || r == 0x3299 || (r >= 0x1F1E6 && r <= 0x1F1FF)
}

func setCase(t *Token, w string) {
	letters, upper := 0, 0
	first := true
	i := 0
	for ; i < len(w); i++ { // ASCII prefix
		cl := asciiClass[w[i]&0x7f]
		if w[i] >= utf8.RuneSelf {
			break
		}
		if cl&clLetter == 0 {
			continue
		}
		letters++
		if cl&clUpper != 0 {
			upper++
			if first {
				t.Title = true
			}
		}
		first = false
	}
	for _, r := range w[i:] {
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

// wordASCII sets Norm, Elongated, Title and Upper of a Word token whose
// text w is ASCII in one pass: what Fold, reduceElongation and setCase
// would set.
func wordASCII(t *Token, w string, a *arena) {
	letters, upper := 0, 0
	fold, elong := false, false
	var prev byte
	run := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if cl := asciiClass[c]; cl&clLetter != 0 {
			if cl&clUpper != 0 {
				if letters == 0 {
					t.Title = true
				}
				upper++
				c += 'a' - 'A'
				fold = true
			}
			letters++
		} else if c == '\'' {
			fold = true
			continue
		}
		if c == prev {
			run++
			if run >= 3 {
				elong = true
			}
		} else {
			prev, run = c, 1
		}
	}
	t.Upper = letters >= 2 && upper == letters
	norm := w
	if fold {
		norm = foldASCII(w, a)
	}
	if elong {
		norm, _ = reduceElongationASCII(norm, a)
	}
	t.Norm, t.Elongated = norm, elong
}

// loadTail is le.Uint64At(s, i) for fewer than 8 bytes left in s: the bytes
// past the text are 0 (no word byte).
func loadTail(s string, i int) uint64 {
	var x uint64
	for k := len(s) - 1; k >= i; k-- {
		x = x<<8 | uint64(s[k])
	}
	return x
}

// shortWord returns Norm and the flags of an ASCII word w of at most 7
// letters and digits with capitals or three equal bytes in a row: up has
// the high bit of each upper-case byte of w, low is w's bytes folded to
// lower case and elong tells whether three of them in a row are equal
// (see Tokenize).
func shortWord(w string, up, low uint64, elong bool, a *arena) (norm string, f uint8) {
	n := len(w)
	norm = w
	if up != 0 {
		valid := uint64(1)<<(8*n) - 1
		norm = a.word(low&valid, n) // low's bytes are w's lowered: no byte loop
		f = caseFlags(bits.OnesCount64(inRange(low&^highBits, 'a', 'z')&valid), bits.OnesCount64(up), up)
	}
	if elong {
		norm, _ = reduceElongationASCII(norm, a)
		f |= wfElong
	}
	return norm, f
}

// caseFlags returns wfUpper for a word of letters letters, at least
// two, all of them among its upper upper-case ones, and wfTitle when its
// first byte is upper case (up has the high bit of each upper-case byte
// of the word's first 8, little-endian).
func caseFlags(letters, upper int, up uint64) (f uint8) {
	if letters >= 2 && upper == letters {
		f |= wfUpper
	}
	if up&0x80 != 0 { // the first byte is a letter
		f |= wfTitle
	}
	return f
}

// wordWide returns the end, Norm and flags (see wfElong) of the word at
// s[i] when it has 8 to 14 ASCII letters and digits, 16 bytes of s from
// i and an ASCII byte other than an apostrophe after it, else end 0
// (wordFast then takes it); x holds its first 8 bytes. They are what
// wordFast gives, from two 8-byte loads without a byte loop: capitals
// ("Amsterdam", "Vanochtend") are lowered in the loads' registers and
// stored into a by two 8-byte stores.
func wordWide(s string, i int, x uint64, a *arena) (end int, norm string, f uint8) {
	if i+16 > len(s) {
		return 0, "", 0
	}
	y := le.Uint64At(s, i+8)
	n := 8 + bits.TrailingZeros64(^wordBytes(y)&highBits)>>3 // 16 when none stops
	end = i + n
	if n > 14 || byteClass[s[end]]&clEnd == 0 {
		return 0, "", 0
	}
	// the bytes are letters and digits: below 0x80
	valid := uint64(1)<<(8*(n-8)) - 1
	up, up2 := inRange(x, 'A', 'Z'), inRange(y&^highBits, 'A', 'Z')&valid
	low, low2 := x|up>>2, (y|up2>>2)&valid
	// three equal bytes in a row among the first 8 or the last 8 (n <=
	// 14: every triple lies in one of them), of the lowered bytes
	z := le.Uint64At(s, end-8)
	elong := triple8(low, 8) || triple8(z|inRange(z, 'A', 'Z')>>2, 8)
	norm = s[i:end]
	if up|up2 != 0 {
		b := a.take(16)[:16]
		binary.LittleEndian.PutUint64(b, low)
		binary.LittleEndian.PutUint64(b[8:], low2)
		norm = a.str(b[:n])
		f = caseFlags(bits.OnesCount64(inRange(low, 'a', 'z'))+bits.OnesCount64(inRange(low2, 'a', 'z')),
			bits.OnesCount64(up)+bits.OnesCount64(up2), up)
	}
	if elong {
		norm, _ = reduceElongationASCII(norm, a)
		f |= wfElong
	}
	return end, norm, f
}

// Flags of a word from wordFast.
const (
	wfElong = 1 << iota // Token.Elongated
	wfUpper             // Token.Upper
	wfTitle             // Token.Title
)

// wordFast scans the word at s[i:], whose first byte is an ASCII letter
// (Tokenize has found and normalised words of up to 7 bytes from one load
// already: this is the byte loop for the others),
// and when the whole word is ASCII returns its end, Norm and flags (see
// wfElong). It returns end 0 when the word runs into a non-ASCII byte (the
// general path then handles it). The token is what the general path gives:
// the word ends as there (letters and digits, an apostrophe only between
// letters), and Norm, Elongated, Title and Upper are as wordASCII sets them.
func wordFast(s string, i int, a *arena) (end int, norm string, f uint8) {
	j := i
	var acc uint16 // the classes of the word's bytes, or-ed
	apos := false
	for {
		for j < len(s) {
			cl := byteClass[s[j]]
			if cl&(clLetter|clDigit) == 0 {
				break
			}
			acc |= cl
			j++
		}
		// apostrophe inside a word: auto's, zo'n
		if j+1 < len(s) && s[j] == '\'' {
			n := s[j+1]
			if n >= utf8.RuneSelf {
				return 0, "", 0 // a non-ASCII letter may follow
			}
			if asciiClass[n]&clLetter != 0 {
				apos = true
				j++
				continue
			}
		}
		break
	}
	if j < len(s) && s[j] >= utf8.RuneSelf {
		return 0, "", 0 // the word may go on with a non-ASCII letter
	}
	w := s[i:j]
	if acc&clUpper != 0 || apos {
		var t Token
		wordASCII(&t, w, a)
		if t.Elongated {
			f |= wfElong
		}
		if t.Upper {
			f |= wfUpper
		}
		if t.Title {
			f |= wfTitle
		}
		return j, t.Norm, f
	}
	// lower-case letters and digits only: Norm is w, reduced if three
	// equal bytes follow each other; neither Upper nor Title
	if triple(s, i, j) {
		w, _ = reduceElongationASCII(w, a)
		return j, w, wfElong
	}
	return j, w, 0
}

// Bytes of a uint64 for byte-parallel (SWAR) tests.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// inRange returns the high bit of each byte b of x7 (all bytes below
// 0x80) with lo <= b <= hi (0x30 <= lo <= hi <= 0x7a): b+0x80-lo and
// b+0x7f-hi carry into no other byte.
func inRange(x7 uint64, lo, hi byte) uint64 {
	ge := x7 + lowBits*uint64(0x80-lo)
	gt := x7 + lowBits*uint64(0x7f-hi)
	return ge &^ gt & highBits
}

// eqBytes returns the high bit of each byte of x that equals c (exact:
// no borrow from byte to byte).
func eqBytes(x uint64, c byte) uint64 {
	v := x ^ lowBits*uint64(c)
	return ^((v&^highBits + ^uint64(highBits)) | v) & highBits // the low 7 bits carry into the high one unless all 0
}

// wordBytes returns the high bit of each byte of x that is an ASCII
// letter or digit (clLetter|clDigit).
func wordBytes(x uint64) uint64 {
	// inRange of the folded bytes for 'a'..'z' and of the bytes for
	// '0'..'9', written out so that the function inlines
	x7 := x &^ highBits
	y := x7 | 0x2020202020202020
	letter := (y + lowBits*(0x80-'a')) &^ (y + lowBits*(0x7f-'z'))
	digit := (x7 + lowBits*(0x80-'0')) &^ (x7 + lowBits*(0x7f-'9'))
	return (letter | digit) & highBits &^ x
}

// wordStop returns the high bit of the first byte of x that is not an
// ASCII letter or digit (0 when there is none), and maybe of bytes after
// it: the sums' carries out of a byte of 0x80 or more reach the bytes
// above it, which is why wordBytes clears the high bits first. words
// uses only the lowest bit, which is exact: no byte below it carries.
func wordStop(x uint64) uint64 {
	y := x | caseBits
	letter := (y + lowBits*(0x80-'a')) &^ (y + lowBits*(0x7f-'z'))
	digit := (x + lowBits*(0x80-'0')) &^ (x + lowBits*(0x7f-'9'))
	return (x | ^(letter | digit)) & highBits
}

// tagStop returns the high bit of the first byte of x that is not a
// small ASCII letter, a digit or '_' (0 when there is none), and maybe of
// bytes after it (see wordStop).
func tagStop(x uint64) uint64 {
	letter := (x + lowBits*(0x80-'a')) &^ (x + lowBits*(0x7f-'z'))
	digit := (x + lowBits*(0x80-'0')) &^ (x + lowBits*(0x7f-'9'))
	return (x | ^(letter | digit | eqBytes(x, '_'))) & highBits
}

// lowerBytes returns the high bit of each byte of x that is a lower-case
// ASCII letter or a digit.
func lowerBytes(x uint64) uint64 {
	x7 := x &^ highBits
	letter := (x7 + lowBits*(0x80-'a')) &^ (x7 + lowBits*(0x7f-'z'))
	digit := (x7 + lowBits*(0x80-'0')) &^ (x7 + lowBits*(0x7f-'9'))
	return (letter | digit) & highBits &^ x
}

// triple8 reports whether three equal bytes follow each other in the
// first n (at most 8) bytes of x.
func triple8(x uint64, n int) bool {
	// byte k of v is 0 iff bytes k, k+1 and k+2 are equal; bytes from n-2
	// on are set, they reach past the word (all for n < 3)
	v := (x ^ x>>8) | (x ^ x>>16) | ^uint64(0)<<(8*max(n-2, 0))
	return (v-lowBits)&^v&highBits != 0
}

// triple reports whether three equal bytes follow each other in s[i:j].
// A word of 3 to 8 bytes with 8 bytes of s from i is tested in a few word
// operations (no loop whose exit the CPU mispredicts once per word).
func triple(s string, i, j int) bool {
	n := j - i
	if n < 3 {
		return false
	}
	if n <= 8 && i+8 <= len(s) {
		x := le.Uint64At(s, i)
		// byte k of v is 0 iff s[i+k] == s[i+k+1] == s[i+k+2]; bytes from
		// n-2 on are set, they reach past the word
		v := (x ^ x>>8) | (x ^ x>>16) | ^uint64(0)<<(8*(n-2))
		return (v-0x0101010101010101)&^v&0x8080808080808080 != 0
	}
	for k := i + 2; k < j; k++ {
		if s[k] == s[k-1] && s[k] == s[k-2] {
			return true
		}
	}
	return false
}

// reduceElongationASCII is reduceElongation for an ASCII s.
func reduceElongationASCII(s string, a *arena) (string, bool) {
	run := 0
	changed := false
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			run++
			if run >= 3 {
				changed = true
				break
			}
		} else {
			run = 1
		}
	}
	if !changed {
		return s, false
	}
	b := a.take(len(s))
	run = 0
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			run++
		} else {
			run = 1
		}
		if run <= 2 {
			b = append(b, s[i])
		}
	}
	return a.str(b), true
}

// reduceElongation collapses runs of three or more identical letters to
// two ("superrrr" → "superr", "jaaaa" → "jaa") and reports whether it did.
func reduceElongation(s string, a *arena) (string, bool) {
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
	b := a.take(len(s)) // the runes of s, less some
	run, prev = 0, -1
	for _, r := range s {
		if r == prev {
			run++
		} else {
			prev, run = r, 1
		}
		if run <= 2 {
			b = utf8.AppendRune(b, r)
		}
	}
	return a.str(b), true
}

// Fold returns the matching form of s: NFC, width-folded, lower-cased, with
// diacritics and apostrophes removed. ASCII input takes a fast path without
// allocation when it is already lower case.
func Fold(s string) string { return fold(s, nil) }

// fold is Fold with the folded string's bytes from a (see arena).
func fold(s string, a *arena) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if out, ok := foldLatin(s, i, a); ok {
				return out
			}
			return foldSlow(s)
		}
	}
	return foldASCII(s, a)
}

// foldASCII is Fold for an ASCII s.
func foldASCII(s string, a *arena) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c >= 'A' && c <= 'Z') || c == '\'' {
			return lowerASCII(s, a)
		}
	}
	return s
}

// lowerASCII is foldASCII for an ASCII s known to need folding (an upper
// case letter or an apostrophe).
func lowerASCII(s string, a *arena) string {
	b, _ := AppendFoldASCII(a.take(len(s)), s)
	return a.str(b)
}

// AppendFoldASCII appends Fold(s) to dst when s is ASCII (lower case,
// apostrophes dropped) and reports whether it was; for other text it
// returns dst unchanged and false. It lets a caller fold into a buffer
// of its own (on the stack) where Fold would allocate.
func AppendFoldASCII(dst []byte, s string) ([]byte, bool) {
	n := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst[:n], false
		}
		if c == '\'' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// toLower is strings.ToLower(s) with an ASCII s tested 8 bytes at a time
// (strings.ToLower's byte loop mispredicts several times a URL) and
// lowered in a.
func toLower(s string, a *arena) string {
	upper := false
	k := 0
	for ; k+8 <= len(s); k += 8 {
		x := le.Uint64At(s, k)
		if x&highBits != 0 {
			return strings.ToLower(s)
		}
		upper = upper || inRange(x, 'A', 'Z') != 0
	}
	if k < len(s) {
		x := loadTail(s, k)
		if x&highBits != 0 {
			return strings.ToLower(s)
		}
		upper = upper || inRange(x, 'A', 'Z') != 0
	}
	if !upper {
		return s
	}
	b := a.take(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return a.str(b)
}

// latinMax bounds the runes that foldLatin folds through a table: below
// it no rune is a combining mark or the second part of a composition, so
// folding s rune by rune gives what the transform chain gives for s.
const latinMax = 0x250

// latinFold holds foldSlow(string(r)) for r in [0x80, latinMax).
var latinFold = sync.OnceValue(func() *[latinMax - utf8.RuneSelf]string {
	var t [latinMax - utf8.RuneSelf]string
	for r := rune(utf8.RuneSelf); r < latinMax; r++ {
		t[r-utf8.RuneSelf] = foldSlow(string(r))
	}
	return &t
})

// foldLatin folds s, whose first non-ASCII byte is at i, when every rune
// of s is valid and below latinMax; ok is false otherwise.
func foldLatin(s string, i int, a *arena) (out string, ok bool) {
	for j := i; j < len(s); {
		c := s[j]
		if c < utf8.RuneSelf {
			j++
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[j:])
		if r >= latinMax || (r == utf8.RuneError && sz <= 1) {
			return "", false
		}
		j += sz
	}
	tab := latinFold()
	// a rune of two bytes folds to at most three (U+023A Ⱥ to ⱥ)
	b := a.take(len(s) + len(s)/2)
	for j := 0; j < len(s); {
		c := s[j]
		if c < utf8.RuneSelf {
			if c != '\'' && c != '`' { // the chain removes both
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				b = append(b, c)
			}
			j++
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[j:])
		b = append(b, tab[r-utf8.RuneSelf]...)
		j += sz
	}
	return a.str(b), true
}

// foldSlow is Fold through the transform chain.
func foldSlow(s string) string {
	t := foldPool.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, s)
	foldPool.Put(t)
	if err != nil {
		out = strings.ToValidUTF8(s, "")
	}
	return strings.ToLower(out)
}

// foldPool holds fold chains: transformers are stateful, so each call takes
// its own from the pool.
var foldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, width.Fold, runes.Remove(runes.In(unicode.Mn)), runes.Remove(runes.Predicate(isApostrophe)), norm.NFC)
}}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }

// arena holds the bytes of the Norm strings that Tokenize calls fold
// (capitalised words, elongated words, hashtags, words with diacritics):
// one allocation for many of them instead of one per word. A string's
// bytes are never written again once it is returned: each takes the
// bytes past those of the strings before it, so that an arena with room
// left can serve the next call too. Tokenize and TokenizeKeys take their
// arena from arenaPool and put it back (the synthetic posts' Norms take
// about 15 bytes a post: one allocation in some 30 posts instead of one
// a post); a Norm keeps its arena from being freed (pooledSize bytes,
// shared with other calls' Norms). The nil arena allocates each string
// on its own (Fold).
type arena struct {
	buf  []byte       // the bytes taken (len) and the arena's end (cap)
	size int          // the size of a new arena
	pool *pooledArena // the pooled arena that buf's is kept in after the call, or nil
	use  bool         // new arenas come from arenaPool (Tokenize, TokenizeKeys)

	// keys, when not nil, is the array of words' keys (see words)
	keys unsafe.Pointer
}

// pooledArena holds the buffer of an arena between calls.
type pooledArena struct{ buf []byte }

// arenaPool holds the arenas that calls left with room.
var arenaPool = sync.Pool{New: func() any { return new(pooledArena) }}

// pooledSize is the size of the arenas that Tokenize allocates, arenaMax
// that of TokenizeKeysScratch's when its scratch is full.
const (
	pooledSize = 512
	arenaMax   = 128
)

// take returns space for a string of up to n bytes: len 0, cap n.
func (a *arena) take(n int) []byte {
	if a == nil {
		return make([]byte, 0, n)
	}
	if cap(a.buf)-len(a.buf) < n {
		a.refill(n)
	}
	return a.buf[len(a.buf) : len(a.buf) : len(a.buf)+n]
}

// grow makes room for words' two 8-byte stores.
func (a *arena) grow() { a.refill(16) }

// refill replaces a's buffer, which has less than n bytes of room, by one
// with n (the strings in the old one keep their bytes): on a pooled
// arena's first call, the pooled buffer if it has room.
func (a *arena) refill(n int) {
	if a.use && a.pool == nil {
		a.pool = arenaPool.Get().(*pooledArena)
		if b := a.pool.buf; cap(b)-len(b) >= n {
			a.buf = b
			return
		}
	}
	a.buf = make([]byte, 0, max(n, a.size))
}

// release puts a pooled arena's buffer back into arenaPool for later
// calls (after the call's last string).
func (a *arena) release() {
	if a.pool != nil {
		a.pool.buf = a.buf
		arenaPool.Put(a.pool)
	}
}

// word returns the first n (at most 8) bytes of x, little-endian, as a
// string in a, stored by one 8-byte store (the bytes past n are not kept).
func (a *arena) word(x uint64, n int) string {
	b := a.take(8)[:8]
	binary.LittleEndian.PutUint64(b, x)
	return a.str(b[:n])
}

// str returns b, space from take filled with a string's bytes (appended
// within its capacity), as a string, and keeps the bytes in the arena.
func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if a != nil && len(b) <= cap(a.buf)-len(a.buf) {
		// (a longer b, which append moved out of the arena, keeps no
		// arena bytes: reduceElongation of invalid UTF-8)
		a.buf = a.buf[:len(a.buf)+len(b)]
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
