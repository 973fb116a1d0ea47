package geo_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

// TestJudgeLower checks the lower-case fast path of the name rules
// against the full rules on the labelled files.
func TestJudgeLower(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.tsv")
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	texts = append(texts, "naar best geweest", "in heel nederland", "de wijk", "naar de wijk", "we gaan naar echt!", "uit goes en", "in een")
	n, acc, err := geo.CheckJudgeLower(nl.Gazetteer(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 || acc < 10 {
		t.Errorf("only %d lower-case matches compared, %d accepted", n, acc)
	}
}
