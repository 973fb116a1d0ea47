package sentiment

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/socialgeo/socialgeo/internal/lang"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Score is the sentiment of one text.
type Score struct {
	// Polarity is in [-1, 1]: negative to positive. For a text flagged
	// FlagSarcasm it reflects the intended, not the literal, meaning.
	Polarity float64
	// Label is the categorical reading of Polarity (Mixed when strong
	// positive and negative parts balance).
	Label Label
	// Confidence in [0, 1] grows with the amount of sentiment evidence and
	// shrinks for sarcasm, questions and undetermined language.
	Confidence float64
	// Flags mark negation, sarcasm, emoji-driven scores, profanity,
	// outbursts and questions.
	Flags Flags
	// Lang is language.Dutch, language.English or language.Und.
	Lang language.Tag
}

// Options configure an [Analyzer]. A nil *Options means defaults: the
// embedded lexicons and no overlay.
type Options struct {
	// Lexicons are user lexicons applied over the embedded ones in order
	// (a later entry wins) for every language. Nil means none.
	Lexicons []*Lexicon
	// Overlay is a domain overlay applied last, term → valence (-4..+4):
	// a fire-service profile sets "brand" to 0. Terms are normalised with
	// [Key]. Nil means none.
	Overlay map[string]float64
	// NoEmbedded drops the embedded lexicons, so only Lexicons and Overlay
	// are used. False (the default) keeps them.
	NoEmbedded bool
}

// entry is one lexicon value and its source: an index in Analyzer.srcs,
// the lexicon names (0 is the name "").
type entry struct {
	v   float64
	src uint32
}

// Analyzer scores texts with lexicons and rules in the manner of VADER,
// Dutch first. It is compiled by [New], immutable, and safe for concurrent
// use by multiple goroutines. The zero value is not usable; use [New] or
// [Default].
type Analyzer struct {
	nl, en, emoji map[string]entry
	// words serves the word lookups of a text with one probe per word,
	// for either language: see wordInfo.
	words   wordTable
	srcs    []string // lexicon names by entry.src; srcs[0] is ""
	version string
	opts    Options
}

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return New(nil) })

// Default returns the analyzer with the embedded lexicons. It is built once
// and shared; it is immutable.
func Default() *Analyzer {
	a, err := defaultAnalyzer()
	if err != nil {
		// The embedded data is checked by tests; this cannot happen in a
		// released build.
		panic(err)
	}
	return a
}

// New compiles an Analyzer. It fails only when an embedded lexicon cannot
// be read (a build error) or an overlay value is out of range.
func New(opts *Options) (*Analyzer, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	a := &Analyzer{nl: map[string]entry{}, en: map[string]entry{}, emoji: map[string]entry{}, opts: o}
	var all []*Lexicon
	a.srcs = []string{""}
	srcIdx := map[string]uint32{"": 0}
	add := func(m map[string]entry, lx *Lexicon) {
		i, ok := srcIdx[lx.Name]
		if !ok {
			i = uint32(len(a.srcs))
			srcIdx[lx.Name] = i
			a.srcs = append(a.srcs, lx.Name)
		}
		for k, v := range lx.Entries {
			m[k] = entry{v, i}
		}
	}
	if !o.NoEmbedded {
		for _, spec := range []struct {
			name string
			dst  []map[string]entry
		}{
			{"nl", []map[string]entry{a.nl}},
			{"nl_slang", []map[string]entry{a.nl}},
			{"en", []map[string]entry{a.en}},
			{"emoji_esr", []map[string]entry{a.emoji}},
			{"emoji_own", []map[string]entry{a.emoji}},
		} {
			lx, err := EmbeddedLexicon(spec.name)
			if err != nil {
				return nil, err
			}
			all = append(all, lx)
			for _, m := range spec.dst {
				add(m, lx)
			}
		}
		// English slang that Dutch posts use as is.
		for _, w := range []string{"sick", "nice", "fail", "love", "wtf", "lol", "epic", "thanks", "omg", "fuck", "shit", "awesome", "cool", "sorry", "happy", "sad"} {
			if _, ok := a.nl[w]; !ok {
				if e, ok := a.en[w]; ok {
					a.nl[w] = e
				}
			}
		}
	}
	user := append([]*Lexicon(nil), o.Lexicons...)
	if len(o.Overlay) > 0 {
		ov := &Lexicon{Name: "overlay", Entries: map[string]float64{}}
		for k, v := range o.Overlay {
			if v < -4 || v > 4 || math.IsNaN(v) {
				return nil, fmt.Errorf("sentiment: overlay %q = %g: %w", k, v, ErrLexicon)
			}
			ov.Entries[Key(k)] = v
		}
		user = append(user, ov)
	}
	for _, lx := range user {
		if lx == nil {
			continue
		}
		all = append(all, lx)
		add(a.nl, lx)
		add(a.en, lx)
		add(a.emoji, lx)
	}
	a.words = buildWords(a.nl, a.en, classIdx)
	a.version = LexiconVersion + "+" + hashLexicons(all...)
	if o.NoEmbedded {
		a.version = "user+" + hashLexicons(all...)
	}
	return a, nil
}

// WithOverlay returns a new Analyzer whose lexicons are a's with the domain
// overlay applied last (term → valence; 0 removes a term's sentiment). a
// itself is unchanged. Out-of-range values (outside -4..+4) are clamped.
func (a *Analyzer) WithOverlay(overlay map[string]float64) *Analyzer {
	o := a.opts
	m := make(map[string]float64, len(o.Overlay)+len(overlay))
	for k, v := range o.Overlay {
		m[k] = v
	}
	for k, v := range overlay {
		if math.IsNaN(v) {
			v = 0
		}
		m[k] = math.Max(-4, math.Min(4, v))
	}
	o.Overlay = m
	b, err := New(&o)
	if err != nil {
		// Only embedded data errors remain possible, which a already
		// passed.
		panic(err)
	}
	return b
}

