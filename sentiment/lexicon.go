package sentiment

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/socialgeo/socialgeo/internal/text"
)

//go:generate go run ./internal/gen -src ../../shared/data/sentiment -out data

//go:embed data/*.tsv
var dataFS embed.FS

// LexiconVersion is the version of the embedded lexicon set. The content
// hash returned by [Analyzer.LexiconVersion] changes with every data change.
const LexiconVersion = "2026.11.1"

// ErrLexicon is returned (wrapped in a *[LexiconError]) for a malformed
// lexicon file.
var ErrLexicon = errors.New("sentiment: malformed lexicon")

// LexiconError reports the line of a lexicon file that could not be read.
type LexiconError struct {
	Name string // lexicon name
	Line int    // 1-based line number
	Text string // the offending line
}

func (e *LexiconError) Error() string {
	return fmt.Sprintf("sentiment: lexicon %s line %d: cannot parse %q", e.Name, e.Line, e.Text)
}

// Unwrap returns [ErrLexicon].
func (e *LexiconError) Unwrap() error { return ErrLexicon }

// A Lexicon maps normalised terms (see [Key]) to a valence in -4..+4 (the
// VADER scale). The zero value is an empty lexicon. A Lexicon is read-only
// once built and safe for concurrent reads.
type Lexicon struct {
	Name    string             // short name shown in explanations, e.g. "nl"
	Entries map[string]float64 // term → valence
}

// Key returns the lexicon key of a term: words are folded as in
// Token.Norm (lower case, no diacritics or apostrophes); emoticons are
// lower-cased; emoji lose skin-tone modifiers and U+FE0F.
func Key(term string) string {
	r, _ := utf8.DecodeRuneInString(term)
	switch {
	case unicode.IsLetter(r):
		return text.Fold(term)
	case r < utf8.RuneSelf:
		return strings.ToLower(term)
	}
	return emojiKey(term)
}

func emojiKey(s string) string {
	clean := true
	for _, r := range s {
		if r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseLexicon reads a lexicon in TSV form: "term<TAB>valence" per line,
// '#' comment lines and blank lines ignored, valence in -4..+4. Further
// columns are ignored. Terms are normalised with [Key].
func ParseLexicon(name string, r io.Reader) (*Lexicon, error) {
	lx := &Lexicon{Name: name, Entries: map[string]float64{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 2 {
			return nil, &LexiconError{Name: name, Line: n, Text: line}
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(fs[1]), 64)
		if err != nil || v < -4 || v > 4 || strings.TrimSpace(fs[0]) == "" {
			return nil, &LexiconError{Name: name, Line: n, Text: line}
		}
		lx.Entries[Key(strings.TrimSpace(fs[0]))] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sentiment: lexicon %s: %w", name, err)
	}
	return lx, nil
}

// EmbeddedLexicon returns a fresh copy of one embedded lexicon: "nl"
// (Pattern + LUPJE), "nl_slang" (project), "en" (VADER), "emoji_esr"
// (Emoji Sentiment Ranking, CC BY-SA 4.0) or "emoji_own" (project).
func EmbeddedLexicon(name string) (*Lexicon, error) {
	f, err := dataFS.Open("data/" + name + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("sentiment: embedded lexicon %q: %w", name, err)
	}
	defer f.Close()
	return ParseLexicon(name, f)
}

// hash returns a short content hash of the lexicons in order.
func hashLexicons(lxs ...*Lexicon) string {
	h := sha256.New()
	for _, lx := range lxs {
		if lx == nil {
			continue
		}
		keys := make([]string, 0, len(lx.Entries))
		for k := range lx.Entries {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(h, "#%s\n", lx.Name)
		for _, k := range keys {
			fmt.Fprintf(h, "%s\t%g\n", k, lx.Entries[k])
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
