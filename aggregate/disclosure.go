package aggregate

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/socialgeo/socialgeo/geo"
)

// DefaultK is the default minimum number of unique authors of a published
// cell ([Policy.K]).
const DefaultK = 10

// ErrPolicy is returned (wrapped) by [Policy.Validate] for an unusable
// disclosure policy.
var ErrPolicy = errors.New("aggregate: invalid disclosure policy")

// Reasons given in [Disclosure.Reason].
const (
	// ReasonFewAuthors: the cell has fewer than K unique authors.
	ReasonFewAuthors = "fewer than k unique authors"
	// ReasonComplementary: the cell is published in a group (same bucket,
	// level, role and profile, under the same parent area or the
	// national total) in which another cell was suppressed, and
	// publishing it would let the suppressed cell be recovered by
	// subtraction.
	ReasonComplementary = "complementary suppression"
	// ReasonInvalidPolicy: the policy failed [Policy.Validate]; results
	// fail closed and suppress every cell.
	ReasonInvalidPolicy = "invalid disclosure policy"
)

// Policy is the disclosure-control policy applied by every Results method
// of this package. A nil *Policy means [DefaultPolicy]: k = 10 unique
// authors, complementary suppression, no noise.
//
// # Suppression
//
// A cell with fewer than K unique authors is suppressed: its statistics
// are zero (NaN for means) and [Disclosure.Suppressed] is set. Results
// that publish cells adding up to a total (all areas of a level, or the
// children of a parent area) apply complementary suppression so that a
// suppressed cell cannot be recovered from the totals or from the other
// levels (see [Complement]).
//
// # Noise (ε-differential privacy)
//
// With Epsilon > 0 the published counts of every unsuppressed cell get
// Laplace noise. The unit of privacy is one author. Each author's
// contribution to a cell is first bounded to MaxContrib posts (default 1:
// then the noisy post count is the noisy number of unique authors), and
// each statistic s with sensitivity Δs is published as
//
//	s + Laplace(0, q·Δs/ε),   density  (ε/(2qΔs))·exp(−|x|·ε/(qΔs))
//
// where q is the number of noised statistics of the cell (documented per
// result type), so that each cell of one release is ε-differentially
// private with respect to adding or removing one author (sequential
// composition over its q statistics). Epsilon is therefore "per cell, per
// release": an author who appears in m cells of a release (several
// areas, levels, roles, profiles or buckets) is protected with m·ε, and
// each further call of Results on the same data is a new release that
// spends ε again. Divide your total budget accordingly. Noisy counts are
// rounded and clamped at 0 (post-processing does not weaken the
// guarantee). The k-suppression decision is made on the true author count
// and is not itself differentially private; use a noisy threshold if that
// matters for your release. Randomness comes only from Rand, so a release
// is reproducible from its seed.
type Policy struct {
	// K is the minimum number of unique authors of a published cell; 0
	// means [DefaultK].
	K int
	// UnsafeSmallK allows K < 2 (K = 1 publishes single-author cells).
	// Without it Validate rejects K < 2.
	UnsafeSmallK bool
	// Epsilon > 0 adds Laplace noise to published counts, ε per cell per
	// release (see above). 0 publishes exact counts.
	Epsilon float64
	// MaxContrib bounds the posts one author contributes to a noised cell;
	// 0 means 1.
	MaxContrib int
	// Rand is the source of the noise (math/rand/v2), required when
	// Epsilon > 0. Results draws from it in the documented result order.
	Rand *rand.Rand
}

// DefaultPolicy returns the default policy: K = 10, no noise.
func DefaultPolicy() *Policy { return &Policy{K: DefaultK} }

// Validate reports whether the policy is usable: K ≥ 2 unless
// UnsafeSmallK, K ≥ 0, MaxContrib ≥ 0, Epsilon finite and ≥ 0, and Rand
// set when Epsilon > 0. A nil policy is valid. Errors wrap [ErrPolicy].
func (p *Policy) Validate() error {
	if p == nil {
		return nil
	}
	switch {
	case p.K < 0:
		return fmt.Errorf("%w: K = %d", ErrPolicy, p.K)
	case p.K == 1 && !p.UnsafeSmallK:
		return fmt.Errorf("%w: K = 1 needs UnsafeSmallK", ErrPolicy)
	case p.MaxContrib < 0:
		return fmt.Errorf("%w: MaxContrib = %d", ErrPolicy, p.MaxContrib)
	case !(p.Epsilon >= 0) || math.IsInf(p.Epsilon, 0):
		return fmt.Errorf("%w: Epsilon = %v", ErrPolicy, p.Epsilon)
	case p.Epsilon > 0 && p.Rand == nil:
		return fmt.Errorf("%w: Epsilon > 0 needs Rand", ErrPolicy)
	}
	return nil
}

// MinAuthors returns the effective K: [DefaultK] for a nil policy or K = 0.
func (p *Policy) MinAuthors() int {
	if p == nil || p.K == 0 {
		return DefaultK
	}
	return p.K
}

// Contrib returns the effective per-author contribution bound (≥ 1).
func (p *Policy) Contrib() int {
	if p == nil || p.MaxContrib <= 0 {
		return 1
	}
	return p.MaxContrib
}

// Noising reports whether the policy adds noise (Epsilon > 0).
func (p *Policy) Noising() bool { return p != nil && p.Epsilon > 0 && p.Rand != nil }

