// Command sentimenteval measures package sentiment on the shared evaluation
// sets in ../shared/data/sentiment/eval (relative to the repository root)
// and on the project's own labelled Dutch social-media file
// sentiment/testdata/nl_social.tsv. Run it from anywhere inside the
// repository:
//
//	go run ./internal/cmd/sentimenteval
//
// It prints accuracy and macro-F1 (three classes), Pearson r where gold
// scores are continuous, and precision/recall of the sarcasm flag. When the
// shared folder is absent it says "skipped" for those sets and exits 0.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo/sentiment"
)

func main() {
	root := flag.String("root", "", "repository root (default: found by walking up to go.mod)")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "sentimenteval:", err)
		os.Exit(1)
	}
}

func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "sentiment")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("repository root not found (no go.mod with sentiment/ above the working directory)")
		}
		dir = parent
	}
}

type item struct {
	gold    float64 // continuous rating or -1/0/1
	class   int     // -1, 0, 1
	sarcasm int     // -1 unknown, 0, 1
	cat     string
	text    string
}

func run(root string) error {
	if root == "" {
		r, err := findRoot()
		if err != nil {
			return err
		}
		root = r
	}
	a := sentiment.Default()
	fmt.Printf("lexicon %s\n\n", a.LexiconVersion())
	fmt.Printf("| set | n | accuracy | macro-F1 | Pearson r | sarcasm P | sarcasm R | posts/s |\n|---|---|---|---|---|---|---|---|\n")
	own, err := readOwn(filepath.Join(root, "sentiment", "testdata", "nl_social.tsv"))
	if err != nil {
		return err
	}
	report(a, "nl_social (own, 3-class)", own, false)
	evalDir := filepath.Join(root, "..", "shared", "data", "sentiment", "eval")
	if _, err := os.Stat(evalDir); err != nil {
		fmt.Printf("\nshared eval sets: skipped (%s not found)\n", evalDir)
		return nil
	}
	for _, f := range []string{"vader_movieReviewSnippets_en.tsv", "vader_amazonReviewSnippets_en.tsv", "vader_nytEditorialSnippets_en.tsv"} {
		items, err := readVader(filepath.Join(evalDir, f))
		if err != nil {
			return err
		}
		report(a, strings.TrimSuffix(f, ".tsv"), items, true)
	}
	items, err := readHeadlines(filepath.Join(evalDir, "nl_economic_headlines_train.tsv"))
	if err != nil {
		return err
	}
	report(a, "nl_economic_headlines_train", items, false)
	fmt.Println("\nPer category on nl_social (accuracy):")
	cats := map[string][2]int{}
	var order []string
	for _, it := range own {
		sc := a.Analyze(it.text)
		c := cats[it.cat]
		if c == [2]int{} {
			order = append(order, it.cat)
		}
		c[1]++
		if class(sc) == it.class {
			c[0]++
		}
		cats[it.cat] = c
	}
	for _, k := range order {
		fmt.Printf("  %-13s %3d/%3d %.2f\n", k, cats[k][0], cats[k][1], float64(cats[k][0])/float64(cats[k][1]))
	}
	return nil
}

func class(sc sentiment.Score) int {
	switch sc.Label {
	case sentiment.Positive:
		return 1
	case sentiment.Negative:
		return -1
	case sentiment.Mixed:
		if sc.Polarity > 0 {
			return 1
		}
		if sc.Polarity < 0 {
			return -1
		}
	}
	return 0
}

func report(a *sentiment.Analyzer, name string, items []item, continuous bool) {
	var conf [3][3]int
	var xs, ys []float64
	tp, fp, fn := 0, 0, 0
	hasSarc := false
	start := time.Now()
	for _, it := range items {
		sc := a.Analyze(it.text)
		conf[it.class+1][class(sc)+1]++
		xs = append(xs, sc.Polarity)
		ys = append(ys, it.gold)
		if it.sarcasm >= 0 {
			hasSarc = true
			flag := sc.Flags&sentiment.FlagSarcasm != 0
			switch {
			case flag && it.sarcasm == 1:
				tp++
			case flag:
				fp++
			case it.sarcasm == 1:
				fn++
			}
		}
	}
	el := time.Since(start).Seconds()
	correct := conf[0][0] + conf[1][1] + conf[2][2]
	f1 := 0.0
	for c := 0; c < 3; c++ {
		t, p, g := conf[c][c], 0, 0
		for k := 0; k < 3; k++ {
			p += conf[k][c]
			g += conf[c][k]
		}
		if p > 0 && g > 0 && t > 0 {
			pr, rc := float64(t)/float64(p), float64(t)/float64(g)
			f1 += 2 * pr * rc / (pr + rc)
		}
	}
	f1 /= 3
	r := "–"
	if continuous {
		r = fmt.Sprintf("%.3f", pearson(xs, ys))
	}
	sp, sr := "–", "–"
	if hasSarc {
		sp = fmt.Sprintf("%.2f", float64(tp)/math.Max(1, float64(tp+fp)))
		sr = fmt.Sprintf("%.2f", float64(tp)/math.Max(1, float64(tp+fn)))
	}
	fmt.Printf("| %s | %d | %.3f | %.3f | %s | %s | %s | %.0f |\n", name, len(items), float64(correct)/float64(len(items)), f1, r, sp, sr, float64(len(items))/el)
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy, sxx, syy, sxy float64
	for i := range x {
		sx += x[i]
		sy += y[i]
		sxx += x[i] * x[i]
		syy += y[i] * y[i]
		sxy += x[i] * y[i]
	}
	d := math.Sqrt((n*sxx - sx*sx) * (n*syy - sy*sy))
	if d == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / d
}

func lines(path string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if err := fn(strings.Split(l, "\t")); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return sc.Err()
}

func readOwn(path string) ([]item, error) {
	var out []item
	err := lines(path, func(fs []string) error {
		if len(fs) < 4 {
			return fmt.Errorf("want 4 columns: %q", fs)
		}
		c := map[string]int{"pos": 1, "neg": -1, "neu": 0}[fs[0]]
		s, _ := strconv.Atoi(fs[1])
		out = append(out, item{gold: float64(c), class: c, sarcasm: s, cat: fs[2], text: fs[3]})
		return nil
	})
	return out, err
}

func readVader(path string) ([]item, error) {
	var out []item
	err := lines(path, func(fs []string) error {
		if len(fs) < 3 {
			return nil
		}
		v, err := strconv.ParseFloat(fs[1], 64)
		if err != nil {
			return nil
		}
		c := 0
		if v >= 0.5 {
			c = 1
		} else if v <= -0.5 {
			c = -1
		}
		out = append(out, item{gold: v, class: c, sarcasm: -1, text: fs[2]})
		return nil
	})
	return out, err
}

func readHeadlines(path string) ([]item, error) {
	var out []item
	err := lines(path, func(fs []string) error {
		if len(fs) < 4 || fs[0] == "id" {
			return nil
		}
		c, err := strconv.Atoi(fs[2])
		if err != nil {
			return nil
		}
		out = append(out, item{gold: float64(c), class: c, sarcasm: -1, text: fs[3]})
		return nil
	})
	return out, err
}
