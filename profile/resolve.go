package profile

import (
	"errors"
	"fmt"
	"strings"
)

// lookupFunc returns the profile with a declared ID.
type lookupFunc func(id string) (Profile, bool)

// expand parses p's query and inlines every profile:id reference with the
// referenced profile's (expanded) query. It reports unknown references
// and cycles as *FieldError; stack holds the IDs being expanded.
func expand(p Profile, lookup lookupFunc, stack []string) (*node, error) {
	q, err := ParseQuery(p.Query)
	if err != nil {
		return nil, &FieldError{Field: "query", Msg: err.Error(), Err: err}
	}
	stack = append(stack, p.ID)
	var errs errs
	root := q.root.clone()
	var walk func(n *node) *node
	walk = func(n *node) *node {
		if n.kind == nRef {
			for _, s := range stack {
				if s == n.value {
					errs.add("query", fmt.Sprintf("reference cycle %s -> %s", strings.Join(stack, " -> "), n.value))
					return n
				}
			}
			sub, ok := lookup(n.value)
			if !ok {
				errs.add("query", fmt.Sprintf("at %d: unknown profile %s", n.pos, n))
				return n
			}
			r, err := expand(sub, lookup, stack)
			if err != nil {
				errs = append(errs, err)
				return n
			}
			// Diagnostics of inlined terms point at the reference.
			r.walk(func(k *node) { k.pos = n.pos })
			return r
		}
		for i, k := range n.kids {
			n.kids[i] = walk(k)
		}
		return n
	}
	root = walk(root)
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	return root, nil
}

// joinErrs flattens nested joins into one join of *FieldError.
func joinErrs(es []error) error {
	var flat errs
	var rec func(error)
	rec = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				rec(x)
			}
			return
		}
		flat = append(flat, e)
	}
	for _, e := range es {
		rec(e)
	}
	return joinUnique(flat)
}

// joinUnique joins errors, dropping repeated messages (a diamond of
// references reports the same problem twice).
func joinUnique(es []error) error {
	seen := map[string]bool{}
	var out []error
	for _, e := range es {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return errors.Join(out...)
}

// check validates p and resolves its references with lookup: unknown
// references, cycles, and person targeting through sub-profiles when p's
// purpose does not permit person-level output. It returns the expanded
// query when there are no errors.
func check(p Profile, lookup lookupFunc) (*node, error) {
	var es []error
	if err := Validate(p); err != nil {
		es = append(es, err)
	}
	root, err := expand(p, lookup, nil)
	if err != nil {
		if _, ok := err.(*FieldError); !ok || len(es) == 0 {
			es = append(es, err)
		}
	} else if !p.Purpose.PersonLevel {
		var pe errs
		pe.persons(root)
		es = append(es, pe...)
	}
	if len(es) > 0 {
		return nil, joinErrs(es)
	}
	return root, nil
}
