package profile

import (
	"fmt"
	"slices"
	"strings"
)

// Diff reports what changed between two profiles.
type Diff struct {
	TermsAdded, TermsRemoved []string
	VersionFrom, VersionTo   string
	QueryChanged             bool
	PurposeChanged           bool
}

// DiffProfiles compares a (old) with b (new). Terms are canonical terms.
func DiffProfiles(a, b Profile) Diff {
	ta, tb := terms(a.Query), terms(b.Query)
	d := Diff{VersionFrom: a.Version, VersionTo: b.Version, PurposeChanged: a.Purpose != b.Purpose}
	for _, t := range tb {
		if !slices.Contains(ta, t) {
			d.TermsAdded = append(d.TermsAdded, t)
		}
	}
	for _, t := range ta {
		if !slices.Contains(tb, t) {
			d.TermsRemoved = append(d.TermsRemoved, t)
		}
	}
	qa, ea := ParseQuery(a.Query)
	qb, eb := ParseQuery(b.Query)
	d.QueryChanged = (ea == nil) != (eb == nil) || (ea == nil && qa.String() != qb.String()) || (ea != nil && a.Query != b.Query)
	return d
}

func terms(q string) []string {
	pq, err := ParseQuery(q)
	if err != nil {
		return nil
	}
	var out []string
	pq.root.walk(func(n *node) {
		if n.kind == nTerm {
			out = append(out, n.String())
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// String prints the diff, one change per line; "" when nothing changed.
func (d Diff) String() string {
	var b strings.Builder
	if d.VersionFrom != d.VersionTo {
		fmt.Fprintf(&b, "version %s -> %s\n", d.VersionFrom, d.VersionTo)
	}
	for _, t := range d.TermsAdded {
		fmt.Fprintf(&b, "+ %s\n", t)
	}
	for _, t := range d.TermsRemoved {
		fmt.Fprintf(&b, "- %s\n", t)
	}
	if d.QueryChanged && len(d.TermsAdded)+len(d.TermsRemoved) == 0 {
		b.WriteString("query structure changed\n")
	}
	if d.PurposeChanged {
		b.WriteString("purpose changed\n")
	}
	return b.String()
}
