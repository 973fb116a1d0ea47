package profile

import (
	"errors"
	"testing"
)

func TestLibrary(t *testing.T) {
	r, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	ps := r.Profiles()
	if len(ps) < 6 {
		t.Fatalf("Library has %d profiles, want >= 6", len(ps))
	}
	m, err := Compile(ps...)
	if err != nil {
		t.Fatal(err)
	}
	got := m.MatchText("Alweer geen stroom in de wijk", nil)
	if len(got) != 1 || got[0].ID != "stroomstoring" {
		t.Errorf("MatchText = %+v, want stroomstoring", got)
	}
	cid, _ := ContentID(ps[0])
	if p, err := r.Get(cid); err != nil || p.ID != ps[0].ID {
		t.Errorf("Get(%s) = %v, %v", cid, p.ID, err)
	}
	if _, err := r.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope) = %v, want ErrNotFound", err)
	}
}
