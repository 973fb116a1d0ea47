package profile

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/socialgeo/socialgeo/internal/text"
	"golang.org/x/text/language"
)

// FieldError reports one invalid field of a profile. Field is the JSON
// path of the field ("query", "purpose.retention", "scope[2]").
type FieldError struct {
	// Field is the JSON path of the invalid field.
	Field string
	// Msg says what is wrong.
	Msg string
	// Err is the underlying error, such as a *SyntaxError, or nil.
	Err error
}

// Error returns "profile: FIELD: MSG".
func (e *FieldError) Error() string { return "profile: " + e.Field + ": " + e.Msg }

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// ErrInvalid is wrapped by the errors of [Compile] and [Registry.Add]
// when a profile does not validate.
var ErrInvalid = errors.New("profile: invalid")

// firstNames is a small embedded list of common first names in the
// Netherlands (CBS/Meertens top names of several generations, written from
// general knowledge, not a copy of a list). A phrase that starts with one
// of them ("jan jansen", "fatima el amrani") is taken to be a personal
// name.
var firstNames = setOf(`
	jan piet kees henk johan peter mark sander daan sem lucas thomas
	maria anna emma julia sophie lisa anne sanne eva femke ingrid wilma
	geert willem hugo dick mohammed mohamed ahmed ali fatima
	hans gerrit cor wim joop ton theo frans rob paul martin erik marco
	dennis jeroen bas tim tom ruben niels jesse milan levi finn noah luuk
	bram max sven stijn joris koen rik wouter jasper maarten arjen
	michiel pieter hendrik jacobus cornelis johannes gerard
	anouk lotte fleur iris noor sara sarah tess zoe mila nina roos
	esther linda monique petra marieke marloes ilse inge karin mirjam
	annemarie saskia yvonne sandra nicole patricia bianca chantal
	mustafa youssef ibrahim omar hamza emre mehmet ayoub bilal
	khadija aisha yasmina meryem zeynep elif
	truus riet corrie ans mies greet nel bep
	henk-jan jan-willem jan-peter
`)

// notNames are phrases that start with a first name but are not persons
// (place and organisation names).
var notNames = setOf(`anna_paulowna sint_jan jan_pietersz_coenstraat`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[strings.ReplaceAll(w, "_", " ")] = true
	}
	return m
}

// personPhrase reports whether term n looks like a personal name: a
// phrase of two to four words whose first word is a common first name.
func personPhrase(n *node) bool {
	if n.kind != nTerm || len(n.words) < 2 || len(n.words) > 4 || !firstNames[n.words[0]] {
		return false
	}
	return !notNames[strings.Join(n.words, " ")]
}

// personNear reports whether NEAR node n has a first name as an operand
// ("jan NEAR/1 jansen").
func personNear(n *node) bool {
	if n.kind != nNear {
		return false
	}
	for _, k := range n.kids {
		if k.kind == nTerm && len(k.words) == 1 && !k.prefix && firstNames[k.words[0]] {
			return true
		}
	}
	return false
}

type errs []error

func (e *errs) add(f, m string) { *e = append(*e, &FieldError{Field: f, Msg: m}) }

// Validate returns errors.Join of every *FieldError found in p, or nil.
// It checks the profile on its own: references to other profiles are
// checked for form and self-reference; [Registry.Validate] also resolves
// them (unknown references, cycles, person targeting through
// sub-profiles).
func Validate(p Profile) error {
	var e errs
	if !validID(p.ID) {
		e.add("id", fmt.Sprintf("%q: want lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", p.ID))
	}
	if strings.TrimSpace(p.Name) == "" {
		e.add("name", "empty")
	}
	if strings.TrimSpace(p.Version) == "" {
		e.add("version", "empty")
	}
	for i, l := range p.Languages {
		if _, c := l.Base(); c != language.Exact {
			e.add(fmt.Sprintf("languages[%d]", i), fmt.Sprintf("%q: no language", l))
		}
	}
	q, err := ParseQuery(p.Query)
	if err != nil {
		e = append(e, &FieldError{Field: "query", Msg: err.Error(), Err: err})
	} else {
		e.query(q.root, p.Purpose.PersonLevel)
		refs := q.refs()
		if slices.Contains(refs, p.ID) {
			e.add("query", fmt.Sprintf("profile:%s refers to itself (cycle)", p.ID))
		}
		declared := slices.Clone(p.References)
		slices.Sort(declared)
		for _, r := range refs {
			if _, ok := slices.BinarySearch(declared, r); !ok {
				e.add("references", fmt.Sprintf("profile:%s is used in the query but not listed", r))
			}
		}
		for i, r := range p.References {
			if !validID(r) {
				e.add(fmt.Sprintf("references[%d]", i), fmt.Sprintf("%q is not a profile ID", r))
			} else if !slices.Contains(refs, r) {
				e.add(fmt.Sprintf("references[%d]", i), fmt.Sprintf("%q is not used in the query", r))
			}
		}
	}
	for i, c := range p.Concepts {
		if !absURI(c, false) {
			e.add(fmt.Sprintf("concepts[%d]", i), fmt.Sprintf("%q is not an absolute URI", c))
		}
	}
	keys := map[string]string{}
	for _, k := range sortedKeys(p.Overlay) {
		v := p.Overlay[k]
		f := fmt.Sprintf("overlay[%q]", k)
		if strings.TrimSpace(k) == "" {
			e.add(f, "empty term")
		}
		if math.IsNaN(v) || v < -4 || v > 4 {
			e.add(f, fmt.Sprintf("valence %g outside -4..+4", v))
		}
		if o, ok := keys[overlayKey(k)]; ok {
			e.add(f, fmt.Sprintf("same term as %q after normalisation", o))
		}
		keys[overlayKey(k)] = k
	}
	if in := p.Indicator; in != nil {
		oneOf := func(f, v string, allowed ...string) {
			if !slices.Contains(allowed, v) {
				e.add("indicator."+f, fmt.Sprintf("%q: want one of %s", v, strings.Join(allowed, ", ")))
			}
		}
		oneOf("kind", in.Kind, "share", "count", "unique-authors")
		oneOf("unit", in.Unit, "posts", "authors")
		oneOf("per", in.Per, "area-hour", "area-day", "area-week", "area-month")
		oneOf("role", in.Role, "", "from", "home", "about", "any")
	}
	for i, a := range p.Scope {
		if !ValidAreaID(strings.ToUpper(a)) {
			e.add(fmt.Sprintf("scope[%d]", i), fmt.Sprintf("%q is not an area ID", a))
		}
	}
	if r := p.Purpose.Retention; r != "" {
		if _, err := p.Purpose.RetentionDays(); err != nil {
			e.add("purpose.retention", err.Error())
		}
	}
	if u := p.Purpose.RegisterURL; u != "" && !absURI(u, true) {
		e.add("purpose.register_url", fmt.Sprintf("%q is not an absolute http(s) URL", u))
	}
	return errors.Join(e...)
}

