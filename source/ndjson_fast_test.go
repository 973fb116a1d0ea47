package source

import (
	"bytes"
	"context"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ndjsonLine is ndjsonInto on a line of bytes, returning the post (the
// line-by-line decoding of NewNDJSON before string blocks).
func (d *Decoder) ndjsonLine(sc *ndjsonScanner, line []byte) (Post, error) {
	var p Post
	if err := d.ndjsonInto(sc, string(line), &p); err != nil {
		return Post{}, err
	}
	return p, nil
}

// decode is decodeString on a line of bytes.
func (sc *ndjsonScanner) decode(line []byte, p *Post) (ok bool) {
	return sc.decodeString(string(line), p)
}

// ndjsonFastSeeds are lines of the own format that exercise the corners of
// the fast scanner: escapes, surrogates, unknown and case-folded keys,
// duplicates, nulls, numbers and time forms.
var ndjsonFastSeeds = []string{
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z"}`,
	` { "id" : "1" , "platform" : "csv" , "created" : "2024-11-06T09:00:00.123456789+01:30" , "tags" : [ "a" , "b" ] , "mentions" : [ ] } `,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00.1234567891Z"}`,
	`{"id":"1","platform":"csv","created":"2024-02-29T23:59:59-23:59"}`,
	`{"id":"1","platform":"csv","created":"2023-02-29T09:00:00Z"}`,
	`{"id":"1","platform":"csv","created":"0000-01-01T00:00:00Z"}`,
	`{"id":"1","platform":"csv","created":"9999-12-31T23:59:59-01:00"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06t09:00:00z"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T9:00:00Z"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00,5Z"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:60Z"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00+24:00"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00\u005a"}`,
	`{"id":"1","platform":"csv","created":null}`,
	`{"id":"a\"b\\c\/d\b\f\n\r\tе\u00e9\u20AC\ud83d\ude00\ud83d\u0041\ude00x","platform":"csv","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"\ud800x\udc00\ud800\ud800\uDBFF\uDFFF","platform":"csv","created":"2024-11-06T09:00:00Z","text":"Café 010 ❤️ \"quoted\""}`,
	`{"id":"\ud800","platform":"csv","created":"2024-11-06T09:00:00Z","text":"\uDBFF\uDFFF \ud800\ud800 \'"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","ID":"2"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","id":"2"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","ſd":"2","\u0069d":"3","Kind":"reply"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","extra":{"a":[1,2.5e-3,-0,true,false,null,"x\u0041"],"b":{}},"more":[[[]]]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":null,"geo":null,"place":null,"engagement":null,"ref":null,"tags":null,"mentions":null,"report":null,"text":null}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":{"followers":12345678901234567890}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":{"followers":-123456789012345678,"verified":null,"official":true,"Verified":true}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","engagement":{"likes":1.0,"quotes":1e2}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","geo":[5.1,52.1,3]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","geo":[5.1]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","geo":[1e400,52]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","geo":[-0.0,5E-1]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","place":{"bound":{"min":[1,2],"Max":[3,4]}}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","place":{"bound":{"Min":[1,2],"Max":[3,4]},"name":"x"},"ref":{"id":"2","author_key":"k"},"report":{"category":"c","code":"d","status":"open","address":"a","media_url":"m"}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","tags":["a",null]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","tags":["a",]}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z",}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z"} x`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","text":"tab	in string"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","text":"caf` + "\xe9" + `"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","x":"` + "\xff" + `"}`,
	`null`,
	`[]`,
	`{}`,
	// Separators and braces where the ordered path's patterns hold them.
	`,"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":,"key":"x"}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":{"key":"k"} ,"location":"x"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","author":{"key":"k"}"location":"x"}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","engagement":{,"likes":1}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","engagement":{"likes":1}"replies":2}}`,
	`{"id":"1","platform":"csv","created":"2024-11-06T09:00:00Z","engagement":{"likes":1,"likes":2}}`,
	`{"id":"1","platform":"csv","kind":null,"lang":"nl","created":"2024-11-06T09:00:00Z","author":{"followers": 3,"key":"k"}}`,
	// Near misses of the platform and kind constants (platformFrom, kindFrom).
	`{"id":"1","platform":"mastodonx","kind":"posts","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"mastodo","kind":"pos","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"twitter\u0000","kind":"repor\u0074","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"c\u0073v","kind":"Reply","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"news","kind":"article","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"open311","kind":"quote","created":"2024-11-06T09:00:00Z"}`,
	`{"id":"1","platform":"bluesky","kind":"repost","created":"2024-11-06T09:00:00Z"}`,
}

// ndjsonLines returns the non-blank lines of the NDJSON fixtures and seeds.
func ndjsonLines(t testing.TB) [][]byte {
	var out [][]byte
	for _, name := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson", "ndjson/bad.ndjson"} {
		for _, l := range bytes.Split(readFixture(t, name), []byte("\n")) {
			if l = bytes.TrimSpace(l); len(l) > 0 {
				out = append(out, l)
			}
		}
	}
	for _, s := range ndjsonFastSeeds {
		out = append(out, []byte(s))
	}
	return out
}

// checkNDJSONFast compares the fast path with the encoding/json path on
// one line, with and without raw identity: the same post, or the same
// rejection (reason and message). It also checks that the fast path's
// posts do not alias the line.
func checkNDJSONFast(t *testing.T, line []byte) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || bytes.IndexByte(line, '\n') >= 0 {
		return // not a line of the decoder
	}
	for _, keep := range []bool{false, true} {
		d := NewNDJSON(nil, &Options{KeepRawIdentity: keep})
		want, wantErr := d.ndjsonPost(line)
		var sc ndjsonScanner
		buf := append([]byte(nil), line...)
		var fast Post
		fastOK := sc.decode(buf, &fast)
		got, gotErr := d.ndjsonLine(&sc, buf)
		for i := range buf {
			buf[i] = 'x' // the posts must not alias the line
		}
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("keep=%v %q:\njson: %v\nfast: %v", keep, line, wantErr, gotErr)
		}
		if wantErr != nil {
			wr, _ := classify(wantErr)
			gr, _ := classify(gotErr)
			if wr != gr || wantErr.Error() != gotErr.Error() {
				t.Fatalf("keep=%v %q:\njson: %v\nfast: %v", keep, line, wantErr, gotErr)
			}
		} else if !reflect.DeepEqual(want, got) {
			t.Fatalf("keep=%v %q:\njson: %#v\nfast: %#v", keep, line, want, got)
		}
		if fastOK {
			// The scanner alone agrees with a bare encoding/json decode:
			// no syntax or type error there, and the same post.
			var ref Post
			if err := unmarshalRecord(line, &ref); err != nil {
				t.Fatalf("%q: fast path accepted what encoding/json rejects: %v", line, err)
			}
			// Normalized (UTC, nil empty lists), both are the same.
			refErr, fastErr := normalizePost(&ref), normalizePost(&fast)
			if (refErr == nil) != (fastErr == nil) || refErr != nil && refErr.Error() != fastErr.Error() {
				t.Fatalf("%q:\njson: %v\nfast: %v", line, refErr, fastErr)
			}
			if refErr == nil && !reflect.DeepEqual(ref, fast) {
				t.Fatalf("%q:\njson: %#v\nfast: %#v", line, ref, fast)
			}
		}
	}
}