// Laplace returns a draw from Laplace(0, scale) from p.Rand, or 0 when
// the policy does not add noise or scale ≤ 0.
func (p *Policy) Laplace(scale float64) float64 {
	if !p.Noising() || !(scale > 0) {
		return 0
	}
	u := p.Rand.Float64() - 0.5 // [-0.5, 0.5)
	if u == -0.5 {
		u = 0 // measure zero; avoids log(0)
	}
	if u < 0 {
		return scale * math.Log1p(2*u)
	}
	return -scale * math.Log1p(-2*u)
}

// NoisyCount returns the count v with Laplace noise of scale
// parts·sensitivity/Epsilon, rounded and clamped at 0; parts is the
// number of noised statistics of the cell (q above). Without noise it
// returns v.
func (p *Policy) NoisyCount(v int64, sensitivity float64, parts int) int64 {
	if !p.Noising() {
		return v
	}
	x := math.Round(float64(v) + p.Laplace(float64(max(parts, 1))*sensitivity/p.Epsilon))
	if x < 0 {
		return 0
	}
	if x > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(x)
}

// Disclosure says what disclosure control did to one result row. Every
// result type of this package carries one.
type Disclosure struct {
	// Suppressed is true when the row's statistics are withheld (zero,
	// NaN for means) and must not be published.
	Suppressed bool
	// Reason says why (one of the Reason constants); empty when not
	// suppressed.
	Reason string
	// Noised is true when the published counts carry Laplace noise.
	Noised bool
}

// check returns the disclosure of a cell with the given unique-author
// count under p (which must have been validated: an invalid policy
// suppresses everything).
func (p *Policy) check(authors int64, valid bool) Disclosure {
	switch {
	case !valid:
		return Disclosure{Suppressed: true, Reason: ReasonInvalidPolicy}
	case authors < int64(p.MinAuthors()):
		return Disclosure{Suppressed: true, Reason: ReasonFewAuthors}
	}
	return Disclosure{Noised: p.Noising()}
}

// Check returns the [Disclosure] of a cell with the given number of unique
// authors: suppressed with [ReasonFewAuthors] below K, suppressed with
// [ReasonInvalidPolicy] when p is invalid, otherwise published (Noised
// when p adds noise). Aggregators in this package and its users call it
// for every result row.
func (p *Policy) Check(authors int64) Disclosure {
	return p.check(authors, p.Validate() == nil)
}

// Complement applies complementary suppression to one group of cells that
// add up to a published or derivable total (the areas of a level in one
// bucket, or the children of one parent area). size[i] is cell i's
// unique-author count and suppressed[i] its state, updated in place; cells
// newly suppressed are reported through mark(i). The rule: when a group
// has suppressed cells, at least two cells are suppressed and the
// suppressed cells together have at least k unique authors (counting
// authors once per cell), so neither a single suppressed cell nor the
// suppressed remainder (total minus published cells) is a small-count
// disclosure. Cells are added smallest first (ties by index, so the result
// is deterministic). If the whole group is suppressed the rule is met
// trivially. It returns whether any cell was added.
func Complement(size []int64, suppressed []bool, k int, mark func(i int)) bool {
	n := len(size)
	nsup, sum := 0, int64(0)
	for i := range n {
		if suppressed[i] {
			nsup++
			sum += size[i]
		}
	}
	if nsup == 0 || nsup == n {
		return false
	}
	var order []int
	changed := false
	for nsup < n && (nsup < 2 || sum < int64(k)) {
		if order == nil {
			order = make([]int, 0, n)
			for i := range n {
				if !suppressed[i] {
					order = append(order, i)
				}
			}
			slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[a], size[b]) })
		}
		i := order[0]
		order = order[1:]
		suppressed[i] = true
		nsup++
		sum += size[i]
		changed = true
		if mark != nil {
			mark(i)
		}
	}
	return changed
}

// cellGroup is the part of a suppression group key shared by all cells
// that can add up to a total: bucket, level, role and profile.
type cellGroup struct {
	bucket  int64
	level   geo.Level
	role    geo.Role
	profile string
}

// complementGroups runs [Complement] over every group until no group
// changes. base[i] is cell i's group key; parents(i, emit) emits the
// parent IDs under which cell i is also a group member ("" for the total
// over the level). Groups are visited in a deterministic order.
func complementGroups(n int, sizes []int64, supp []bool, k int, parents func(i int, emit func(string)), base []cellGroup, mark func(i int)) {
	type gkey struct {
		cellGroup
		parent string
	}
	if !slices.Contains(supp[:n], true) {
		return
	}
	members := map[gkey][]int{}
	for i := range n {
		parents(i, func(p string) {
			g := gkey{base[i], p}
			members[g] = append(members[g], i)
		})
	}
	keys := make([]gkey, 0, len(members))
	for g, m := range members {
		if len(m) > 1 {
			keys = append(keys, g)
		}
	}
	slices.SortFunc(keys, func(a, b gkey) int {
		return cmp.Or(cmp.Compare(a.bucket, b.bucket), cmp.Compare(a.level, b.level), cmp.Compare(a.role, b.role),
			strings.Compare(a.profile, b.profile), strings.Compare(a.parent, b.parent))
	})
	var sz []int64
	var sp []bool
	for changed := true; changed; {
		changed = false
		for _, g := range keys {
			m := members[g]
			sz, sp = sz[:0], sp[:0]
			for _, i := range m {
				sz = append(sz, sizes[i])
				sp = append(sp, supp[i])
			}
			if Complement(sz, sp, k, func(j int) { supp[m[j]] = true; mark(m[j]) }) {
				changed = true
			}
		}
	}
}
