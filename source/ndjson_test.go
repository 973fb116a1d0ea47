package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func encodeAll(t testing.TB, posts []Post) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	for _, p := range posts {
		require.NoError(t, enc.Encode(p))
	}
	return buf.Bytes()
}

func TestNDJSONRoundTrip(t *testing.T) {
	keep := &Options{KeepRawIdentity: true}
	for _, name := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson"} {
		t.Run(name, func(t *testing.T) {
			posts, rejects, st, err := decodeAll(t, NewNDJSON, readFixture(t, name), keep)
			require.NoError(t, err)
			require.Equal(t, 0, len(rejects))
			require.Equal(t, st.Read, len(posts))
			enc := encodeAll(t, posts)
			again, rejects, _, err := decodeAll(t, NewNDJSON, enc, keep)
			require.NoError(t, err)
			require.Equal(t, 0, len(rejects))
			assert.Equal(t, posts, again)
			// Encoding is deterministic: a second pass gives the same bytes.
			assert.Equal(t, string(enc), string(encodeAll(t, again)))
		})
	}
	// Posts of every other decoder survive the round trip unchanged,
	// with and without raw identity.
	for _, f := range formatFixtures {
		for _, opts := range []*Options{nil, keep} {
			posts, _, _, err := decodeAll(t, formatCtors[f.ctor], readFixture(t, f.file), opts)
			require.NoError(t, err)
			again, rejects, _, err := decodeAll(t, NewNDJSON, encodeAll(t, posts), opts)
			require.NoError(t, err)
			assert.Equal(t, 0, len(rejects), f.file)
			assert.Equal(t, posts, again, f.file)
		}
	}
}

func TestNDJSONFields(t *testing.T) {
	posts, _, _, err := decodeAll(t, NewNDJSON, readFixture(t, "ndjson/posts.ndjson"), nil)
	require.NoError(t, err)
	require.Equal(t, 7, len(posts))
	p := posts[0]
	assert.Equal(t, &orb.Point{5.1084, 52.0842}, p.Geo)
	assert.Equal(t, orb.Bound{Min: orb.Point{4.9704, 52.0263}, Max: orb.Point{5.1951, 52.1426}}, p.Place.Bound)
	assert.Equal(t, Engagement{Reposts: 3, Likes: 17, Replies: 2}, p.Engagement)
	assert.Equal(t, KindReply, posts[1].Kind)
	assert.Equal(t, "p_3JQH7ZC2XKMA4NRTV5WBYD6EFG", posts[1].Ref.AuthorKey)
	assert.Equal(t, time.Date(2024, 11, 6, 9, 40, 2, 318e6, time.UTC), posts[1].Created)
	assert.Equal(t, "Straatverlichting", posts[4].Report.Category)
	assert.Equal(t, "Drukte bij de Jaarbeurs, \"Ongelofelijk\" veel mensen", posts[6].Text)
	assert.Equal(t, Kind(""), posts[6].Kind)
}

func TestNDJSONRawIdentityDroppedByDefault(t *testing.T) {
	data := readFixture(t, "ndjson/rawidentity.ndjson")
	posts, _, _, err := decodeAll(t, NewNDJSON, data, nil)
	require.NoError(t, err)
	require.Equal(t, 2, len(posts))
	out, _ := json.Marshal(posts)
	for _, raw := range []string{"fietsfreek030", "2244994945", "gemeenteutrecht", "wijkbewoner", "109999000111"} {
		assert.Equal(t, false, bytes.Contains(out, []byte(raw)), raw)
	}
	ps := defaultPseudonymizer
	assert.Equal(t, ps.Pseudonym(PlatformTwitter, "2244994945", posts[0].Created), posts[0].Author.Key)
	assert.Equal(t, []string{ps.Pseudonym(PlatformTwitter, "gemeenteutrecht", posts[0].Created), "p_7KX2QPLMNB3CDVWZR4STYU5EHA"}, posts[0].Mentions)
	assert.Equal(t, "", posts[0].URL)
	assert.Equal(t, "p_ZZQ7WX2RTMLCB5KDP4AVYE6FHA", posts[1].Author.Key, "an existing key is kept")
	assert.Equal(t, true, posts[1].Tags == nil && posts[1].Mentions == nil)
	assert.Equal(t, time.Date(2024, 11, 6, 9, 1, 0, 0, time.UTC), posts[0].Created)

	kept, _, _, err := decodeAll(t, NewNDJSON, data, &Options{KeepRawIdentity: true})
	require.NoError(t, err)
	assert.Equal(t, "@fietsfreek030", kept[0].Author.Handle)
	assert.Equal(t, "2244994945", kept[0].Author.RawID)
	assert.Equal(t, "@gemeenteutrecht", kept[0].Mentions[0])
}

