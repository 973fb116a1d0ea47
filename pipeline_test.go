package socialgeo

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/bits"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/sentiment"
	"github.com/socialgeo/socialgeo/source"
)

func library(t testing.TB) []profile.Profile {
	t.Helper()
	lib, err := profile.Library()
	require.NoError(t, err)
	return lib.Profiles()
}

func generator(t testing.TB, n int) *synth.Generator {
	t.Helper()
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 7})
	require.NoError(t, err)
	return gen
}

// collect records every observation it is given.
type collect struct{ obs []aggregate.Observation }

func (c *collect) Add(o aggregate.Observation) { c.obs = append(c.obs, o) }

func post(id, author, text string, at time.Time) source.Post {
	return source.Post{ID: id, Platform: source.PlatformMastodon, Created: at, Text: text, Author: source.Author{Key: author}}
}

var t0 = time.Date(2026, 4, 27, 10, 0, 0, 0, time.UTC)

func TestObserveLocatesScoresAndMatches(t *testing.T) {
	p, err := New(&Options{Profiles: library(t)})
	require.NoError(t, err)
	pt := orb.Point{4.8852, 52.3600} // Rijksmuseum, Amsterdam
	in := post("1", "p_a", "Stroomstoring in Utrecht, hele wijk zit in het donker. Echt belachelijk!", t0)
	in.Geo = &pt
	in.Author.Location = "Leiden"
	o, err := p.Observe(context.Background(), in)
	require.NoError(t, err)
	has := func(id geo.AreaID, r geo.Role) bool {
		for _, a := range o.Areas {
			if a.Area == id && a.Role == r {
				return true
			}
		}
		return false
	}
	assert.True(t, has("GM0363", geo.RoleFrom), "geotag at the Rijksmuseum is from Amsterdam: %+v", o.Areas)
	assert.True(t, has("GM0546", geo.RoleHome), "profile Leiden: %+v", o.Areas)
	assert.True(t, has("GM0344", geo.RoleAbout), "text about Utrecht: %+v", o.Areas)
	assert.False(t, has("GM0363", geo.RoleAbout), "the geotag must not make the post about Amsterdam")
	assert.Less(t, o.Polarity, 0.0)
	require.NotEmpty(t, o.Profiles)
	assert.Equal(t, "stroomstoring", o.Profiles[0].ID)
	assert.Contains(t, o.Terms, "stroomstoring")
	assert.Equal(t, "nl", o.Lang)
	assert.Equal(t, "p_a", o.Author)

	_, err = p.Observe(context.Background(), source.Post{ID: "x", Text: "geen tijd"})
	var re *RejectError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, RejectInvalid, re.Reason)
}

func TestRunConservesPostsAndCountsDecoderRejections(t *testing.T) {
	bad, err := os.ReadFile("source/testdata/mastodon/bad.ndjson")
	require.NoError(t, err)
	p, err := New(nil)
	require.NoError(t, err)
	dec := source.NewMastodon(bytes.NewReader(bad), nil)
	rep, err := p.Run(context.Background(), dec)
	require.NoError(t, err)
	st := dec.Stats()
	assert.Equal(t, st.Read, rep.Read, "every record read by the decoder is in the report")
	assert.Equal(t, rep.Read, rep.Observed+rep.RejectedTotal())
	assert.GreaterOrEqual(t, st.RejectedTotal(), 2)
}

