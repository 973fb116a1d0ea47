// Package profile holds topic profiles as plain data and a boolean query
// language over tokens from internal/text.
//
// This is a first, partial increment of issue 5: the Profile data type,
// the query parser with typed syntax errors (*SyntaxError), a direct
// per-profile evaluator, Validate (errors.Join of *FieldError), canonical
// query printing and content IDs. Diff, Registry, field filters, NEAR,
// profile references, the one-pass multi-profile matcher, the JSON Schema
// and the example library are not yet written.
//
// # Identity
//
// [Canonical] marshals a profile with sorted keys and the canonical query
// (terms folded, AND/OR operands sorted, each group parenthesised);
// [ContentID] is "sha256:" plus the hex SHA-256 of that JSON, so profiles
// that differ only in formatting or operand order share an ID.
//
// # Privacy
//
// Unless Purpose.PersonLevel is true, [Validate] rejects @mention terms and
// quoted phrases that look like "First Last" with a common Dutch first name.
// It also rejects queries that can match without any term (e.g. only NOT).
//
// # Grammar
//
//	query  = or .
//	or     = and { "OR" and } .
//	and    = unary { ["AND"] unary } .        (adjacent terms: implicit AND)
//	unary  = "NOT" unary | "(" or ")" | atom .
//	atom   = phrase | word | word "*" | "#" word | "@" word .
//	phrase = '"' word { word } '"' .
//
// Precedence is NOT > AND > OR. Matching is case- and diacritic-insensitive:
// terms are folded with text.Tokenize. A wildcard prefix needs at least 3
// characters. "#tag" matches only hashtag tokens; a plain word matches word
// and hashtag tokens;
// "@name" matches only mention tokens.
//
// # Concurrency
//
// A parsed *Query is immutable and safe for concurrent use.
package profile
