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
// Most tokens of most posts are found by words, a loop that makes no
// call (in Go every value live across a call is spilled to the stack):
// ASCII words that start with a letter, of up to 15 letters and digits
// with capitals too ("De", "Amsterdam") and longer ones of small letters
// and digits, numbers of up to 7 bytes (digits, and . , : between
// digits: "19:30"), single ASCII punctuation bytes that start no
// emoticon, hashtags and mentions of up to 15 small letters, digits and
// underscores ("#koningsdag"), emoji of U+1F000 to U+1FAFF that an ASCII
// byte follows, and the spaces between them. Each token is found from
// one or two 8-byte loads with byte-parallel class tests (no byte loop
// whose exit the CPU would mispredict once per word; words of 16 bytes
// or more take 8 bytes a round); a branch is spent on the token's kind,
// a word's length (up to 7 bytes or more) and its capitals, little else.
// Capitals are lowered in the loads' registers and stored into the arena
// by two 8-byte stores, and the tokens' fields are stored in place.
// TokenizeKeys also returns the key of each word whose Norm is 1 to 8
// small ASCII letters and digits (the Norm's bytes in a uint64: from the
// load that found the word in words, lowered for a capitalised one, and
// from the Norm for the general path's), which the sentiment analyzer
// looks the word up by instead of reading its token.
// Every other token is found by token: other emoji that an ASCII byte
// follows without uniseg, other ASCII words in one pass of a byte loop,
// longer ASCII punctuation runs on a fast path, words of Latin-1 and
// Latin Extended letters through a table built from the x/text chain,
// which serves all other text. Most of words' cost, some 125
// instructions for a lower-case word of up to 7 bytes, is spills and
// reloads of the loop's live values, the 64-bit constants of the
// byte-parallel tests and alignment NOPs, not the tests themselves.
//
// Norms that differ from the text (capitals, elongation, apostrophes,
// hashtags, diacritics, upper-case URLs) take their bytes from an arena
// instead of one allocation each. Tokenize and TokenizeKeys take a
// 512-byte arena from a sync.Pool and put it back with the room they
// left, so that successive calls share it (one allocation in some 30
// posts); the bytes of a returned string are never written again. A Norm
// that is kept keeps its arena (512 bytes) alive: strings.Clone it to
// keep only its own bytes. A caller that tokenises text after text in
// one goroutine (a pipeline worker) may keep an [Arena] of its own and
// call its TokenizeKeys instead: the same tokens and keys without the
// pool's Get and Put.
//
// The benchmarks: BenchmarkTokenizePosts tokenises the pipeline
// benchmark's synthetic posts (testdata/posts.txt, 77 bytes on average),
// one post an op; BenchmarkTokenizePostsArena does so as the pipeline
// does, with the keys and a caller's Arena; BenchmarkTokenize tokenises a
// 444-byte ASCII post with capitals, hashtags and a URL;
// BenchmarkTokenizeNonASCII a text of Dutch diacritics and emoji; for
// each, -benchmem reports 0 allocations per op. Instructions per op
// (callgrind, GOGC=off, difference of two -test.benchtime counts),
// mispredicted branches and L1 misses (cachegrind):
//
//	BenchmarkTokenizePosts       2,656 instructions (2026-11-30); about 20 mispredicts,
//	                             1.9 L1 misses (2026-11-29)
//	BenchmarkTokenizePostsArena  2,599 instructions, words 2,281 of them (2026-11-30);
//	                             19.3 mispredicts
//	BenchmarkTokenize            22,700 instructions, 158 mispredicts (2026-11-29)
//	BenchmarkTokenizeNonASCII    82,400 instructions, 946 mispredicts (2026-11-29)
//
// In BenchmarkPipeline/ndjson/workers=1 the package takes 2,305
// instructions a post, words 2,058 of them, and 12.2 L1 misses
// (2026-11-30, fourteenth round). Wall clock, last measured on the otherwise idle machine
// before the round that added numbers to words: BenchmarkTokenize
// 125–170 MB/s, BenchmarkTokenizeNonASCII 28–45 MB/s. Reproduce with:
//
//	go test -run '^$' -bench Tokenize -benchmem ./internal/text
//
// and see docs/performance.md ("How we measure") for the instruction
// counts. The history of the speed work, and the levers tried:
// docs/performance/source.md.
//
// # Concurrency
//
// Tokenize is safe for concurrent use; it keeps no state between calls
// but the pooled arenas' free bytes (each call has an arena to itself).
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
//
// A Token is 32 bytes: it holds no copy of its text as written, which is
// s[Start:End] of the tokenised string s (see [Token.Text]), and its
// offsets are int32, so that a batch of posts' tokens stays in the L1
// data cache between the stages that read them.
type Token struct {
	// Norm is the normalised form used for matching: see the package doc.
	// For hashtags and mentions it excludes the '#' or '@'.
	Norm string
	// Start and End are byte offsets in the tokenised string.
	Start, End int32
	// Kind classifies the token.
	Kind Kind
	// Elongated is true when letters or punctuation were repeated three or
	// more times in the text ("superrr", "!!!!").
	Elongated bool
	// Upper is true when the text has at least two letters and all are upper case.
	Upper bool
	// Title is true when the text starts with an upper-case letter.
	Title bool
	// SentenceStart is true when the token is the first word-like token of
	// the text or follows sentence-final punctuation (. ! ? or a newline)
	// or a colon, after which Dutch and English often capitalise.
	SentenceStart bool
}

// Text returns the token as written: s[t.Start:t.End], where s is the
// string that was tokenised.
func (t Token) Text(s string) string { return s[t.Start:t.End] }
