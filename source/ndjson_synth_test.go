package source_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/source"
)

// BenchmarkNDJSONSynth decodes the lines BenchmarkPipeline/ndjson of the
// root package decodes (20,000 synthetic posts, seed 1), without the rest
// of the pipeline: the decoder's cost per post on those lines, for
// callgrind (op = 20,000 posts).
func BenchmarkNDJSONSynth(b *testing.B) {
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: 20000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.FormatNDJSON, gen.Items()); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if n, err := decodeSynth(data); err != nil || n != 20000 {
			b.Fatal(n, "posts", err)
		}
	}
}

// decodeSynth decodes data and counts its posts: a function of its own,
// so that callgrind can count it alone (--toggle-collect).
//
//go:noinline
func decodeSynth(data []byte) (int, error) {
	n := 0
	for _, err := range source.NewNDJSON(bytes.NewReader(data), nil).Posts(context.Background()) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
