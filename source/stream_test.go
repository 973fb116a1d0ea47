package source

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
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
