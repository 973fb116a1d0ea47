package profile

import (
	"fmt"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

func TestMatcherAgreesWithQuery(t *testing.T) {
	queries := []string{"stroomstoring", `"geen stroom" OR stroomuitval`, "brand NOT oefening", "tram* koningsdag", "#koningsdag", "@gemeente", "(a1 OR b1) c1"}
	texts := []string{"weer een stroomstoring", "we hebben GEEN stroom", "brand tijdens oefening", "brand!", "de trams op koningsdag", "#koningsdag", "hoi @gemeente", "b1 c1", "a1"}
	var ps []Profile
	for i, q := range queries {
		ps = append(ps, Profile{ID: fmt.Sprint("p", i), Name: "p", Version: "1", Query: q, Purpose: Purpose{PersonLevel: true}})
	}
	m, err := Compile(ps...)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		got := map[string]bool{}
		for _, mt := range m.MatchText(s, nil) {
			got[mt.ID] = true
			if len(mt.Terms) == 0 {
				t.Errorf("MatchText(%q): %s without terms", s, mt.ID)
			}
		}
		for i, q := range queries {
			pq, _ := ParseQuery(q)
			if want := pq.MatchText(s); got[fmt.Sprint("p", i)] != want {
				t.Errorf("MatchText(%q) profile %q = %v, want %v", s, q, !want, want)
			}
		}
	}
}

func TestMatchSpan(t *testing.T) {
	m := MustCompile(Profile{ID: "s", Name: "s", Version: "1", Query: `"geen stroom"`})
	got := m.MatchText("Wij hebben geen stroom!", nil)
	if len(got) != 1 || got[0].Terms[0] != (Span{Term: `"geen stroom"`, Start: 11, End: 22}) {
		t.Errorf("MatchText = %+v", got)
	}
}

func benchMatcher(b *testing.B, n int) {
	ps := make([]Profile, n)
	for i := range ps {
		ps[i] = Profile{ID: fmt.Sprint("p", i), Name: "p", Version: "1", Query: fmt.Sprintf(`(woord%d OR "zin%d twee" OR pre%03d*) NOT ruis%d`, i, i, i, i)}
	}
	ps[0].Query = "stroomstoring OR stroom*"
	m := MustCompile(ps...)
	toks := text.Tokenize("Alweer een stroomstoring in Den Haag, de trams rijden niet en woord7 zin7 twee #koningsdag", nil)
	var dst []Match
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dst = m.Match(toks, dst[:0])
	}
}

func BenchmarkMatch1(b *testing.B)    { benchMatcher(b, 1) }
func BenchmarkMatch100(b *testing.B)  { benchMatcher(b, 100) }
func BenchmarkMatch1000(b *testing.B) { benchMatcher(b, 1000) }
