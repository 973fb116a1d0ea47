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

	"github.com/paulmach/orb"
)

// twitterTimeLayout is the created_at layout of API v1.1.
const twitterTimeLayout = "Mon Jan 02 15:04:05 -0700 2006"

// NewTwitterV1 returns a decoder for Twitter/X API v1.1 Tweet objects
// (statuses): newline-delimited JSON with one status per line (the
// streaming API, most research archives), or a JSON array of statuses (a
// REST timeline or search page); the first non-space byte decides. The
// tweets.js file of an account archive ("window.YTD.tweets.part0 = [
// {"tweet": {…}}, … ]", every number written as a string) is read too;
// its tweets carry no user object, so Author is empty.
//
// Field mapping (status field → Post field):
//
//	id_str (else id)                 → ID (required)
//	created_at "Mon Jan 02 15:04:05 -0700 2006" (RFC 3339 also accepted)
//	                                 → Created, UTC (required)
//	extended_tweet.full_text, else full_text, else text
//	                                 → Text, with &amp; &lt; &gt; decoded; "@handle" becomes
//	                                   "@<pseudonym>" unless KeepRawIdentity
//	lang                             → Lang
//	user.id_str (else screen_name)   → Author.Key (pseudonym); user.screen_name → Author.Handle
//	                                   "@name" and user.id_str → Author.RawID, with KeepRawIdentity
//	user.location, followers_count   → Author.Location, Author.Followers
//	user.verified                    → Author.Verified; user.verified_type "government" → Official
//	coordinates {"type":"Point","coordinates":[lon, lat]}
//	                                 → Geo, validated (the deprecated geo field, [lat, lon], is ignored)
//	place name, full_name, place_type, country_code, bounding_box (GeoJSON Polygon)
//	                                 → Place{Name, FullName, Type, Country, Bound}
//	retweeted_status                 → Kind repost, Ref{ID, AuthorKey}; Text, Lang, Tags and
//	                                   Mentions of the original (the "RT @x:" text is dropped)
//	in_reply_to_status_id_str        → Kind reply, Ref{ID, AuthorKey of in_reply_to_user_id_str}
//	quoted_status / quoted_status_id_str
//	                                 → Kind quote, Ref{ID, AuthorKey}
//	entities.hashtags[].text         → Tags (extended_tweet.entities when present)
//	entities.user_mentions[]         → Mentions: pseudonym of id_str (raw "@screen_name" with
//	                                   KeepRawIdentity)
//	retweet_count, favorite_count, reply_count, quote_count → Engagement
//	-                                → URL https://x.com/i/web/status/<id> (with KeepRawIdentity
//	                                   https://x.com/<screen_name>/status/<id>)
//
// Kind precedence: repost, then reply, then quote. Platform is
// [PlatformTwitter]. Mention pseudonyms are keyed on the mentioned
// account's user id when the entities give it (so they equal that
// account's Author.Key), else on the lower-case screen name.
//
// Stream control messages (delete, scrub_geo, limit, status_withheld,
// user_withheld, disconnect, warning, friends) are rejected as
// [ReasonNotAPost]. Limits: a status over Options.MaxRecordBytes is
// rejected as [ReasonTooLarge] without being buffered.
func NewTwitterV1(r io.Reader, opts *Options) *Decoder {
	return newDecoder("twitter-v1", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		if err := d.skipArchivePrefix(); err != nil {
			return err
		}
		return d.forJSONValues(ctx, emit, d.twitterV1Post)
	})
}

// archivePrefix starts the data files of a Twitter/X account archive
// ("window.YTD.tweets.part0 = [ ... ]").
const archivePrefix = "window.YTD."

