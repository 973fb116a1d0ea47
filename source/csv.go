package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CSVField names a [Post] field a CSV column can be mapped to.
type CSVField string

// Fields a CSV column can be mapped to (see [CSVOptions.Columns]).
const (
	CSVID             CSVField = "id"              // Post.ID (required)
	CSVCreated        CSVField = "created"         // Post.Created (required), parsed with CSVOptions.TimeLayout
	CSVText           CSVField = "text"            // Post.Text; "@handle" becomes "@<pseudonym>" by default
	CSVLang           CSVField = "lang"            // Post.Lang
	CSVPlatform       CSVField = "platform"        // Post.Platform, lower-cased; empty cells use CSVOptions.Platform
	CSVKind           CSVField = "kind"            // Post.Kind: post, reply, repost, quote, article, report (empty = post)
	CSVURL            CSVField = "url"             // Post.URL; dropped by default when it holds the author's handle or id
	CSVLat            CSVField = "lat"             // latitude of Post.Geo (with lon; both or neither)
	CSVLon            CSVField = "lon"             // longitude of Post.Geo
	CSVAuthorID       CSVField = "author_id"       // account id → Author.Key (Author.RawID with KeepRawIdentity)
	CSVAuthor         CSVField = "author"          // handle → Author.Key when no author_id (Author.Handle with KeepRawIdentity)
	CSVAuthorLocation CSVField = "author_location" // Author.Location
	CSVFollowers      CSVField = "followers"       // Author.Followers, integer
	CSVVerified       CSVField = "verified"        // Author.Verified: true/false/1/0
	CSVLikes          CSVField = "likes"           // Engagement.Likes, integer
	CSVReposts        CSVField = "reposts"         // Engagement.Reposts, integer
	CSVReplies        CSVField = "replies"         // Engagement.Replies, integer
	CSVQuotes         CSVField = "quotes"          // Engagement.Quotes, integer
	CSVTags           CSVField = "tags"            // Post.Tags: split on space, comma and semicolon, '#' removed
	CSVRefID          CSVField = "ref_id"          // Ref.ID (original of a repost/quote, parent of a reply); with kind empty or post, Kind becomes reply
	CSVPlace          CSVField = "place"           // Place.FullName
)

var csvFields = map[CSVField]bool{
	CSVID: true, CSVCreated: true, CSVText: true, CSVLang: true, CSVPlatform: true, CSVKind: true, CSVURL: true,
	CSVLat: true, CSVLon: true, CSVAuthorID: true, CSVAuthor: true, CSVAuthorLocation: true, CSVFollowers: true,
	CSVVerified: true, CSVLikes: true, CSVReposts: true, CSVReplies: true, CSVQuotes: true, CSVTags: true,
	CSVRefID: true, CSVPlace: true,
}

// CSVOptions declare how the columns of a CSV export map to posts. A nil
// *CSVOptions means: comma-separated, every header that equals a field
// name is mapped to that field, RFC 3339 times, platform "csv". The
// struct is plain data, so a mapping can be stored with a profile.
type CSVOptions struct {
	// Columns maps a header name (compared case-insensitively, spaces
	// trimmed) to the field it fills. Nil means the identity mapping: a
	// header named like a field ("id", "created", "lat"...) fills it, other
	// columns are ignored. Every mapped header must be present in the
	// header row, and id and created must be mapped.
	Columns map[string]CSVField
	// TimeLayout is the Go time layout of the created column. "" means
	// RFC 3339 / ISO 8601 with a zone (Z or an offset); "unix" and
	// "unixms" mean seconds and milliseconds since 1970 (UTC).
	TimeLayout string
	// TimeZone is the IANA zone for layouts without a zone, e.g.
	// "Europe/Amsterdam". "" means UTC. Ignored for layouts with a zone.
	TimeZone string
	// Comma is the field separator; 0 means ','. Exports from Dutch
	// spreadsheet software often use ';'.
	Comma rune
	// Platform is the platform of rows without a platform column or with
	// an empty cell; "" means [PlatformCSV].
	Platform Platform
	// DecimalComma reads lat and lon with ',' as the decimal separator
	// ("52,0842"), as Dutch spreadsheet exports write them. Default false.
	DecimalComma bool
}

