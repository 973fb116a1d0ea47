package socialgeo

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/internal/text"
)

// fingerprintOf computes the fingerprint of a post's tokens: the
// reference for the word hashes that contentTerms collects for Run.
func fingerprintOf(author string, toks []text.Token) fingerprint {
	return fingerprintOfHashes(author, appendWordHashes(nil, toks))
}

// fingerprintOfHashes is fingerprintOfText with scratch of its own.
func fingerprintOfHashes(author string, hashes []uint64) fingerprint {
	return fingerprintOfText(author, hashes, new([]uint64))
}

// textHashOf is the hash of the normalised text (its word hashes in
// order) that the exact hash is made of, as fingerprintOfText chains it.
func textHashOf(hashes []uint64) uint64 {
	textHash := uint64(fnvOffset)
	for _, h := range hashes {
		textHash = (bits.RotateLeft64(textHash, 29) ^ h) * 0x9e3779b97f4a7c15
	}
	return textHash
}

// appendWordHashes appends strHash(t.Norm) of every fingerprint word of
// toks to dst, in order.
func appendWordHashes(dst []uint64, toks []text.Token) []uint64 {
	for i := range toks {
		if t := &toks[i]; isFingerprintWord(t.Kind) {
			dst = append(dst, strHash(t.Norm))
		}
	}
	return dst
}

// allow is allowHash for an author key ("" is never capped): it records
// one post of author in area during bucket and reports whether it is
// within the cap.
func (c *authorCap) allow(author, area string, bucket int64) bool {
	if author == "" {
		return true
	}
	return c.allowHash(strHash(author), strHash(area), bucket)
}

// TestObserveWordHashesAreTheFingerprints checks that the word hashes
// contentTerms leaves for Run give the fingerprint of the tokens.
func TestObserveWordHashesAreTheFingerprints(t *testing.T) {
	p, err := New(&Options{Profiles: library(t)})
	if err != nil {
		t.Fatal(err)
	}
	w := worker{slabs: true}
	n := 0
	for it := range generator(t, 300).Items() {
		var u unit
		if err := p.observe(context.Background(), &w, &it.Post, &u); err != nil {
			continue
		}
		n++
		want := fingerprintOf(it.Post.Author.Key, w.toks)
		// Run's fingerprint, with the worker's scratch
		if got := fingerprintOfText(it.Post.Author.Key, w.words, &w.feats); got != want {
			t.Fatalf("%q: Run's %+v, want %+v", it.Post.Text, got, want)
		}
	}
	if n < 200 {
		t.Fatalf("only %d posts observed", n)
	}
}

// TestAuthorCapNeverCapsLate checks the author cap against exact counts:
// in a crowded sketch (many keys per line) no key gets more than max
// posts into a cell, and in a roomy one the decisions are the exact
// ones (the first max posts of each key in each bucket pass). A cap
// above 255 takes uint16 counters.
func TestAuthorCapNeverCapsLate(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	type key struct {
		author, area string
		bucket       int64
	}
	for _, tc := range []struct {
		max, lines, authors, posts int
		exact                      bool
	}{
		{max: 3, lines: 4, authors: 300, posts: 1200},
		{max: 3, lines: 64, authors: 2000, posts: 8000},
		{max: 3, lines: 1 << 12, authors: 300, posts: 1200, exact: true},
		{max: 255, lines: 2, authors: 40, posts: 40000},
		{max: 300, lines: 2, authors: 40, posts: 40000},
		{max: 300, lines: 1 << 10, authors: 40, posts: 40000, exact: true},
	} {
		c := newAuthorCap(tc.max, tc.lines)
		passed := map[key]int{}
		capped := 0
		for bucket := int64(0); bucket < 6; bucket++ {
			for i := 0; i < tc.posts; i++ {
				k := key{"p_" + strconv.Itoa(r.IntN(tc.authors)), "GM0" + strconv.Itoa(340+r.IntN(3)), bucket}
				ok := c.allow(k.author, k.area, k.bucket)
				if ok {
					passed[k]++
					if passed[k] > tc.max {
						t.Fatalf("%+v: %+v passed %d times", tc, k, passed[k])
					}
				} else {
					capped++
					if tc.exact && passed[k] < tc.max {
						t.Fatalf("%+v: %+v capped after %d posts", tc, k, passed[k])
					}
				}
			}
		}
		if capped == 0 {
			t.Fatalf("%+v: nothing capped", tc)
		}
	}
}

