package aggregate_test

import (
	"fmt"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
)

func ExampleOD_Visitors() {
	od := aggregate.NewOD(nil)
	t0 := time.Date(2026, 7, 4, 14, 0, 0, 0, time.UTC)
	// Visitors of a festival in Maastricht (GM0935) posting from there,
	// by home municipality: 25 from Heerlen, 14 from Maastricht itself,
	// 6 from Sittard-Geleen, 5 from Venlo, 3 whose home is unknown.
	homes := map[geo.AreaID]int{"GM0917": 25, "GM0935": 14, "GM1883": 6, "GM0983": 5, "": 3}
	for home, n := range homes {
		for i := 0; i < n; i++ {
			o := aggregate.Observation{Time: t0, Author: fmt.Sprint(home, "/", i),
				Areas: []aggregate.AreaRef{{Area: "GM0935", Level: geo.LevelMunicipality, Role: geo.RoleFrom}}}
			if home != "" {
				o.Areas = append(o.Areas, aggregate.AreaRef{Area: home, Level: geo.LevelMunicipality, Role: geo.RoleHome})
			}
			od.Add(o)
		}
	}
	v := od.Visitors(aggregate.ODQuery{Dest: "GM0935", Level: geo.LevelMunicipality}, nil)
	fmt.Printf("visitors of %s: %d\n", v.Query.Dest, v.Authors)
	for _, f := range v.Origins {
		fmt.Printf("  from %s: %d (%.0f%%)\n", f.Origin, f.Authors, 100*f.Share)
	}
	// Sittard-Geleen, Venlo and unknown are each below k = 10; together
	// they are published as one group.
	fmt.Printf("  other (%d origins): %d (%.0f%%)\n", v.Withheld, v.Other.Authors, 100*v.Other.Share)
	// Output:
	// visitors of GM0935: 53
	//   from GM0917: 25 (47%)
	//   from GM0935: 14 (26%)
	//   other (3 origins): 14 (26%)
}
