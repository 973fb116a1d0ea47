package profile

import (
	"errors"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
	"golang.org/x/text/language"
)

func TestMatchText(t *testing.T) {
	tests := []struct {
		name, q, text string
		want          bool
	}{
		{"word", "stroomstoring", "Weer een STROOMSTORING hier", true},
		{"diacritics", "café", "bij het cafe", true},
		{"diacritics in text", "cafe", "bij het Café", true},
		{"implicit and", "stroom storing", "storing in de stroom", true},
		{"implicit and miss", "stroom storing", "alleen stroom", false},
		{"or", "brand OR rook", "veel rook", true},
		{"not", "brand NOT oefening", "brand tijdens oefening", false},
		{"precedence", "a1 OR b1 c1", "b1", false},
		{"precedence2", "a1 OR b1 c1", "a1", true},
		{"parens", "(a1 OR b1) c1", "b1 c1", true},
		{"phrase", `"geen stroom"`, "we hebben geen stroom", true},
		{"phrase order", `"geen stroom"`, "stroom geen", false},
		{"phrase across comma", `"geen stroom"`, "geen, stroom", false},
		{"phrase across hyphen", `"wijk bij duurstede"`, "Wijk-bij-Duurstede", true},
		{"wildcard", "tram*", "de trams rijden niet", true},
		{"wildcard exact", "tram*", "de tram", true},
		{"wildcard miss", "tram*", "de metro", false},
		{"hashtag only", "#koningsdag", "koningsdag in den haag", false},
		{"hashtag hit", "#koningsdag", "fijne #Koningsdag", true},
		{"word matches hashtag", "koningsdag", "fijne #koningsdag", true},
		{"word not mention", "gemeente", "hoi @gemeente", false},
		{"near 0", "tram NEAR/0 stil", "tram stil", true},
		{"near 0 miss", "tram NEAR/0 stil", "tram staat stil", false},
		{"near 1", "tram NEAR/1 stil", "tram staat stil", true},
		{"near reversed", "tram NEAR/1 stil", "stil staat de tram", false},
		{"near reversed 2", "tram NEAR/2 stil", "stil staat de tram", true},
		{"near punct not counted", "tram NEAR/1 stil", "tram, echt stil", true},
		{"onear order", "tram ONEAR/2 stil", "stil staat de tram", false},
		{"onear ok", "tram ONEAR/2 stil", "tram staat stil", true},
		{"near group", "(tram* OR bus) NEAR/1 (vol OR stil)", "de bussen vol", false},
		{"near group hit", "(tram* OR bus) NEAR/1 (vol OR stil)", "de trams zijn vol", true},
		{"near phrase", `"geen stroom" NEAR/2 wijk`, "geen stroom in de wijk", true},
		{"near chain", "(a1 NEAR/1 b1) NEAR/1 c1", "a1 b1 x c1", true},
		{"near chain miss", "(a1 NEAR/1 b1) NEAR/1 c1", "a1 b1 x y c1", false},
		{"near same token", "tram NEAR/3 tram*", "tram", false},
		{"filter unknown", "brand lang:nl", "brand", false},
		{"not filter unknown", "brand NOT lang:en", "brand", true},
		{"ref unresolved", "brand OR profile:x", "brand", true},
		{"ref unresolved miss", "brand profile:x", "brand", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuery(tt.q)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.q, err)
			}
			if got := q.MatchText(tt.text); got != tt.want {
				t.Errorf("MatchText(%q) with %q = %v, want %v", tt.text, tt.q, got, tt.want)
			}
		})
	}
}

