package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// forJSONValues runs fn for every record of d.r, which is either a JSON
// array of records (as REST APIs return pages) or newline-delimited JSON.
// The first non-space byte decides: '[' means an array. Array elements are
// split by a small byte scanner (strings, escapes and nesting tracked), so
// that an element over MaxRecordBytes is skipped without being buffered and
// a malformed element costs only that element. Memory is bounded by
// MaxRecordBytes plus the read buffer.
func (d *Decoder) forJSONValues(ctx context.Context, emit func(Post) bool, fn func(rec []byte) (Post, error)) error {
	br := bufio.NewReaderSize(d.r, 64<<10)
	var off int64
	// Peek the first non-space byte without consuming it, so that the
	// NDJSON path sees the input from its first byte (offsets stay exact).
	first := byte(0)
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if err == io.EOF {
				d.r = br
				return d.forLines(ctx, emit, fn) // blank input: counts stay zero
			}
			if err == bufio.ErrBufferFull {
				// Over 64 KiB of leading space: drop it and count it.
				k, _ := br.Discard(n - 1)
				off += int64(k)
				n = 0
				continue
			}
			return fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
		}
		if !isJSONSpace(b[n-1]) {
			first = b[n-1]
			k, _ := br.Discard(n - 1)
			off += int64(k)
			break
		}
	}
	if first != '[' {
		d.r = br
		return d.forLines(ctx, emit, fn)
	}
	if _, err := br.ReadByte(); err != nil { // '['
		return err
	}
	off++
	var (
		rec int
		buf []byte
		max = d.opts.MaxRecordBytes
	)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Skip space and separators before the element.
		b, err := br.ReadByte()
		for err == nil && (isJSONSpace(b) || b == ',') {
			off++
			b, err = br.ReadByte()
		}
		if err == io.EOF {
			d.stats.Bytes = off
			return nil // unterminated array: every element seen was handled
		}
		if err != nil {
			d.stats.Bytes = off
			return fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
		}
		if b == ']' {
			off++
			d.stats.Bytes = off
			return nil
		}
		_ = br.UnreadByte()
		start := off
		var (
			n        int64
			tooLarge bool
			eof      bool
		)
		buf, n, tooLarge, eof, err = readElement(br, buf[:0], max)
		off += n
		if err != nil {
			d.stats.Bytes = off
			return fmt.Errorf("source: %s: read at byte %d: %w", d.format, off, err)
		}
		d.stats.Bytes = off
		rec++
		d.stats.Read++
		var p Post
		if tooLarge {
			err = rejectf(ReasonTooLarge, "record exceeds %d bytes", max)
		} else {
			p, err = fn(bytes.TrimSpace(buf))
		}
		if err != nil {
			reason, cause := classify(err)
			if err := d.reject(rec, start, reason, cause); err != nil {
				return err
			}
		} else if !emit(p) {
			return nil
		}
		if eof {
			return nil
		}
	}
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// readElement reads one element of a JSON array from br into buf: up to
// a ',' or ']' outside strings and nesting (left unread), or through the
// '}' or ']' that closes more than it opened (read), or to the end of the
// input (eof). Strings, escapes and nesting are tracked, nothing else is
// checked (the record's decoder does that). It returns the element, the
// bytes it consumed, and tooLarge when the element exceeds limit bytes;
// then buf holds nothing of it (nothing more is buffered).
//
// It scans the reader's buffered bytes in place, a string's bytes in a
// loop that tests only for '"' and '\\', and appends whole runs: a
// ReadByte call and an append per byte took a quarter of
// BenchmarkMastodon's time (pprof, 2026-11-30).
func readElement(br *bufio.Reader, buf []byte, limit int) (_ []byte, n int64, tooLarge, eof bool, _ error) {
	var st elemScan
	for {
		s, err := br.Peek(max(br.Buffered(), 1))
		if len(s) == 0 {
			if err == io.EOF {
				return buf, n, tooLarge, true, nil
			}
			return buf, n, tooLarge, false, err
		}
		k, end := st.scan(s)
		buf, tooLarge = appendLimited(buf, s[:k], limit, tooLarge)
		n += int64(k)
		_, _ = br.Discard(k) // buffered: cannot fail
		if end {
			return buf, n, tooLarge, false, nil
		}
	}
}

// elemScan is readElement's state between the reader's buffers.
type elemScan struct {
	depth      int
	inStr, esc bool
}

// scan advances over s and returns how many of its bytes belong to the
// element and whether the element ends there (see readElement).
func (st *elemScan) scan(s []byte) (int, bool) {
	i := 0
	for i < len(s) {
		if st.esc { // the byte after a backslash, in a string
			st.esc = false
			i++
			continue
		}
		if st.inStr {
			for i < len(s) && s[i] != '"' && s[i] != '\\' {
				i++
			}
			if i == len(s) {
				break
			}
			if s[i] == '\\' {
				st.esc = true
			} else {
				st.inStr = false
			}
			i++
			continue
		}
		switch s[i] {
		case ',':
			if st.depth == 0 {
				return i, true
			}
		case '"':
			st.inStr = true
		case '{', '[':
			st.depth++
		case ']':
			if st.depth == 0 {
				return i, true
			}
			st.depth--
		case '}':
			if st.depth--; st.depth < 0 {
				return i + 1, true
			}
		}
		i++
	}
	return i, false
}

