package geo

import (
	"context"
	"errors"

	"github.com/socialgeo/socialgeo/internal/text"
)

// HomeOptions configures a [HomeResolver]. The nil *HomeOptions and the
// zero value mean the defaults.
type HomeOptions struct {
	// FirstOnly returns only the first municipality of a profile that
	// names several ("Utrecht / Amsterdam"). False: all of them, each with
	// lower confidence.
	FirstOnly bool
}

// HomeResolver finds where an author lives ([RoleHome], [MethodProfile])
// from the free-text location of their public profile
// ([Query.ProfileLocation]). Create it with [NewHomeResolver]; it is
// immutable and safe for concurrent use. The zero value is not usable.
//
// It uses the names of the gazetteer as [TextResolver] does (one scan with
// the same automaton, aliases such as "010", "Mokum", "Rotterdam-Zuid"),
// with rules for profile fields:
//
//   - A name that is also a word (Best, Goes) or a small place counts when
//     capitalised or written as a hashtag (profile fields name places;
//     "echt best" in lower case does not count): confidence 0.75. Other
//     names count in any case: 0.9 (0.8 for landmarks).
//   - Shared names are settled as in [TextResolver] (qualifiers "Bergen
//     NH", [Query.Context], dominance), else *[AmbiguousError].
//   - Several municipalities ("Utrecht / Amsterdam", "Leiden - Delft"):
//     all of them, in order, each with confidence × 0.6, since the author
//     lives in at most one ([HomeOptions.FirstOnly] keeps the first).
//   - No municipality, but a province or region ("ergens in Brabant",
//     "Limburg", "NB", "Twente"): the province, at [LevelProvince], with
//     confidence 0.7 (the abbreviations GR, FR, DR, OV, FL, GLD, UT, NH,
//     ZH, ZL, NB, LB count only in capitals or after a comma).
//   - Nothing finer than the country ("Nederland", "NL", "The
//     Netherlands"), jokes and non-places ("in je moeder", "op de bank",
//     "127.0.0.1", "Mars"): [ErrNotFound].
//
// Start and End are byte offsets in [Query.ProfileLocation].
//
// On geo/testdata/home_eval.tsv (see [TextResolver] for the command and
// figures) it reaches the precision and recall printed by geoeval.
type HomeResolver struct {
	ix   *nameIndex
	opts HomeOptions
}

// NewHomeResolver returns a resolver of profile locations using the names
// of g. Build once and share. opts may be nil.
func NewHomeResolver(g *Gazetteer, opts *HomeOptions) *HomeResolver {
	r := &HomeResolver{ix: newNameIndex(g)}
	if opts != nil {
		r.opts = *opts
	}
	return r
}

// newHomeResolverIndex shares an index built for a TextResolver.
func newHomeResolverIndex(ix *nameIndex, opts *HomeOptions) *HomeResolver {
	r := &HomeResolver{ix: ix}
	if opts != nil {
		r.opts = *opts
	}
	return r
}

// Home returns a HomeResolver that shares r's compiled names (saves the
// build time and memory of a second index).
func (r *TextResolver) Home(opts *HomeOptions) *HomeResolver {
	return newHomeResolverIndex(r.ix, opts)
}

// Resolve implements [Resolver] on q.ProfileLocation; other fields are
// ignored except q.Context (to settle shared names).
func (r *HomeResolver) Resolve(ctx context.Context, q Query) ([]Location, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.ProfileLocation == "" {
		return nil, ErrNotFound
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.toks = text.Tokenize(q.ProfileLocation, s.toks[:0])
	toks := s.toks
	ix := r.ix
	found := ix.find(s, toks, true, q.Context, q.Lang)
	gm, pv := s.locs[:0], s.locs2[:0] // copied out by keep
	var errs []error
	consumed := int32(-1)
	for i := range found {
		m := &found[i]
		if m.first <= consumed {
			continue
		}
		e := &ix.entries[m.entry]
		qual, qi := qualifier(toks, int(m.last))
		k, mul := ix.settle(e, qual, nil, q.Context)
		if qual != "" && k >= 0 && (len(e.cands) > 1 || qual == e.cands[k].prov) {
			consumed = int32(qi) // "Bergen NH", "Amersfoort, Utrecht"
		}
		start, end := int(toks[m.first].Start), int(toks[m.last].End)
		if k < 0 {
			errs = append(errs, newAmbiguous(spanText(q.ProfileLocation, start, end), start, end, e.cands))
			continue
		}
		c := e.cands[k]
		l := Location{Area: c.area, Level: c.level, Role: RoleHome, Method: MethodProfile, Confidence: m.conf * mul, Start: start, End: end}
		if c.level == LevelProvince {
			l.Confidence = 0.7
			pv = addLocation(pv, l, 0)
		} else {
			gm = addLocation(gm, l, 0)
		}
	}
	if len(gm) == 0 && len(pv) == 0 {
		pv = provinceAbbrev(toks, pv)
	}
	out := gm
	switch {
	case len(gm) > 1 && r.opts.FirstOnly:
		out = gm[:1]
		out[0].Confidence *= 0.6
	case len(gm) > 1:
		for i := range out {
			out[i].Confidence *= 0.6
		}
	case len(gm) == 0:
		out = pv
		if len(pv) > 1 {
			for i := range out {
				out[i].Confidence *= 0.6
			}
		}
	}
	s.locs, s.locs2 = gm, pv
	if len(out) == 0 && len(errs) == 0 {
		return nil, ErrNotFound
	}
	return s.keep(out), errors.Join(errs...)
}

// provinceAbbrev finds standalone province abbreviations ("NB", "Gld").
func provinceAbbrev(toks []text.Token, out []Location) []Location {
	for i := range toks {
		t := &toks[i]
		if t.Kind != text.Word || len(t.Norm) < 2 {
			continue
		}
		pv, ok := provinceQualifiers[t.Norm]
		if !ok || t.Norm == "zee" {
			continue
		}
		afterComma := i > 0 && toks[i-1].Norm == ","
		if len(t.Norm) <= 3 && !t.Upper && !afterComma {
			continue
		}
		out = addLocation(out, Location{Area: pv, Level: LevelProvince, Role: RoleHome, Method: MethodProfile,
			Confidence: 0.7, Start: int(t.Start), End: int(t.End)}, 0)
	}
	return out
}
