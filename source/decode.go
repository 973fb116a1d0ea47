package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// DefaultMaxRecordBytes is the record size limit used when
// [Options.MaxRecordBytes] is zero: 1 MiB, far above any real post.
const DefaultMaxRecordBytes = 1 << 20

// Options configure a decoder. A nil *Options means the defaults described
// on each field. Options are read once when the decoder is created.
type Options struct {
	// Pseudonymizer makes the author keys. Nil means a pseudonymizer with
	// the public key [DefaultPseudonymKey]: keys are stable and
	// unlinkable to a casual reader, but anyone with a list of handles can
	// recompute them. Production use must set a secret key.
	Pseudonymizer *Pseudonymizer
	// KeepRawIdentity, when true, keeps raw handles and user ids in
	// Author.Handle, Author.RawID and Post.Mentions. Default false: only
	// pseudonyms leave the decoder.
	KeepRawIdentity bool
	// MaxRecordBytes bounds the size of one record (a line, a JSON value,
	// an XML element). Larger records are rejected with
	// [ReasonTooLarge] without being buffered whole. Zero means
	// [DefaultMaxRecordBytes].
	MaxRecordBytes int
	// Strict stops decoding at the first rejected record: the sequence
	// yields its *DecodeError and ends. Default false: the record is
	// counted, reported to OnReject and decoding goes on.
	Strict bool
	// OnReject, if set, is called with every rejected record's error, in
	// input order, from the goroutine consuming the sequence.
	OnReject func(*DecodeError)
}

func (o *Options) maxRecord() int {
	if o == nil || o.MaxRecordBytes <= 0 {
		return DefaultMaxRecordBytes
	}
	return o.MaxRecordBytes
}

func (o *Options) pseudonymizer() *Pseudonymizer {
	if o == nil || o.Pseudonymizer == nil {
		return defaultPseudonymizer
	}
	return o.Pseudonymizer
}

// Reason classifies why a record was rejected. Values are stable strings
// used as keys in [Stats.Rejected] and in reports.
type Reason string

// Rejection reasons shared by all decoders.
const (
	ReasonSyntax      Reason = "syntax"              // not well-formed JSON, XML or CSV
	ReasonType        Reason = "wrong-type"          // a field has the wrong JSON type or cannot be parsed as a number
	ReasonUTF8        Reason = "invalid-utf8"        // text is not valid UTF-8
	ReasonCoordinates Reason = "invalid-coordinates" // NaN, infinite or out of range
	ReasonSwapped     Reason = "swapped-coordinates" // [lat, lon] given where [lon, lat] is required (reported, never fixed)
	ReasonTooLarge    Reason = "too-large"           // over Options.MaxRecordBytes
	ReasonMissing     Reason = "missing-field"       // a required field (id, time, text or location) is absent
	ReasonTime        Reason = "invalid-time"        // unknown time format
	ReasonNotAPost    Reason = "not-a-post"          // a valid record of another type (a delete event, a like)
)

// DecodeError describes one rejected record. It carries where the record
// is (1-based record number and byte offset of its start in the input) and
// why it was rejected.
type DecodeError struct {
	Format string // decoder format name, e.g. "ndjson", "twitter-v2"
	Record int    // 1-based record number in the input
	Offset int64  // byte offset of the start of the record
	Reason Reason // classification
	Err    error  // underlying error, may be nil
}

// Error implements error.
func (e *DecodeError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("source: %s record %d at byte %d: %s: %v", e.Format, e.Record, e.Offset, e.Reason, e.Err)
	}
	return fmt.Sprintf("source: %s record %d at byte %d: %s", e.Format, e.Record, e.Offset, e.Reason)
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error { return e.Err }

// ErrConsumed is yielded when Posts is called again on a decoder whose
// reader has already been read: an io.Reader can be read only once.
var ErrConsumed = errors.New("source: decoder input already consumed")

// Stats counts what a decoder did. Read == Yielded + sum(Rejected) always
// holds once a sequence has ended.
type Stats struct {
	Read     int            // records read
	Yielded  int            // posts yielded
	Rejected map[Reason]int // records rejected, by reason
	Bytes    int64          // input bytes consumed
}

// RejectedTotal returns the number of rejected records.
func (s Stats) RejectedTotal() int {
	n := 0
	for _, v := range s.Rejected {
		n += v
	}
	return n
}