// LexiconVersion returns the lexicon version and a content hash of every
// lexicon in use, e.g. "2026.11.1+3f2a9c0d11e2", for reports.
func (a *Analyzer) LexiconVersion() string { return a.version }

// Analyze tokenises s with the shared tokenizer and scores it.
func (a *Analyzer) Analyze(s string) Score {
	// The tokens and the per-token state in a reused scratch: a fresh
	// buffer on the stack would be zeroed whole for every text (a
	// 64-token one cost a short post about a twentieth of its time);
	// here only the entries used are cleared. The scratch grows with
	// the longest text so far (up to maxScratch tokens), so that a
	// longer text allocates only the first time.
	//
	// The tokenizer hands over the keys of short words (TokenizeKeys:
	// their lowered bytes), which it has from its own loads of them: the
	// first pass (scanFast) then reads a word's key instead of its
	// token's fields and the text. The folded Norms (capitalised
	// words) take their bytes from the scratch too
	// (TokenizeKeysScratch): the tokens die with the call.
	sc := scratchPool.Get().(*scratch)
	toks, keys := text.TokenizeKeysScratch(s, sc.toks[:0], sc.keys[:0], &sc.norms)
	var score Score
	if n := len(toks); n <= maxScratch {
		if n > cap(sc.info) {
			m := min(max(n, 2*cap(sc.info)), maxScratch)
			sc.info, sc.live, sc.lmeta = make([]tokInfo, m), make([]int32, m), make([]uint64, m)
		}
		info := sc.info[:n]
		clear(info)
		var pre prescanned
		a.prescan(&pre, toks, keys, sc.live, sc.lmeta)
		score, _ = a.rules(toks, s, &pre, false, info, sc.live[:pre.live], sc.lmeta[:pre.live])
	} else {
		score, _ = a.run(toks, s, keys, false)
	}
	clear(toks) // keep no reference to s
	if cap(toks) <= maxScratch {
		sc.toks, sc.keys = toks[:0], keys[:0]
	}
	scratchPool.Put(sc)
	return score
}

// maxScratch bounds the tokens of a scratch that Analyze keeps for the
// next text (about 120 bytes per token).
const maxScratch = 1024

// scratch is Analyze's working memory for one text: tokens and their
// keys, and per-token state and live buffers of up to cap(info) tokens.
type scratch struct {
	toks  []Token
	keys  []uint64
	norms []byte // the bytes of the folded Norms (text.TokenizeKeysScratch)
	info  []tokInfo
	live  []int32
	lmeta []uint64 // the live tokens' meta words
}

// scratchPool holds scratches between calls of Analyze (one per
// goroutine that is analysing at the moment, at most).
var scratchPool = sync.Pool{New: func() any {
	return &scratch{toks: make([]Token, 0, 64), keys: make([]uint64, 0, 64), info: make([]tokInfo, 64), live: make([]int32, 64), lmeta: make([]uint64, 64)}
}}

// AnalyzeTokens scores already tokenised text (the pipeline tokenises a
// post once). toks is not modified or retained.
func (a *Analyzer) AnalyzeTokens(toks []Token) Score {
	sc, _ := a.run(toks, "", nil, false)
	return sc
}

// AnalyzeTokenized is [Analyzer.AnalyzeTokens] for tokens that the shared
// tokenizer made of s (as [DefaultTokenizer], or text.Tokenize in the
// pipeline, which tokenises a post once): the same score, faster, because
// the lexicon keys of short lower-case words are read from s in one load.
// Tokens whose Norm does not point into s at their Start are looked up as
// by AnalyzeTokens, so any toks give AnalyzeTokens' result. toks is not
// modified or retained.
func (a *Analyzer) AnalyzeTokenized(s string, toks []Token) Score {
	sc, _ := a.run(toks, s, nil, false)
	return sc
}

// AnalyzeKeyed is [Analyzer.AnalyzeTokenized] for tokens and keys that
// text.TokenizeKeys (or an Arena's) made of s: the first pass reads a
// short word's key instead of loading it from s again. keys must be
// those the tokenizer returned with toks (a zero key says nothing, so
// any keys that are either a word's key or zero give the same score).
// toks is not modified; keys is the first pass's working memory, whose
// contents it overwrites. Neither is retained.
func (a *Analyzer) AnalyzeKeyed(toks []Token, keys []uint64) Score {
	if len(keys) != len(toks) {
		keys = nil // not the tokenizer's: look the words up by their Norms
	}
	sc, _ := a.run(toks, "", keys, false)
	return sc
}

// Explain scores s and says why: see [Explanation].
func (a *Analyzer) Explain(s string) Explanation {
	toks := text.Tokenize(s, nil)
	_, ex := a.run(toks, s, nil, true)
	return *ex
}

// ExplainTokens is [Analyzer.Explain] for toks, the tokens of s (which
// the explanation quotes them from).
func (a *Analyzer) ExplainTokens(s string, toks []Token) Explanation {
	_, ex := a.run(toks, s, nil, true)
	return *ex
}

// DetectLanguage returns language.Dutch, language.English or language.Und
// (short, hashtag-only, emoji-only and other-language posts) for toks.
func DetectLanguage(toks []Token) language.Tag { return lang.Detect(toks) }

// String returns the flags as "negated|sarcasm|…", or "" for none.
func (f Flags) String() string {
	names := []string{"negated", "sarcasm", "emoji", "profanity", "outburst", "question"}
	var b strings.Builder
	for i, n := range names {
		if f&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(n)
		}
	}
	return b.String()
}
