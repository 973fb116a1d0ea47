package source

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/paulmach/orb"
)

// DefaultMaxFeedBytes bounds the size of a whole RSS or Atom document
// read by [NewFeed]: 32 MiB, far above any real feed (they carry tens of
// items).
const DefaultMaxFeedBytes = 32 << 20

// NewFeed returns a decoder for an RSS 2.0, RSS 1.0 or Atom feed (news,
// press releases of municipalities and provinces), parsed with
// github.com/mmcdole/gofeed. Every item (entry) is one record.
//
// Feeds are bounded documents, not streams: gofeed parses the whole
// document before the first item is yielded, so memory grows with the
// document. The input is therefore cut at [DefaultMaxFeedBytes]; a larger
// document is rejected whole as one [ReasonTooLarge] record.
// Options.MaxRecordBytes applies per item (title + description + content).
// Items carry no byte offset (gofeed does not report one): DecodeError
// offsets are 0 for feed items.
//
// Field mapping (item field → Post field):
//
//	guid / id (else link)               → ID (required)
//	link                                → URL
//	title + description / summary       → Text: title, a blank line, then the summary (or the
//	                                      content when there is no summary) as plain text (HTML
//	                                      parsed with golang.org/x/net/html)
//	pubDate / published (else updated)  → Created, UTC (required)
//	author / dc:creator name            → Author.Key (pseudonym; Author.Handle with
//	                                      KeepRawIdentity). A byline is public but still an identity.
//	channel language / xml:lang         → Lang
//	category                            → Tags
//	georss:point "lat lon"              → Geo [lon, lat], validated like every geotag
//
// Kind is [KindArticle], Platform [PlatformNews]. A document that is not a
// feed at all (syntax error, unknown format) is one [ReasonSyntax]
// rejection.
func NewFeed(r io.Reader, opts *Options) *Decoder {
	return newDecoder("feed", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.feed(ctx, emit)
	})
}

func (d *Decoder) feed(ctx context.Context, emit func(Post) bool) error {
	cr := &countingReader{r: d.r, limit: DefaultMaxFeedBytes}
	f, err := gofeed.NewParser().Parse(cr)
	d.stats.Bytes = cr.n
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		d.stats.Read++
		reason := ReasonSyntax
		if errors.Is(err, errInputTooLarge) || cr.n >= cr.limit {
			reason = ReasonTooLarge
		}
		return d.reject(1, 0, reason, err)
	}
	for i, it := range f.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.stats.Read++
		p, err := d.feedPost(f, it)
		if err != nil {
			reason, cause := classify(err)
			if err := d.reject(i+1, 0, reason, cause); err != nil {
				return err
			}
			continue
		}
		if !emit(p) {
			return nil
		}
	}
	return nil
}

func (d *Decoder) feedPost(f *gofeed.Feed, it *gofeed.Item) (Post, error) {
	if it == nil {
		return Post{}, rejectf(ReasonMissing, "empty item")
	}
	if n := len(it.Title) + len(it.Description) + len(it.Content); n > d.opts.MaxRecordBytes {
		return Post{}, rejectf(ReasonTooLarge, "item of %d bytes exceeds %d", n, d.opts.MaxRecordBytes)
	}
	for _, s := range [...]string{it.Title, it.Description, it.Content, it.GUID, it.Link} {
		if !utf8.ValidString(s) {
			return Post{}, rejectf(ReasonUTF8, "item text is not valid UTF-8")
		}
	}
	id := strings.TrimSpace(it.GUID)
	if id == "" {
		id = strings.TrimSpace(it.Link)
	}
	if id == "" {
		return Post{}, rejectf(ReasonMissing, "item has neither guid nor link")
	}
	var p Post
	var err error
	switch {
	case it.PublishedParsed != nil:
		p.Created, err = checkTime(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		p.Created, err = checkTime(*it.UpdatedParsed)
	case it.Published != "" || it.Updated != "":
		return Post{}, rejectf(ReasonTime, "unknown time format %q", it.Published+it.Updated)
	default:
		return Post{}, rejectf(ReasonMissing, "item has no date")
	}
	if err != nil {
		return Post{}, err
	}
	title := htmlText(it.Title, nil)
	body := it.Description
	if strings.TrimSpace(body) == "" {
		body = it.Content
	}
	summary := htmlText(body, nil)
	switch {
	case title != "" && summary != "":
		p.Text = title + "\n\n" + summary
	case title != "":
		p.Text = title
	case summary != "":
		p.Text = summary
	default:
		return Post{}, rejectf(ReasonMissing, "item has neither title nor summary")
	}
	p.ID, p.Platform, p.Kind, p.URL = id, PlatformNews, KindArticle, strings.TrimSpace(it.Link)
	p.Lang = strings.TrimSpace(f.Language)
	name := ""
	if it.Author != nil {
		name = strings.TrimSpace(it.Author.Name)
	}
	if name == "" && len(it.Authors) > 0 && it.Authors[0] != nil {
		name = strings.TrimSpace(it.Authors[0].Name)
	}
	if name != "" {
		p.Author.Key = d.ps.Pseudonym(PlatformNews, name, p.Created)
		if d.opts.KeepRawIdentity {
			p.Author.Handle = name
		}
	}
	for _, c := range it.Categories {
		if c = strings.TrimSpace(c); c != "" {
			p.Tags = append(p.Tags, c)
		}
	}
	if pt, ok, err := geoRSSPoint(it); err != nil {
		return Post{}, err
	} else if ok {
		g := orb.Point(pt)
		p.Geo = &g
	}
	return p, nil
}

// geoRSSPoint reads the GeoRSS-Simple extension <georss:point>lat lon</georss:point>.
func geoRSSPoint(it *gofeed.Item) (pt [2]float64, ok bool, err error) {
	ext, found := it.Extensions["georss"]["point"]
	if !found || len(ext) == 0 {
		return pt, false, nil
	}
	f := strings.Fields(ext[0].Value)
	if len(f) != 2 {
		return pt, false, rejectf(ReasonType, "georss:point %q is not \"lat lon\"", ext[0].Value)
	}
	lat, err1 := strconv.ParseFloat(f[0], 64)
	lon, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil {
		return pt, false, rejectf(ReasonType, "georss:point %q is not numeric", ext[0].Value)
	}
	p, err := checkPoint(lon, lat)
	if err != nil {
		return pt, false, err
	}
	return [2]float64(p), true, nil
}
