package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func byID(posts []Post) map[string]Post {
	m := map[string]Post{}
	for _, p := range posts {
		m[p.ID] = p
	}
	return m
}

func TestTwitterV1Fields(t *testing.T) {
	posts, rejects, _, err := decodeAll(t, NewTwitterV1, readFixture(t, "twitter/v1.ndjson"), nil)
	require.NoError(t, err)
	require.Equal(t, 5, len(posts))
	require.Equal(t, 1, len(rejects))
	assert.Equal(t, ReasonNotAPost, rejects[0].Reason)
	assert.Equal(t, 6, rejects[0].Record)

	ps := defaultPseudonymizer
	at := time.Date(2024, 11, 6, 9, 12, 44, 0, time.UTC)
	p := posts[0]
	assert.Equal(t, at, p.Created)
	assert.Equal(t, &orb.Point{5.1084, 52.0842}, p.Geo, "coordinates, not the deprecated [lat, lon] geo field")
	assert.Equal(t, &Place{Name: "Utrecht", FullName: "Utrecht, Nederland", Type: "city", Country: "NL",
		Bound: orb.Bound{Min: orb.Point{4.970096, 52.026282}, Max: orb.Point{5.195155, 52.142571}}}, p.Place)
	assert.Equal(t, Author{Key: ps.Pseudonym(PlatformTwitter, "1287364501", at), Location: "Utrecht, Nederland", Followers: 312}, p.Author)
	gem := ps.Pseudonym(PlatformTwitter, "145009212", at)
	assert.Equal(t, "Weer een gat in het fietspad op de Croeselaan & niemand doet iets. @"+gem+" #Utrecht #fietsen", p.Text)
	assert.Equal(t, []string{gem}, p.Mentions)
	assert.Equal(t, []string{"Utrecht", "fietsen"}, p.Tags)
	assert.Equal(t, Engagement{Reposts: 3, Likes: 17, Replies: 2, Quotes: 1}, p.Engagement)
	assert.Equal(t, "https://x.com/i/web/status/1854088123456789012", p.URL)

	ext := posts[1]
	assert.Equal(t, true, strings.HasSuffix(ext.Text, "parkeren, laden en lossen. #Lombok"), "extended_tweet.full_text")
	assert.Equal(t, []string{"Lombok"}, ext.Tags)
	assert.Equal(t, time.Date(2024, 11, 6, 15, 5, 10, 0, time.UTC), ext.Created, "+0100 converted to UTC")
	assert.Equal(t, "neighborhood", ext.Place.Type)
	assert.Equal(t, true, ext.Geo == nil)

	rt := posts[2]
	assert.Equal(t, KindRepost, rt.Kind)
	assert.Equal(t, &Ref{ID: ext.ID, AuthorKey: ext.Author.Key}, rt.Ref)
	assert.Equal(t, ext.Text, rt.Text, "a repost carries the original's full text")

	rep := posts[3]
	assert.Equal(t, KindReply, rep.Kind)
	assert.Equal(t, &Ref{ID: p.ID, AuthorKey: p.Author.Key}, rep.Ref)
	assert.Equal(t, true, strings.HasPrefix(rep.Text, "@"+p.Author.Key+" Bedankt"))
	assert.Equal(t, Author{Key: gem, Location: "Utrecht", Followers: 98311, Verified: true, Official: true}, rep.Author)

	q := posts[4]
	assert.Equal(t, KindQuote, q.Kind)
	assert.Equal(t, &Ref{ID: rep.ID, AuthorKey: gem}, q.Ref)

	// The JSON array form (REST timeline, tweet_mode=extended) gives the
	// same posts as the NDJSON lines.
	arr, _, _, err := decodeAll(t, NewTwitterV1, readFixture(t, "twitter/v1_timeline.json"), nil)
	require.NoError(t, err)
	assert.Equal(t, []Post{rep, q}, arr)
}

func TestTwitterV1Archive(t *testing.T) {
	data := readFixture(t, "twitter/archive_tweets.js")
	posts, rejects, st, err := decodeAll(t, NewTwitterV1, data, nil)
	require.NoError(t, err)
	require.Equal(t, 0, len(rejects))
	require.Equal(t, 2, len(posts))
	v1, _, _, err := decodeAll(t, NewTwitterV1, readFixture(t, "twitter/v1.ndjson"), nil)
	require.NoError(t, err)
	a, b := posts[0], v1[0]
	assert.Equal(t, b.Text, strings.Replace(a.Text, "#Utrecht", "#Utrecht #fietsen", 1))
	assert.Equal(t, Engagement{Reposts: 3, Likes: 17}, a.Engagement, "counts written as strings")
	assert.Equal(t, Author{}, a.Author, "archive tweets carry no user object")
	assert.Equal(t, KindReply, posts[1].Kind)
	assert.Equal(t, &Ref{ID: "1854090011223344556", AuthorKey: b.Mentions[0]}, posts[1].Ref)
	assert.Equal(t, int64(bytes.LastIndexByte(data, ']')+1), st.Bytes, "the window.YTD prefix is counted")

	// Offsets count from the file start, prefix included.
	bad := []byte("window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\"}}]")
	_, rejects, _, err = decodeAll(t, NewTwitterV1, bad, nil)
	require.NoError(t, err)
	require.Equal(t, 1, len(rejects))
	assert.Equal(t, int64(bytes.IndexByte(bad, '{')), rejects[0].Offset)
	assert.Equal(t, ReasonMissing, rejects[0].Reason)
}

