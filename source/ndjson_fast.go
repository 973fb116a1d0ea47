package source

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/internal/le"
)

// Fast path of NewNDJSON.
//
// encoding/json decodes a line of the own format at about 50 MB/s: it
// validates the whole line, then walks it again with reflection, and
// allocates every string, pointer and slice apart. ndjsonScanner decodes
// the fixed schema of Post in one pass without reflection: the line is a
// string (cut from a chunk of whole lines, see ndjsonLines) and every
// string field without escapes is a substring of it (the chunk's bytes
// are never written again, so posts may be kept);
// Geo, Place, Ref, Report, Tags and Mentions come from small arenas shared
// by consecutive posts. A post costs about 0.5 allocation instead of 19.
//
// Where the time goes, and how it is kept short (per post of the
// pipeline's lines; see the package doc for the figures):
//   - Members in Encoder's order take straight-line code (post,
//     authorObject, engagementObject): one 16-byte window per member,
//     compared with a pattern per expected field that holds the comma,
//     the key and the value's first byte, so that the separator, the key
//     and the value's opening byte cost one comparison, and every field,
//     present or absent, is a branch of its own that the predictor
//     learns. Other members take the general loop (member, members).
//   - Strings: a short plain ASCII string is found in its first 16
//     bytes (strFrom, unplain8), others by strEnd 8 bytes at a time,
//     which checks the UTF-8 of the multi-byte runes it meets;
//     plain strings are substrings of the block.
//   - Constants: a known platform or kind is compared with the one
//     constant its first bytes hash to, as two words (platformFrom,
//     kindFrom), and a two-letter lang is read from the key's window.
//   - Times: dateCache reads the fixed form as three words and keeps the
//     day number of the last date.
//   - Lines: decodeLead decodes a compact line straight from its block
//     and learns its end from the scan, instead of a search for the
//     newline and a trim first.
//
// The fast path yields exactly what encoding/json would, or gives up: on
// anything it does not handle the same way (a syntax or type error, a
// duplicate key, a key matching a field only case-insensitively, escapes
// in keys or times, null inside arrays, arrays of the wrong length,
// numbers encoding/json rejects, time forms beyond the strict RFC 3339 of
// time.Time.UnmarshalJSON) it returns false and the line is decoded again
// by the encoding/json path (ndjsonPost), which then also produces the
// same rejection reason and message as before. FuzzNDJSONFast checks the
// equality on arbitrary lines.
type ndjsonScanner struct {
	s    string   // the current line, or block (decodeLead): fields are substrings of it
	i    int      // read position in s
	strs []string // scratch: tags, then mentions
	esc  []byte   // scratch: unescaped string

	dates dateCache // the date of the last time read

	// Append-only arenas shared by the posts of several lines, so that a
	// post costs about one allocation (its line) in all: elements handed
	// out are never written again, and every slice handed out has its
	// capacity cut at its length. A post kept by the caller keeps its
	// line and at most 16 values of each pointed-to type and 64 strings.
	geos    []orb.Point // unused Geo values
	places  []Place     // unused Place values
	refs    []Ref       // unused Ref values
	reports []Report    // unused Report values
	strArr  []string    // spare capacity: backing of Tags and Mentions
}

// take hands out the next zero element of an arena, allocating a chunk of
// 16 when it is used up.
func take[T any](arena *[]T) *T {
	if len(*arena) == 0 {
		*arena = make([]T, 16)
	}
	v := &(*arena)[0]
	*arena = (*arena)[1:]
	return v
}

// Field names of each object of the schema, in the order Encoder writes
// them. They are also the names of the case-insensitive match of
// encoding/json: an unknown key that matches one of these only when case
// is folded is left to the slow path.
var (
	ndjsonPostKeys       = newKeySet("id", "platform", "kind", "url", "text", "lang", "created", "author", "geo", "place", "engagement", "ref", "tags", "mentions", "report")
	ndjsonAuthorKeys     = newKeySet("key", "handle", "raw_id", "location", "followers", "verified", "official")
	ndjsonPlaceKeys      = newKeySet("name", "full_name", "type", "country", "bound")
	ndjsonBoundKeys      = newKeySet("Min", "Max")
	ndjsonEngagementKeys = newKeySet("reposts", "likes", "replies", "quotes")
	ndjsonRefKeys        = newKeySet("id", "author_key")
	ndjsonReportKeys     = newKeySet("category", "code", "status", "address", "media_url")
)

// keySet holds the field names of an object and, for the expected-key
// fast path (see member), each name as it appears in compact JSON,
// quotes and colon included ("id":), packed for a comparison with one or
// two 8-byte loads.
type keySet struct {
	names []string
	pats  []keyPat
}

// keyPat is one packed `"name":`: its first 8 bytes (lo, under mask when
// shorter), its last 8 bytes (hi, when longer than 8) and its length; for
// match, also its bytes 8 to 15 (hi16 under hmask, both zero when it
// has 8 bytes or fewer).
type keyPat struct {
	lo, mask, hi uint64
	hi16, hmask  uint64
	n            int
}

// matchSep is match for a pattern whose first byte is 0: that byte must
// be sep.
func (kp *keyPat) matchSep(w0, w1, sep uint64) bool {
	return (w0&kp.mask^(kp.lo|sep))|(w1&kp.hmask^kp.hi16) == 0
}

// match reports whether the 16 bytes w0, w1 (see window) start with the
// key of kp.
func (kp *keyPat) match(w0, w1 uint64) bool {
	return (w0&kp.mask^kp.lo)|(w1&kp.hmask^kp.hi16) == 0
}

func newKeySet(names ...string) *keySet {
	ks := &keySet{names: names}
	for _, name := range names {
		ks.pats = append(ks.pats, newPat(`"`+name+`":`))
	}
	return ks
}

// newPat packs q, up to 16 bytes, as a keyPat.
func newPat(q string) keyPat {
	if len(q) > 16 {
		panic("source: key " + q + " too long for the expected-key path")
	}
	var first [8]byte
	copy(first[:], q)
	p := keyPat{lo: binary.LittleEndian.Uint64(first[:]), mask: ^uint64(0), n: len(q)}
	if len(q) < 8 {
		p.mask = 1<<(8*len(q)) - 1
	} else {
		p.hi = binary.LittleEndian.Uint64([]byte(q[len(q)-8:]))
		var second [8]byte
		copy(second[:], q[8:])
		p.hi16 = binary.LittleEndian.Uint64(second[:])
		p.hmask = 1<<(8*(len(q)-8)) - 1
	}
	return p
}

// Patterns of the ordered path of a post (see post). Each takes the
// comma before its member into it (the first, the brace), so that a
// match also stands for the separator next would read; and the first
// bytes of the usual value, the opening quote of a string or the brace
// of an object, so that the value's parser starts past them without
// checks for white space, null or the opening byte. Another value (null,
// white space) matches no pattern and takes the general loop.
var (
	cID         = newPat(`{"id":"`)
	cPlatform   = newPat(`,"platform":"`)
	cKind       = newPat(`,"kind":"`)
	cURL        = newPat(`,"url":"`)
	cText       = newPat(`,"text":"`)
	cLang       = newPat(`,"lang":"`)
	cCreated    = newPat(`,"created":"`)
	cAuthor     = newPat(`,"author":{`)
	cGeo        = newPat(`,"geo":`)
	cPlace      = newPat(`,"place":`)
	cEngagement = newPat(`,"engagement":{`)
	cRef        = newPat(`,"ref":`)
	cTags       = newPat(`,"tags":`)
	cMentions   = newPat(`,"mentions":`)
	cReport     = newPat(`,"report":`)
)

// Members of author and engagement, their first byte left to matchSep.
var (
	sKey       = newPat("\x00\"key\":\"")
	sLocation  = newPat("\x00\"location\":\"")
	sFollowers = newPat("\x00\"followers\":")
	sReposts   = newPat("\x00\"reposts\":")
	sLikes     = newPat("\x00\"likes\":")
	sReplies   = newPat("\x00\"replies\":")
	sQuotes    = newPat("\x00\"quotes\":")
)