// skipArchivePrefix drops a leading "window.YTD.<name> = " so that the
// JSON array after it is read; offsets still count from the file start.
func (d *Decoder) skipArchivePrefix() error {
	br := bufio.NewReaderSize(d.r, 64<<10)
	d.r = br
	head, err := br.Peek(256)
	if !bytes.HasPrefix(head, []byte(archivePrefix)) {
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull && len(head) == 0 {
			return fmt.Errorf("source: %s: read at byte 0: %w", d.format, err)
		}
		return nil
	}
	i := bytes.IndexByte(head, '=')
	if i < 0 {
		return nil // not an archive assignment after all: decoded as it is
	}
	n, _ := br.Discard(i + 1)
	d.base = int64(n)
	return nil
}

type twV1User struct {
	IDStr          flexString `json:"id_str"`
	ID             flexString `json:"id"`
	ScreenName     string     `json:"screen_name"`
	Location       *string    `json:"location"`
	FollowersCount flexInt    `json:"followers_count"`
	Verified       bool       `json:"verified"`
	VerifiedType   string     `json:"verified_type"`
}

// flexInt is a JSON count that also accepts a string of digits: account
// archives write every number as a string.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("count %q is not an integer", s)
	}
	*n = flexInt(v)
	return nil
}

func (u *twV1User) id() string {
	if u.IDStr != "" {
		return string(u.IDStr)
	}
	return string(u.ID)
}

type twV1Entities struct {
	Hashtags []struct {
		Text string `json:"text"`
	} `json:"hashtags"`
	UserMentions []struct {
		ScreenName string     `json:"screen_name"`
		IDStr      flexString `json:"id_str"`
	} `json:"user_mentions"`
}

type twGeoPoint struct {
	Type        string     `json:"type"`
	Coordinates *[]float64 `json:"coordinates"`
}

type twV1Status struct {
	IDStr         flexString `json:"id_str"`
	ID            flexString `json:"id"`
	CreatedAt     string     `json:"created_at"`
	Text          *string    `json:"text"`
	FullText      *string    `json:"full_text"`
	ExtendedTweet *struct {
		FullText string        `json:"full_text"`
		Entities *twV1Entities `json:"entities"`
	} `json:"extended_tweet"`
	Lang                 string        `json:"lang"`
	User                 *twV1User     `json:"user"`
	Coordinates          *twGeoPoint   `json:"coordinates"`
	Place                *twV1Place    `json:"place"`
	Entities             *twV1Entities `json:"entities"`
	RetweetedStatus      *twV1Status   `json:"retweeted_status"`
	QuotedStatus         *twV1Status   `json:"quoted_status"`
	QuotedStatusIDStr    flexString    `json:"quoted_status_id_str"`
	InReplyToStatusIDStr flexString    `json:"in_reply_to_status_id_str"`
	InReplyToUserIDStr   flexString    `json:"in_reply_to_user_id_str"`
	RetweetCount         flexInt       `json:"retweet_count"`
	FavoriteCount        flexInt       `json:"favorite_count"`
	ReplyCount           flexInt       `json:"reply_count"`
	QuoteCount           flexInt       `json:"quote_count"`

	// Tweet wraps the status in account archives ({"tweet": {...}}).
	Tweet *twV1Status `json:"tweet"`

	// Stream control messages.
	Delete         json.RawMessage `json:"delete"`
	ScrubGeo       json.RawMessage `json:"scrub_geo"`
	Limit          json.RawMessage `json:"limit"`
	StatusWithheld json.RawMessage `json:"status_withheld"`
	UserWithheld   json.RawMessage `json:"user_withheld"`
	Disconnect     json.RawMessage `json:"disconnect"`
	Warning        json.RawMessage `json:"warning"`
	Friends        json.RawMessage `json:"friends"`
}

type twV1Place struct {
	Name        string `json:"name"`
	FullName    string `json:"full_name"`
	PlaceType   string `json:"place_type"`
	CountryCode string `json:"country_code"`
	BoundingBox *struct {
		Type        string         `json:"type"`
		Coordinates [][][2]float64 `json:"coordinates"`
	} `json:"bounding_box"`
}

func (s *twV1Status) id() string {
	if s.IDStr != "" {
		return string(s.IDStr)
	}
	return string(s.ID)
}

