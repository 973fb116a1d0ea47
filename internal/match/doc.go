// Package match is a multi-pattern matcher over token sequences: an
// Aho–Corasick automaton whose alphabet is the set of normalised token
// strings (text.Token.Norm) that occur in the patterns. The geo text
// resolver and the profile matcher use it to find every place name or term
// of many patterns in one pass over a post's tokens.
//
// Token strings are interned to small ints when the automaton is built;
// a token whose Norm occurs in no pattern maps to the root, so a scan does
// one probe of an open-addressing table keyed by the token's length and
// first eight bytes (no string hash) and a few array reads per token, and
// allocates nothing.
//
// # Concurrency
//
// A [Builder] is for one goroutine. An [Automaton] is immutable and safe
// for concurrent use.
package match