// member reads the key of an object member of ks: the index of a known
// key in ks.names (-1 for another key, which is then k). ok is false on
// anything key leaves to the slow path.
//
// Its fast path compares the bytes at the read position with the names
// of ks from *next on, in schema order, as Encoder writes them (absent
// fields are skipped), and advances *next past a match. A match is
// exactly what key would read, so the key, colon and white space after it
// are consumed. A key costs a load and a comparison or two instead of a
// scan and a string switch. Lines of other writers (other order, white
// space, escapes) take the general path: key and a search of ks.names.
func (sc *ndjsonScanner) member(ks *keySet, next *int) (i int, k string, ok bool) {
	if b, at := sc.s, sc.i; at+8 <= len(b) {
		x := le.Uint64(b[at:])
		for j := *next; j < len(ks.pats); j++ {
			p := &ks.pats[j]
			if x&p.mask != p.lo || p.n > 8 && (at+p.n > len(b) || le.Uint64(b[at+p.n-8:]) != p.hi) {
				continue
			}
			*next = j + 1
			sc.i = at + p.n
			if sc.i < len(b) && b[sc.i] <= ' ' {
				sc.wsSlow()
			}
			return j, "", true
		}
	}
	if k, ok = sc.key(); !ok {
		return -1, "", false
	}
	return slices.Index(ks.names, k), k, true
}

// special8 flags (in the high bit of each byte) the bytes of x, 8 bytes
// read little-endian, that end the plain run of a JSON string: '"', '\\',
// control characters and non-ASCII bytes. The lowest flag is exact (no
// borrow reaches it), so it gives the position of the first such byte.
func special8(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lo * '"')
	bs := x ^ (lo * '\\')
	return ((q-lo)&^q | (bs-lo)&^bs | (x-lo*0x20)&^x | x) & hi
}

// stop8 flags (in the high bit of each byte) the bytes of x, 8 bytes
// read little-endian, that end the plain run of a JSON string but for
// non-ASCII bytes: '"', '\\' and control characters. As in special8 the
// lowest flag is exact. x^0x02 maps exactly the control characters and
// '"' (0x22 -> 0x20) below 0x21, so one comparison tests both.
func stop8(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	cq := x ^ (lo * 0x02)
	bs := x ^ (lo * '\\')
	return ((cq-lo*0x21)&^cq | (bs-lo)&^bs) & hi
}

// unplain8 is zero exactly when the 8 bytes of x (read little-endian)
// are plain ASCII of a JSON string: none is '"', '\\', a control
// character or >= 0x80. Else it flags (in the high bit of a byte) the
// bytes that are, where the lowest flag is exact (a borrow reaches only
// bytes above a flagged one). As it flags bytes >= 0x80 too, it needs
// none of stop8's masks of x's own high bits: 7 operations instead of 10.
func unplain8(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	return ((x ^ lo*0x02 - lo*0x21) | (x ^ lo*'\\' - lo) | x) & hi
}