func (s *twV1Status) control() string {
	for _, c := range []struct {
		name string
		v    json.RawMessage
	}{{"delete", s.Delete}, {"scrub_geo", s.ScrubGeo}, {"limit", s.Limit}, {"status_withheld", s.StatusWithheld},
		{"user_withheld", s.UserWithheld}, {"disconnect", s.Disconnect}, {"warning", s.Warning}, {"friends", s.Friends}} {
		if len(c.v) > 0 && string(c.v) != "null" {
			return c.name
		}
	}
	return ""
}

// text returns the full text of a status and its entities.
func (s *twV1Status) text() (string, *twV1Entities) {
	switch {
	case s.ExtendedTweet != nil && s.ExtendedTweet.FullText != "":
		ents := s.Entities
		if s.ExtendedTweet.Entities != nil {
			ents = s.ExtendedTweet.Entities
		}
		return s.ExtendedTweet.FullText, ents
	case s.FullText != nil:
		return *s.FullText, s.Entities
	case s.Text != nil:
		return *s.Text, s.Entities
	}
	return "", s.Entities
}

// parseTwitterTime parses v1.1's created_at, or an RFC 3339 time.
func parseTwitterTime(s string) (time.Time, error) {
	if t, err := time.Parse(twitterTimeLayout, strings.TrimSpace(s)); err == nil {
		return checkTime(t)
	}
	return parseISOTime(s)
}

func (d *Decoder) twitterV1Post(rec []byte) (Post, error) {
	var s twV1Status
	if err := unmarshalRecord(rec, &s); err != nil {
		return Post{}, err
	}
	if s.id() == "" && s.Tweet != nil {
		s = *s.Tweet
	}
	if s.id() == "" {
		if c := s.control(); c != "" {
			return Post{}, rejectf(ReasonNotAPost, "%s message", c)
		}
		return Post{}, rejectf(ReasonMissing, "status has no id_str")
	}
	created, err := parseTwitterTime(s.CreatedAt)
	if err != nil {
		return Post{}, err
	}
	p := Post{ID: s.id(), Platform: PlatformTwitter, Kind: KindPost, Created: created,
		Engagement: Engagement{Reposts: int(s.RetweetCount), Likes: int(s.FavoriteCount), Replies: int(s.ReplyCount), Quotes: int(s.QuoteCount)}}
	handle := ""
	if u := s.User; u != nil {
		p.Author = d.twitterAuthor(u.id(), u.ScreenName, created)
		if u.Location != nil {
			p.Author.Location = strings.TrimSpace(*u.Location)
		}
		p.Author.Followers = int(u.FollowersCount)
		p.Author.Verified = u.Verified
		p.Author.Official = u.VerifiedType == "government"
		handle = u.ScreenName
	}
	p.URL = d.twitterURL(handle, p.ID)
	if c := s.Coordinates; c != nil && c.Coordinates != nil {
		if c.Type != "" && c.Type != "Point" {
			return Post{}, rejectf(ReasonType, "coordinates of type %q, want Point", c.Type)
		}
		if len(*c.Coordinates) != 2 {
			return Post{}, rejectf(ReasonType, "coordinates have %d values, want [lon, lat]", len(*c.Coordinates))
		}
		pt, err := checkPoint((*c.Coordinates)[0], (*c.Coordinates)[1])
		if err != nil {
			return Post{}, err
		}
		p.Geo = &pt
	}
	if pl := s.Place; pl != nil {
		p.Place = &Place{Name: pl.Name, FullName: pl.FullName, Type: pl.PlaceType, Country: pl.CountryCode}
		if bb := pl.BoundingBox; bb != nil {
			var pts [][2]float64
			for _, ring := range bb.Coordinates {
				pts = append(pts, ring...)
			}
			b, err := boundOf(pts)
			if err != nil {
				return Post{}, err
			}
			p.Place.Bound = b
		}
	}
	body := &s
	switch {
	case s.RetweetedStatus != nil:
		rt := s.RetweetedStatus
		if rt.id() == "" {
			return Post{}, rejectf(ReasonMissing, "retweeted_status has no id_str")
		}
		p.Kind = KindRepost
		p.Ref = &Ref{ID: rt.id()}
		if rt.User != nil {
			p.Ref.AuthorKey = d.twitterKey(rt.User.id(), rt.User.ScreenName, created)
		}
		body = rt
	case s.InReplyToStatusIDStr != "":
		p.Kind = KindReply
		p.Ref = &Ref{ID: string(s.InReplyToStatusIDStr), AuthorKey: d.twitterKey(string(s.InReplyToUserIDStr), "", created)}
	case s.QuotedStatus != nil && s.QuotedStatus.id() != "":
		p.Kind = KindQuote
		p.Ref = &Ref{ID: s.QuotedStatus.id()}
		if u := s.QuotedStatus.User; u != nil {
			p.Ref.AuthorKey = d.twitterKey(u.id(), u.ScreenName, created)
		}
	case s.QuotedStatusIDStr != "":
		p.Kind = KindQuote
		p.Ref = &Ref{ID: string(s.QuotedStatusIDStr)}
	}
	text, ents := body.text()
	if body != &s && body.Lang != "" {
		p.Lang = body.Lang
	} else {
		p.Lang = s.Lang
	}
	ids := map[string]string{}
	if ents != nil {
		for _, h := range ents.Hashtags {
			if h.Text != "" {
				p.Tags = append(p.Tags, h.Text)
			}
		}
		for _, m := range ents.UserMentions {
			if m.ScreenName == "" {
				continue
			}
			ids[strings.ToLower(m.ScreenName)] = string(m.IDStr)
			p.Mentions = append(p.Mentions, d.twitterMention(string(m.IDStr), m.ScreenName, created))
		}
	}
	p.Text = d.mentionText(PlatformTwitter, twitterUnescape.Replace(text), ids, created)
	return p, nil
}

