package aggregate

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/geo"
)

var odT0 = time.Date(2026, 6, 6, 12, 0, 0, 0, time.UTC)

func odObs(author, home, dest string, role geo.Role, profiles ...string) Observation {
	o := Observation{Time: odT0, Author: author}
	if home != "" {
		o.Areas = append(o.Areas, AreaRef{Area: geo.AreaID(home), Level: geo.LevelMunicipality, Role: geo.RoleHome})
	}
	o.Areas = append(o.Areas, AreaRef{Area: geo.AreaID(dest), Level: geo.LevelMunicipality, Role: role})
	for _, p := range profiles {
		o.Profiles = append(o.Profiles, ProfileMatch{ID: p})
	}
	return o
}

// odRandObs makes n random observations over a few areas, levels,
// authors, profiles and two days.
func odRandObs(n int, seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 1))
	areas := []string{"GM0363", "GM0518", "GM0599", "GM0344", "GM0935"}
	obs := make([]Observation, n)
	for i := range obs {
		o := Observation{Time: odT0.Add(time.Duration(r.IntN(48*60)) * time.Minute), Author: fmt.Sprint("a", r.IntN(60))}
		if r.IntN(10) == 0 {
			o.Author = ""
		}
		if r.IntN(4) > 0 {
			o.Areas = append(o.Areas, AreaRef{Area: geo.AreaID(areas[r.IntN(5)]), Level: geo.LevelMunicipality, Role: geo.RoleHome})
		}
		o.Areas = append(o.Areas, AreaRef{Area: geo.AreaID(areas[r.IntN(5)]), Level: geo.LevelMunicipality, Role: geo.Role(1 + 2*r.IntN(2))})
		if r.IntN(3) == 0 {
			o.Areas = append(o.Areas, AreaRef{Area: "PV27", Level: geo.LevelProvince, Role: geo.RoleAbout},
				AreaRef{Area: "PV28", Level: geo.LevelProvince, Role: geo.RoleHome})
		}
		if r.IntN(2) == 0 {
			o.Profiles = append(o.Profiles, ProfileMatch{ID: []string{"festival", "verkeer"}[r.IntN(2)]})
		}
		obs[i] = o
	}
	return obs
}

func odBytes(t testing.TB, d *OD) []byte {
	t.Helper()
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	return b
}

