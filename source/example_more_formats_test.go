package source_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/socialgeo/socialgeo/source"
)

func ExampleEncoder() {
	enc := source.NewEncoder(os.Stdout)
	p := source.Post{
		ID: "MOR-2024-081234", Platform: source.PlatformOpen311, Kind: source.KindReport,
		Text: "Lantaarnpaal kapot", Created: time.Date(2024, 11, 5, 7, 14, 3, 0, time.UTC),
		Geo: &orb.Point{5.0736, 52.1021}, Report: &source.Report{Category: "Straatverlichting", Status: "open"},
	}
	if err := enc.Encode(p); err != nil {
		fmt.Println(err)
	}
	fmt.Println(enc.Encode(source.Post{ID: "x", Platform: source.PlatformCSV}))
	// Output:
	// {"id":"MOR-2024-081234","platform":"open311","kind":"report","text":"Lantaarnpaal kapot","created":"2024-11-05T07:14:03Z","author":{},"geo":[5.0736,52.1021],"engagement":{},"report":{"category":"Straatverlichting","status":"open"}}
	// source: encode post "x": missing-field: post has no created time
}

func ExampleNewNDJSON() {
	const in = `{"id":"1","platform":"twitter","created":"2024-11-06T10:12:44+01:00","text":"Gat in het fietspad","geo":[5.1084,52.0842]}
{"id":"2","platform":"twitter","created":"2024-11-06T09:13:00Z","geo":[52.0842,5.1084]}
`
	d := source.NewNDJSON(strings.NewReader(in), &source.Options{
		OnReject: func(e *source.DecodeError) { fmt.Println("rejected:", e) },
	})
	for p, err := range d.Posts(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.ID, p.Created, *p.Geo, p.Text)
	}
	fmt.Printf("%+v\n", d.Stats())
	// Output:
	// 1 2024-11-06 09:12:44 +0000 UTC [5.1084 52.0842] Gat in het fietspad
	// rejected: source: ndjson record 2 at byte 122: swapped-coordinates: coordinate (52.0842, 5.1084) looks like [lat, lon] in the Netherlands
	// {Read:2 Yielded:1 Rejected:map[swapped-coordinates:1] Bytes:210}
}

func ExampleNewTwitterV2() {
	const page = `{"data":[{"id":"1854088123456789012","text":"Gat in het fietspad, @gemeenteutrecht","created_at":"2024-11-06T09:12:44.000Z","author_id":"1287364501","lang":"nl",` +
		`"geo":{"place_id":"0b8d1f5a1c4b1a2f"},"entities":{"mentions":[{"start":21,"end":37,"username":"gemeenteutrecht","id":"145009212"}]},` +
		`"public_metrics":{"retweet_count":3,"reply_count":2,"like_count":17,"quote_count":1}}],` +
		`"includes":{"users":[{"id":"1287364501","username":"fietsfreek030","location":"Utrecht","public_metrics":{"followers_count":312}}],` +
		`"places":[{"id":"0b8d1f5a1c4b1a2f","full_name":"Utrecht, Nederland","name":"Utrecht","place_type":"city","country_code":"NL","geo":{"bbox":[4.970096,52.026282,5.195155,52.142571]}}]},` +
		`"meta":{"result_count":1}}`
	for _, keep := range []bool{false, true} {
		d := source.NewTwitterV2(strings.NewReader(page), &source.Options{KeepRawIdentity: keep})
		for p, err := range d.Posts(context.Background()) {
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println(p.Text)
			fmt.Println(p.Author.Handle, p.Author.Location, p.Author.Followers, p.Place.FullName, p.Place.Bound.Min, p.Engagement.Likes, p.URL)
		}
	}
	// Output:
	// Gat in het fietspad, @p_MF5ZXXH3P5OOBZ2VG22LCJWSIQ
	//  Utrecht 312 Utrecht, Nederland [4.970096 52.026282] 17 https://x.com/i/web/status/1854088123456789012
	// Gat in het fietspad, @gemeenteutrecht
	// @fietsfreek030 Utrecht 312 Utrecht, Nederland [4.970096 52.026282] 17 https://x.com/fietsfreek030/status/1854088123456789012
}

func ExampleNewCSV() {
	const export = "Bericht-ID;Datum;Bericht;Auteur;Breedtegraad;Lengtegraad;Likes\n" +
		"a-1;06-11-2024 10:12;Gat in het fietspad;@fietsfreek030;52,0842;5,1084;17\n" +
		"a-2;06-11-2024 10:15;Nog een;@wijkbewoner;52,0842;;3\n" +
		"a-3;06-11-2024 10:20;Veel likes;@wijkbewoner;;;heel veel\n"
	cols := &source.CSVOptions{
		Columns: map[string]source.CSVField{
			"Bericht-ID": source.CSVID, "Datum": source.CSVCreated, "Bericht": source.CSVText, "Auteur": source.CSVAuthor,
			"Breedtegraad": source.CSVLat, "Lengtegraad": source.CSVLon, "Likes": source.CSVLikes,
		},
		TimeLayout: "02-01-2006 15:04", TimeZone: "Europe/Amsterdam", Comma: ';', DecimalComma: true,
	}
	d := source.NewCSV(strings.NewReader(export), &source.Options{
		OnReject: func(e *source.DecodeError) { fmt.Println("rejected:", e) },
	}, cols)
	for p, err := range d.Posts(context.Background()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.ID, p.Platform, p.Created, *p.Geo, p.Engagement.Likes, p.Author.Key != "", p.Author.Handle == "")
	}
	// Output:
	// a-1 csv 2024-11-06 09:12:00 +0000 UTC [5.1084 52.0842] 17 true true
	// rejected: source: csv record 2 at byte 137: missing-field: only one of lat ("52,0842") and lon ("") is given
	// rejected: source: csv record 3 at byte 190: wrong-type: column "Likes" (field 7, byte column 48): "heel veel" is not a count
}