func TestRunFilters(t *testing.T) {
	var posts []source.Post
	// one hyperactive account: 12 different posts about Utrecht in one hour
	words := strings.Fields("appel boom citroen dak emmer fiets gras hek ijs jas kaas lamp")
	for i, w := range words {
		posts = append(posts, post("cap"+w, "p_busy", "In Utrecht: "+w, t0.Add(time.Duration(i)*time.Minute)))
	}
	// a copy-paste campaign: six authors, the same text with tiny changes
	for i, s := range []string{"!", "!!", "", " !", "!!!", "."} {
		posts = append(posts, post("camp"+string(rune('a'+i)), "p_c"+string(rune('a'+i)), "Stop de windmolens in Zeewolde teken nu de petitie #stopwindmolens"+s, t0.Add(2*time.Hour)))
	}
	// an exact duplicate by the same author, and a repost
	posts = append(posts, post("d1", "p_d", "Mooie dag in Groningen vandaag", t0), post("d2", "p_d", "Mooie dag in Groningen vandaag", t0.Add(time.Minute)))
	rp := post("r1", "p_r", "", t0)
	rp.Kind, rp.Ref = source.KindRepost, &source.Ref{ID: "d1"}
	posts = append(posts, rp)

	rejected := map[string]string{}
	p, err := New(&Options{OnReject: func(id, reason string) { rejected[id] = reason }})
	require.NoError(t, err)
	var c collect
	rep, err := p.Run(context.Background(), source.FromSlice(posts), &c)
	require.NoError(t, err)
	assert.Equal(t, RejectDuplicate, rejected["d2"])
	assert.Equal(t, RejectRepost, rejected["r1"])
	assert.Equal(t, RejectNearDuplicate, rejected["campb"])
	assert.Equal(t, rep.RejectedTotal(), len(rejected))
	assert.Equal(t, DefaultAuthorCap+0, 12-rep.Rejected[RejectAuthorCap], "the busy author is capped at %d posts per area-hour", DefaultAuthorCap)
	assert.Equal(t, 5, rep.Rejected[RejectNearDuplicate], "campaign copies")
	assert.Equal(t, 1, rep.Rejected[RejectDuplicate])
	assert.Equal(t, 1, rep.Rejected[RejectRepost])
	assert.Equal(t, 1, rep.RepostReach)
	assert.Equal(t, len(posts), rep.Read)
	assert.Equal(t, rep.Observed, len(c.obs))

	// filters off: everything is observed except the repost
	zero := 0
	p, err = New(&Options{DedupWindow: &zero, AuthorCap: &zero})
	require.NoError(t, err)
	rep, err = p.Run(context.Background(), source.FromSlice(posts))
	require.NoError(t, err)
	assert.Equal(t, len(posts)-1, rep.Observed)
}

func TestRunWorkersGiveTheSameResult(t *testing.T) {
	gen := generator(t, 4000)
	run := func(workers int) ([]aggregate.GridCell, *Report) {
		p, err := New(&Options{Profiles: library(t), Workers: workers})
		require.NoError(t, err)
		grid, err := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
		require.NoError(t, err)
		rep, err := p.Run(context.Background(), gen, grid)
		require.NoError(t, err)
		var cells []aggregate.GridCell
		for c := range grid.Results(&aggregate.Policy{K: 1, UnsafeSmallK: true}) {
			cells = append(cells, c)
		}
		return cells, rep
	}
	c1, r1 := run(1)
	// 4 workers add with one goroutine to grid itself, 9 with two to
	// forks of it, joined at the end (addersFor).
	require.Equal(t, 2, addersFor(9))
	for _, workers := range []int{4, 9} {
		cn, rn := run(workers)
		require.Equal(t, len(c1), len(cn))
		for i := range c1 {
			a, b := c1[i], cn[i]
			// Sums of floating-point polarities depend on the merge
			// order in the last bits; everything else is exact.
			assert.InDelta(t, a.Sentiment, b.Sentiment, 1e-12, a.ID)
			a.Sentiment, b.Sentiment = 0, 0
			assert.Equal(t, a, b)
		}
		delete(rn.Thresholds, "workers")
		assert.Equal(t, r1, rn, "workers=%d", workers)
	}
	assert.Equal(t, 4000, r1.Read)
	assert.Equal(t, r1.Read, r1.Observed+r1.RejectedTotal())
}

// A Run takes the filter tables of the Pipeline's previous Run: a
// second Run of the same stream gives the same report.
func TestRunTwiceGivesTheSameResult(t *testing.T) {
	p, err := New(&Options{Profiles: library(t)})
	require.NoError(t, err)
	var reports []*Report
	var rejects [][]string
	for range 3 {
		var rej []string
		p.opts.OnReject = func(id, reason string) { rej = append(rej, id+" "+reason) }
		rep, err := p.Run(context.Background(), generator(t, 3000))
		require.NoError(t, err)
		reports, rejects = append(reports, rep), append(rejects, rej)
	}
	assert.NotEmpty(t, rejects[0])
	for i := 1; i < len(reports); i++ {
		assert.Equal(t, reports[0], reports[i])
		assert.Equal(t, rejects[0], rejects[i])
	}
}

func TestRunCancellationEndsAllGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	p, err := New(&Options{Workers: 3, ProgressEvery: 500, Progress: func(pr Progress) {
		if pr.Read >= 1000 {
			cancel()
		}
	}})
	require.NoError(t, err)
	rep, err := p.Run(ctx, generator(t, 50000))
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, rep.Read, 50000)
	assert.Equal(t, rep.Read, rep.Observed+rep.RejectedTotal())
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines outlived Run")
}

