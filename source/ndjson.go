package source

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// NDJSONSchemaVersion is the version of the library's own NDJSON schema
// read by [NewNDJSON] and written by [Encoder]. The schema document is
// schema/post.schema.json in the repository (JSON Schema draft 2020-12).
// Additions of optional fields keep the version; anything else bumps it.
const NDJSONSchemaVersion = "1"

// NewNDJSON returns a decoder for the library's own format: one JSON
// object per line, each a [Post] with the JSON names of Post's struct tags
// (schema/post.schema.json). It is what [Encoder] writes, and
// decode(encode(p)) == p for every post a decoder of this package yields.
//
// Field mapping: one to one (id → ID, platform → Platform, created →
// Created, author.key → Author.Key, geo [lon, lat] → Geo, place.bound
// {"Min":[lon,lat],"Max":[lon,lat]} → Place.Bound, ...). Unknown fields are
// ignored (forward compatibility), blank lines are not records.
//
// Validation: id, platform and created are required ([ReasonMissing]);
// created is an RFC 3339 time, converted to UTC, within years 1–9999
// ([ReasonTime]); kind, when present, is one of the Kind constants
// ([ReasonType]); geo and place.bound are checked like every geotag
// ([ReasonCoordinates], [ReasonSwapped]); a ref needs an id. Empty tags or
// mentions arrays become nil.
//
// Pseudonymisation: the format is meant to carry pseudonymised posts. When
// a record carries raw identity (author.handle or author.raw_id) and
// Options.KeepRawIdentity is false, both are dropped, author.key is made
// from them when it is empty, a url holding the handle or raw id is
// dropped, and every mention that is not a pseudonym ("p_" + 26 base-32
// characters) is replaced by its pseudonym. Text is taken as it is: an
// NDJSON file written from raw data must not carry raw @handles in text.
//
// Limits: a line over Options.MaxRecordBytes is rejected as
// [ReasonTooLarge] without being buffered.
//
// Memory: the strings of a post share the memory the input was read
// into, a chunk of 4 KiB (one allocation for a dozen posts or more
// instead of one per post; a line longer than a chunk has its own): a
// post kept after the next one is read keeps that chunk alive. Clone
// its strings (strings.Clone) to keep only them.
func NewNDJSON(r io.Reader, opts *Options) *Decoder {
	d := newDecoder("ndjson", r, opts, nil)
	d.runYield = func(d *Decoder, ctx context.Context, yield func(Post, error) bool) (bool, error) {
		var sc ndjsonScanner
		return d.ndjsonLines(ctx, yield, &sc)
	}
	return d
}

// ndjsonInto decodes one line into *p (zero on entry) with the fast
// scanner (see ndjsonScanner), or with encoding/json (ndjsonPost) when
// the scanner gives up; both give the same posts and the same
// rejections. On error *p is garbage.
func (d *Decoder) ndjsonInto(sc *ndjsonScanner, line string, p *Post) error {
	if !sc.decodeString(line, p) {
		var err error
		*p, err = d.ndjsonPost([]byte(line))
		return err
	}
	return d.finishNDJSON(p)
}

// finishNDJSON validates and pseudonymises a decoded post.
func (d *Decoder) finishNDJSON(p *Post) error {
	if err := normalizePost(p); err != nil {
		return err
	}
	// The test of dropRawIdentity first, inline: most posts carry neither
	// raw identity nor mentions.
	if a := &p.Author; !d.opts.KeepRawIdentity && (a.Handle != "" || a.RawID != "" || len(p.Mentions) > 0) {
		d.dropRawIdentity(p)
	}
	return nil
}

// ndjsonPost decodes one line with encoding/json: the reference the fast
// path is checked against, and its fallback.
func (d *Decoder) ndjsonPost(line []byte) (Post, error) {
	var p Post
	if err := unmarshalRecord(line, &p); err != nil {
		return Post{}, err
	}
	if err := d.finishNDJSON(&p); err != nil {
		return Post{}, err
	}
	return p, nil
}

// The range of creation times: years 1 to 9999, in UTC.
var (
	minCreated = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxCreated = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)

	minCreatedUnix, maxCreatedUnix = minCreated.Unix(), maxCreated.Unix()
)

