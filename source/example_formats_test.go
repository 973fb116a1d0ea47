package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/socialgeo/socialgeo/source"
)

func ExampleNewOpen311JSON() {
	const requests = `[
 {"service_request_id":"MOR-2024-081234","status":"open","service_name":"Straatverlichting",
  "service_code":"verlichting-defect","description":"Lantaarnpaal kapot Dorpsstraat Utrecht",
  "requested_datetime":"2024-11-05T08:14:03+01:00","address":"Dorpsstraat 12, Utrecht",
  "lat":52.1021,"long":5.0736,"account_id":"burger-77421","email":"j.jansen@example.nl"},
 {"service_request_id":"MOR-2024-081235","status":"open","service_name":"Groen",
  "description":"Boom omgewaaid","requested_datetime":"2024-11-05T09:00:00+01:00",
  "lat":5.4265,"long":52.1936}
]`
	d := source.NewOpen311JSON(strings.NewReader(requests), &source.Options{
		OnReject: func(e *source.DecodeError) { fmt.Println("rejected:", e.Record, e.Reason) },
	})
	for p, err := range d.Posts(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.ID, p.Kind, p.Report.Category, p.Report.Status, *p.Geo, p.Created)
		fmt.Println(p.Text, "|", p.Place.FullName)
	}
	st := d.Stats()
	fmt.Println("read", st.Read, "yielded", st.Yielded, "rejected", st.RejectedTotal())
	// Output:
	// MOR-2024-081234 report Straatverlichting open [5.0736 52.1021] 2024-11-05 07:14:03 +0000 UTC
	// Lantaarnpaal kapot Dorpsstraat Utrecht | Dorpsstraat 12, Utrecht
	// rejected: 2 swapped-coordinates
	// read 2 yielded 1 rejected 1
}

func ExampleNewMastodon() {
	const status = `{"id":"113450012345678901","created_at":"2024-11-05T08:14:03.120Z","language":"nl",` +
		`"content":"<p>Lantaarnpaal kapot in <a href=\"https://mastodon.nl/tags/Utrecht\" class=\"mention hashtag\" rel=\"tag\">#<span>Utrecht</span></a> &amp; donker.</p><p>Gemeld bij <span class=\"h-card\"><a href=\"https://social.utrecht.nl/@gemeente\" class=\"u-url mention\">@<span>gemeente</span></a></span></p>",` +
		`"account":{"id":"109876543210","acct":"fietsfreek","followers_count":342},` +
		`"mentions":[{"acct":"gemeente@social.utrecht.nl","username":"gemeente","url":"https://social.utrecht.nl/@gemeente"}],` +
		`"tags":[{"name":"Utrecht"}],"replies_count":2,"reblogs_count":5,"favourites_count":11}`
	for _, keep := range []bool{false, true} {
		d := source.NewMastodon(strings.NewReader(status), &source.Options{KeepRawIdentity: keep})
		for p, err := range d.Posts(context.Background()) {
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("%s %s %s followers=%d likes=%d tags=%v\n%s\nauthor=%q\n", p.ID, p.Kind, p.Lang,
				p.Author.Followers, p.Engagement.Likes, p.Tags, p.Text, p.Author.Handle)
		}
	}
	// Output:
	// 113450012345678901 post nl followers=342 likes=11 tags=[Utrecht]
	// Lantaarnpaal kapot in #Utrecht & donker.
	//
	// Gemeld bij @p_OIKR3QU3DEUK6PATHXU2N6JJWM
	// author=""
	// 113450012345678901 post nl followers=342 likes=11 tags=[Utrecht]
	// Lantaarnpaal kapot in #Utrecht & donker.
	//
	// Gemeld bij @gemeente
	// author="@fietsfreek"
}

func ExampleNewBluesky() {
	const events = `{"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3lax2","record":{"text":"Markt op het Vredenburg in Utrecht #Utrecht","langs":["nl"],"createdAt":"2024-11-05T08:14:03Z","facets":[{"index":{"byteStart":35,"byteEnd":43},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"Utrecht"}]}]}}}
{"did":"did:plc:abc","time_us":2,"kind":"identity"}
`
	d := source.NewBluesky(strings.NewReader(events), nil)
	for p, err := range d.Posts(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.Kind, p.Lang, p.Tags, p.Text, p.URL == "")
	}
	st := d.Stats()
	fmt.Println(st.Read, st.Yielded, st.Rejected[source.ReasonNotAPost])
	// Output:
	// post nl [Utrecht] Markt op het Vredenburg in Utrecht #Utrecht true
	// 2 1 1
}