func TestProgressIsMonotonicAndEndsDone(t *testing.T) {
	var got []Progress
	now := t0
	p, err := New(&Options{ProgressEvery: 300, Progress: func(pr Progress) { got = append(got, pr) },
		Clock: func() time.Time { now = now.Add(time.Second); return now }})
	require.NoError(t, err)
	rep, err := p.Run(context.Background(), generator(t, 1000))
	require.NoError(t, err)
	require.Len(t, got, 4)
	for i := 1; i < len(got); i++ {
		assert.Greater(t, got[i].Read, got[i-1].Read)
		assert.Greater(t, got[i].Elapsed, got[i-1].Elapsed)
	}
	assert.True(t, got[len(got)-1].Done)
	assert.Equal(t, rep.Read, got[len(got)-1].Read)
	assert.Equal(t, t0.Add(time.Second), rep.Generated)
}

func TestNoRawIdentityInOutputs(t *testing.T) {
	gen := generator(t, 2000)
	raw := map[string]bool{}
	for it := range gen.Items() {
		raw[it.Post.Author.RawID] = true
		raw[strings.TrimPrefix(it.Post.Author.Handle, "@")] = true
	}
	p, err := New(&Options{Profiles: library(t)})
	require.NoError(t, err)
	var c collect
	rep, err := p.Run(context.Background(), gen, &c)
	require.NoError(t, err)
	var js bytes.Buffer
	require.NoError(t, rep.WriteJSON(&js))
	require.NoError(t, rep.WriteMarkdown(&js))
	delete(raw, "")
	for _, o := range c.obs {
		if o.Author == "" {
			continue // citizen reports carry no author
		}
		assert.False(t, raw[o.Author], "raw id %q reached an observation", o.Author)
		assert.True(t, strings.HasPrefix(o.Author, "p_"))
		for _, term := range o.Terms {
			assert.False(t, raw[term], "handle %q reached the terms", term)
		}
	}
	for id := range raw {
		if id != "" {
			assert.NotContains(t, js.String(), id)
		}
	}
}

func TestPersonLevelNeedsPurpose(t *testing.T) {
	lib := library(t)
	p, err := New(&Options{Profiles: lib})
	require.NoError(t, err)
	assert.NoError(t, p.PersonLevel("webcare"))
	assert.ErrorIs(t, p.PersonLevel("stroomstoring"), ErrPersonLevel)
	assert.Error(t, p.PersonLevel("nope"))
}

func TestNewRejectsBadOptions(t *testing.T) {
	neg, big := -1, 9
	for _, o := range []*Options{{Workers: -1}, {AuthorCap: &neg}, {NearDuplicate: &big}, {Profiles: []profile.Profile{{ID: "x", Query: "("}}}} {
		_, err := New(o)
		assert.Error(t, err, "%+v", o)
	}
	lib := library(t)
	_, err := New(&Options{Profiles: append(lib, lib[0])})
	assert.Error(t, err, "duplicate profile ids")
	assert.False(t, errors.Is(err, ErrPersonLevel))
}

func TestDedupLocationsKeepsTheMostConfident(t *testing.T) {
	in := []geo.Location{
		{Area: "GM0344", Role: geo.RoleAbout, Confidence: 0.6},
		{Area: "GM0344", Role: geo.RoleHome, Confidence: 0.9},
		{Area: "GM0344", Role: geo.RoleAbout, Confidence: 0.8, Method: geo.MethodHashtag},
		{Area: "GM0363", Role: geo.RoleAbout, Confidence: 0.5},
	}
	hs := make([]uint64, len(in))
	for i := range in {
		hs[i] = strHash(string(in[i].Area))
	}
	out := dedupLocationsHashed(in, hs)
	require.Len(t, out, 3)
	assert.Equal(t, 0.8, out[0].Confidence)
	assert.Equal(t, geo.MethodHashtag, out[0].Method)
	assert.Equal(t, geo.RoleHome, out[1].Role)
}