// twitterUnescape undoes the escaping of Tweet text: the APIs escape
// exactly &, < and >.
var twitterUnescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// boundOf returns the bounding box of GeoJSON positions, each validated.
func boundOf(pts [][2]float64) (b orb.Bound, err error) {
	for i, c := range pts {
		pt, err := checkPoint(c[0], c[1])
		if err != nil {
			return orb.Bound{}, err
		}
		if i == 0 {
			b = orb.Bound{Min: pt, Max: pt}
			continue
		}
		b = b.Extend(pt)
	}
	return b, nil
}

// twitterKey is the pseudonym of an account: keyed on the user id, else
// on the lower-case screen name; "" when both are empty.
func (d *Decoder) twitterKey(id, screen string, t time.Time) string {
	if id == "" {
		id = strings.ToLower(screen)
	}
	return d.ps.Pseudonym(PlatformTwitter, id, t)
}

func (d *Decoder) twitterAuthor(id, screen string, t time.Time) Author {
	a := Author{Key: d.twitterKey(id, screen, t)}
	if d.opts.KeepRawIdentity {
		if screen != "" {
			a.Handle = "@" + screen
		}
		a.RawID = id
	}
	return a
}

func (d *Decoder) twitterMention(id, screen string, t time.Time) string {
	if d.opts.KeepRawIdentity {
		return "@" + screen
	}
	return d.twitterKey(id, screen, t)
}

func (d *Decoder) twitterURL(screen, id string) string {
	if d.opts.KeepRawIdentity && screen != "" {
		return "https://x.com/" + screen + "/status/" + id
	}
	return "https://x.com/i/web/status/" + id
}

