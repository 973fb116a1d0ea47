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
	"unsafe"

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
	// runYield, when set, is used instead of run: a decoder that fills a
	// Post of its own on its stack (NewNDJSON) yields it itself (see
	// ndjsonLines), so that the post is copied once, into yield. It
	// reports whether yield returned false.
	runYield func(d *Decoder, ctx context.Context, yield func(Post, error) bool) (stopped bool, err error)
	used     bool
	stats    Stats
	base     int64 // bytes skipped before the records (a prefix): added to offsets
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
		var err error
		if d.runYield != nil {
			stopped, err = d.runYield(d, ctx, yield)
		} else {
			err = d.run(d, ctx, func(p Post) bool {
				if ctx.Err() != nil {
					return false
				}
				d.stats.Yielded++
				if !yield(p, nil) {
					stopped = true
					return false
				}
				return true
			})
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

// lineBlock is the size of the chunks ndjsonLines reads the input into,
// and so the most bytes of whole lines one of its blocks holds.
const lineBlock = 4 << 10

// ndjsonLines is forLines for NewNDJSON, which fills a Post in place
// from a line given as a string: sc decodes each line into p, which is
// zeroed before every line, and the post is yielded from here, as
// Posts' emit does for the other decoders (runYield). A Post is over 300
// bytes; p is a local variable that does not escape, so that the
// scanner's stores into it need no write barriers and yield gets one
// copy of it (a Post filled on the heap and handed to emit by pointer
// was copied twice by the compiler's code for yield(*p, nil), and its
// clearing and every string stored into it tested the write barrier).
// The scanner and the validation are called directly, not through the
// closures of a general line loop (five closure calls a line cost
// about 100 instructions of some 3,000).
//
// The lines are cut from blocks: strings of the whole lines in one chunk
// of the input (see lineChunks), up to lineBlock bytes, instead of one
// string per line, so that a post of a few hundred bytes costs a tenth
// of an allocation instead of one, and the input is copied once, by the
// reader's Read into the chunk, instead of into a read buffer and then
// into a string. A post kept by the caller keeps its chunk alive
// (lineBlock bytes, or its own line when that is longer). A line that
// does not fit a chunk (longer than lineBlock, or the last line without
// a newline) is read as eachLine reads it, into a string of its own.
//
// The scanner is offered the rest of the block first (decodeLead): when
// it decodes the block's first line itself (n bytes with the newline; a
// line of a block has one), that saves a search for the newline and a
// trim per line. Lines over MaxRecordBytes and those it leaves (0) take
// the line path (ndjsonInto): cut at the newline, trimmed, decoded by
// the scanner or by encoding/json.
func (d *Decoder) ndjsonLines(ctx context.Context, yield func(Post, error) bool, sc *ndjsonScanner) (stopped bool, _ error) {
	cr := lineChunks{r: d.r}
	var (
		rec   int
		off   int64
		buf   []byte
		max   = d.opts.MaxRecordBytes
		block string // whole lines of the current chunk, not yet consumed
		done  bool
		p     Post
	)
	for !done {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if block == "" {
			block = cr.block()
		}
		start := off
		var err error
		n := 0
		if block != "" {
			p = Post{}
			n = sc.decodeLead(block, &p)
		}
		if n > 0 && n <= max+1 {
			block = block[n:]
			off += int64(n)
			d.stats.Bytes = off
			rec++
			d.stats.Read++
			err = d.finishNDJSON(&p)
		} else {
			tooLarge := false
			var line string
			if k := strings.IndexByte(block, '\n') + 1; k > 0 {
				line, block = block[:k], block[k:]
				off += int64(k)
				tooLarge = len(line) > max+1 // +1: the newline
			} else {
				var n int64
				buf, n, tooLarge, done, err = cr.line(buf[:0], max)
				if off += n; err != nil {
					d.stats.Bytes = off
					return false, fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
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
			rec++
			d.stats.Read++
			if tooLarge {
				if err := d.reject(rec, start, ReasonTooLarge, fmt.Errorf("record exceeds %d bytes", d.opts.MaxRecordBytes)); err != nil {
					return false, err
				}
				continue
			}
			p = Post{}
			err = d.ndjsonInto(sc, line, &p)
		}
		if err != nil {
			reason, cause := classify(err)
			if err := d.reject(rec, start, reason, cause); err != nil {
				return false, err
			}
			continue
		}
		// As Posts' emit: a cancelled context ends the sequence before
		// the post (Posts then yields ctx.Err()).
		if ctx.Err() != nil {
			return false, nil
		}
		d.stats.Yielded++
		if !yield(p, nil) {
			return true, nil
		}
	}
	return false, nil
}

// appendLimited appends part to buf, a record being read, unless the
// record is already tooLarge or would become longer than limit bytes:
// then buf keeps nothing of it and tooLarge is set, so that a record over
// the limit is skipped without being buffered.
func appendLimited(buf, part []byte, limit int, tooLarge bool) ([]byte, bool) {
	if tooLarge || len(buf)+len(part) > limit {
		return buf[:0], true
	}
	return append(buf, part...), false
}

// readRest reads the line whose first chunk br.ReadSlice('\n') returned
// with err, appending its chunks to buf unless the line is longer than
// max+1 bytes (+1: the newline; then tooLarge is set and nothing more is
// buffered). It returns the line, the bytes it took from br, whether the
// input ended, and a read error other than io.EOF.
func readRest(br *bufio.Reader, buf, chunk []byte, err error, max int) (line []byte, n int64, tooLarge, eof bool, _ error) {
	for {
		n += int64(len(chunk))
		buf, tooLarge = appendLimited(buf, chunk, max+1, tooLarge)
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

// A lineChunks reads its input into chunks of lineBlock bytes and hands
// out the whole lines of a chunk as strings that share the chunk's
// memory (unsafe.String: no copy), for ndjsonLines. A chunk's bytes
// that back a string handed out (buf[:keep]) are never written again: a
// new chunk is allocated for what follows, and the partial line at the
// end of a full chunk is copied into it. So the strings stay valid and
// unchanged for as long as they are referenced, as strings must, while
// the input is copied once (by Read) instead of twice (by Read into a
// bufio.Reader's buffer, which is reused, and from there into a string).
// The extra cost is one partial line copied per chunk, about 4 % of the
// input for lines of 300 bytes.
type lineChunks struct {
	r    io.Reader
	buf  []byte // the current chunk: buf[:len] read, buf[pos:] not yet consumed
	pos  int
	keep int   // buf[:keep] backs strings handed out: never written again
	scan int   // buf[pos:scan] holds no newline
	err  error // the error that ended the reads (io.EOF at the end of the input)
}

// block returns the whole lines at the read position (up to the last
// newline of the chunk) as a string and consumes them, reading more when
// none is buffered; "" when the next line is not whole in a chunk: the
// input ended (the last line has no newline, or there is none), a read
// failed, or the line is longer than a chunk. line then reads it.
func (c *lineChunks) block() string {
	for {
		if e := lastNewline(c.buf[c.scan:]); e >= 0 {
			end := c.scan + e + 1
			s := unsafe.String(&c.buf[c.pos], end-c.pos)
			// No newline follows end: the search came from the back.
			c.pos, c.keep, c.scan = end, end, len(c.buf)
			return s
		}
		c.scan = len(c.buf)
		if c.err != nil || !c.fill() {
			return ""
		}
	}
}

// fill reads more input after buf[pos:], first moving those bytes to the
// start of a new chunk when the current one is full (or to the start of
// the current one when no string shares it). It returns false when it
// read nothing: a read error or the end of the input (c.err), or a full
// chunk of one unfinished line.
func (c *lineChunks) fill() bool {
	if len(c.buf) == cap(c.buf) {
		rest := c.buf[c.pos:]
		if len(rest) == lineBlock {
			return false // a line longer than a chunk: line reads it
		}
		if c.keep > 0 || c.buf == nil {
			// Strings share this chunk: the rest goes to a new one.
			// (make zeroes it; bytealg.MakeNoZero, which would not, is
			// not reachable from here.)
			b := make([]byte, len(rest), lineBlock)
			copy(b, rest)
			c.buf = b
		} else {
			c.buf = c.buf[:copy(c.buf, rest)]
		}
		c.scan -= c.pos
		c.pos, c.keep = 0, 0
	}
	for range 100 { // as bufio.Reader: a reader that returns 0, nil too often is broken
		n, err := c.r.Read(c.buf[len(c.buf):cap(c.buf)])
		c.buf = c.buf[:len(c.buf)+n]
		if err != nil {
			c.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	c.err = io.ErrNoProgress
	return false
}

// line reads the line at the read position to its newline or to the end
// of the input, copying it to buf unless it is longer than limit+1 bytes
// (+1: the newline; then tooLarge is set and nothing more is buffered),
// as readRest does. It returns the line, the bytes it consumed, whether
// the input ended, and a read error other than io.EOF.
func (c *lineChunks) line(buf []byte, limit int) (_ []byte, n int64, tooLarge, eof bool, _ error) {
	for {
		part := c.buf[c.pos:]
		k := bytes.IndexByte(part, '\n')
		if k >= 0 {
			part = part[:k+1]
		}
		n += int64(len(part))
		buf, tooLarge = appendLimited(buf, part, limit+1, tooLarge)
		c.pos += len(part)
		c.scan = max(c.scan, c.pos)
		if k >= 0 {
			return buf, n, tooLarge, false, nil
		}
		// All of the chunk past keep is consumed (copied to buf): read
		// into it again, or into a new chunk when little of it is left
		// (a long line would be read a few bytes a call).
		if cap(c.buf)-c.keep < lineBlock/2 {
			c.buf, c.keep = nil, 0
		}
		c.buf = c.buf[:c.keep]
		c.pos, c.scan = c.keep, c.keep
		if c.err == nil {
			c.fill()
		}
		if c.pos == len(c.buf) && c.err != nil {
			if c.err == io.EOF {
				return buf, n, tooLarge, true, nil
			}
			return buf, n, tooLarge, false, c.err
		}
	}
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