func TestTwitterV2Fields(t *testing.T) {
	posts, rejects, st, err := decodeAll(t, NewTwitterV2, readFixture(t, "twitter/v2.ndjson"), nil)
	require.NoError(t, err)
	require.Equal(t, 6, len(posts))
	require.Equal(t, 1, len(rejects), "the empty page")
	assert.Equal(t, ReasonNotAPost, rejects[0].Reason)
	assert.Equal(t, 7, st.Read)

	v1, _, _, err := decodeAll(t, NewTwitterV1, readFixture(t, "twitter/v1.ndjson"), nil)
	require.NoError(t, err)
	one, two := byID(v1), byID(posts)
	// The same tweets in v1 and v2 give the same posts, up to what each
	// API version carries.
	for _, id := range []string{"1854088123456789012", "1854199900000000001", "1854090011223344556", "1854095700000000002", "1854192001122334455"} {
		a, b := one[id], two[id]
		require.Equal(t, id, b.ID)
		assert.Equal(t, a.Text, b.Text, id)
		assert.Equal(t, a.Kind, b.Kind, id)
		assert.Equal(t, a.Ref, b.Ref, id)
		assert.Equal(t, a.Author.Key, b.Author.Key, id)
		assert.Equal(t, a.Author.Verified, b.Author.Verified, id)
		assert.Equal(t, a.Created, b.Created, id)
		assert.Equal(t, a.Tags, b.Tags, id)
		assert.Equal(t, a.Mentions, b.Mentions, id)
	}
	g := two["1854088123456789012"]
	assert.Equal(t, one["1854088123456789012"].Geo, g.Geo)
	assert.Equal(t, one["1854088123456789012"].Place, g.Place, "place joined from includes.places")
	assert.Equal(t, one["1854088123456789012"].Author, g.Author, "user joined from includes.users")
	assert.Equal(t, Engagement{Reposts: 3, Likes: 17, Replies: 2, Quotes: 1}, g.Engagement)
	assert.Equal(t, true, two["1854090011223344556"].Author.Official)
	bare := two["1854300000000000003"]
	assert.Equal(t, &orb.Point{5.1366, 52.0838}, bare.Geo)
	assert.Equal(t, Author{Key: g.Author.Key}, bare.Author, "no includes: key only")
}

func TestTwitterRawIdentity(t *testing.T) {
	keep := &Options{KeepRawIdentity: true}
	v1, _, _, err := decodeAll(t, NewTwitterV1, readFixture(t, "twitter/v1.ndjson"), keep)
	require.NoError(t, err)
	assert.Equal(t, "@fietsfreek030", v1[0].Author.Handle)
	assert.Equal(t, "1287364501", v1[0].Author.RawID)
	assert.Equal(t, "https://x.com/fietsfreek030/status/1854088123456789012", v1[0].URL)
	assert.Equal(t, []string{"@gemeenteutrecht"}, v1[0].Mentions)
	assert.Equal(t, true, strings.Contains(v1[0].Text, "@gemeenteutrecht #Utrecht"))
	assert.Equal(t, v1[0].Author.Key, NewPseudonymizer([]byte(DefaultPseudonymKey), 0).Pseudonym(PlatformTwitter, "1287364501", v1[0].Created), "keys do not change with KeepRawIdentity")
	v2, _, _, err := decodeAll(t, NewTwitterV2, readFixture(t, "twitter/v2.ndjson"), keep)
	require.NoError(t, err)
	assert.Equal(t, v1[0].Author, v2[0].Author)
	assert.Equal(t, v1[0].URL, v2[0].URL)

	// A secret key gives other keys.
	sec, _, _, err := decodeAll(t, NewTwitterV2, readFixture(t, "twitter/v2.ndjson"), &Options{Pseudonymizer: NewPseudonymizer([]byte("geheim"), 0)})
	require.NoError(t, err)
	assert.Equal(t, false, sec[0].Author.Key == v2[0].Author.Key)
}