// mentionText replaces every "@handle" in text (an '@' not preceded by a
// letter, digit or '_', followed by letters, digits and '_') by
// "@<pseudonym>", keyed on the user id from ids (lower-case handle → id)
// when known, else on the lower-case handle. With KeepRawIdentity the
// text is returned as is. The text is trimmed.
func (d *Decoder) mentionText(platform Platform, text string, ids map[string]string, t time.Time) string {
	text = strings.TrimSpace(text)
	if d.opts.KeepRawIdentity || !strings.Contains(text, "@") {
		return text
	}
	word := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	var sb strings.Builder
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '@' || (i > 0 && word(text[i-1])) {
			continue
		}
		j := i + 1
		for j < len(text) && word(text[j]) {
			j++
		}
		if j == i+1 {
			continue
		}
		name := text[i+1 : j]
		id := ids[strings.ToLower(name)]
		if id == "" {
			id = strings.ToLower(name)
		}
		sb.WriteString(text[last:i])
		sb.WriteByte('@')
		sb.WriteString(d.ps.Pseudonym(platform, id, t))
		last = j
		i = j - 1
	}
	sb.WriteString(text[last:])
	return sb.String()
}

// DefaultMaxPageBytes is the line size limit of [NewTwitterV2] when
// [Options.MaxRecordBytes] is zero: a v2 response page of up to 500
// tweets with expansions is one line.
const DefaultMaxPageBytes = 16 << 20

// NewTwitterV2 returns a decoder for Twitter/X API v2 tweets as
// newline-delimited JSON. Each line is either one Tweet object, or a
// response: a page {"data":[…], "includes":{"users":[…], "places":[…],
// "tweets":[…]}, "meta":{…}} as the search and timeline endpoints return
// it, or {"data":{…}, "includes":…} as the lookup and filtered-stream
// endpoints do. Every tweet in data is one record; tweets are joined to
// includes.users by author_id, to includes.places by geo.place_id and to
// includes.tweets by referenced_tweets.id.
//
// Field mapping (tweet field → Post field):
//
//	id                                  → ID (required)
//	created_at (RFC 3339)               → Created, UTC (required: request tweet.fields=created_at)
//	note_tweet.text, else text          → Text, &amp; &lt; &gt; decoded; "@handle" becomes
//	                                      "@<pseudonym>" unless KeepRawIdentity
//	lang                                → Lang
//	author_id                           → Author.Key (pseudonym); Author.RawID with KeepRawIdentity
//	user username                       → Author.Handle "@name", only with KeepRawIdentity
//	user location, verified             → Author.Location, Author.Verified
//	user verified_type "government"     → Author.Official
//	user public_metrics.followers_count → Author.Followers
//	geo.coordinates {"type":"Point","coordinates":[lon, lat]} → Geo, validated
//	geo.place_id → place full_name, name, place_type, country_code, geo.bbox [w, s, e, n]
//	                                    → Place{FullName, Name, Type, Country, Bound}
//	referenced_tweets retweeted / replied_to / quoted
//	                                    → Kind repost / reply / quote (that precedence), Ref.ID;
//	                                      Ref.AuthorKey and, for a repost, Text, Lang, Tags and
//	                                      Mentions of the original when includes.tweets holds it
//	entities.hashtags[].tag             → Tags
//	entities.mentions[]                 → Mentions: pseudonym of id (else of the lower-case
//	                                      username); raw "@username" with KeepRawIdentity
//	public_metrics retweet/like/reply/quote_count → Engagement
//	-                                   → URL https://x.com/i/web/status/<id> (with
//	                                      KeepRawIdentity and a known user, x.com/<username>/status/<id>)
//
// Platform is [PlatformTwitter]; keys equal those of [NewTwitterV1] for
// the same accounts.
//
// Records and limits: a response line is decoded whole, so the size limit
// applies per line: Options.MaxRecordBytes, or [DefaultMaxPageBytes] when
// it is zero. A line that is too large or not valid JSON counts as one
// rejected record (its tweets cannot be counted); a line that holds no
// tweet (an empty page, an errors-only response) is one [ReasonNotAPost]
// rejection; a tweet of a valid page that is itself bad is rejected alone.
// DecodeError.Record counts tweets; Offset is the start of the tweet's
// line.
func NewTwitterV2(r io.Reader, opts *Options) *Decoder {
	d := newDecoder("twitter-v2", r, opts, (*Decoder).twitterV2)
	if opts == nil || opts.MaxRecordBytes <= 0 {
		d.opts.MaxRecordBytes = DefaultMaxPageBytes
	}
	return d
}

