package sentiment

import "github.com/socialgeo/socialgeo/internal/text"

// Token is one unit of a post's text. It is the project's shared token type
// (an alias), so place-name resolution, profile matching and sentiment read
// the same tokens and a post is tokenised once.
type Token = text.Token

// Token kinds, re-exported from the shared tokenizer.
const (
	KindWord     = text.Word
	KindNumber   = text.Number
	KindHashtag  = text.Hashtag
	KindMention  = text.Mention
	KindURL      = text.URL
	KindEmoticon = text.Emoticon
	KindEmoji    = text.Emoji
	KindPunct    = text.Punct
)

// A Tokenizer splits text into tokens. The returned slice is owned by the
// caller. Implementations must be safe for concurrent use.
type Tokenizer interface {
	Tokenize(s string) []Token
}

// A TokenFilter transforms a token stream. Filter may modify and return
// its argument; callers must not use the argument after the call.
type TokenFilter interface {
	Filter(toks []Token) []Token
}

// TokenizerFunc adapts a function to a [Tokenizer].
type TokenizerFunc func(s string) []Token

// Tokenize calls f(s).
func (f TokenizerFunc) Tokenize(s string) []Token { return f(s) }

// TokenFilterFunc adapts a function to a [TokenFilter].
type TokenFilterFunc func(toks []Token) []Token

// Filter calls f(toks).
func (f TokenFilterFunc) Filter(toks []Token) []Token { return f(toks) }

// DefaultTokenizer returns the shared tokenizer: NFC, width and case
// folding, diacritics removed in Token.Norm; hashtags, mentions, URLs,
// numbers, emoticons and emoji grapheme clusters kept whole; elongation
// reduced and flagged.
func DefaultTokenizer() Tokenizer {
	return TokenizerFunc(func(s string) []Token { return text.Tokenize(s, nil) })
}

// Chain is a [Tokenizer] followed by filters, applied in order.
type Chain struct {
	Tokenizer Tokenizer     // nil means DefaultTokenizer
	Filters   []TokenFilter // applied in order
}

// Tokenize tokenises s and applies the filters.
func (c Chain) Tokenize(s string) []Token {
	var toks []Token
	if c.Tokenizer == nil {
		toks = text.Tokenize(s, nil)
	} else {
		toks = c.Tokenizer.Tokenize(s)
	}
	for _, f := range c.Filters {
		toks = f.Filter(toks)
	}
	return toks
}

// DropKinds returns a filter that removes tokens of the given kinds (for
// example URLs and mentions before scoring).
func DropKinds(kinds ...text.Kind) TokenFilter {
	return TokenFilterFunc(func(toks []Token) []Token {
		out := toks[:0]
	next:
		for _, t := range toks {
			for _, k := range kinds {
				if t.Kind == k {
					continue next
				}
			}
			out = append(out, t)
		}
		return out
	})
}