func TestNDJSONBadRecords(t *testing.T) {
	data := readFixture(t, "ndjson/bad.ndjson")
	posts, rejects, st, err := decodeAll(t, NewNDJSON, data, nil)
	require.NoError(t, err)
	require.Equal(t, 2, len(posts))
	assert.Equal(t, "ok-2", posts[1].ID)
	var got []Reason
	for _, r := range rejects {
		got = append(got, r.Reason)
		assert.Equal(t, "ndjson", r.Format)
		// The offset points at the start of the record's line.
		assert.Equal(t, true, r.Offset == 0 || data[r.Offset-1] == '\n', r.Error())
	}
	assert.Equal(t, []Reason{ReasonSyntax, ReasonType, ReasonMissing, ReasonTime, ReasonSwapped, ReasonCoordinates, ReasonType, ReasonUTF8, ReasonMissing}, got)
	assert.Equal(t, 2, rejects[0].Record)
	assert.Equal(t, int64(bytes.IndexByte(data, '\n')+1), rejects[0].Offset)
	assert.Equal(t, Stats{Read: 11, Yielded: 2, Bytes: int64(len(data)), Rejected: map[Reason]int{
		ReasonSyntax: 1, ReasonType: 2, ReasonMissing: 2, ReasonTime: 1, ReasonSwapped: 1, ReasonCoordinates: 1, ReasonUTF8: 1}}, st)

	// Oversized lines.
	_, rejects, st, err = decodeAll(t, NewNDJSON, data, &Options{MaxRecordBytes: 100})
	require.NoError(t, err)
	assert.Equal(t, st.Read, st.Yielded+st.RejectedTotal())
	assert.Equal(t, true, st.Rejected[ReasonTooLarge] > 0)
	assert.Len(t, rejects, st.RejectedTotal()) // each reported to OnReject

	// Strict mode stops at record 2.
	d := NewNDJSON(bytes.NewReader(data), &Options{Strict: true})
	var n int
	var last error
	for _, err := range d.Posts(context.Background()) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	var de *DecodeError
	require.Equal(t, true, errors.As(last, &de))
	assert.Equal(t, 1, n)
	assert.Equal(t, 2, de.Record)
	assert.Equal(t, ReasonSyntax, de.Reason)
}

func TestEncoderRejectsInvalidPosts(t *testing.T) {
	at := time.Date(2024, 11, 6, 9, 0, 0, 0, time.UTC)
	for _, p := range []Post{
		{Platform: PlatformCSV, Created: at},
		{ID: "1", Created: at},
		{ID: "1", Platform: PlatformCSV},
		{ID: "1", Platform: PlatformCSV, Created: at, Geo: &orb.Point{52.1, 5.1}},
		{ID: "1", Platform: PlatformCSV, Created: at, Kind: "tweet"},
	} {
		var buf bytes.Buffer
		assert.Equal(t, true, NewEncoder(&buf).Encode(p) != nil, p)
		assert.Equal(t, 0, buf.Len())
	}
	// A non-UTC time is written in UTC.
	var buf bytes.Buffer
	require.NoError(t, NewEncoder(&buf).Encode(Post{ID: "1", Platform: PlatformCSV, Created: at.In(time.FixedZone("CET", 3600)), Text: "<b>&"}))
	assert.Equal(t, `{"id":"1","platform":"csv","text":"<b>&","created":"2024-11-06T09:00:00Z","author":{},"engagement":{}}`+"\n", buf.String())
}

// schemaProps returns the property names the schema allows at each JSON
// path ("" for the top level, "author", "place.bound"...).
func schemaProps(t testing.TB) map[string][]string {
	b, err := os.ReadFile("../schema/post.schema.json")
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(b, &s))
	require.Equal(t, "https://json-schema.org/draft/2020-12/schema", s["$schema"])
	defs := s["$defs"].(map[string]any)
	out := map[string][]string{}
	var walk func(path string, node map[string]any)
	walk = func(path string, node map[string]any) {
		if ref, ok := node["$ref"].(string); ok {
			node = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		props, ok := node["properties"].(map[string]any)
		if !ok {
			return
		}
		for k, v := range props {
			out[path] = append(out[path], k)
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			walk(sub, v.(map[string]any))
		}
		sort.Strings(out[path])
	}
	walk("", s)
	return out
}

