package socialgeo

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/source"
)

// FuzzRun runs the pipeline on arbitrary NDJSON bytes with one worker
// (duplicates filtered before the analysis) and with two (filtered after
// it, in the in-order stage; dedupBatch both): no panic, every record read
// is observed or rejected, and both give the same report and the same
// area series, byte for byte.
//
//	go test -run '^$' -fuzz FuzzRun -fuzztime 60s .
func FuzzRun(f *testing.F) {
	var buf bytes.Buffer
	require.NoError(f, synth.Write(&buf, synth.FormatNDJSON, generator(f, 60).Items()))
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	for i := 0; i+12 <= len(lines); i += 12 {
		f.Add(bytes.Join(lines[i:i+12], nil))
	}
	// The same post three times (an exact and two near duplicates once
	// the fuzzer changes a word), a broken record and a blank line.
	f.Add(bytes.Join([][]byte{lines[0], lines[0], lines[0], []byte("{\"id\":\n\n"), lines[1]}, nil))
	lib := library(f)
	one, err := New(&Options{Profiles: lib})
	require.NoError(f, err)
	two, err := New(&Options{Profiles: lib, Workers: 2})
	require.NoError(f, err)
	run := func(t *testing.T, p *Pipeline, data []byte) (*Report, []byte) {
		s, err := aggregate.NewSeries(nil)
		require.NoError(t, err)
		rep, err := p.Run(context.Background(), source.NewNDJSON(bytes.NewReader(data), nil), s)
		require.NoError(t, err)
		b, err := s.MarshalBinary()
		require.NoError(t, err)
		return rep, b
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r1, s1 := run(t, one, data)
		r2, s2 := run(t, two, data)
		require.Equal(t, r1.Read, r1.Observed+r1.RejectedTotal())
		delete(r2.Thresholds, "workers")
		delete(r1.Thresholds, "workers")
		require.Equal(t, r1, r2)
		require.Equal(t, s1, s2)
	})
}
