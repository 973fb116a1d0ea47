package sentiment

import "testing"

func TestChain(t *testing.T) {
	c := Chain{Filters: []TokenFilter{DropKinds(KindURL, KindMention)}}
	got := c.Tokenize("mooi @jan https://x.nl 😍")
	if len(got) != 2 || got[0].Norm != "mooi" || got[1].Kind != KindEmoji {
		t.Errorf("Chain.Tokenize = %+v, want [mooi 😍]", got)
	}
	sc := Default().AnalyzeTokens(got)
	if sc.Label != Positive {
		t.Errorf("AnalyzeTokens(filtered) = %v, want positive", sc.Label)
	}
}
