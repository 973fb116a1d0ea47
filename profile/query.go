package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/socialgeo/socialgeo/internal/text"
)

// Token is a token of the shared tokenizer (internal/text): a [Doc] holds
// a post's tokens.
type Token = text.Token

// SyntaxError reports a query parse error at byte offset Pos of the query.
type SyntaxError struct {
	// Pos is the byte offset of the offending lexeme in the query.
	Pos int
	// Msg says what is wrong.
	Msg string
}

// Error returns "profile: query syntax at POS: MSG".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("profile: query syntax at %d: %s", e.Pos, e.Msg)
}

// MinPrefix is the minimum number of letters of a wildcard prefix
// ("tra*" is the shortest allowed form of "tram*").
const MinPrefix = 3

// MaxNear is the largest distance allowed in NEAR/n and ONEAR/n.
const MaxNear = 50

type nodeKind uint8

const (
	nTerm  nodeKind = iota // words, prefix, hashtag, mention
	nAnd                   // kids
	nOr                    // kids
	nNot                   // kids[0]
	nNear                  // kids[0] NEAR/dist kids[1]; ordered for ONEAR
	nField                 // field:value
	nRef                   // profile:value
)

// Field filter names as written in a query.
const (
	fieldLang     = "lang"
	fieldPlatform = "platform"
	fieldKind     = "kind"
	fieldArea     = "area"
	fieldFrom     = "from"
	fieldHome     = "home"
	fieldAbout    = "about"
	fieldProfile  = "profile"
)

type node struct {
	kind    nodeKind
	pos     int      // byte offset in the query (diagnostics only)
	words   []string // nTerm: folded words
	prefix  bool     // nTerm: suffix wildcard on the single word
	hashtag bool     // nTerm: #tag, matches hashtag tokens only
	mention bool     // nTerm: @handle, matches mention tokens only
	dist    int      // nNear
	ordered bool     // nNear: ONEAR
	field   string   // nField: field name; nRef: "profile"
	value   string   // nField, nRef: normalised value
	kids    []*node
	v       int32    // compiled trees only: term variant index
	index   *orIndex // compiled nOr with many kids only, see anchorOr
}

// Query is a parsed query. It is immutable and safe for concurrent use.
type Query struct{ root *node }

type lexeme struct {
	s      string
	pos    int
	quoted bool
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func lex(s string) ([]lexeme, error) {
	var out []lexeme
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSpace(c):
			i++
		case c == '(' || c == ')':
			out = append(out, lexeme{s: s[i : i+1], pos: i})
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, &SyntaxError{Pos: i, Msg: "unterminated phrase"}
			}
			out = append(out, lexeme{s: s[i+1 : i+1+j], pos: i, quoted: true})
			i += j + 2
		default:
			j := i
			for j < len(s) && !isSpace(s[j]) && s[j] != '(' && s[j] != ')' && s[j] != '"' {
				j++
			}
			out = append(out, lexeme{s: s[i:j], pos: i})
			i = j
		}
	}
	return out, nil
}

type parser struct {
	lx    []lexeme
	i     int
	n     int
	depth int
}

// MaxDepth bounds the nesting of parentheses, NOT and NEAR in a query, so
// that hostile input cannot exhaust the stack.
const MaxDepth = 100

func (p *parser) enter(pos int) error {
	if p.depth++; p.depth > MaxDepth {
		return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("nested deeper than %d", MaxDepth)}
	}
	return nil
}

// ParseQuery parses s (see the grammar in the package doc). Errors are
// *SyntaxError with the byte position of the problem. The result is
// normalised: nested AND/OR groups are flattened, their operands sorted
// and duplicates removed, so String prints the canonical form.
func ParseQuery(s string) (*Query, error) {
	lx, err := lex(s)
	if err != nil {
		return nil, err
	}
	if len(lx) == 0 {
		return nil, &SyntaxError{Pos: 0, Msg: "empty query"}
	}
	p := &parser{lx: lx, n: len(s)}
	root, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i < len(lx) {
		return nil, &SyntaxError{Pos: lx[p.i].pos, Msg: fmt.Sprintf("unexpected %q", lx[p.i].s)}
	}
	return &Query{root: normalize(root)}, nil
}

