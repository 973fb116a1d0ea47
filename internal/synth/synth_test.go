package synth

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/source"
)

func gen(t *testing.T, o *Options) *Generator {
	t.Helper()
	g, err := New(nl.Gazetteer(), o)
	require.NoError(t, err)
	return g
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, Write(&a, FormatMastodon, gen(t, &Options{Posts: 500, Seed: 3}).Items()))
	require.NoError(t, Write(&b, FormatMastodon, gen(t, &Options{Posts: 500, Seed: 3}).Items()))
	assert.Equal(t, a.String(), b.String())
	var c bytes.Buffer
	require.NoError(t, Write(&c, FormatMastodon, gen(t, &Options{Posts: 500, Seed: 4}).Items()))
	assert.NotEqual(t, a.String(), c.String(), "another seed gives other posts")
}

func TestItemsAreRealisticAndTruthful(t *testing.T) {
	g := gen(t, &Options{Posts: 5000})
	n, geotagged, sarcastic := 0, 0, 0
	scen := map[string]int{}
	texts := map[string]bool{}
	var last int64
	for it := range g.Items() {
		n++
		p, tr := it.Post, it.Truth
		require.NotEmpty(t, p.ID)
		require.False(t, p.Created.IsZero())
		assert.GreaterOrEqual(t, p.Created.Unix(), last, "items come in time order")
		last = p.Created.Unix()
		texts[p.Text] = true
		scen[tr.Scenario]++
		if tr.Sarcasm {
			sarcastic++
		}
		if p.Geo != nil {
			geotagged++
			assert.True(t, tr.Geotag)
			if tr.From != "" {
				assert.Equal(t, tr.From, g.locate(*p.Geo), "truth From is where the geotag lies")
			}
		}
		assert.Contains(t, []string{"nl", "en"}, tr.Lang)
		assert.True(t, tr.Polarity >= -1 && tr.Polarity <= 1)
		if tr.Scenario == Tourists {
			assert.Empty(t, tr.Home, "tourists live abroad")
			assert.NotEqual(t, tr.From, tr.About[0], "tourists write about elsewhere")
		}
	}
	assert.Equal(t, 5000, n)
	for _, s := range AllScenarios() {
		assert.Positive(t, scen[s], "scenario %s present", s)
	}
	share := float64(geotagged) / float64(n)
	assert.True(t, share > 0.01 && share < 0.15, "geotag share %.3f", share)
	assert.Positive(t, sarcastic)
	assert.Greater(t, len(texts), n*8/10, "texts vary: %d distinct of %d", len(texts), n)
}

func TestPostsArePseudonymised(t *testing.T) {
	g := gen(t, &Options{Posts: 300})
	raw := map[string]bool{}
	for it := range g.Items() {
		raw[it.Post.Author.RawID] = true
	}
	delete(raw, "")
	for p, err := range g.Posts(context.Background()) {
		require.NoError(t, err)
		assert.Empty(t, p.Author.RawID)
		assert.Empty(t, p.Author.Handle)
		assert.False(t, raw[p.Author.Key])
	}
}

func TestFormatsDecode(t *testing.T) {
	items := gen(t, &Options{Posts: 400}).Items()
	for _, tc := range []struct {
		f   Format
		dec func(r *bytes.Reader) *source.Decoder
	}{
		{FormatNDJSON, func(r *bytes.Reader) *source.Decoder { return source.NewNDJSON(r, nil) }},
		{FormatTwitterV1, func(r *bytes.Reader) *source.Decoder { return source.NewTwitterV1(r, nil) }},
		{FormatTwitterV2, func(r *bytes.Reader) *source.Decoder { return source.NewTwitterV2(r, nil) }},
		{FormatCSV, func(r *bytes.Reader) *source.Decoder { return source.NewCSV(r, nil, nil) }},
		{FormatMastodon, func(r *bytes.Reader) *source.Decoder { return source.NewMastodon(r, nil) }},
		{FormatBluesky, func(r *bytes.Reader) *source.Decoder { return source.NewBluesky(r, nil) }},
		{FormatOpen311, func(r *bytes.Reader) *source.Decoder { return source.NewOpen311JSON(r, nil) }},
		{FormatOpen311XML, func(r *bytes.Reader) *source.Decoder { return source.NewOpen311XML(r, nil) }},
		{FormatRSS, func(r *bytes.Reader) *source.Decoder { return source.NewFeed(r, nil) }},
	} {
		t.Run(string(tc.f), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Write(&buf, tc.f, items))
			d := tc.dec(bytes.NewReader(buf.Bytes()))
			posts, err := source.Collect(d.Posts(context.Background()))
			require.NoError(t, err)
			st := d.Stats()
			assert.Equal(t, 400, st.Read, "every written record is read")
			assert.Zero(t, st.RejectedTotal(), "no record is rejected: %v", st.Rejected)
			assert.Len(t, posts, 400)
		})
	}
}

// The library's own NDJSON round-trips the generator's posts exactly.
func TestNDJSONRoundTrip(t *testing.T) {
	g := gen(t, &Options{Posts: 500})
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, FormatNDJSON, g.Items()))
	got, err := source.Collect(source.NewNDJSON(&buf, nil).Posts(context.Background()))
	require.NoError(t, err)
	want, err := source.Collect(g.Posts(context.Background()))
	require.NoError(t, err)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].ID, got[i].ID)
		assert.Equal(t, want[i].Author.Key, got[i].Author.Key)
		assert.Equal(t, want[i].Text, got[i].Text)
		assert.True(t, want[i].Created.Equal(got[i].Created))
	}
}