func TestProfilesSeePostFieldsAndParentAreas(t *testing.T) {
	pr := []profile.Profile{
		{ID: "utrecht-stroom", Name: "Stroom in Utrecht", Version: "1", Query: "about:GM0344 stroom*",
			Purpose: profile.Purpose{Description: "test", LegalBasis: "public task"}},
		{ID: "provincie-utrecht", Name: "Over de provincie Utrecht", Version: "1", Query: "about:PV26 (stroom* OR storing)",
			Purpose: profile.Purpose{Description: "test", LegalBasis: "public task"}},
	}
	p, err := New(&Options{Profiles: pr})
	require.NoError(t, err)
	ids := func(text string) []string {
		o, err := p.Observe(context.Background(), post("1", "p_a", text, t0))
		require.NoError(t, err)
		var out []string
		for _, m := range o.Profiles {
			out = append(out, m.ID)
		}
		return out
	}
	assert.ElementsMatch(t, []string{"utrecht-stroom", "provincie-utrecht"}, ids("Stroomstoring in Utrecht"))
	assert.Empty(t, ids("Stroomstoring in Groningen"), "about another province")
	assert.Equal(t, []string{"provincie-utrecht"}, ids("Storing bij de trein in Amersfoort"), "Amersfoort lies in province Utrecht")
}

// simhashReference is the textbook SimHash over the same features.
func simhashReference(toks []text.Token) uint64 {
	var counts [64]int
	prev := uint64(0)
	for _, t := range toks {
		if t.Kind != text.Word && t.Kind != text.Hashtag && t.Kind != text.Number {
			continue
		}
		g := bigram(prev, strHash(t.Norm))
		for b := 0; b < 64; b++ {
			if g&(1<<b) != 0 {
				counts[b]++
			} else {
				counts[b]--
			}
		}
		prev = strHash(t.Norm)
	}
	var sim uint64
	for b := range counts {
		if counts[b] > 0 {
			sim |= 1 << b
		}
	}
	return sim
}

func TestFingerprintMatchesTextbookSimHash(t *testing.T) {
	gen := generator(t, 3000)
	n := 0
	for it := range gen.Items() {
		toks := text.Tokenize(it.Post.Text, nil)
		require.Equal(t, simhashReference(toks), fingerprintOf("a", toks).sim, it.Post.Text)
		n++
	}
	long := text.Tokenize(strings.Repeat("een twee drie vier vijf zes ", 200), nil)
	assert.Equal(t, simhashReference(long), fingerprintOf("a", long).sim, "1200 words")
	assert.Equal(t, 3000, n)
}

func TestAlgorithmDescriptionFromProfiles(t *testing.T) {
	p, err := New(&Options{Profiles: library(t)})
	require.NoError(t, err)
	a := p.Algorithm()
	assert.True(t, a.PersonLevel, "the webcare profile permits person-level output")
	require.Len(t, a.Purpose, len(library(t)))
	assert.Contains(t, strings.Join(a.Purpose, "\n"), "webcare: ")
	assert.Contains(t, strings.Join(a.Method, "\n"), "at most 5 posts per author")
	var b bytes.Buffer
	require.NoError(t, a.WriteJSON(&b))
	assert.Contains(t, b.String(), `"legal_basis"`)

	p, err = New(nil)
	require.NoError(t, err)
	a = p.Algorithm()
	assert.False(t, a.PersonLevel)
	assert.Len(t, a.Purpose, 1)
}

func TestCompositeProfileThroughRegistry(t *testing.T) {
	lib, err := profile.Library()
	require.NoError(t, err)
	comp, err := lib.Get("veiligheidsgevoel")
	require.NoError(t, err)
	require.NotEmpty(t, comp.References)
	_, err = New(&Options{Profiles: []profile.Profile{comp}})
	assert.Error(t, err, "sub-profiles are unknown without a registry")
	p, err := New(&Options{Profiles: []profile.Profile{comp}, Registry: lib})
	require.NoError(t, err)
	o, err := p.Observe(context.Background(), post("1", "p_a", "Weer ingebroken bij de buren in Tilburg, ik voel me niet veilig meer", t0))
	require.NoError(t, err)
	require.Len(t, o.Profiles, 1)
	assert.Equal(t, "veiligheidsgevoel", o.Profiles[0].ID)
}

// The author cap forgets old buckets: a long stream of one author posting
// once an hour is never capped, however many posts and cells it makes.
func TestAuthorCapIsPerBucketAndBounded(t *testing.T) {
	c := newAuthorCap(2, 1<<7)
	for h := int64(0); h < 5000; h++ {
		require.True(t, c.allow("p_a", "GM0344", h), "hour %d", h)
		require.True(t, c.allow("p_b"+strconv.FormatInt(h, 10), "GM0363", h))
	}
	assert.True(t, c.allow("p_a", "GM0344", 4999))
	assert.False(t, c.allow("p_a", "GM0344", 4999), "the third post in one hour is capped")
	assert.True(t, c.allow("p_a", "GM0363", 4999), "another area is another cell")
	assert.True(t, c.allow("p_a", "GM0344", 1), "a late post for an old hour gets a fresh count")
}

