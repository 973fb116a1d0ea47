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
// which serves all other text.
//
// Norms that differ from the text (capitals, elongation, apostrophes,
// hashtags, diacritics, upper-case URLs) take their bytes from an arena
// instead of one allocation each. Tokenize and TokenizeKeys take a
// 512-byte arena from a sync.Pool and put it back with the room they
// left, so that successive calls share it (one allocation in some 30
// posts); the bytes of a returned string are never written again. A Norm
// that is kept keeps its arena (512 bytes) alive: strings.Clone it to
// keep only its own bytes. A caller that tokenises text after text in
// one goroutine (a pipeline worker) may keep an Arena of its own and
// call its TokenizeKeys instead: the same tokens and keys without the
// pool's Get and Put (BenchmarkTokenizePostsArena, with the keys, 2,646
// instructions a post against BenchmarkTokenizePosts' 2,718, callgrind;
// without the keys, when Arena had a Tokenize too, 2,563 and 19.3
// mispredicts against 2,735 and 20.4; BenchmarkPipeline/ndjson/workers=1,
// with the pipeline's worker on an Arena, 18,706 instead of 18,917 instructions a post and 18,742
// instead of 18,818 in two pairs of callgrind runs (its count varies by
// some 100 a post from run to run); cachegrind: 286 instructions, 5.6
// D1 misses and 3.9 mispredicts a post fewer).
// Since round 12 capitalised words of up to 8 bytes (their lowered
// bytes, which words already has for the Norm's store) and the general
// path's words (normKey) have keys too: BenchmarkTokenizePostsArena
// 2,647-2,656 -> 2,673-2,676 instructions a post, 19.4 -> 19.3
// mispredicts (cachegrind, 3000x and 13000x; BenchmarkTokenizePosts,
// which stores no keys, 2,706-2,735 before and after, run to run); in
// BenchmarkPipeline/ndjson/workers=1 the tokenizer +25 instructions a
// post, the sentiment analyzer's first pass, which no longer leaves its
// key loop for 5 words a post, -138 and 5.9 mispredicts and 1.0 L1d
// misses fewer (see sentiment's doc). Not kept: the capitalised word's
// key recomputed at its store (x|capitals(x)>>1, 0 when y != 0) instead
// of kept from the Norm's store, 2,679; the key stored right after the
// Norm's stores, before the token's fields, 2,694.
//
// Round 13 (cachegrind on BenchmarkTokenizePostsArena, per post, words
// with its inlined loads): 16.9 rounds of words' loop a post (about 15
// tokens), some 125 instructions for a lower-case word of up to 7
// bytes, 60 more for one of 8 to 15, 110 more for one with capitals
// (mostly spills: Go keeps few of the loop's values in registers), 45
// for a punctuation byte; its mispredicts are the text's end 3.1, a
// letter or not 3.6, capitals 3.4, clPlain 2.5, 8 bytes or more 2.4,
// punctuation 1.3. words now loads through load8 where it has tested
// i+8 <= len(s) (le.Uint64At's two bounds checks) and tests a 9 to 15
// byte word's triples from the differences of neighbouring bytes (two
// tests of 8 bytes instead of three): words 2,358 -> 2,281,
// BenchmarkTokenizePostsArena 2,677 -> 2,599, BenchmarkTokenizePosts
// 2,732 -> 2,656 (callgrind), mispredicts unchanged; in
// BenchmarkPipeline/ndjson/workers=1 words 2,183 -> 2,111 instructions
// a post, internal/text 2,392 -> 2,320. Its 14.6 L1 write misses a post
// there are the tokens' lines (15 tokens of 56 bytes): the batch's
// token array (some 28 KB) is evicted by the later stages, however the
// fields are written; a Token without Text (40 bytes) would make about
// 10, one with int32 offsets too (32 bytes) about 8 (an estimate). Done
// in the same round: Token is 32 bytes (no Text: [Token.Text] slices it
// from the tokenised string; int32 Start and End, so Tokenize takes at
// most [MaxLen] bytes). In BenchmarkPipeline/ndjson/workers=1
// (cachegrind, GOGC=off, a post) internal/text's L1 misses 17.6 ->
// 11.7, the whole run's 219.7 -> 185.5 (the candidates', the
// automaton's, sentiment's and the content terms' reads of the tokens
// too), instructions 17,585 -> 17,535, mispredicts 216.7 -> 212.0, LL
// misses 7.9 -> 8.3: cycle model -3.1 %. Not kept (words' instructions a post, from 2,334 after
// load8 or 2,281 after the triples): load8 for the other tested loads
// (the hashtag's, y, the long word's), 2,372, for y alone 2,373; a.keys
// in a local variable, 2,335; the lower-case word's token as a
// composite literal (*t = Token{...}), 2,524 (built on the stack and
// copied); the capitalised word's arena bytes through a *[16]byte and
// Upper without a branch, 2,334; Upper from the letters' bit 6, 2,283;
// len(s)-8 kept in a variable for the loop's end test, 2,269 but 19.2
// -> 19.6 mispredicts (BenchmarkTokenizePosts 19.7 -> 22.8); startPairs
// through a pointer variable, 2,288; dst's room tested through the text
// index (at most one token a byte) with the token stored at base+k
// instead of len(dst) < cap(dst), 2,312 and 28.8 mispredicts (the
// benchmark's dst holds fewer tokens than its posts have bytes, so the
// limit is met mid-text); one path for words with and without
// capitals (the lowered bytes always stored, Norm and the arena's
// length chosen without a branch), 2,914 and 23.0 mispredicts; a short
// word's valid mask recomputed in its triple test, 2,276 and 19.3
// mispredicts; its triple test before x is masked, 2,280.
//
// Instructions per op (valgrind --tool=callgrind, GOGC=off, difference of
// a -test.benchtime 20000x and 100000x run), mispredicted branches and L1
// misses (cachegrind --branch-sim=yes --cache-sim=yes) on 2026-11-29, with
// the figures before the round that added the hashtag, emoji and
// long-word paths to words in brackets:
//
//	go test -run '^$' -bench Tokenize -benchmem ./internal/text
//	  BenchmarkTokenizePosts (one of the pipeline benchmark's synthetic
//	    posts, 77 bytes on average): 2,656 since round 13, 2,718
//	    instructions before (3,050; 4,200
//	    before the round that added numbers, capitals of up to 15
//	    bytes, the pooled arena and the emoji fast path; 2,782 before
//	    words' strings came from sub; 2,735 while Tokenize called a
//	    function shared with Arena.Tokenize, since removed), 20.4
//	    mispredicts (21.5), 1.9 L1 misses (1.9), 0 allocations: words
//	    2,300, the arena pool about 160, Tokenize's own 85
//	  BenchmarkTokenize (444-byte ASCII post with capitals, hashtags, a
//	    URL): 22,700 instructions (23,000), 158 mispredicts (143, the
//	    difference mostly in functions the round did not change), 0
//	    allocations
//	  BenchmarkTokenizeNonASCII (Dutch diacritics, emoji): 82,400
//	    instructions (82,500), 946 mispredicts (1,074), 0 allocations
//	go test -run '^$' -bench 'Pipeline/ndjson/workers=1' -benchmem .
//	  a synthetic 76-byte post: 20,790 instructions in all (21,070,
//	    with the other packages' changes of the day), the words loop
//	    2,090 of them (2,220), wordToken 25 (56)
//	cd geo && go test -run '^$' -bench 'TextResolver/post/text'
//	  a 140-byte post: 10,550 instructions (10,800), the words loop
//	    4,300 of them (4,450; TokenizeKeysScratch)
//	cd bench/govader && go test -run XX -bench Analyze/socialgeo
//	  (before this round) 1,000 lower-case English review sentences:
//	    5,790 instructions a 79-byte sentence, the words loop 2,450
//
// Wall clock on the otherwise idle machine before the round that added
// numbers: BenchmarkTokenize 125–170 MB/s, BenchmarkTokenizeNonASCII
// 28–45 MB/s.
//
// Tried and not kept (2026-11-29, issue #7; cachegrind on
// BenchmarkTokenizePosts, per post, words 2,400 instructions and 16.6
// mispredicts; by the branch, the token's kind 3.5 of them, a word's
// capitals 3.4, the URL and emoticon pair test 2.6, a word's length of
// 8 or more 2.3, the load near the text's end 2.1): the pair test
// looked up for every letter without the clPlain test before it (the
// rows of the plain letters are empty): 2,477 instructions and 15.3
// mispredicts, the cycle model (Ir/2 + 16 a mispredict) 18 cycles
// worse; the 8-byte load from min(i, len(s)-8) shifted instead of the
// branch near the end: 2,523 instructions and 16.4 mispredicts. A
// branchless capitals path would add some 18 instructions to every
// lower-case word to save 3.4 mispredicts a post. In the pipeline
// (BenchmarkPipeline/ndjson, cachegrind) words costs 2,224
// instructions, 1.8 L1 misses and 20.9 mispredicts a post. This round
// (callgrind, BenchmarkTokenizePosts): one branch for a short word's
// triples, capitals and next byte instead of three, 3,012 -> 3,086 (the
// loop's registers spilled more); the load's bounds checks removed by
// testing uint(i) < uint(len(s)-7), 2,792 -> 2,971 (the checks stayed);
// the near-end branch inverted, 2,792 -> 2,800. Most of words' cost
// per lower-case word (some 120 instructions) is now spills and reloads
// of the loop's live values, the 64-bit constants of the
// byte-parallel tests and alignment NOPs, not the tests themselves.
// Round 10 (cachegrind, BenchmarkTokenizePosts): one branch on clPlain
// first for the plain letters and the letter test only behind it (two
// branches for the plain letters' words before): 2,782 -> 2,755
// instructions but 21.2 -> 23.2 mispredicts, the cycle model 18
// cycles worse.
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
// data cache between the stages that read them (with the text's string
// header and int offsets it was 56 bytes).
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
