package profile

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLibrary(t *testing.T) {
	r, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	ps := r.Profiles()
	if len(ps) < 11 {
		t.Fatalf("Library has %d profiles, want >= 11", len(ps))
	}
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	m, err := r.Compile()
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]string{
		"Alweer geen stroom in de wijk":                  "stroomstoring",
		"Heidebrand! Veel rook boven de heide":           "natuurbrand",
		"De kelder is ondergelopen, straat blank":        "wateroverlast",
		"Weer ingebroken bij de buren":                   "inbraak veiligheidsgevoel",
		"hangjongeren met scooters, overlast elke avond": "hangjongeren veiligheidsgevoel",
		"Rellen en vernielingen in de wijk, ME ingezet":  "sociale-spanning",
		"Thoughts and prayers for the flood victims":     "crisislex-en",
		"@gemeente de lantaarnpaal is kapot":             "webcare",
	} {
		var ids []string
		for _, mt := range m.MatchText(s, nil) {
			ids = append(ids, mt.ID)
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("MatchText(%q) = %q, want %q", s, got, want)
		}
	}
	kd := Doc{Tokens: tokenize("Vrijmarkt op Koningsdag en de tram zit vol"), Platform: "mastodon",
		Areas: []AreaRef{{"GM0518", "about"}}}
	if got := m.MatchDoc(kd, nil); len(got) != 1 || got[0].ID != "koningsdag-tram" {
		t.Errorf("koningsdag-tram: %+v", got)
	}
	cid, _ := ContentID(ps[0])
	if p, err := r.Get(cid); err != nil || p.ID != ps[0].ID {
		t.Errorf("Get(%s) = %v, %v", cid, p.ID, err)
	}
	if _, err := r.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope) = %v, want ErrNotFound", err)
	}
}

func TestRegistryReferences(t *testing.T) {
	var r Registry
	add := func(p Profile) {
		t.Helper()
		if err := r.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	ref := func(id, q string, refs ...string) Profile {
		p := mk(id, q)
		p.Purpose.PersonLevel = false
		p.References = refs
		return p
	}
	add(ref("a", "inbraak OR profile:b", "b"))
	add(ref("b", "overlast OR profile:c", "c"))
	if err := r.Validate(ref("x", "brand OR profile:a", "a")); err == nil || !strings.Contains(err.Error(), "unknown profile profile:c") {
		t.Errorf("unknown reference: %v", err)
	}
	add(ref("c", "vuurwerk OR profile:a", "a"))
	err := r.Check()
	if err == nil || !strings.Contains(err.Error(), "reference cycle a -> b -> c -> a") {
		t.Errorf("cycle: %v", err)
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Errorf("cycle error is not a *FieldError: %v", err)
	}
	if _, err := r.Compile("a"); err == nil || !errors.Is(err, ErrInvalid) {
		t.Errorf("Compile with cycle: %v", err)
	}
	add(ref("c", "vuurwerk"))
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	// Person targeting through a sub-profile.
	h := mk("h", "@burgemeester")
	add(h)
	if err := r.Validate(ref("y", "brand OR profile:h", "h")); err == nil || !strings.Contains(err.Error(), "targets a person") {
		t.Errorf("person through reference: %v", err)
	}
	// Expand: the content ID changes when a sub-profile changes.
	x1, err := r.Expand("a")
	if err != nil {
		t.Fatal(err)
	}
	if x1.Query != "(inbraak OR overlast OR vuurwerk)" || x1.References != nil {
		t.Errorf("Expand = %q %v", x1.Query, x1.References)
	}
	id1, _ := ContentID(x1)
	add(ref("c", "vuurwerk OR knallen"))
	x2, _ := r.Expand("a")
	if id2, _ := ContentID(x2); id1 == id2 {
		t.Error("Expand content ID did not change with a sub-profile")
	}
	// Replacing a profile drops its old content ID.
	old, _ := ContentID(ref("c", "vuurwerk"))
	if _, err := r.Get(old); !errors.Is(err, ErrNotFound) {
		t.Errorf("old content ID still found: %v", err)
	}
}

func TestLoadDir(t *testing.T) {
	fsys := fstest.MapFS{
		"p/a.json":    {Data: []byte(`{"id":"a","name":"A","version":"1","query":"brand OR profile:b","references":["b"],"purpose":{}}`)},
		"p/bad.json":  {Data: []byte(`{"id":"bad","name":"B","version":"1","query":"@x","purpose":{}}`)},
		"p/typo.json": {Data: []byte(`{"id":"t","name":"T","version":"1","qeury":"x","purpose":{}}`)},
		"p/c.json":    {Data: []byte(`{"id":"c","name":"C","version":"1","query":"rook OR profile:zz","references":["zz"],"purpose":{}}`)},
		"p/b.json":    {Data: []byte(`{"id":"b","name":"B","version":"1","query":"rook","purpose":{}}`)},
		"p/x.txt":     {Data: []byte(`ignored`)},
		"p/z.json":    {Data: []byte(`{"id":"b","name":"B2","version":"1","query":"rook","purpose":{}}`)},
	}
	var r Registry
	err := r.LoadDir(fsys, "p")
	for _, want := range []string{"p/bad.json", "targets a person", "p/typo.json", "unknown field", "p/c.json", "unknown profile profile:zz", `p/z.json: profile: id: "b" also in p/b.json`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadDir error lacks %q: %v", want, err)
		}
	}
	if err != nil && strings.Contains(err.Error(), "p/a.json") {
		t.Errorf("a.json refers to b.json, loaded later; must resolve: %v", err)
	}
	if len(r.Profiles()) != 3 {
		t.Errorf("loaded %d profiles, want 3 (a, b, c)", len(r.Profiles()))
	}
}
