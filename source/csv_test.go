package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportColumns maps the headers of testdata/csv/export_semicolon.csv,
// a Dutch media-monitoring export.
var exportColumns = &CSVOptions{
	Columns: map[string]CSVField{
		"Bericht-ID": CSVID, "Datum": CSVCreated, "Bron": CSVPlatform, "Bericht": CSVText, "Taal": CSVLang,
		"Auteur": CSVAuthor, "Auteur-ID": CSVAuthorID, "Locatie auteur": CSVAuthorLocation, "Volgers": CSVFollowers,
		"Breedtegraad": CSVLat, "Lengtegraad": CSVLon, "Likes": CSVLikes, "Shares": CSVReposts, "Reacties": CSVReplies,
		"Hashtags": CSVTags, "URL": CSVURL,
	},
	TimeLayout:   "02-01-2006 15:04",
	TimeZone:     "Europe/Amsterdam",
	Comma:        ';',
	DecimalComma: true,
}

func csvCtor(cols *CSVOptions) ctor {
	return func(r io.Reader, o *Options) *Decoder { return NewCSV(r, o, cols) }
}

func TestCSVIdentityMapping(t *testing.T) {
	posts, rejects, st, err := decodeAll(t, csvCtor(nil), readFixture(t, "csv/posts.csv"), nil)
	require.NoError(t, err)
	require.Equal(t, 0, len(rejects))
	require.Equal(t, 4, len(posts))
	assert.Equal(t, 4, st.Read, "the header and the blank line are not records")
	ps := defaultPseudonymizer
	p := posts[0]
	assert.Equal(t, Post{
		ID: "1854088123456789012", Platform: PlatformTwitter, Kind: KindPost,
		Text:    "Weer een gat in het fietspad op de Croeselaan, @" + ps.Pseudonym(PlatformTwitter, "gemeenteutrecht", p.Created) + " #Utrecht",
		Lang:    "nl",
		Created: time.Date(2024, 11, 6, 9, 12, 44, 0, time.UTC),
		Author:  Author{Key: ps.Pseudonym(PlatformTwitter, "1287364501", p.Created), Location: "Utrecht, Nederland", Followers: 312},
		Geo:     &orb.Point{5.1084, 52.0842}, Engagement: Engagement{Likes: 17, Reposts: 3},
	}, p)
	assert.Equal(t, "Lantaarnpaal kapot op de Dorpsstraat.\nAl drie dagen \"donker\".", posts[1].Text, "quoted newline and doubled quotes")
	assert.Equal(t, time.Date(2024, 11, 6, 9, 40, 2, 0, time.UTC), posts[2].Created)
	assert.Equal(t, PlatformCSV, posts[3].Platform, "empty platform cell")
	assert.Equal(t, "", posts[3].Author.Key, "no author")
	assert.Equal(t, 500*time.Millisecond, time.Duration(posts[3].Created.Nanosecond()))
}