// TestFilterTablesAreReset checks that a dedup and an author cap used on
// one stream and then reset (as Run does with the tables of the previous
// Run) decide another stream as fresh ones do.
func TestFilterTablesAreReset(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	type post struct {
		f      fingerprint
		area   string
		bucket int64
	}
	base := []uint64{r.Uint64(), r.Uint64(), r.Uint64()} // both streams: old fingerprints would match
	stream := func(n int, bucket0 int64) []post {
		ps := make([]post, n)
		for i := range ps {
			f := fingerprint{sim: base[r.IntN(len(base))], words: 2 + r.IntN(6), author: uint64(1 + r.IntN(20))}
			for k := r.IntN(5); k > 0; k-- {
				f.sim ^= 1 << r.IntN(64)
			}
			f.exact = mix(mix(f.sim) ^ f.author)
			ps[i] = post{f, "GM0" + strconv.Itoa(340+r.IntN(3)), bucket0 + int64(i/200)} // some buckets in both
		}
		return ps
	}
	decide := func(d *dedup, c *authorCap, ps []post) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			if out[i] = d.check(p.f); out[i] == "" && !c.allowHash(p.f.author, strHash(p.area), p.bucket) {
				out[i] = RejectAuthorCap
			}
		}
		return out
	}
	for _, window := range []int{5, 300, 5000} {
		first, second := stream(3000, 50), stream(1500, 62)
		d, c := newDedup(window, 3), newAuthorCap(4, 64)
		decide(d, c, first)
		d.reset()
		c.forget()
		want := decide(newDedup(window, 3), newAuthorCap(4, 64), second)
		if got := decide(d, c, second); !slices.Equal(got, want) {
			t.Fatalf("window %d: reset tables decide differently", window)
		}
	}
}

// capArea is the reference for observe's capHash: the observation's
// first municipality of the highest ranked role (about, then from, then
// home; "NL" when none).
func capArea(o *aggregate.Observation) string {
	area := geo.AreaID("NL")
	best := geo.Role(0)
	for _, a := range o.Areas {
		if a.Level == geo.LevelMunicipality && roleRank(a.Role) > roleRank(best) {
			area, best = a.Area, a.Role
		}
	}
	return string(area)
}

// TestObserveCapHash checks the author cap's area hash that observe
// leaves for Run against the area capArea finds in the observation.
func TestObserveCapHash(t *testing.T) {
	p, err := New(&Options{Profiles: library(t)})
	if err != nil {
		t.Fatal(err)
	}
	w := worker{slabs: true}
	seen := map[string]bool{}
	for it := range generator(t, 2000).Items() {
		var u unit
		err := p.observe(context.Background(), &w, &it.Post, &u)
		if err != nil {
			continue
		}
		info := u.info
		area := capArea(&u.obs)
		seen[area] = true
		if info.capHash != strHash(area) {
			t.Fatalf("%q: cap hash %#x, want strHash(%q) = %#x", it.Post.Text, info.capHash, area, strHash(area))
		}
	}
	if len(seen) < 20 || !seen["NL"] {
		t.Fatalf("only %d cap areas seen", len(seen))
	}
}

// TestFingerprintOfRandomHashes checks fingerprintOfText on random word
// hashes of every length up to 200 (several rounds of its bit counter)
// against 64 plain counters and the exact hash's definition.
func TestFingerprintOfRandomHashes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var feats []uint64
	for n := 0; n <= 200; n++ {
		for range 5 {
			hashes := make([]uint64, n)
			for i := range hashes {
				hashes[i] = r.Uint64()
				if i > 0 && r.IntN(4) == 0 {
					hashes[i] = hashes[r.IntN(i)] // repeated words
				}
			}
			var counts [64]int
			prev := uint64(0)
			for _, h := range hashes {
				g := bigram(prev, h)
				for b := range counts {
					counts[b] += int(g >> b & 1)
				}
				prev = h
			}
			want := fingerprint{words: n, author: strHash("a")}
			want.exact = mix((textHashOf(hashes) ^ want.author) + 1)
			for b, c := range counts {
				if 2*c > n {
					want.sim |= 1 << b
				}
			}
			if got := fingerprintOfText("a", hashes, &feats); got != want {
				t.Fatalf("%d words: %+v, want %+v", n, got, want)
			}
		}
	}
}