// strEnd returns the index of the first '"', '\\' or control character
// of s at or after j (len(s) if none), and whether the bytes from j up to
// it are valid UTF-8 (false: it stopped at the first invalid sequence).
// It is one pass over the string: words of plain ASCII, the rule in a
// post's text, are passed with unplain8; at the first byte unplain8 flags
// (the lowest flag is exact) the string ends when that byte is ASCII,
// else the multi-byte rune there is decoded, which checks it as
// utf8.ValidString would (a valid rune holds no ASCII byte, so no stop
// byte is passed over), and the words go on after it. (A search for the
// end 8 bytes at a time that ORed the words together, and then a second
// pass of validUTF8 over the strings with a byte >= 0x80, cost more
// instructions and mispredicted more.) TestStrEnd compares it with a byte
// loop and utf8.ValidString.
func strEnd(s string, j int) (int, bool) {
	t := s[j:]
	for len(t) >= 8 {
		x := le.Uint64(t)
		u := unplain8(x)
		if u == 0 {
			t = t[8:]
			continue
		}
		k := bits.TrailingZeros64(u) >> 3
		if byte(x>>(8*k&63)) < utf8.RuneSelf {
			return len(s) - len(t) + k, true
		}
		r, size := utf8.DecodeRuneInString(t[k:])
		if r == utf8.RuneError && size == 1 {
			return len(s) - len(t) + k, false
		}
		t = t[k+size:]
	}
	for len(t) > 0 {
		if c := t[0]; c < utf8.RuneSelf {
			if !strPlain[c] {
				break
			}
			t = t[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(t)
		if r == utf8.RuneError && size == 1 {
			return len(s) - len(t), false
		}
		t = t[size:]
	}
	return len(s) - len(t), true
}

// strPlain marks the bytes that may appear unescaped in a JSON string and
// need no further check: printable ASCII but '"' and '\\'.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// decodeString decodes line as a post. ok is false when the line must go
// to the encoding/json path. The post is not yet normalized. Every plain
// string field is a substring of line, so a kept Post retains the
// line's string: its own copy of the line, or the block of lines it was
// cut from (see ndjsonLines).
func (sc *ndjsonScanner) decodeString(line string, p *Post) (ok bool) {
	sc.s, sc.i = line, 0
	sc.strs = sc.strs[:0]
	if !sc.post(p) {
		return false
	}
	sc.ws()
	return sc.i == len(sc.s)
}

// decodeLead decodes the first line of block, a block of whole lines
// (see ndjsonLines), as decodeString decodes it as a line, without
// looking for its end first: it returns the line's length with its
// newline, or 0 when the line must take the line path (it does not start
// with '{', the scanner gives up, or the object is followed by anything
// but spaces, tabs and carriage returns before the newline, such as
// white space strings.TrimSpace trims and the scanner does not skip).
//
// The scanner never reads past the end of the line: the strings, keys,
// numbers and literals of a line hold no newline (a raw control
// character ends a string), and ws does not skip one.
func (sc *ndjsonScanner) decodeLead(block string, p *Post) int {
	if block == "" || block[0] != '{' {
		return 0
	}
	sc.s, sc.i = block, 0
	sc.strs = sc.strs[:0]
	if !sc.post(p) {
		return 0
	}
	i := sc.i
	for i < len(block) && (block[i] == ' ' || block[i] == '\t' || block[i] == '\r') {
		i++
	}
	if i >= len(block) || block[i] != '\n' {
		return 0
	}
	return i + 1
}

// once records field bit k in seen and reports whether it was new.
func once(seen *uint32, k uint) bool {
	b := uint32(1) << k
	if *seen&b != 0 {
		return false
	}
	*seen |= b
	return true
}

// knownPlatform and knownKind return the package's constant when v
// equals one, so that a Post's platform and kind, which aggregates keep
// as keys, do not keep the line they were read from alive.
//
// A small hash of the length and one byte picks the one constant to
// compare with (a switch on the length mispredicted).
func knownPlatform(v string) Platform {
	if v != "" {
		if c := platformByHash[(len(v)*3+int(v[0]))&15]; string(c) == v {
			return c
		}
	}
	return Platform(v)
}

func knownKind(v string) Kind {
	if c := kindConst(v); c != "" {
		return c
	}
	return Kind(v)
}

// kindConst returns the Kind constant equal to v, or "" when there is
// none.
func kindConst(v string) Kind {
	if len(v) >= 2 {
		if c := kindByHash[(len(v)*3+int(v[len(v)-2]))&15]; string(c) == v {
			return c
		}
	}
	return ""
}

// A constPat is a string constant as a JSON string's rest after its
// opening quote: its bytes and the closing quote, packed as a keyPat.
type constPat[T ~string] struct {
	p keyPat
	c T
}

// constPats packs cs at their hashes h (none may collide). The slots no
// constant takes hold the first one: a match is still right there.
func constPats[T ~string](h func(w0 uint64) int, cs ...T) (t [16]constPat[T]) {
	var used [16]bool
	for _, c := range cs {
		q := string(c) + `"`
		k := h(le.Uint64(q + "\x00\x00\x00\x00\x00\x00\x00\x00"))
		if used[k] {
			panic("source: constants " + string(c) + " and " + string(t[k].c) + " collide")
		}
		used[k], t[k] = true, constPat[T]{newPat(q), c}
	}
	for k := range t {
		if !used[k] {
			t[k] = t[0]
			if !used[0] {
				t[k] = constPat[T]{newPat(string(cs[0]) + `"`), cs[0]}
			}
		}
	}
	return t
}

// platformPats and kindPats hold the platform and kind constants at a
// hash of their first bytes, for platformFrom and kindFrom: the first
// byte of a platform, the sum of the fourth and fifth bytes (the closing
// quote of "post" included) of a kind.
var (
	platformPats = constPats(platformHash,
		PlatformTwitter, PlatformMastodon, PlatformBluesky, PlatformOpen311, PlatformNews, PlatformCSV)
	kindPats = constPats(kindHash,
		KindPost, KindReply, KindRepost, KindQuote, KindArticle, KindReport)
)

func platformHash(w0 uint64) int { return int(w0 & 15) }
func kindHash(w0 uint64) int     { return int(byte(w0>>24)+byte(w0>>32)) & 15 }

// platformFrom reads the rest of a platform string whose first byte is
// at start. A known platform is one comparison of the 16 bytes there
// with the one constant its first byte hashes to: no search for the
// quote and no string comparison (strShortFrom and knownPlatform, the
// way of other values, cost four times as much and called memequal).
func (sc *ndjsonScanner) platformFrom(p *Platform, start int) bool {
	if s := sc.s; start >= 0 && start <= len(s)-16 {
		w := s[start : start+16]
		w0, w1 := le.Uint64(w), le.Uint64(w[8:])
		if c := &platformPats[platformHash(w0)]; c.p.match(w0, w1) {
			*p, sc.i = c.c, start+c.p.n
			return true
		}
	}
	var v string
	if !sc.strShortFrom(&v, start) {
		return false
	}
	*p = knownPlatform(v)
	return true
}

// kindFrom is platformFrom for a kind.
func (sc *ndjsonScanner) kindFrom(k *Kind, start int) bool {
	if s := sc.s; start >= 0 && start <= len(s)-16 {
		w := s[start : start+16]
		w0, w1 := le.Uint64(w), le.Uint64(w[8:])
		if c := &kindPats[kindHash(w0)]; c.p.match(w0, w1) {
			*k, sc.i = c.c, start+c.p.n
			return true
		}
	}
	var v string
	if !sc.strShortFrom(&v, start) {
		return false
	}
	*k = knownKind(v)
	return true
}

// platformByHash and kindByHash hold the constants at the hashes of
// knownPlatform and kindConst (no two collide: see
// TestNDJSONKnownValuesAreConstants).
var (
	platformByHash = func() (t [16]Platform) {
		for _, c := range [...]Platform{PlatformTwitter, PlatformMastodon, PlatformBluesky, PlatformOpen311, PlatformNews, PlatformCSV} {
			t[(len(c)*3+int(c[0]))&15] = c
		}
		return t
	}()
	kindByHash = func() (t [16]Kind) {
		for _, c := range [...]Kind{KindPost, KindReply, KindRepost, KindQuote, KindArticle, KindReport} {
			t[(len(c)*3+int(c[len(c)-2]))&15] = c
		}
		return t
	}()
)

// Indices of the members of a post in ndjsonPostKeys.
const (
	fID = iota
	fPlatform
	fKind
	fURL
	fText
	fLang
	fCreated
	fAuthor
	fGeo
	fPlace
	fEngagement
	fRef
	fTags
	fMentions
	fReport
)

// window returns the 16 bytes at the read position as two little-endian
// words for keyPat.match. Near the end of the line the bytes past it
// read as zeros, which are in no key; with fewer than 8 bytes left it
// returns zeros, which match no key.
func (sc *ndjsonScanner) window() (w0, w1 uint64) {
	b, i := sc.s, sc.i
	if i >= 0 && i <= len(b)-16 {
		w := b[i : i+16]
		return le.Uint64(w), le.Uint64(w[8:])
	}
	if i < 0 || i > len(b)-8 {
		return 0, 0
	}
	// The last 8 bytes, shifted down to start at i+8.
	return le.Uint64(b[i:]), le.Uint64(b[len(b)-8:]) >> (8 * (16 - (len(b) - i)))
}

// skipKey consumes a key of n bytes that match found at the read
// position, and the white space after it, as member does.
func (sc *ndjsonScanner) skipKey(n int) {
	sc.i += n
	sc.ws()
}

// post decodes the members of a post object.
//
// Ordered path: Encoder writes the members in schema order and leaves
// out the empty ones, so the code below tries each key once, in that
// order, in straight-line code: every present or absent field is a
// branch of its own, which the branch predictor learns (a loop over the
// keys and a switch on the one found mispredicted several times a post).
// The first member out of that order (an unknown key, another order,
// white space before a key) ends it; the general loop below goes on from
// there with what it has seen, so any line decodes as before.
func (sc *ndjsonScanner) post(p *Post) bool {
	var (
		seen           uint32
		nTags, nMents  = -1, -1 // -1: absent or null
		tagsAt, mentAt int
		next           int // the index of the next key member expects
	)
	w0, w1 := sc.window()
	if cID.match(w0, w1) {
		if !sc.strFrom(&p.ID, sc.i+cID.n) {
			return false
		}
		seen, next = 1<<fID, fID+1
		w0, w1 = sc.window()
	} else {
		w0, w1 = 0, 0 // no brace read: no comma pattern may match (a line may start with one)
	}
	if cPlatform.match(w0, w1) {
		if !sc.platformFrom(&p.Platform, sc.i+cPlatform.n) {
			return false
		}
		seen, next = seen|1<<fPlatform, fPlatform+1
		w0, w1 = sc.window()
	}
	if cKind.match(w0, w1) {
		if !sc.kindFrom(&p.Kind, sc.i+cKind.n) {
			return false
		}
		seen, next = seen|1<<fKind, fKind+1
		w0, w1 = sc.window()
	}
	if cURL.match(w0, w1) {
		if !sc.strFrom(&p.URL, sc.i+cURL.n) {
			return false
		}
		seen, next = seen|1<<fURL, fURL+1
		w0, w1 = sc.window()
	}
	if cText.match(w0, w1) {
		if !sc.strFrom(&p.Text, sc.i+cText.n) {
			return false
		}
		seen, next = seen|1<<fText, fText+1
		w0, w1 = sc.window()
	}
	if cLang.match(w0, w1) {
		if !sc.lang2(&p.Lang, w1) && !sc.strShortFrom(&p.Lang, sc.i+cLang.n) {
			return false
		}
		seen, next = seen|1<<fLang, fLang+1
		w0, w1 = sc.window()
	}
	if cCreated.match(w0, w1) {
		if !sc.timeFrom(&p.Created, sc.i+cCreated.n) {
			return false
		}
		seen, next = seen|1<<fCreated, fCreated+1
		w0, w1 = sc.window()
	}
	if cAuthor.match(w0, w1) {
		sc.i += cAuthor.n - 1 // at the brace
		if !sc.authorObject(&p.Author) {
			return false
		}
		seen, next = seen|1<<fAuthor, fAuthor+1
		w0, w1 = sc.window()
	}
	if cGeo.match(w0, w1) {
		sc.skipKey(cGeo.n)
		if !optional(sc, &sc.geos, &p.Geo, sc.point) {
			return false
		}
		seen, next = seen|1<<fGeo, fGeo+1
		w0, w1 = sc.window()
	}
	if cPlace.match(w0, w1) {
		sc.skipKey(cPlace.n)
		if !optional(sc, &sc.places, &p.Place, sc.place) {
			return false
		}
		seen, next = seen|1<<fPlace, fPlace+1
		w0, w1 = sc.window()
	}
	if cEngagement.match(w0, w1) {
		sc.i += cEngagement.n - 1 // at the brace
		if !sc.engagementObject(&p.Engagement) {
			return false
		}
		seen, next = seen|1<<fEngagement, fEngagement+1
		w0, w1 = sc.window()
	}
	if cRef.match(w0, w1) {
		sc.skipKey(cRef.n)
		if !optional(sc, &sc.refs, &p.Ref, sc.ref) {
			return false
		}
		seen, next = seen|1<<fRef, fRef+1
		w0, w1 = sc.window()
	}
	if cTags.match(w0, w1) {
		sc.skipKey(cTags.n)
		if !sc.list(&tagsAt, &nTags) {
			return false
		}
		seen, next = seen|1<<fTags, fTags+1
		w0, w1 = sc.window()
	}
	if cMentions.match(w0, w1) {
		sc.skipKey(cMentions.n)
		if !sc.list(&mentAt, &nMents) {
			return false
		}
		seen, next = seen|1<<fMentions, fMentions+1
		w0, w1 = sc.window()
	}
	if cReport.match(w0, w1) {
		sc.skipKey(cReport.n)
		if !optional(sc, &sc.reports, &p.Report, sc.report) {
			return false
		}
		seen, next = seen|1<<fReport, fReport+1
	}
	// The end of the ordered members, or the first member out of order.
	more, ok := false, true
	if next == 0 || !sc.closeBrace() {
		more, ok = sc.endOrdered(next)
	}
	if !ok {
		return false
	}
	// Members out of that order take the general loop.
	for more {
		var (
			i int
			k string
		)
		if i, k, ok = sc.member(ndjsonPostKeys, &next); !ok {
			return false
		}
		if i < 0 {
			ok = sc.unknown(k, ndjsonPostKeys.names)
		} else if ok = once(&seen, uint(i)); ok {
			switch i {
			case fID:
				ok = sc.str(&p.ID)
			case fPlatform:
				var v string
				ok = sc.str(&v)
				p.Platform = knownPlatform(v)
			case fKind:
				var v string
				ok = sc.str(&v)
				p.Kind = knownKind(v)
			case fURL:
				ok = sc.str(&p.URL)
			case fText:
				ok = sc.str(&p.Text)
			case fLang:
				ok = sc.str(&p.Lang)
			case fCreated:
				ok = sc.time(&p.Created)
			case fAuthor:
				ok = sc.author(&p.Author)
			case fGeo:
				ok = optional(sc, &sc.geos, &p.Geo, sc.point)
			case fPlace:
				ok = optional(sc, &sc.places, &p.Place, sc.place)
			case fEngagement:
				ok = sc.engagement(&p.Engagement)
			case fRef:
				ok = optional(sc, &sc.refs, &p.Ref, sc.ref)
			case fTags:
				ok = sc.list(&tagsAt, &nTags)
			case fMentions:
				ok = sc.list(&mentAt, &nMents)
			case fReport:
				ok = optional(sc, &sc.reports, &p.Report, sc.report)
			}
		}
		if !ok {
			return false
		}
		if more, ok = sc.next('}'); !ok {
			return false
		}
	}
	// Tags and mentions share one backing array; each keeps its own
	// capacity so that appending to one never writes into the other.
	// Empty lists become nil in normalizePost.
	if n := max(nTags, 0) + max(nMents, 0); n > 0 {
		if n > cap(sc.strArr)-len(sc.strArr) {
			sc.strArr = make([]string, 0, max(64, n))
		}
		at := len(sc.strArr)
		sc.strArr = sc.strArr[:at+n]
		all := sc.strArr[at : at+n : at+n]
		w := 0
		if nTags > 0 {
			w = copy(all, sc.strs[tagsAt:tagsAt+nTags])
			p.Tags = all[:w:w]
		}
		if nMents > 0 {
			copy(all[w:], sc.strs[mentAt:mentAt+nMents])
			p.Mentions = all[w:n:n]
		}
	}
	return true
}

// optional decodes a value that may be null into a new element of arena
// and points *dst at it; null leaves *dst nil.
func optional[T any](sc *ndjsonScanner, arena *[]T, dst **T, decode func(*T) bool) bool {
	if sc.null() {
		return true
	}
	v := take(arena)
	*dst = v
	return decode(v)
}

// list scans an array of strings (or null) onto sc.strs, recording where
// it starts and its length (left -1 for null).
func (sc *ndjsonScanner) list(at, n *int) bool {
	if sc.null() {
		return true
	}
	*at = len(sc.strs)
	ok := sc.strings()
	*n = len(sc.strs) - *at
	return ok
}

// object scans an object whose known keys are keys: field(i) decodes
// the value of keys.names[i]. A known key given twice goes to the encoding/json
// path (which keeps the last); other keys are skipped as unknown.
func (sc *ndjsonScanner) object(keys *keySet, field func(i int) bool) bool {
	more, ok := sc.open('{', '}')
	return ok && (!more || sc.members(keys, 0, 0, field))
}

// members scans the members of an object from the read position (at a
// key) to its closing brace, as object does; seen and next are what an
// ordered path before it has read (see post).
func (sc *ndjsonScanner) members(keys *keySet, seen uint32, next int, field func(i int) bool) bool {
	for {
		i, k, ok := sc.member(keys, &next)
		if !ok {
			return false
		}
		if i >= 0 {
			ok = once(&seen, uint(i)) && field(i)
		} else {
			ok = sc.unknown(k, keys.names)
		}
		if !ok {
			return false
		}
		more, ok := sc.next('}')
		if !ok || !more {
			return ok
		}
	}
}

// author decodes an author object (or null).
func (sc *ndjsonScanner) author(a *Author) bool {
	return sc.null() || sc.authorObject(a)
}

// authorObject decodes an author object from the read position, at its
// opening brace (if the input is well formed). The usual members take an
// ordered path as in post; as an object's first member may be any of
// them, the patterns leave their first byte to sep: the brace until a
// member has matched, then the comma.
func (sc *ndjsonScanner) authorObject(a *Author) bool {
	var seen uint32
	next := 0
	sep := uint64('{')
	w0, w1 := sc.window()
	if sKey.matchSep(w0, w1, sep) {
		if !sc.keyFrom(&a.Key, sc.i+sKey.n) {
			return false
		}
		seen, next, sep = 1<<0, 1, ','
		w0, w1 = sc.window()
	}
	if sLocation.matchSep(w0, w1, sep) { // (handle and raw_id: below)
		if !sc.strFrom(&a.Location, sc.i+sLocation.n) {
			return false
		}
		seen, next, sep = seen|1<<3, 4, ','
		w0, w1 = sc.window()
	}
	if sFollowers.matchSep(w0, w1, sep) {
		sc.skipKey(sFollowers.n)
		if !sc.int(&a.Followers) {
			return false
		}
		seen, next = seen|1<<4, 5
	}
	if next > 0 && sc.closeBrace() {
		return true
	}
	more, ok := sc.endOrdered(next)
	return ok && (!more || sc.members(ndjsonAuthorKeys, seen, next, func(i int) bool {
		switch i {
		case 0:
			return sc.str(&a.Key)
		case 1:
			return sc.str(&a.Handle)
		case 2:
			return sc.str(&a.RawID)
		case 3:
			return sc.str(&a.Location)
		case 4:
			return sc.int(&a.Followers)
		case 5:
			return sc.bool(&a.Verified)
		}
		return sc.bool(&a.Official)
	}))
}

// endOrdered reads what follows the members an ordered path read (next
// is the index after the last, 0 for none): the opening brace when it
// read none, else the comma before the next member or the closing brace.
func (sc *ndjsonScanner) endOrdered(next int) (more, ok bool) {
	if next == 0 {
		return sc.open('{', '}')
	}
	return sc.next('}')
}

// closeBrace consumes a closing brace if one is next: the usual end of
// an object after its ordered members, tested before endOrdered in code
// that is inlined (a call of endOrdered cost 37 instructions).
func (sc *ndjsonScanner) closeBrace() bool {
	if i := sc.i; i < len(sc.s) && sc.s[i] == '}' {
		sc.i = i + 1
		return true
	}
	return false
}

// Members of place, their first byte left to matchSep.
var (
	placeStrPats = [...]keyPat{newPat("\x00\"name\":\""), newPat("\x00\"full_name\":\""), newPat("\x00\"type\":\""), newPat("\x00\"country\":\"")}
	sBound       = newPat("\x00\"bound\":")
	sMin         = newPat("\x00\"Min\":[")
	sMax         = newPat("\x00\"Max\":[")
)

// place decodes a place object, its members in Encoder's order by an
// ordered path as in authorObject (the general loop of object cost 2,700
// instructions and 30 mispredicted branches a place).
func (sc *ndjsonScanner) place(pl *Place) bool {
	var seen uint32
	next := 0
	sep := uint64('{')
	for k, dst := range [...]*string{&pl.Name, &pl.FullName, &pl.Type, &pl.Country} {
		if w0, w1 := sc.window(); placeStrPats[k].matchSep(w0, w1, sep) {
			if !sc.strFrom(dst, sc.i+placeStrPats[k].n) {
				return false
			}
			seen, next, sep = seen|1<<k, k+1, ','
		}
	}
	if w0, w1 := sc.window(); sBound.matchSep(w0, w1, sep) {
		sc.skipKey(sBound.n)
		if !sc.bound(&pl.Bound) {
			return false
		}
		seen, next = seen|1<<4, 5
	}
	if next > 0 && sc.closeBrace() {
		return true
	}
	more, ok := sc.endOrdered(next)
	return ok && (!more || sc.members(ndjsonPlaceKeys, seen, next, func(i int) bool {
		switch i {
		case 0:
			return sc.str(&pl.Name)
		case 1:
			return sc.str(&pl.FullName)
		case 2:
			return sc.str(&pl.Type)
		case 3:
			return sc.str(&pl.Country)
		}
		return sc.bound(&pl.Bound)
	}))
}

// bound decodes a bound (or null); {"Min":[...],"Max":[...]} takes an
// ordered path as in authorObject (the patterns hold the point's opening
// bracket: point starts at it).
func (sc *ndjsonScanner) bound(b *orb.Bound) bool {
	if sc.null() {
		return true
	}
	var seen uint32
	next := 0
	sep := uint64('{')
	if w0, w1 := sc.window(); sMin.matchSep(w0, w1, sep) {
		if sc.i += sMin.n - 1; !sc.point(&b.Min) {
			return false
		}
		seen, next, sep = 1<<0, 1, ','
	}
	if w0, w1 := sc.window(); sMax.matchSep(w0, w1, sep) {
		if sc.i += sMax.n - 1; !sc.point(&b.Max) {
			return false
		}
		seen, next = seen|1<<1, 2
	}
	if next > 0 && sc.closeBrace() {
		return true
	}
	more, ok := sc.endOrdered(next)
	return ok && (!more || sc.members(ndjsonBoundKeys, seen, next, func(i int) bool {
		if i == 0 {
			return !sc.null() && sc.point(&b.Min)
		}
		return !sc.null() && sc.point(&b.Max)
	}))
}

// engagement decodes the counters (or null), in order as in
// authorObject.
func (sc *ndjsonScanner) engagement(e *Engagement) bool {
	return sc.null() || sc.engagementObject(e)
}

// engagementObject decodes an engagement object from the read position,
// at its opening brace (if the input is well formed).
func (sc *ndjsonScanner) engagementObject(e *Engagement) bool {
	var seen uint32
	next := 0
	sep := uint64('{')
	w0, w1 := sc.window()
	if sReposts.matchSep(w0, w1, sep) {
		if !sc.digit1(&e.Reposts, w1, sReposts.n) {
			sc.skipKey(sReposts.n)
			if !sc.int(&e.Reposts) {
				return false
			}
		}
		seen, next, sep = 1<<0, 1, ','
		w0, w1 = sc.window()
	}
	if sLikes.matchSep(w0, w1, sep) {
		if !sc.digit1(&e.Likes, w1, sLikes.n) {
			sc.skipKey(sLikes.n)
			if !sc.int(&e.Likes) {
				return false
			}
		}
		seen, next, sep = seen|1<<1, 2, ','
		w0, w1 = sc.window()
	}
	if sReplies.matchSep(w0, w1, sep) {
		if !sc.digit1(&e.Replies, w1, sReplies.n) {
			sc.skipKey(sReplies.n)
			if !sc.int(&e.Replies) {
				return false
			}
		}
		seen, next, sep = seen|1<<2, 3, ','
		w0, w1 = sc.window()
	}
	if sQuotes.matchSep(w0, w1, sep) {
		if !sc.digit1(&e.Quotes, w1, sQuotes.n) {
			sc.skipKey(sQuotes.n)
			if !sc.int(&e.Quotes) {
				return false
			}
		}
		seen, next = seen|1<<3, 4
	}
	if next > 0 && sc.closeBrace() {
		return true
	}
	more, ok := sc.endOrdered(next)
	return ok && (!more || sc.members(ndjsonEngagementKeys, seen, next, func(i int) bool {
		return sc.int([]*int{&e.Reposts, &e.Likes, &e.Replies, &e.Quotes}[i])
	}))
}

// ref decodes a ref object. Its usual form, {"id":"..."}, takes an
// ordered path as in post (the general loop of object cost 430
// instructions and two mispredicted branches a ref).
func (sc *ndjsonScanner) ref(r *Ref) bool {
	var seen uint32
	next := 0
	if w0, w1 := sc.window(); cID.match(w0, w1) {
		if !sc.strFrom(&r.ID, sc.i+cID.n) {
			return false
		}
		if sc.closeBrace() {
			return true
		}
		seen, next = 1<<0, 1
	}
	more, ok := sc.endOrdered(next)
	return ok && (!more || sc.members(ndjsonRefKeys, seen, next, func(i int) bool {
		if i == 0 {
			return sc.str(&r.ID)
		}
		return sc.str(&r.AuthorKey)
	}))
}

func (sc *ndjsonScanner) report(r *Report) bool {
	return sc.object(ndjsonReportKeys, func(i int) bool {
		return sc.str([]*string{&r.Category, &r.Code, &r.Status, &r.Address, &r.MediaURL}[i])
	})
}

func (sc *ndjsonScanner) ws() {
	if sc.i < len(sc.s) && sc.s[sc.i] > ' ' {
		return // compact JSON: no white space
	}
	sc.wsSlow()
}

// wsSlow skips JSON white space but the newline: a line has none, and a
// block (see decodeLead) must not be read past its first line.
func (sc *ndjsonScanner) wsSlow() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r':
			sc.i++
		default:
			return
		}
	}
}