func TestTwitterReasons(t *testing.T) {
	const ok = `"created_at":"Wed Nov 06 09:12:44 +0000 2024","text":"x"`
	const ok2 = `"created_at":"2024-11-06T09:12:44.000Z","text":"x"`
	cases := []struct {
		name, ctor, in string
		want           Reason
	}{
		{"v1 syntax", "twitter-v1", `{"id_str":"1",` + ok, ReasonSyntax},
		{"v1 utf8", "twitter-v1", "{\"id_str\":\"1\",\"created_at\":\"Wed Nov 06 09:12:44 +0000 2024\",\"text\":\"\xff\"}", ReasonUTF8},
		{"v1 type", "twitter-v1", `{"id_str":"1",` + ok + `,"retweet_count":"drie"}`, ReasonType},
		{"v1 missing id", "twitter-v1", `{` + ok + `}`, ReasonMissing},
		{"v1 missing time", "twitter-v1", `{"id_str":"1","text":"x"}`, ReasonMissing},
		{"v1 time", "twitter-v1", `{"id_str":"1","created_at":"gisteren","text":"x"}`, ReasonTime},
		{"v1 swapped", "twitter-v1", `{"id_str":"1",` + ok + `,"coordinates":{"type":"Point","coordinates":[52.1,5.1]}}`, ReasonSwapped},
		{"v1 range", "twitter-v1", `{"id_str":"1",` + ok + `,"coordinates":{"type":"Point","coordinates":[200,95]}}`, ReasonCoordinates},
		{"v1 point arity", "twitter-v1", `{"id_str":"1",` + ok + `,"coordinates":{"type":"Point","coordinates":[5.1]}}`, ReasonType},
		{"v1 not a point", "twitter-v1", `{"id_str":"1",` + ok + `,"coordinates":{"type":"LineString","coordinates":[5.1,52.1]}}`, ReasonType},
		{"v1 bbox range", "twitter-v1", `{"id_str":"1",` + ok + `,"place":{"bounding_box":{"type":"Polygon","coordinates":[[[5.1,52.1],[500,-99]]]}}}`, ReasonCoordinates},
		{"v1 delete", "twitter-v1", `{"delete":{"status":{"id_str":"1","user_id_str":"2"}}}`, ReasonNotAPost},
		{"v1 retweet without id", "twitter-v1", `{"id_str":"1",` + ok + `,"retweeted_status":{"text":"y"}}`, ReasonMissing},
		{"v1 too large", "twitter-v1", `{"id_str":"1",` + ok + `,"x":"` + strings.Repeat("a", 300) + `"}`, ReasonTooLarge},
		{"v2 syntax", "twitter-v2", `{"data":[{"id":"1",`, ReasonSyntax},
		{"v2 utf8", "twitter-v2", "{\"id\":\"1\",\"created_at\":\"2024-11-06T09:12:44Z\",\"text\":\"\xff\"}", ReasonUTF8},
		{"v2 type in page", "twitter-v2", `{"data":[{"id":"1",` + ok2 + `,"public_metrics":{"like_count":"veel"}}]}`, ReasonType},
		{"v2 data type", "twitter-v2", `{"data":5}`, ReasonType},
		{"v2 missing time", "twitter-v2", `{"data":{"id":"1","text":"x"}}`, ReasonMissing},
		{"v2 time", "twitter-v2", `{"id":"1","created_at":"2024-11-06 09:12","text":"x"}`, ReasonTime},
		{"v2 swapped", "twitter-v2", `{"id":"1",` + ok2 + `,"geo":{"coordinates":{"type":"Point","coordinates":[52.1,5.1]}}}`, ReasonSwapped},
		{"v2 bbox", "twitter-v2", `{"data":[{"id":"1",` + ok2 + `,"geo":{"place_id":"p"}}],"includes":{"places":[{"id":"p","geo":{"bbox":[5,52,500,53]}}]}}`, ReasonCoordinates},
		{"v2 errors only", "twitter-v2", `{"errors":[{"title":"Not Found Error"}]}`, ReasonNotAPost},
		{"v2 empty page", "twitter-v2", `{"data":[],"meta":{"result_count":0}}`, ReasonNotAPost},
		{"v2 too large", "twitter-v2", `{"id":"1",` + ok2 + `,"x":"` + strings.Repeat("a", 300) + `"}`, ReasonTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			posts, rejects, st, err := decodeAll(t, formatCtors[c.ctor], []byte(c.in), &Options{MaxRecordBytes: 256})
			require.NoError(t, err)
			assert.Equal(t, 0, len(posts))
			require.Equal(t, 1, len(rejects))
			assert.Equal(t, c.want, rejects[0].Reason, rejects[0].Error())
			assert.Equal(t, c.ctor, rejects[0].Format)
			assert.Equal(t, 1, st.Read)

			// Strict mode yields the same rejection as the final pair.
			d := formatCtors[c.ctor](strings.NewReader(c.in), &Options{MaxRecordBytes: 256, Strict: true})
			var last error
			n := 0
			for _, e := range d.Posts(context.Background()) {
				last = e
				n++
			}
			var de *DecodeError
			require.Equal(t, true, errors.As(last, &de))
			assert.Equal(t, 1, n)
			assert.Equal(t, c.want, de.Reason)
		})
	}
}