func (p *parser) peek() (lexeme, bool) {
	if p.i < len(p.lx) {
		return p.lx[p.i], true
	}
	return lexeme{pos: p.n}, false
}

func (p *parser) or() (*node, error) {
	a, err := p.and()
	if err != nil {
		return nil, err
	}
	kids := []*node{a}
	for {
		l, ok := p.peek()
		if !ok || l.quoted || l.s != "OR" {
			break
		}
		p.i++
		b, err := p.and()
		if err != nil {
			return nil, err
		}
		kids = append(kids, b)
	}
	if len(kids) == 1 {
		return a, nil
	}
	return &node{kind: nOr, pos: a.pos, kids: kids}, nil
}

func (p *parser) and() (*node, error) {
	a, err := p.near()
	if err != nil {
		return nil, err
	}
	kids := []*node{a}
	for {
		l, ok := p.peek()
		if !ok || (!l.quoted && (l.s == "OR" || l.s == ")")) {
			break
		}
		if !l.quoted && l.s == "AND" {
			p.i++
		}
		b, err := p.near()
		if err != nil {
			return nil, err
		}
		kids = append(kids, b)
	}
	if len(kids) == 1 {
		return a, nil
	}
	return &node{kind: nAnd, pos: a.pos, kids: kids}, nil
}

// nearOp parses "NEAR/n" or "ONEAR/n"; ok is false for other lexemes.
func nearOp(l lexeme) (dist int, ordered, ok bool, err error) {
	if l.quoted {
		return 0, false, false, nil
	}
	s := l.s
	switch {
	case s == "NEAR" || s == "ONEAR":
		return 0, false, false, &SyntaxError{Pos: l.pos, Msg: s + " needs a distance, such as " + s + "/3"}
	case strings.HasPrefix(s, "NEAR/"):
		s = s[len("NEAR/"):]
	case strings.HasPrefix(s, "ONEAR/"):
		s, ordered = s[len("ONEAR/"):], true
	default:
		return 0, false, false, nil
	}
	n, e := strconv.Atoi(s)
	if e != nil || n < 0 || n > MaxNear || s == "" || s[0] == '+' || (len(s) > 1 && s[0] == '0') {
		return 0, false, false, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("bad distance in %q: want 0..%d", l.s, MaxNear)}
	}
	return n, ordered, true, nil
}

func (p *parser) near() (*node, error) {
	a, err := p.unary()
	if err != nil {
		return nil, err
	}
	defer func(d int) { p.depth = d }(p.depth)
	for {
		l, _ := p.peek()
		dist, ordered, ok, err := nearOp(l)
		if err != nil {
			return nil, err
		}
		if !ok {
			return a, nil
		}
		if err := p.enter(l.pos); err != nil {
			return nil, err
		}
		p.i++
		b, err := p.unary()
		if err != nil {
			return nil, err
		}
		for _, k := range []*node{a, b} {
			if !k.positional() {
				return nil, &SyntaxError{Pos: k.pos, Msg: "operand of " + l.s + " must be a term, a phrase, a NEAR group or a parenthesised OR of those"}
			}
		}
		a = &node{kind: nNear, pos: a.pos, dist: dist, ordered: ordered, kids: []*node{a, b}}
	}
}

// positional reports whether n has token positions: a term, a NEAR, or an
// OR of positional operands.
func (n *node) positional() bool {
	switch n.kind {
	case nTerm, nNear:
		return true
	case nOr:
		for _, k := range n.kids {
			if !k.positional() {
				return false
			}
		}
		return true
	}
	return false
}

