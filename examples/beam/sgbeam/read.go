package sgbeam

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo/source"
)

func init() {
	register.DoFn4x1[context.Context, string, func(source.Post), func(string), error](&DecodeLineFn{})
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(source.Post), func(string), error](&DecodeFileFn{})
	register.Emitter1[source.Post]()
	register.Emitter1[string]()
}

// Tally keys emitted by the decoders and ObserveFn and counted by
// CountsFn; see [Counts].
const (
	TallyRead     = "read"      // a record read (a post or a rejected record)
	TallyObserved = "observed"  // a post observed
	TallyRejected = "rejected/" // + reason: a record or post rejected
)

// DecodeLineFn decodes one NDJSON line (from textio.Read) with the core
// NDJSON decoder, or with the decoder of Decode.Format for another
// line-delimited format. It emits the post, or, for a rejected line, the tally
// keys TallyRead and TallyRejected+reason to its second output (as
// Pipeline.Run counts decoder rejections). Blank lines emit nothing.
type DecodeLineFn struct {
	Decode Decode

	opts *source.Options
	dec  NewDecoder
}

// Setup builds the decoder options once per instance.
func (f *DecodeLineFn) Setup() error {
	d := f.Decode
	if d.Format == "" {
		d.Format = "ndjson"
	}
	dec, err := decoder(d.Format)
	if err != nil {
		return err
	}
	f.opts, f.dec = d.options(), dec
	return nil
}

// ProcessElement decodes one line.
func (f *DecodeLineFn) ProcessElement(ctx context.Context, line string, emit func(source.Post), rejected func(string)) error {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	return decodeAll(ctx, f.dec(strings.NewReader(line), f.opts), emit, rejected)
}

// DecodeFileFn decodes a whole file (a match of fileio.MatchFiles, read
// with fileio.ReadMatches, gzip-compressed when its name ends in .gz) in
// any format of [Formats]. Rejected records go to the second output as
// in [DecodeLineFn].
type DecodeFileFn struct {
	Decode Decode

	opts *source.Options
	dec  NewDecoder
}

// Setup builds the decoder options once per instance.
func (f *DecodeFileFn) Setup() error {
	dec, err := decoder(f.Decode.Format)
	if err != nil {
		return err
	}
	f.opts, f.dec = f.Decode.options(), dec
	return nil
}

// ProcessElement decodes one file.
func (f *DecodeFileFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(source.Post), rejected func(string)) error {
	r, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("sgbeam: %s: %w", file.Metadata.Path, err)
	}
	defer r.Close()
	if err := decodeAll(ctx, f.dec(r, f.opts), emit, rejected); err != nil {
		return fmt.Errorf("sgbeam: %s: %w", file.Metadata.Path, err)
	}
	return nil
}

func decodeAll(ctx context.Context, d *source.Decoder, emit func(source.Post), rejected func(string)) error {
	for p, err := range d.Posts(ctx) {
		if err != nil {
			return err
		}
		emit(p)
	}
	for reason, n := range d.Stats().Rejected {
		for range n {
			rejected(TallyRead)
			rejected(TallyRejected + string(reason))
		}
	}
	return nil
}

// ReadNDJSON reads the files matching glob line by line with textio (so
// that large files are split across workers) and decodes each line with
// the decoder of d.Format: "" or "ndjson" for the core NDJSON format, or
// another line-delimited format ("bluesky", the Jetstream feed). It
// returns the posts and the tally keys of the rejected lines.
func ReadNDJSON(s beam.Scope, glob string, d Decode) (posts, rejected beam.PCollection) {
	s = s.Scope("sgbeam.ReadNDJSON")
	lines := textio.Read(s, glob)
	return beam.ParDo2(s, &DecodeLineFn{Decode: d}, lines)
}

// ReadFiles reads the files matching glob whole, each with the decoder of
// d.Format. It returns the posts and the tally keys of the rejected
// records.
func ReadFiles(s beam.Scope, glob string, d Decode) (posts, rejected beam.PCollection) {
	s = s.Scope("sgbeam.ReadFiles")
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, glob))
	return beam.ParDo2(s, &DecodeFileFn{Decode: d}, files)
}