type twV2Tweet struct {
	ID        flexString `json:"id"`
	Text      *string    `json:"text"`
	NoteTweet *struct {
		Text string `json:"text"`
	} `json:"note_tweet"`
	CreatedAt string     `json:"created_at"`
	AuthorID  flexString `json:"author_id"`
	Lang      string     `json:"lang"`
	Geo       *struct {
		Coordinates *twGeoPoint `json:"coordinates"`
		PlaceID     string      `json:"place_id"`
	} `json:"geo"`
	PublicMetrics *struct {
		RetweetCount int `json:"retweet_count"`
		ReplyCount   int `json:"reply_count"`
		LikeCount    int `json:"like_count"`
		QuoteCount   int `json:"quote_count"`
	} `json:"public_metrics"`
	ReferencedTweets []struct {
		Type string     `json:"type"`
		ID   flexString `json:"id"`
	} `json:"referenced_tweets"`
	InReplyToUserID flexString `json:"in_reply_to_user_id"`
	Entities        *struct {
		Hashtags []struct {
			Tag string `json:"tag"`
		} `json:"hashtags"`
		Mentions []struct {
			Username string     `json:"username"`
			ID       flexString `json:"id"`
		} `json:"mentions"`
	} `json:"entities"`
}

type twV2User struct {
	ID            flexString `json:"id"`
	Username      string     `json:"username"`
	Location      string     `json:"location"`
	Verified      bool       `json:"verified"`
	VerifiedType  string     `json:"verified_type"`
	PublicMetrics *struct {
		FollowersCount int `json:"followers_count"`
	} `json:"public_metrics"`
}

type twV2Place struct {
	ID          string `json:"id"`
	FullName    string `json:"full_name"`
	Name        string `json:"name"`
	PlaceType   string `json:"place_type"`
	CountryCode string `json:"country_code"`
	Geo         *struct {
		BBox []float64 `json:"bbox"`
	} `json:"geo"`
}

// twV2Line is one input line: a tweet, or a response with data. It is
// the fast path: one decoding pass when every value has the right type.
type twV2Line struct {
	twV2Tweet
	Data     []twV2Tweet `json:"data"`
	Includes *struct {
		Users  []twV2User  `json:"users"`
		Places []twV2Place `json:"places"`
		Tweets []twV2Tweet `json:"tweets"`
	} `json:"includes"`
}

// twV2RawLine is the slow path, taken when the fast one fails: data may be
// one object, and each tweet is decoded alone so that a bad one is
// rejected alone.
type twV2RawLine struct {
	twV2Tweet
	Data     json.RawMessage `json:"data"`
	Includes *struct {
		Users  []twV2User        `json:"users"`
		Places []twV2Place       `json:"places"`
		Tweets []json.RawMessage `json:"tweets"`
	} `json:"includes"`
}

// twV2Includes indexes a response's includes by id.
type twV2Includes struct {
	users  map[string]*twV2User
	places map[string]*twV2Place
	tweets map[string]*twV2Tweet
}

func newTwV2Includes(users []twV2User, places []twV2Place, tweets []twV2Tweet) *twV2Includes {
	inc := &twV2Includes{}
	if len(users) > 0 {
		inc.users = make(map[string]*twV2User, len(users))
		for i := range users {
			inc.users[string(users[i].ID)] = &users[i]
		}
	}
	if len(places) > 0 {
		inc.places = make(map[string]*twV2Place, len(places))
		for i := range places {
			inc.places[places[i].ID] = &places[i]
		}
	}
	if len(tweets) > 0 {
		inc.tweets = make(map[string]*twV2Tweet, len(tweets))
		for i := range tweets {
			if tweets[i].ID != "" {
				inc.tweets[string(tweets[i].ID)] = &tweets[i]
			}
		}
	}
	return inc
}

