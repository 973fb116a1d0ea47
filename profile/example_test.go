package profile_test

import (
	"errors"
	"fmt"

	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/profile"
)

// A profile is plain data; its content ID does not depend on formatting
// or on the order of OR/AND operands.
func ExampleContentID() {
	a := profile.Profile{ID: "stroomstoring", Name: "Stroomstoring", Version: "1", Query: `stroomstoring OR "geen stroom"`}
	b := a
	b.Query = `"Geen   Stroom" OR stroomstoring`
	ia, _ := profile.ContentID(a)
	ib, _ := profile.ContentID(b)
	fmt.Println(ia == ib, ia[:19])
	c, _ := profile.Canonical(b)
	fmt.Println(string(c))
	// Output:
	// true sha256:9c0eef644c48
	// {"id":"stroomstoring","name":"Stroomstoring","purpose":{},"query":"(\"geen stroom\" OR stroomstoring)","version":"1"}
}

// Person targeting is rejected unless the purpose permits person-level
// output.
func ExampleValidate() {
	p := profile.Profile{ID: "x", Name: "X", Version: "1", Query: `@burgemeester OR "Jan Jansen" OR gemeente`}
	err := profile.Validate(p)
	var fe *profile.FieldError
	fmt.Println(errors.As(err, &fe), fe.Field)
	fmt.Println(err)
	p.Purpose.PersonLevel = true
	fmt.Println(profile.Validate(p))
	// Output:
	// true query
	// profile: query: at 17: "jan jansen" looks like a personal name; purpose.person_level is not set
	// profile: query: at 0: @burgemeester targets a person (a handle); purpose.person_level is not set
	// <nil>
}

func ExampleDiffProfiles() {
	a := profile.Profile{ID: "s", Name: "S", Version: "1", Query: "stroomstoring OR stroomuitval", Scope: []string{"GM0518"}}
	b := profile.Profile{ID: "s", Name: "S", Version: "2", Query: `stroomstoring OR "geen stroom"`, Scope: []string{"GM0518", "GM0599"},
		Overlay: map[string]float64{"storing": 0}, Purpose: profile.Purpose{Retention: "P30D"}}
	fmt.Print(profile.DiffProfiles(a, b))
	// Output:
	// version 1 -> 2
	// + "geen stroom"
	// - stroomuitval
	// + scope GM0599
	// overlay +storing=0
	// purpose changed: retention
}

// A match explains itself: the profile and the terms with their byte
// spans in the text.
func ExampleMatcher_MatchText() {
	m := profile.MustCompile(
		profile.Profile{ID: "stroomstoring", Name: "Stroomstoring", Version: "1", Query: `stroomstoring OR "geen stroom" OR stroomuitval*`},
		profile.Profile{ID: "tram", Name: "Tram", Version: "1", Query: `tram* NEAR/3 (storing OR stil)`},
	)
	s := "Alweer GEEN stroom, trams staan stil. #stroomuitval"
	for _, mt := range m.MatchText(s, nil) {
		fmt.Println(mt.ID)
		for _, t := range mt.Terms {
			fmt.Printf("  %s %q\n", t.Term, s[t.Start:t.End])
		}
	}
	// Output:
	// stroomstoring
	//   "geen stroom" "GEEN stroom"
	//   stroomuitval* "#stroomuitval"
	// tram
	//   tram* "trams"
	//   stil "stil"
}

// MatchDoc evaluates field filters against a post's metadata: here only
// posts about Den Haag (GM0518) in Dutch match.
func ExampleMatcher_MatchDoc() {
	m := profile.MustCompile(profile.Profile{ID: "koningsdag", Name: "Koningsdag", Version: "1",
		Query: `(koningsdag OR vrijmarkt) AND about:GM0518 AND lang:nl AND NOT kind:repost`})
	doc := profile.Doc{
		Tokens: text.Tokenize("Drukte op de vrijmarkt!", nil),
		Lang:   "nl", Platform: "mastodon", Kind: "post",
		Areas: []profile.AreaRef{{ID: "GM0518", Role: "about"}, {ID: "PV28", Role: "about"}, {ID: "GM0599", Role: "home"}},
	}
	fmt.Println(len(m.MatchDoc(doc, nil)))
	doc.Areas = doc.Areas[2:]
	fmt.Println(len(m.MatchDoc(doc, nil)))
	// Output:
	// 1
	// 0
}

// A composite profile refers to sub-profiles; the registry resolves and
// inlines them at compile time.
func ExampleRegistry_Compile() {
	var r profile.Registry
	for _, p := range []profile.Profile{
		{ID: "inbraak", Name: "Inbraak", Version: "1", Query: "inbraak OR ingebroken"},
		{ID: "overlast", Name: "Overlast", Version: "1", Query: "overlast NOT geluidsoverlast"},
		{ID: "veilig", Name: "Veiligheid", Version: "1", Query: "profile:inbraak OR profile:overlast", References: []string{"inbraak", "overlast"}},
	} {
		if err := r.Add(p); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(r.Check())
	m, _ := r.Compile("veilig")
	for _, mt := range m.MatchText("Er is weer ingebroken", nil) {
		fmt.Println(mt.ID, mt.Terms[0].Term)
	}
	x, _ := r.Expand("veilig")
	fmt.Println(x.Query)
	// Output:
	// <nil>
	// veilig ingebroken
	// ((NOT geluidsoverlast AND overlast) OR inbraak OR ingebroken)
}

// The JSON form of a profile with every field; see
// schema/profile.schema.json.
func ExampleDecode() {
	p, err := profile.Decode([]byte(`{
  "id": "stroomstoring", "name": "Stroomstoring", "version": "2", "languages": ["nl"],
  "owner": "Gemeente Voorbeeld", "description": "Meldingen van stroomuitval.",
  "query": "stroomstoring OR \"geen stroom\" OR (stroom* ONEAR/2 uitgevallen)",
  "concepts": ["urn:socialgeo:begrip:stroomstoring"],
  "overlay": {"stroom": 0},
  "indicator": {"kind": "share", "unit": "posts", "per": "area-day", "role": "about"},
  "scope": ["GM0518", "PV28"],
  "purpose": {"description": "Situational awareness, area level only", "legal_basis": "AVG art. 6(1)(e)",
              "retention": "P30D", "person_level": false, "register_url": "https://algoritmes.overheid.nl/nl/algoritme/voorbeeld"}
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(profile.Validate(p))
	days, _ := p.Purpose.RetentionDays()
	fmt.Println(p.Indicator.Kind, p.Indicator.Per, days)
	q, _ := profile.ParseQuery(p.Query)
	fmt.Println(q)
	// Output:
	// <nil>
	// share area-day 30
	// ("geen stroom" OR (stroom* ONEAR/2 uitgevallen) OR stroomstoring)
}
