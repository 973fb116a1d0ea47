// Package text tokenises and normalises social-media text once for every
// analysis of a post: sentiment, place names and profile matching all read
// the same []Token.
//
// Normalisation (Token.Norm): NFC, width folding, lower case, diacritics
// removed ("één" → "een", "Fryslân" → "fryslan"), apostrophes removed
// ("'s-Hertogenbosch" → "s-hertogenbosch" is split on '-' so tokens are "s",
// "hertogenbosch"), letters repeated three or more times reduced to two
// ("superrrr" → "superr", then Lemma-level reduction is up to the consumer).
//
// # Speed
//
// Lower-case ASCII words of up to 14 bytes, words of up to 7 letters and
// digits with capitals ("De", "Utrecht"), numbers of up to 7 digits,
// single ASCII punctuation bytes and the spaces between them are found
// by a loop that makes no call (words: in Go every value live across a
// call is spilled to the stack, which the single loop of before did for
// every token), each word from one or two 8-byte loads with
// byte-parallel class tests (no byte loop whose exit the CPU would
// mispredict once per word), and their tokens' fields are stored in
// place. TokenizeKeys also returns the key of each lower-case word of up
// to 8 bytes (its bytes in a uint64, from the load that found it), which
// the sentiment analyzer looks the word up by instead of loading it
// again. Every other token is found by token: ASCII words of 8 to 14
// letters and digits from two loads (wordWide), other ASCII words in one
// pass of a byte loop, longer ASCII punctuation runs on a fast path,
// words of Latin-1 and Latin Extended letters through a table built from
// the x/text chain, which serves all other text.
//
// Norms that differ from the text (capitals, elongation, apostrophes,
// hashtags, diacritics, upper-case URLs) are stored in one arena per call
// (one allocation of the text's length, at most 128 bytes, and another
// when it is full) instead of one allocation each; capitals are lowered
// in the load's register and stored 8 bytes at a time. A Norm that is
// kept keeps its arena (up to 128 bytes) alive: strings.Clone it to keep
// only its own bytes.
//
// Instructions per op (valgrind --tool=callgrind, GOGC=off, difference of
// a -test.benchtime 1000x and 3000x run) and mispredicted branches
// (cachegrind --branch-sim=yes) on 2026-11-29; wall clock on the
// otherwise idle machine, five runs alternating with the tokenizer
// before the arena (in brackets): BenchmarkTokenize 125–170 MB/s
// (107–181, 12 allocs), BenchmarkTokenizeNonASCII 28–45 MB/s (29–40, 30
// allocs):
//
//	go test -run '^$' -bench Tokenize -benchmem ./internal/text
//	  BenchmarkTokenize (444-byte ASCII post with capitals, hashtags, a
//	    URL): 23,020 instructions, 152 mispredicts, 128 B and 1 alloc
//	  BenchmarkTokenizeNonASCII (Dutch diacritics, emoji): 85,100
//	    instructions, 925 mispredicts, 256 B and 2 allocs
//	go test -run '^$' -bench 'Pipeline/ndjson/workers=1' -benchmem .
//	  a synthetic 76-byte post: 24,730 instructions and 425 mispredicts
//	    in all, the tokenizer's about 2,600 and 38 of them; 2.1
//	    allocations, one the tokenizer's arena (about 2.7 folded Norms)
//	cd bench/govader && go test -run XX -bench Analyze/socialgeo
//	  1,000 lower-case English review sentences: the words loop about
//	  2,100 instructions per 79-byte sentence (TokenizeKeys)
//
// # Concurrency
//
// Tokenize is safe for concurrent use; it keeps no state between calls.
package text

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word     Kind = iota + 1 // letters, digits inside words, internal hyphens split
	Number                   // digits, optionally with , . : separators (years, times, prices, postcodes)
	Hashtag                  // #word; Norm is the folded word without '#'
	Mention                  // @handle; Norm is the folded handle without '@'
	URL                      // http(s):// or www. links; Norm is the URL lower-cased
	Emoticon                 // ASCII emoticon such as :-) :( xD <3 :')
	Emoji                    // one emoji grapheme cluster (skin tones, ZWJ sequences, flags)
	Punct                    // punctuation run such as "!!!" or "?"; Norm is the run with repeats reduced to at most 3
)

var kindNames = [...]string{"?", "word", "number", "hashtag", "mention", "url", "emoticon", "emoji", "punct"}

// String returns the kind's lower-case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// Token is one unit of a post's text.
type Token struct {
	// Text is the token as written: s[Start:End] of the tokenised string.
	Text string
	// Norm is the normalised form used for matching: see the package doc.
	// For hashtags and mentions it excludes the '#' or '@'.
	Norm string
	// Start and End are byte offsets in the tokenised string.
	Start, End int
	// Kind classifies the token.
	Kind Kind
	// Elongated is true when letters or punctuation were repeated three or
	// more times in Text ("superrr", "!!!!").
	Elongated bool
	// Upper is true when Text has at least two letters and all are upper case.
	Upper bool
	// Title is true when Text starts with an upper-case letter.
	Title bool
	// SentenceStart is true when the token is the first word-like token of
	// the text or follows sentence-final punctuation (. ! ? or a newline)
	// or a colon, after which Dutch and English often capitalise.
	SentenceStart bool
}
