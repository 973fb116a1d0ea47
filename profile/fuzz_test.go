package profile

import (
	"encoding/json"
	"io/fs"
	"testing"
)

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`(a OR "b c") NOT tram* #x`, `tram NEAR/2 stil`, `(tram* OR bus) ONEAR/1 vol`, `brand lang:nl about:GM0518 NOT platform:news`,
		`profile:x OR @y`, `"geen stroom" AND (a NEAR/1 b) NEAR/3 c`, `NOT NOT a`, `a OR (b OR (c AND d))`, `éé* Café`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("ParseQuery(%q) error %T", s, err)
			}
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
		// Validate -> Compile round trip, and the matcher agrees with the
		// reference evaluator on the query's own text.
		p := Profile{ID: "f", Name: "f", Version: "1", Query: s, Purpose: Purpose{PersonLevel: true}}
		if Validate(p) != nil || len(q.refs()) > 0 {
			return
		}
		m, err := Compile(p)
		if err != nil {
			t.Fatalf("Validate ok but Compile(%q): %v", s, err)
		}
		d := Doc{Tokens: tokenize(s)}
		if got, want := len(m.MatchDoc(d, nil)) == 1, q.Match(d); got != want {
			t.Fatalf("matcher %v, reference %v for %q on its own text", got, want, s)
		}
	})
}

func FuzzProfileUnmarshal(f *testing.F) {
	names, _ := fs.Glob(libraryFS, "library/*.json")
	for _, n := range names {
		b, _ := fs.ReadFile(libraryFS, n)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"a","name":"A","version":"1","query":"x","overlay":{"Brand":1e308},"scope":["gm0363"],"indicator":{"kind":"share"},"purpose":{"retention":"P99999999D"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err != nil {
			return
		}
		_, _ = DiffProfiles(p, Profile{}), DiffProfiles(Profile{}, p)
		if err := Validate(p); err != nil {
			return
		}
		if _, err := Compile(p); err != nil && len(p.References) == 0 {
			t.Fatalf("Validate ok but Compile: %v\n%s", err, b)
		}
		c, err := Canonical(p)
		if err != nil {
			t.Fatalf("Canonical of a valid profile: %v", err)
		}
		p2, err := Decode(c)
		if err != nil {
			t.Fatalf("Decode(Canonical) = %v\n%s", err, c)
		}
		if err := Validate(p2); err != nil {
			t.Fatalf("canonical form does not validate: %v\n%s", err, c)
		}
		c2, _ := Canonical(p2)
		if string(c) != string(c2) {
			t.Fatalf("canonical JSON not a fixed point:\n%s\n%s", c, c2)
		}
		if d := DiffProfiles(p, p2); !d.Empty() {
			t.Fatalf("Diff(p, canonical p) = %q", d)
		}
		var m map[string]any
		if err := json.Unmarshal(c, &m); err != nil {
			t.Fatal(err)
		}
	})
}