func TestNDJSONFastMatchesJSON(t *testing.T) {
	lines := ndjsonLines(t)
	for _, l := range lines {
		checkNDJSONFast(t, l)
	}
	// Seeded mutations: byte changes, deletions and spliced tokens.
	toks := []string{`"`, `\`, `\u`, `\ud83d`, `null`, `,`, `:`, `{`, `}`, `[`, `]`, `1e5`, `-`, `.5`, ` `, "\xc3", `"ID"`, `"x":1,`, `Z`, `+01:00`}
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 20000; n++ {
		l := append([]byte(nil), lines[rng.Intn(len(lines))]...)
		for k := rng.Intn(3) + 1; k > 0 && len(l) > 0; k-- {
			i := rng.Intn(len(l))
			switch rng.Intn(3) {
			case 0:
				l[i] = byte(rng.Intn(128))
			case 1:
				l = append(l[:i], l[i+1:]...)
			default:
				l = append(l[:i], append([]byte(toks[rng.Intn(len(toks))]), l[i:]...)...)
			}
		}
		checkNDJSONFast(t, l)
	}
}

// TestNDJSONFastCovers checks that the fast path handles every good line
// of the fixtures and the usual constructs itself (no fallback), with
// about one allocation per post (its line; unescaped strings add one
// each).
func TestNDJSONFastCovers(t *testing.T) {
	var lines [][]byte
	for _, name := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson"} {
		lines = append(lines, bytes.Split(bytes.TrimSpace(readFixture(t, name)), []byte("\n"))...)
	}
	for _, i := range []int{1, 3, 5, 6, 13, 14, 15, 20, 21, 28, 30, 40} { // white space, offsets, escapes, surrogates, unknown fields, nulls, numbers
		lines = append(lines, []byte(ndjsonFastSeeds[i]))
	}
	var sc ndjsonScanner
	for _, l := range lines {
		var p Post
		assert.Equal(t, true, sc.decode(l, &p), string(l))
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, l := range lines {
			var p Post
			sc.decode(l, &p)
		}
	})
	assert.Equal(t, true, allocs/float64(len(lines)) < 1.5, "%v allocs for %d lines", allocs, len(lines))
}

func FuzzNDJSONFast(f *testing.F) {
	for _, l := range ndjsonLines(f) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkNDJSONFast(t, line) })
}

// TestNDJSONFastStream runs whole fixtures through the decoder and the
// encoding/json path line by line: same posts, same rejections.
func TestNDJSONFastStream(t *testing.T) {
	for _, name := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson", "ndjson/bad.ndjson"} {
		data := readFixture(t, name)
		var errs []string
		posts, err := Collect(NewNDJSON(bytes.NewReader(data), &Options{OnReject: func(e *DecodeError) { errs = append(errs, e.Error()) }}).Posts(context.Background()))
		require.NoError(t, err)
		ref := NewNDJSON(nil, nil)
		var want []Post
		var wantErrs []string
		rec, off := 0, 0
		for _, l := range bytes.SplitAfter(data, []byte("\n")) {
			start := off
			off += len(l)
			if l = bytes.TrimSpace(l); len(l) == 0 {
				continue
			}
			rec++
			p, err := ref.ndjsonPost(l)
			if err != nil {
				reason, cause := classify(err)
				wantErrs = append(wantErrs, (&DecodeError{Format: "ndjson", Record: rec, Offset: int64(start), Reason: reason, Err: cause}).Error())
				continue
			}
			want = append(want, p)
		}
		assert.Equal(t, want, posts, name)
		assert.Equal(t, wantErrs, errs, name)
	}
}

// TestNDJSONKnownValuesAreConstants checks that known platforms and kinds
// are the package's constants, not substrings of the line (which would
// keep the line alive in aggregates that use them as keys).
func TestNDJSONKnownValuesAreConstants(t *testing.T) {
	var sc ndjsonScanner
	var p Post
	require.True(t, sc.decode([]byte(`{"id":"1","platform":"mastodon","kind":"reply","text":"x","created":"2024-04-27T10:00:00Z"}`), &p))
	assert.Equal(t, PlatformMastodon, p.Platform)
	assert.True(t, unsafe.StringData(string(p.Platform)) == unsafe.StringData(string(PlatformMastodon)), "platform is not the constant")
	assert.True(t, unsafe.StringData(string(p.Kind)) == unsafe.StringData(string(KindReply)), "kind is not the constant")
	for _, c := range []Platform{PlatformTwitter, PlatformMastodon, PlatformBluesky, PlatformOpen311, PlatformNews, PlatformCSV} {
		v := string([]byte(c)) // not the constant's bytes
		assert.True(t, unsafe.StringData(string(knownPlatform(v))) == unsafe.StringData(string(c)), "platform %s", c)
	}
	for _, c := range []Kind{KindPost, KindReply, KindRepost, KindQuote, KindArticle, KindReport} {
		v := string([]byte(c))
		assert.True(t, unsafe.StringData(string(knownKind(v))) == unsafe.StringData(string(c)), "kind %s", c)
		assert.Equal(t, c, kindConst(v))
	}
	// The same through the scanner's platformFrom and kindFrom, with the
	// 16 bytes they load within the line and at its end.
	for _, c := range []Platform{PlatformTwitter, PlatformMastodon, PlatformBluesky, PlatformOpen311, PlatformNews, PlatformCSV} {
		for _, k := range []Kind{KindPost, KindReply, KindRepost, KindQuote, KindArticle, KindReport} {
			for _, line := range []string{
				`{"id":"1","platform":"` + string(c) + `","kind":"` + string(k) + `","text":"x","created":"2024-04-27T10:00:00Z"}`,
				`{"id":"1","created":"2024-04-27T10:00:00Z","platform":"` + string(c) + `","kind":"` + string(k) + `"}`,
			} {
				p = Post{}
				require.True(t, sc.decode([]byte(line), &p), line)
				assert.True(t, unsafe.StringData(string(p.Platform)) == unsafe.StringData(string(c)), "platform %s", c)
				assert.True(t, unsafe.StringData(string(p.Kind)) == unsafe.StringData(string(k)), "kind %s", k)
			}
		}
	}
	for _, v := range []string{"", "x", "posts", "repose", "reporT", "Post", "twitter ", "mastodo", "mastodonx", "nws", "reply\u0000", "quote\x00"} {
		assert.Equal(t, Kind(""), kindConst(v), v)
		assert.Equal(t, Kind(v), knownKind(v))
		assert.Equal(t, Platform(v), knownPlatform(v))
	}
}

// TestNDJSONIntSWAR checks the scanner's counters (int, with its SWAR
// path) against intSlow and strconv on numbers of 1 to 19 digits with
// every kind of byte after them, so that both paths are taken.
func TestNDJSONIntSWAR(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	for n := 0; n < 200000; n++ {
		digits := make([]byte, 1+r.Intn(19))
		for i := range digits {
			digits[i] = byte('0' + r.Intn(10))
		}
		if r.Intn(3) == 0 {
			digits[0] = '0'
		}
		const after = "}, .eE0x\x80\"]-"
		k := r.Intn(len(after))
		line := string(digits) + after[k:k+1]
		if r.Intn(4) == 0 {
			line += "0000000000"
		}
		if r.Intn(5) == 0 {
			line = string(digits) // at the end of the line
		}
		var fast, slow ndjsonScanner
		fast.s, slow.s = line, line
		got, want := -1, -1
		ok, wantOK := fast.int(&got), slow.intSlow(&want)
		if ok != wantOK || got != want || fast.i != slow.i {
			t.Fatalf("%q: int = %v %d (at %d), intSlow %v %d (at %d)", line, ok, got, fast.i, wantOK, want, slow.i)
		}
		if n, err := strconv.ParseInt(line[:fast.i], 10, 64); ok && (err != nil || int(n) != got) {
			t.Fatalf("%q: %d, strconv %d %v", line, got, n, err)
		}
	}
}

// wantStrEnd is strEnd as a byte loop: the first '"', '\\' or control
// character at or after j, and whether the bytes before it are valid
// UTF-8 (then strEnd stops at the end of the valid prefix).
func wantStrEnd(s string, j int) (int, bool) {
	k := j
	for k < len(s) && s[k] >= 0x20 && s[k] != '"' && s[k] != '\\' {
		k++
	}
	return k, utf8.ValidString(s[j:k])
}

// TestStrEndUTF8 compares strEnd with wantStrEnd on random strings of
// mostly ASCII with valid and broken multi-byte sequences at every
// offset.
func TestStrEndUTF8(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	pieces := []string{"a", "bc", "defghijk", "é", "ë", "€", "😤", "\xef\xbf\xbd", "\xed\xa0\x80", "\xc0\xaf", "\xe2\x82", "\xf0\x9f\x98", "\x80", "\xff", "\xf4\x90\x80\x80", "\x7f", `"`, `\\`, "\n"}
	for n := 0; n < 200000; n++ {
		var b []byte
		for k := r.Intn(12); k > 0; k-- {
			b = append(b, pieces[r.Intn(len(pieces))]...)
		}
		checkStrEnd(t, string(b), 0)
	}
}

// checkStrEnd fails t when strEnd(s, j) does not agree with wantStrEnd.
func checkStrEnd(t *testing.T, s string, j int) {
	t.Helper()
	got, ok := strEnd(s, j)
	want, wantOK := wantStrEnd(s, j)
	if ok != wantOK || ok && got != want {
		t.Fatalf("strEnd(%q, %d) = %d, %v; want %d, %v", s, j, got, ok, want, wantOK)
	}
}

func FuzzNDJSONStrEnd(f *testing.F) {
	for _, s := range []string{"", "abc", "abcdefgh é", "\xed\xa0\x80abcdefgh", "abcdefg\xe2\x82", "abcdefgh\xc3\"x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for j := 0; j <= len(s) && j < 16; j++ {
			checkStrEnd(t, s, j)
		}
	})
}

