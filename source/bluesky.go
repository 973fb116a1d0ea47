package source

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// NewBluesky returns a decoder for Bluesky Jetstream events, one JSON
// event per line (wss://jetstream*.bsky.network/subscribe output saved as
// NDJSON). Only commit events that create an app.bsky.feed.post record
// become posts; every other valid event (identity, account, deletes,
// likes, follows) is rejected with [ReasonNotAPost], so that
// Read == Yielded + rejected still holds.
//
// Field mapping (event field → Post field):
//
//	did + commit.rkey          → ID: "<pseudonym of did>/<rkey>" by default; the AT URI
//	                             "at://<did>/app.bsky.feed.post/<rkey>" with KeepRawIdentity
//	                             (a did is an identity, so it never appears by default)
//	did                        → Author.Key (pseudonym); Author.RawID with KeepRawIdentity
//	record.text                → Text (plain text already); by default the byte ranges of
//	                             mention facets (the handles) become "@<pseudonym>"
//	record.langs[0]            → Lang
//	record.createdAt           → Created, UTC (required; time_us is the relay's clock, not used)
//	record.facets mention.did  → Mentions (pseudonyms; raw did with KeepRawIdentity)
//	record.facets tag.tag      → Tags
//	record.reply.parent.uri    → Kind = reply, Ref.ID in the same form as ID, Ref.AuthorKey
//	record.embed record.uri    → Kind = quote (app.bsky.embed.record, and recordWithMedia)
//	-                          → URL https://bsky.app/profile/<did>/post/<rkey> only with
//	                             KeepRawIdentity; empty otherwise
//
// Platform is [PlatformBluesky]. Jetstream events carry no counters and no
// coordinates. Link facets are not expanded: the text keeps the link as
// the author's client shortened it.
//
// Limits: an event over Options.MaxRecordBytes is rejected as
// [ReasonTooLarge] without being buffered.
func NewBluesky(r io.Reader, opts *Options) *Decoder {
	return newDecoder("bluesky-jetstream", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.forLines(ctx, emit, d.blueskyPost)
	})
}

type bskyStrongRef struct {
	URI string `json:"uri"`
}

type bskyEvent struct {
	Did    string `json:"did"`
	TimeUS int64  `json:"time_us"`
	Kind   string `json:"kind"`
	Commit *struct {
		Operation  string `json:"operation"`
		Collection string `json:"collection"`
		Rkey       string `json:"rkey"`
		Record     *struct {
			Text      *string  `json:"text"`
			Langs     []string `json:"langs"`
			CreatedAt string   `json:"createdAt"`
			Facets    []struct {
				Index struct {
					ByteStart int `json:"byteStart"`
					ByteEnd   int `json:"byteEnd"`
				} `json:"index"`
				Features []struct {
					Type string `json:"$type"`
					Did  string `json:"did"`
					URI  string `json:"uri"`
					Tag  string `json:"tag"`
				} `json:"features"`
			} `json:"facets"`
			Reply *struct {
				Parent bskyStrongRef `json:"parent"`
			} `json:"reply"`
			Embed *struct {
				Type   string `json:"$type"`
				Record *struct {
					URI    string         `json:"uri"`
					Record *bskyStrongRef `json:"record"`
				} `json:"record"`
			} `json:"embed"`
		} `json:"record"`
	} `json:"commit"`
}

const bskyPostCollection = "app.bsky.feed.post"

