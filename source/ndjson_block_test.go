package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// lineByLineNDJSON is NewNDJSON as it was before lines were cut from
// string blocks: eachLine and one decode per line. The reference of
// checkNDJSONBlocks.
func lineByLineNDJSON(r io.Reader, opts *Options) *Decoder {
	return newDecoder("ndjson", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		var sc ndjsonScanner
		return d.forLines(ctx, emit, func(line []byte) (Post, error) { return d.ndjsonLine(&sc, line) })
	})
}

// checkNDJSONBlocks decodes data with NewNDJSON and with the line-by-line
// reference: the same posts, rejections (record numbers and offsets) and
// counts, from a reader that returns all of data at once and from
// readers that return it in short pieces (lines across chunks and reads).
func checkNDJSONBlocks(t *testing.T, data []byte, max int) {
	t.Helper()
	checkNDJSONBlocksFrom(t, func() io.Reader { return bytes.NewReader(data) }, max)
	checkNDJSONBlocksFrom(t, func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, max)
	checkNDJSONBlocksFrom(t, func() io.Reader { return &pieceReader{data: data, n: len(data)%97 + 1} }, max)
}

// checkNDJSONBlocksFrom is checkNDJSONBlocks on the reader made by r:
// the same posts, rejections, counts and sequence error (a failing
// reader's, with its byte offset).
func checkNDJSONBlocksFrom(t *testing.T, r func() io.Reader, max int) {
	t.Helper()
	run := func(d *Decoder, errs *[]string) ([]Post, Stats, error) {
		d.opts.OnReject = func(e *DecodeError) { *errs = append(*errs, e.Error()) }
		posts, err := Collect(d.Posts(context.Background()))
		return posts, d.Stats(), err
	}
	var gotErrs, wantErrs []string
	opts := &Options{MaxRecordBytes: max}
	got, gotStats, gotErr := run(NewNDJSON(r(), opts), &gotErrs)
	want, wantStats, wantErr := run(lineByLineNDJSON(r(), opts), &wantErrs)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("max %d: sequence error %v, want %v", max, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("max %d: posts differ:\n%+v\n%+v", max, got, want)
	}
	if !reflect.DeepEqual(gotErrs, wantErrs) || !reflect.DeepEqual(gotStats, wantStats) {
		t.Fatalf("max %d: rejections differ:\n%v %+v\n%v %+v", max, gotErrs, gotStats, wantErrs, wantStats)
	}
}

// pieceReader returns data n bytes a read (fewer at its end), and a
// read with no bytes and no error before every third piece.
type pieceReader struct {
	data  []byte
	n     int
	calls int
}

func (r *pieceReader) Read(p []byte) (int, error) {
	if r.calls++; r.calls%3 == 0 {
		return 0, nil
	}
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[k:]
	return k, nil
}

// TestNDJSONBlocksReadError checks that a reader failing partway ends
// the sequence with its error and offset as the line-by-line decoder's
// does, after the same posts.
func TestNDJSONBlocksReadError(t *testing.T) {
	data := readFixture(t, "ndjson/posts.ndjson")
	data = bytes.Repeat(data, 20)
	boom := errors.New("boom")
	for _, cut := range []int{0, 1, 100, 4095, 4096, 4097, len(data) / 2, len(data) - 1, len(data)} {
		for _, max := range []int{0, 200} {
			checkNDJSONBlocksFrom(t, func() io.Reader {
				return io.MultiReader(bytes.NewReader(data[:cut]), iotest.ErrReader(boom))
			}, max)
			checkNDJSONBlocksFrom(t, func() io.Reader {
				return io.MultiReader(iotest.OneByteReader(bytes.NewReader(data[:cut])), iotest.ErrReader(boom))
			}, max)
		}
	}
}

// TestNDJSONBlocksAgreeWithLines runs inputs of several hundred KiB
// (lines across block and buffer boundaries, lines longer than a block,
// blank and padded lines, bad and too large records, no final newline)
// through both decoders.
func TestNDJSONBlocksAgreeWithLines(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	fixture := strings.Split(strings.TrimSpace(string(readFixture(t, "ndjson/posts.ndjson"))), "\n")
	for round := 0; round < 6; round++ {
		var b bytes.Buffer
		for b.Len() < 300<<10 {
			switch k := r.IntN(20); {
			case k == 0:
				b.WriteString("\n")
			case k == 1:
				b.WriteString("  \t\r\n")
			case k == 2:
				// a post with a text longer than a block
				fmt.Fprintf(&b, `{"id":"long%d","platform":"csv","text":%q,"created":"2024-04-27T10:00:00Z"}`+"\n",
					b.Len(), strings.Repeat("lange tekst ", 300+r.IntN(800)))
			case k == 3:
				b.WriteString(`{"id":"bad"` + "\n")
			case k == 4:
				b.WriteString(" " + fixture[r.IntN(len(fixture))] + " \r\n")
			default:
				b.WriteString(fixture[r.IntN(len(fixture))] + "\n")
			}
		}
		data := b.Bytes()
		if round%2 == 1 {
			data = bytes.TrimRight(data, "\n") // last line without newline
		}
		for _, max := range []int{0, 400, 5000} {
			checkNDJSONBlocks(t, data, max)
		}
	}
}