// TestStrEnd compares strEnd and keyFrom with a byte loop on random
// strings of plain bytes, stop bytes and bytes >= 0x80, from every start.
func TestStrEnd(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	alphabet := []byte("abcXYZ0123456789p_\"\\\x00\x1f\x7f\x80\xc3\xa9 ")
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.Intn(48))
		for i := range b {
			if r.Intn(6) == 0 {
				b[i] = alphabet[r.Intn(len(alphabet))]
			} else {
				b[i] = alphabet[r.Intn(18)]
			}
		}
		if r.Intn(2) == 0 { // a key of 28 bytes and its quote, one byte of it maybe changed
			key := []byte(`p_ABCDEFGHIJKLMNOPQRSTUVWXYZ"`)
			if r.Intn(2) == 0 {
				key[r.Intn(len(key))] = alphabet[r.Intn(len(alphabet))]
			}
			at := r.Intn(len(b) + 1)
			b = append(b[:at], append(key, b[at:]...)...)
		}
		s := string(b)
		for j := 0; j <= len(s); j++ {
			checkStrEnd(t, s, j)
			k, _ := wantStrEnd(s, j)
			var a, b ndjsonScanner
			a.s, b.s = s, s
			var va, vb string
			okA, okB := a.keyFrom(&va, j), b.strFrom(&vb, j)
			if okA != okB || va != vb || a.i != b.i {
				t.Fatalf("keyFrom(%q, %d) = %v %q %d, strFrom %v %q %d", s, j, okA, va, a.i, okB, vb, b.i)
			}
			// A string without escapes: strFrom (its 16-byte path
			// included) takes exactly the valid UTF-8 up to the quote.
			if k < len(s) && s[k] == '"' {
				if want := utf8.ValidString(s[j:k]); okB != want || okB && (vb != s[j:k] || b.i != k+1) {
					t.Fatalf("strFrom(%q, %d) = %v %q %d; want %v %q %d", s, j, okB, vb, b.i, want, s[j:k], k+1)
				}
			}
		}
	}
}

