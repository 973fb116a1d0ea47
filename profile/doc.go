// Package profile holds topic profiles: open, portable definitions of what
// to watch that two organisations can exchange, diff, validate and prove
// identical, with their purpose and legal basis attached. Many profiles
// compile into one [Matcher] that reads each post once.
//
// # The profile
//
// A [Profile] is plain data with a documented JSON form: the JSON Schema
// (draft 2020-12) is schema/profile.schema.json, and schema/profile.jsonld
// is a JSON-LD context that makes the same file linked data (schema.org,
// dcterms, skos). [Decode] reads one (unknown fields are errors; a JSON-LD
// "@context" is allowed). Fields, by JSON name:
//
//	id            declared ID, [a-z0-9][a-z0-9._-]*; referred to as profile:id
//	name          human-readable name (required)
//	version       version string (required)
//	description   what the profile is for
//	languages     BCP 47 tags the query is written for (a set)
//	owner         maintaining organisation (name or URI)
//	query         the boolean query (grammar below)
//	references    IDs of the profiles the query refers to; exactly those in query
//	concepts      SKOS / NL-SBB concept URIs (dcterms:subject)
//	overlay       sentiment lexicon overlay, term -> valence -4..+4, the shape of
//	              sentiment.Analyzer.WithOverlay (a fire profile sets "brand" to 0)
//	indicator     the statistic it defines: {kind: share|count|unique-authors,
//	              unit: posts|authors, per: area-hour|area-day|area-week|area-month,
//	              role: from|home|about|any}; the CBS social-tension style indicator is
//	              {"kind":"share","unit":"posts","per":"area-day"}
//	scope         area IDs at any gazetteer level (GM0518, PV28, VR15, PC4-2511);
//	              a scoped profile matches only a Doc with an area in scope (any role)
//	purpose       description, legal_basis, retention (ISO 8601 "P30D", "P6M", "P1Y";
//	              [Purpose.RetentionDays]), person_level (default false),
//	              register_url (algorithm-register entry)
//
// # Query language
//
// Case- and diacritic-insensitive: terms are folded with the shared
// tokenizer (internal/text), the normalisation that sentiment uses.
//
//	query    = or .
//	or       = and { "OR" and } .
//	and      = near { [ "AND" ] near } .           adjacent operands: implicit AND
//	near     = unary { nearop unary } .            left-associative
//	nearop   = "NEAR/" n | "ONEAR/" n .            n = 0 … 50
//	unary    = "NOT" unary | primary .
//	primary  = "(" or ")" | filter | ref | term .
//	filter   = ( "lang" | "platform" | "kind" | "area" | "from" | "home" | "about" ) ":" value .
//	ref      = "profile:" id .
//	term     = word | word "*" | "#" word | "#" word "*" | "@" word | phrase .
//	phrase   = '"' word { word } '"' .
//
// Precedence, tightest first: NOT, NEAR/ONEAR, AND, OR; parentheses group.
// Operators and field names are written exactly so (upper-case operators,
// lower-case field names); anything else is a term, and a quoted phrase is
// always a term.
//
//   - word matches word, number and hashtag tokens; "#word" only hashtags;
//     "@word" only mentions. A phrase matches consecutive tokens, skipping
//     joining punctuation ("wijk-bij-duurstede"); other punctuation breaks it.
//   - word* is a suffix wildcard; the prefix needs [MinPrefix] (3) letters.
//   - a NEAR/n b: an occurrence of a and one of b with at most n tokens
//     between them (punctuation not counted), in either order; ONEAR/n
//     requires a before b. Operands are terms, phrases, NEAR groups or
//     parenthesised ORs of those; the result can be an operand again.
//   - lang:nl matches Doc.Lang "nl" and "nl-BE"; platform: and kind: compare
//     Doc.Platform and Doc.Kind; area:ID matches an area of the Doc in any
//     role, from:ID / home:ID / about:ID only in that role. Area IDs are
//     gazetteer IDs at any level (GM0363, PV27, VR13, WK…, BU…, PC4-1012);
//     list every level in Doc.Areas. A filter on an unknown (empty) field
//     is false.
//   - profile:id refers to another profile; [Compile] and
//     [Registry.Compile] inline it. [Query.Match] leaves it unresolved (false).
//
// Filters and NOT only restrict: [Validate] rejects a query that can match
// without a term ("NOT x", "lang:nl", "x OR NOT y"). Errors from
// [ParseQuery] are *[SyntaxError] with the byte position.
//
// # Identity
//
// [Normalize] puts a profile in canonical form: the canonical query
// (folded terms; nested AND/OR flattened, operands sorted and
// deduplicated; unordered NEAR operands sorted; every group parenthesised),
// set-like lists sorted and deduplicated, overlay terms folded. [Canonical]
// is its JSON with sorted keys, no white space and no HTML escaping, and
// [ContentID] is "sha256:" plus the hex SHA-256 of that JSON: profiles that
// differ only in formatting or term order share an ID. The ID of a
// composite covers its own definition; [Registry.Expand] inlines the
// sub-profiles, so the ID of its result covers them too. [DiffProfiles]
// reports added and removed terms, query structure, scope, overlay,
// purpose, version and other changed fields.
//
// # Validation and person targeting
//
// [Validate] returns errors.Join of every *[FieldError] (JSON path of the
// field, message, and the *SyntaxError for a bad query): required fields,
// ID form, language tags, parse errors, match-everything queries, wildcard
// prefixes shorter than MinPrefix, references used but not listed (or the
// reverse), self-reference, concept URIs, overlay range and duplicate
// terms, indicator values, scope area IDs, retention and register URL.
// [Registry.Validate] also resolves references: unknown profiles, cycles
// (a -> b -> a), and person targeting through sub-profiles.
//
// Person targeting is rejected unless Purpose.PersonLevel is true: an
// @handle term, a phrase of two to four words that starts with a common
// first name ("Jan Jansen", "Fatima el Amrani"; a small embedded list of
// about 130 first names common in the Netherlands, with exceptions such as
// "Anna Paulowna"), and a NEAR with a first name as an operand
// ("jan NEAR/1 jansen"). The rule works on folded words, so it is the same
// for a profile and its canonical form. It is a heuristic: a surname alone
// or a rare first name passes, so the purpose statement stays the control.
//
// # Matching
//
// [Compile] (or [CompileWith], [Registry.Compile]) validates the profiles,
// inlines references, and builds one internal/match automaton over every
// term of every profile; wildcards go to a prefix table. [Matcher.MatchDoc]
// scans a [Doc]'s tokens once, collects the term hits, and evaluates the
// boolean query only for profiles with a hit — exact, because every valid
// query needs a term. Each [Match] has the profile ID and the [Span]s of
// its non-negated terms (canonical term, byte offsets), for explanations
// and for labelling peaks. [Matcher.Match] takes tokens only (a Doc without
// metadata). The cost grows with the number of profiles that have a hit,
// not with the number compiled; within a profile, an OR of many operands
// (CrisisLex's hundreds of NEAR pairs) evaluates only the operands whose
// terms occur, through an index built at compile time:
//
//	go test -run '^$' -bench Match -benchtime=1s -benchmem ./profile/
//	(2-core VM, otherwise idle, 2026-11-29 morning; wall clock varies by
//	up to ±30 % between runs there; one 25-token post with lang/platform
//	filters, NEAR and wildcards; synthetic profiles with distinct terms,
//	1 / 3 / 3 of them matching)
//	BenchmarkMatch1          828 ns/op   128 B/op   1 allocs/op
//	BenchmarkMatch100       1392 ns/op   256 B/op   3 allocs/op
//	BenchmarkMatch1000      1464 ns/op   256 B/op   3 allocs/op   (1.8x one profile)
//	BenchmarkMatchLibrary   1059 ns/op   128 B/op   2 allocs/op   (the 11 library profiles;
//	                        9,400 instructions/op with the OR index, 52,800 without: callgrind)
//	BenchmarkMatch1000Candidates  14819 ns/op  64 B/op  1 allocs/op  (worst case: all
//	                              1000 profiles share a term of the post, all evaluated)
//
// Since the evening of 2026-11-29 every benchmark above allocates once
// per call with matches (the Terms of all its matches share one array);
// their instructions per op after that evening's changes are below.
// Since round 12 (2026-11-30) the Terms of many calls share an array of
// 32 spans (1 KB; a caller that keeps a Match keeps its array alive):
// about one allocation per 20 calls with matches (see Round 12 below).
//
// # How MatchDoc finds the hits
//
// First a filter: MatchDoc reads the first and last bytes of each token
// and tests two bits of one 64-bit word of a 2 KB table, the word of its
// first bytes: its word bit (the words of one-word patterns, one word of
// each phrase, its trigger word) and the prefix bit of its first bytes
// (wildcard prefixes; a token shorter than every prefix tests its word
// bit only: "een" and "bij" passed as prefix candidates in a fifth of the
// synthetic posts); of the tokens that pass, it keeps the words, numbers,
// hashtags and mentions, the kinds a term can hit (the test after the
// bits, where it is taken about once a post, not in front of them as
// before round 10, where it was mispredicted 3.7 times a post). A post
// with no token that passes returns at once. The few candidates that pass
// (at most 16; a post with more takes the automaton) are looked up
// exactly: a one-word pattern's hits come from a table of the words, a
// phrase's from comparing the tokens around each token of its trigger
// word (joiners such as "-" skipped, as the automaton does), wildcard
// hits from a small table of the prefixes by their first bytes, each
// hit's token kind tested in a bit set per variant (not through the
// variant's node, two cache lines). The hits go to a buffer on the stack
// first: a post whose hits belong only to profiles that cannot match
// (their need, below, fails, or their scope, or, for a query that is an
// indexed OR such as CrisisLex's, the need of every kid it could
// evaluate) returns without taking the pooled scratch space. Each variant
// gets the hits the automaton would report, in its order
// (TestMatchDocFilter compares the two paths on the pipeline's synthetic
// posts and on random profiles and texts).
//
// Then, before eval, a candidate profile (and each kid of an indexed OR)
// must meet its need: clauses of 64-bit masks of variants (NEAR counted as
// AND, bits shared modulo 64), each of which must meet the bits of the
// variants with hits. Most candidates fail it — "koningsdag" without
// "tram*", "gemeente" without "klacht", a CrisisLex word without the other
// word of any of its pairs — and cost a few instructions instead of eval;
// a need that passes still takes eval, so it changes no result.
//
// Instructions and cachegrind counts per post (valgrind --tool=cachegrind
// --cache-sim=yes --branch-sim=yes, GOGC=off GOMAXPROCS=1, difference of
// two runs; BenchmarkMatchSynth: 5 and 25 ops of the pipeline's 2,000
// synthetic posts with the library, -benchtime 5x and 25x;
// BenchmarkMatchLibrary: one post with the phrase "geen stroom", 1000x and
// 3000x; cycle model Ir/2 + 12 L1 misses + 16 mispredicts; 2026-11-29):
//
//	                            instructions  L1 misses  mispredicts  model
//	MatchSynth, no filter           2,582        27.2        40.8     2,271
//	  with the filter (afternoon)   2,085        24.3        27.4     1,776
//	  evening                       1,617        21.2        20.8     1,395
//	  one load a token (round 9)    1,190
//	  round 9, cachegrind           1,189        21.5        21.6     1,197
//	  kind test after the bits      1,261        20.8        17.7     1,163
//	MatchLibrary, no filter         8,410                    87.5
//	  with the filter (afternoon)   9,630-9,910             109-116
//	  evening                       7,110                    69.3
//	  one load a token (round 9)    6,505
//
// Round 9 (2026-11-29 night; callgrind, /tmp/cg_diff.sh BIN
// 'BenchmarkMatchSynth$' 20 100, divided by 2,000 posts; MatchLibrary
// 20000 100000): the filter's two bits in one word (one load and two
// 32-bit multiplications a token instead of two loads and two 64-bit
// ones), short punctuation skipped, hits buffered on the stack and the
// indexed OR's kids' needs tested before scratch space is taken
// (CrisisLex passed its profile need, every bit, in 483 of the 2,000
// posts and matched none; 85 now). Match1000 10,151 -> 8,837,
// Match100 9,290 -> 8,750, Match1 and Match1000Candidates unchanged
// within their noise (about ±100 and +0.5 %).
//
// Match1 / Match100 / Match1000 / Match1000Candidates, counting only the
// functions of this package, internal/match, slices, sync, maps and
// allocation (500x and 1500x): 4,815 / 12,540 / 13,156 / 212,564
// instructions in the afternoon, 4,208 / 8,685 / 9,665 / 106,764 now.
//
// In the afternoon's filter a post with a phrase word took the automaton
// after the filter, and its prefix loop did a map lookup for each prefix
// length of every token, behind an 8 KB gate: MatchLibrary's post paid
// both, the regression that the phrase comparison removed. The filter's
// table is 2 KB since that afternoon: with 8 KB its lines missed the L1
// cache about 10 times a post in the pipeline, where other stages evict
// them between posts (then the whole pipeline: 28,836 -> 28,241
// instructions a post, cycle model -3.3 %). In BenchmarkPipeline/ndjson
// (workers=1, cachegrind, 1x and 2x, per post counted as the afternoon's
// figures were; this package's matching functions only, without the
// pool, maps and allocation they call) the matcher now costs 1,292
// instructions, 15.2 L1 misses and 23.4 mispredicts a post, against
// 1,618, 24.3 and 32.9 with the afternoon's filter: cycle model 1,628 ->
// 1,202 (-26 %). (The difference of 1x and 2x counts one fresh Run and
// one repeated on the same Pipeline; that of 2x and 4x, two repeated
// Runs, counts about half the matcher's instructions a post, 814 -> 651,
// model 824 -> 607, also -26 %: the repeated Runs match fewer posts, so
// a fresh Run costs the matcher some 2,400 -> 1,900 instructions a
// post.) Wall clock, one alternating sample on the busy VM (load
// 5-8; 20 runs each of -benchtime 300x, medians): BenchmarkMatchSynth
// 1.90 -> 1.38 ms an op of 2,000 posts, BenchmarkMatchLibrary 1,260 ->
// 1,042 ns.
//
// Round 12 (2026-11-30), allocations. With the GC on, malloc, marking
// and write barriers are a tenth of the pipeline's time, and the
// matcher's one allocation per call with matches (slices.Clone of the
// spans, 0.13 a post) was a seventh of the pipeline's objects. evalHits
// now appends the Terms straight to the free rest of an array of 32
// spans kept in the scratch space (a new array when fewer than four are
// free; append's when a call's spans do not fit), which callers then own
// and the matcher never writes again: no copy from scratch space either.
// BenchmarkMatchSynth (cachegrind, GOGC=off, 5x and 25x, per post):
// 1,273 -> 1,224 instructions (malloc, growslice and the heap bits of
// the clone), 220 -> 14 allocs/op, 13,471 -> 16,421 B/op (the arrays'
// unused tails); BenchmarkMatchLibrary 6,397 -> 6,180 instructions, 1
// -> 0 allocs/op (one 1 KB array per few calls: 143 -> 177 B/op).
// BenchmarkPipeline/ndjson/workers=1 (-benchmem, 20,000 posts an op):
// 18,237 -> 15,950 allocs/op (0.91 -> 0.80 objects a post), 17.65 ->
// 17.68 MB/op; cachegrind (GOGC=off, 2x and 6x, per post): 18,386 ->
// 18,353 instructions, the runtime's malloc, growslice and heap bits
// about 50 fewer (the rest is internal/sync.HashTrieMap, which moves
// ±80 between runs), this package 1,067 -> 1,068, 21.6 -> 21.7 L1
// misses, 20.2 -> 19.6 mispredicts.
//
// Round 13 (2026-11-30): lookupWord compares a word of up to 8 bytes
// by its match.TokenKey and length, which tell all its bytes (its slot
// keeps the key; 24 -> 32 bytes), instead of as a string, a call of
// runtime.memequal for each candidate that is a word of words.
// BenchmarkMatchSynth (cachegrind, GOGC=off, 5x and 25x, per post):
// 1,238 -> 1,205 instructions, 20.7 -> 20.5 L1 misses, 17.7 -> 17.8
// mispredicts (filterHits +0.2, the memequal calls' 0.3 gone), 0
// allocations more; BenchmarkMatchLibrary (callgrind, 20000x and
// 100000x) 6,119 -> 6,060 instructions; BenchmarkPipeline/ndjson/
// workers=1 (cachegrind, GOGC=off, 2x and 6x, per post) memeqbody and
// memequal 95 -> 83 instructions, this package's functions 1,068 ->
// 1,067, 21.7 -> 21.6 L1 misses, 19.5 -> 19.9 mispredicts (its
// pipeline posts have fewer candidates than the benchmark's). Of the pipeline's 2,000 synthetic posts (15.6
// tokens a post), 60 % have a candidate (1.05 a post; 27 % of them
// false: a collision in the filter), 13 % reach evalHits and 11 %
// match.
//
// Tried and not kept: the candidates' flags (word bit, prefix bit) set
// in the filter loop (+160 instructions a post of BenchmarkMatchSynth),
// and the tokens' keys stored there for the lookups (+100): with more
// values live in the loop the compiler kept the keys and toks on the
// stack; the loop is a function of its own (candidates) for the same
// reason. The length branch of the key (four-byte loads or three single
// bytes) is the loop's most mispredicted branch under cachegrind (7.5 a
// post of BenchmarkMatchSynth, 8.5 once short punctuation takes it too).
// Round 10 tried two ways around it and kept neither (cachegrind,
// BenchmarkMatchSynth, candidates alone, per post): the key without a
// branch (the four-byte loads from a zero pad chosen by an index into a
// two-string array, as the compiler will not select a load address by
// a conditional move, and the short key masked in), 464 -> 1,070
// instructions and 13.6 -> 2.2 mispredicts, model +120; the tokens
// sorted by length, without a branch, into two lists of a 64-token chunk
// and a loop of its own for each (the candidates as bits of a mask), 464
// -> 1,368 instructions and 4.0 mispredicts, model +300. Go's code for
// the branch-free forms (spills, setcc and zero-extensions) costs more
// than the 16 cycles of a mispredict it saves. Round 11 gave the filter
// each token's key from the pipeline (one pass after tokenising for it
// and internal/match's scan; see that package's doc): BenchmarkMatchSynth
// with the keys (cachegrind, per post) 1,261 -> 1,291 instructions, 17.5
// -> 9.1 mispredicts, but the pass cost the pipeline more than the
// consumers saved: not kept. Nor kept: a bit set per
// variant (the union over its profiles of a clause of their needs
// without its own bit) that let hitSink.result skip a hit without
// loading the variant's profiles: in BenchmarkPipeline 57 -> 50
// instructions a post in result, D1 misses and mispredicts unchanged
// within the noise of code layout (±1 mispredict a post). Round 12:
// the spans copied from scratch space into the shared arrays (as
// slices.Clone did, without its allocation), 1,238 instructions a post
// of BenchmarkMatchSynth against 1,223 appended to them directly; and
// the variants of a word's one-word pattern as a range of one flat
// array in its wordInfo, not its group's slice header in groups (one
// line less to load a hit, which missed L1 0.7 times a post in the
// pipeline): BenchmarkMatchSynth -0.4 L1 misses and +12.7 instructions
// a post in filterHits (the wider wordInfo and the range's bounds
// checks), a wash in the cycle model. The L1 misses of candidates (14
// of the package's 22 a post in the pipeline) are loads of the Tokens'
// Norm, about one a token: the batch's 32 posts' tokens (some 30 KB)
// are evicted by the stages between tokenising and matching (scoring,
// locating); the filter's table and the Norm bytes miss about once a
// post each. With the 32-byte Token (internal/text, later in the round)
// BenchmarkMatchSynth's L1 misses fell 40,497 -> 27,738 an op (-32 %,
// instructions 2,398,946 -> 2,405,537), the package's in the pipeline
// 21.6 -> 15.3 a post.
//
// Tried in round 13 and not kept (cachegrind, BenchmarkMatchSynth,
// candidates alone, per post: 524 instructions, 14.6 L1 misses, 10.7
// mispredicts, cycle model 608; the length branch 8.4 of the
// mispredicts, the loads of the tokens' Norm 13.5 of the misses). A
// hash of the filter without the branch between four-byte loads and
// single bytes: bytes at indices clamped to the token with min and max,
// which the compiler made branches (1,055 instructions, 12.1
// mispredicts), or clamped by arithmetic in a function it would not
// inline (1,793 with the call, 2.5 mispredicts); the first two bytes,
// two more from min(len-2, 2) and the last two, one branch left for
// one-byte tokens (a fifth of them, mostly punctuation): 718
// instructions, 15.7 L1 misses, 6.2 mispredicts, model 646 (+38; the
// hash and the filter's pointer spilled to the stack, the one-byte
// branch still mispredicted 3.4 times a post). The tokenizer's keys
// (text.TokenizeKeys: two tokens in three, the short lower-case
// words) read instead of those tokens, in a key loop of their own as
// in sentiment's scanFast (an unexported prototype with keys from the
// benchmark's setup): 785 instructions, 8.8 L1 misses, 10.9
// mispredicts (the key loop's exit is as hard to predict as the length
// branch), model 673; it would also need an exported MatchDoc with
// keys, and in the pipeline sentiment.AnalyzeKeyed overwrites the keys
// (with its meta words) before the match stage. A flag per word whose
// hits alone let no profile match ("even", "gemeente", "koningsdag"
// without another term; found when compiling with hitSink.result's
// tests), which ended filterHits at the word's lookup when it was the
// Doc's one candidate (550 of the 2,000 synthetic posts): in
// BenchmarkMatchSynth 1,205 -> 1,177 instructions, 20.5 -> 20.3 L1
// misses, 17.8 -> 17.5 mispredicts, but in BenchmarkPipeline/ndjson/
// workers=1 this package's functions 1,067 -> 1,046 instructions,
// 21.6 -> 21.5 L1 misses and 19.9 -> 20.9 mispredicts (filterHits
// +0.9: the flag's test is as hard to predict as whether a post can
// match), about even by the cycle model.
//
// # Library
//
// [Library] returns a [Registry] with example profiles written for the
// scenarios of DESIGN.md: stroomstoring (power outage), wateroverlast
// (flooding), natuurbrand (heath and forest fire), hangjongeren
// (nuisance/loitering youths), koningsdag-tram (Koningsdag and trams in Den
// Haag, scope GM0518), webcare (addresses @gemeente; person_level), the
// composite veiligheidsgevoel (profile:hangjongeren OR profile:inbraak OR
// profile:onveilig-gevoel), sociale-spanning (a CBS-style social-tension
// word list: inspired by the CBS experimental statistics on
// "maatschappelijke onrust / sociale spanning" measured as a share of
// social-media messages per area and day; the list is our own, not CBS's),
// and crisislex-en. The concept URIs are project-local URNs
// (urn:socialgeo:begrip:…); an organisation replaces them with the URIs of
// its own NL-SBB begrippenkader.
//
// crisislex-en is generated by go generate (internal/gen) from the CrisisLex
// recommended lexicon in ../shared/data/profiles: CrisisLex,
// github.com/sajao/CrisisLex, MIT licence, Copyright (c) 2014 Alexandra
// Olteanu, Carlos Castillo (library/CrisisLex-LICENSE.txt). Olteanu, A.,
// Castillo, C., Diaz, F., Vieweg, S. (2014). CrisisLex: A Lexicon for
// Collecting and Filtering Microblogged Communications in Crises. ICWSM
// 2014. Its multi-word terms become NEAR/3 groups.
//
// # Data and licensing
//
// The library profiles are embedded (library/*.json). All are written by
// the project except crisislex-en, whose terms are CrisisLex's under the
// MIT licence quoted above; its description carries the attribution and
// library/CrisisLex-LICENSE.txt the licence. The first-name list of the
// person-targeting rule is written from general knowledge.
//
// testdata/library.golden pins the canonical JSON and content IDs of the
// library (go test -run Golden ./profile/ -update to accept a change).
//
// # Errors
//
// [ParseQuery] returns *[SyntaxError] (byte position, message). [Validate]
// and [Registry.Validate] return errors.Join of *[FieldError]; a parse
// error is a FieldError for "query" that unwraps to the *SyntaxError.
// [Compile] and [Registry.Add] wrap [ErrInvalid] and the joined errors of
// each invalid profile, prefixed with its ID, and return no Matcher.
// [Registry.Get] wraps [ErrNotFound]. [Registry.LoadDir] adds the valid
// files and returns the joined errors of the others. Nothing panics on
// data; only [MustCompile] panics, for profiles written in the program.
//
// # Concurrency
//
// A parsed *Query and a compiled *Matcher are immutable and safe for
// concurrent use (the Matcher pools its per-call scratch space). A
// [Registry] is safe for concurrent reads without Add. Profile is plain
// data.
package profile
