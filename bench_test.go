package socialgeo

import (
	"bytes"
	"context"
	"testing"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/source"
)

// benchInput is a day of synthetic posts as Mastodon NDJSON (one status
// per line), the shape of a typical archive export.
func benchInput(b *testing.B, n int) []byte {
	b.Helper()
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.FormatMastodon, gen.Items()); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkPipeline measures the whole path from NDJSON bytes to
// aggregates: decode, tokenise, locate (from/home/about), score sentiment,
// match the example profiles, filter noise and add to an area series and
// a 1 km grid. posts/s is per run (all workers together).
func BenchmarkPipeline(b *testing.B) {
	const n = 20000
	data := benchInput(b, n)
	lib := library(b)
	for _, workers := range []int{1, 2, 4} {
		b.Run("workers="+string(rune('0'+workers)), func(b *testing.B) {
			p, err := New(&Options{Profiles: lib, Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				series, _ := aggregate.NewSeries(nil)
				grid, _ := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
				rep, err := p.Run(context.Background(), source.NewMastodon(bytes.NewReader(data), nil), series, grid)
				if err != nil || rep.Read != n {
					b.Fatal(err, rep.Read)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}
