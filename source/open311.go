package source

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// NewOpen311JSON returns a decoder for Open311 GeoReport v2 service
// requests in JSON (GET /requests.json): a JSON array of requests, or
// newline-delimited JSON with one request per line.
//
// Field mapping (request field → Post field), shared with [NewOpen311XML]:
//
//	service_request_id        → ID (required; a JSON number is accepted)
//	requested_datetime        → Created, UTC (required; ISO 8601 with Z or an offset)
//	description               → Text (service_name when the description is empty)
//	service_name              → Report.Category
//	service_code              → Report.Code
//	status                    → Report.Status ("open", "closed")
//	status_notes              → appended to Text after a blank line
//	address                   → Report.Address and Place{FullName, Type "address"}
//	zipcode                   → appended to Place.FullName unless the address holds it
//	lat, long                 → Geo [long, lat], validated: out of range, NaN and swapped
//	                            pairs are rejected (never swapped back)
//	media_url                 → Report.MediaURL
//	account_id                → Author.Key (pseudonym; never copied raw, not even with
//	                            KeepRawIdentity: reporters are private persons)
//	email, first/last name,
//	phone, device_id          → never read
//	agency_responsible, updated_datetime → not mapped
//
// Kind is [KindReport], Platform [PlatformOpen311]. Requests have no
// author by default (anonymous reports). A request with only one of lat
// and long is rejected as [ReasonMissing].
//
// Limits: a request over Options.MaxRecordBytes is rejected as
// [ReasonTooLarge] without being buffered.
func NewOpen311JSON(r io.Reader, opts *Options) *Decoder {
	return newDecoder("open311-json", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.forJSONValues(ctx, emit, func(rec []byte) (Post, error) {
			var q open311Request
			if err := unmarshalRecord(rec, &q); err != nil {
				return Post{}, err
			}
			return d.open311Post(&q)
		})
	})
}

// NewOpen311XML returns a decoder for Open311 GeoReport v2 service
// requests in XML (GET /requests.xml):
// <service_requests><request>…</request>…</service_requests>. The field
// mapping is that of [NewOpen311JSON]; each <request> element is one
// record, and its start offset is the DecodeError offset.
//
// Limits: a <request> over Options.MaxRecordBytes is rejected as
// [ReasonTooLarge]; it is skipped token by token, so memory is bounded
// by the longest single text node. XML that is not well-formed ends the
// document: encoding/xml cannot resynchronise, so the broken record is
// rejected as [ReasonSyntax] (or [ReasonUTF8]) and decoding stops
// without a sequence error.
func NewOpen311XML(r io.Reader, opts *Options) *Decoder {
	return newDecoder("open311-xml", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.open311XML(ctx, emit)
	})
}

type open311Request struct {
	ID          flexString `json:"service_request_id" xml:"service_request_id"`
	Status      string     `json:"status" xml:"status"`
	StatusNotes string     `json:"status_notes" xml:"status_notes"`
	ServiceName string     `json:"service_name" xml:"service_name"`
	ServiceCode flexString `json:"service_code" xml:"service_code"`
	Description string     `json:"description" xml:"description"`
	Requested   string     `json:"requested_datetime" xml:"requested_datetime"`
	Address     string     `json:"address" xml:"address"`
	Zipcode     flexString `json:"zipcode" xml:"zipcode"`
	Lat         flexFloat  `json:"lat" xml:"-"`
	Long        flexFloat  `json:"long" xml:"-"`
	LatXML      string     `json:"-" xml:"lat"`
	LongXML     string     `json:"-" xml:"long"`
	MediaURL    string     `json:"media_url" xml:"media_url"`
	AccountID   flexString `json:"account_id" xml:"account_id"`
}