func TestODCounts(t *testing.T) {
	type row struct {
		origin, dest, profile string
		posts, authors        int64
	}
	tests := []struct {
		name string
		opts *ODOptions
		obs  []Observation
		want []row
	}{
		{
			name: "home to about",
			obs:  []Observation{odObs("a", "GM0518", "GM0363", geo.RoleAbout), odObs("a", "GM0518", "GM0363", geo.RoleFrom)},
			want: []row{{"GM0518", "GM0363", "", 2, 1}},
		},
		{
			name: "from and about the same area count once",
			obs: []Observation{{Author: "a", Time: odT0, Areas: []AreaRef{
				{Area: "GM0518", Level: geo.LevelMunicipality, Role: geo.RoleHome},
				{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleFrom},
				{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleAbout},
				{Area: "GM0518", Level: geo.LevelMunicipality, Role: geo.RoleHome},
			}}},
			want: []row{{"GM0518", "GM0363", "", 1, 1}},
		},
		{
			name: "unknown home and profiles",
			obs:  []Observation{odObs("a", "", "GM0363", geo.RoleAbout, "festival", "festival"), odObs("b", "", "GM0363", geo.RoleAbout)},
			want: []row{{"", "GM0363", "", 2, 2}, {"", "GM0363", "festival", 1, 1}},
		},
		{
			name: "roles option",
			opts: &ODOptions{Roles: []geo.Role{geo.RoleFrom}},
			obs:  []Observation{odObs("a", "GM0518", "GM0363", geo.RoleAbout), odObs("b", "GM0518", "GM0599", geo.RoleFrom)},
			want: []row{{"GM0518", "GM0599", "", 1, 1}},
		},
		{
			name: "profiles option",
			opts: &ODOptions{Profiles: []string{"verkeer"}},
			obs:  []Observation{odObs("a", "GM0518", "GM0363", geo.RoleAbout, "festival", "verkeer")},
			want: []row{{"GM0518", "GM0363", "", 1, 1}, {"GM0518", "GM0363", "verkeer", 1, 1}},
		},
		{
			name: "level option and no author",
			opts: &ODOptions{Level: geo.LevelProvince},
			obs: []Observation{odObs("", "GM0518", "GM0363", geo.RoleAbout), {Time: odT0, Author: "p", Areas: []AreaRef{
				{Area: "PV27", Level: geo.LevelProvince, Role: geo.RoleAbout}, {Area: "PV28", Level: geo.LevelProvince, Role: geo.RoleHome},
				{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}}},
			want: []row{{"PV28", "PV27", "", 1, 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewOD(tt.opts)
			for _, o := range tt.obs {
				d.Add(o)
			}
			var got []row
			for f := range d.Results(&Policy{K: 1, UnsafeSmallK: true}) {
				got = append(got, row{string(f.Origin), string(f.Dest), f.Profile, f.Posts, f.Authors})
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestODSuppressionAndWindows(t *testing.T) {
	d := NewOD(&ODOptions{Window: time.Hour})
	for i := 0; i < 12; i++ {
		o := odObs(fmt.Sprint("u", i), "GM0518", "GM0363", geo.RoleAbout)
		o.Time = odT0.Add(time.Duration(i) * time.Minute)
		d.Add(o)
	}
	o := odObs("x", "GM0599", "GM0363", geo.RoleAbout)
	o.Time = odT0.Add(90 * time.Minute)
	d.Add(o)
	var got []ODFlow
	for f := range d.Results(nil) {
		got = append(got, f)
	}
	require.Len(t, got, 2)
	assert.Equal(t, int64(12), got[0].Authors)
	assert.Equal(t, odT0, got[0].Start)
	assert.Equal(t, odT0.Add(time.Hour), got[0].End)
	assert.False(t, got[0].Suppressed)
	assert.True(t, got[1].Suppressed)
	assert.Equal(t, ReasonFewAuthors, got[1].Reason)
	assert.Zero(t, got[1].Posts)
	// An invalid policy suppresses everything.
	for f := range d.Results(&Policy{K: 1}) {
		assert.Equal(t, ReasonInvalidPolicy, f.Reason)
	}
}

func TestODVisitors(t *testing.T) {
	d := NewOD(nil)
	add := func(home string, n int) {
		for i := 0; i < n; i++ {
			d.Add(odObs(fmt.Sprint(home, "-", i), home, "GM0363", geo.RoleFrom, "festival"))
		}
	}
	add("GM0518", 30)
	add("GM0599", 20)
	add("GM0344", 12)
	add("GM0935", 4) // below k: suppressed, forces the 12 into Other
	add("", 3)

	v := d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality, Profile: "festival"}, nil)
	require.False(t, v.Suppressed)
	assert.Equal(t, int64(69), v.Authors)
	var origins []string
	for _, f := range v.Origins {
		origins = append(origins, string(f.Origin))
	}
	assert.Equal(t, []string{"GM0518", "GM0599"}, origins)
	assert.InDelta(t, 30.0/69, v.Origins[0].Share, 1e-12)
	assert.Equal(t, 3, v.Withheld)
	assert.Equal(t, int64(19), v.Other.Authors)
	// Totals minus listed equals Other: nothing smaller than k is exposed.
	assert.Equal(t, v.Authors-v.Origins[0].Authors-v.Origins[1].Authors, v.Other.Authors)

	// Top 1 moves GM0599 to Other.
	v = d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality, Profile: "festival", Top: 1}, nil)
	assert.Len(t, v.Origins, 1)
	assert.Equal(t, 4, v.Withheld)

	// When one origin reaches k and the other does not, only the total is
	// published (the withheld group is everything).
	e := NewOD(nil)
	for i := 0; i < 10; i++ {
		e.Add(odObs(fmt.Sprint("a", i), "GM0518", "GM0363", geo.RoleFrom))
	}
	e.Add(odObs("b", "GM0599", "GM0363", geo.RoleFrom))
	v = e.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality}, nil)
	assert.False(t, v.Suppressed)
	assert.Empty(t, v.Origins)
	assert.Equal(t, 2, v.Withheld)
	assert.Equal(t, int64(11), v.Other.Authors)

	// Unknown destination.
	v = d.Visitors(ODQuery{Dest: "GM9999", Level: geo.LevelMunicipality}, nil)
	assert.True(t, v.Suppressed)

	// Noise is deterministic for a seed.
	p := func() *Policy { return &Policy{Epsilon: 1, Rand: rand.New(rand.NewPCG(1, 2))} }
	v1 := d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality}, p())
	v2 := d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality}, p())
	assert.Equal(t, v1, v2)
	assert.True(t, v1.Noised)
}

