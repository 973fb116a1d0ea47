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
// terms occur, through an index built at compile time.
//
// The Terms of the Matches of many calls share arrays of 32 spans (1 KB).
// The matcher never writes to a returned span again, but a caller that
// keeps a Match keeps its array alive.
//
// # How MatchDoc finds the hits
//
// First a filter. MatchDoc reads the first and last bytes of each token
// and tests two bits of one 64-bit word of a 2 KB table, the word of its
// first bytes: its word bit (the words of one-word patterns, and one word
// of each phrase, its trigger word) and the prefix bit of its first bytes
// (wildcard prefixes; a token shorter than every prefix tests its word
// bit only). Of the tokens that pass, it keeps the words, numbers,
// hashtags and mentions, the kinds a term can hit; this test comes after
// the bits, so it is taken about once a post. The table is small so that
// the pipeline's other stages evict few of its lines between posts. A
// post with no token that passes returns at once.
//
// The few candidates that pass (at most 16; a post with more takes the
// automaton) are looked up exactly: a one-word pattern's hits come from a
// table of the words, a phrase's from comparing the tokens around each
// token of its trigger word (joiners such as "-" skipped, as the automaton
// does), wildcard hits from a small table of the prefixes by their first
// bytes. Each hit's token kind is tested in a bit set per variant. The
// hits go to a buffer on the stack first: a post whose hits belong only to
// profiles that cannot match (their need, below, fails, or their scope,
// or, for a query that is an indexed OR such as CrisisLex's, the need of
// every kid it could evaluate) returns without taking the pooled scratch
// space. Each variant gets the hits the automaton would report, in its
// order (TestMatchDocFilter compares the two paths on the pipeline's
// synthetic posts and on random profiles and texts).
//
// Then, before eval, a candidate profile (and each kid of an indexed OR)
// must meet its need: clauses of 64-bit masks of variants (NEAR counted as
// AND, bits shared modulo 64), each of which must meet the bits of the
// variants with hits. Most candidates fail it — "koningsdag" without
// "tram*", "gemeente" without "klacht", a CrisisLex word without the other
// word of any of its pairs — and cost a few instructions instead of eval;
// a need that passes still takes eval, so it changes no result.
//
// # Speed
//
// The benchmarks (BenchmarkMatch1 and the others below) measure MatchDoc:
//
//	Match1, Match100, Match1000  one 25-token post (lang and platform filters, NEAR,
//	                             wildcards) against 1, 100 and 1,000 synthetic
//	                             profiles with distinct terms (1, 3 and 3 match)
//	Match1000Candidates          the worst case: all 1,000 profiles share a term
//	                             of the post, so all are evaluated (one matches)
//	MatchLibrary                 one post with the phrase "geen stroom" against
//	                             the 11 library profiles
//	MatchSynth                   the pipeline's 2,000 synthetic posts (seed 1, an
//	                             op) against the library; most hit no term
//
// Instructions a post (valgrind, GOGC=off GOMAXPROCS=1, the difference of
// two iteration counts): 9,184 for 1,000 profiles (Match1000), 6,060 for
// the 11 library profiles (MatchLibrary, callgrind) and 1,205 on the
// pipeline's synthetic posts (MatchSynth, cachegrind). The worst case,
// Match1000Candidates, took 106,764 when last measured (2026-11-29,
// counting only this package, internal/match, slices, sync, maps and
// allocation). In BenchmarkPipeline/ndjson/workers=1 this package's
// functions cost about 994 instructions and 14.5 L1 data misses a post
// (2026-11-30, fourteenth round, in which duplicates, 5.8 % of the posts,
// stopped being matched).
//
// Allocations: MatchSynth 14 (16,421 B) an op of 2,000 posts, 0.007 a
// post; MatchLibrary 0 (177 B/op): one 1 KB array of Terms per few calls.
// Wall clock on the project's 2-core VM varies by up to ±30 % between
// runs; the last sample (2026-11-29, busy VM) was 1.38 ms an op of
// MatchSynth and 1,042 ns for MatchLibrary. To reproduce:
//
//	go test -run '^$' -bench Match -benchmem ./profile/
//	go test -c -o /tmp/profile.test ./profile/
//	GOGC=off GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes \
//	    /tmp/profile.test -test.run '^$' -test.bench 'BenchmarkMatchSynth$' -test.benchtime 5x
//	(again with -test.benchtime 25x; the difference of the two, divided by 20 × 2,000 posts)
//
// The history of the speed work, and the levers tried:
// docs/performance/profile.md.
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
