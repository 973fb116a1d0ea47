// Package profile holds topic profiles as plain data and a boolean query
// language over tokens from internal/text.
//
// This is a first, partial increment of issue 5: the Profile data type,
// the query parser with typed syntax errors, and a direct (per-profile)
// evaluator. Identity, Diff, Registry, the one-pass multi-profile matcher
// and the example library are not yet written.
//
// # Grammar
//
//	query  = or .
//	or     = and { "OR" and } .
//	and    = unary { ["AND"] unary } .        (adjacent terms: implicit AND)
//	unary  = "NOT" unary | "(" or ")" | atom .
//	atom   = phrase | word | word "*" | "#" word .
//	phrase = '"' word { word } '"' .
//
// Precedence is NOT > AND > OR. Matching is case- and diacritic-insensitive:
// terms are folded with text.Tokenize. A wildcard prefix needs at least 3
// characters. "#tag" matches only hashtag tokens; a plain word matches word
// and hashtag tokens.
//
// # Concurrency
//
// A parsed *Query is immutable and safe for concurrent use.
package profile