// Decoder reads posts of one format from an io.Reader in constant memory.
// It implements [Source]. Posts may be called once; later calls yield
// [ErrConsumed]. A Decoder is single-use and not safe for concurrent use;
// Stats may be read after (or between steps of) the sequence.
type Decoder struct {
	format string
	r      io.Reader
	opts   Options
	ps     *Pseudonymizer
	run    func(d *Decoder, ctx context.Context, emit func(Post) bool) error
	// runInto, when set, is used instead of run: a decoder that fills a
	// Post in place (NewNDJSON) hands it to emit by pointer, so that the
	// post is copied once, into yield, instead of once more into emit.
	runInto func(d *Decoder, ctx context.Context, emit func(*Post) bool) error
	used    bool
	stats   Stats
	base    int64 // bytes skipped before the records (a prefix): added to offsets
}

func newDecoder(format string, r io.Reader, opts *Options, run func(*Decoder, context.Context, func(Post) bool) error) *Decoder {
	d := &Decoder{format: format, r: r, ps: opts.pseudonymizer(), run: run}
	if opts != nil {
		d.opts = *opts
	}
	d.opts.MaxRecordBytes = opts.maxRecord()
	return d
}

// Format returns the decoder's format name ("ndjson", "twitter-v1", ...).
func (d *Decoder) Format() string { return d.format }

// Stats returns a copy of the decoder's counters.
func (d *Decoder) Stats() Stats {
	s := d.stats
	s.Bytes += d.base
	s.Rejected = make(map[Reason]int, len(d.stats.Rejected))
	for k, v := range d.stats.Rejected {
		s.Rejected[k] = v
	}
	return s
}

// Posts implements [Source].
func (d *Decoder) Posts(ctx context.Context) iter.Seq2[Post, error] {
	return func(yield func(Post, error) bool) {
		if d.used {
			yield(Post{}, ErrConsumed)
			return
		}
		d.used = true
		stopped := false // the consumer returned false: yield no more
		emit := func(p *Post) bool {
			if ctx.Err() != nil {
				return false
			}
			d.stats.Yielded++
			if !yield(*p, nil) {
				stopped = true
				return false
			}
			return true
		}
		var err error
		if d.runInto != nil {
			err = d.runInto(d, ctx, emit)
		} else {
			err = d.run(d, ctx, func(p Post) bool { return emit(&p) })
		}
		if stopped {
			return
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			yield(Post{}, err)
		}
	}
}

// reject counts a rejected record and reports it. It returns a non-nil
// error when decoding must stop (strict mode).
func (d *Decoder) reject(rec int, off int64, reason Reason, err error) error {
	if d.stats.Rejected == nil {
		d.stats.Rejected = make(map[Reason]int)
	}
	d.stats.Rejected[reason]++
	de := &DecodeError{Format: d.format, Record: rec, Offset: off + d.base, Reason: reason, Err: err}
	if d.opts.OnReject != nil {
		d.opts.OnReject(de)
	}
	if d.opts.Strict {
		return de
	}
	return nil
}

// recordError is returned by format parsers to reject a record with a reason.
type recordError struct {
	reason Reason
	err    error
}

func (e *recordError) Error() string {
	if e.err == nil {
		return string(e.reason)
	}
	return string(e.reason) + ": " + e.err.Error()
}
func (e *recordError) Unwrap() error { return e.err }

func rejectf(reason Reason, format string, args ...any) error {
	return &recordError{reason: reason, err: fmt.Errorf(format, args...)}
}

// classify maps a parser error to a rejection reason.
func classify(err error) (Reason, error) {
	var re *recordError
	if errors.As(err, &re) {
		return re.reason, re.err
	}
	return ReasonType, err
}

