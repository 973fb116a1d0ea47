package source

import (
	"time"

	"github.com/paulmach/orb"
)

// Platform names the service a post came from. The values are lower-case
// and stable; they appear in reports and in profile filters (platform:x).
type Platform string

// Platforms known to the decoders in this package. A custom [Source] may use
// any other non-empty lower-case value.
const (
	PlatformTwitter  Platform = "twitter"  // Twitter / X, API v1.1 and v2
	PlatformMastodon Platform = "mastodon" // Mastodon and other ActivityPub servers with the Mastodon API
	PlatformBluesky  Platform = "bluesky"  // Bluesky (AT Protocol), Jetstream events
	PlatformOpen311  Platform = "open311"  // citizen reports, Open311 GeoReport v2 (BuitenBeter, Signalen...)
	PlatformNews     Platform = "news"     // news and press releases from RSS / Atom feeds
	PlatformCSV      Platform = "csv"      // default for CSV exports when no platform column is mapped
)

// Kind says what sort of message a post is.
type Kind string

// Kinds of post. The zero value is treated as [KindPost] by every consumer.
const (
	KindPost    Kind = "post"    // an original message
	KindReply   Kind = "reply"   // a reply to another post (Post.Ref is the parent)
	KindRepost  Kind = "repost"  // a retweet / boost / repost (Post.Ref is the original)
	KindQuote   Kind = "quote"   // a quote post (Post.Ref is the quoted post)
	KindArticle Kind = "article" // a news article or press release
	KindReport  Kind = "report"  // a citizen report (Open311 service request)
)

// Post is one message in the platform-neutral model every decoder produces.
//
// A Post holds no raw author identity by default: [Author.Key] is a keyed
// pseudonym made at the door by a [Pseudonymizer]. Only when a decoder is
// given [Options.KeepRawIdentity] are Author.Handle and Author.RawID filled.
//
// Post values are plain data and safe to copy. Slices in a Post yielded by a
// [Source] are owned by the receiver: sources never reuse them.
type Post struct {
	// ID is the platform's identifier of the post, unique within Platform.
	// It is never empty in a post yielded by the decoders of this package.
	ID string `json:"id"`
	// Platform is the service the post came from. Never empty.
	Platform Platform `json:"platform"`
	// Kind is the type of message. Empty means KindPost.
	Kind Kind `json:"kind,omitempty"`
	// URL is the public web address of the post; empty when unknown.
	URL string `json:"url,omitempty"`
	// Text is the plain text of the post: HTML removed, entities decoded,
	// NFC not yet applied. For a repost it is the text of the original.
	// For an article it is title and summary separated by a blank line.
	// Empty only for posts that carry media alone.
	Text string `json:"text,omitempty"`
	// Lang is the language the platform or author declared, as a BCP 47
	// tag ("nl", "en", "und"); empty when none was declared. Detected
	// language is not stored here; see package sentiment.
	Lang string `json:"lang,omitempty"`
	// Created is when the post was made, in UTC. Never zero in a post
	// yielded by the decoders of this package.
	Created time.Time `json:"created"`
	// Author describes who posted, pseudonymised.
	Author Author `json:"author"`
	// Geo is the device geotag as [lon, lat] WGS84, or nil when the post
	// has no exact coordinates (the usual case: 1–3 % of posts have one).
	Geo *orb.Point `json:"geo,omitempty"`
	// Place is the platform place attached to the post (Twitter place,
	// Open311 address), or nil.
	Place *Place `json:"place,omitempty"`
	// Engagement holds the public counters at the time of collection.
	Engagement Engagement `json:"engagement,omitempty"`
	// Ref points to the original of a repost or quote, or the parent of a
	// reply; nil for original posts.
	Ref *Ref `json:"ref,omitempty"`
	// Tags holds hashtags (without '#', as written) when the platform lists
	// them separately; the text is still the source of truth. May be nil.
	Tags []string `json:"tags,omitempty"`
	// Mentions holds mentioned accounts as pseudonyms (or raw handles when
	// raw identity is kept). May be nil.
	Mentions []string `json:"mentions,omitempty"`
	// Report holds the fields of a citizen report; nil for other kinds.
	Report *Report `json:"report,omitempty"`
}

// Author is the poster of a [Post].
type Author struct {
	// Key is the keyed pseudonym of the account (see [Pseudonymizer]);
	// empty only when the source gives no account at all (news feeds
	// without an author, anonymous citizen reports).
	Key string `json:"key,omitempty"`
	// Handle is the raw handle (e.g. "@gemeente"), filled only when the
	// caller opted in with Options.KeepRawIdentity; empty otherwise.
	Handle string `json:"handle,omitempty"`
	// RawID is the raw platform user id, filled only with
	// Options.KeepRawIdentity; empty otherwise.
	RawID string `json:"raw_id,omitempty"`
	// Location is the free text of the public profile location
	// ("Rotterdam-Zuid", "010 ❤️"); empty when not given.
	Location string `json:"location,omitempty"`
	// Followers is the follower count; 0 when unknown.
	Followers int `json:"followers,omitempty"`
	// Verified is true for verified accounts.
	Verified bool `json:"verified,omitempty"`
	// Official is true for accounts of a government or organisation known to
	// the source (Twitter "government" verification, feeds of a publisher).
	Official bool `json:"official,omitempty"`
}

// Place is a named place attached to a post by the platform.
type Place struct {
	// Name is the place's short name ("Amsterdam"). May be empty when only
	// an address is known.
	Name string `json:"name,omitempty"`
	// FullName is the platform's long name ("Amsterdam, Nederland") or an
	// address line; may be empty.
	FullName string `json:"full_name,omitempty"`
	// Type is the platform's place type ("city", "poi", "admin",
	// "neighborhood", "country", "address"); may be empty.
	Type string `json:"type,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code when known ("NL").
	Country string `json:"country,omitempty"`
	// Bound is the place's bounding box; the zero Bound means unknown.
	Bound orb.Bound `json:"bound,omitempty"`
}

// Engagement holds public interaction counters. Zero means zero or unknown.
type Engagement struct {
	Reposts int `json:"reposts,omitempty"` // retweets, boosts, reposts
	Likes   int `json:"likes,omitempty"`   // likes, favourites
	Replies int `json:"replies,omitempty"` // replies
	Quotes  int `json:"quotes,omitempty"`  // quote posts
}

// Ref is a reference from a repost, quote or reply to another post.
type Ref struct {
	// ID is the referenced post's id on the same platform.
	ID string `json:"id"`
	// AuthorKey is the pseudonym of the referenced post's author; empty
	// when unknown.
	AuthorKey string `json:"author_key,omitempty"`
}

// Report holds the fields specific to a citizen report.
type Report struct {
	// Category is the service name ("Zwerfafval", "Straatverlichting").
	Category string `json:"category,omitempty"`
	// Code is the service code of the Open311 endpoint; may be empty.
	Code string `json:"code,omitempty"`
	// Status is "open" or "closed" (Open311), or the source's own status.
	Status string `json:"status,omitempty"`
	// Address is the address description; may be empty.
	Address string `json:"address,omitempty"`
	// MediaURL links to a photo; may be empty.
	MediaURL string `json:"media_url,omitempty"`
}

// KindOrDefault returns p.Kind, or KindPost when it is empty.
func (p *Post) KindOrDefault() Kind {
	if p.Kind == "" {
		return KindPost
	}
	return p.Kind
}
