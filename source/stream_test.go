package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ctor func(io.Reader, *Options) *Decoder

var formatCtors = map[string]ctor{
	"mastodon":     NewMastodon,
	"bluesky":      NewBluesky,
	"open311-json": NewOpen311JSON,
	"open311-xml":  NewOpen311XML,
	"feed":         NewFeed,
	"ndjson":       NewNDJSON,
	"twitter-v1":   NewTwitterV1,
	"twitter-v2":   NewTwitterV2,
	"csv":          csvCtor(nil),
	"csv-export":   csvCtor(exportColumns),
}

// formatFixtures lists every fixture with its decoder.
var formatFixtures = []struct {
	file string
	ctor string
}{
	{"mastodon/timeline.json", "mastodon"},
	{"mastodon/bad.ndjson", "mastodon"},
	{"bluesky/jetstream.ndjson", "bluesky"},
	{"bluesky/bad.ndjson", "bluesky"},
	{"open311/requests.json", "open311-json"},
	{"open311/bad.ndjson", "open311-json"},
	{"open311/requests.xml", "open311-xml"},
	{"feed/utrecht.rss", "feed"},
	{"feed/rotterdam.atom", "feed"},
	{"ndjson/posts.ndjson", "ndjson"},
	{"ndjson/rawidentity.ndjson", "ndjson"},
	{"ndjson/bad.ndjson", "ndjson"},
	{"twitter/v1.ndjson", "twitter-v1"},
	{"twitter/v1_timeline.json", "twitter-v1"},
	{"twitter/v1_bad.ndjson", "twitter-v1"},
	{"twitter/archive_tweets.js", "twitter-v1"},
	{"twitter/v2.ndjson", "twitter-v2"},
	{"twitter/v2_bad.ndjson", "twitter-v2"},
	{"csv/posts.csv", "csv"},
	{"csv/bad.csv", "csv"},
	{"csv/export_semicolon.csv", "csv-export"},
}

