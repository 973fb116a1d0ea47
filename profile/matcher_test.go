package profile

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/socialgeo/socialgeo/internal/text"
)

func mk(id, q string) Profile {
	return Profile{ID: id, Name: id, Version: "1", Query: q, Purpose: Purpose{PersonLevel: true}}
}

func TestMatcherAgreesWithQuery(t *testing.T) {
	queries := []string{"stroomstoring", `"geen stroom" OR stroomuitval`, "brand NOT oefening", "tram* koningsdag", "#koningsdag", "@gemeente", "(a1 OR b1) c1",
		"tram NEAR/2 stil", "tram ONEAR/2 stil", "(tram* OR bus) NEAR/1 (vol OR stil)", "brand lang:nl", "brand NOT platform:news", "brand about:GM0518", "brand area:PV28", "brand home:GM0518 kind:reply"}
	texts := []string{"weer een stroomstoring", "we hebben GEEN stroom", "brand tijdens oefening", "brand!", "de trams op koningsdag", "#koningsdag", "hoi @gemeente", "b1 c1", "a1",
		"tram staat stil", "stil staat de tram", "de tram, die staat heel erg stil", "bus vol", "vol is de bus"}
	docs := []Doc{{}, {Lang: "nl-NL", Platform: "news", Kind: "reply", Areas: []AreaRef{{"GM0518", "about"}, {"PV28", "about"}}}, {Lang: "en", Areas: []AreaRef{{"gm0518", "home"}}}}
	var ps []Profile
	for i, q := range queries {
		ps = append(ps, mk(fmt.Sprint("p", i), q))
	}
	m, err := Compile(ps...)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		for _, d := range docs {
			d.Tokens = text.Tokenize(s, nil)
			agree(t, m, ps, d)
		}
	}
}

// agree checks MatchDoc against the reference evaluator of each query.
func agree(t *testing.T, m *Matcher, ps []Profile, d Doc) {
	t.Helper()
	got := map[string]bool{}
	for _, mt := range m.MatchDoc(d, nil) {
		got[mt.ID] = true
		if len(mt.Terms) == 0 {
			t.Errorf("MatchDoc: %s without terms", mt.ID)
		}
	}
	for _, p := range ps {
		q, _ := ParseQuery(p.Query)
		if want := q.Match(d) && d.inScope(p.Scope); got[p.ID] != want {
			var sb strings.Builder
			for _, tk := range d.Tokens {
				sb.WriteString(tk.Norm + " ")
			}
			t.Errorf("MatchDoc(%q, %+v) profile %q = %v, want %v", sb.String(), d.Areas, p.Query, !want, want)
		}
	}
}

// TestMatcherRandom compares the automaton matcher with the reference
// evaluator on random queries and texts (seeded).
func TestMatcherRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"brand", "rook", "heide", "tram", "trams", "stil", "geen", "stroom", "de", "water", "kelder", "112", "#brand", "@brand"}
	var atom func(d int) string
	atom = func(d int) string {
		switch k := r.IntN(10); {
		case k < 4 || d > 2:
			w := vocab[r.IntN(len(vocab))]
			if r.IntN(6) == 0 && w[0] != '@' && w[0] != '#' && len(w) >= 3 {
				return w[:3+r.IntN(len(w)-2)] + "*"
			}
			return w
		case k == 4:
			return fmt.Sprintf(`"%s %s"`, vocab[r.IntN(8)], vocab[r.IntN(8)])
		case k == 5:
			op := "NEAR"
			if r.IntN(2) == 0 {
				op = "ONEAR"
			}
			return fmt.Sprintf("(%s %s/%d %s)", atom(d+1), op, r.IntN(3), atom(d+1))
		case k == 6:
			return []string{"lang:nl", "platform:news", "about:GM0518", "area:PV28", "kind:reply"}[r.IntN(5)]
		case k == 7:
			return "(" + atom(d+1) + " OR " + atom(d+1) + ")"
		case k == 8:
			return "NOT " + atom(d+1)
		}
		return "(" + atom(d+1) + " " + atom(d+1) + ")"
	}
	var ps []Profile
	for i := 0; len(ps) < 300; i++ {
		q := atom(0) + " OR " + atom(0)
		if i%3 == 0 { // a large OR, evaluated through its index
			for range minIndexedOr + r.IntN(8) {
				q += " OR " + atom(0)
			}
		}
		p := mk(fmt.Sprint("r", i), q)
		if Validate(p) == nil {
			ps = append(ps, p)
		}
	}
	m, err := Compile(ps...)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"brand", "Rook", "heide", "tram", "trams", "stil", "geen", "stroom", "de", "water", "kelder", "112", "#brand", "@brand", ",", "-", "trambaan", "Brând"}
	for range 400 {
		var sb strings.Builder
		for range 1 + r.IntN(10) {
			sb.WriteString(words[r.IntN(len(words))] + " ")
		}
		d := Doc{Tokens: text.Tokenize(sb.String(), nil)}
		if r.IntN(2) == 0 {
			d.Lang, d.Platform, d.Areas = "nl", "news", []AreaRef{{"GM0518", "about"}, {"PV28", "from"}}
		}
		agree(t, m, ps, d)
	}
}

