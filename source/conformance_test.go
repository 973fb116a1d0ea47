package source_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"testing"

	"github.com/socialgeo/socialgeo/source"
	"github.com/socialgeo/socialgeo/source/sourcetest"
)

// conformanceFixtures lists, per decoder, a fixture that yields at least
// two posts.
var conformanceFixtures = []struct {
	file string
	new  func(io.Reader, *source.Options) *source.Decoder
}{
	{"ndjson/posts.ndjson", source.NewNDJSON},
	{"mastodon/timeline.json", source.NewMastodon},
	{"mastodon/bad.ndjson", source.NewMastodon},
	{"bluesky/jetstream.ndjson", source.NewBluesky},
	{"open311/requests.json", source.NewOpen311JSON},
	{"open311/requests.xml", source.NewOpen311XML},
	{"feed/utrecht.rss", source.NewFeed},
	{"feed/rotterdam.atom", source.NewFeed},
	{"twitter/v1.ndjson", source.NewTwitterV1},
	{"twitter/v1_timeline.json", source.NewTwitterV1},
	{"twitter/v1_bad.ndjson", source.NewTwitterV1},
	{"twitter/archive_tweets.js", source.NewTwitterV1},
	{"twitter/v2.ndjson", source.NewTwitterV2},
	{"twitter/v2_bad.ndjson", source.NewTwitterV2},
	{"csv/posts.csv", func(r io.Reader, o *source.Options) *source.Decoder { return source.NewCSV(r, o, nil) }},
	{"csv/bad.csv", func(r io.Reader, o *source.Options) *source.Decoder { return source.NewCSV(r, o, nil) }},
	{"csv/export_semicolon.csv", func(r io.Reader, o *source.Options) *source.Decoder {
		return source.NewCSV(r, o, &source.CSVOptions{TimeLayout: "02-01-2006 15:04", Comma: ';', DecimalComma: true,
			Columns: map[string]source.CSVField{"Bericht-ID": source.CSVID, "Datum": source.CSVCreated, "Bericht": source.CSVText,
				"Breedtegraad": source.CSVLat, "Lengtegraad": source.CSVLon, "Hashtags": source.CSVTags}})
	}},
}

func TestDecodersConform(t *testing.T) {
	for _, f := range conformanceFixtures {
		data, err := os.ReadFile(filepath.Join("testdata", f.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, keep := range []bool{false, true} {
			name := f.file
			if keep {
				name += "/raw"
			}
			t.Run(name, func(t *testing.T) {
				sourcetest.RunOptions(t, func() source.Source {
					return f.new(bytes.NewReader(data), &source.Options{KeepRawIdentity: keep})
				}, &sourcetest.Options{SingleUse: true})
			})
		}
		// In strict mode a fixture with bad records ends with a
		// *DecodeError: the suite then checks a real error-last sequence.
		strict := func() source.Source { return f.new(bytes.NewReader(data), &source.Options{Strict: true}) }
		posts, err := source.Collect(strict().Posts(context.Background()))
		var de *source.DecodeError
		if !errors.As(err, &de) || len(posts) == 0 {
			continue // no bad record, or the first record is bad
		}
		t.Run(f.file+"/strict", func(t *testing.T) {
			sourcetest.RunOptions(t, strict, &sourcetest.Options{SingleUse: true})
		})
	}
}

func helperPosts(t *testing.T) []source.Post {
	t.Helper()
	data, err := os.ReadFile("testdata/ndjson/posts.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	posts, err := source.Collect(source.NewNDJSON(bytes.NewReader(data), nil).Posts(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return posts
}

func TestHelpersConform(t *testing.T) {
	posts := helperPosts(t)
	t.Run("FromSlice", func(t *testing.T) {
		sourcetest.Run(t, func() source.Source { return source.FromSlice(posts) })
	})
	t.Run("Merge", func(t *testing.T) {
		sourcetest.Run(t, func() source.Source {
			return source.Merge(source.FromSlice(posts[:3]), source.FromSlice(posts[3:]), source.FromSlice(nil))
		})
	})
	t.Run("FromNext", func(t *testing.T) {
		// FromNext wraps a stream the caller restarts: newSource makes a
		// fresh one, and each Posts call starts from the beginning.
		sourcetest.Run(t, func() source.Source {
			return source.Func(func(ctx context.Context) iter.Seq2[source.Post, error] {
				i := 0
				return source.FromNext(func(ctx context.Context) (source.Post, error) {
					if i == len(posts) {
						return source.Post{}, io.EOF
					}
					i++
					return posts[i-1], nil
				}).Posts(ctx)
			})
		})
	})
	t.Run("Merge of decoders", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/open311/requests.json")
		rss, _ := os.ReadFile("testdata/feed/utrecht.rss")
		sourcetest.RunOptions(t, func() source.Source {
			return source.Merge(source.NewOpen311JSON(bytes.NewReader(data), nil), source.NewFeed(bytes.NewReader(rss), nil))
		}, &sourcetest.Options{SingleUse: true})
	})
}