// normalizePost validates a post of the own schema and brings it into the
// canonical form that round-trips: Created in UTC, empty slices nil.
func normalizePost(p *Post) error {
	if p.ID == "" {
		return rejectf(ReasonMissing, "post has no id")
	}
	if p.Platform == "" {
		return rejectf(ReasonMissing, "post has no platform")
	}
	if p.Created.IsZero() {
		return rejectf(ReasonMissing, "post has no created time")
	}
	p.Created = p.Created.UTC()
	// Two comparisons instead of Year, which splits the time into a date
	// (a tenth of the NDJSON fast path's cost per post); of seconds, as
	// both bounds are whole seconds (Before compares wall and monotonic
	// parts).
	if u := p.Created.Unix(); u < minCreatedUnix || u >= maxCreatedUnix {
		return rejectf(ReasonTime, "created year %d outside 1-9999", p.Created.Year())
	}
	if p.Kind != "" && kindConst(string(p.Kind)) == "" {
		return rejectf(ReasonType, "unknown kind %q", p.Kind)
	}
	if p.Geo != nil {
		if _, err := checkPoint(p.Geo[0], p.Geo[1]); err != nil {
			return err
		}
	}
	if p.Place != nil {
		b := p.Place.Bound
		for _, c := range [...][2]float64{b.Min, b.Max} {
			if _, err := checkPoint(c[0], c[1]); err != nil {
				return err
			}
		}
		if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
			return rejectf(ReasonCoordinates, "place bound min %v is not below max %v", b.Min, b.Max)
		}
	}
	if p.Ref != nil && p.Ref.ID == "" {
		return rejectf(ReasonMissing, "ref has no id")
	}
	if len(p.Tags) == 0 && p.Tags != nil {
		p.Tags = nil
	}
	if len(p.Mentions) == 0 && p.Mentions != nil {
		p.Mentions = nil
	}
	return nil
}

// dropRawIdentity removes raw handles and ids from a post of the own
// schema, keeping pseudonyms (see NewNDJSON).
func (d *Decoder) dropRawIdentity(p *Post) {
	a := &p.Author
	if a.Handle != "" || a.RawID != "" {
		if a.Key == "" {
			raw := a.RawID
			if raw == "" {
				raw = strings.TrimPrefix(a.Handle, "@")
			}
			a.Key = d.ps.Pseudonym(p.Platform, raw, p.Created)
		}
		h := strings.TrimPrefix(a.Handle, "@")
		if p.URL != "" && ((h != "" && strings.Contains(p.URL, h)) || (a.RawID != "" && strings.Contains(p.URL, a.RawID))) {
			p.URL = ""
		}
		a.Handle, a.RawID = "", ""
	}
	for i, m := range p.Mentions {
		if !isPseudonym(m) {
			p.Mentions[i] = d.ps.Pseudonym(p.Platform, strings.TrimPrefix(m, "@"), p.Created)
		}
	}
}

// isPseudonym reports whether s has the form of a [Pseudonymizer] output.
func isPseudonym(s string) bool {
	if len(s) != 28 || s[0] != 'p' || s[1] != '_' {
		return false
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// An Encoder writes posts in the library's own NDJSON format (see
// [NewNDJSON]): one JSON object per line, HTML characters not escaped,
// fields named by Post's JSON tags. Each Encode is one Write call to the
// underlying writer; wrap it in a bufio.Writer for throughput. An Encoder
// is not safe for concurrent use.
type Encoder struct {
	enc *json.Encoder
}

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w io.Writer) *Encoder {
	e := json.NewEncoder(w)
	e.SetEscapeHTML(false)
	return &Encoder{enc: e}
}

// Encode writes p as one line. It returns an error wrapping the
// *DecodeError-style reason when [NewNDJSON] would reject the line (no id,
// no platform, zero time, invalid coordinates...), and nothing is written
// then. Created is written in UTC: a post whose Created has another
// location decodes to the same instant in UTC.
func (e *Encoder) Encode(p Post) error {
	q := p
	if err := normalizePost(&q); err != nil {
		return fmt.Errorf("source: encode post %q: %w", p.ID, err)
	}
	if err := e.enc.Encode(&q); err != nil {
		return fmt.Errorf("source: encode post %q: %w", p.ID, err)
	}
	return nil
}