// jsonTags returns the JSON names of a struct type's fields.
func jsonTags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = t.Field(i).Name
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func TestSchemaMatchesPost(t *testing.T) {
	props := schemaProps(t)
	assert.Equal(t, jsonTags(reflect.TypeOf(Post{})), props[""])
	assert.Equal(t, jsonTags(reflect.TypeOf(Author{})), props["author"])
	assert.Equal(t, jsonTags(reflect.TypeOf(Place{})), props["place"])
	assert.Equal(t, jsonTags(reflect.TypeOf(orb.Bound{})), props["place.bound"])
	assert.Equal(t, jsonTags(reflect.TypeOf(Engagement{})), props["engagement"])
	assert.Equal(t, jsonTags(reflect.TypeOf(Ref{})), props["ref"])
	assert.Equal(t, jsonTags(reflect.TypeOf(Report{})), props["report"])

	// Every field name used in the fixtures is a schema property.
	allowed := map[string]bool{}
	for path, names := range props {
		for _, n := range names {
			if path != "" {
				n = path + "." + n
			}
			allowed[n] = true
		}
	}
	for _, name := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson"} {
		sc := bufio.NewScanner(bytes.NewReader(readFixture(t, name)))
		for sc.Scan() {
			var rec map[string]any
			require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
			var check func(path string, m map[string]any)
			check = func(path string, m map[string]any) {
				for k, v := range m {
					full := k
					if path != "" {
						full = path + "." + k
					}
					assert.Equal(t, true, allowed[full], name+": "+full)
					if sub, ok := v.(map[string]any); ok {
						check(full, sub)
					}
				}
			}
			check("", rec)
		}
	}
}

func FuzzNDJSON(f *testing.F) {
	for _, s := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson", "ndjson/bad.ndjson"} {
		f.Add(readFixture(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewNDJSON(bytes.NewReader(data), &Options{MaxRecordBytes: 4096, KeepRawIdentity: true})
		var posts []Post
		for p, err := range d.Posts(context.Background()) {
			if err != nil {
				t.Fatalf("sequence error on in-memory input: %v", err)
			}
			posts = append(posts, p)
		}
		st := d.Stats()
		if st.Read != st.Yielded+st.RejectedTotal() || st.Yielded != len(posts) {
			t.Fatalf("counts: %+v, %d posts", st, len(posts))
		}
		// Every yielded post round-trips exactly.
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
	})
}

// ndjsonBenchInput repeats the fixture posts to about 1 MiB.
func ndjsonBenchInput(b *testing.B) []byte {
	return repeatLines(b, "ndjson/posts.ndjson", 400)
}

// bareJSON decodes NDJSON lines into Post with encoding/json alone: the
// baseline of BenchmarkNDJSON.
func bareJSON(b *testing.B, data []byte) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), DefaultMaxRecordBytes)
	for sc.Scan() {
		var p Post
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNDJSON measures the decoder side by side with a bare
// encoding/json decode of the same lines into the same struct. The ratio
// sub-benchmark alternates the two within each iteration, so that a
// shared, noisy machine affects both alike, and reports
// decoder-time / encoding/json-time as the metric "x-json".
func BenchmarkNDJSON(b *testing.B) {
	data := ndjsonBenchInput(b)
	b.Run("decoder", func(b *testing.B) { benchFormat(b, NewNDJSON, data) })
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			bareJSON(b, data)
		}
	})
	b.Run("ratio", func(b *testing.B) {
		var dec, bare time.Duration
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			for _, err := range NewNDJSON(bytes.NewReader(data), nil).Posts(context.Background()) {
				if err != nil {
					b.Fatal(err)
				}
			}
			t1 := time.Now()
			bareJSON(b, data)
			dec, bare = dec+t1.Sub(t0), bare+time.Since(t1)
		}
		b.ReportMetric(float64(dec)/float64(bare), "x-json")
	})
}

func BenchmarkEncoder(b *testing.B) {
	posts, err := Collect(NewNDJSON(bytes.NewReader(ndjsonBenchInput(b)), nil).Posts(context.Background()))
	require.NoError(b, err)
	n := len(encodeAll(b, posts))
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		enc := NewEncoder(bufio.NewWriterSize(discard{}, 64<<10))
		for _, p := range posts {
			if err := enc.Encode(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