// query checks a parsed query: match-everything, short wildcards and, if
// !personLevel, person targeting.
func (e *errs) query(root *node, personLevel bool) {
	if !root.positive() {
		e.add("query", "matches without any term (match-everything): needs a term outside NOT; filters only restrict")
	}
	root.walk(func(n *node) {
		if n.kind == nTerm && n.prefix && utf8.RuneCountInString(n.words[0]) < MinPrefix {
			e.add("query", fmt.Sprintf("at %d: wildcard %s: prefix shorter than %d letters", n.pos, n, MinPrefix))
		}
	})
	if !personLevel {
		e.persons(root)
	}
}

// persons adds an error for each term of root that targets a person.
func (e *errs) persons(root *node) {
	root.walk(func(n *node) {
		switch {
		case n.kind == nTerm && n.mention:
			e.add("query", fmt.Sprintf("at %d: %s targets a person (a handle); purpose.person_level is not set", n.pos, n))
		case personPhrase(n):
			e.add("query", fmt.Sprintf("at %d: %s looks like a personal name; purpose.person_level is not set", n.pos, n))
		case personNear(n):
			e.add("query", fmt.Sprintf("at %d: %s combines a first name with a nearby word, like a personal name; purpose.person_level is not set", n.pos, n))
		}
	})
}

// positive reports whether the node can only match when some term
// matches (filters and NOT only restrict).
func (n *node) positive() bool {
	switch n.kind {
	case nTerm, nNear, nRef:
		return true
	case nNot, nField:
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

// refs returns the sorted, distinct profile references of q.
func (q *Query) refs() []string {
	var out []string
	q.root.walk(func(n *node) {
		if n.kind == nRef {
			out = append(out, n.value)
		}
	})
	slices.Sort(out)
	return slices.Compact(out)
}

func absURI(s string, web bool) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || strings.ContainsAny(s, " \t\n") {
		return false
	}
	if web {
		return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	}
	return u.Host != "" || u.Opaque != ""
}

// overlayKey normalises an overlay term as sentiment.Key does: terms
// that start with a letter are folded, other ASCII terms lower-cased,
// others (emoji) kept.
func overlayKey(k string) string {
	r, _ := utf8.DecodeRuneInString(k)
	switch {
	case unicode.IsLetter(r):
		return text.Fold(k)
	case r < utf8.RuneSelf:
		return strings.ToLower(k)
	}
	return k
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// RetentionDays returns the retention period in days: Retention is an
// ISO 8601 duration of years, months, weeks and days ("P1Y", "P6M",
// "P2W", "P30D", "P1Y6M"), counting a year as 365 and a month as 30
// days. It returns 0 and no error when Retention is empty.
func (p Purpose) RetentionDays() (int, error) {
	s := p.Retention
	if s == "" {
		return 0, nil
	}
	bad := fmt.Errorf("%q: want an ISO 8601 duration such as P30D, P6M or P1Y", s)
	rest, ok := strings.CutPrefix(s, "P")
	if !ok || rest == "" {
		return 0, bad
	}
	days, last := 0, -1
	units := "YMWD"
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 6 {
			return 0, bad
		}
		n, _ := strconv.Atoi(rest[:i])
		u := strings.IndexByte(units, rest[i])
		if u <= last {
			return 0, bad
		}
		last = u
		days += n * [...]int{365, 30, 7, 1}[u]
		rest = rest[i+1:]
	}
	return days, nil
}
