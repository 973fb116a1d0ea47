package sentiment

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/socialgeo/socialgeo/internal/text"
)

func readTSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		out = append(out, strings.Split(l, "\t"))
	}
	require.NoError(t, sc.Err())
	return out
}

// TestOwnSetFloors guards the accuracy measured on testdata/nl_social.tsv
// (0.891 accuracy, sarcasm P 1.00 / R 0.86 when written) minus a margin.
func TestOwnSetFloors(t *testing.T) {
	rows := readTSV(t, "testdata/nl_social.tsv")
	if len(rows) < 300 {
		t.Fatalf("nl_social.tsv has %d rows, want >= 300", len(rows))
	}
	a := Default()
	correct, tp, fp, fn := 0, 0, 0, 0
	for _, r := range rows {
		sc := a.Analyze(r[3])
		got := "neu"
		switch {
		case sc.Label == Positive || (sc.Label == Mixed && sc.Polarity > 0):
			got = "pos"
		case sc.Label == Negative || (sc.Label == Mixed && sc.Polarity < 0):
			got = "neg"
		}
		if got == r[0] {
			correct++
		}
		flag := sc.Flags&FlagSarcasm != 0
		want, _ := strconv.Atoi(r[1])
		switch {
		case flag && want == 1:
			tp++
		case flag:
			fp++
		case want == 1:
			fn++
		}
	}
	acc := float64(correct) / float64(len(rows))
	p, rc := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("accuracy %.3f, sarcasm precision %.2f recall %.2f", acc, p, rc)
	if acc < 0.86 {
		t.Errorf("accuracy on nl_social.tsv = %.3f, want >= 0.86", acc)
	}
	if p < 0.9 || rc < 0.8 {
		t.Errorf("sarcasm precision/recall = %.2f/%.2f, want >= 0.90/0.80", p, rc)
	}
}

// TestDetectLanguageFloor guards the accuracy of DetectLanguage on
// testdata/lang.tsv minus a margin.
func TestDetectLanguageFloor(t *testing.T) {
	rows := readTSV(t, "testdata/lang.tsv")
	if len(rows) < 300 {
		t.Fatalf("lang.tsv has %d rows, want >= 300", len(rows))
	}
	correct := 0
	for _, r := range rows {
		got := DetectLanguage(text.Tokenize(r[1], nil))
		want := language.Make(r[0])
		if got == want {
			correct++
		} else {
			t.Logf("DetectLanguage(%q) = %v, want %v", r[1], got, want)
		}
	}
	acc := float64(correct) / float64(len(rows))
	t.Logf("language accuracy %.3f on %d posts", acc, len(rows))
	if acc < langFloor {
		t.Errorf("DetectLanguage accuracy = %.3f, want >= %.2f", acc, langFloor)
	}
}

const langFloor = 0.80
