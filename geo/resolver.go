package geo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/internal/text"
	"github.com/socialgeo/socialgeo/source"
)

// Token is a token of a post's text, as produced once per post by the
// shared tokenizer (the same type as sentiment.Token and profile.Token).
type Token = text.Token

// ErrNotFound is returned by a [Resolver] that found no location.
var ErrNotFound = errors.New("geo: location not found")

// ErrOutside is returned (wrapped) when a point lies outside the
// Netherlands or in a foreign enclave (GM0998, Baarle-Hertog).
var ErrOutside = errors.New("geo: point outside the Netherlands")

// AmbiguousError reports a place name that could not be settled: it names
// several areas and the context did not decide between them.
type AmbiguousError struct {
	Name       string   // the text as found
	Start, End int      // byte offsets in the resolved text
	Candidates []AreaID // the areas it may refer to, most likely first
}

// Error implements error.
func (e *AmbiguousError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = string(c)
	}
	return fmt.Sprintf("geo: %q is ambiguous: %s", e.Name, strings.Join(ids, ", "))
}

// Query is what a [Resolver] looks at: the location evidence of one post.
// Every field is optional; a resolver uses the fields of its kind and
// ignores the others.
type Query struct {
	// Text is the post text (evidence of "about").
	Text string
	// Tokens are the tokens of Text from the shared tokenizer. Nil means
	// the resolver tokenises Text itself. The resolver must not modify them.
	Tokens []Token
	// Lang is the language of Text as a BCP 47 tag ("nl", "en"), when the
	// caller knows it; "" means the resolver detects it when a rule needs
	// it (unreliable for very short posts).
	Lang string
	// Geo is the device geotag (evidence of "from"), nil when absent.
	Geo *orb.Point
	// Place is the platform place (evidence of "from"), nil when absent.
	Place *source.Place
	// ProfileLocation is the author's public profile location text
	// (evidence of "home").
	ProfileLocation string
	// Context holds locations already known for this post (for example
	// the author's home) that a resolver may use to settle ambiguous
	// names. Never modified.
	Context []Location
}

// A Resolver finds locations for a post. Resolve returns every location it
// finds (a post can be about several areas and sent from another); when it
// finds none it returns ErrNotFound. Names it could not settle are reported
// as *AmbiguousError values (joined with errors.Join when several) together
// with the locations it did find: callers that want partial results check
// the slice before the error.
//
// Implementations must be safe for concurrent use and must not retain or
// modify q's slices.
type Resolver interface {
	Resolve(ctx context.Context, q Query) ([]Location, error)
}

// ResolverFunc adapts a function to a [Resolver].
type ResolverFunc func(ctx context.Context, q Query) ([]Location, error)

// Resolve calls f(ctx, q).
func (f ResolverFunc) Resolve(ctx context.Context, q Query) ([]Location, error) { return f(ctx, q) }

// Chain returns a Resolver that tries rs in order and returns the result of
// the first one that does not return ErrNotFound: a fallback chain within
// one kind of evidence (geotag, then platform place).
func Chain(rs ...Resolver) Resolver {
	return ResolverFunc(func(ctx context.Context, q Query) ([]Location, error) {
		for _, r := range rs {
			locs, err := r.Resolve(ctx, q)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			return locs, err
		}
		return nil, ErrNotFound
	})
}

// All returns a Resolver that runs every resolver and returns all their
// locations together: different kinds of evidence (from, home, about) for
// one post. ErrNotFound from a member is not an error; other errors are
// joined and returned with the locations found. All returns ErrNotFound
// only when every member did.
func All(rs ...Resolver) Resolver {
	return ResolverFunc(func(ctx context.Context, q Query) ([]Location, error) {
		var (
			out  []Location
			errs []error
		)
		for _, r := range rs {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			locs, err := r.Resolve(ctx, q)
			out = append(out, locs...)
			if err != nil && !errors.Is(err, ErrNotFound) {
				errs = append(errs, err)
			}
		}
		if len(out) == 0 && len(errs) == 0 {
			return nil, ErrNotFound
		}
		return out, errors.Join(errs...)
	})
}
