package profile

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/socialgeo/socialgeo/internal/text"
)

// Span is the byte range of a matched term in the tokenised text.
type Span struct {
	Term       string
	Start, End int
}

// Match reports one matching profile and the term occurrences that hit.
type Match struct {
	ID    string
	Name  string
	Terms []Span
}

type cprof struct {
	id, name string
	root     *node
}

type termRef struct {
	prof int
	n    *node
}

// Matcher evaluates many profiles in one pass over a post's tokens. It is
// immutable and safe for concurrent use.
type Matcher struct {
	profs  []cprof
	byWord map[string][]termRef // first word -> exact terms
	pref   []string             // sorted wildcard prefixes
	prefT  [][]termRef
}

// Compile validates and compiles profiles into one *Matcher. The error is
// errors.Join of each profile's validation error, wrapped with its ID.
func Compile(profiles ...Profile) (*Matcher, error) {
	m := &Matcher{byWord: map[string][]termRef{}}
	pidx := map[string][]termRef{}
	var errs []error
	for _, p := range profiles {
		if err := Validate(p); err != nil {
			errs = append(errs, fmt.Errorf("profile %q: %w", p.ID, err))
			continue
		}
		q, _ := ParseQuery(p.Query)
		i := len(m.profs)
		m.profs = append(m.profs, cprof{id: p.ID, name: p.Name, root: q.root})
		q.root.walk(func(n *node) {
			if n.kind != nTerm {
				return
			}
			if n.prefix {
				pidx[n.words[0]] = append(pidx[n.words[0]], termRef{i, n})
			} else {
				m.byWord[n.words[0]] = append(m.byWord[n.words[0]], termRef{i, n})
			}
		})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for p := range pidx {
		m.pref = append(m.pref, p)
	}
	sort.Strings(m.pref)
	for _, p := range m.pref {
		m.prefT = append(m.prefT, pidx[p])
	}
	return m, nil
}

// MustCompile is like Compile but panics on error; use it for literals.
func MustCompile(profiles ...Profile) *Matcher {
	m, err := Compile(profiles...)
	if err != nil {
		panic(err)
	}
	return m
}

type hit struct {
	prof int
	n    *node
	span Span
}

// Match appends to dst one Match per profile matching toks, in compile
// order, and returns it. Only profiles with at least one term hit are
// evaluated (Validate guarantees every query needs a term).
func (m *Matcher) Match(toks []Token, dst []Match) []Match {
	var hits []hit
	emit := func(r termRef, i int) {
		if !termAt(r.n, toks, i) {
			return
		}
		end := toks[i].End
		for j, k := i, 0; j < len(toks) && k < len(r.n.words); j++ {
			if toks[j].Kind != text.Punct {
				k++
				end = toks[j].End
			}
		}
		hits = append(hits, hit{r.prof, r.n, Span{Term: r.n.String(), Start: toks[i].Start, End: end}})
	}
	for i, t := range toks {
		for _, r := range m.byWord[t.Norm] {
			emit(r, i)
		}
		// prefixes of t.Norm: binary search each candidate length is
		// simpler as a scan of prefixes <= t.Norm sharing the first 3 bytes.
		if len(t.Norm) >= MinPrefix && len(m.pref) > 0 {
			lo := sort.SearchStrings(m.pref, t.Norm[:MinPrefix])
			for k := lo; k < len(m.pref) && strings.HasPrefix(m.pref[k], t.Norm[:MinPrefix]); k++ {
				if strings.HasPrefix(t.Norm, m.pref[k]) {
					for _, r := range m.prefT[k] {
						emit(r, i)
					}
				}
			}
		}
	}
	if len(hits) == 0 {
		return dst
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].prof < hits[b].prof })
	for a := 0; a < len(hits); {
		b := a
		for b < len(hits) && hits[b].prof == hits[a].prof {
			b++
		}
		group := hits[a:b]
		has := func(n *node) bool {
			for _, h := range group {
				if h.n == n {
					return true
				}
			}
			return false
		}
		p := m.profs[hits[a].prof]
		if evalHits(p.root, has) {
			mt := Match{ID: p.id, Name: p.name}
			for _, h := range group {
				mt.Terms = append(mt.Terms, h.span)
			}
			dst = append(dst, mt)
		}
		a = b
	}
	return dst
}

// MatchText tokenises s and calls Match.
func (m *Matcher) MatchText(s string, dst []Match) []Match {
	return m.Match(text.Tokenize(s, nil), dst)
}

func evalHits(n *node, has func(*node) bool) bool {
	switch n.kind {
	case nAnd:
		for _, k := range n.kids {
			if !evalHits(k, has) {
				return false
			}
		}
		return true
	case nOr:
		for _, k := range n.kids {
			if evalHits(k, has) {
				return true
			}
		}
		return false
	case nNot:
		return !evalHits(n.kids[0], has)
	}
	return has(n)
}