func TestODVisitorsWindows(t *testing.T) {
	d := NewOD(&ODOptions{Window: time.Hour})
	for i := 0; i < 10; i++ {
		for h := 0; h < 3; h++ {
			o := odObs(fmt.Sprint("a", i), "GM0518", "GM0363", geo.RoleFrom)
			o.Time = odT0.Add(time.Duration(h) * time.Hour)
			d.Add(o)
		}
	}
	v := d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality, Start: odT0.Add(time.Hour)}, nil)
	assert.Equal(t, int64(20), v.Posts)
	assert.Equal(t, int64(10), v.Authors, "an author in two windows counts once")
	v = d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality, Start: odT0, End: odT0.Add(time.Hour)}, nil)
	assert.Equal(t, int64(10), v.Posts)
}

func TestODMergeProperties(t *testing.T) {
	for _, opts := range []*ODOptions{nil, {Window: time.Hour, MaxAuthors: 8}, {Level: geo.LevelMunicipality, Profiles: []string{"festival"}}} {
		obs := odRandObs(600, 7)
		seq := NewOD(opts)
		for _, o := range obs {
			seq.Add(o)
		}
		want := odBytes(t, seq)
		// split in three forks, join in different orders
		for _, order := range [][]int{{0, 1, 2}, {2, 0, 1}, {1, 2, 0}} {
			parts := []Aggregator{seq.Fork(), seq.Fork(), seq.Fork()}
			for i, o := range obs {
				parts[(i*7)%3].Add(o)
			}
			acc := seq.Fork().(*OD)
			for _, i := range order {
				require.NoError(t, acc.Join(parts[i]))
			}
			if got := odBytes(t, acc); !bytes.Equal(got, want) {
				t.Fatalf("opts %+v order %v: split-and-merge differs from sequential", opts, order)
			}
		}
		// round trip
		var back OD
		require.NoError(t, back.UnmarshalBinary(want))
		assert.Equal(t, want, odBytes(t, &back))
		assert.Equal(t, slices.Collect(seq.Results(nil)), slices.Collect(back.Results(nil)))
	}
}

func TestODMergeMismatch(t *testing.T) {
	a, b := NewOD(nil), NewOD(&ODOptions{Window: time.Hour})
	a.Add(odObs("a", "GM0518", "GM0363", geo.RoleFrom))
	before := odBytes(t, a)
	assert.True(t, errors.Is(a.Merge(b), ErrODMismatch))
	assert.True(t, errors.Is(a.Join(AggregatorFunc(func(Observation) {})), ErrODMismatch))
	assert.Equal(t, before, odBytes(t, a))
}

func TestODUnmarshalErrors(t *testing.T) {
	d := NewOD(&ODOptions{Window: time.Hour})
	for _, o := range odRandObs(50, 3) {
		d.Add(o)
	}
	good := odBytes(t, d)
	for i := 0; i < len(good); i++ {
		var e OD
		if err := e.UnmarshalBinary(good[:i]); !errors.Is(err, ErrBadEncoding) {
			t.Fatalf("UnmarshalBinary(truncated to %d) = %v, want ErrBadEncoding", i, err)
		}
	}
	var e OD
	assert.ErrorIs(t, e.UnmarshalBinary(append(slices.Clone(good), 0)), ErrBadEncoding)
	bad := slices.Clone(good)
	bad[4] = 9
	assert.ErrorIs(t, e.UnmarshalBinary(bad), ErrBadEncoding)
}

func FuzzODUnmarshal(f *testing.F) {
	for _, opts := range []*ODOptions{nil, {Window: time.Hour, MaxAuthors: 4, Profiles: []string{"festival"}}} {
		d := NewOD(opts)
		for _, o := range odRandObs(20, 5) {
			d.Add(o)
		}
		f.Add(odBytes(f, d))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d OD
		if d.UnmarshalBinary(b) != nil {
			return
		}
		for range d.Results(nil) {
		}
		d.Visitors(ODQuery{Dest: "GM0363", Level: geo.LevelMunicipality}, nil)
		var e OD
		if err := e.UnmarshalBinary(odBytes(t, &d)); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !bytes.Equal(odBytes(t, &e), odBytes(t, &d)) {
			t.Fatal("re-encode differs")
		}
	})
}

func BenchmarkODAdd(b *testing.B) {
	obs := odRandObs(4096, 3)
	d := NewOD(nil)
	for _, o := range obs {
		d.Add(o)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Add(obs[i&4095])
	}
}