func (d *Decoder) blueskyPost(rec []byte) (Post, error) {
	var e bskyEvent
	if err := unmarshalRecord(rec, &e); err != nil {
		return Post{}, err
	}
	if e.Kind != "commit" || e.Commit == nil {
		if e.Kind == "" {
			return Post{}, rejectf(ReasonMissing, "event has no kind")
		}
		return Post{}, rejectf(ReasonNotAPost, "%s event", e.Kind)
	}
	c := e.Commit
	if c.Operation != "create" || c.Collection != bskyPostCollection {
		return Post{}, rejectf(ReasonNotAPost, "%s of %s", c.Operation, c.Collection)
	}
	if e.Did == "" || c.Rkey == "" || c.Record == nil {
		return Post{}, rejectf(ReasonMissing, "post event lacks did, rkey or record")
	}
	r := c.Record
	if r.Text == nil {
		return Post{}, rejectf(ReasonMissing, "post record has no text")
	}
	created, err := parseISOTime(r.CreatedAt)
	if err != nil {
		return Post{}, err
	}
	key := d.ps.Pseudonym(PlatformBluesky, e.Did, created)
	p := Post{
		ID:       key + "/" + c.Rkey,
		Platform: PlatformBluesky,
		Kind:     KindPost,
		Text:     *r.Text,
		Created:  created,
		Author:   Author{Key: key},
	}
	if d.opts.KeepRawIdentity {
		p.ID = d.bskyID(e.Did, c.Rkey, created)
		p.Author.RawID = e.Did
		p.URL = "https://bsky.app/profile/" + e.Did + "/post/" + c.Rkey
	}
	if len(r.Langs) > 0 {
		p.Lang = r.Langs[0]
	}
	var spans []bskySpan
	for _, f := range r.Facets {
		for _, ft := range f.Features {
			switch ft.Type {
			case "app.bsky.richtext.facet#mention":
				if ft.Did == "" {
					continue
				}
				if d.opts.KeepRawIdentity {
					p.Mentions = append(p.Mentions, ft.Did)
				} else {
					key := d.ps.Pseudonym(PlatformBluesky, ft.Did, created)
					p.Mentions = append(p.Mentions, key)
					spans = append(spans, bskySpan{f.Index.ByteStart, f.Index.ByteEnd, "@" + key})
				}
			case "app.bsky.richtext.facet#tag":
				if ft.Tag != "" {
					p.Tags = append(p.Tags, strings.TrimPrefix(ft.Tag, "#"))
				}
			}
		}
	}
	p.Text = replaceSpans(p.Text, spans)
	if r.Reply != nil && r.Reply.Parent.URI != "" {
		p.Kind = KindReply
		p.Ref = d.bskyRef(r.Reply.Parent.URI, created)
	} else if r.Embed != nil && r.Embed.Record != nil {
		uri := r.Embed.Record.URI
		if r.Embed.Record.Record != nil { // app.bsky.embed.recordWithMedia
			uri = r.Embed.Record.Record.URI
		}
		if uri != "" {
			p.Kind = KindQuote
			p.Ref = d.bskyRef(uri, created)
		}
	}
	return p, nil
}

type bskySpan struct {
	start, end int
	repl       string
}

// replaceSpans replaces the byte ranges of mention facets (handles) by
// pseudonyms. Spans out of range, overlapping or not on UTF-8 boundaries
// are left alone (the handle then stays in the text), then the text is
// trimmed.
func replaceSpans(text string, spans []bskySpan) string {
	if len(spans) == 0 {
		return strings.TrimSpace(text)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var sb strings.Builder
	last := 0
	for _, s := range spans {
		if s.start < last || s.end <= s.start || s.end > len(text) ||
			!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		sb.WriteString(text[last:s.start])
		sb.WriteString(s.repl)
		last = s.end
	}
	sb.WriteString(text[last:])
	return strings.TrimSpace(sb.String())
}

// bskyID makes the post id from did and rkey; see NewBluesky.
func (d *Decoder) bskyID(did, rkey string, t time.Time) string {
	if d.opts.KeepRawIdentity {
		return "at://" + did + "/" + bskyPostCollection + "/" + rkey
	}
	return d.ps.Pseudonym(PlatformBluesky, did, t) + "/" + rkey
}

// bskyRef turns an AT URI at://<did>/<collection>/<rkey> into a Ref whose
// ID has the same form as bskyID makes. URIs of another shape are kept
// only with KeepRawIdentity (they may name the author).
func (d *Decoder) bskyRef(uri string, t time.Time) *Ref {
	rest, ok := strings.CutPrefix(uri, "at://")
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 3 || parts[0] == "" || parts[2] == "" {
		if d.opts.KeepRawIdentity {
			return &Ref{ID: uri}
		}
		return &Ref{ID: d.ps.Pseudonym(PlatformBluesky, uri, t)}
	}
	return &Ref{ID: d.bskyID(parts[0], parts[2], t), AuthorKey: d.ps.Pseudonym(PlatformBluesky, parts[0], t)}
}