// open consumes the opening bracket of an object or array; more is false
// when the closing bracket follows at once (empty object or array).
func (sc *ndjsonScanner) open(o, c byte) (more, ok bool) {
	sc.ws()
	if sc.i >= len(sc.s) || sc.s[sc.i] != o {
		return false, false
	}
	sc.i++
	sc.ws()
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return false, true
	}
	return true, true
}

// next consumes the ',' before another member or element (more) or the
// closing bracket c.
func (sc *ndjsonScanner) next(c byte) (more, ok bool) {
	sc.ws()
	if sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ',':
			sc.i++
			return true, true
		case c:
			sc.i++
			return false, true
		}
	}
	return false, false
}

// key reads an object key and the colon after it. Keys with escapes or
// non-ASCII bytes are not handled (encoding/json matches them with Unicode
// case folding).
func (sc *ndjsonScanner) key() (string, bool) {
	// Locals instead of sc fields, and white space only looked for where
	// a byte <= ' ' is: keys are a third of the scanner's work.
	b, i := sc.s, sc.i
	if i < len(b) && b[i] <= ' ' {
		sc.wsSlow()
		i = sc.i
	}
	if i >= len(b) || b[i] != '"' {
		return "", false
	}
	start := i + 1
	j := start
	for j+8 <= len(b) {
		if m := special8(le.Uint64(b[j:])); m != 0 {
			j += bits.TrailingZeros64(m) >> 3
			goto end
		}
		j += 8
	}
	for j < len(b) && strPlain[b[j]] {
		j++
	}
end:
	if j >= len(b) || b[j] != '"' {
		return "", false
	}
	k := sc.s[start:j]
	i = j + 1
	if i < len(b) && b[i] <= ' ' {
		sc.i = i
		sc.wsSlow()
		i = sc.i
	}
	if i >= len(b) || b[i] != ':' {
		return "", false
	}
	i++
	if i < len(b) && b[i] <= ' ' {
		sc.i = i
		sc.wsSlow()
		i = sc.i
	}
	sc.i = i
	return k, true
}

