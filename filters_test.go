package socialgeo

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/internal/text"
)

// fingerprintOf computes the fingerprint of a post's tokens: the
// reference for the word hashes that contentTerms collects for Run.
func fingerprintOf(author string, toks []text.Token) fingerprint {
	return fingerprintOfHashes(author, appendWordHashes(nil, toks))
}

// fingerprintOfHashes is fingerprintOfText with the text hash computed
// from hashes: the reference that Run's fingerprints (with contentTerms'
// chain) are compared with.
func fingerprintOfHashes(author string, hashes []uint64) fingerprint {
	return fingerprintOfText(author, hashes, textHashOf(hashes))
}

// textHashOf is the hash of the normalised text (its word hashes in
// order) that the exact hash is made of, as contentTerms chains it.
func textHashOf(hashes []uint64) uint64 {
	textHash := uint64(fnvOffset)
	for _, h := range hashes {
		textHash = mix(textHash ^ h)
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
	return c.allowHash(strHash(author), area, bucket)
}

// TestPackWordIsTheBytes checks the whole-word loads of packWord against
// the bytes one by one, for every length.
func TestPackWordIsTheBytes(t *testing.T) {
	w := "abcdefgh"
	for n := 1; n <= 8; n++ {
		var want uint64
		for i := 0; i < n; i++ {
			want |= uint64(w[i]) << (8 * i)
		}
		if got := packWord(w[:n]); got != want {
			t.Errorf("packWord(%q) = %#x, want %#x", w[:n], got, want)
		}
	}
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
		var o aggregate.Observation
		if _, err := p.observe(context.Background(), &w, &it.Post, &o); err != nil {
			continue
		}
		n++
		want := fingerprintOf(it.Post.Author.Key, w.toks)
		if got := fingerprintOfHashes(it.Post.Author.Key, w.words); got != want {
			t.Fatalf("%q: %+v, want %+v", it.Post.Text, got, want)
		}
		// Run's fingerprint, with the text hash contentTerms computed
		if got := fingerprintOfText(it.Post.Author.Key, w.words, w.textHash); got != want {
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
			if out[i] = d.check(p.f); out[i] == "" && !c.allowHash(p.f.author, p.area, p.bucket) {
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