// TestContentTermsLongWords checks the word hashes and terms of texts
// with words, hashtags and numbers of more than 16 bytes (hashed in
// contentTerms' second pass), also past the last term it keeps.
func TestContentTermsLongWords(t *testing.T) {
	long := []string{"aansprakelijkheidsverzekering", "#klimaatadaptatieprogramma", "12345678901234567890", "arbeidsongeschiktheidsuitkering"}
	for _, n := range []int{0, 5, 31, 32, 33, 60} {
		var words []string
		for i := range n {
			words = append(words, "woord"+strconv.Itoa(i))
		}
		for _, at := range []int{0, len(words) / 2, len(words)} {
			ws := slices.Concat(words[:at], long, words[at:])
			toks := text.Tokenize(strings.Join(ws, " "), nil)
			w := worker{slabs: true}
			terms := w.contentTerms(toks)
			if want := appendWordHashes(nil, toks); !slices.Equal(w.words, want) {
				t.Fatalf("%d words, long ones at %d: word hashes differ", n, at)
			}
			var want []string
			for _, tk := range toks {
				if len(want) < aggregate.MaxTerms && (tk.Kind == text.Word || tk.Kind == text.Hashtag) {
					term := tk.Norm
					if tk.Kind == text.Hashtag {
						term = "#" + term
					}
					want = append(want, term)
				}
			}
			if !slices.Equal(terms, want) {
				t.Fatalf("%d words, long ones at %d: terms %q, want %q", n, at, terms, want)
			}
		}
	}
}

// TestExactHashSeparatesTexts checks that the exact hash tells apart
// texts of one author that differ in one word, in the order of two
// words or by a repeated word, and that it is the same for the same
// text.
func TestExactHashSeparatesTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	var feats []uint64
	for n := 1; n <= 60; n++ {
		hashes := make([]uint64, n)
		for i := range hashes {
			hashes[i] = r.Uint64()
		}
		f := fingerprintOfText("a", hashes, &feats)
		if g := fingerprintOfText("a", slices.Clone(hashes), &feats); g != f {
			t.Fatalf("%d words: same text, %+v and %+v", n, f, g)
		}
		variants := [][]uint64{append(slices.Clone(hashes), hashes[n-1])}
		one := slices.Clone(hashes)
		one[r.IntN(n)] ^= 1 << r.IntN(64)
		variants = append(variants, one)
		if n > 1 {
			sw := slices.Clone(hashes)
			i, j := r.IntN(n), r.IntN(n)
			if sw[i] != sw[j] {
				sw[i], sw[j] = sw[j], sw[i]
				variants = append(variants, sw)
			}
		}
		for k, v := range variants {
			if g := fingerprintOfText("a", v, &feats); g.exact == f.exact {
				t.Fatalf("%d words, variant %d: the same exact hash", n, k)
			}
		}
	}
}

// BenchmarkDedup measures duplicate detection (dedup.check, which also
// remembers) on the fingerprints of 20,000 synthetic posts, in order,
// forgotten after each 20,000 as by each Run of BenchmarkPipeline (op =
// one post).
func BenchmarkDedup(b *testing.B) {
	var fps []fingerprint
	for it := range generator(b, 20000).Items() {
		fps = append(fps, fingerprintOf(it.Post.Author.Key, text.Tokenize(it.Post.Text, nil)))
	}
	d := newDedup(DefaultDedupWindow, DefaultNearDuplicate)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(fps)
		if k == 0 {
			d.reset()
		}
		d.check(fps[k])
	}
}