// null consumes a JSON null if one is next.
func (sc *ndjsonScanner) null() bool {
	return sc.i < len(sc.s) && sc.s[sc.i] == 'n' && sc.nullLit()
}

func (sc *ndjsonScanner) nullLit() bool {
	if strings.HasPrefix(sc.s[sc.i:], "null") {
		sc.i += 4
		return true
	}
	return false
}

// unknown skips the value of a key that is no field. A key equal to a
// field name but for case would be matched by encoding/json: slow path.
func (sc *ndjsonScanner) unknown(k string, fields []string) bool {
	for _, f := range fields {
		if strings.EqualFold(k, f) {
			return false
		}
	}
	return sc.skip(0)
}

// skip validates and skips any JSON value, nested at most 64 deep.
func (sc *ndjsonScanner) skip(depth int) bool {
	if depth > 64 || sc.i >= len(sc.s) {
		return false
	}
	switch c := sc.s[sc.i]; {
	case c == '"':
		var v string
		return sc.str(&v)
	case c == '{':
		more, ok := sc.open('{', '}')
		for ok && more {
			if _, ok = sc.key(); ok && sc.skip(depth+1) {
				more, ok = sc.next('}')
			} else {
				ok = false
			}
		}
		return ok
	case c == '[':
		more, ok := sc.open('[', ']')
		for ok && more {
			if sc.skip(depth + 1) {
				more, ok = sc.next(']')
			} else {
				ok = false
			}
		}
		return ok
	case c == '-' || c >= '0' && c <= '9':
		_, _, ok := sc.number()
		return ok
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if strings.HasPrefix(sc.s[sc.i:], lit) {
				sc.i += len(lit)
				return true
			}
		}
		return false
	}
}