// CSVHeaderError is yielded (as the sequence's final error) when the
// header row does not fit the declared mapping, or the mapping itself is
// invalid. No record is read then.
type CSVHeaderError struct {
	Missing []string // mapped headers absent from the header row
	Problem string   // what else is wrong with the mapping, or ""
}

// Error implements error.
func (e *CSVHeaderError) Error() string {
	if len(e.Missing) > 0 {
		return fmt.Sprintf("source: csv: header row lacks mapped column(s) %q", e.Missing)
	}
	return "source: csv: " + e.Problem
}

// NewCSV returns a decoder for CSV exports with a header row, mapped to
// posts by cols (nil: see [CSVOptions]). The input is parsed with
// encoding/csv (RFC 4180: quoted fields may hold commas, quotes doubled,
// newlines), after a quote-aware record splitter that bounds memory: a
// record over Options.MaxRecordBytes is skipped without being buffered and
// rejected as [ReasonTooLarge]. A UTF-8 byte order mark before the header
// is ignored; blank lines are not records.
//
// Field mapping: see the [CSVField] constants. Pseudonymisation: the
// author_id (else author) cell becomes Author.Key; raw values are kept only
// with KeepRawIdentity; "@handle" words in text become "@<pseudonym>"
// keyed on the lower-case handle.
//
// Errors: a header that lacks a mapped column, a mapping to an unknown
// field, a mapping without id or created, or an unknown TimeZone is a
// [*CSVHeaderError] yielded before any post. Per record: wrong field count
// or bad quoting ([ReasonSyntax]), invalid UTF-8, an empty id or time
// ([ReasonMissing]), an unparsable time ([ReasonTime]), a number or
// boolean that does not parse ([ReasonType], with the column in the
// message), only one of lat and lon ([ReasonMissing]), and invalid or
// swapped coordinates. DecodeError.Record counts data rows (the header is
// not a record); Offset is the byte offset of the row's start.
func NewCSV(r io.Reader, opts *Options, cols *CSVOptions) *Decoder {
	var c CSVOptions
	if cols != nil {
		c = *cols
	}
	return newDecoder("csv", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.csv(ctx, emit, &c)
	})
}

// csvRecords splits CSV input into records (byte chunks that end after an
// unquoted newline), following encoding/csv's quoting rules, so that each
// record can be bounded before it is parsed.
type csvRecords struct {
	br    *bufio.Reader
	comma byte
	max   int
	off   int64
	buf   []byte
}

// next returns the next record's bytes (nil when tooLarge), its start
// offset, and io.EOF at the end of input.
func (s *csvRecords) next() (rec []byte, start int64, tooLarge bool, err error) {
	s.buf = s.buf[:0]
	start = s.off
	inQuote, fieldStart, afterQuote := false, true, false
	n := 0
	for {
		b, err := s.br.ReadByte()
		if err != nil {
			if err == io.EOF && n > 0 {
				return s.result(start, tooLarge, nil)
			}
			return nil, start, false, err
		}
		s.off++
		n++
		if !tooLarge {
			if len(s.buf) >= s.max {
				tooLarge = true
				s.buf = s.buf[:0]
			} else {
				s.buf = append(s.buf, b)
			}
		}
		switch {
		case inQuote:
			if afterQuote {
				afterQuote = false
				if b == '"' {
					continue // "" inside quotes
				}
				inQuote = false // the closing quote: fall through to the unquoted rules
			} else {
				if b == '"' {
					afterQuote = true
				}
				continue
			}
		case fieldStart && b == '"':
			inQuote, fieldStart = true, false
			continue
		}
		switch b {
		case '\n':
			return s.result(start, tooLarge, nil)
		case s.comma:
			fieldStart = true
		default:
			fieldStart = false
		}
	}
}