func (d *Decoder) twitterV2(ctx context.Context, emit func(Post) bool) error {
	rec := 0
	// tweet handles one tweet record: decoding error err, or the tweet.
	tweet := func(start int64, t *twV2Tweet, err error, inc *twV2Includes) (bool, error) {
		if err := ctx.Err(); err != nil { // a page holds many tweets: honour cancellation between them
			return false, err
		}
		rec++
		d.stats.Read++
		var p Post
		if err == nil {
			p, err = d.twitterV2Post(t, inc)
		}
		if err != nil {
			reason, cause := classify(err)
			return true, d.reject(rec, start, reason, cause)
		}
		return emit(p), nil
	}
	return d.eachLine(ctx, func(line []byte, start int64, tooLarge bool) (bool, error) {
		one := func(reason Reason, err error) (bool, error) {
			rec++
			d.stats.Read++
			return true, d.reject(rec, start, reason, err)
		}
		if tooLarge {
			return one(ReasonTooLarge, fmt.Errorf("line exceeds %d bytes", d.opts.MaxRecordBytes))
		}
		if !utf8.Valid(line) {
			return one(ReasonUTF8, errors.New("line is not valid UTF-8"))
		}
		// Fast path.
		var l twV2Line
		if json.Unmarshal(line, &l) == nil {
			if l.Data == nil {
				if l.ID == "" {
					return one(ReasonNotAPost, errors.New("line holds no tweet"))
				}
				return tweet(start, &l.twV2Tweet, nil, &twV2Includes{})
			}
			if len(l.Data) == 0 {
				return one(ReasonNotAPost, errors.New("page holds no tweet"))
			}
			inc := &twV2Includes{}
			if l.Includes != nil {
				inc = newTwV2Includes(l.Includes.Users, l.Includes.Places, l.Includes.Tweets)
			}
			for i := range l.Data {
				if more, err := tweet(start, &l.Data[i], nil, inc); !more || err != nil {
					return false, err
				}
			}
			return true, nil
		}
		// Slow path: find what is wrong, tweet by tweet.
		var r twV2RawLine
		if err := unmarshalRecord(line, &r); err != nil {
			reason, cause := classify(err)
			return one(reason, cause)
		}
		var raws []json.RawMessage
		switch data := trimJSON(r.Data); {
		case len(data) == 0 || string(data) == "null":
			if r.ID == "" {
				return one(ReasonNotAPost, errors.New("line holds no tweet"))
			}
			return tweet(start, &r.twV2Tweet, nil, &twV2Includes{})
		case data[0] == '[':
			if err := json.Unmarshal(data, &raws); err != nil {
				return one(ReasonType, err)
			}
		default:
			raws = []json.RawMessage{data}
		}
		if len(raws) == 0 {
			return one(ReasonNotAPost, errors.New("page holds no tweet"))
		}
		inc := &twV2Includes{}
		if r.Includes != nil {
			var tweets []twV2Tweet
			for _, raw := range r.Includes.Tweets {
				var t twV2Tweet
				if json.Unmarshal(raw, &t) == nil { // a bad included tweet is only context
					tweets = append(tweets, t)
				}
			}
			inc = newTwV2Includes(r.Includes.Users, r.Includes.Places, tweets)
		}
		for _, raw := range raws {
			var t twV2Tweet
			err := unmarshalRecord(raw, &t)
			if more, err := tweet(start, &t, err, inc); !more || err != nil {
				return false, err
			}
		}
		return true, nil
	})
}