// str reads a JSON string into *v: a substring of the line when it has no
// escapes, else a new string unescaped as encoding/json does.
//
// strEnd looks for the end of the plain run 8 bytes at a time and checks
// the multi-byte runes it meets on the way (an invalid sequence goes to
// the slow path, where encoding/json replaces it).
func (sc *ndjsonScanner) str(v *string) bool {
	s := sc.s
	if sc.i >= len(s) || s[sc.i] != '"' {
		return sc.null() // null keeps *v; tested second, strings are the rule
	}
	return sc.strFrom(v, sc.i+1)
}

// strShortFrom is strFrom for the fields whose values are short (platform,
// kind, lang): an ASCII string that ends within its first 8 bytes takes no
// call of strEnd. (A test of the length in str itself, for all
// strings, mispredicted about once a post more than it saved.)
func (sc *ndjsonScanner) strShortFrom(v *string, start int) bool {
	s := sc.s
	if start < 0 || start+8 > len(s) {
		return sc.strFrom(v, start)
	}
	x := le.Uint64(s[start : start+8])
	if m := stop8(x); m != 0 && x&(m^(m-1))&0x8080808080808080 == 0 {
		if e := start + bits.TrailingZeros64(m)>>3; s[e] == '"' {
			*v = s[start:e]
			sc.i = e + 1
			return true
		}
	}
	return sc.strFrom(v, start)
}

// lang2 reads the value of a lang member whose pattern (cLang) matched
// the window w0, w1 when it is a two-letter code ("nl", "en", the usual
// value), which the window already holds with its closing quote (bytes
// 9 to 11 of the 16): without a load or a call (strShortFrom, which
// takes other values, cost 60 instructions). It reports whether it did.
func (sc *ndjsonScanner) lang2(v *string, w1 uint64) bool {
	if c0, c1 := byte(w1>>8), byte(w1>>16); c0-'a' < 26 && c1-'a' < 26 && byte(w1>>24) == '"' {
		start := sc.i + len(`,"lang":"`)
		*v, sc.i = sc.s[start:start+2], start+3
		return true
	}
	return false
}

// digit1 reads the value of a member whose pattern of n bytes (9 to 14)
// matched the window w0, w1 when it is one digit, the usual engagement
// counter, which the window holds at byte n with the byte after it: as
// lang2 does, without a load or a call (int cost 30 instructions with
// the skipKey before it). It reports whether it did; the value is a
// whole number literal then, as for int's one-digit path.
func (sc *ndjsonScanner) digit1(v *int, w1 uint64, n int) bool {
	x := w1 >> (8 * (n - 8) & 63)
	if d, c := byte(x)-'0', byte(x>>8); d <= 9 && c-'0' > 9 && c != '.' && c|0x20 != 'e' {
		*v, sc.i = int(d), sc.i+n+1
		return true
	}
	return false
}

// keyFrom is strFrom for author keys, which are mostly pseudonyms of 28
// bytes ("p_" and 26 base-32 characters): a key that ends there with
// none of strEnd's stop bytes and no byte >= 0x80 before it is taken
// from four loads and one branch, which the predictor learns, instead of
// strEnd's loop (the same string, as strEnd's first stop byte is then
// that quote). Anything else takes strFrom.
func (sc *ndjsonScanner) keyFrom(v *string, start int) bool {
	s := sc.s
	if e := start + 28; start >= 0 && e < len(s) && s[e] == '"' {
		w := s[start:e]
		x0, x1, x2, x3 := le.Uint64(w), le.Uint64(w[8:]), le.Uint64(w[16:]), le.Uint64(w[20:])
		if unplain8(x0)|unplain8(x1)|unplain8(x2)|unplain8(x3) == 0 {
			*v = w
			sc.i = e + 1
			return true
		}
	}
	return sc.strFrom(v, start)
}

// strFrom reads the rest of a string whose first byte (after the opening
// quote) is at start.
//
// A string whose first 16 bytes hold its closing quote after plain ASCII
// (ids, names, places: most strings but the text) is taken from two
// loads and unplain8 without a call of strEnd (about 120 instructions
// a string with it); the plain bytes found there are skipped before
// strEnd.
func (sc *ndjsonScanner) strFrom(v *string, start int) bool {
	s := sc.s
	j := start
	if start >= 0 && start <= len(s)-16 {
		w := s[start : start+16]
		u0, u1 := unplain8(le.Uint64(w)), unplain8(le.Uint64(w[8:]))
		if u0|u1 == 0 {
			j = start + 16
		} else {
			k := 8 + bits.TrailingZeros64(u1)>>3
			if u0 != 0 {
				k = bits.TrailingZeros64(u0) >> 3
			}
			if k &= 15; w[k] == '"' {
				*v = w[:k]
				sc.i = start + k + 1
				return true
			}
			j = start + k
		}
	}
	j, ok := strEnd(s, j)
	if !ok || j >= len(s) {
		return false
	}
	switch s[j] {
	case '"':
		*v = s[start:j]
		sc.i = j + 1
		return true
	case '\\':
		return sc.unescape(v, start, j)
	}
	return false // a control character
}