func (s *csvRecords) result(start int64, tooLarge bool, err error) ([]byte, int64, bool, error) {
	if tooLarge {
		return nil, start, true, err
	}
	return s.buf, start, false, err
}

// chunkReader feeds one record at a time to a csv.Reader.
type chunkReader struct{ b []byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.b)
	c.b = c.b[n:]
	return n, nil
}

// csvParser parses single records with one reusable csv.Reader.
type csvParser struct {
	comma rune
	feed  chunkReader
	r     *csv.Reader
	last  int64
}

func (p *csvParser) reset() {
	p.feed.b = nil
	p.r = csv.NewReader(&p.feed)
	p.r.Comma = p.comma
	p.r.FieldsPerRecord = -1
	p.r.ReuseRecord = true
	p.last = 0
}

// parse returns the fields of one record. The slice is reused.
func (p *csvParser) parse(rec []byte) ([]string, error) {
	p.feed.b = rec
	fields, err := p.r.Read()
	if err == nil && (p.r.InputOffset()-p.last != int64(len(rec)) || len(p.feed.b) > 0) {
		err = errors.New("record boundary mismatch")
	}
	if err != nil {
		p.reset()
		return nil, err
	}
	p.last = p.r.InputOffset()
	return fields, nil
}

// csvColumn is one mapped column: its index in the row and its field.
type csvColumn struct {
	index  int
	header string
	field  CSVField
}

func (d *Decoder) csv(ctx context.Context, emit func(Post) bool, c *CSVOptions) error {
	comma := c.Comma
	if comma == 0 {
		comma = ','
	}
	if comma == '"' || comma == '\n' || comma == '\r' || comma >= utf8.RuneSelf {
		return &CSVHeaderError{Problem: fmt.Sprintf("separator %q is not a single-byte separator", comma)}
	}
	loc := time.UTC
	if c.TimeZone != "" {
		l, err := time.LoadLocation(c.TimeZone)
		if err != nil {
			return &CSVHeaderError{Problem: fmt.Sprintf("time zone %q: %v", c.TimeZone, err)}
		}
		loc = l
	}
	platform := c.Platform
	if platform == "" {
		platform = PlatformCSV
	}
	split := &csvRecords{br: bufio.NewReaderSize(d.r, 64<<10), comma: byte(comma), max: d.opts.MaxRecordBytes}
	parser := &csvParser{comma: comma}
	parser.reset()

	// Header row.
	var header []string
	for header == nil {
		raw, _, tooLarge, err := split.next()
		d.stats.Bytes = split.off
		if err == io.EOF {
			return nil // empty input: no header, no records
		}
		if err != nil {
			return fmt.Errorf("source: csv: read at byte %d: %w", split.off, err)
		}
		if tooLarge {
			return &CSVHeaderError{Problem: fmt.Sprintf("header row exceeds %d bytes", d.opts.MaxRecordBytes)}
		}
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		fields, err := parser.parse(raw)
		if err != nil {
			return &CSVHeaderError{Problem: fmt.Sprintf("header row: %v", err)}
		}
		header = append([]string{}, fields...)
	}
	cols, err := csvMapping(header, c.Columns)
	if err != nil {
		return err
	}
	width := len(header)

	rec := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, start, tooLarge, err := split.next()
		d.stats.Bytes = split.off
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("source: csv: read at byte %d: %w", split.off, err)
		}
		if !tooLarge && len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		rec++
		d.stats.Read++
		var p Post
		switch {
		case tooLarge:
			err = rejectf(ReasonTooLarge, "record exceeds %d bytes", d.opts.MaxRecordBytes)
		case !utf8.Valid(raw):
			err = rejectf(ReasonUTF8, "record is not valid UTF-8")
		default:
			var fields []string
			fields, err = parser.parse(raw)
			switch {
			case err != nil:
				err = rejectf(ReasonSyntax, "%w", err)
			case len(fields) != width:
				err = rejectf(ReasonSyntax, "record has %d fields, the header %d", len(fields), width)
			default:
				p, err = d.csvPost(fields, cols, c, loc, platform, parser.r)
			}
		}
		if err != nil {
			reason, cause := classify(err)
			if err := d.reject(rec, start, reason, cause); err != nil {
				return err
			}
			continue
		}
		if !emit(p) {
			return nil
		}
	}
}