func trimJSON(b []byte) []byte {
	for len(b) > 0 && isJSONSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func (d *Decoder) twitterV2Post(t *twV2Tweet, inc *twV2Includes) (Post, error) {
	if t.ID == "" {
		return Post{}, rejectf(ReasonMissing, "tweet has no id")
	}
	if t.CreatedAt == "" {
		return Post{}, rejectf(ReasonMissing, "tweet has no created_at (request tweet.fields=created_at)")
	}
	created, err := parseISOTime(t.CreatedAt)
	if err != nil {
		return Post{}, err
	}
	p := Post{ID: string(t.ID), Platform: PlatformTwitter, Kind: KindPost, Created: created, Lang: t.Lang}
	if m := t.PublicMetrics; m != nil {
		p.Engagement = Engagement{Reposts: m.RetweetCount, Likes: m.LikeCount, Replies: m.ReplyCount, Quotes: m.QuoteCount}
	}
	handle := ""
	if t.AuthorID != "" {
		u := inc.users[string(t.AuthorID)]
		if u != nil {
			handle = u.Username
		}
		p.Author = d.twitterAuthor(string(t.AuthorID), handle, created)
		if u != nil {
			p.Author.Location = strings.TrimSpace(u.Location)
			p.Author.Verified = u.Verified
			p.Author.Official = u.VerifiedType == "government"
			if u.PublicMetrics != nil {
				p.Author.Followers = u.PublicMetrics.FollowersCount
			}
		}
	}
	p.URL = d.twitterURL(handle, p.ID)
	if g := t.Geo; g != nil {
		if c := g.Coordinates; c != nil && c.Coordinates != nil {
			if c.Type != "" && c.Type != "Point" {
				return Post{}, rejectf(ReasonType, "geo.coordinates of type %q, want Point", c.Type)
			}
			if len(*c.Coordinates) != 2 {
				return Post{}, rejectf(ReasonType, "geo.coordinates have %d values, want [lon, lat]", len(*c.Coordinates))
			}
			pt, err := checkPoint((*c.Coordinates)[0], (*c.Coordinates)[1])
			if err != nil {
				return Post{}, err
			}
			p.Geo = &pt
		}
		if pl := inc.places[g.PlaceID]; g.PlaceID != "" && pl != nil {
			p.Place = &Place{Name: pl.Name, FullName: pl.FullName, Type: pl.PlaceType, Country: pl.CountryCode}
			if pl.Geo != nil && len(pl.Geo.BBox) == 4 {
				bb := pl.Geo.BBox
				b, err := boundOf([][2]float64{{bb[0], bb[1]}, {bb[2], bb[3]}})
				if err != nil {
					return Post{}, err
				}
				p.Place.Bound = b
			}
		}
	}
	body := t
	var kindRank int // 3 repost, 2 reply, 1 quote
	for _, r := range t.ReferencedTweets {
		if r.ID == "" {
			continue
		}
		rank, kind := 0, KindPost
		switch r.Type {
		case "retweeted":
			rank, kind = 3, KindRepost
		case "replied_to":
			rank, kind = 2, KindReply
		case "quoted":
			rank, kind = 1, KindQuote
		}
		if rank <= kindRank {
			continue
		}
		kindRank = rank
		p.Kind = kind
		p.Ref = &Ref{ID: string(r.ID)}
		if orig := inc.tweets[string(r.ID)]; orig != nil && orig.AuthorID != "" {
			p.Ref.AuthorKey = d.twitterKey(string(orig.AuthorID), "", created)
		} else if kind == KindReply && t.InReplyToUserID != "" {
			p.Ref.AuthorKey = d.twitterKey(string(t.InReplyToUserID), "", created)
		}
		if kind == KindRepost {
			if orig := inc.tweets[string(r.ID)]; orig != nil {
				body = orig
			}
		}
	}
	if body != t && body.Lang != "" {
		p.Lang = body.Lang
	}
	var text string
	switch {
	case body.NoteTweet != nil && body.NoteTweet.Text != "":
		text = body.NoteTweet.Text
	case body.Text != nil:
		text = *body.Text
	}
	ids := map[string]string{}
	if e := body.Entities; e != nil {
		for _, h := range e.Hashtags {
			if h.Tag != "" {
				p.Tags = append(p.Tags, h.Tag)
			}
		}
		for _, m := range e.Mentions {
			if m.Username == "" {
				continue
			}
			ids[strings.ToLower(m.Username)] = string(m.ID)
			p.Mentions = append(p.Mentions, d.twitterMention(string(m.ID), m.Username, created))
		}
	}
	p.Text = d.mentionText(PlatformTwitter, twitterUnescape.Replace(text), ids, created)
	return p, nil
}