func decodeAll(t testing.TB, c ctor, data []byte, opts *Options) ([]Post, []*DecodeError, Stats, error) {
	t.Helper()
	var rejects []*DecodeError
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.OnReject = func(e *DecodeError) { rejects = append(rejects, e) }
	d := c(bytes.NewReader(data), &o)
	var posts []Post
	var err error
	for p, e := range d.Posts(context.Background()) {
		if e != nil {
			err = e
			break
		}
		posts = append(posts, p)
	}
	return posts, rejects, d.Stats(), err
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestFormatFixturesCountsAddUp(t *testing.T) {
	for _, f := range formatFixtures {
		t.Run(f.file, func(t *testing.T) {
			posts, rejects, st, err := decodeAll(t, formatCtors[f.ctor], readFixture(t, f.file), nil)
			require.NoError(t, err)
			assert.Equal(t, st.Read, st.Yielded+st.RejectedTotal())
			assert.Equal(t, len(posts), st.Yielded)
			assert.Equal(t, len(rejects), st.RejectedTotal())
			for _, p := range posts {
				assert.Equal(t, true, p.ID != "" && !p.Created.IsZero() && p.Platform != "")
				assert.Equal(t, true, utf8.ValidString(p.Text))
			}
			if testing.Verbose() {
				for _, p := range posts {
					b, _ := json.Marshal(p)
					t.Logf("%s", b)
				}
				for _, r := range rejects {
					t.Logf("%v", r)
				}
			}
		})
	}
}

func TestRawIdentityNeverLeaksByDefault(t *testing.T) {
	raw := []string{
		// Mastodon account ids, accts, usernames (also in mention links).
		"109876543210", "fietsfreek", "wijkbewoner", "555001", "nieuwsbot", "777123", "gemeenteutrecht", "amersfoorter",
		// Bluesky dids and handles.
		"did:plc", "utrechtfiets4kq2z7", "zuilenbewoner9x", "nieuwsrotterdam2", "gemeenteutr3ch7", "bsky.social",
		// Open311 account id and e-mail.
		"burger-77421", "j.jansen", "example.nl",
		// Feed bylines.
		"Petra de Vries", "Afdeling Communicatie",
		// NDJSON raw identity fields.
		"fietsfreek030", "2244994945", "109999000111",
		// Twitter screen names and user ids (also in mentions, replies, URLs).
		"gemeenteutrecht", "wijkbewonerLombok", "rtvutrecht", "1287364501", "145009212", "3316604471", "18273645",
		// CSV author ids and handles.
		"109876543210", "Wijkraad Lombok", "wijkraad lombok",
	}
	for _, f := range formatFixtures {
		t.Run(f.file, func(t *testing.T) {
			posts, _, _, err := decodeAll(t, formatCtors[f.ctor], readFixture(t, f.file), nil)
			require.NoError(t, err)
			out, err := json.Marshal(posts)
			require.NoError(t, err)
			for _, r := range raw {
				assert.Equal(t, false, bytes.Contains(out, []byte(r)), r)
			}
		})
	}
	// With KeepRawIdentity the identities are there.
	keep := &Options{KeepRawIdentity: true}
	for _, c := range []struct {
		file, ctor string
		want       []string
	}{
		{"mastodon/timeline.json", "mastodon", []string{"109876543210", "@fietsfreek", "@gemeenteutrecht@social.utrecht.nl"}},
		{"bluesky/jetstream.ndjson", "bluesky", []string{"did:plc:utrechtfiets4kq2z7", "at://did:plc:utrechtfiets4kq2z7/app.bsky.feed.post/3lax2pbj5ts2y", "https://bsky.app/profile/did:plc:utrechtfiets4kq2z7/post/3lax2pbj5ts2y", "did:plc:gemeenteutr3ch7"}},
		{"feed/rotterdam.atom", "feed", []string{"Petra de Vries"}},
	} {
		posts, _, _, err := decodeAll(t, formatCtors[c.ctor], readFixture(t, c.file), keep)
		require.NoError(t, err)
		out, _ := json.Marshal(posts)
		for _, w := range c.want {
			assert.Equal(t, true, bytes.Contains(out, []byte(w)), c.file+": "+w)
		}
	}
	// Open311 account ids are never copied, even with KeepRawIdentity.
	posts, _, _, err := decodeAll(t, NewOpen311JSON, readFixture(t, "open311/requests.json"), keep)
	require.NoError(t, err)
	out, _ := json.Marshal(posts)
	assert.Equal(t, false, bytes.Contains(out, []byte("burger-77421")))
	assert.Equal(t, false, bytes.Contains(out, []byte("j.jansen")))
}

func TestFormatReasons(t *testing.T) {
	big := `{"id":"1","created_at":"2024-11-05T10:00:00Z","content":"` + string(bytes.Repeat([]byte("a"), 300)) + `"}`
	cases := []struct {
		name, ctor, in string
		want           Reason
	}{
		{"mastodon syntax", "mastodon", `{"id":"1",`, ReasonSyntax},
		{"mastodon type", "mastodon", `{"id":"1","created_at":"2024-11-05T10:00:00Z","replies_count":"veel"}`, ReasonType},
		{"mastodon utf8", "mastodon", "{\"id\":\"1\",\"created_at\":\"2024-11-05T10:00:00Z\",\"content\":\"\xff\"}", ReasonUTF8},
		{"mastodon missing", "mastodon", `{"created_at":"2024-11-05T10:00:00Z"}`, ReasonMissing},
		{"mastodon time", "mastodon", `{"id":"1","created_at":"05-11-2024"}`, ReasonTime},
		{"mastodon too large", "mastodon", big, ReasonTooLarge},
		{"mastodon array too large", "mastodon", "[" + big + "]", ReasonTooLarge},
		{"mastodon array syntax", "mastodon", `[{"id":"1",}]`, ReasonSyntax},
		{"bluesky not a post", "bluesky", `{"did":"did:plc:x","kind":"identity"}`, ReasonNotAPost},
		{"bluesky delete", "bluesky", `{"did":"did:plc:x","kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"r"}}`, ReasonNotAPost},
		{"bluesky missing rkey", "bluesky", `{"did":"did:plc:x","kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","record":{"text":"x","createdAt":"2024-11-05T10:00:00Z"}}}`, ReasonMissing},
		{"bluesky time", "bluesky", `{"did":"did:plc:x","kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r","record":{"text":"x","createdAt":"morgen"}}}`, ReasonTime},
		{"bluesky type", "bluesky", `{"did":"did:plc:x","kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r","record":{"text":5}}}`, ReasonType},
		{"open311 swapped", "open311-json", `[{"service_request_id":"1","requested_datetime":"2024-11-05T10:00:00Z","lat":5.1,"long":52.1}]`, ReasonSwapped},
		{"open311 range", "open311-json", `[{"service_request_id":"1","requested_datetime":"2024-11-05T10:00:00Z","lat":95,"long":200}]`, ReasonCoordinates},
		{"open311 no zone", "open311-json", `[{"service_request_id":"1","requested_datetime":"2024-11-05T10:00:00"}]`, ReasonTime},
		{"open311 type", "open311-json", `[{"service_request_id":"1","requested_datetime":"2024-11-05T10:00:00Z","lat":true,"long":5}]`, ReasonType},
		{"open311 xml syntax", "open311-xml", `<service_requests><request><service_request_id>1</service_request_id></requ></service_requests>`, ReasonSyntax},
		{"open311 xml utf8", "open311-xml", "<service_requests><request><description>\xff</description></request></service_requests>", ReasonUTF8},
		{"open311 xml swapped", "open311-xml", `<service_requests><request><service_request_id>1</service_request_id><requested_datetime>2024-11-05T10:00:00Z</requested_datetime><lat>5.1</lat><long>52.1</long></request></service_requests>`, ReasonSwapped},
		{"open311 xml lat type", "open311-xml", `<service_requests><request><service_request_id>1</service_request_id><requested_datetime>2024-11-05T10:00:00Z</requested_datetime><lat>noord</lat><long>5.1</long></request></service_requests>`, ReasonType},
		{"open311 xml too large", "open311-xml", `<service_requests><request><description>` + string(bytes.Repeat([]byte("a"), 300)) + `</description></request></service_requests>`, ReasonTooLarge},
		{"feed syntax", "feed", `<rss><channel><item><title>x</title></chan`, ReasonSyntax},
		{"feed not a feed", "feed", `dit is geen feed`, ReasonSyntax},
		{"feed no date", "feed", `<rss version="2.0"><channel><item><title>x</title><guid>1</guid></item></channel></rss>`, ReasonMissing},
		{"feed bad date", "feed", `<rss version="2.0"><channel><item><title>x</title><guid>1</guid><pubDate>ooit</pubDate></item></channel></rss>`, ReasonTime},
		{"feed no id", "feed", `<rss version="2.0"><channel><item><title>x</title><pubDate>Tue, 05 Nov 2024 10:00:00 +0100</pubDate></item></channel></rss>`, ReasonMissing},
		{"feed georss type", "feed", `<rss version="2.0" xmlns:georss="http://www.georss.org/georss"><channel><item><title>x</title><guid>1</guid><pubDate>Tue, 05 Nov 2024 10:00:00 +0100</pubDate><georss:point>52.1</georss:point></item></channel></rss>`, ReasonType},
		{"feed too large item", "feed", `<rss version="2.0"><channel><item><title>x</title><guid>1</guid><pubDate>Tue, 05 Nov 2024 10:00:00 +0100</pubDate><description>` + string(bytes.Repeat([]byte("a"), 300)) + `</description></item></channel></rss>`, ReasonTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			posts, rejects, st, err := decodeAll(t, formatCtors[c.ctor], []byte(c.in), &Options{MaxRecordBytes: 256})
			require.NoError(t, err)
			assert.Equal(t, 0, len(posts))
			require.Equal(t, 1, len(rejects))
			assert.Equal(t, c.want, rejects[0].Reason)
			assert.Equal(t, 1, st.Read)
			assert.Equal(t, st.Read, st.Yielded+st.RejectedTotal())

			// Strict mode yields the same error as the final pair.
			d := formatCtors[c.ctor](bytes.NewReader([]byte(c.in)), &Options{MaxRecordBytes: 256, Strict: true})
			var last error
			for _, e := range d.Posts(context.Background()) {
				last = e
			}
			var de *DecodeError
			require.Equal(t, true, errors.As(last, &de))
			assert.Equal(t, c.want, de.Reason)
			assert.Equal(t, 1, de.Record)
		})
	}
}

