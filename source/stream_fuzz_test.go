package source

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkDecoderContract checks what sourcetest.Run checks, for the
// decoders of this file set: a sequence error comes last, break is
// respected, cancellation is honoured, a second Posts call yields
// ErrConsumed, and counts add up.
func checkDecoderContract(t *testing.T, c ctor, data []byte) {
	t.Helper()
	// Break after the first post.
	d := c(bytes.NewReader(data), nil)
	n := 0
	for _, err := range d.Posts(context.Background()) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	// Second call.
	var second error
	for _, err := range d.Posts(context.Background()) {
		second = err
	}
	assert.Equal(t, true, errors.Is(second, ErrConsumed))
	// Cancelled context: the only pair is the ctx error, last.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	for _, err := range c(bytes.NewReader(data), nil).Posts(ctx) {
		errs = append(errs, err)
	}
	require.Equal(t, true, len(errs) >= 1)
	assert.Equal(t, true, errors.Is(errs[len(errs)-1], context.Canceled))
	// Posts own their slices.
	posts, _, _, err := decodeAll(t, c, data, nil)
	require.NoError(t, err)
	for i := range posts {
		for j := i + 1; j < len(posts); j++ {
			if len(posts[i].Tags) > 0 && len(posts[j].Tags) > 0 {
				assert.Equal(t, false, &posts[i].Tags[0] == &posts[j].Tags[0])
			}
		}
	}
}

func TestFormatContract(t *testing.T) {
	for _, f := range formatFixtures {
		if f.file == "mastodon/bad.ndjson" || f.file == "bluesky/bad.ndjson" || f.file == "open311/bad.ndjson" {
			continue // need a first good record: all fixtures here start with one
		}
		t.Run(f.file, func(t *testing.T) { checkDecoderContract(t, formatCtors[f.ctor], readFixture(t, f.file)) })
	}
}

func fuzzFormat(f *testing.F, c ctor, seeds ...string) {
	for _, s := range seeds {
		f.Add(readFixture(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := c(bytes.NewReader(data), &Options{MaxRecordBytes: 4096})
		var posts []Post
		for p, err := range d.Posts(context.Background()) {
			if err != nil {
				t.Fatalf("sequence error on in-memory input: %v", err)
			}
			if !utf8.ValidString(p.Text) || p.ID == "" || p.Created.IsZero() {
				t.Fatalf("bad post %+v", p)
			}
			posts = append(posts, p)
		}
		st := d.Stats()
		if st.Read != st.Yielded+st.RejectedTotal() {
			t.Fatalf("counts: %+v", st)
		}
		checkRoundTrip(t, posts)
	})
}

// checkRoundTrip checks that every post encodes in the own NDJSON format
// and decodes back unchanged.
func checkRoundTrip(t *testing.T, posts []Post) {
	t.Helper()
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	for _, p := range posts {
		if err := enc.Encode(p); err != nil {
			t.Fatalf("Encode(%+v) = %v", p, err)
		}
	}
	again, err := Collect(NewNDJSON(&buf, &Options{KeepRawIdentity: true}).Posts(context.Background()))
	if err != nil || !reflect.DeepEqual(posts, again) {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, posts, again)
	}
}

func FuzzMastodon(f *testing.F) {
	fuzzFormat(f, NewMastodon, "mastodon/timeline.json", "mastodon/bad.ndjson")
}
func FuzzBluesky(f *testing.F) {
	fuzzFormat(f, NewBluesky, "bluesky/jetstream.ndjson", "bluesky/bad.ndjson")
}
func FuzzOpen311JSON(f *testing.F) {
	fuzzFormat(f, NewOpen311JSON, "open311/requests.json", "open311/bad.ndjson")
}
func FuzzOpen311XML(f *testing.F) { fuzzFormat(f, NewOpen311XML, "open311/requests.xml") }
func FuzzFeed(f *testing.F)       { fuzzFormat(f, NewFeed, "feed/utrecht.rss", "feed/rotterdam.atom") }

