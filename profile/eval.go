package profile

import (
	"strings"

	"github.com/socialgeo/socialgeo/internal/match"
	"github.com/socialgeo/socialgeo/internal/text"
)

// Doc is what a query is evaluated against: a post's tokens and the
// metadata that field filters test. The zero value of a metadata field
// means unknown, and a filter on an unknown field does not match (so
// "NOT lang:en" does).
type Doc struct {
	// Tokens are the post's tokens from the shared tokenizer.
	Tokens []Token
	// Lang is the post's BCP 47 language tag ("nl", "nl-BE"); matched
	// case-insensitively, lang:nl also matching "nl-BE".
	Lang string
	// Platform is the source platform ("twitter", "mastodon", "bluesky",
	// "open311", "news", "csv"), matched case-insensitively.
	Platform string
	// Kind is the kind of post ("post", "reply", "repost", "quote",
	// "article", "report"), matched case-insensitively.
	Kind string
	// Areas are the post's locations. List every level that applies (the
	// neighbourhood, municipality, safety region and province): area:PV27
	// matches only when "PV27" itself is listed. geo.Area.Parents gives
	// the coarser levels of an area.
	Areas []AreaRef
}

// AreaRef is one area of a [Doc] with the role of the evidence.
type AreaRef struct {
	// ID is the gazetteer area ID ("GM0363", "PV27", "PC4-1012"); see
	// [ValidAreaID]. Matched case-insensitively.
	ID string
	// Role is "from", "home" or "about" (geo.Role.String()). from:GM0363
	// matches only role "from"; area:GM0363 matches any role.
	Role string
}

// field evaluates a field filter against d.
func (d *Doc) field(f, v string) bool {
	switch f {
	case fieldLang:
		l := d.Lang
		return len(l) >= len(v) && strings.EqualFold(l[:len(v)], v) && (len(l) == len(v) || l[len(v)] == '-' || l[len(v)] == '_')
	case fieldPlatform:
		return strings.EqualFold(d.Platform, v)
	case fieldKind:
		return strings.EqualFold(d.Kind, v)
	}
	role := f
	for _, a := range d.Areas {
		if strings.EqualFold(a.ID, v) && (role == fieldArea || strings.EqualFold(a.Role, role)) {
			return true
		}
	}
	return false
}

// inScope reports whether d has an area (any role) in scope; an empty
// scope contains every Doc.
func (d *Doc) inScope(scope []string) bool {
	if len(scope) == 0 {
		return true
	}
	for _, a := range d.Areas {
		for _, s := range scope {
			if strings.EqualFold(a.ID, s) {
				return true
			}
		}
	}
	return false
}

// span is a token span: the indices of its first and last token.
type span struct{ first, last int32 }

// maxSpans bounds the spans one NEAR node produces (a long text with many
// occurrences of both operands); further combinations are not considered.
const maxSpans = 1 << 14

// occurrences finds where the terms of a query occur in a Doc's tokens.
type occurrences interface {
	// has reports whether term node n occurs.
	has(n *node) bool
	// appendSpans appends the spans of the occurrences of term node n.
	appendSpans(n *node, dst []span) []span
	// buf returns a scratch buffer for span lists.
	buf() *[]span
}

// kindOK reports whether token t may be (part of) an occurrence of term n.
func kindOK(n *node, t *Token) bool {
	switch {
	case n.mention:
		return t.Kind == text.Mention
	case n.hashtag:
		return t.Kind == text.Hashtag
	}
	return t.Kind == text.Word || t.Kind == text.Number || t.Kind == text.Hashtag
}

// termEnd returns the index of the last token of an occurrence of term n
// starting at toks[i], or -1. Words of a phrase are consecutive tokens,
// skipping joiner punctuation (match.Joiner), as in internal/match.
func termEnd(n *node, toks []Token, i int) int {
	if match.Joiner(&toks[i]) {
		return -1
	}
	k := 0
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		if match.Joiner(t) {
			continue
		}
		if !kindOK(n, t) {
			return -1
		}
		if n.prefix {
			if strings.HasPrefix(t.Norm, n.words[0]) {
				return j
			}
			return -1
		}
		if t.Norm != n.words[k] {
			return -1
		}
		if k++; k == len(n.words) {
			return j
		}
	}
	return -1
}