func TestTwitterBadFixtures(t *testing.T) {
	for _, c := range []struct {
		file, ctor string
		yielded    int
		reasons    []Reason
		records    []int
	}{
		{"twitter/v1_bad.ndjson", "twitter-v1", 2,
			[]Reason{ReasonSwapped, ReasonTime, ReasonSyntax, ReasonMissing, ReasonType, ReasonCoordinates, ReasonNotAPost},
			[]int{2, 3, 4, 5, 6, 7, 8}},
		{"twitter/v2_bad.ndjson", "twitter-v2", 3,
			[]Reason{ReasonSwapped, ReasonMissing, ReasonType, ReasonSyntax, ReasonNotAPost, ReasonTime},
			[]int{2, 3, 4, 6, 7, 8}},
	} {
		data := readFixture(t, c.file)
		posts, rejects, st, err := decodeAll(t, formatCtors[c.ctor], data, nil)
		require.NoError(t, err)
		assert.Equal(t, c.yielded, len(posts), c.file)
		var reasons []Reason
		var records []int
		for _, r := range rejects {
			reasons = append(reasons, r.Reason)
			records = append(records, r.Record)
			assert.Equal(t, true, r.Offset == 0 || data[r.Offset-1] == '\n', "offset at a line start")
		}
		assert.Equal(t, c.reasons, reasons, c.file)
		assert.Equal(t, c.records, records, c.file)
		assert.Equal(t, st.Read, st.Yielded+st.RejectedTotal(), c.file)
		assert.Equal(t, int64(len(data)), st.Bytes, c.file)
	}
}

func FuzzTwitterV1(f *testing.F) {
	fuzzFormat(f, NewTwitterV1, "twitter/v1.ndjson", "twitter/v1_timeline.json", "twitter/v1_bad.ndjson", "twitter/archive_tweets.js")
}

func FuzzTwitterV2(f *testing.F) {
	fuzzFormat(f, NewTwitterV2, "twitter/v2.ndjson", "twitter/v2_bad.ndjson")
}

func BenchmarkTwitterV1(b *testing.B) {
	benchFormat(b, NewTwitterV1, repeatLines(b, "twitter/v1.ndjson", 100))
}

func BenchmarkTwitterV2(b *testing.B) {
	benchFormat(b, NewTwitterV2, repeatLines(b, "twitter/v2.ndjson", 150))
}

// TestTwitterNoRawIdentity checks every string of the fixtures' user
// objects: none appears in the decoded posts by default.
func TestTwitterNoRawIdentity(t *testing.T) {
	for _, c := range []struct{ file, ctor string }{
		{"twitter/v1.ndjson", "twitter-v1"}, {"twitter/v1_timeline.json", "twitter-v1"}, {"twitter/v2.ndjson", "twitter-v2"},
		{"twitter/archive_tweets.js", "twitter-v1"},
	} {
		data := readFixture(t, c.file)
		raw := map[string]bool{}
		var walk func(v any, inUser bool)
		walk = func(v any, inUser bool) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					switch k {
					case "user", "users", "user_mentions", "mentions":
						walk(e, true)
					case "id_str", "id", "screen_name", "username", "in_reply_to_user_id_str", "in_reply_to_user_id", "in_reply_to_screen_name", "user_id_str":
						if s, ok := e.(string); ok && (inUser || strings.Contains(k, "user") || strings.Contains(k, "screen")) {
							raw[s] = true
						}
						walk(e, inUser)
					default:
						walk(e, inUser)
					}
				}
			case []any:
				for _, e := range x {
					walk(e, inUser)
				}
			}
		}
		js := data
		if _, after, ok := bytes.Cut(data, []byte("= ")); ok && bytes.HasPrefix(data, []byte("window.YTD.")) {
			js = after
		}
		dec := json.NewDecoder(bytes.NewReader(js))
		for dec.More() {
			var v any
			require.NoError(t, dec.Decode(&v))
			walk(v, false)
		}
		require.Equal(t, true, len(raw) >= 2, c.file)
		posts, _, _, err := decodeAll(t, formatCtors[c.ctor], data, nil)
		require.NoError(t, err)
		out, _ := json.Marshal(posts)
		for r := range raw {
			assert.Equal(t, false, bytes.Contains(bytes.ToLower(out), bytes.ToLower([]byte(r))), c.file+": "+r)
		}
	}
}