// csvMapping resolves the declared mapping against the header row.
func csvMapping(header []string, m map[string]CSVField) ([]csvColumn, error) {
	index := map[string]int{}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := index[k]; !dup {
			index[k] = i
		}
	}
	var cols []csvColumn
	if m == nil {
		for i, h := range header {
			f := CSVField(strings.ToLower(strings.TrimSpace(h)))
			if csvFields[f] && index[string(f)] == i {
				cols = append(cols, csvColumn{i, h, f})
			}
		}
	} else {
		var missing []string
		for h, f := range m {
			if !csvFields[f] {
				return nil, &CSVHeaderError{Problem: fmt.Sprintf("column %q is mapped to unknown field %q", h, f)}
			}
			i, ok := index[strings.ToLower(strings.TrimSpace(h))]
			if !ok {
				missing = append(missing, h)
				continue
			}
			cols = append(cols, csvColumn{i, h, f})
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return nil, &CSVHeaderError{Missing: missing}
		}
	}
	sort.Slice(cols, func(a, b int) bool { return cols[a].index < cols[b].index })
	seen := map[CSVField]string{}
	for _, c := range cols {
		if prev, dup := seen[c.field]; dup {
			return nil, &CSVHeaderError{Problem: fmt.Sprintf("columns %q and %q both map to %q", prev, c.header, c.field)}
		}
		seen[c.field] = c.header
	}
	for _, f := range []CSVField{CSVID, CSVCreated} {
		if _, ok := seen[f]; !ok {
			return nil, &CSVHeaderError{Problem: fmt.Sprintf("no column is mapped to the required field %q (header %q)", f, header)}
		}
	}
	if _, lat := seen[CSVLat]; lat != (seen[CSVLon] != "") {
		return nil, &CSVHeaderError{Problem: "lat and lon must be mapped together"}
	}
	return cols, nil
}