// benchInput repeats the records of a fixture to about 1 MiB.
func benchFormat(b *testing.B, c ctor, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := c(bytes.NewReader(data), nil)
		for _, err := range d.Posts(context.Background()) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func repeatLines(b *testing.B, name string, n int) []byte {
	lines := bytes.Split(bytes.TrimSpace(readFixture(b, name)), []byte("\n"))
	var out bytes.Buffer
	for i := 0; i < n; i++ {
		for _, l := range lines {
			out.Write(l)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// repeatArray repeats the elements of a JSON array fixture n times.
func repeatArray(b *testing.B, name string, n int) []byte {
	body := bytes.TrimSpace(readFixture(b, name))
	inner := bytes.TrimSuffix(bytes.TrimPrefix(body, []byte("[")), []byte("]"))
	var out bytes.Buffer
	out.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			out.WriteByte(',')
		}
		out.Write(inner)
	}
	out.WriteByte(']')
	return out.Bytes()
}

func BenchmarkMastodon(b *testing.B) {
	benchFormat(b, NewMastodon, repeatArray(b, "mastodon/timeline.json", 300))
}
func BenchmarkBluesky(b *testing.B) {
	benchFormat(b, NewBluesky, repeatLines(b, "bluesky/jetstream.ndjson", 300))
}
func BenchmarkOpen311JSON(b *testing.B) {
	benchFormat(b, NewOpen311JSON, repeatArray(b, "open311/requests.json", 300))
}
func BenchmarkOpen311XML(b *testing.B) {
	body := readFixture(b, "open311/requests.xml")
	start := bytes.Index(body, []byte("<request>"))
	end := bytes.Index(body, []byte("<request>\n    <service_request_id>SWAP-3"))
	var out bytes.Buffer
	out.WriteString("<service_requests>")
	for i := 0; i < 600; i++ {
		out.Write(body[start:end])
	}
	out.WriteString("</service_requests>")
	benchFormat(b, NewOpen311XML, out.Bytes())
}
func BenchmarkFeed(b *testing.B) {
	body := readFixture(b, "feed/rotterdam.atom")
	start := bytes.Index(body, []byte("<entry>"))
	end := bytes.LastIndex(body, []byte("</feed>"))
	var out bytes.Buffer
	out.Write(body[:start])
	for i := 0; i < 300; i++ {
		out.Write(body[start:end])
	}
	out.WriteString("</feed>")
	benchFormat(b, NewFeed, out.Bytes())
}

// TestMutatedFixtures runs every decoder over seeded random mutations of
// its fixtures (byte flips, truncations, cuts): a deterministic
// complement to the fuzz tests that runs in every CI build.
func TestMutatedFixtures(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, f := range formatFixtures {
		seed := readFixture(t, f.file)
		c := formatCtors[f.ctor]
		for i := 0; i < 300; i++ {
			b := append([]byte(nil), seed...)
			for k := 0; k < 1+r.Intn(8) && len(b) > 1; k++ {
				j := r.Intn(len(b))
				switch r.Intn(3) {
				case 0:
					b[j] = byte(r.Intn(256))
				case 1:
					b = b[:j+1]
				case 2:
					b = append(b[:j], b[j+r.Intn(len(b)-j):]...)
				}
			}
			d := c(bytes.NewReader(b), &Options{MaxRecordBytes: 4096})
			for p, err := range d.Posts(context.Background()) {
				var he *CSVHeaderError
				if errors.As(err, &he) {
					continue // a mutated CSV header no longer fits the mapping
				}
				require.NoError(t, err)
				require.Equal(t, true, utf8.ValidString(p.Text) && p.ID != "" && !p.Created.IsZero())
			}
			st := d.Stats()
			require.Equal(t, st.Read, st.Yielded+st.RejectedTotal())
		}
	}
}
