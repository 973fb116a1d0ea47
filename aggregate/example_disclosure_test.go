package aggregate_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

// A release with Laplace noise: ε = 1 per cell, each author's
// contribution bounded to 2 posts, randomness from a seeded generator so
// the release can be reproduced for an audit.
func ExamplePolicy() {
	s, _ := aggregate.NewSeries(nil)
	ref := []aggregate.AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}
	for i := 0; i < 300; i++ { // 100 authors, 3 posts each
		s.Add(aggregate.Observation{Time: time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC), Author: fmt.Sprint(i % 100), Areas: ref})
	}
	p := &aggregate.Policy{Epsilon: 1, MaxContrib: 2, Rand: rand.New(rand.NewPCG(7, 7))}
	if err := p.Validate(); err != nil {
		panic(err)
	}
	for c := range s.Results(p) {
		// bounded posts: 100 authors × 2 = 200, plus noise of scale 4·2/ε
		fmt.Println(c.Area, c.Posts, c.Authors, c.Noised)
	}
	err := (&aggregate.Policy{K: 1}).Validate()
	fmt.Println(err)
	// Output:
	// GM0344 192 105 true
	// aggregate: invalid disclosure policy: K = 1 needs UnsafeSmallK
}

// Complementary suppression in one group of cells that adds up to a
// published total: one cell has 3 authors, so the next smallest is
// suppressed as well.
func ExampleComplement() {
	authors := []int64{3, 40, 12, 25}
	suppressed := []bool{true, false, false, false}
	aggregate.Complement(authors, suppressed, aggregate.DefaultK, func(i int) {
		fmt.Println("also suppress cell", i)
	})
	fmt.Println(suppressed)
	// Output:
	// also suppress cell 2
	// [true false true false]
}

// A HyperLogLog sketch counts distinct authors in fixed memory and
// merges exactly.
func ExampleHLL() {
	a, _ := aggregate.NewHLL(12)
	b, _ := aggregate.NewHLL(12)
	for i := 0; i < 60000; i++ {
		a.AddString(fmt.Sprint("author-", i))
		b.AddString(fmt.Sprint("author-", i+30000)) // half overlap
	}
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	est := a.Estimate()
	fmt.Printf("about %d thousand (true 90), error %.1f%%\n", int(est/1000+0.5), 100*(est-90000)/90000)
	// Output:
	// about 90 thousand (true 90), error 0.4%
}
