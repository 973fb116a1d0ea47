package source

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEdgeTimesRejected checks that every decoder rejects instants a
// Post cannot carry: the zero time (which means "no time" and fails
// Created's "never zero" promise) and UTC years outside 1-9999 (which
// RFC 3339 and encoding/json cannot write, so the NDJSON round trip would
// fail). Times just inside the range are accepted and round-trip.
func TestEdgeTimesRejected(t *testing.T) {
	type format struct {
		name string
		c    ctor
		rec  func(ts string) string
	}
	formats := []format{
		{"ndjson", NewNDJSON, func(ts string) string {
			return `{"id":"1","platform":"csv","created":"` + ts + `"}`
		}},
		{"mastodon", NewMastodon, func(ts string) string { return `{"id":"1","created_at":"` + ts + `","content":"x"}` }},
		{"bluesky", NewBluesky, func(ts string) string {
			return `{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3l","record":{"$type":"app.bsky.feed.post","text":"x","createdAt":"` + ts + `"}}}`
		}},
		{"open311-json", NewOpen311JSON, func(ts string) string {
			return `{"service_request_id":"1","service_name":"Groen","requested_datetime":"` + ts + `"}`
		}},
		{"open311-xml", NewOpen311XML, func(ts string) string {
			return `<service_requests><request><service_request_id>1</service_request_id><service_name>Groen</service_name><requested_datetime>` + ts + `</requested_datetime></request></service_requests>`
		}},
		{"twitter-v1", NewTwitterV1, func(ts string) string { return `{"id_str":"1","created_at":"` + ts + `","text":"x"}` }},
		{"twitter-v2", NewTwitterV2, func(ts string) string { return `{"id":"1","created_at":"` + ts + `","text":"x"}` }},
		{"csv", csvCtor(nil), func(ts string) string { return "id,created,text\n1," + ts + ",x\n" }},
	}
	bad := []string{"0001-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00:00-02:00"}
	good := []string{"0001-01-01T00:00:01Z", "9999-12-31T23:59:59Z"}
	for _, f := range formats {
		for _, ts := range append(bad, good...) {
			t.Run(fmt.Sprintf("%s/%s", f.name, ts), func(t *testing.T) {
				posts, rejects, st, err := decodeAll(t, f.c, []byte(f.rec(ts)), nil)
				require.NoError(t, err)
				assert.Equal(t, 1, st.Read)
				if strings.HasPrefix(ts, "0001-01-01T00:00:01") || strings.HasPrefix(ts, "9999-12-31T23:59:59") {
					require.Equal(t, 1, len(posts), "%v", rejects)
					var buf bytes.Buffer
					require.NoError(t, NewEncoder(&buf).Encode(posts[0]))
					return
				}
				assert.Equal(t, 0, len(posts))
				require.Equal(t, 1, len(rejects))
				want := ReasonTime
				if f.name == "ndjson" && ts == "0001-01-01T00:00:00Z" {
					want = ReasonMissing // what encoding/json writes for a zero time.Time
				}
				assert.Equal(t, want, rejects[0].Reason, rejects[0].Error())
			})
		}
	}
	// The Twitter v1.1 layout and the CSV unix layouts reach the edges too.
	for _, c := range []struct {
		name string
		c    ctor
		in   string
	}{
		{"twitter-v1 layout", NewTwitterV1, `{"id_str":"1","created_at":"Mon Jan 01 00:00:00 +0000 0001","text":"x"}`},
		{"csv unix", csvCtor(&CSVOptions{TimeLayout: "unix"}), "id,created\n1,-62135596800\n"},
		{"csv unix rounding", csvCtor(&CSVOptions{TimeLayout: "unix"}), "id,created\n1,253402300799.9999999999\n"},
		{"csv layout", csvCtor(&CSVOptions{TimeLayout: "2006-01-02 15:04"}), "id,created\n1,0001-01-01 00:00\n"},
		{"feed", NewFeed, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><guid>1</guid><pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item></channel></rss>`},
	} {
		_, rejects, _, err := decodeAll(t, c.c, []byte(c.in), nil)
		require.NoError(t, err)
		require.Equal(t, 1, len(rejects), c.name)
		assert.Equal(t, ReasonTime, rejects[0].Reason, c.name)
	}
}
