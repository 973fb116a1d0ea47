package synth

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo/source"
)

// Format names an input format the generator can write.
type Format string

// Formats written by [Write]. Each matches the decoder of the same name in
// package source.
const (
	FormatNDJSON     Format = "ndjson"       // the library's own post schema (source.Encoder), pseudonymised
	FormatTwitterV1  Format = "twitter-v1"   // API v1.1 statuses, one JSON object per line
	FormatTwitterV2  Format = "twitter-v2"   // API v2 paged responses (data + includes.users), one page per line
	FormatMastodon   Format = "mastodon"     // Mastodon Status JSON, one per line, HTML content
	FormatBluesky    Format = "bluesky"      // Bluesky Jetstream commit events
	FormatOpen311    Format = "open311-json" // GeoReport v2 service requests, JSON array
	FormatOpen311XML Format = "open311-xml"  // GeoReport v2 service requests, XML
	FormatRSS        Format = "rss"          // RSS 2.0 news feed
	FormatCSV        Format = "csv"          // CSV export with the columns of CSVColumns
)

// FormatFor returns the native format of a post's platform.
func FormatFor(p source.Platform) Format {
	switch p {
	case source.PlatformTwitter:
		return FormatTwitterV2
	case source.PlatformMastodon:
		return FormatMastodon
	case source.PlatformBluesky:
		return FormatBluesky
	case source.PlatformOpen311:
		return FormatOpen311
	case source.PlatformNews:
		return FormatRSS
	}
	return FormatCSV
}

// CSVColumns are the columns written for FormatCSV, in order.
var CSVColumns = []string{"id", "created", "platform", "kind", "text", "lang", "author_id", "author_location", "followers", "lat", "lon", "likes", "reposts"}

const twitterTime = "Mon Jan 02 15:04:05 -0700 2006"

// Write encodes items in format f to w, streaming. Items whose platform
// does not fit f are written anyway, in f's shape (the platform field is
// then implied by the format).
func Write(w io.Writer, f Format, items iter.Seq[Item]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch f {
	case FormatNDJSON:
		enc := source.NewEncoder(bw)
		for it := range items {
			if err = enc.Encode(pseudonymise(it.Post)); err != nil {
				return fmt.Errorf("synth: write %s: %w", f, err)
			}
		}
	case FormatTwitterV1, FormatMastodon, FormatBluesky:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for it := range items {
			var v any
			switch f {
			case FormatTwitterV1:
				v = twitterV1(it.Post)
			case FormatMastodon:
				v = mastodon(it.Post)
			default:
				v = bluesky(it.Post)
			}
			if err = enc.Encode(v); err != nil {
				return fmt.Errorf("synth: write %s: %w", f, err)
			}
		}
	case FormatTwitterV2:
		err = writeTwitterV2(bw, items)
	case FormatOpen311:
		err = writeOpen311JSON(bw, items)
	case FormatOpen311XML:
		err = writeOpen311XML(bw, items)
	case FormatRSS:
		err = writeRSS(bw, items)
	case FormatCSV:
		err = writeCSV(bw, items)
	default:
		return fmt.Errorf("synth: unknown format %q", f)
	}
	if err != nil {
		return fmt.Errorf("synth: write %s: %w", f, err)
	}
	return bw.Flush()
}

type obj = map[string]any

func pointJSON(p source.Post) any {
	if p.Geo == nil {
		return nil
	}
	return obj{"type": "Point", "coordinates": []float64{p.Geo[0], p.Geo[1]}}
}

func twitterV1(p source.Post) obj {
	user := obj{"id_str": p.Author.RawID, "screen_name": strings.TrimPrefix(p.Author.Handle, "@"),
		"location": p.Author.Location, "followers_count": p.Author.Followers, "verified": p.Author.Verified}
	o := obj{"id_str": p.ID, "created_at": p.Created.UTC().Format(twitterTime), "full_text": p.Text, "lang": p.Lang,
		"user": user, "retweet_count": p.Engagement.Reposts, "favorite_count": p.Engagement.Likes}
	if c := pointJSON(p); c != nil {
		o["coordinates"] = c
	}
	if p.Place != nil {
		b := p.Place.Bound
		o["place"] = obj{"name": p.Place.Name, "full_name": p.Place.FullName, "place_type": p.Place.Type, "country_code": p.Place.Country,
			"bounding_box": obj{"type": "Polygon", "coordinates": [][][]float64{{{b.Min[0], b.Min[1]}, {b.Max[0], b.Min[1]}, {b.Max[0], b.Max[1]}, {b.Min[0], b.Max[1]}}}}}
	}
	if p.Ref != nil {
		switch p.Kind {
		case source.KindRepost:
			o["retweeted_status"] = obj{"id_str": p.Ref.ID, "created_at": p.Created.UTC().Add(-time.Hour).Format(twitterTime), "full_text": p.Text,
				"user": obj{"id_str": "9" + p.Author.RawID, "screen_name": "orig_" + strings.TrimPrefix(p.Author.Handle, "@")}}
			o["full_text"] = "RT: " + p.Text
		case source.KindReply:
			o["in_reply_to_status_id_str"] = p.Ref.ID
		}
	}
	return o
}

