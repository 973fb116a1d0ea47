package geo

import (
	"fmt"
	"strings"

	"github.com/socialgeo/socialgeo/internal/text"
)

// CheckJudgeLower compares judgeLower with judge on every lower-case
// match of a common word or small place in texts and in variants of them
// (lower-cased; after "naar", before "en"). It returns the number of
// matches compared and of those accepted.
func CheckJudgeLower(g *Gazetteer, texts []string) (int, int, error) {
	ix := newNameIndex(g)
	n, acc := 0, 0
	for _, line := range texts {
		low := strings.ToLower(line)
		for _, s := range []string{line, low, "naar " + low + " en", "in " + low, "bij " + low + " vandaag"} {
			toks := text.Tokenize(s, nil)
			for _, mt := range ix.auto.AppendMatches(nil, toks) {
				m := rawMatch{entry: patEntry(mt.ID), first: int32(mt.First), last: int32(mt.Last), hashtag: toks[mt.First].Kind == text.Hashtag}
				e := &ix.entries[m.entry]
				if (!e.common && !e.weak) || m.hashtag || toks[m.first].Title {
					continue
				}
				n++
				want, got := m, m
				var caps allCaps
				var en postLang
				ix.judge(&want, toks, &caps, &en, false)
				ok := judgeLower(e, &got, toks)
				if ok {
					acc++
				}
				if ok != (want.st == accepted) || (!ok && want.st != rejected) ||
					(ok && (got.conf != want.conf || got.verbNext != want.verbNext)) {
					return n, acc, fmt.Errorf("%q %q: judgeLower %+v %v, judge %+v", s, e.key, got, ok, want)
				}
			}
		}
	}
	return n, acc, nil
}