func TestCSVDeclaredMapping(t *testing.T) {
	data := readFixture(t, "csv/export_semicolon.csv")
	posts, rejects, _, err := decodeAll(t, csvCtor(exportColumns), data, nil)
	require.NoError(t, err)
	require.Equal(t, 0, len(rejects))
	require.Equal(t, 3, len(posts))
	p := posts[0]
	assert.Equal(t, "x-1854088123456789012", p.ID)
	assert.Equal(t, time.Date(2024, 11, 6, 9, 12, 0, 0, time.UTC), p.Created, "10:12 CET")
	assert.Equal(t, &orb.Point{5.1084, 52.0842}, p.Geo, "decimal commas")
	assert.Equal(t, []string{"Utrecht", "fietsen"}, p.Tags)
	assert.Equal(t, Engagement{Likes: 17, Reposts: 3, Replies: 2}, p.Engagement)
	assert.Equal(t, "", p.URL, "the URL holds the handle")
	assert.Equal(t, defaultPseudonymizer.Pseudonym(PlatformTwitter, "1287364501", p.Created), p.Author.Key, "author_id wins over author")
	assert.Equal(t, Platform("facebook"), posts[1].Platform)
	assert.Equal(t, "Informatieavond Kanaalstraat; iedereen welkom", posts[1].Text)
	assert.Equal(t, defaultPseudonymizer.Pseudonym("facebook", "wijkraad lombok", posts[1].Created), posts[1].Author.Key, "handle key, lower case")
	assert.Equal(t, time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC), posts[2].Created, "02:30 does not exist on the DST night; Go resolves it")

	kept, _, _, err := decodeAll(t, csvCtor(exportColumns), data, &Options{KeepRawIdentity: true})
	require.NoError(t, err)
	assert.Equal(t, Author{Key: p.Author.Key, Handle: "@fietsfreek030", RawID: "1287364501", Location: "Utrecht", Followers: 312}, kept[0].Author)
	assert.Equal(t, "https://x.com/fietsfreek030/status/1854088123456789012", kept[0].URL)
	assert.Equal(t, true, strings.Contains(kept[0].Text, "@gemeenteutrecht"))

	out, _ := json.Marshal(posts)
	for _, raw := range []string{"fietsfreek030", "1287364501", "gemeenteutrecht", "Wijkraad", "amersfoorter"} {
		assert.Equal(t, false, bytes.Contains(out, []byte(raw)), raw)
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	cases := []struct {
		name, in string
		cols     *CSVOptions
		want     string
	}{
		{"missing mapped", "id,datum\n1,2024-11-06T09:00:00Z\n", &CSVOptions{Columns: map[string]CSVField{"id": CSVID, "created": CSVCreated, "tekst": CSVText}}, `lacks mapped column(s) ["created" "tekst"]`},
		{"no id", "datum\n2024-11-06T09:00:00Z\n", &CSVOptions{Columns: map[string]CSVField{"datum": CSVCreated}}, `required field "id"`},
		{"identity without created", "id,text\n1,x\n", nil, `required field "created"`},
		{"unknown field", "id,created\n", &CSVOptions{Columns: map[string]CSVField{"id": CSVID, "created": "gemaakt"}}, `unknown field "gemaakt"`},
		{"duplicate", "id,created,a,b\n", &CSVOptions{Columns: map[string]CSVField{"id": CSVID, "created": CSVCreated, "a": CSVText, "b": CSVText}}, `both map to "text"`},
		{"lat alone", "id,created,lat\n", nil, "lat and lon"},
		{"zone", "id,created\n", &CSVOptions{TimeZone: "Europe/Utreg"}, "time zone"},
		{"separator", "id,created\n", &CSVOptions{Comma: '"'}, "separator"},
		{"bad header", "id,\"created\n", nil, "header row"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := NewCSV(strings.NewReader(c.in), nil, c.cols)
			posts, err := Collect(d.Posts(context.Background()))
			assert.Equal(t, 0, len(posts))
			var he *CSVHeaderError
			require.Equal(t, true, errors.As(err, &he), err)
			assert.Equal(t, true, strings.Contains(err.Error(), c.want), err.Error())
			assert.Equal(t, 0, d.Stats().Read)
		})
	}
	// Empty input and a header alone are no records and no error.
	for _, in := range []string{"", "\n\n", "id,created\n"} {
		posts, err := Collect(NewCSV(strings.NewReader(in), nil, nil).Posts(context.Background()))
		require.NoError(t, err)
		assert.Equal(t, 0, len(posts))
	}
}