func TestPolicyIsValidatedAndReported(t *testing.T) {
	_, err := New(&Options{Policy: &aggregate.Policy{K: 1}})
	assert.Error(t, err, "k = 1 needs UnsafeSmallK")
	p, err := New(&Options{Policy: &aggregate.Policy{K: 15}})
	require.NoError(t, err)
	assert.Equal(t, 15, p.Policy().MinAuthors())
	rep, err := p.Run(context.Background(), source.FromSlice(nil))
	require.NoError(t, err)
	assert.Equal(t, "15", rep.Thresholds["disclosure_min_authors"])
	rep.CountCell(aggregate.Disclosure{Suppressed: true})
	rep.CountCell(aggregate.Disclosure{})
	assert.Equal(t, CellCounts{Published: 1, Suppressed: 1}, rep.Cells)
	p, err = New(nil)
	require.NoError(t, err)
	assert.Equal(t, 10, p.Policy().MinAuthors())
}

// TestStrHash pins the filter hash (filter decisions must be the same on
// every machine) and checks that it separates near strings of every
// length around the 8-byte word boundary.
func TestStrHash(t *testing.T) {
	assert.Equal(t, uint64(0x334f277f27a4eae4), strHash("koningsdag"), "pinned value changed: filter decisions would differ from earlier runs")
	seen := map[uint64]string{}
	for n := 0; n <= 17; n++ {
		for _, c := range []byte("abz\x00") {
			s := strings.Repeat("a", n) + string(c)
			if prev, dup := seen[strHash(s)]; dup {
				t.Fatalf("strHash(%q) == strHash(%q)", s, prev)
			}
			seen[strHash(s)] = s
		}
	}
}

// TestDedupAgreesWithLinearScan compares the banded, linked-list index
// with a linear scan of the last window fingerprints, on streams with
// many near and exact repeats, so that eviction and relinking are
// exercised. As in Run, the exact hash is a hash of the author and the
// words, of which the SimHash is a function: equal exact hashes come
// with equal SimHashes (the index finds exact duplicates among the
// fingerprints with the same band 0).
func TestDedupAgreesWithLinearScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	type fp struct{ sim, exact uint64 }
	for _, window := range []int{1, 2, 7, 64} {
		d := newDedup(window, 3)
		var recent []fp
		base := []uint64{r.Uint64(), r.Uint64(), r.Uint64()}
		for i := 0; i < 2000; i++ {
			f := fingerprint{sim: base[r.IntN(len(base))], words: 2 + r.IntN(6)}
			for k := r.IntN(6); k > 0; k-- {
				f.sim ^= 1 << r.IntN(64)
			}
			if author := uint64(r.IntN(4)); author != 0 { // 0: none
				f.exact = mix(mix(f.sim) ^ author)
			}
			want := ""
			for _, o := range recent {
				if o.exact == f.exact && f.exact != 0 {
					want = RejectDuplicate
					break
				}
			}
			if want == "" && f.words >= 4 {
				for _, o := range recent {
					if bits.OnesCount64(o.sim^f.sim) <= 3 {
						want = RejectNearDuplicate
						break
					}
				}
			}
			require.Equal(t, want, d.check(f), "window %d, post %d", window, i)
			checkBandLists(t, d)
			if want != RejectDuplicate {
				recent = append(recent, fp{sim: f.sim, exact: f.exact})
				if len(recent) > window {
					recent = recent[1:]
				}
			}
		}
	}
}

// checkBandLists checks that every band list holds exactly the ring slots
// with that band value, newest first, that the bitmap of band values in
// use is right and that a slot's hasNewer flags tell whether a newer
// slot has its band value.
func checkBandLists(t *testing.T, d *dedup) {
	t.Helper()
	n := int32(len(d.ring))
	if !d.full {
		n = d.next
	}
	for bi := range d.head {
		want := map[uint16][]int32{} // newest first
		for k := int32(1); k <= n; k++ {
			slot := (d.next - k + d.window) % d.window
			o := d.ring[slot]
			v := uint16(o.sim >> (16 * bi))
			if newer := len(want[v]) > 0; newer != (o.older[bi]&hasNewer != 0) {
				t.Fatalf("band %d slot %d: hasNewer %v, want %v", bi, slot, !newer, newer)
			}
			want[v] = append(want[v], slot)
		}
		inUse := 0
		for _, w := range d.used[bi] {
			inUse += bits.OnesCount64(w)
		}
		if inUse != len(want) {
			t.Fatalf("band %d: %d values in use, want %d", bi, inUse, len(want))
		}
		for v, slots := range want {
			var got []int32
			for s := d.first(bi, uint64(v)<<(16*bi)); s >= 0; s = d.older(s, bi) {
				if got = append(got, s); len(got) > len(d.ring) {
					t.Fatalf("band %d value %d: cycle", bi, v)
				}
			}
			if !slices.Equal(slots, got) {
				t.Fatalf("band %d value %d: list %v, want %v", bi, v, got, slots)
			}
		}
	}
}

