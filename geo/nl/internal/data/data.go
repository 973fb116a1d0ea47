// Package data holds the embedded default gazetteer file, shared by geo/nl
// and geo/nl/pc4. It is written by geo/nl/internal/gen.
package data

import _ "embed"

// Default is the generated nl.gaz file (see package codec for the format).
//
//go:embed nl.gaz
var Default []byte