// unescape finishes a string with escapes, from its first backslash at j.
// It follows encoding/json's unquote: \uXXXX surrogate pairs are joined,
// lone surrogates become U+FFFD.
func (sc *ndjsonScanner) unescape(v *string, start, j int) bool {
	s := sc.s
	b := append(sc.esc[:0], s[start:j]...)
	for j < len(s) {
		c := s[j]
		switch {
		case strPlain[c]:
			b = append(b, c)
			j++
		case c == '"':
			sc.esc = b
			*v = string(b)
			sc.i = j + 1
			return true
		case c == '\\':
			if j+1 >= len(s) {
				return false
			}
			j += 2
			switch s[j-1] {
			case '"', '\\', '/':
				b = append(b, s[j-1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := hex4(s[j:])
				if r < 0 {
					return false
				}
				j += 4
				if utf16.IsSurrogate(r) {
					if j+6 <= len(s) && s[j] == '\\' && s[j+1] == 'u' {
						if r1 := hex4(s[j+2:]); r1 >= 0 {
							if dec := utf16.DecodeRune(r, r1); dec != utf8.RuneError {
								b = utf8.AppendRune(b, dec)
								j += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return false
			}
		case c < 0x20:
			return false
		default:
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			b = append(b, s[j:j+size]...)
			j += size
		}
	}
	return false
}

// hex4 parses the 4 hex digits at the start of s, or returns -1.
func hex4(s string) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// strings appends the strings of a JSON array to sc.strs. null elements
// are left to the slow path.
func (sc *ndjsonScanner) strings() bool {
	more, ok := sc.open('[', ']')
	for ok && more {
		sc.ws()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '"' {
			return false
		}
		var v string
		if ok = sc.str(&v); ok {
			sc.strs = append(sc.strs, v)
			more, ok = sc.next(']')
		}
	}
	return ok
}

// number reads a JSON number literal (RFC 8259 grammar); isInt is true
// when it has neither fraction nor exponent.
func (sc *ndjsonScanner) number() (lit string, isInt, ok bool) {
	s, i := sc.s, sc.i
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		}
	default:
		return "", false, false
	}
	isInt = true
	if i < len(s) && s[i] == '.' {
		isInt = false
		i++
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return "", false, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		isInt = false
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == d {
			return "", false, false
		}
	}
	sc.i = i
	return s[start:i], isInt, true
}

// int reads a JSON integer into *v (null keeps it). Fractions, exponents
// and overflow are type errors for encoding/json: slow path.
func (sc *ndjsonScanner) int(v *int) bool {
	// Fast path, the counters of the schema: 1 to 18 digits without a
	// leading zero, not followed by a fraction, an exponent or a 19th
	// digit. That is a whole number literal to number, so the result is
	// the same as below, in one loop.
	//
	// SWAR path for up to 7 digits with 8 bytes to read: the digits are
	// counted and converted in one word, without a loop whose end the
	// branch predictor cannot know. nd flags the bytes that are no
	// digit (>= 0x3a, < 0x30 or >= 0x80; the lowest flag is exact). The
	// first byte and the one after the digits are taken from the word,
	// not loaded again (with bounds checks) from the line.
	//
	// One digit first: the engagement counters are mostly below ten
	// (zeros are left out), and the SWAR path cost them four times as
	// much.
	if s, i := sc.s, sc.i; i >= 0 && i < len(s)-1 {
		if d, c := s[i]-'0', s[i+1]; d <= 9 && c-'0' > 9 && c != '.' && c|0x20 != 'e' {
			*v, sc.i = int(d), i+1
			return true
		}
	}
	if s, i := sc.s, sc.i; i >= 0 && i <= len(s)-8 {
		x := le.Uint64At(s, i)
		if nd := ((x + 0x4646464646464646) | (x - 0x3030303030303030) | x) & 0x8080808080808080; nd != 0 {
			k := bits.TrailingZeros64(nd) >> 3
			next := byte(x >> (8 * k & 63))
			if k > 0 && (byte(x) != '0' || k == 1) && next != '.' && next|0x20 != 'e' {
				// The k digits moved to the top bytes (leading zeros
				// below), then combined in pairs, fours and eights.
				d := x << (64 - 8*k) & 0x0f0f0f0f0f0f0f0f
				d = d * 2561 >> 8 & 0x00ff00ff00ff00ff
				d = d * 6553601 >> 16 & 0x0000ffff0000ffff
				d = d * 42949672960001 >> 32
				*v, sc.i = int(d), i+k
				return true
			}
		}
	}
	return sc.intSlow(v)
}

// intSlow is int without its SWAR path (TestNDJSONIntSWAR compares them).
func (sc *ndjsonScanner) intSlow(v *int) bool {
	t := sc.s[min(sc.i, len(sc.s)):]
	d := t[:min(len(t), 18)] // the digits looked at: no bounds checks below
	n, k := 0, 0
	for ; k < len(d) && d[k]-'0' <= 9; k++ {
		n = n*10 + int(d[k]-'0')
	}
	if k > 0 && (t[0] != '0' || k == 1) && (k == len(t) || t[k] != '.' && t[k]|0x20 != 'e' && t[k]-'0' > 9) {
		*v, sc.i = n, sc.i+k
		return true
	}
	if sc.null() {
		return true
	}
	lit, isInt, ok := sc.number()
	if !ok || !isInt {
		return false
	}
	if len(lit) <= 18 { // no overflow possible
		n, neg := 0, lit[0] == '-'
		d := lit
		if neg {
			d = lit[1:]
		}
		for _, c := range []byte(d) {
			n = n*10 + int(c-'0')
		}
		if neg {
			n = -n
		}
		*v = n
		return true
	}
	n64, err := strconv.ParseInt(lit, 10, 64)
	if err != nil {
		return false
	}
	*v = int(n64)
	return true
}

// bool reads a JSON boolean into *v (null keeps it).
func (sc *ndjsonScanner) bool(v *bool) bool {
	rest := sc.s[sc.i:]
	switch {
	case strings.HasPrefix(rest, "true"):
		*v = true
		sc.i += 4
	case strings.HasPrefix(rest, "false"):
		*v = false
		sc.i += 5
	case strings.HasPrefix(rest, "null"):
		sc.i += 4
	default:
		return false
	}
	return true
}

// float reads a JSON number as float64. Out-of-range values are type
// errors for encoding/json: slow path.
func (sc *ndjsonScanner) float(v *float64) bool {
	if sc.decimal(v) {
		return true
	}
	sc.ws()
	lit, _, ok := sc.number()
	if !ok {
		return false
	}
	if f, ok := exactFloat(lit); ok {
		*v = f
		return true
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return false
	}
	*v = f
	return true
}

// decimal reads a number of the form of coordinates, [-]D.F with 1 to 7
// digits D (no leading zero) and 1 to 7 digits F, not followed by an
// exponent, into *v and reports whether it did (else nothing is
// consumed). It gives the same float64 as number and exactFloat (the
// same digits, power of ten and operations), but counts and converts the
// digits of each part in one 8-byte word as int does, instead of two
// loops over the bytes whose ends the branch predictor cannot know (a
// coordinate of 8 to 10 bytes cost 145 instructions and two mispredicted
// branches that way).
func (sc *ndjsonScanner) decimal(v *float64) bool {
	s, i := sc.s, sc.i
	if i < 0 || i >= len(s) {
		return false
	}
	neg := s[i] == '-'
	if neg {
		i++
	}
	if i > len(s)-16 {
		return false
	}
	x := le.Uint64At(s, i)
	k := bits.TrailingZeros64(nonDigits(x)) >> 3 // digits before the dot
	// (Tests ordered so that each is a branch the predictor learns: k
	// alone alternates between longitudes and latitudes.)
	if uint(k-1) > 6 || byte(x>>(8*k&63)) != '.' || byte(x) == '0' && k > 1 {
		return false
	}
	y := le.Uint64At(s, i+k+1)
	f := bits.TrailingZeros64(nonDigits(y)) >> 3 // digits after it
	if next := byte(y >> (8 * f & 63)); uint(f-1) > 6 || next|0x20 == 'e' {
		return false
	}
	m := digitsValue(x, k)*pow10u[f] + digitsValue(y, f)
	d := float64(m) / pow10[f]
	if neg {
		d = -d
	}
	*v, sc.i = d, i+k+1+f
	return true
}

// nonDigits flags (in the high bit of each byte) the bytes of x that are
// no ASCII digit (>= 0x3a, < 0x30 or >= 0x80); the lowest flag is exact.
func nonDigits(x uint64) uint64 {
	return ((x + 0x4646464646464646) | (x - 0x3030303030303030) | x) & 0x8080808080808080
}

// digitsValue returns the number of the first k (1 to 7) bytes of x,
// ASCII digits: they are moved to the top bytes (leading zeros below),
// then combined in pairs, fours and eights.
func digitsValue(x uint64, k int) uint64 {
	d := x << (64 - 8*k&63) & 0x0f0f0f0f0f0f0f0f
	d = d * 2561 >> 8 & 0x00ff00ff00ff00ff
	d = d * 6553601 >> 16 & 0x0000ffff0000ffff
	return d * 42949672960001 >> 32
}

// pow10u holds the powers of ten of decimal's fractions.
var pow10u = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// pow10 holds the powers of ten that are exact in float64.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactFloat converts a JSON number without exponent and with at most 15
// digits, the form of coordinates: the digits are an exact float64 and so
// is the power of ten, so one division rounds correctly and equals
// strconv.ParseFloat (whose own exact case this is). Other forms: false.
func exactFloat(lit string) (float64, bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	var m uint64
	nd, frac := 0, -1
	for i := 0; i < len(lit); i++ {
		switch c := lit[i]; {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			nd++
		case c == '.':
			frac = len(lit) - i - 1
		default:
			return 0, false
		}
	}
	if nd > 15 {
		return 0, false
	}
	f := float64(m)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// point reads [lon, lat]. encoding/json accepts other lengths (zero-filled
// or truncated): slow path.
func (sc *ndjsonScanner) point(pt *orb.Point) bool {
	more, ok := sc.open('[', ']')
	if !ok || !more || !sc.float(&pt[0]) {
		return false
	}
	if more, ok = sc.next(']'); !ok || !more || !sc.float(&pt[1]) {
		return false
	}
	more, ok = sc.next(']')
	return ok && !more
}

// time reads a JSON string holding a time as time.Time.UnmarshalJSON
// does, for the forms its strict RFC 3339 parser accepts directly:
// YYYY-MM-DDTHH:MM:SS, an optional '.' and 1–9 digits, then Z or ±HH:MM.
// Anything else (escapes, longer fractions, errors) goes to the slow path.
func (sc *ndjsonScanner) time(t *time.Time) bool {
	if sc.null() {
		return true
	}
	s := sc.s
	if sc.i >= len(s) || s[sc.i] != '"' {
		return false
	}
	return sc.timeFrom(t, sc.i+1)
}

// timeFrom reads the rest of a time string whose first byte (after the
// opening quote) is at start.
func (sc *ndjsonScanner) timeFrom(t *time.Time, start int) bool {
	s := sc.s
	// The usual form, "2006-01-02T15:04:05Z", without a search for its
	// end: a quote among its first 20 bytes fails the parse.
	end := start + len("2006-01-02T15:04:05Z")
	if end >= len(s) || s[end] != '"' {
		if end = strings.IndexByte(s[start:], '"'); end < 0 {
			return false
		}
		end += start
	}
	sc.i = end + 1
	tm, ok := sc.dates.parse(s[start:end])
	*t = tm
	return ok
}

// parseRFC3339Fast parses the forms of RFC 3339 described at time. The
// result is in UTC (normalizePost converts to UTC anyway).
func parseRFC3339Fast(v string) (time.Time, bool) {
	var c dateCache
	return c.parse(v)
}

// dateCache remembers the last date parse saw (its first 10 bytes,
// YYYY-MM-DD, and its day number): the posts of a stream come in time
// order, most of them on the day before.
type dateCache struct {
	ymd  uint64 // bytes 0-7, "YYYY-MM-"
	dd   uint64 // bytes 8-9, "DD", with bit 63 set once ymd and dd are set
	days int64  // daysFromCivil of the date
}

// Fixed bytes of "YYYY-MM-DDTHH:MM:SS" in its words (little-endian):
// "YYYY-MM-", "DDTHH:MM" and ":SS" (a 4-byte load, its last byte not
// part of it). digits* mark the digit bytes.
const (
	sepMask0, sep0 = 0xff<<32 | 0xff<<56, '-'<<32 | '-'<<56
	digits0        = 0x00ffff00ffffffff
	sepMask1, sep1 = 0xff<<16 | 0xff<<40, 'T'<<16 | ':'<<40
	digits1        = 0xffff00ffff00ffff
	sepMask2, sep2 = 0xff, ':'
	digits2        = 0x00ffff00
)

// notDigits is zero exactly when the bytes of x under mask are ASCII
// digits: high nibble 3 and no carry out of the low nibble when 6 is
// added (carries from a byte above '9' can reach only the byte above it,
// which is then checked too or its word is rejected anyway).
func notDigits(x, mask uint64) uint64 {
	d := x & mask
	return (d&(0xf0f0f0f0f0f0f0f0&mask) ^ 0x3030303030303030&mask) |
		((d+0x0606060606060606&mask)&(0xf0f0f0f0f0f0f0f0&mask) ^ 0x3030303030303030&mask)
}

// pairs returns, in byte k of its result, the two-digit number of the
// digits at bytes k and k+1 of x (under mask, ASCII).
func pairs(x, mask uint64) uint64 {
	d := (x & mask) - (0x3030303030303030 & mask)
	return d*10 + d>>8
}

// parse is parseRFC3339Fast with the date of the last call remembered.
// The first 19 bytes are checked and read as words: separators under a
// mask, digits with digitsOK, two-digit numbers with pairs.
func (c *dateCache) parse(v string) (time.Time, bool) {
	if len(v) < len("2006-01-02T15:04:05Z") {
		return time.Time{}, false
	}
	w0, w1, w2 := le.Uint64(v), le.Uint64(v[8:]), uint64(le.Uint32(v[16:]))
	// The separators and digits of the three words, and below the
	// ranges of the clock, are tested in one branch each: in the
	// pipeline, where other stages run between two posts' times, the
	// branch predictor had forgotten the nine branches they took and
	// mispredicted 3.3 times a post here (0.06 in BenchmarkNDJSONSynth).
	if (w0&sepMask0^sep0)|(w1&sepMask1^sep1)|(w2&sepMask2^sep2)|
		notDigits(w0, digits0)|notDigits(w1, digits1)|notDigits(w2, digits2) != 0 {
		return time.Time{}, false
	}
	p1, p2 := pairs(w1, digits1), pairs(w2, digits2)
	hour, minute, sec := int(p1>>24&0xff), int(p1>>48&0xff), int(p2>>8&0xff)
	if (23-hour)|(59-minute)|(59-sec) < 0 { // hour > 23 || minute > 59 || sec > 59
		return time.Time{}, false
	}
	days := c.days
	if dd := w1&0xffff | 1<<63; w0 != c.ymd || dd != c.dd {
		p0 := pairs(w0, digits0)
		year, month, day := int(p0&0xff)*100+int(p0>>16&0xff), int(p0>>40&0xff), int(p1&0xff)
		if month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year) {
			return time.Time{}, false
		}
		days = daysFromCivil(year, month, day)
		c.ymd, c.dd, c.days = w0, dd, days
	}
	v = v[19:]
	nsec := 0
	ok := true
	num := func(s string) int {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				ok = false
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	if len(v) >= 2 && v[0] == '.' && v[1] >= '0' && v[1] <= '9' {
		n := 1
		for n < len(v) && v[n] >= '0' && v[n] <= '9' {
			n++
		}
		if n > 10 { // more than 9 digits: encoding/json truncates; slow path
			return time.Time{}, false
		}
		nsec = num(v[1:n])
		for k := n; k < 10; k++ {
			nsec *= 10
		}
		v = v[n:]
	}
	offset := 0
	switch {
	case v == "Z":
	case len(v) == len("+07:00") && (v[0] == '+' || v[0] == '-') && v[3] == ':':
		hh, mm := num(v[1:3]), num(v[4:6])
		if !ok || hh > 23 || mm > 59 {
			return time.Time{}, false
		}
		offset = (hh*60 + mm) * 60
		if v[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	// The fields are valid (checked above), so the instant is plain
	// arithmetic: time.Date would normalise them and look the zone up,
	// a third of this function's cost. time.Unix(...).UTC() is the same
	// Time value as time.Date(..., time.UTC).
	unix := days*86400 + int64(hour*3600+minute*60+sec-offset)
	return time.Unix(unix, int64(nsec)).UTC(), true
}

// daysFromCivil returns the number of days from 1970-01-01 to the date
// y-m-d (m 1–12) of the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil, with years counted from March).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400                  // [0, 399]
	doy := (153*((m+9)%12)+2)/5 + d - 1 // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// daysInMonth returns the number of days of month m (1–12) in year y of
// the proleptic Gregorian calendar.
func daysInMonth(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