func TestMatchSpans(t *testing.T) {
	m := MustCompile(mk("s", `"geen stroom" OR (tram ONEAR/3 stil)`), mk("t", "stroom*"))
	got := m.MatchText("Wij hebben geen stroom! De tram staat stil", nil)
	want := []Match{
		{ID: "s", Name: "s", Terms: []Span{{`"geen stroom"`, 11, 22}, {"tram", 27, 31}, {"stil", 38, 42}}},
		{ID: "t", Name: "t", Terms: []Span{{"stroom*", 16, 22}}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("MatchText =\n%+v\nwant\n%+v", got, want)
	}
}

// TestMatchSpansShared checks that the Terms of several matches, which
// share one array, are capped: appending to one leaves the next alone.
func TestMatchSpansShared(t *testing.T) {
	m := MustCompile(mk("a", "tram"), mk("b", "stil"))
	got := m.MatchText("tram stil tram stil", nil)
	if len(got) != 2 || len(got[0].Terms) != 2 || len(got[1].Terms) != 2 {
		t.Fatalf("MatchText = %+v", got)
	}
	want := fmt.Sprint(got[1].Terms)
	_ = append(got[0].Terms, Span{Term: "x"})
	if fmt.Sprint(got[1].Terms) != want {
		t.Errorf("append to the first match's Terms changed the second's: %v", got[1].Terms)
	}
}

// TestMatchSpansKept checks that the Terms of Matches, cut from arrays
// shared by many calls (scratch.keep), stay as they were while later
// calls match, and that appending to them changes no later Match: the
// library's Matches of the synthetic posts, kept, against those matched
// one call at a time and printed at once.
func TestMatchSpansKept(t *testing.T) {
	reg, _ := Library()
	m, err := reg.Compile()
	if err != nil {
		t.Fatal(err)
	}
	docs := synthDocsInternal(t, 2000)
	var kept [][]Match
	var want []string
	for _, d := range docs {
		got := m.MatchDoc(d, nil)
		want = append(want, fmt.Sprint(got))
		kept = append(kept, got)
		for _, g := range got {
			_ = append(g.Terms, Span{Term: "x", Start: -1, End: -1})
		}
	}
	n := 0
	for i, got := range kept {
		n += len(got)
		if s := fmt.Sprint(got); s != want[i] {
			t.Fatalf("post %d: kept Matches changed:\n%s\nwant\n%s", i, s, want[i])
		}
	}
	if n < 100 {
		t.Fatalf("%d Matches in 2,000 posts: too few for the test", n)
	}
}

// TestSortSpans compares sortSpans, an insertion sort for a few spans,
// with slices.SortFunc.
func TestSortSpans(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 40 {
		for range 20 {
			sp := make([]Span, n)
			for i := range sp {
				sp[i] = Span{Term: []string{"a", "b", "c"}[r.IntN(3)], Start: r.IntN(5), End: r.IntN(5)}
			}
			want := slices.Clone(sp)
			slices.SortFunc(want, func(a, b Span) int {
				return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Term, b.Term))
			})
			sortSpans(sp)
			if !slices.Equal(sp, want) {
				t.Fatalf("sortSpans = %v, want %v", sp, want)
			}
		}
	}
}

