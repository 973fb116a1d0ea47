// Package sentiment scores the sentiment of social-media posts, Dutch first
// and English second, with lexicons and rules in the manner of VADER (Hutto
// & Gilbert 2014), and explains every score token by token.
//
//	a := sentiment.Default()
//	sc := a.Analyze("Geweldig, weer vertraging bij de NS")
//	// sc.Polarity -0.74, sc.Label Negative, sc.Flags FlagSarcasm, sc.Lang nl
//	fmt.Println(a.Explain("Geweldig, weer vertraging bij de NS"))
//
// # Text pipeline
//
// Text is tokenised once by the project's shared tokenizer ([Token] is an
// alias of it): NFC, width and case folding and diacritic removal in
// Token.Norm; hashtags, mentions, URLs, numbers, emoticons (":-)", "xD",
// "<3") and emoji grapheme clusters (skin tones, ZWJ sequences, flags, via
// github.com/rivo/uniseg) kept whole; elongation ("superrrr", "!!!!!")
// reduced and flagged. [Tokenizer] and [TokenFilter] are one-method
// interfaces in the shape of bleve's analysis package, with Func adapters
// and [Chain]. [Analyzer.AnalyzeTokens] scores tokens the pipeline already
// has.
//
// # Rules
//
// Each lexicon word gets its valence (-4..+4) and then, in this order:
// capitals in a mixed-case text (+0.733), elongation (+0.3), intensifiers
// and dampers in the three preceding tokens of its clause ("heel", "erg",
// "super", "mega", "kei", "kapot", "beetje", "enigszins", "very",
// "slightly", …, decaying 1, 0.95, 0.9), negation in the three preceding
// tokens or a clause-final "niet" ("niet", "geen", "nooit", "allerminst",
// "not", "no", "never", "n't": ×-0.74), contrast ("maar", "echter", "toch",
// "but": before ×0.5, after ×1.5). Words such as "kapot", "vet", "ziek",
// "vreselijk" and profanity ("kanker", "tering", "fucking") act as
// intensifiers when a sentiment word follows and are then not scored
// themselves; compounds such as "kankermooi" or "superleuk" score their
// head +0.5 (FlagProfanity for profane prefixes). Then the text: sarcasm
// (below), exclamation marks (+0.292 each, up to 4), questions (×0.6).
// Polarity is sum/√(sum²+15), labels use ±0.05 and Mixed when positive
// and negative parts are both ≥ 1.5 and within a factor 2.
//
// # Sarcasm
//
// FlagSarcasm is set by the first matching rule:
//  1. a hashtag #not, #sarcasme, #sarcasm, #ironie, #irony, #cynisme;
//  2. a final "/s";
//  3. 🙄 🙃 😒 🤡 or "-_-" next to a literal positive word;
//  4. a phrase: "nou lekker dan", "lekker dan" (at clause start), "ja hoor",
//     "goh wat verrassend", "wat een verrassing", "yeah right", "oh great",
//     "knap hoor", "goed bezig hoor", …; "fijn/top/geweldig hoor" only with a
//     negative word in the text;
//  5. scare quotes around a positive word ("geweldige" service);
//  6. a positive evaluation next to a negative everyday situation
//     (vertraging, storing, file, uitval, regen, maandag, …) without a
//     contrast word, when "weer"/"alweer"/"nog", an -ing noun or an "!"
//     is present ("Geweldig, weer vertraging").
//
// When it fires, literal positive words are inverted (×-0.9); if nothing
// positive was left to invert the sum is lowered by 1.5. The polarity of a
// flagged post thus reflects the intended meaning.
//
// # Language
//
// [DetectLanguage] votes with function words: Dutch, English, or
// language.Und for short, hashtag- or emoji-only and other posts. Dutch
// and undetermined posts use the Dutch lexicons with an English fallback
// for words of four letters or more; English posts use VADER's lexicon.
//
// # Lexicons and overlays
//
// Lexicons are data (see [Lexicon], [ParseLexicon] for a user TSV file,
// [EmbeddedLexicon]). A domain overlay per profile ([Options].Overlay or
// [Analyzer.WithOverlay]) replaces values: a fire-service profile sets
// "brand" to 0, a youth profile "ziek" to +2.5. [Analyzer.LexiconVersion]
// gives the version and a content hash of all lexicons for reports.
//
// # Accuracy
//
// Measured with
//
//	go run ./internal/cmd/sentimenteval
//
// (3-class accuracy and macro-F1; for the VADER sets gold ≥ 0.5 is
// positive, ≤ -0.5 negative; Pearson r against the mean human rating):
//
//	| set                               |     n | accuracy | macro-F1 | Pearson r | sarcasm P | sarcasm R |
//	|-----------------------------------|-------|----------|----------|-----------|-----------|-----------|
//	| nl_social (own, testdata)         |   350 |    0.891 |    0.883 |         – |      1.00 |      0.86 |
//	| vader_movieReviewSnippets_en      | 10605 |    0.553 |    0.422 |     0.425 |         – |         – |
//	| vader_amazonReviewSnippets_en     |  3708 |    0.596 |    0.557 |     0.585 |         – |         – |
//	| vader_nytEditorialSnippets_en     |  5190 |    0.559 |    0.558 |     0.504 |         – |         – |
//	| nl_economic_headlines_train       |  6038 |    0.457 |    0.449 |         – |         – |         – |
//
// govader (github.com/jonreiter/govader) on the same VADER sets: r 0.423 /
// 0.590 / 0.502, mean 0.505, equal to ours (cd bench/govader && go test -v
// -run Accuracy). The own file was written by the author of the rules and
// lexicon, so its figures are optimistic; the economic headlines (news, not
// social media) are the independent Dutch check (published: Pattern 0.39,
// best Dutch dictionary 0.49 on the test split). Language detection on
// testdata/lang.tsv (460 posts, nl/en/und): accuracy 0.874 (go test -run
// DetectLanguageFloor -v ./sentiment); most misses are two- or three-word
// Dutch posts without function words, reported as und.
//
// # Speed
//
// Measured on the project's 2-core VM (2.1 GHz Xeon), 2026-11-29, the
// machine otherwise idle. Its wall clock varies by up to ±30 % between
// identical runs, so ranges are given, and instruction counts (valgrind
// --tool=callgrind, GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,
// difference of a -test.benchtime 1000x and a 21000x run), which do not
// vary, where they decide a claim.
//
//	cd bench/govader && go test -run XX -bench . -benchtime 1s
//	  1,000 Amazon review sentences (79 bytes, 17 tokens on average),
//	  the same texts for both:
//	  socialgeo 0.79–1.35 µs per text, 0 allocs; govader 9.1–15.1 µs,
//	  12 allocs; govader's time ÷ ours median 11.8× over 23 runs
//	  (10.3–16.9× in 22, 8.8× in one with a slow socialgeo half).
//	  Instructions: 5,780–5,830 per text against govader's 77,813
//	  (13.4×); 5,950 after the tokenizer's changes later that day
//	  (12.9×; medians 1.21 against 15.9 µs in six runs alternating
//	  with the code before them). After the analyzer's changes for
//	  issue #7 (below), on the tokenizer of that evening: 5,809
//	  against 5,963 with the analyzer before them, govader 74,798
//	  (12.9× against 12.5×).
//	  The ratio sub-benchmark, which alternates the two over the set
//	  within each iteration after a forced collection, gives 8.8–9.3×:
//	  there our tables start cold every 1,000 texts (about 1.1 µs a
//	  text instead of 0.9) and govader's garbage is collected outside its
//	  half. It is the stricter measure; the throughput of a stream of
//	  texts is the separate runs'.
//	go test -run XX -bench 'Analyze$' -benchtime 1s -benchmem ./sentiment
//	  six Dutch and English posts with emoji, hashtags and sarcasm:
//	  7,950 instructions per post (capitals, hashtags and emoji take the
//	  tokenizer's general path); 6,874 after issue #7, against 7,038
//	  with the analyzer before it on the same tokenizer; after its
//	  second round (cachegrind, 3000x and 9000x, two runs against
//	  three) 6,865-6,960 against 6,905-6,996, mispredicts 82.8-86.8
//	  against 79.8-81.9 (map probes vary with the hash seed from run
//	  to run; scanFast's exact compound test costs about 6
//	  instructions a word, and the rules fewer)
//	go test -run '^$' -bench AnalyzeTokenizedSynth -benchmem ./sentiment
//	  the pipeline's use until 2026-11-30 (AnalyzeTokenized with
//	  text.Tokenize's tokens; it now uses AnalyzeKeyed) on the pipeline benchmark's 20,000 synthetic posts (15.6 tokens,
//	  2.9 of them live, a post), cachegrind per post (-test.benchtime
//	  20000x and 60000x): 4,086 instructions, 42.6 mispredicts, 24.6
//	  L1d misses, against 4,515, 67.6 and 24.8 before issue #7: cycle
//	  model (Ir/2 + 12 L1d misses + 16 mispredicts) 3,638 -> 3,020.
//	  In the pipeline (BenchmarkPipeline/ndjson/workers=1, callgrind,
//	  2 and 6 ops of 20,000 posts): the analyzer's functions 3,960 ->
//	  3,615 instructions a post (keysOf 533, scanFast 953, prescan 293
//	  and findShort/get 197 -> the first pass prescanTokens 1,947 and
//	  get 19; sarcasm 477 -> sarcasmAny, phraseAt, ironicSituation 215;
//	  rules 1,015 -> 1,000; run 291 -> 236). Issue #7 asked for half.
//	  Cachegrind, the whole pipeline per post: mispredicts 345 -> 313,
//	  cycle model 18,824 -> 18,158 (-3.5 %); the first pass 36.6 -> 21.1
//	  mispredicts (model 1,627 -> 1,495), the rules 20.6 -> 21.3.
//	  Second round of issue #7, 2026-11-29 evening (exact compound
//	  candidates: 2.95 -> 2.35 live tokens a post; probeKeys; see
//	  below), cachegrind per post:
//	  AnalyzeTokenizedSynth (-test.benchtime 20000x and 60000x) 4,501
//	  -> 4,400 instructions, mispredicts 42.4 -> 38.7, L1d misses 24.4
//	  both, cycle model 3,221 -> 3,112 (-3.4 %); in the pipeline
//	  (BenchmarkPipeline/ndjson/workers=1, 1 and 3 ops, the same code
//	  around the analyzer) the analyzer's functions 4,017 -> 3,880
//	  instructions, 54.6 -> 49.8 mispredicts, 23.0 -> 20.6 L1d misses
//	  (the compound table: 8 KB -> 384 bytes), model 3,158 -> 2,984
//	  (-5.5 %; rules 902 -> 802, first pass with its probes 1,676 ->
//	  1,615). The whole pipeline's counts moved within their
//	  run-to-run variance (sync.Map probes differ with the hash seed).
//	  Wall clock not measured: the machine's load was 12-14.
//	  Speed round 9 (first pass in three loops, live meta words, see
//	  below), callgrind per post, -test.benchtime 20000x and 100000x:
//	  AnalyzeTokenizedSynth 4,350 -> 4,010 instructions (-7.8 %; the
//	  first pass with its probes 2,675 -> 2,448, run 254 -> 198);
//	  cachegrind 4,417 -> 4,015 instructions, L1d misses 24.9 -> 24.5
//	  (most of them the benchmark's cold tokens), mispredicts 38.3 ->
//	  39.4, model 3,120 -> 2,931 (-6 %). Analyze 6,927 -> 6,840.
//	  BenchmarkPipeline/ndjson/workers=1 (callgrind, 2 and 6 ops of
//	  20,000 posts): 21,000 -> 20,717 instructions a post, the
//	  analyzer's main functions about 3,460 -> 3,080.
//	  Speed round 10 (collectKeys tests a Word first and the kinds for
//	  its second loop by one mask), -test.benchtime 20000x and 100000x,
//	  cachegrind: AnalyzeTokenizedSynth 4,036 -> 3,954 instructions,
//	  mispredicts 38.8 -> 39.6, L1d misses 24.2 -> 24.4 (model -26); in
//	  the pipeline (cachegrind, one run of 2 ops, 60,000 posts)
//	  collectKeys 842 -> 778 instructions and 13.0 -> 11.6 mispredicts
//	  a post; the pipeline (callgrind, 2 and 6 ops) 375.7 M an op
//	  (18,787 a post; about 378.0 M given for the code before).
//
//	  Speed round 11 (a word without the tokenizer's key but with a
//	  short one, capitalised or from its general path, five a post, is
//	  probed in scanFast's key loop: see below), cachegrind per post,
//	  -test.benchtime 20000x and 100000x: AnalyzeKeyedSynth (the
//	  pipeline's AnalyzeKeyed on the same posts) 3,939 -> 3,521
//	  instructions, mispredicts 52.8 -> 46.5, L1d misses 25.8 -> 25.2;
//	  in BenchmarkPipeline/ndjson/workers=1 (cachegrind, 2 and 6 ops)
//	  the analyzer's functions 3,061 -> 2,889 instructions a post,
//	  mispredicts 48.7 -> 45.1, L1d misses 25.3 -> 25.0 (model 2,613
//	  -> 2,467, -5.6 %). Analyze (callgrind, 3000x and 9000x) 6,552 ->
//	  6,472.
//
//	  Speed round 12 (the short table's keys placed markers first, by
//	  key: see wordTable.placeOrder; prescan fills the caller's
//	  prescanned; phraseAt skips the phrase's first word; scanFast
//	  counts the other tokens down in p.letters), cachegrind per post,
//	  -test.benchtime 20000x and 100000x, two runs each (the maps' hash
//	  seeds move a run by up to 40 instructions and 1 mispredict):
//	  AnalyzeKeyedSynth 3,514-3,534 -> 3,371-3,413 instructions,
//	  mispredicts 45.9-46.4 -> 41.6-42.2, L1d misses 25.3-25.5 ->
//	  25.2-25.3 (model about 2,805 -> 2,670), 0 allocations; in
//	  BenchmarkPipeline/ndjson/workers=1 (cachegrind, 2 and 6 ops) the
//	  analyzer's functions 2,889 -> 2,776 instructions a post,
//	  mispredicts 45.8 -> 41.5, L1d misses 25.2 -> 24.8 (model 2,480 ->
//	  2,350, -5.2 %; the whole pipeline 18,386 -> 18,191). The placement was the maps'
//	  order before, which put "de" (in nearly every post), "om", "ik"
//	  and "is" past their full home bucket in some builds: 1.71 probes
//	  a post on past a bucket (metaMore, a mispredicted branch and
//	  probeFrom's call), 0.10 now, and the short table is the same in
//	  every build.
//
//	  Then the tokenizer's keys for all short words (text.TokenizeKeys:
//	  capitalised words and its general path's have theirs too, all
//	  10.5 short words of a pipeline post instead of 5.5), cachegrind
//	  per post: AnalyzeKeyedSynth (20000x and 100000x) 3,399 -> 3,086
//	  instructions, mispredicts 41.8 -> 35.0, L1d misses 25.0 -> 21.9;
//	  Analyze (callgrind, 3000x and 9000x) 6,865 -> 6,361; in
//	  BenchmarkPipeline/ndjson/workers=1 (2 and 6 ops) the analyzer's
//	  functions 2,782 -> 2,644 instructions, mispredicts 41.6 -> 35.7,
//	  L1d misses 25.0 -> 24.0, the tokenizer's 2,367 -> 2,392
//	  instructions (the whole pipeline 17,822 -> 17,710, mispredicts
//	  223.7 -> 215.4, L1d misses 221.9 -> 219.8; model about -215
//	  cycles a post).
//
// How: the shared tokenizer (internal/text) finds short lower-case ASCII
// words from 8-byte loads without a call and hands each one's 8-byte key
// to the first pass, which reads one 32-byte bucket of a table of all
// words of up to 8 bytes (language votes, entry and role in one meta
// word; longer words in a second table) with no branch on whether the
// word is known; a 1-bit-per-key Bloom filter (8 KB, stays in the cache)
// sends most unknown words to an always-empty bucket instead of a cold
// line of their own. The rules pass visits only tokens that can carry a
// value or a role (live tokens), and reads the three tokens before and
// after a scored word for boosters and negation only when a live token
// is among them. The sarcasm rules run only when a token can start one,
// and then (but for Explain, which gives the first rule in token order)
// each rule only where the first pass or a live token can start it.
// Analyze keeps its tokens and per-token state (32 bytes a token) in a
// pooled scratch and clears only the entries used.
// [Analyzer.AnalyzeKeyed] (the pipeline, which tokenises once for every
// analysis) takes Analyze's first pass, on the tokenizer's keys (every
// word whose Norm is 1 to 8 small ASCII letters and digits has one,
// capitalised or not); a word without one ("café", "zo'n", or any when
// a caller's keys are 0) gets its key from its Norm in the same loop
// when it has a short one, and only the rest (long words, hashtags,
// elongated words) take prescan's lookup by a call.
// [Analyzer.AnalyzeTokenized], AnalyzeTokens and Explain take the first pass in
// three loops: one over the tokens (collectKeys, a function of its own
// without a call for nearly all tokens, so that its variables stay in
// registers) takes the keys of the words of up to 8 bytes (one load of
// the text, or the Norm's loads for a capitalised word) and counts words
// and one-byte punctuation; one does the other tokens (long words,
// hashtags, emoji); one (probeKeys, with the probe written out rather
// than a call per key) probes the keys alone (the single loop's exits at
// the other tokens were mispredicted about ten times a post) and moves
// the live ones, with their meta words, to the front of its buffers. The
// rules read the live tokens' meta words only (a token that is not live
// resolves to no entry and no role), so that no meta word per token is
// stored or zeroed. A word without an entry or a role is live only when
// it can be an intensifying compound: it starts with a whole profane
// or intensifying prefix and has 3 bytes more (a 16-slot table by the
// first two bytes for short keys); with a test of the first two bytes
// alone, "met", "meer", "kan" and "reacties" were live, a fifth of the
// live tokens of the pipeline's posts, each a round of the rules pass
// and a mispredict or two.
//
// Tried in that round and not kept (BenchmarkAnalyzeTokenizedSynth,
// cachegrind): a first loop over the tokens without a branch on their
// kind (keys loaded and tested for every token, the other tokens to a
// list for a second loop) cost 4,360 -> 5,044 instructions and more
// mispredicts (Go kept its 14 variables on the stack, and the
// capitalised words' lookup through get mispredicted as much as the
// switch had); the keys taken in probeKeys' loop instead of the first
// loop, 4,360 -> 4,531; the probe's live list kept in place of its
// indices, -48 instructions and +2.4 mispredicts (a copy loop); the
// entry of the text's language selected without a branch in the rules,
// +31 instructions and +1 mispredict (compiled with branches all the
// same); the Bloom filter at 2 KB instead of 8 (in the pipeline about
// 1.7 L1d misses a post fewer, too few to count against more unknown
// words probing the table in a stream of texts).
//
// Tried in round 10 and not kept: keys of up to 3 bytes (function
// words, nearly all known) probed their home without the filter (a
// filter hash masked to an always-set bit without a branch): in the
// pipeline 1.7 L1d misses a post fewer in probeKeys, but about 90
// instructions more (the mask, 9 a key), a loss by the cycle model; a
// compare for it (min, or a bool) was compiled to a branch that was
// mispredicted for one key in two.
//
// Tried in round 11 and not kept (AnalyzeKeyedSynth and the pipeline,
// cachegrind): Explain's appends out of line (rules' code 16.4 -> 12.9
// KB): no fewer I1 misses (3.8 -> 3.9 a post in the pipeline) nor
// instructions, and cachegrind's mispredicts of functions not changed
// moved by 2 or 3 a post with the code's addresses alone (its
// predictor's table aliases), so that mispredict counts of one
// function below that are no evidence; scanFast's test for a Word
// before its switch, 3,521 -> 3,517; the rules reading the live tokens'
// meta words by token from prescan's keys instead of a list (prescan's
// copy loop gone, -31 instructions a post, the rules +22 for their
// bounds checks and registers).
//
// Tried in round 12 and not kept (AnalyzeKeyedSynth, cachegrind):
// scanFast's deferred tokens (long words, hashtags) left in live's end
// for prescan after one pass, instead of a return to prescan and a call
// to scanFast again for each (1.4 a post): 3,458 -> 3,483 instructions
// (scanFast's cost did not move; prescan's insertion added 23); the
// booster loop's test of the live token before hoisted out of its
// condition, -3 instructions; the positive/negative and emoji/word
// parts of the sum added without a branch (0.7 mispredicts a post): Go's
// min and max of floats (NaN-safe) took some 30 instructions a value,
// more than the mispredicts cost by the cycle model.
// What was left then was the tokenizer's (since done: see round 12
// above): 5 of a post's 10.5 short words
// (2.6 lower-case words of its general path, 2.4 capitalised ones)
// come without a key, and each such token leaves scanFast's key loop
// (8.3 mispredicts a post on its exit) and reads its Token (9.7 L1d
// misses a post on the first read of Kind). With keys for those words
// (the same posts, keys added in the benchmark's setup, not kept)
// AnalyzeKeyed took 3,151 instructions instead of 3,466, 33.7
// mispredicts instead of 41.4 and 21.7 L1d misses instead of 24.5
// (model -314 a post).
//
// Since 2026-11-30 the pipeline does hand over the tokenizer's keys
// (Analyzer.AnalyzeKeyed with the keys of an Arena's TokenizeKeys),
// which round 9 below tried and did not keep: after round 10 the
// analyzer's share of BenchmarkPipeline/ndjson/workers=1 went from
// 3,530 to 3,060 instructions a post and the tokenizer's from 2,290 to
// 2,350 (cachegrind, 6 and 2 ops; the whole pipeline 18,420 -> 18,090),
// with some 6 mispredicts a post more in cachegrind's simple predictor
// (scanFast's first pass in place of prescanTokens and probeKeys).
//
// Tried in round 9 and not kept (same benchmark, callgrind): the
// pipeline handing over the tokenizer's keys (text.TokenizeKeys, the
// prescan path of Analyze): 3,977 instructions in the analyzer against
// 4,074, but 288 more in the tokenizer; the capitalised words looked up
// in the second loop (through get or findShort) instead of probed with
// the others, +100 to +200; probeKeys with the table's fields in
// locals, +29; the word class by pointer in the rules loop, +36 (the
// rules function's registers are spilled either way); an inlinable
// keyLoads for short keys (the compiler does not inline it). What is
// left is spread thin: the tokenizer's loop
// (about 115 instructions per token), the first pass (about 125 per
// token in the pipeline: its variables do not fit the registers; one
// fused loop, a key loop without branches and a loop without calls were
// tried and cost more than they saved; the loop without calls pays now
// that it is a function of its own: about 60 a token, and 90 a key for
// the probe) and the rules pass (about 940 per text, 550 of them in the
// loop over 2.35 live tokens).
//
// [New] builds the word table of both languages (entries, English
// fallback, roles, language markers) in about 20–25 ms and 10 MB; the
// probed tables take 0.5 MB and the filters 16 KB.
//
// # Concurrency
//
// An [Analyzer] is compiled by [New], immutable and safe for concurrent
// use; [Analyzer.WithOverlay] returns a new one. [Default] is built once.
// Lexicons are read-only after construction. [Explanation] values are
// owned by the caller.
//
// # Data and licensing
//
// The embedded lexicons are generated by sentiment/internal/gen (go
// generate) from ../shared/data/sentiment and carry their source and
// licence in their header:
//   - data/nl.tsv: Pattern nl-sentiment.xml, PDDL / BSD-3-Clause, (c)
//     2011-2013 University of Antwerp; De Smedt & Daelemans (2012) "Vreselijk
//     mooi!", LREC 2012. And LUPJE, MIT, (c) 2020 Jeffrey Luppes; Luppes, J.
//     (2018), Radboud University.
//   - data/en.tsv: VADER lexicon, MIT, (c) 2016 C.J. Hutto; Hutto & Gilbert
//     (2014), ICWSM-14.
//   - data/emoji_esr.tsv: licensed CC BY-SA 4.0, separately from the code:
//     an adaptation of the Emoji Sentiment Ranking 1.0, Kralj Novak,
//     Smailović, Sluban & Mozetič (2015) Sentiment of Emojis, PLoS ONE
//     10(12): e0144296, CLARIN.SI hdl 11356/1048.
//   - data/nl_slang.tsv and data/emoji_own.tsv: written by this project
//     (Apache-2.0, like the code): Dutch social-media words, straattaal,
//     misspellings, masks for function words, and emoji absent from the ranking (🙄 🙃 🤡 🥲).
package sentiment