func TestFilters(t *testing.T) {
	d := Doc{Tokens: text.Tokenize("brand", nil), Lang: "nl-BE", Platform: "Mastodon", Kind: "reply",
		Areas: []AreaRef{{"GM0363", "about"}, {"PV27", "about"}, {"GM0344", "home"}, {"PC4-1012", "from"}}}
	for q, want := range map[string]bool{
		"brand lang:nl": true, "brand lang:nl-be": true, "brand lang:nl-nl": false, "brand lang:en": false,
		"brand platform:mastodon": true, "brand platform:twitter": false, "brand kind:reply": true, "brand kind:post": false,
		"brand area:GM0363": true, "brand area:gm0344": true, "brand area:PV26": false, "brand about:GM0363": true,
		"brand about:GM0344": false, "brand home:GM0344": true, "brand from:PC4-1012": true, "brand from:GM0363": false,
		"brand NOT about:PV27": false, "brand (from:GM0363 OR home:GM0344)": true,
	} {
		q1, err := ParseQuery(q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", q, err)
		}
		if got := q1.Match(d); got != want {
			t.Errorf("Match(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	for in, want := range map[string]string{
		`b OR a`:                          `(a OR b)`,
		`a OR (b OR (c OR a))`:            `(a OR b OR c)`,
		`a AND b c`:                       `(a AND b AND c)`,
		`NOT NOT a`:                       `a`,
		`(Brand)`:                         `brand`,
		`"Geen  Stroom"`:                  `"geen stroom"`,
		`stil NEAR/2 Tram`:                `(stil NEAR/2 tram)`,
		`tram NEAR/2 stil`:                `(stil NEAR/2 tram)`,
		`tram ONEAR/2 stil`:               `(tram ONEAR/2 stil)`,
		`LANG:x`:                          `"lang x"`,
		`brand lang:NL area:gm0363`:       `(area:GM0363 AND brand AND lang:nl)`,
		`brand profile:a OR profile:a`:    `((brand AND profile:a) OR profile:a)`,
		`#Koningsdag OR koningsdag OR @X`: `(#koningsdag OR @x OR koningsdag)`,
		`a OR b c`:                        `((b AND c) OR a)`,
		`"lang:nl"`:                       `"lang nl"`,
	} {
		q, err := ParseQuery(in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", in, err)
			continue
		}
		if q.String() != want {
			t.Errorf("ParseQuery(%q).String() = %s, want %s", in, q, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for q, pos := range map[string]int{
		"":                        0,
		"(a1":                     3,
		"a1 OR":                   5,
		`a1 "open`:                3,
		")":                       0,
		"NOT":                     3,
		"a NEAR b":                2,
		"a NEAR/x b":              2,
		"a NEAR/99 b":             2,
		"a NEAR/01 b":             2,
		"NOT a NEAR/2 b":          0,
		"lang:1":                  0,
		"x area:XX12":             2,
		"x profile:A":             2,
		"a AND lang:nl NEAR/2 b":  6,
		"tram* NEAR/2":            12,
		"(a b) NEAR/2 c":          1,
		"a NEAR/2 (b AND c)":      10,
		"#":                       0,
		"geen-stroom*":            0,
		"a OR OR b":               5,
		"a NEAR/2 NEAR/2 b":       9,
		"  @":                     2,
		`a "" b`:                  2,
		"a AND":                   5,
		"platform:":               0,
		"brand about:GM0518 ) x ": 19,
	} {
		_, err := ParseQuery(q)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseQuery(%q) error = %v, want *SyntaxError", q, err)
			continue
		}
		if se.Pos != pos {
			t.Errorf("ParseQuery(%q) error at %d (%s), want %d", q, se.Pos, se.Msg, pos)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := mk("a", "brand")
	ok.Purpose.PersonLevel = false
	with := func(f func(p *Profile)) Profile { p := ok; f(&p); return p }
	tests := []struct {
		name string
		p    Profile
		want string // substring of the error; "" = valid
	}{
		{"ok", with(func(p *Profile) { p.Query = "brand NOT oefening" }), ""},
		{"full", with(func(p *Profile) {
			p.Languages, p.Concepts, p.Scope = []language.Tag{language.Dutch, language.BritishEnglish}, []string{"urn:x:y", "https://example.org/begrip/1"}, []string{"GM0363", "pv27", "PC4-1012"}
			p.Overlay = map[string]float64{"brand": 0, "Één": 1, "🔥": -1}
			p.Indicator = &Indicator{Kind: "share", Unit: "posts", Per: "area-day"}
			p.Purpose = Purpose{Retention: "P1Y6M", RegisterURL: "https://algoritmes.overheid.nl/x"}
		}), ""},
		{"only not", with(func(p *Profile) { p.Query = "NOT brand" }), "match-everything"},
		{"or with not", with(func(p *Profile) { p.Query = "brand OR NOT rook" }), "match-everything"},
		{"filter only", with(func(p *Profile) { p.Query = "area:GM0363 lang:nl" }), "match-everything"},
		{"empty", with(func(p *Profile) { p.Query = "  " }), "empty query"},
		{"short wildcard", with(func(p *Profile) { p.Query = "tr* OR brand" }), "wildcard tr*: prefix shorter than 3"},
		{"short wildcard diacritics", with(func(p *Profile) { p.Query = "éé*" }), "prefix shorter"},
		{"mention", with(func(p *Profile) { p.Query = "@gemeente" }), "targets a person"},
		{"mention permitted", with(func(p *Profile) { p.Query, p.Purpose.PersonLevel = "@gemeente", true }), ""},
		{"name", with(func(p *Profile) { p.Query = `"Fatima El Amrani" OR brand` }), "personal name"},
		{"name lower", with(func(p *Profile) { p.Query = `"jan de vries"` }), "personal name"},
		{"name near", with(func(p *Profile) { p.Query = `jan NEAR/1 jansen` }), "like a personal name"},
		{"place not name", with(func(p *Profile) { p.Query = `"Anna Paulowna" brand` }), ""},
		{"no id", with(func(p *Profile) { p.ID = "" }), "id"},
		{"bad id", with(func(p *Profile) { p.ID = "Brand!" }), "id"},
		{"no name", with(func(p *Profile) { p.Name = "" }), "name: empty"},
		{"no version", with(func(p *Profile) { p.Version = "" }), "version: empty"},
		{"self ref", with(func(p *Profile) { p.Query, p.References = "brand OR profile:a", []string{"a"} }), "refers to itself"},
		{"undeclared ref", with(func(p *Profile) { p.Query = "brand OR profile:b" }), "not listed"},
		{"unused ref", with(func(p *Profile) { p.References = []string{"b"} }), "not used"},
		{"bad lang", with(func(p *Profile) { p.Languages = []language.Tag{language.Und} }), "languages[0]"},
		{"bad concept", with(func(p *Profile) { p.Concepts = []string{"brand"} }), "concepts[0]"},
		{"overlay range", with(func(p *Profile) { p.Overlay = map[string]float64{"brand": 5} }), "outside -4..+4"},
		{"overlay dup", with(func(p *Profile) { p.Overlay = map[string]float64{"brand": 0, "Brand": 1} }), "same term"},
		{"indicator", with(func(p *Profile) { p.Indicator = &Indicator{Kind: "mean", Unit: "posts", Per: "area-day"} }), "indicator.kind"},
		{"scope", with(func(p *Profile) { p.Scope = []string{"Den Haag"} }), "scope[0]"},
		{"retention", with(func(p *Profile) { p.Purpose.Retention = "30 dagen" }), "purpose.retention"},
		{"retention order", with(func(p *Profile) { p.Purpose.Retention = "P1D1Y" }), "purpose.retention"},
		{"register", with(func(p *Profile) { p.Purpose.RegisterURL = "algoritmeregister" }), "purpose.register_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.p)
			if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
			var fe *FieldError
			if err != nil && !errors.As(err, &fe) {
				t.Errorf("Validate error %v is not a *FieldError", err)
			}
		})
	}
}

func TestValidateJoinsAll(t *testing.T) {
	err := Validate(Profile{Query: "NOT @x"})
	n := len(err.(interface{ Unwrap() []error }).Unwrap())
	if n != 5 { // id, name, version, match-everything, person
		t.Errorf("Validate joined %d errors, want 5:\n%v", n, err)
	}
	var se *SyntaxError
	if err := Validate(mk("a", "(x")); !errors.As(err, &se) || se.Pos != 2 {
		t.Errorf("Validate of a bad query = %v, want a *SyntaxError at 2", err)
	}
}

func TestRetentionDays(t *testing.T) {
	for s, want := range map[string]int{"": 0, "P30D": 30, "P2W": 14, "P6M": 180, "P1Y": 365, "P1Y1M1W1D": 403} {
		if got, err := (Purpose{Retention: s}).RetentionDays(); err != nil || got != want {
			t.Errorf("RetentionDays(%q) = %d, %v, want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"P", "30D", "P1H", "PT1H", "P-1D", "P1DD"} {
		if _, err := (Purpose{Retention: s}).RetentionDays(); err == nil {
			t.Errorf("RetentionDays(%q) accepted", s)
		}
	}
}

func TestMentionVsWord(t *testing.T) {
	q, _ := ParseQuery("@gemeente")
	if q.MatchText("de gemeente") || !q.MatchText("hoi @Gemeente") {
		t.Errorf("mention term must match only mention tokens")
	}
}

func tokenize(s string) []Token { return text.Tokenize(s, nil) }

func TestParseDepth(t *testing.T) {
	for _, q := range []string{
		strings.Repeat("(", 5000) + "a" + strings.Repeat(")", 5000),
		strings.Repeat("NOT ", 5000) + "a",
		"a" + strings.Repeat(" NEAR/1 a", 5000),
	} {
		var se *SyntaxError
		if _, err := ParseQuery(q); !errors.As(err, &se) || !strings.Contains(se.Msg, "nested deeper") {
			t.Errorf("ParseQuery(deep %.10q) = %v", q, err)
		}
	}
	ok := strings.Repeat("(", 50) + "a" + strings.Repeat(")", 50) + " " + strings.Repeat("(a NEAR/1 b) ", 200)
	if _, err := ParseQuery(ok); err != nil {
		t.Errorf("ParseQuery(50 deep, 200 NEARs) = %v", err)
	}
}

func TestDiff(t *testing.T) {
	a := mk("a", "brand OR rook lang:nl")
	a.Overlay = map[string]float64{"brand": 0, "rook": -1}
	a.Indicator = &Indicator{Kind: "share", Unit: "posts", Per: "area-day"}
	b := a
	b.Query = "(Rook AND lang:nl) OR brand"
	b.Indicator = &Indicator{Kind: "share", Unit: "posts", Per: "area-day", Role: "about"}
	if d := DiffProfiles(a, b); !d.Empty() {
		t.Errorf("equivalent profiles differ: %q", d)
	}
	b.Query = "brand OR vlammen about:GM0363"
	b.Overlay = map[string]float64{"Brand": 1, "vuur": 0}
	b.Purpose.LegalBasis = "x"
	b.Purpose.PersonLevel = false
	b.Owner = "o"
	b.Scope = []string{"gm0363"}
	want := `+ about:GM0363
+ vlammen
- lang:nl
- rook
+ scope GM0363
overlay brand: 0 -> 1
overlay -rook=-1
overlay +vuur=0
purpose changed: legal_basis, person_level
changed: owner
`
	if got := DiffProfiles(a, b).String(); got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
}