// TestDecimal compares decimal with number and exactFloat (or
// strconv.ParseFloat), the path it shortcuts, on random number literals
// and other bytes: when decimal takes a literal, both give the same
// float64 bits and end at the same byte.
func TestDecimal(t *testing.T) {
	r := rand.New(rand.NewSource(14))
	alphabet := []byte("0123456789.-eE+], x")
	for n := 0; n < 200000; n++ {
		b := make([]byte, 0, 24)
		if r.Intn(2) == 0 { // a coordinate-like literal, maybe changed
			b = strconv.AppendFloat(b, (r.Float64()-0.5)*400, 'f', r.Intn(9), 64)
			if r.Intn(4) == 0 {
				b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
			}
		}
		for k := 16 + r.Intn(4); k > 0; k-- { // decimal needs 16 bytes
			b = append(b, alphabet[r.Intn(len(alphabet))])
		}
		s := string(b)
		var a, c ndjsonScanner
		a.s, c.s = s, s
		var got float64
		if !a.decimal(&got) {
			if a.i != 0 {
				t.Fatalf("decimal(%q) failed but moved to %d", s, a.i)
			}
			continue
		}
		lit, _, ok := c.number()
		want, exact := 0.0, false
		if ok {
			want, exact = exactFloat(lit)
		}
		if !ok || !exact || math.Float64bits(got) != math.Float64bits(want) || a.i != c.i {
			t.Fatalf("decimal(%q) = %v at %d; number %q %v, exactFloat %v %v at %d", s, got, a.i, lit, ok, want, exact, c.i)
		}
	}
}
