package profile

import (
	"errors"
	"testing"
)

func TestMatchText(t *testing.T) {
	tests := []struct {
		name, q, text string
		want          bool
	}{
		{"word", "stroomstoring", "Weer een STROOMSTORING hier", true},
		{"diacritics", "café", "bij het cafe", true},
		{"implicit and", "stroom storing", "storing in de stroom", true},
		{"implicit and miss", "stroom storing", "alleen stroom", false},
		{"or", "brand OR rook", "veel rook", true},
		{"not", "brand NOT oefening", "brand tijdens oefening", false},
		{"precedence", "a1 OR b1 c1", "b1", false},
		{"precedence2", "a1 OR b1 c1", "a1", true},
		{"parens", "(a1 OR b1) c1", "b1 c1", true},
		{"phrase", `"geen stroom"`, "we hebben geen stroom", true},
		{"phrase order", `"geen stroom"`, "stroom geen", false},
		{"wildcard", "tram*", "de trams rijden niet", true},
		{"hashtag only", "#koningsdag", "koningsdag in den haag", false},
		{"hashtag hit", "#koningsdag", "fijne #Koningsdag", true},
		{"word matches hashtag", "koningsdag", "fijne #koningsdag", true},
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

func TestParseErrors(t *testing.T) {
	for _, q := range []string{"", "(a1", "a1 OR", `"open`, ")", "NOT", "a NEAR b", "a NEAR/x b", "a NEAR/99 b", "NOT a NEAR/2 b", "lang:1", "area:XX12", "profile:A", "a AND lang:nl NEAR/2 b", "tram* NEAR/2"} {
		_, err := ParseQuery(q)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseQuery(%q) error = %v, want *SyntaxError", q, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	f.Add(`(a OR "b c") NOT tram* #x`)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			return
		}
		q.MatchText(s)
		c := q.String()
		q2, err := ParseQuery(c)
		if err != nil {
			t.Fatalf("ParseQuery(%q) canonical %q: %v", s, c, err)
		}
		if q2.String() != c {
			t.Fatalf("canonical not stable: %q -> %q", c, q2.String())
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Profile
		ok   bool
	}{
		{"ok", Profile{ID: "a", Name: "a", Version: "1", Query: "brand NOT oefening"}, true},
		{"only not", Profile{ID: "a", Name: "a", Version: "1", Query: "NOT brand"}, false},
		{"or with not", Profile{ID: "a", Name: "a", Version: "1", Query: "brand OR NOT rook"}, false},
		{"mention", Profile{ID: "a", Name: "a", Version: "1", Query: "@gemeente"}, false},
		{"mention permitted", Profile{ID: "a", Name: "a", Version: "1", Query: "@gemeente", Purpose: Purpose{PersonLevel: true}}, true},
		{"no id", Profile{Name: "a", Version: "1", Query: "brand"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Validate(tt.p); (err == nil) != tt.ok {
				t.Errorf("Validate(%+v) = %v, want ok=%v", tt.p, err, tt.ok)
			}
		})
	}
}

func TestMentionVsWord(t *testing.T) {
	q, _ := ParseQuery("@gemeente")
	if q.MatchText("de gemeente") || !q.MatchText("hoi @Gemeente") {
		t.Errorf("mention term must match only mention tokens")
	}
}