func (d *Decoder) csvPost(fields []string, cols []csvColumn, co *CSVOptions, loc *time.Location, platform Platform, r *csv.Reader) (Post, error) {
	p := Post{Platform: platform}
	var lat, lon, authorID, handle, created string
	var hasLat, hasLon bool
	bad := func(c csvColumn, reason Reason, err error) error {
		_, col := r.FieldPos(c.index)
		return rejectf(reason, "column %q (field %d, byte column %d): %w", c.header, c.index+1, col, err)
	}
	atoi := func(c csvColumn, s string) (int, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, bad(c, ReasonType, fmt.Errorf("%q is not a count", s))
		}
		return n, nil
	}
	var err error
	for _, c := range cols {
		v := fields[c.index]
		switch c.field {
		case CSVID:
			p.ID = strings.TrimSpace(v)
		case CSVCreated:
			created = v
		case CSVText:
			p.Text = v
		case CSVLang:
			p.Lang = strings.TrimSpace(v)
		case CSVPlatform:
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
				p.Platform = Platform(v)
			}
		case CSVKind:
			switch k := Kind(strings.ToLower(strings.TrimSpace(v))); k {
			case "", KindPost, KindReply, KindRepost, KindQuote, KindArticle, KindReport:
				p.Kind = k
			default:
				return Post{}, bad(c, ReasonType, fmt.Errorf("unknown kind %q", v))
			}
		case CSVURL:
			p.URL = strings.TrimSpace(v)
		case CSVLat:
			lat, hasLat = strings.TrimSpace(v), strings.TrimSpace(v) != ""
		case CSVLon:
			lon, hasLon = strings.TrimSpace(v), strings.TrimSpace(v) != ""
		case CSVAuthorID:
			authorID = strings.TrimSpace(v)
		case CSVAuthor:
			handle = strings.TrimPrefix(strings.TrimSpace(v), "@")
		case CSVAuthorLocation:
			p.Author.Location = strings.TrimSpace(v)
		case CSVFollowers:
			p.Author.Followers, err = atoi(c, v)
		case CSVVerified:
			if s := strings.TrimSpace(v); s != "" {
				p.Author.Verified, err = strconv.ParseBool(strings.ToLower(s))
				if err != nil {
					return Post{}, bad(c, ReasonType, fmt.Errorf("%q is not a boolean", s))
				}
			}
		case CSVLikes:
			p.Engagement.Likes, err = atoi(c, v)
		case CSVReposts:
			p.Engagement.Reposts, err = atoi(c, v)
		case CSVReplies:
			p.Engagement.Replies, err = atoi(c, v)
		case CSVQuotes:
			p.Engagement.Quotes, err = atoi(c, v)
		case CSVTags:
			for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
				if t = strings.TrimLeft(t, "#"); t != "" {
					p.Tags = append(p.Tags, t)
				}
			}
		case CSVRefID:
			if v = strings.TrimSpace(v); v != "" {
				p.Ref = &Ref{ID: v}
			}
		case CSVPlace:
			if v = strings.TrimSpace(v); v != "" {
				p.Place = &Place{FullName: v}
			}
		}
		if err != nil {
			return Post{}, err
		}
	}
	if p.ID == "" {
		return Post{}, rejectf(ReasonMissing, "id is empty")
	}
	if p.Created, err = parseCSVTime(created, co.TimeLayout, loc); err != nil {
		return Post{}, err
	}
	if hasLat != hasLon {
		return Post{}, rejectf(ReasonMissing, "only one of lat (%q) and lon (%q) is given", lat, lon)
	}
	if hasLat {
		if co.DecimalComma {
			lat, lon = strings.Replace(lat, ",", ".", 1), strings.Replace(lon, ",", ".", 1)
		}
		y, err1 := strconv.ParseFloat(lat, 64)
		x, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil {
			return Post{}, rejectf(ReasonType, "coordinate (lat %q, lon %q) is not a number", lat, lon)
		}
		pt, err := checkPoint(x, y)
		if err != nil {
			return Post{}, err
		}
		p.Geo = &pt
	}
	if p.Ref != nil && (p.Kind == "" || p.Kind == KindPost) {
		p.Kind = KindReply
	}
	// Identity.
	raw := authorID
	if raw == "" {
		raw = strings.ToLower(handle)
	}
	p.Author.Key = d.ps.Pseudonym(p.Platform, raw, p.Created)
	if d.opts.KeepRawIdentity {
		if handle != "" {
			p.Author.Handle = "@" + handle
		}
		p.Author.RawID = authorID
	} else {
		if p.URL != "" && ((handle != "" && strings.Contains(strings.ToLower(p.URL), strings.ToLower(handle))) || (authorID != "" && strings.Contains(p.URL, authorID))) {
			p.URL = ""
		}
	}
	p.Text = d.mentionText(p.Platform, p.Text, nil, p.Created)
	return p, nil
}

// parseCSVTime parses a created cell with the declared layout.
func parseCSVTime(s, layout string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, rejectf(ReasonMissing, "created is empty")
	}
	switch layout {
	case "":
		return parseISOTime(s)
	case "unix", "unixms":
		f, err := strconv.ParseFloat(s, 64)
		if layout == "unixms" {
			f /= 1000
		}
		if err != nil || math.IsNaN(f) || f < -62135596800 || f > 253402300799 {
			return time.Time{}, rejectf(ReasonTime, "%q is not a %s time", s, layout)
		}
		sec, frac := math.Modf(f)
		return checkTime(time.Unix(int64(sec), int64(math.Round(frac*1e9))))
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return time.Time{}, rejectf(ReasonTime, "%q does not match layout %q", s, layout)
	}
	return checkTime(t)
}