func FuzzNDJSONBlocks(f *testing.F) {
	for _, s := range []string{"ndjson/posts.ndjson", "ndjson/rawidentity.ndjson", "ndjson/bad.ndjson"} {
		f.Add(readFixture(f, s), 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		checkNDJSONBlocks(t, data, max%500)
	})
}

// TestNDJSONFastCounters checks the scanner's integer fast path against
// encoding/json on the edge cases of the number grammar.
func TestNDJSONFastCounters(t *testing.T) {
	for _, v := range []string{"0", "7", "01", "-0", "-5", "00", "10", "123456789012345678", "1234567890123456789",
		"99999999999999999999", "1e3", "1E3", "1.0", "1.", "0.5", "null", "true", `"3"`, "3 ", " 3", "3x"} {
		line := `{"id":"1","platform":"csv","text":"x","created":"2024-04-27T10:00:00Z","author":{"followers":` + v + `},"engagement":{"likes":` + v + `}}`
		checkNDJSONFast(t, []byte(line))
	}
}

// checkNDJSONLead checks decodeLead on line followed by suffix, a newline
// and a next line against decodeString on the trimmed line: when it
// takes the line, it takes all of it (and its newline, nothing more) and
// decodes the same post; the fixtures' compact lines it always takes.
func checkNDJSONLead(t *testing.T, line []byte, suffix string) {
	if bytes.IndexByte(line, '\n') >= 0 {
		return // not a line of a block
	}
	block := string(line) + suffix + "\n" + `{"id":"next","platform":"csv","created":"2024-11-06T09:00:00Z"}` + "\n"
	var lead, ref ndjsonScanner
	var got, want Post
	n := lead.decodeLead(block, &got)
	ok := ref.decodeString(strings.TrimSpace(string(line)+suffix), &want)
	if n == 0 {
		return
	}
	if n != len(line)+len(suffix)+1 || !ok {
		t.Fatalf("%q + %q: decodeLead took %d bytes, decodeString %v", line, suffix, n, ok)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q + %q:\nlead: %#v\nline: %#v", line, suffix, got, want)
	}
}

// TestNDJSONLeadAgreesWithLines runs the fixture and seed lines and
// mutations of them through checkNDJSONLead with the suffixes a line may
// end in, and checks that compact lines take the lead path.
func TestNDJSONLeadAgreesWithLines(t *testing.T) {
	suffixes := []string{"", " ", "\r", " \t\r", "\v", "\u00a0", " x", "}"}
	lines := ndjsonLines(t)
	for _, l := range lines {
		for _, suf := range suffixes {
			checkNDJSONLead(t, l, suf)
		}
	}
	var sc ndjsonScanner
	for _, l := range bytes.Split(bytes.TrimSpace(readFixture(t, "ndjson/posts.ndjson")), []byte("\n")) {
		var p Post
		if n := sc.decodeLead(string(l)+"\n", &p); n != len(l)+1 {
			t.Errorf("%s: decodeLead = %d, want %d", l, n, len(l)+1)
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	toks := []string{`"`, `\`, "\n", "\r", " ", `null`, `,`, `:`, `{`, `}`, `[`, `]`, `1e5`, "\xc3"}
	for n := 0; n < 20000; n++ {
		l := append([]byte(nil), lines[r.IntN(len(lines))]...)
		for k := r.IntN(3) + 1; k > 0 && len(l) > 0; k-- {
			i := r.IntN(len(l))
			switch r.IntN(3) {
			case 0:
				l[i] = byte(r.IntN(128))
			case 1:
				l = append(l[:i], l[i+1:]...)
			default:
				l = append(l[:i], append([]byte(toks[r.IntN(len(toks))]), l[i:]...)...)
			}
		}
		checkNDJSONLead(t, l, suffixes[r.IntN(len(suffixes))])
	}
}

func FuzzNDJSONLead(f *testing.F) {
	for _, l := range ndjsonLines(f) {
		f.Add(l, "")
	}
	f.Fuzz(func(t *testing.T, line []byte, suffix string) {
		if strings.IndexByte(suffix, '\n') >= 0 {
			return
		}
		checkNDJSONLead(t, line, suffix)
	})
}

// TestLastNewline compares lastNewline with bytes.LastIndexByte.
func TestLastNewline(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.IntN(80))
		for i := range b {
			b[i] = "ab\n\x0b\x8a\x00"[r.IntN(6)]
			if r.IntN(4) != 0 {
				b[i] = 'x'
			}
		}
		if got, want := lastNewline(b), bytes.LastIndexByte(b, '\n'); got != want {
			t.Fatalf("%q: %d, want %d", b, got, want)
		}
	}
}