// unmarshalRecord decodes one JSON record into v, classifying failures:
// invalid UTF-8 (which encoding/json would silently replace), syntax and
// type errors.
func unmarshalRecord(rec []byte, v any) error {
	if !utf8.Valid(rec) {
		return rejectf(ReasonUTF8, "record is not valid UTF-8")
	}
	if err := json.Unmarshal(rec, v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return rejectf(ReasonSyntax, "%w", err)
		}
		var te *time.ParseError
		if errors.As(err, &te) {
			return rejectf(ReasonTime, "%w", err)
		}
		return rejectf(ReasonType, "%w", err)
	}
	return nil
}

// flexString is a JSON string that also accepts a number (ids that some
// servers send unquoted).
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*s = flexString(n)
	return nil
}

// flexFloat is a JSON number that also accepts a numeric string; set
// records whether a value was present.
type flexFloat struct {
	v   float64
	set bool
}

func (f *flexFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	f.v, f.set = v, true
	return nil
}

// parseISOTime parses an ISO 8601 / RFC 3339 timestamp that carries a
// zone (Z or an offset, with or without colon, optional fraction) and
// returns it in UTC. A time without a zone is rejected: its instant is
// unknown.
func parseISOTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, rejectf(ReasonMissing, "time is empty")
	}
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return checkTime(t)
		}
	}
	return time.Time{}, rejectf(ReasonTime, "unknown time format %q", s)
}

// checkTime returns t in UTC, or rejects it ([ReasonTime]) when a Post
// cannot carry it: the zero instant 0001-01-01T00:00:00Z (Post.Created
// is never zero) and UTC years outside 1-9999 (RFC 3339 and encoding/json
// cannot write them, so the NDJSON round trip would fail).
func checkTime(t time.Time) (time.Time, error) {
	t = t.UTC()
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}, rejectf(ReasonTime, "year %d in UTC outside 1-9999", y)
	}
	if t.IsZero() {
		return time.Time{}, rejectf(ReasonTime, "time is the zero instant 0001-01-01T00:00:00Z")
	}
	return t, nil
}

// htmlText converts an HTML fragment to plain text with a real HTML
// tokenizer: block elements (p, div, li, h1–h6, blockquote) are separated
// by a blank line, <br> becomes a newline, entities are decoded, the text
// of links is kept, script and style are dropped. Mastodon's link spans
// (class "invisible" for the scheme and the tail of long URLs, "ellipsis"
// for the shown part) are joined back into the full URL. Runs of spaces
// are collapsed and the result is trimmed.
//
// When mention is not nil, the text of every link whose class contains
// "mention" but not "hashtag" (Mastodon's account mentions) is replaced
// by mention(href, text).
func htmlText(s string, mention func(href, text string) string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var sb strings.Builder
	skip := 0
	inMention, mhref, mstart := 0, "", 0
	para := func() {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseSpace(sb.String())
		case html.TextToken:
			if skip == 0 {
				sb.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "br":
				sb.WriteByte('\n')
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr":
				para()
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				}
			case "a":
				if mention == nil || tt != html.StartTagToken {
					break
				}
				if inMention > 0 {
					inMention++
					break
				}
				var href, class string
				for {
					k, v, more := z.TagAttr()
					switch string(k) {
					case "href":
						href = string(v)
					case "class":
						class = " " + string(v) + " "
					}
					if !more {
						break
					}
				}
				if strings.Contains(class, " mention ") && !strings.Contains(class, " hashtag ") {
					inMention, mhref, mstart = 1, href, sb.Len()
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "a":
				if inMention > 0 {
					inMention--
					if inMention == 0 {
						txt := sb.String()[mstart:]
						rest := mention(mhref, txt)
						str := sb.String()[:mstart]
						sb.Reset()
						sb.WriteString(str)
						sb.WriteString(rest)
					}
				}
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr":
				para()
			}
		}
	}
}

// collapseSpace collapses runs of horizontal white space, trims the space
// around newlines, allows at most one blank line and trims the ends.
func collapseSpace(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// countingReader counts bytes read and fails once more than limit bytes
// were requested, so that whole-document parsers stay bounded.
type countingReader struct {
	r     io.Reader
	n     int64
	limit int64
}

// errInputTooLarge is returned by countingReader past its limit.
var errInputTooLarge = errors.New("input exceeds the document size limit")

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errInputTooLarge
	}
	if int64(len(p)) > c.limit-c.n {
		p = p[:c.limit-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