func (p *parser) unary() (*node, error) {
	l, ok := p.peek()
	if !ok {
		return nil, &SyntaxError{Pos: l.pos, Msg: "unexpected end of query"}
	}
	if !l.quoted {
		switch l.s {
		case "NOT":
			if err := p.enter(l.pos); err != nil {
				return nil, err
			}
			p.i++
			k, err := p.unary()
			p.depth--
			if err != nil {
				return nil, err
			}
			return &node{kind: nNot, pos: l.pos, kids: []*node{k}}, nil
		case "(":
			if err := p.enter(l.pos); err != nil {
				return nil, err
			}
			p.i++
			k, err := p.or()
			p.depth--
			if err != nil {
				return nil, err
			}
			if c, ok := p.peek(); !ok || c.quoted || c.s != ")" {
				return nil, &SyntaxError{Pos: c.pos, Msg: "missing )"}
			}
			p.i++
			return k, nil
		case ")", "AND", "OR":
			return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("unexpected %q", l.s)}
		}
		if _, _, ok, err := nearOp(l); ok || err != nil {
			if err != nil {
				return nil, err
			}
			return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("unexpected %q", l.s)}
		}
		if f, v, ok := strings.Cut(l.s, ":"); ok && isField(f) {
			p.i++
			return field(l, f, v)
		}
	}
	p.i++
	return term(l)
}

func isField(f string) bool {
	switch f {
	case fieldLang, fieldPlatform, fieldKind, fieldArea, fieldFrom, fieldHome, fieldAbout, fieldProfile:
		return true
	}
	return false
}

// field parses a field filter or profile reference.
func field(l lexeme, f, v string) (*node, error) {
	bad := func(want string) error {
		return &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("bad value in %q: want %s", l.s, want)}
	}
	n := &node{kind: nField, pos: l.pos, field: f}
	switch f {
	case fieldLang:
		v = strings.ToLower(v)
		if !validLang(v) {
			return nil, bad("a language tag such as nl or nl-be")
		}
	case fieldPlatform, fieldKind:
		v = strings.ToLower(v)
		if !validName(v) {
			return nil, bad("a lower-case name such as mastodon or reply")
		}
	case fieldArea, fieldFrom, fieldHome, fieldAbout:
		v = strings.ToUpper(v)
		if !ValidAreaID(v) {
			return nil, bad("an area ID such as GM0363, PV27, VR15, WK036300, BU03630000 or PC4-1012")
		}
	case fieldProfile:
		if !validID(v) {
			return nil, bad("a profile ID such as stroomstoring")
		}
		n.kind = nRef
	}
	n.value = v
	return n, nil
}

