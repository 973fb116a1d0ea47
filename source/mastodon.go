package source

import (
	"context"
	"io"
	"strings"
	"time"
)

// NewMastodon returns a decoder for Mastodon API Status entities
// (GET /api/v1/timelines/..., /api/v1/statuses/:id, the streaming API's
// "update" payloads). The input is either a JSON array of statuses, as the
// REST API returns a timeline page, or newline-delimited JSON with one
// status per line; the first non-space byte decides.
//
// Field mapping (status field → Post field):
//
//	id                          → ID (required)
//	created_at (RFC 3339)       → Created, UTC (required)
//	url (or uri)                → URL, only with KeepRawIdentity (it holds the account name)
//	content (HTML)              → Text: parsed with golang.org/x/net/html; <p> → blank line,
//	                              <br> → newline, entities decoded, link text kept (Mastodon's
//	                              invisible/ellipsis spans joined back into the full URL),
//	                              "#tag" kept as written; account mentions "@user" become
//	                              "@<pseudonym>" unless KeepRawIdentity is set
//	spoiler_text                → prepended to Text, followed by a blank line
//	language                    → Lang
//	account.acct                → Author.Key = pseudonym of acct (Author.Handle with KeepRawIdentity)
//	account.id                  → Author.RawID, only with KeepRawIdentity
//	account.followers_count     → Author.Followers
//	account.note, display_name  → not copied
//	in_reply_to_id              → Kind = reply, Ref.ID
//	reblog                      → Kind = repost, Ref{ID, AuthorKey} of the original,
//	                              Text, Lang, Tags and Mentions of the original
//	tags[].name                 → Tags
//	mentions[].acct             → Mentions (pseudonyms; raw acct with KeepRawIdentity)
//	replies_count, reblogs_count, favourites_count → Engagement
//
// Platform is [PlatformMastodon]. Statuses carry no coordinates, so Geo
// and Place stay nil. The pseudonym is keyed on acct, which is "user" for
// local and "user@domain" for remote accounts: collect from one instance,
// or expect a local account to get two keys.
//
// Limits: a status over Options.MaxRecordBytes is rejected as
// [ReasonTooLarge] without being buffered; memory is bounded by that limit.
// Rejections: invalid UTF-8, syntax, wrong types, missing id or
// created_at, unknown time formats.
func NewMastodon(r io.Reader, opts *Options) *Decoder {
	return newDecoder("mastodon", r, opts, func(d *Decoder, ctx context.Context, emit func(Post) bool) error {
		return d.forJSONValues(ctx, emit, d.mastodonPost)
	})
}

type mastoAccount struct {
	ID             flexString `json:"id"`
	Acct           string     `json:"acct"`
	FollowersCount int        `json:"followers_count"`
	Bot            bool       `json:"bot"`
}

type mastoStatus struct {
	ID          flexString    `json:"id"`
	CreatedAt   string        `json:"created_at"`
	InReplyToID *flexString   `json:"in_reply_to_id"`
	SpoilerText string        `json:"spoiler_text"`
	Language    *string       `json:"language"`
	URI         string        `json:"uri"`
	URL         *string       `json:"url"`
	Content     string        `json:"content"`
	Account     *mastoAccount `json:"account"`
	Reblog      *mastoStatus  `json:"reblog"`
	Tags        []struct {
		Name string `json:"name"`
	} `json:"tags"`
	Mentions []struct {
		Acct     string `json:"acct"`
		Username string `json:"username"`
		URL      string `json:"url"`
	} `json:"mentions"`
	RepliesCount    int `json:"replies_count"`
	ReblogsCount    int `json:"reblogs_count"`
	FavouritesCount int `json:"favourites_count"`
}

func (d *Decoder) mastodonPost(rec []byte) (Post, error) {
	var s mastoStatus
	if err := unmarshalRecord(rec, &s); err != nil {
		return Post{}, err
	}
	if s.ID == "" {
		return Post{}, rejectf(ReasonMissing, "status has no id")
	}
	created, err := parseISOTime(s.CreatedAt)
	if err != nil {
		return Post{}, err
	}
	p := Post{ID: string(s.ID), Platform: PlatformMastodon, Kind: KindPost, Created: created}
	if d.opts.KeepRawIdentity { // Mastodon URLs hold the account name
		if s.URL != nil && *s.URL != "" {
			p.URL = *s.URL
		} else {
			p.URL = s.URI
		}
	}
	p.Author = d.mastoAuthor(s.Account, created)
	p.Engagement = Engagement{Reposts: s.ReblogsCount, Likes: s.FavouritesCount, Replies: s.RepliesCount}
	body := &s
	if s.Reblog != nil {
		if s.Reblog.ID == "" {
			return Post{}, rejectf(ReasonMissing, "reblog has no id")
		}
		p.Kind = KindRepost
		p.Ref = &Ref{ID: string(s.Reblog.ID)}
		if s.Reblog.Account != nil {
			p.Ref.AuthorKey = d.ps.Pseudonym(PlatformMastodon, s.Reblog.Account.Acct, created)
		}
		body = s.Reblog
	} else if s.InReplyToID != nil && *s.InReplyToID != "" {
		p.Kind = KindReply
		p.Ref = &Ref{ID: string(*s.InReplyToID)}
	}
	p.Text = htmlText(body.Content, d.mastoMention(body, created))
	if sp := strings.TrimSpace(body.SpoilerText); sp != "" {
		if p.Text != "" {
			p.Text = sp + "\n\n" + p.Text
		} else {
			p.Text = sp
		}
	}
	if body.Language != nil {
		p.Lang = *body.Language
	}
	for _, t := range body.Tags {
		if t.Name != "" {
			p.Tags = append(p.Tags, t.Name)
		}
	}
	for _, m := range body.Mentions {
		if m.Acct == "" {
			continue
		}
		if d.opts.KeepRawIdentity {
			p.Mentions = append(p.Mentions, "@"+m.Acct)
		} else {
			p.Mentions = append(p.Mentions, d.ps.Pseudonym(PlatformMastodon, m.Acct, created))
		}
	}
	return p, nil
}

func (d *Decoder) mastoAuthor(a *mastoAccount, t time.Time) Author {
	if a == nil || a.Acct == "" {
		return Author{}
	}
	au := Author{Key: d.ps.Pseudonym(PlatformMastodon, a.Acct, t), Followers: a.FollowersCount}
	if d.opts.KeepRawIdentity {
		au.Handle = "@" + a.Acct
		au.RawID = string(a.ID)
	}
	return au
}

// mastoMention returns the rewrite of account mentions in content: nil
// (kept as written) with KeepRawIdentity, otherwise "@" + the pseudonym of
// the mentioned acct, found by the link's href in the status's mentions
// (by the written name when the href is not listed).
func (d *Decoder) mastoMention(s *mastoStatus, t time.Time) func(href, text string) string {
	if d.opts.KeepRawIdentity {
		return nil
	}
	return func(href, text string) string {
		name := strings.TrimPrefix(strings.TrimSpace(text), "@")
		acct := name
		for _, m := range s.Mentions {
			if (href != "" && m.URL == href) || m.Acct == name || m.Username == name {
				acct = m.Acct
				break
			}
		}
		return "@" + d.ps.Pseudonym(PlatformMastodon, acct, t)
	}
}
