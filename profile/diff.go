package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Diff reports what changed between two profiles. Terms are the atoms of
// the canonical queries: terms, field filters and profile references.
type Diff struct {
	// VersionFrom and VersionTo are the versions of the old and new profile.
	VersionFrom, VersionTo string
	// TermsAdded and TermsRemoved are canonical query atoms.
	TermsAdded, TermsRemoved []string
	// QueryChanged is true when the canonical queries differ (also when
	// only the structure changed).
	QueryChanged bool
	// ScopeAdded and ScopeRemoved are area IDs.
	ScopeAdded, ScopeRemoved []string
	// PurposeChanged lists the changed purpose fields by JSON name
	// ("legal_basis", "person_level", "retention" …).
	PurposeChanged []string
	// OverlayChanged lists overlay changes as "+term=v", "-term=v" or
	// "term: v1 -> v2", by term.
	OverlayChanged []string
	// Changed lists the other changed top-level fields by JSON name
	// ("name", "owner", "concepts", "indicator" …).
	Changed []string
}

// DiffProfiles compares a (old) with b (new) in their normalised forms
// (see [Normalize]), so formatting and term order do not count as changes.
func DiffProfiles(a, b Profile) Diff {
	if na, err := Normalize(a); err == nil {
		a = na
	}
	if nb, err := Normalize(b); err == nil {
		b = nb
	}
	d := Diff{VersionFrom: a.Version, VersionTo: b.Version, QueryChanged: a.Query != b.Query}
	ta, tb := atoms(a.Query), atoms(b.Query)
	d.TermsAdded, d.TermsRemoved = setDiff(ta, tb)
	d.ScopeAdded, d.ScopeRemoved = setDiff(a.Scope, b.Scope)
	pa, pb := a.Purpose, b.Purpose
	for _, f := range []struct {
		name string
		diff bool
	}{
		{"description", pa.Description != pb.Description},
		{"legal_basis", pa.LegalBasis != pb.LegalBasis},
		{"retention", pa.Retention != pb.Retention},
		{"person_level", pa.PersonLevel != pb.PersonLevel},
		{"register_url", pa.RegisterURL != pb.RegisterURL},
	} {
		if f.diff {
			d.PurposeChanged = append(d.PurposeChanged, f.name)
		}
	}
	for _, k := range sortedKeys(a.Overlay) {
		va := a.Overlay[k]
		if vb, ok := b.Overlay[k]; !ok {
			d.OverlayChanged = append(d.OverlayChanged, "-"+k+"="+ftoa(va))
		} else if vb != va {
			d.OverlayChanged = append(d.OverlayChanged, k+": "+ftoa(va)+" -> "+ftoa(vb))
		}
	}
	for _, k := range sortedKeys(b.Overlay) {
		if _, ok := a.Overlay[k]; !ok {
			d.OverlayChanged = append(d.OverlayChanged, "+"+k+"="+ftoa(b.Overlay[k]))
		}
	}
	slices.SortStableFunc(d.OverlayChanged, func(x, y string) int {
		return strings.Compare(strings.TrimLeft(x, "+-"), strings.TrimLeft(y, "+-"))
	})
	for _, f := range []struct {
		name string
		diff bool
	}{
		{"id", a.ID != b.ID},
		{"name", a.Name != b.Name},
		{"description", a.Description != b.Description},
		{"languages", fmt.Sprint(a.Languages) != fmt.Sprint(b.Languages)},
		{"owner", a.Owner != b.Owner},
		{"references", !slices.Equal(a.References, b.References)},
		{"concepts", !slices.Equal(a.Concepts, b.Concepts)},
		{"indicator", (a.Indicator == nil) != (b.Indicator == nil) || a.Indicator != nil && *a.Indicator != *b.Indicator},
	} {
		if f.diff {
			d.Changed = append(d.Changed, f.name)
		}
	}
	return d
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// setDiff returns the elements of b not in a and of a not in b.
func setDiff(a, b []string) (added, removed []string) {
	for _, t := range b {
		if !slices.Contains(a, t) {
			added = append(added, t)
		}
	}
	for _, t := range a {
		if !slices.Contains(b, t) {
			removed = append(removed, t)
		}
	}
	return added, removed
}

// atoms returns the sorted, distinct canonical atoms of query q.
func atoms(q string) []string {
	pq, err := ParseQuery(q)
	if err != nil {
		return nil
	}
	var out []string
	pq.root.walk(func(n *node) {
		if n.kind == nTerm || n.kind == nField || n.kind == nRef {
			out = append(out, n.String())
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool { return d.String() == "" }

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
	for _, a := range d.ScopeAdded {
		fmt.Fprintf(&b, "+ scope %s\n", a)
	}
	for _, a := range d.ScopeRemoved {
		fmt.Fprintf(&b, "- scope %s\n", a)
	}
	for _, o := range d.OverlayChanged {
		fmt.Fprintf(&b, "overlay %s\n", o)
	}
	if len(d.PurposeChanged) > 0 {
		fmt.Fprintf(&b, "purpose changed: %s\n", strings.Join(d.PurposeChanged, ", "))
	}
	if len(d.Changed) > 0 {
		fmt.Fprintf(&b, "changed: %s\n", strings.Join(d.Changed, ", "))
	}
	return b.String()
}
