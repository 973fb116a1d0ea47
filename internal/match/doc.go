// Package match is a multi-pattern matcher over token sequences: an
// Aho–Corasick automaton whose alphabet is the set of normalised token
// strings (text.Token.Norm) that occur in the patterns. The geo text
// resolver and the profile matcher use it to find every place name or term
// of many patterns in one pass over a post's tokens.
//
// Token strings are interned to small ints when the automaton is built;
// a token whose Norm occurs in no pattern maps to the root, so a scan
// hashes the token's length and first and last four bytes (no string
// hash) and reads a displacement entry of a perfect hash table, whose
// filter byte turns most such tokens away; a token that passes reads one
// slot (no probe loop), which holds its hash (compared in place of the
// key), its symbol and the root's transition on it. The transitions of
// the other states are in an open-addressing hash table keyed by state
// and symbol (one probe, mostly, where a binary search of a state's
// sorted edges mispredicted several branches). A scan allocates nothing.
// [Dict] offers the same index for a plain set of words.
//
// Speed (geo's BenchmarkTextResolver/post/tokens, cachegrind, GOGC=off,
// 2026-11-29, second round): the automaton's functions 2,330 -> 1,880
// instructions per 130-byte post of 28 tokens; in the pipeline's
// BenchmarkPipeline/ndjson/workers=1 (callgrind) 204 instructions a post
// fewer in all, the automaton's loop (run, now scan) 993 -> 891. Third
// round, same day: scan's common path without bounds checks (the token
// index tested unsigned, the displacements in a local of known length):
// scan 1,881 -> 1,752 instructions a post in the same benchmark, misses
// and mispredicts unchanged. Reading the tokens in two passes (hash and
// filter every token without a branch, then the automaton over the
// tokens that passed) had 10 fewer mispredicts a post but 740 more
// instructions, and was not kept. Fourth round (2026-11-29, callgrind,
// the same benchmark): the displacement entry's filter in its low byte
// (mayHave's bit without an addition: one instruction a token) and
// AppendMatches stepping scan itself rather than through run (one call a
// post): the automaton's methods 2,274 -> 2,252 instructions a post;
// on single sentences (sentence/tokens) 635 -> 604. The second was taken
// back the same evening: about 8 instructions a post (28 a sentence) did
// not pay for a second copy of run's loop. Tried and not kept: the
// matches' loop of AppendMatches in a function of its own (52 more a
// post), room for a run's matches made first with slices.Grow (21
// more), and nmul in a local of scan (the loop spilled: 86 more).
// Tenth round (cachegrind, BenchmarkPipeline/ndjson/workers=1, 2026-11-29):
// scan's 16 L1 data misses a post are not the transitions': some 10.6
// are the reads of the displacement entries (16 KB, one per token; the
// rest of the pipeline evicts them between posts), 4.9 the slots, 1.4
// gotos, 1.1 the states' failure links; its 25 mispredicts are mostly
// the token's length (four bytes or more: 8) and the filter (7). A table
// of half the slots (3/4 full, one displacement per two slots, the same
// 8,192 entries and filter) left them as they were (15.8 misses a post):
// not kept. Splitting the entries into a filter array and a displacement
// array (8 KB each) was reckoned not to pay: a pattern token then reads
// two arrays. A branch-free TokenKey (both forms from padded or clamped
// loads, chosen by conditional moves) would cost some 20 instructions a
// token for the 8 mispredicts: not tried.
// Eleventh round (2026-11-30), "one key per token, shared", not kept
// (the code was not kept): TokenKey of up to eight bytes made the
// bytes themselves, zero above (text.TokenizeKeys' key of a short
// lower-case word then is the TokenKey), an AppendKeys pass right after
// tokenising (the tokenizer's keys taken, the others computed) and the
// keys passed to the scan (geo.Query.Keys) and to profile's filter
// (Doc.TokenKeys), which read a key instead of branching on the length.
// BenchmarkPipeline/ndjson/workers=1 (cachegrind, per post): 18,467 to
// 18,518 -> 18,773 instructions, D1 misses 223 -> 227, mispredicts
// 235-238 -> 230; AppendKeys +345 instructions (some 20 a token: the
// pass reloads each token and branches on the tokenizer's key and the
// length), scan -184, profile's mispredicts 20.3 -> 13.2 but this
// package's 26.7 -> 29.4: the cycle model worse. geo post/tokens (no
// keys: the resolver runs AppendKeys) 5,737 -> 6,421, with the keys
// 5,444. The scan taking the tokenizer's key where nonzero and computing
// the others itself spilled (the keys took two registers): post/tokens
// +370, with keys +250. Package sentiment's AnalyzeKeyed overwrites
// the keys it is given (with its meta words), so keys shared past it
// must be copied first.
// Thirteenth round (2026-11-30, cachegrind, GOGC=off), where scan's L1
// data misses come from, line by line: on geo's
// BenchmarkTextResolverSynth/tokens (the pipeline benchmark's posts, 16
// tokens each, tokenised beforehand) 25 misses a post in the whole
// benchmark, 13 of them at the read of the token's Norm (a 56-byte token
// a line, 32 bytes since the same round: the token array of 2,000 posts
// does not stay in the cache), the
// displacements 2.3, the slots 1.6, gotos 0.8; with the tokens written
// just before (BenchmarkTextResolverSynth/text) 7.7 misses a post in all.
// In BenchmarkPipeline/ndjson/workers=1 (its 6-op run, by line) the geo
// stage reads a batch's tokens (32 posts, some 28 KB) after the sentiment
// stage: of scan's misses a post 13.7 are the tokens' Norms, 6.2 the
// displacements, 3.1 the slots, 1.2 gotos, 1.1 the words' bytes. The
// tokens' lines are read in order, which a hardware prefetcher follows
// and cachegrind, having none, counts in full; the displacements' 16 KB
// are evicted between batches (a table of half as many was tried in the
// tenth round). Not changed.
//
// # Concurrency
//
// A [Builder] is for one goroutine. An [Automaton] is immutable and safe
// for concurrent use.
package match