func TestIsStopword(t *testing.T) {
	words := strings.Fields(stopwordList)
	for _, w := range words {
		require.LessOrEqual(t, len(w), 8, w)
		assert.True(t, isStopword(w), w)
	}
	for _, w := range []string{"", "dee", "hett", "d", "koningsdag", "stroom", "tram", "thee", "abouts", "wanneers", "ond"} {
		assert.False(t, isStopword(w), w)
	}
}

// TestSentimentLanguageIsDetect guards Observe's use of the analyzer's
// language as the about resolver's Query.Lang, "und" included: it must be
// what the resolver would detect itself from the same tokens.
func TestSentimentLanguageIsDetect(t *testing.T) {
	an := sentiment.Default()
	seen := map[string]int{}
	for it := range generator(t, 5000).Items() {
		toks := text.Tokenize(it.Post.Text, nil)
		want := sentiment.DetectLanguage(toks)
		require.Equal(t, want, an.AnalyzeTokens(toks).Lang, it.Post.Text)
		seen[want.String()]++
	}
	assert.Len(t, seen, 3, "nl, en and und all occur: %v", seen)
}

// TestRunCopiesGeotags runs two workers over posts with geotags and then
// changes the posts' points: the observations keep their own copies.
func TestRunCopiesGeotags(t *testing.T) {
	p, err := New(&Options{Workers: 2})
	require.NoError(t, err)
	var points []*orb.Point
	i := 0
	src := source.FromNext(func(ctx context.Context) (source.Post, error) {
		if i == 2000 {
			return source.Post{}, io.EOF
		}
		in := post(strconv.Itoa(i), "p_"+strconv.Itoa(i), "Bericht nummer "+strconv.Itoa(i), t0.Add(time.Duration(i)*time.Second))
		in.Geo = &orb.Point{4.0 + float64(i)*0.0001, 52.0}
		points = append(points, in.Geo)
		i++
		return in, nil
	})
	var c collect
	_, err = p.Run(context.Background(), src, &c)
	require.NoError(t, err)
	require.NotEmpty(t, c.obs)
	for _, pt := range points {
		*pt = orb.Point{}
	}
	for _, o := range c.obs {
		k := int(o.Time.Sub(t0) / time.Second)
		require.NotNil(t, o.Point)
		require.Equal(t, orb.Point{4.0 + float64(k)*0.0001, 52.0}, *o.Point, "post %d", k)
	}
}

// TestRunObservesAsObserve checks that Run, which takes batches of posts
// through one stage at a time, gives every accepted post the observation
// Observe gives it, with one worker and with two (whose batches are
// larger than a stage's).
func TestRunObservesAsObserve(t *testing.T) {
	ctx := context.Background()
	posts, err := source.Collect(generator(t, 3000).Posts(ctx))
	require.NoError(t, err)
	for _, workers := range []int{1, 2} {
		rejected := map[string]bool{}
		p, err := New(&Options{Profiles: library(t), Workers: workers,
			OnReject: func(id, _ string) { rejected[id] = true }})
		require.NoError(t, err)
		var got collect
		rep, err := p.Run(ctx, source.FromSlice(posts), &got)
		require.NoError(t, err)
		require.Equal(t, rep.Observed, len(got.obs))
		require.Greater(t, len(got.obs), len(posts)/2)
		k := 0
		for _, post := range posts {
			if rejected[post.ID] {
				continue
			}
			want, err := p.Observe(ctx, post)
			require.NoError(t, err)
			require.Less(t, k, len(got.obs))
			require.Equal(t, want, got.obs[k], "workers=%d: %s", workers, post.Text)
			k++
		}
		assert.Equal(t, len(got.obs), k, "workers=%d", workers)
	}
}