func (d *Decoder) open311Post(q *open311Request) (Post, error) {
	id := strings.TrimSpace(string(q.ID))
	if id == "" {
		return Post{}, rejectf(ReasonMissing, "request has no service_request_id")
	}
	created, err := parseISOTime(q.Requested)
	if err != nil {
		return Post{}, err
	}
	text := strings.TrimSpace(q.Description)
	if text == "" {
		text = strings.TrimSpace(q.ServiceName)
	}
	if n := strings.TrimSpace(q.StatusNotes); n != "" {
		if text != "" {
			text += "\n\n"
		}
		text += n
	}
	p := Post{
		ID: id, Platform: PlatformOpen311, Kind: KindReport, Text: text, Created: created,
		Report: &Report{
			Category: strings.TrimSpace(q.ServiceName),
			Code:     strings.TrimSpace(string(q.ServiceCode)),
			Status:   strings.TrimSpace(q.Status),
			Address:  strings.TrimSpace(q.Address),
			MediaURL: strings.TrimSpace(q.MediaURL),
		},
	}
	if a := strings.TrimSpace(string(q.AccountID)); a != "" {
		p.Author.Key = d.ps.Pseudonym(PlatformOpen311, a, created)
	}
	if p.Report.Address != "" || q.Zipcode != "" {
		full := p.Report.Address
		if z := strings.TrimSpace(string(q.Zipcode)); z != "" && !strings.Contains(full, z) {
			full = strings.TrimSpace(full + ", " + z)
			full = strings.TrimPrefix(full, ", ")
		}
		p.Place = &Place{FullName: full, Type: "address"}
	}
	if q.Lat.set != q.Long.set {
		return Post{}, rejectf(ReasonMissing, "only one of lat and long is given")
	}
	if q.Lat.set {
		pt, err := checkPoint(q.Long.v, q.Lat.v)
		if err != nil {
			return Post{}, err
		}
		p.Geo = &pt
	}
	return p, nil
}

func (d *Decoder) open311XML(ctx context.Context, emit func(Post) bool) error {
	er := &errReader{r: d.r}
	dec := xml.NewDecoder(er)
	dec.Strict = true
	max := int64(d.opts.MaxRecordBytes)
	rec := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		before := dec.InputOffset()
		tok, err := dec.Token()
		d.stats.Bytes = dec.InputOffset()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if er.err != nil && errors.Is(err, er.err) {
				return fmt.Errorf("source: %s: read at byte %d: %w", d.format, before, err)
			}
			rec++
			d.stats.Read++
			return d.reject(rec, before, xmlReason(err), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "request" {
			continue
		}
		rec++
		d.stats.Read++
		q, reason, err := readOpen311XMLRequest(dec, max, before)
		d.stats.Bytes = dec.InputOffset()
		if err != nil {
			if rerr := d.reject(rec, before, reason, err); rerr != nil {
				return rerr
			}
			if reason == ReasonSyntax || reason == ReasonUTF8 {
				return nil
			}
			continue
		}
		p, err := d.open311Post(q)
		if err != nil {
			reason, cause := classify(err)
			if rerr := d.reject(rec, before, reason, cause); rerr != nil {
				return rerr
			}
			continue
		}
		if !emit(p) {
			return nil
		}
	}
}

// readOpen311XMLRequest reads the children of one <request> token by
// token, keeping text of known fields and skipping the rest. Once the
// element passes max bytes its text is no longer kept.
func readOpen311XMLRequest(dec *xml.Decoder, max, start int64) (*open311Request, Reason, error) {
	q := &open311Request{}
	depth := 1
	var field string
	var sb strings.Builder
	tooLarge := false
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, xmlReason(err), err
		}
		if dec.InputOffset()-start > max {
			tooLarge = true
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				field = t.Name.Local
				sb.Reset()
			}
		case xml.CharData:
			if depth == 2 && !tooLarge {
				if !utf8.Valid(t) {
					return nil, ReasonUTF8, errors.New("text is not valid UTF-8")
				}
				sb.Write(t)
			}
		case xml.EndElement:
			if depth == 2 && !tooLarge {
				v := sb.String()
				switch field {
				case "service_request_id":
					q.ID = flexString(v)
				case "status":
					q.Status = v
				case "status_notes":
					q.StatusNotes = v
				case "service_name":
					q.ServiceName = v
				case "service_code":
					q.ServiceCode = flexString(v)
				case "description":
					q.Description = v
				case "requested_datetime":
					q.Requested = v
				case "address":
					q.Address = v
				case "zipcode":
					q.Zipcode = flexString(v)
				case "lat":
					q.LatXML = v
				case "long":
					q.LongXML = v
				case "media_url":
					q.MediaURL = v
				case "account_id":
					q.AccountID = flexString(v)
				}
			}
			depth--
		}
	}
	if tooLarge {
		return nil, ReasonTooLarge, fmt.Errorf("record exceeds %d bytes", max)
	}
	for _, c := range [...]struct {
		s string
		f *flexFloat
	}{{q.LatXML, &q.Lat}, {q.LongXML, &q.Long}} {
		s := strings.TrimSpace(c.s)
		if s == "" {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, ReasonType, fmt.Errorf("coordinate %q is not a number", s)
		}
		*c.f = flexFloat{v: v, set: true}
	}
	return q, "", nil
}

// errReader remembers the error of the underlying reader (other than
// io.EOF), so that reader failures are told apart from XML errors.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

func xmlReason(err error) Reason {
	if err != nil && strings.Contains(err.Error(), "UTF-8") {
		return ReasonUTF8
	}
	return ReasonSyntax
}
