package profile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/socialgeo/socialgeo/internal/text"
)

// Token is a token of the shared tokenizer.
type Token = text.Token

// SyntaxError reports a query parse error at byte offset Pos.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("profile: query syntax at %d: %s", e.Pos, e.Msg)
}

// MinPrefix is the minimum length of a wildcard prefix.
const MinPrefix = 3

type nodeKind uint8

const (
	nTerm nodeKind = iota
	nAnd
	nOr
	nNot
)

type node struct {
	kind    nodeKind
	words   []string // folded phrase words
	prefix  bool
	hashtag bool
	mention bool
	person  bool // phrase looks like "First Last" with a common Dutch first name
	kids    []*node
}

// Query is a parsed query. It is immutable and safe for concurrent use.
type Query struct{ root *node }

type lexeme struct {
	s      string
	pos    int
	quoted bool
}

func lex(s string) ([]lexeme, error) {
	var out []lexeme
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
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
			for j < len(s) && !strings.ContainsRune(" \t\n\r()\"", rune(s[j])) {
				j++
			}
			out = append(out, lexeme{s: s[i:j], pos: i})
			i = j
		}
	}
	return out, nil
}

type parser struct {
	lx []lexeme
	i  int
	n  int
}

// ParseQuery parses s. Errors are *SyntaxError.
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
	return &Query{root: root}, nil
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
	return &node{kind: nOr, kids: kids}, nil
}

func (p *parser) and() (*node, error) {
	a, err := p.unary()
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
		b, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, b)
	}
	if len(kids) == 1 {
		return a, nil
	}
	return &node{kind: nAnd, kids: kids}, nil
}

func (p *parser) unary() (*node, error) {
	l, ok := p.peek()
	if !ok {
		return nil, &SyntaxError{Pos: l.pos, Msg: "unexpected end of query"}
	}
	if !l.quoted {
		switch l.s {
		case "NOT":
			p.i++
			k, err := p.unary()
			if err != nil {
				return nil, err
			}
			return &node{kind: nNot, kids: []*node{k}}, nil
		case "(":
			p.i++
			k, err := p.or()
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
	}
	p.i++
	return term(l)
}

func term(l lexeme) (*node, error) {
	s := l.s
	n := &node{kind: nTerm}
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
	for i, t := range toks {
		if t.Kind != text.Word && t.Kind != text.Number && t.Kind != text.Hashtag && t.Kind != text.Mention {
			continue
		}
		if t.Kind == text.Mention && !l.quoted {
			n.mention = true
		}
		if l.quoted && t.Title && i+1 < len(toks) && toks[i+1].Title && firstNames[t.Norm] {
			n.person = true
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
			if t.Kind == text.Word || t.Kind == text.Number || t.Kind == text.Hashtag || t.Kind == text.Mention {
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
	if n.prefix && (len(n.words) != 1 || len([]rune(n.words[0])) < MinPrefix) {
		return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("wildcard prefix %q shorter than %d letters", s, MinPrefix)}
	}
	if n.hashtag && len(n.words) != 1 {
		return nil, &SyntaxError{Pos: l.pos, Msg: fmt.Sprintf("bad hashtag %q", l.s)}
	}
	return n, nil
}

// MatchTokens reports whether the query matches toks.
func (q *Query) MatchTokens(toks []Token) bool { return eval(q.root, toks) }

// MatchText tokenises s and reports whether the query matches.
func (q *Query) MatchText(s string) bool { return q.MatchTokens(text.Tokenize(s, nil)) }

func eval(n *node, toks []Token) bool {
	switch n.kind {
	case nAnd:
		for _, k := range n.kids {
			if !eval(k, toks) {
				return false
			}
		}
		return true
	case nOr:
		for _, k := range n.kids {
			if eval(k, toks) {
				return true
			}
		}
		return false
	case nNot:
		return !eval(n.kids[0], toks)
	}
	for i := range toks {
		if termAt(n, toks, i) {
			return true
		}
	}
	return false
}

func termAt(n *node, toks []Token, i int) bool {
	k := 0
	for j := i; j < len(toks) && k < len(n.words); j++ {
		t := toks[j]
		if t.Kind == text.Punct {
			if k == 0 {
				return false
			}
			continue
		}
		if n.mention != (t.Kind == text.Mention) {
			return false
		}
		if n.hashtag && t.Kind != text.Hashtag {
			return false
		}
		if t.Kind != text.Word && t.Kind != text.Hashtag && t.Kind != text.Number && t.Kind != text.Mention {
			return false
		}
		if n.prefix {
			return strings.HasPrefix(t.Norm, n.words[0])
		}
		if t.Norm != n.words[k] {
			return false
		}
		k++
	}
	return k == len(n.words)
}
