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
// slot (no probe loop), which holds its symbol and the root's transition
// on it. A scan allocates nothing. [Dict] offers the same index for a
// plain set of words.
//
// # Concurrency
//
// A [Builder] is for one goroutine. An [Automaton] is immutable and safe
// for concurrent use.
package match