func TestMatchScope(t *testing.T) {
	p := mk("k", "koningsdag")
	p.Scope = []string{"GM0518"}
	m := MustCompile(p)
	toks := text.Tokenize("koningsdag!", nil)
	if len(m.Match(toks, nil)) != 0 {
		t.Error("scoped profile matched a Doc without areas")
	}
	if len(m.MatchDoc(Doc{Tokens: toks, Areas: []AreaRef{{"GM0518", "from"}}}, nil)) != 1 {
		t.Error("scoped profile did not match a Doc in scope")
	}
	if len(m.MatchDoc(Doc{Tokens: toks, Areas: []AreaRef{{"GM0363", "from"}}}, nil)) != 0 {
		t.Error("scoped profile matched a Doc out of scope")
	}
}

func TestCompileReferences(t *testing.T) {
	a, b := mk("a", "inbraak"), mk("b", "overlast")
	c := mk("c", "profile:a OR (profile:b NOT vuurwerk)")
	c.References = []string{"a", "b"}
	m, err := Compile(a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, mt := range m.MatchText("overlast en inbraak", nil) {
		ids = append(ids, mt.ID)
	}
	if !slices.Equal(ids, []string{"a", "b", "c"}) {
		t.Errorf("matched %v", ids)
	}
	if _, err := Compile(a, a); err == nil || !strings.Contains(err.Error(), "compiled twice") {
		t.Errorf("Compile(a, a): %v", err)
	}
	if _, err := Compile(c); err == nil || !strings.Contains(err.Error(), "unknown profile profile:a") {
		t.Errorf("Compile without sub-profiles: %v", err)
	}
	var r Registry
	_ = r.Add(a)
	_ = r.Add(b)
	if _, err := CompileWith(&CompileOptions{Registry: &r}, c); err != nil {
		t.Errorf("CompileWith registry: %v", err)
	}
}

func TestMatcherConcurrent(t *testing.T) {
	reg, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	m, err := reg.Compile()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Alweer geen stroom in de wijk", "heidebrand bij de duinen, veel rook", "weer ingebroken, ik voel me onveilig", "thoughts and prayers for the flood victims", "rellen en vernielingen"}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = fmt.Sprint(m.MatchText(s, nil))
		if want[i] == "[]" {
			t.Errorf("no match for %q", s)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dst []Match
			for i := range 200 {
				k := (g + i) % len(texts)
				dst = m.MatchText(texts[k], dst[:0])
				if got := fmt.Sprint(dst); got != want[k] {
					t.Errorf("concurrent MatchText(%q) = %s, want %s", texts[k], got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func benchMatcher(b *testing.B, n int) {
	ps := make([]Profile, n)
	for i := range ps {
		ps[i] = mk(fmt.Sprint("p", i), fmt.Sprintf(`(woord%d OR "zin%d twee" OR pre%03d* OR (alfa%d NEAR/3 beta%d)) NOT ruis%d AND NOT platform:news`, i, i, i, i, i, i))
	}
	ps[0].Query = `stroomstoring OR stroom* OR (tram* NEAR/3 stil) AND lang:nl`
	m := MustCompile(ps...)
	d := Doc{Tokens: text.Tokenize("Alweer een stroomstoring in Den Haag, de trams staan stil en woord7 zin7 twee #koningsdag alfa9 en beta9", nil), Lang: "nl", Platform: "mastodon"}
	var dst []Match
	if got := len(m.MatchDoc(d, nil)); got != min(n, 3) {
		b.Fatalf("%d matches", got)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dst = m.MatchDoc(d, dst[:0])
	}
}

func BenchmarkMatch1(b *testing.B)    { benchMatcher(b, 1) }
func BenchmarkMatch100(b *testing.B)  { benchMatcher(b, 100) }
func BenchmarkMatch1000(b *testing.B) { benchMatcher(b, 1000) }

// BenchmarkMatchLibrary matches one post against the whole library.
func BenchmarkMatchLibrary(b *testing.B) {
	reg, _ := Library()
	m, err := reg.Compile()
	if err != nil {
		b.Fatal(err)
	}
	d := Doc{Tokens: text.Tokenize("Alweer geen stroom in de wijk en de trams staan stil, thoughts and prayers #koningsdag", nil)}
	var dst []Match
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dst = m.MatchDoc(d, dst[:0])
	}
}

// BenchmarkMatch1000Candidates is the worst case for the "evaluate only
// profiles with hits" rule: all 1000 profiles share a term that occurs, so
// all are evaluated (one matches).
func BenchmarkMatch1000Candidates(b *testing.B) {
	ps := make([]Profile, 1000)
	for i := range ps {
		ps[i] = mk(fmt.Sprint("p", i), fmt.Sprintf(`stroomstoring woord%d`, i))
	}
	m := MustCompile(ps...)
	d := Doc{Tokens: text.Tokenize("Alweer een stroomstoring in Den Haag, de trams staan stil en woord7 zin7 twee #koningsdag alfa9 en beta9", nil)}
	var dst []Match
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dst = m.MatchDoc(d, dst[:0])
	}
}

// TestMatchDocFilter compares MatchDoc's filter (one-word hits without
// the automaton) with the automaton on every Doc: the library on the
// pipeline's synthetic posts, and random profiles on random texts.
func TestMatchDocFilter(t *testing.T) {
	reg, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, compile func() *Matcher, docs []Doc) {
		t.Helper()
		m, full := compile(), compile()
		if m.filter == nil {
			t.Fatal("no filter")
		}
		full.words, full.filter = nil, nil
		filtered := 0
		for _, d := range docs {
			got, want := m.MatchDoc(d, nil), full.MatchDoc(d, nil)
			if !slices.EqualFunc(got, want, func(a, b Match) bool {
				return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.Terms, b.Terms)
			}) {
				t.Fatalf("MatchDoc(%q) = %v, automaton %v", docText(d), got, want)
			}
			if len(want) > 0 {
				filtered++
			}
		}
		t.Logf("%d docs, %d with matches", len(docs), filtered)
	}
	t.Run("library", func(t *testing.T) {
		check(t, func() *Matcher {
			m, err := reg.Compile()
			if err != nil {
				t.Fatal(err)
			}
			return m
		}, synthDocsInternal(t, 3000))
	})
	t.Run("random", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		words := []string{"stroom", "geen", "de", "tram", "trams", "stil", "niet", "veilig", "brand", "auto", "in", "a", "bb", "ccc", "dddd", "x-y", "wijk-bij-duurstede", "#koningsdag", "@gemeente", "koningsdag", "gemeente"}
		pick := func() string { return words[rng.IntN(len(words))] }
		var ps []Profile
		for i := range 40 {
			var q string
			switch rng.IntN(5) {
			case 0:
				q = fmt.Sprintf("%s OR %q", pick(), pick()+" "+pick())
			case 1:
				q = fmt.Sprintf("%q", pick()+" "+pick()+" "+pick())
			case 2:
				q = fmt.Sprintf("%s NEAR/2 %s", pick(), pick())
			case 3:
				q = fmt.Sprintf("%s* OR %s", []string{"stro", "tra", "gemee", "koning"}[rng.IntN(4)], pick())
			default:
				q = pick()
			}
			ps = append(ps, mk(fmt.Sprint("r", i), strings.ReplaceAll(q, `"@`, `"`)))
		}
		var docs []Doc
		for range 3000 {
			var sb strings.Builder
			for range rng.IntN(10) {
				sb.WriteString(pick())
				sb.WriteString([]string{" ", " ", ", ", "-", " / "}[rng.IntN(5)])
			}
			docs = append(docs, Doc{Tokens: text.Tokenize(sb.String(), nil)})
		}
		check(t, func() *Matcher {
			m, err := Compile(ps...)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}, docs)
	})
}

func docText(d Doc) string {
	var sb strings.Builder
	for _, tk := range d.Tokens {
		sb.WriteString(tk.Norm + " ")
	}
	return sb.String()
}