func writeTwitterV2(w io.Writer, items iter.Seq[Item]) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var data []obj
	users := map[string]obj{}
	var order []string
	flush := func() error {
		if len(data) == 0 {
			return nil
		}
		us := make([]obj, 0, len(order))
		for _, id := range order {
			us = append(us, users[id])
		}
		err := enc.Encode(obj{"data": data, "includes": obj{"users": us}, "meta": obj{"result_count": len(data)}})
		data, users, order = nil, map[string]obj{}, nil
		return err
	}
	for it := range items {
		p := it.Post
		t := obj{"id": p.ID, "text": p.Text, "created_at": p.Created.UTC().Format(time.RFC3339), "author_id": p.Author.RawID, "lang": p.Lang,
			"public_metrics": obj{"retweet_count": p.Engagement.Reposts, "like_count": p.Engagement.Likes, "reply_count": p.Engagement.Replies, "quote_count": p.Engagement.Quotes}}
		if c := pointJSON(p); c != nil {
			t["geo"] = obj{"coordinates": c}
		}
		if p.Ref != nil {
			typ := "replied_to"
			switch p.Kind {
			case source.KindRepost:
				typ = "retweeted"
			case source.KindQuote:
				typ = "quoted"
			}
			t["referenced_tweets"] = []obj{{"type": typ, "id": p.Ref.ID}}
		}
		data = append(data, t)
		if _, ok := users[p.Author.RawID]; !ok {
			users[p.Author.RawID] = obj{"id": p.Author.RawID, "username": strings.TrimPrefix(p.Author.Handle, "@"), "location": p.Author.Location,
				"verified": p.Author.Verified, "public_metrics": obj{"followers_count": p.Author.Followers}}
			order = append(order, p.Author.RawID)
		}
		if len(data) == 100 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func mastodon(p source.Post) obj {
	var b strings.Builder
	b.WriteString("<p>")
	for i, w := range strings.Fields(p.Text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.HasPrefix(w, "#") && len(w) > 1 {
			tag := strings.TrimLeft(w, "#")
			fmt.Fprintf(&b, `<a href="https://mastodon.example/tags/%s" class="mention hashtag" rel="tag">#<span>%s</span></a>`, html.EscapeString(tag), html.EscapeString(tag))
			continue
		}
		b.WriteString(html.EscapeString(w))
	}
	b.WriteString("</p>")
	o := obj{"id": p.ID, "created_at": p.Created.UTC().Format("2006-01-02T15:04:05.000Z"), "content": b.String(), "language": p.Lang,
		"url": "https://mastodon.example/@" + strings.TrimPrefix(p.Author.Handle, "@") + "/" + p.ID, "visibility": "public",
		"account":       obj{"id": p.Author.RawID, "acct": strings.TrimPrefix(p.Author.Handle, "@"), "username": strings.TrimPrefix(p.Author.Handle, "@"), "followers_count": p.Author.Followers},
		"reblogs_count": p.Engagement.Reposts, "favourites_count": p.Engagement.Likes, "replies_count": p.Engagement.Replies}
	if p.Ref != nil {
		switch p.Kind {
		case source.KindReply:
			o["in_reply_to_id"] = p.Ref.ID
		case source.KindRepost:
			inner := mastodon(source.Post{ID: p.Ref.ID, Text: p.Text, Lang: p.Lang, Created: p.Created.Add(-time.Hour),
				Author: source.Author{RawID: "9" + p.Author.RawID, Handle: "orig_" + strings.TrimPrefix(p.Author.Handle, "@")}})
			o["reblog"] = inner
			o["content"] = ""
		}
	}
	return o
}

func bluesky(p source.Post) obj {
	did := "did:plc:synth" + p.Author.RawID
	rec := obj{"$type": "app.bsky.feed.post", "text": p.Text, "createdAt": p.Created.UTC().Format("2006-01-02T15:04:05.000Z")}
	if p.Lang != "" {
		rec["langs"] = []string{p.Lang}
	}
	if p.Ref != nil && p.Kind == source.KindReply {
		uri := "at://did:plc:synthparent/app.bsky.feed.post/" + p.Ref.ID
		rec["reply"] = obj{"root": obj{"uri": uri, "cid": "bafy"}, "parent": obj{"uri": uri, "cid": "bafy"}}
	}
	return obj{"did": did, "time_us": p.Created.UnixMicro(), "kind": "commit",
		"commit": obj{"rev": "3k" + p.ID, "operation": "create", "collection": "app.bsky.feed.post", "rkey": p.ID, "record": rec, "cid": "bafy" + p.ID}}
}

func open311(p source.Post) obj {
	o := obj{"service_request_id": p.ID, "status": "open", "description": p.Text, "requested_datetime": p.Created.UTC().Format(time.RFC3339)}
	if r := p.Report; r != nil {
		o["service_name"], o["service_code"], o["status"], o["address"] = r.Category, r.Code, r.Status, r.Address
	}
	if p.Geo != nil {
		o["lat"], o["long"] = p.Geo[1], p.Geo[0]
	}
	return o
}

func writeOpen311JSON(w io.Writer, items iter.Seq[Item]) error {
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	first := true
	for it := range items {
		b, err := json.Marshal(open311(it.Post))
		if err != nil {
			return err
		}
		if !first {
			io.WriteString(w, ",\n")
		}
		first = false
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

type xmlRequest struct {
	XMLName     xml.Name `xml:"request"`
	ID          string   `xml:"service_request_id"`
	Status      string   `xml:"status"`
	ServiceName string   `xml:"service_name,omitempty"`
	ServiceCode string   `xml:"service_code,omitempty"`
	Description string   `xml:"description"`
	Requested   string   `xml:"requested_datetime"`
	Address     string   `xml:"address,omitempty"`
	Lat         string   `xml:"lat,omitempty"`
	Long        string   `xml:"long,omitempty"`
}

func writeOpen311XML(w io.Writer, items iter.Seq[Item]) error {
	io.WriteString(w, xml.Header+"<service_requests>\n")
	enc := xml.NewEncoder(w)
	for it := range items {
		p := it.Post
		r := xmlRequest{ID: p.ID, Status: "open", Description: p.Text, Requested: p.Created.UTC().Format(time.RFC3339)}
		if p.Report != nil {
			r.Status, r.ServiceName, r.ServiceCode, r.Address = p.Report.Status, p.Report.Category, p.Report.Code, p.Report.Address
		}
		if p.Geo != nil {
			r.Lat, r.Long = strconv.FormatFloat(p.Geo[1], 'f', -1, 64), strconv.FormatFloat(p.Geo[0], 'f', -1, 64)
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
		io.WriteString(w, "\n")
	}
	_, err := io.WriteString(w, "</service_requests>\n")
	return err
}

func writeRSS(w io.Writer, items iter.Seq[Item]) error {
	io.WriteString(w, xml.Header+`<rss version="2.0"><channel><title>Synthetisch nieuws</title><link>https://nieuws.example/</link><description>Synthetic news feed generated by socialgeo/internal/synth</description><language>nl</language>`+"\n")
	for it := range items {
		p := it.Post
		title := p.Text
		if i := strings.IndexAny(title, ".!?"); i > 0 {
			title = title[:i]
		}
		fmt.Fprintf(w, "<item><guid>%s</guid><title>%s</title><link>https://nieuws.example/%s</link><description>%s</description><pubDate>%s</pubDate></item>\n",
			xmlEscape(p.ID), xmlEscape(title), xmlEscape(p.ID), xmlEscape(p.Text), p.Created.UTC().Format(time.RFC1123Z))
	}
	_, err := io.WriteString(w, "</channel></rss>\n")
	return err
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeCSV(w io.Writer, items iter.Seq[Item]) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	for it := range items {
		p := it.Post
		lat, lon := "", ""
		if p.Geo != nil {
			lat, lon = strconv.FormatFloat(p.Geo[1], 'f', -1, 64), strconv.FormatFloat(p.Geo[0], 'f', -1, 64)
		}
		rec := []string{p.ID, p.Created.UTC().Format(time.RFC3339), string(p.Platform), string(p.KindOrDefault()), p.Text, p.Lang,
			p.Author.RawID, p.Author.Location, strconv.Itoa(p.Author.Followers), lat, lon, strconv.Itoa(p.Engagement.Likes), strconv.Itoa(p.Engagement.Reposts)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