func TestCSVBadRecords(t *testing.T) {
	data := readFixture(t, "csv/bad.csv")
	posts, rejects, st, err := decodeAll(t, csvCtor(nil), data, nil)
	require.NoError(t, err)
	require.Equal(t, 2, len(posts))
	assert.Equal(t, []string{"ok-1", "ok-2"}, []string{posts[0].ID, posts[1].ID})
	var reasons []Reason
	for i, r := range rejects {
		reasons = append(reasons, r.Reason)
		assert.Equal(t, i+2, r.Record)
		assert.Equal(t, "csv", r.Format)
		assert.Equal(t, byte('\n'), data[r.Offset-1], "offset at a row start")
	}
	assert.Equal(t, []Reason{ReasonSyntax, ReasonSwapped, ReasonTime, ReasonMissing, ReasonType, ReasonMissing,
		ReasonCoordinates, ReasonSyntax, ReasonType, ReasonUTF8, ReasonCoordinates}, reasons)
	assert.Equal(t, true, strings.Contains(rejects[4].Error(), `column "likes" (field 6`), rejects[4].Error())
	assert.Equal(t, st.Read, st.Yielded+st.RejectedTotal())
	assert.Equal(t, 13, st.Read)
	assert.Equal(t, int64(len(data)), st.Bytes)

	// Strict mode stops at the first bad row.
	d := NewCSV(bytes.NewReader(data), &Options{Strict: true}, nil)
	var last error
	n := 0
	for _, err := range d.Posts(context.Background()) {
		if err != nil {
			last = err
		} else {
			n++
		}
	}
	var de *DecodeError
	require.Equal(t, true, errors.As(last, &de))
	assert.Equal(t, 1, n)
	assert.Equal(t, 2, de.Record)

	// Oversized rows are skipped, and the next row is read correctly,
	// also when the big row has quoted newlines.
	big := "id,created,text\n1,2024-11-06T09:00:00Z,\"" + strings.Repeat("lang\n", 100) + "\"\n2,2024-11-06T09:00:00Z,kort\n"
	posts, rejects, st, err = decodeAll(t, csvCtor(nil), []byte(big), &Options{MaxRecordBytes: 200})
	require.NoError(t, err)
	require.Equal(t, 1, len(posts))
	assert.Equal(t, "2", posts[0].ID)
	assert.Equal(t, ReasonTooLarge, rejects[0].Reason)
	assert.Equal(t, 2, st.Read)
}

func TestCSVTimeLayouts(t *testing.T) {
	for _, c := range []struct {
		layout, cell string
		want         time.Time
	}{
		{"unix", "1730884364", time.Date(2024, 11, 6, 9, 12, 44, 0, time.UTC)},
		{"unixms", "1730884364250", time.Date(2024, 11, 6, 9, 12, 44, 250e6, time.UTC)},
		{"2006-01-02 15:04:05", "2024-11-06 09:12:44", time.Date(2024, 11, 6, 9, 12, 44, 0, time.UTC)},
		{"", "2024-11-06T10:12:44+0100", time.Date(2024, 11, 6, 9, 12, 44, 0, time.UTC)},
	} {
		in := "id,created\n1," + c.cell + "\n"
		posts, err := Collect(NewCSV(strings.NewReader(in), nil, &CSVOptions{TimeLayout: c.layout}).Posts(context.Background()))
		require.NoError(t, err)
		require.Equal(t, 1, len(posts), c.layout)
		assert.Equal(t, c.want, posts[0].Created, c.layout)
	}
	_, rejects, _, _ := decodeAll(t, csvCtor(&CSVOptions{TimeLayout: "unix"}), []byte("id,created\n1,1e300\n"), nil)
	require.Equal(t, 1, len(rejects))
	assert.Equal(t, ReasonTime, rejects[0].Reason)
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{"csv/posts.csv", "csv/bad.csv"} {
		f.Add(readFixture(f, s), false)
	}
	f.Add(readFixture(f, "csv/export_semicolon.csv"), true)
	f.Fuzz(func(t *testing.T, data []byte, export bool) {
		cols := (*CSVOptions)(nil)
		if export {
			cols = exportColumns
		}
		d := NewCSV(bytes.NewReader(data), &Options{MaxRecordBytes: 4096}, cols)
		var posts []Post
		for p, err := range d.Posts(context.Background()) {
			if err != nil {
				var he *CSVHeaderError
				if !errors.As(err, &he) {
					t.Fatalf("sequence error on in-memory input: %v", err)
				}
				continue
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

func BenchmarkCSV(b *testing.B) {
	body := readFixture(b, "csv/posts.csv")
	header, rows, _ := bytes.Cut(body, []byte("\n"))
	var out bytes.Buffer
	out.Write(header)
	out.WriteByte('\n')
	for i := 0; i < 1000; i++ {
		out.Write(rows)
	}
	benchFormat(b, csvCtor(nil), out.Bytes())
}