// ValidAreaID reports whether id has the form of a gazetteer area ID: a
// CBS code with its prefix (PV, VR, GM, WK, BU and digits) or "PC4-" and
// four digits. It checks the form only, not that the area exists.
func ValidAreaID(id string) bool {
	if rest, ok := strings.CutPrefix(id, "PC4-"); ok {
		return len(rest) == 4 && allDigits(rest)
	}
	if len(id) < 4 || len(id) > 12 {
		return false
	}
	switch id[:2] {
	case "PV", "VR", "GM", "WK", "BU":
		return allDigits(id[2:])
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// validID reports whether s is a valid profile ID.
func validID(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

// validName reports whether s is a lower-case name: [a-z0-9][a-z0-9_-]*.
func validName(s string) bool {
	if s == "" || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validLang reports whether s (lower case) looks like a BCP 47 tag:
// 2–3 letters, then subtags of 2–8 letters or digits.
func validLang(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if len(p) < 2 || len(p) > 8 {
			return false
		}
		for j := 0; j < len(p); j++ {
			c := p[j]
			if !(c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

func wordLike(k text.Kind) bool {
	return k == text.Word || k == text.Number || k == text.Hashtag || k == text.Mention
}

func term(l lexeme) (*node, error) {
	s := l.s
	n := &node{kind: nTerm, pos: l.pos}
	if !l.quoted {
		if strings.HasPrefix(s, "#") {
			n.hashtag = true
			s = s[1:]
		}
		if strings.HasSuffix(s, "*") {
			n.prefix = true
			s = strings.TrimSuffix(s, "*")
		}
	}
	toks := text.Tokenize(s, nil)
	for _, t := range toks {
		if !wordLike(t.Kind) {
			continue
		}
		if t.Kind == text.Mention && !l.quoted && !n.hashtag {
			n.mention = true
		}
		n.words = append(n.words, t.Norm)
	}
	// Re-tokenise the folded words until stable so that the canonical
	// printing parses back to the same words (tokenisation is context
	// dependent, e.g. "00a" after a digit).
	for range 4 {
		if len(n.words) == 0 {
			break
		}
		var again []string
		for _, t := range text.Tokenize(strings.Join(n.words, " "), nil) {
			if wordLike(t.Kind) {
				again = append(again, t.Norm)
			}
		}
		if slices.Equal(again, n.words) {
			break
		}
		n.words = again
	}
	if len(n.words) == 0 {
		return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("no words in term %q", l.s)}
	}
	if n.prefix && len(n.words) != 1 {
		return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("wildcard %q: the prefix must be one word", l.s)}
	}
	if (n.hashtag || n.mention) && len(n.words) != 1 {
		return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("bad hashtag or mention %q", l.s)}
	}
	if len(n.words) > 1 {
		n.mention = false
	}
	return n, nil
}

// normalize flattens nested AND/OR nodes, removes double negation, sorts
// AND/OR operands and unordered NEAR operands by their canonical string
// and removes duplicate operands.
func normalize(n *node) *node {
	for i, k := range n.kids {
		n.kids[i] = normalize(k)
	}
	switch n.kind {
	case nNot:
		if k := n.kids[0]; k.kind == nNot {
			return k.kids[0]
		}
	case nNear:
		if !n.ordered && n.kids[1].String() < n.kids[0].String() {
			n.kids[0], n.kids[1] = n.kids[1], n.kids[0]
		}
	case nAnd, nOr:
		var flat []*node
		for _, k := range n.kids {
			if k.kind == n.kind {
				flat = append(flat, k.kids...)
			} else {
				flat = append(flat, k)
			}
		}
		slices.SortStableFunc(flat, func(a, b *node) int { return strings.Compare(a.String(), b.String()) })
		flat = slices.CompactFunc(flat, func(a, b *node) bool { return a.String() == b.String() })
		if len(flat) == 1 {
			return flat[0]
		}
		n.kids = flat
	}
	return n
}

// String prints the query canonically; see [ParseQuery].
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
		op := " AND "
		if n.kind == nOr {
			op = " OR "
		}
		return "(" + strings.Join(parts, op) + ")"
	case nNear:
		op := " NEAR/"
		if n.ordered {
			op = " ONEAR/"
		}
		return "(" + n.kids[0].String() + op + strconv.Itoa(n.dist) + " " + n.kids[1].String() + ")"
	case nField, nRef:
		return n.field + ":" + n.value
	}
	w := strings.Join(n.words, " ")
	switch {
	case len(n.words) > 1:
		return `"` + w + `"`
	case n.hashtag:
		w = "#" + w
	case n.mention:
		w = "@" + w
	case needsQuote(w):
		return `"` + w + `"`
	}
	if n.prefix {
		w += "*"
	}
	return w
}

// needsQuote reports whether a single plain word would be read as
// something else when printed bare.
func needsQuote(w string) bool {
	if w == "" || w[0] == '#' || w[0] == '@' || strings.HasSuffix(w, "*") {
		return true
	}
	if f, _, ok := strings.Cut(w, ":"); ok && isField(f) {
		return true
	}
	switch w {
	case "AND", "OR", "NOT":
		return true
	}
	return strings.HasPrefix(w, "NEAR") || strings.HasPrefix(w, "ONEAR")
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// clone returns a deep copy of n.
func (n *node) clone() *node {
	c := *n
	c.kids = make([]*node, len(n.kids))
	for i, k := range n.kids {
		c.kids[i] = k.clone()
	}
	return &c
}
