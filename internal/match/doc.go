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
// # Speed
//
// The automaton is measured through geo's benchmarks
// (BenchmarkTextResolver/post/tokens, BenchmarkTextResolverSynth) and the
// pipeline's BenchmarkPipeline/ndjson/workers=1; BenchmarkScan here scans
// one sentence over 24,001 synthetic patterns. In the pipeline the scan
// takes some 50–55 instructions a token (the hash, the filter, the slot).
// Its L1 data misses, 19.5 a post there (cachegrind, 2026-11-30), are
// mostly the reads of the tokens' Norms, which come in order (a hardware
// prefetcher follows them; cachegrind, having none, counts them in full),
// and of the displacements (16 KB, evicted between batches); its
// mispredicted branches are mostly the token's length (four bytes or more)
// and the filter.
//
//	go test -run '^$' -bench 'TextResolver' ./geo/
//	go test -run '^$' -bench Scan ./internal/match/
//
// The history of the speed work, and the levers tried (among them the
// tokens' keys shared with the tokenizer, not kept):
// docs/performance/geo.md.
//
// # Concurrency
//
// A [Builder] is for one goroutine. An [Automaton] is immutable and safe
// for concurrent use.
package match
