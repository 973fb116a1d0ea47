// Package profile holds topic profiles as plain data and a boolean query
// language over tokens from internal/text.
//
// This is a partial implementation of issue 5. It has the Profile data
// type, the query parser with typed syntax errors (*SyntaxError), a direct
// per-profile evaluator, and [Compile]/[Matcher] (one pass over the tokens,
// with term spans). [Validate] returns errors.Join of *FieldError. There is
// also canonical query printing with content IDs, a [Registry] (Add, Get by
// ID or content ID, LoadDir), an embedded example [Library] (stroomstoring,
// wateroverlast, natuurbrand, hangjongeren, koningsdag-tram, webcare) and
// [DiffProfiles]. Not written yet: field filters (lang:, platform:, kind:,
// area:), NEAR/ONEAR, profile references, the sentiment overlay, indicator
// and scope fields, the JSON Schema and JSON-LD context, the CBS and CrisisLex
// profiles, and golden files.
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
// # Matching many profiles
//
// [Compile] indexes every term of every profile by its first folded word
// (wildcards in a sorted prefix table); [Matcher.Match] scans a post's
// tokens once and evaluates the boolean query only for profiles with a term
// hit, reporting each hit term with its byte span. Validate guarantees a
// query cannot match without a term hit, so skipping the other profiles is
// exact. (internal/match, the shared Aho–Corasick automaton, did not exist
// yet; the index here is per first word.)
//
// Figures (2-core shared machine, one 17-token post, synthetic profiles):
//
//	go test -run XXX -bench Match -benchtime=200ms ./profile/
//	BenchmarkMatch1     1438 ns/op  368 B/op   8 allocs/op
//	BenchmarkMatch100   2241 ns/op  688 B/op  13 allocs/op
//	BenchmarkMatch1000  2772 ns/op  688 B/op  13 allocs/op   (1.9x one profile)
//
// # Concurrency
//
// A parsed *Query and a compiled *Matcher are immutable and safe for
// concurrent use. Profile is plain data.
package profile