func TestStrictStopsAtFirstBadRecord(t *testing.T) {
	d := NewOpen311JSON(bytes.NewReader(readFixture(t, "open311/bad.ndjson")), &Options{Strict: true})
	var n int
	var last error
	for _, err := range d.Posts(context.Background()) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	var de *DecodeError
	require.Equal(t, true, errors.As(last, &de))
	assert.Equal(t, 1, n)
	assert.Equal(t, 2, de.Record)
	assert.Equal(t, int64(217), de.Offset)
	assert.Equal(t, ReasonSwapped, de.Reason)
	assert.Equal(t, "open311-json", de.Format)
}

func TestFormatFields(t *testing.T) {
	get := func(file, c string, opts *Options) []Post {
		posts, _, _, err := decodeAll(t, formatCtors[c], readFixture(t, file), opts)
		require.NoError(t, err)
		return posts
	}
	m := get("mastodon/timeline.json", "mastodon", nil)
	require.Equal(t, 3, len(m))
	assert.Equal(t, []Kind{KindPost, KindReply, KindRepost}, []Kind{m[0].Kind, m[1].Kind, m[2].Kind})
	assert.Equal(t, "113450012345678901", m[1].Ref.ID)
	assert.Equal(t, m[0].Author.Key, m[2].Ref.AuthorKey)
	assert.Equal(t, "Lantaarnpaal kapot op de Dorpsstraat in #Utrecht", m[2].Text)
	assert.Equal(t, "nl", m[2].Lang+m[0].URL)
	assert.Equal(t, Engagement{Reposts: 5, Likes: 11, Replies: 2}, m[0].Engagement)
	assert.Equal(t, true, bytes.HasPrefix([]byte(m[1].Text), []byte("Klacht over afval\n\n@p_")))

	b := get("bluesky/jetstream.ndjson", "bluesky", nil)
	require.Equal(t, 3, len(b))
	assert.Equal(t, []Kind{KindPost, KindReply, KindQuote}, []Kind{b[0].Kind, b[1].Kind, b[2].Kind})
	assert.Equal(t, b[0].ID, b[1].Ref.ID)
	assert.Equal(t, b[0].ID, b[2].Ref.ID)
	assert.Equal(t, "2024-11-05T08:13:20Z", b[2].Created.Format(time.RFC3339))
	assert.Equal(t, []string{"Utrecht"}, b[0].Tags)

	x := get("open311/requests.xml", "open311-xml", nil)
	j := get("open311/requests.json", "open311-json", nil)
	require.Equal(t, 2, len(x))
	require.Equal(t, 3, len(j))
	for i := range x { // XML and JSON fixtures describe the same requests
		assert.Equal(t, j[i].ID, x[i].ID)
		assert.Equal(t, *j[i].Geo, *x[i].Geo)
		assert.Equal(t, j[i].Report.Category, x[i].Report.Category)
		assert.Equal(t, j[i].Created, x[i].Created)
		assert.Equal(t, j[i].Author.Key, x[i].Author.Key)
	}
	assert.Equal(t, "Dorpsstraat 12, Utrecht, 3541 AB", x[0].Place.FullName)
	assert.Equal(t, "closed", x[1].Report.Status)
	assert.Equal(t, true, j[2].Geo == nil)
	assert.Equal(t, "Wegdek", j[2].Text)

	f := get("feed/utrecht.rss", "feed", nil)
	require.Equal(t, 2, len(f))
	assert.Equal(t, 52.0915, f[0].Geo.Lat())
	assert.Equal(t, []string{"Verkeer", "Lombok"}, f[0].Tags)
	assert.Equal(t, KindArticle, f[0].Kind)
	assert.Equal(t, "https://www.utrecht.nl/nieuws/griftpark-afvalbakken", f[1].ID)
	a := get("feed/rotterdam.atom", "feed", nil)
	require.Equal(t, 2, len(a))
	assert.Equal(t, "2024-11-04T16:00:00Z", a[1].Created.Format(time.RFC3339))
	assert.Equal(t, "nl", a[0].Lang)
}
