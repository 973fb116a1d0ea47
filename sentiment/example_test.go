package sentiment_test

import (
	"fmt"

	"github.com/socialgeo/socialgeo/sentiment"
)

func ExampleAnalyzer_Analyze() {
	a := sentiment.Default()
	for _, s := range []string{
		"Wat een mooie dag in Utrecht!",
		"Het concert was niet goed",
		"Geweldig, weer vertraging bij de NS",
	} {
		sc := a.Analyze(s)
		fmt.Printf("%-36s %+.2f %-8s %s [%s]\n", s, sc.Polarity, sc.Label, sc.Lang, sc.Flags)
	}
	// Output:
	// Wat een mooie dag in Utrecht!        +0.57 positive nl []
	// Het concert was niet goed            -0.36 negative nl [negated]
	// Geweldig, weer vertraging bij de NS  -0.74 negative nl [sarcasm]
}

func ExampleAnalyzer_Explain() {
	a := sentiment.Default()
	ex := a.Explain("Niet leuk maar wel heel erg lekker eten")
	ex.LexiconVersion = "(version)" // the hash changes with the data
	fmt.Println(ex)
	// Output:
	// lang=nl lexicon=(version)
	//   "leuk"         nl_slang  +2.20 → -0.81  (negated ×-0.74; before maar ×0.5)
	//   "lekker"       nl_slang  +1.80 → +3.56  (intensifier erg 0.293; intensifier heel 0.278; after maar ×1.5)
	//   sum=+2.743 polarity=sum/√(sum²+15)=+0.578 label=positive confidence=0.68 flags=negated
}

func ExampleAnalyzer_AnalyzeTokenized() {
	a := sentiment.Default()
	s := "This movie is not very good, but the music is great :-)"
	toks := sentiment.DefaultTokenizer().Tokenize(s) // tokenised once, e.g. by a pipeline
	sc := a.AnalyzeTokenized(s, toks)
	fmt.Println(sc == a.Analyze(s), sc.Label, sc.Lang)
	// Output:
	// true positive en
}
