package profile_test

import (
	"errors"
	"fmt"

	"github.com/socialgeo/socialgeo/profile"
)

func ExampleContentID() {
	a := profile.Profile{ID: "stroomstoring", Name: "Stroomstoring", Version: "1", Query: `stroomstoring OR "geen stroom"`}
	b := a
	b.Query = `"geen   stroom" OR Stroomstoring`
	ia, _ := profile.ContentID(a)
	ib, _ := profile.ContentID(b)
	fmt.Println(ia == ib)
	q, _ := profile.ParseQuery(b.Query)
	fmt.Println(q)
	// Output:
	// true
	// ("geen stroom" OR stroomstoring)
}

func ExampleValidate() {
	p := profile.Profile{ID: "x", Query: `@burgemeester OR "Jan Jansen"`}
	err := profile.Validate(p)
	var fe *profile.FieldError
	fmt.Println(errors.As(err, &fe), fe.Field)
	fmt.Println(err)
	// Output:
	// true query
	// profile: query: term @burgemeester targets a person; purpose.person_level not permitted
	// profile: query: phrase "jan jansen" looks like a personal name; purpose.person_level not permitted
}

func ExampleDiffProfiles() {
	a := profile.Profile{ID: "s", Version: "1", Query: "stroomstoring OR stroomuitval"}
	b := profile.Profile{ID: "s", Version: "2", Query: `stroomstoring OR "geen stroom"`}
	fmt.Print(profile.DiffProfiles(a, b))
	// Output:
	// version 1 -> 2
	// + "geen stroom"
	// - stroomuitval
}

func ExampleMatcher_MatchText() {
	m := profile.MustCompile(profile.Profile{ID: "stroomstoring", Name: "Stroomstoring", Query: `stroomstoring OR "geen stroom"`})
	for _, mt := range m.MatchText("Alweer GEEN stroom hier", nil) {
		fmt.Println(mt.ID, mt.Terms)
	}
	// Output:
	// stroomstoring [{"geen stroom" 7 18}]
}
