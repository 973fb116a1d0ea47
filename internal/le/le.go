// Package le reads little-endian words from the start of a string. The
// byte loads compile to one load each; the hashes and lookup tables of the
// tokenizer, sentiment, place names, series and stream filters use them to
// read a short word in one or two loads instead of byte by byte.
package le

// Uint64 returns the first 8 bytes of s as a little-endian uint64. It
// panics when s is shorter; callers check the length.
func Uint64(s string) uint64 {
	b := s[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Uint32 returns the first 4 bytes of s as a little-endian uint32. It
// panics when s is shorter; callers check the length.
func Uint32(s string) uint32 {
	b := s[:4]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// Uint64At returns s[i:i+8] as a little-endian uint64, with one bounds
// check where Uint64(s[i:]) needs two (the tokenizer's inner loop).
func Uint64At(s string, i int) uint64 { return Uint64(s[i : i+8]) }
