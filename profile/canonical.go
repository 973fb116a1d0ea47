package profile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Normalize returns p in canonical form: the canonical query (see
// [ParseQuery]); Languages, References, Concepts
// and Scope sorted without duplicates (they are sets); Scope upper-cased;
// Overlay terms normalised like sentiment.Key; an empty Indicator.Role
// becomes "about". Empty lists and maps become
// nil. It fails only when the query does not parse.
func Normalize(p Profile) (Profile, error) {
	q, err := ParseQuery(p.Query)
	if err != nil {
		return Profile{}, fmt.Errorf("profile: normalize %q: %w", p.ID, err)
	}
	p.Query = q.String()
	set := func(xs []string, f func(string) string) []string {
		if len(xs) == 0 {
			return nil
		}
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = f(x)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	same := func(s string) string { return s }
	if len(p.Languages) == 0 {
		p.Languages = nil
	} else {
		ls := slices.Clone(p.Languages)
		slices.SortFunc(ls, func(a, b language.Tag) int { return strings.Compare(a.String(), b.String()) })
		p.Languages = slices.CompactFunc(ls, func(a, b language.Tag) bool { return a.String() == b.String() })
	}
	p.References = set(p.References, same)
	p.Concepts = set(p.Concepts, same)
	p.Scope = set(p.Scope, strings.ToUpper)
	if len(p.Overlay) == 0 {
		p.Overlay = nil
	} else {
		ov := make(map[string]float64, len(p.Overlay))
		for _, k := range sortedKeys(p.Overlay) {
			ov[overlayKey(k)] = p.Overlay[k]
		}
		p.Overlay = ov
	}
	if p.Indicator != nil {
		in := *p.Indicator
		if in.Role == "" {
			in.Role = "about"
		}
		p.Indicator = &in
	}
	return p, nil
}

// Canonical returns p's canonical JSON: the JSON of [Normalize](p) with
// object keys sorted, no insignificant white space and no HTML escaping.
func Canonical(p Profile) ([]byte, error) {
	p, err := Normalize(p)
	if err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ContentID returns "sha256:" and the hex SHA-256 of Canonical(p). For a
// profile with references it identifies the profile's own definition; the
// ID of [Registry.Expand] identifies it with its sub-profiles inlined.
func ContentID(p Profile) (string, error) {
	b, err := Canonical(p)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(h[:]), nil
}
