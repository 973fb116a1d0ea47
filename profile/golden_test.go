package profile

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGoldenLibrary pins the canonical JSON and content ID of every
// library profile (and the expanded ID of composites): a change to the
// canonical form or to a library file shows up here. Run with -update to
// accept.
func TestGoldenLibrary(t *testing.T) {
	r, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, p := range r.Profiles() {
		c, err := Canonical(p)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := ContentID(p)
		fmt.Fprintf(&b, "%s %s\n%s\n", p.ID, id, c)
		if len(p.References) > 0 {
			x, err := r.Expand(p.ID)
			if err != nil {
				t.Fatal(err)
			}
			xid, _ := ContentID(x)
			fmt.Fprintf(&b, "%s expanded %s\n%s\n", p.ID, xid, x.Query)
		}
		// The canonical JSON is a fixed point and keeps the ID.
		p2, err := Decode(c)
		if err != nil {
			t.Fatal(err)
		}
		if id2, _ := ContentID(p2); id2 != id {
			t.Errorf("%s: content ID of the canonical JSON differs", p.ID)
		}
		if !json.Valid(c) {
			t.Errorf("%s: canonical JSON invalid", p.ID)
		}
	}
	golden(t, "testdata/library.golden", b.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test -run Golden -update and review the diff", name)
	}
}