// scanOcc finds occurrences by scanning the tokens (the reference
// evaluator used by Query; the Matcher uses the automaton).
type scanOcc struct {
	toks []Token
	b    *[]span
}

func (o scanOcc) has(n *node) bool {
	for i := range o.toks {
		if termEnd(n, o.toks, i) >= 0 {
			return true
		}
	}
	return false
}

func (o scanOcc) appendSpans(n *node, dst []span) []span {
	for i := range o.toks {
		if j := termEnd(n, o.toks, i); j >= 0 {
			dst = append(dst, span{int32(i), int32(j)})
		}
	}
	return dst
}

func (o scanOcc) buf() *[]span { return o.b }

// eval evaluates n against d. Unresolved profile references are false.
func eval(n *node, d *Doc, o occurrences) bool {
	switch n.kind {
	case nTerm:
		return o.has(n)
	case nAnd:
		for _, k := range n.kids {
			if !eval(k, d, o) {
				return false
			}
		}
		return true
	case nOr:
		if h, ok := o.(hitOcc); ok && n.index != nil {
			return evalIndexed(n, d, h)
		}
		for _, k := range n.kids {
			if eval(k, d, o) {
				return true
			}
		}
		return false
	case nNot:
		return !eval(n.kids[0], d, o)
	case nNear:
		b := o.buf()
		*b = spansOf(n, d.Tokens, o, (*b)[:0])
		return len(*b) > 0
	case nField:
		return d.field(n.field, n.value)
	}
	return false
}

// evalIndexed evaluates a large OR through its index: only the free kids
// and the kids anchored at a variant that occurs can be true.
func evalIndexed(n *node, d *Doc, o hitOcc) bool {
	for _, i := range n.index.free {
		if o.s.meets(n.index.need[i]) && eval(n.kids[i], d, o) {
			return true
		}
	}
	for _, v := range o.s.used {
		for _, i := range n.index.anchored(v) {
			if o.s.meets(n.index.need[i]) && eval(n.kids[i], d, o) {
				return true
			}
		}
	}
	return false
}

// spansOf appends the token spans of positional node n to buf.
func spansOf(n *node, toks []Token, o occurrences, buf []span) []span {
	switch n.kind {
	case nTerm:
		return o.appendSpans(n, buf)
	case nOr:
		for _, k := range n.kids {
			buf = spansOf(k, toks, o, buf)
		}
		return buf
	case nNear:
		start := len(buf)
		buf = spansOf(n.kids[0], toks, o, buf)
		mid := len(buf)
		if mid == start {
			return buf
		}
		buf = spansOf(n.kids[1], toks, o, buf)
		end := len(buf)
		for i := start; i < mid && len(buf)-end < maxSpans; i++ {
			for j := mid; j < end && len(buf)-end < maxSpans; j++ {
				a, b := buf[i], buf[j]
				if near(toks, int(a.last), int(b.first), n.dist) || !n.ordered && near(toks, int(b.last), int(a.first), n.dist) {
					buf = append(buf, span{min(a.first, b.first), max(a.last, b.last)})
				}
			}
		}
		k := copy(buf[start:], buf[end:])
		return buf[:start+k]
	}
	return buf
}

// near reports whether a token span ending at a precedes one starting at
// b with at most dist tokens between them, punctuation not counted.
func near(toks []Token, a, b, dist int) bool {
	if a >= b {
		return false
	}
	n := 0
	for i := a + 1; i < b; i++ {
		if toks[i].Kind != text.Punct {
			if n++; n > dist {
				return false
			}
		}
	}
	return true
}

// Match reports whether the query matches d. Profile references
// (profile:id) are not resolved and do not match; compile the profile
// with [CompileWith] or [Registry.Compile] to resolve them.
func (q *Query) Match(d Doc) bool { return eval(q.root, &d, scanOcc{d.Tokens, new([]span)}) }

// MatchTokens reports whether the query matches toks, a Doc without
// metadata.
func (q *Query) MatchTokens(toks []Token) bool { return q.Match(Doc{Tokens: toks}) }

// MatchText tokenises s and reports whether the query matches it.
func (q *Query) MatchText(s string) bool { return q.MatchTokens(text.Tokenize(s, nil)) }
