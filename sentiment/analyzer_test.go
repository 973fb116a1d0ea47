package sentiment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestAnalyze(t *testing.T) {
	a := Default()
	tests := []struct {
		name  string
		in    string
		label Label
		flags Flags // flags that must be set
	}{
		{"positive nl", "Wat een mooie dag in Utrecht", Positive, 0},
		{"negative nl", "Echt een waardeloze service", Negative, 0},
		{"negation", "Het concert was niet goed", Negative, FlagNegated},
		{"negation geen", "geen leuke avond", Negative, FlagNegated},
		{"contrast", "Het eten was slecht maar de bediening was geweldig", Positive, 0},
		{"sarcasm situation", "Geweldig, weer vertraging bij de NS", Negative, FlagSarcasm},
		{"sarcasm phrase", "Nou lekker dan", Negative, FlagSarcasm},
		{"sarcasm hashtag", "Super fijn dat de trein weer uitvalt #not", Negative, FlagSarcasm},
		{"sarcasm emoji", "Top service weer 🙄", Negative, FlagSarcasm},
		{"profanity intensifier", "kanker mooi weer vandaag", Positive, FlagProfanity},
		{"emoji only", "😍😍", Positive, FlagEmojiDriven},
		{"emoticon", "lekker weekend :-)", Positive, 0},
		{"question", "Was het concert leuk?", Positive, FlagQuestion},
		{"question neutral", "Is de weg naar Gouda weer open?", Neutral, FlagQuestion},
		{"neutral announcement", "De gemeente sluit morgen de Dorpsstraat af voor werkzaamheden", Neutral, 0},
		{"english", "This is not a good movie at all", Negative, FlagNegated},
		{"english positive", "I love this place, really great food!", Positive, 0},
		{"outburst", "WAT EEN HERRIE!!!", Negative, FlagOutburst},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.Analyze(tt.in)
			if got.Label != tt.label || got.Flags&tt.flags != tt.flags {
				t.Errorf("Analyze(%q) = %v %v (%.3f), want %v with %v\n%s", tt.in, got.Label, got.Flags, got.Polarity, tt.label, tt.flags, a.Explain(tt.in))
			}
		})
	}
}

func TestOverlay(t *testing.T) {
	a := Default()
	s := "Brand in de schuur aan de Dorpsstraat"
	if got := a.Analyze(s); got.Label != Negative {
		t.Fatalf("Analyze(%q) = %v, want negative without overlay", s, got.Label)
	}
	fire := a.WithOverlay(map[string]float64{"brand": 0})
	if got := fire.Analyze(s); got.Label != Neutral {
		t.Errorf("WithOverlay(brand=0).Analyze(%q) = %v, want neutral", s, got.Label)
	}
	if fire.LexiconVersion() == a.LexiconVersion() {
		t.Errorf("LexiconVersion() did not change with an overlay: %s", a.LexiconVersion())
	}
	slang := a.WithOverlay(map[string]float64{"ziek": 2.5})
	if got := slang.Analyze("die show was ziek"); got.Label != Positive {
		t.Errorf("slang overlay Analyze(die show was ziek) = %v, want positive", got.Label)
	}
}

func TestUserLexicon(t *testing.T) {
	lx, err := ParseLexicon("mine", strings.NewReader("# test\nflauwekul\t-2.5\n"))
	require.NoError(t, err)
	a, err := New(&Options{Lexicons: []*Lexicon{lx}})
	require.NoError(t, err)
	if got := a.Analyze("wat een flauwekul"); got.Label != Negative {
		t.Errorf("Analyze(wat een flauwekul) with user lexicon = %v, want negative", got.Label)
	}
	if _, err := ParseLexicon("bad", strings.NewReader("woord\tveel\n")); err == nil {
		t.Errorf("ParseLexicon(bad value) = nil error")
	}
	if _, err := New(&Options{Overlay: map[string]float64{"x": 9}}); err == nil {
		t.Errorf("New(overlay 9) = nil error")
	}
}

func TestAnalyzeTokensEqualsExplain(t *testing.T) {
	a := Default()
	for _, s := range []string{"Geweldig, weer vertraging", "niet slecht!!", "mooi 😍 maar duur", ""} {
		sc := a.Analyze(s)
		ex := a.Explain(s)
		if sc != ex.Score {
			t.Errorf("Analyze(%q) = %+v, Explain().Score = %+v", s, sc, ex.Score)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "Geweldig, weer vertraging 🙄", "NIET LEUK!!! #not /s", "\"mooie\" service", "kankermooi xD <3", "a\xff😀\u200d"} {
		f.Add(s)
	}
	a := Default()
	f.Fuzz(func(t *testing.T, s string) {
		sc := a.Analyze(s)
		if sc.Polarity < -1 || sc.Polarity > 1 || sc.Polarity != sc.Polarity {
			t.Fatalf("Analyze(%q).Polarity = %v out of range", s, sc.Polarity)
		}
		if sc.Confidence < 0 || sc.Confidence > 1 {
			t.Fatalf("Analyze(%q).Confidence = %v out of range", s, sc.Confidence)
		}
		ex := a.Explain(s)
		if out := ex.String(); !utf8.ValidString(out) {
			t.Fatalf("Explain(%q).String() is not valid UTF-8", s)
		}
		// Analyze's one-load keys and pooled scratch give the score of
		// the plain lookups
		if ex.Score != sc {
			t.Fatalf("Analyze(%q) = %+v, Explain().Score = %+v", s, sc, ex.Score)
		}
		if got := a.AnalyzeTokens(DefaultTokenizer().Tokenize(s)); got != sc {
			t.Fatalf("Analyze(%q) = %+v, AnalyzeTokens %+v", s, sc, got)
		}
	})
}

// FuzzAnalyzeTokenized checks that AnalyzeTokenized (whose first pass
// takes the keys of short words from the text) scores as Analyze and
// AnalyzeTokens do, for the tokens of the text itself and of another.
func FuzzAnalyzeTokenized(f *testing.F) {
	for _, s := range []string{"", "Geweldig, weer vertraging 🙄", "NIET LEUK!!! #not /s", "\"mooie\" service", "kankermooi xD <3", "a\xff😀\u200d", "Wat een mooie dag, echt superrr gezellig!!! #zomer"} {
		f.Add(s)
	}
	a := Default()
	f.Fuzz(func(t *testing.T, s string) {
		checkTokenized(t, a, s, strings.ToUpper(s)+" x")
	})
}
