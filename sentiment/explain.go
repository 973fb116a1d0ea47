package sentiment

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// Contribution is one token that added to a score.
type Contribution struct {
	Token   Token    // the token, normalised
	Text    string   // the token as written
	Source  string   // lexicon the value came from: "nl", "nl_slang", "en", "emoji_esr", "emoji_own", a user lexicon's name or "overlay"
	Lexicon float64  // the lexicon valence (-4..+4)
	Value   float64  // the valence after every rule
	Rules   []string // the rules that changed it, in order
}

// Explanation says why a text scored as it did: every contributing token
// with its lexicon value and the rules that changed it, the text-level
// rules, the raw sum and the normalisation polarity = sum/√(sum²+15).
type Explanation struct {
	Lang           language.Tag   // detected language
	Contributions  []Contribution // in text order
	Rules          []string       // text-level rules (sarcasm, exclamation, question)
	Sum            float64        // sum of Values after text-level rules
	Score          Score          // the resulting score, equal to Analyze's
	LexiconVersion string         // see Analyzer.LexiconVersion
}

// String renders the explanation for an analyst, one line per token.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lang=%s lexicon=%s\n", e.Lang, e.LexiconVersion)
	for _, c := range e.Contributions {
		fmt.Fprintf(&b, "  %-14q %-9s %+.2f", c.Text, c.Source, c.Lexicon)
		if len(c.Rules) > 0 {
			fmt.Fprintf(&b, " → %+.2f  (%s)", c.Value, strings.Join(c.Rules, "; "))
		}
		b.WriteByte('\n')
	}
	for _, r := range e.Rules {
		fmt.Fprintf(&b, "  rule: %s\n", r)
	}
	fmt.Fprintf(&b, "  sum=%+.3f polarity=sum/√(sum²+15)=%+.3f label=%s confidence=%.2f", e.Sum, e.Score.Polarity, e.Score.Label, e.Score.Confidence)
	if e.Score.Flags != 0 {
		fmt.Fprintf(&b, " flags=%s", e.Score.Flags)
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func fmtSigned(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func itoa(n int) string { return strconv.Itoa(n) }
