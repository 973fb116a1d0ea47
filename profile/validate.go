package profile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// FieldError reports one invalid field of a profile.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return "profile: " + e.Field + ": " + e.Msg }

// firstNames is a small list of common Dutch first names used to flag
// person targeting in phrases such as "Jan Jansen".
var firstNames = map[string]bool{
	"jan": true, "piet": true, "kees": true, "henk": true, "johan": true, "peter": true,
	"mark": true, "sander": true, "daan": true, "sem": true, "lucas": true, "thomas": true,
	"maria": true, "anna": true, "emma": true, "julia": true, "sophie": true, "lisa": true,
	"anne": true, "sanne": true, "eva": true, "femke": true, "ingrid": true, "wilma": true,
	"geert": true, "willem": true, "hugo": true, "dick": true, "mohammed": true,
}

// Validate returns errors.Join of every *FieldError found in p, or nil.
func Validate(p Profile) error {
	var errs []error
	add := func(f, m string) { errs = append(errs, &FieldError{Field: f, Msg: m}) }
	if p.ID == "" {
		add("id", "empty")
	}
	q, err := ParseQuery(p.Query)
	if err != nil {
		add("query", err.Error())
		return errors.Join(errs...)
	}
	if !q.root.positive() {
		add("query", "matches everything: needs at least one term outside NOT")
	}
	if !p.Purpose.PersonLevel {
		q.root.walk(func(n *node) {
			if n.mention {
				add("query", fmt.Sprintf("term @%s targets a person; purpose.person_level not permitted", n.words[0]))
			}
			if n.person {
				add("query", fmt.Sprintf("phrase %q looks like a personal name; purpose.person_level not permitted", strings.Join(n.words, " ")))
			}
		})
	}
	return errors.Join(errs...)
}

// positive reports whether the node can only match when some term matches.
func (n *node) positive() bool {
	switch n.kind {
	case nTerm:
		return true
	case nNot:
		return false
	case nAnd:
		return slices.ContainsFunc(n.kids, (*node).positive)
	}
	for _, k := range n.kids {
		if !k.positive() {
			return false
		}
	}
	return true
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// String prints the query canonically: AND and OR operands are sorted.
func (q *Query) String() string { return q.root.String() }

func (n *node) String() string {
	switch n.kind {
	case nNot:
		return "NOT " + n.kids[0].String()
	case nAnd, nOr:
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			parts[i] = k.String()
		}
		slices.Sort(parts)
		op := " AND "
		if n.kind == nOr {
			op = " OR "
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	w := strings.Join(n.words, " ")
	switch {
	case len(n.words) > 1:
		return `"` + w + `"`
	case n.hashtag:
		w = "#" + w
	case n.mention:
		w = "@" + w
	}
	if n.prefix {
		w += "*"
	}
	return w
}

// Canonical returns p's canonical JSON: sorted keys and the canonical query.
func Canonical(p Profile) ([]byte, error) {
	q, err := ParseQuery(p.Query)
	if err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	p.Query = q.String()
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("profile: canonical: %w", err)
	}
	return json.Marshal(m)
}

// ContentID returns "sha256:" and the hex SHA-256 of Canonical(p).
func ContentID(p Profile) (string, error) {
	b, err := Canonical(p)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(h[:]), nil
}