// eachLine calls fn for every non-blank newline-delimited line of d.r
// with the line (space-trimmed; nil when tooLarge), the byte offset of its
// start, and whether it is longer than MaxRecordBytes (such a line is
// skipped without being buffered). It keeps d.stats.Bytes current. fn
// returns false to stop, or an error that ends decoding.
func (d *Decoder) eachLine(ctx context.Context, fn func(line []byte, start int64, tooLarge bool) (bool, error)) error {
	br := bufio.NewReaderSize(d.r, 64<<10)
	var (
		off  int64
		buf  []byte
		max  = d.opts.MaxRecordBytes
		done bool
	)
	for !done {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := off
		tooLarge := false
		var line []byte
		chunk, err := br.ReadSlice('\n')
		if err == nil && len(chunk) <= max+1 {
			// The whole line is in the reader's buffer: use it there
			// (valid until the next read, after fn returns) instead of
			// copying it into buf.
			line = chunk
			off += int64(len(chunk))
		} else {
			var n int64
			buf, n, tooLarge, done, err = readRest(br, buf[:0], chunk, err, max)
			if off += n; err != nil {
				d.stats.Bytes = off
				return fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
			}
			line = buf
		}
		d.stats.Bytes = off
		line = bytes.TrimSpace(line)
		if len(line) == 0 && !tooLarge {
			continue
		}
		if tooLarge {
			line = nil
		}
		more, err := fn(line, start, tooLarge)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// forLines runs fn for every newline-delimited record of d.r, skipping
// blank lines (which are not records). Lines longer than MaxRecordBytes are
// rejected as too large without being buffered. fn returns the post, or an
// error built with rejectf (other errors are classified as wrong types);
// rejections are counted and reported, posts are emitted.
func (d *Decoder) forLines(ctx context.Context, emit func(Post) bool, fn func(line []byte) (Post, error)) error {
	rec := 0
	return d.eachLine(ctx, func(line []byte, start int64, tooLarge bool) (bool, error) {
		rec++
		d.stats.Read++
		if tooLarge {
			return true, d.reject(rec, start, ReasonTooLarge, fmt.Errorf("record exceeds %d bytes", d.opts.MaxRecordBytes))
		}
		p, err := fn(line)
		if err != nil {
			reason, cause := classify(err)
			return true, d.reject(rec, start, reason, cause)
		}
		return emit(p), nil
	})
}

// forLinesInto is forLines for a decoder that fills a Post in place from
// a line given as a string (see eachLineString): fn decodes line into
// *p, which is zeroed before every line. A Post is over 300 bytes;
// decoding into one Post per sequence and handing it to emit by pointer
// (see Decoder.runInto) saves the copies of returning it through fn and
// forLines and of passing it to emit.
//
// lead, if not nil, is tried first on the rest of a block (see
// eachLineString): it decodes the block's first line into *p and returns
// its length with the newline, or 0 to leave the line to fn; finish then
// does for a decoded post what fn does after decoding.
func (d *Decoder) forLinesInto(ctx context.Context, emit func(*Post) bool, fn func(line string, p *Post) error,
	lead func(block string, p *Post) int, finish func(p *Post) error) error {
	rec := 0
	p := new(Post)
	var leadBlock func(block string) int
	if lead != nil {
		leadBlock = func(block string) int {
			*p = Post{}
			return lead(block, p)
		}
	}
	return d.eachLineString(ctx, func(line string, start int64, tooLarge, decoded bool) (bool, error) {
		rec++
		d.stats.Read++
		if tooLarge {
			return true, d.reject(rec, start, ReasonTooLarge, fmt.Errorf("record exceeds %d bytes", d.opts.MaxRecordBytes))
		}
		var err error
		if decoded {
			err = finish(p)
		} else {
			*p = Post{}
			err = fn(line, p)
		}
		if err != nil {
			reason, cause := classify(err)
			return true, d.reject(rec, start, reason, cause)
		}
		return emit(p), nil
	}, leadBlock)
}

// lineBlock is the most bytes of whole lines eachLineString turns into
// one string.
const lineBlock = 4 << 10

// eachLineString is eachLine with the lines as strings, for a decoder
// whose posts keep substrings of their line (NewNDJSON). The lines are
// cut from blocks: one string of the whole lines in the reader's buffer,
// up to lineBlock bytes, instead of one string per line, so that a post
// of a few hundred bytes costs a tenth of an allocation instead of one.
// A post kept by the caller keeps its block alive (at most lineBlock
// bytes, or its own line when longer). A line that does not fit a block
// (longer than lineBlock, or not yet whole in the buffer, or the last
// line without a newline) is read as eachLine reads it.
//
// lead, if not nil, is offered the rest of the block before its next
// line is looked for: when it returns n > 0 it has decoded that line
// itself (n bytes with the newline; a line of a block has one), and fn
// is called with decoded set (and line the raw n bytes), which saves a
// search for the newline and a trim per line. Lines over MaxRecordBytes
// and those lead leaves (0) take the usual path.
func (d *Decoder) eachLineString(ctx context.Context, fn func(line string, start int64, tooLarge, decoded bool) (bool, error), lead func(block string) int) error {
	br := bufio.NewReaderSize(d.r, 64<<10)
	var (
		off   int64
		buf   []byte
		max   = d.opts.MaxRecordBytes
		block string // whole lines read ahead from br's buffer, not yet consumed
		taken int    // the length of the last block, discarded from br once used up
		done  bool
	)
	for !done {
		if err := ctx.Err(); err != nil {
			return err
		}
		if block == "" {
			// The block's lines are all consumed: br skips them at once,
			// not line by line. (br is this function's own: when it
			// returns early, its position does not matter.)
			br.Discard(taken) // within the buffered bytes: no read, no error
			block = wholeLines(br)
			taken = len(block)
		}
		start := off
		if lead != nil && block != "" {
			if n := lead(block); n > 0 && n <= max+1 {
				line := block[:n]
				block = block[n:]
				off += int64(n)
				d.stats.Bytes = off
				more, err := fn(line, start, false, true)
				if err != nil || !more {
					return err
				}
				continue
			}
		}
		tooLarge := false
		var line string
		if k := strings.IndexByte(block, '\n') + 1; k > 0 {
			line, block = block[:k], block[k:]
			off += int64(k)
			tooLarge = len(line) > max+1 // +1: the newline
		} else {
			chunk, err := br.ReadSlice('\n')
			var n int64
			buf, n, tooLarge, done, err = readRest(br, buf[:0], chunk, err, max)
			if off += n; err != nil {
				d.stats.Bytes = off
				return fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
			}
			if !tooLarge {
				line = string(bytes.TrimSpace(buf))
			}
		}
		d.stats.Bytes = off
		line = strings.TrimSpace(line)
		if len(line) == 0 && !tooLarge {
			continue
		}
		if tooLarge {
			line = ""
		}
		more, err := fn(line, start, tooLarge, false)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// readRest reads the line whose first chunk br.ReadSlice('\n') returned
// with err, appending its chunks to buf unless the line is longer than
// max+1 bytes (+1: the newline; then tooLarge is set and nothing more is
// buffered). It returns the line, the bytes it took from br, whether the
// input ended, and a read error other than io.EOF.
func readRest(br *bufio.Reader, buf, chunk []byte, err error, max int) (line []byte, n int64, tooLarge, eof bool, _ error) {
	for {
		n += int64(len(chunk))
		if !tooLarge {
			if len(buf)+len(chunk) > max+1 {
				tooLarge, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch err {
		case nil:
			return buf, n, tooLarge, false, nil
		case io.EOF:
			return buf, n, tooLarge, true, nil
		case bufio.ErrBufferFull:
			chunk, err = br.ReadSlice('\n')
		default:
			return buf, n, tooLarge, false, err
		}
	}
}

// wholeLines returns the whole lines at the start of br's buffered bytes
// (up to lineBlock bytes), copied into a string, without reading: ""
// when no newline is buffered there.
func wholeLines(br *bufio.Reader) string {
	n := min(br.Buffered(), lineBlock)
	if n == 0 {
		return ""
	}
	b, _ := br.Peek(n) // buffered: no read, no error
	e := lastNewline(b)
	if e < 0 {
		return ""
	}
	return string(b[:e+1])
}

// lastNewline is bytes.LastIndexByte(b, '\n') 8 bytes at a time (that one
// is a byte loop on amd64; a block's last line is about half a line
// from its end).
func lastNewline(b []byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	i := len(b)
	for ; i >= 8; i -= 8 {
		x := binary.LittleEndian.Uint64(b[i-8 : i])
		x ^= lo * '\n'
		// Flags the zero bytes of x; the highest flag may be false only
		// when a zero byte is below it, so it is checked.
		if m := (x - lo) &^ x & hi; m != 0 {
			for k := i - 1; k >= i-8; k-- {
				if b[k] == '\n' {
					return k
				}
			}
		}
	}
	for i--; i >= 0; i-- {
		if b[i] == '\n' {
			return i
		}
	}
	return -1
}

// checkPoint validates a [lon, lat] pair for a post. It rejects NaN,
// infinities and out-of-range values, and reports pairs that are valid
// only when swapped (lat in the lon slot) for the Netherlands region as
// [ReasonSwapped]; it never swaps them itself.
func checkPoint(lon, lat float64) (orb.Point, error) {
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return orb.Point{}, rejectf(ReasonCoordinates, "coordinate is NaN or infinite")
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		if lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90 {
			return orb.Point{}, rejectf(ReasonSwapped, "coordinate (%g, %g) is valid only as [lat, lon]", lon, lat)
		}
		return orb.Point{}, rejectf(ReasonCoordinates, "coordinate (%g, %g) out of range", lon, lat)
	}
	if looksSwappedNL(lon, lat) {
		return orb.Point{}, rejectf(ReasonSwapped, "coordinate (%g, %g) looks like [lat, lon] in the Netherlands", lon, lat)
	}
	return orb.Point{lon, lat}, nil
}

// looksSwappedNL reports whether (lon, lat) falls outside the Netherlands
// region but (lat, lon) falls inside it: the usual symptom of swapped axes
// in Dutch data. Points elsewhere in the world are accepted as they are.
func looksSwappedNL(lon, lat float64) bool {
	in := func(x, y float64) bool { return x >= 3.0 && x <= 7.5 && y >= 50.5 && y <= 53.8 }
	return !in(lon, lat) && in(lat, lon)
}
