package aggregate

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, amsterdam).UTC()
}

func seriesOf(t *testing.T, opts *SeriesOptions, obs []Observation) *Series {
	t.Helper()
	s, err := NewSeries(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		s.Add(o)
	}
	return s
}

func TestSeriesBuckets(t *testing.T) {
	tests := []struct {
		name       string
		bucket     Bucket
		at         time.Time
		start, end time.Time
	}{
		{"day", Day, ams(2024, 5, 1, 23, 59), ams(2024, 5, 1, 0, 0), ams(2024, 5, 2, 0, 0)},
		{"day after local midnight", Day, ams(2024, 5, 2, 0, 1), ams(2024, 5, 2, 0, 0), ams(2024, 5, 3, 0, 0)},
		{"dst spring day is 23h", Day, ams(2024, 3, 31, 12, 0), ams(2024, 3, 31, 0, 0), ams(2024, 4, 1, 0, 0)},
		{"dst autumn day is 25h", Day, ams(2024, 10, 27, 23, 30), ams(2024, 10, 27, 0, 0), ams(2024, 10, 28, 0, 0)},
		{"week starts monday", Week, ams(2024, 5, 5, 22, 0), ams(2024, 4, 29, 0, 0), ams(2024, 5, 6, 0, 0)},
		{"week monday", Week, ams(2024, 5, 6, 0, 0), ams(2024, 5, 6, 0, 0), ams(2024, 5, 13, 0, 0)},
		{"hour", Hour, time.Date(2024, 5, 1, 10, 59, 59, 0, time.UTC), time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 11, 0, 0, 0, time.UTC)},
		{"minute before epoch", Minute, time.Date(1969, 12, 31, 23, 59, 30, 0, time.UTC), time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"default is day", BucketDefault, ams(2024, 1, 1, 0, 0), ams(2024, 1, 1, 0, 0), ams(2024, 1, 2, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := seriesOf(t, &SeriesOptions{Bucket: tt.bucket}, []Observation{{Time: tt.at, Author: "a", Areas: []AreaRef{{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}}})
			// twice, to exercise the cache
			s.Add(Observation{Time: tt.at, Author: "b", Areas: []AreaRef{{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}})
			rows := slices.Collect(s.Results(&Policy{K: 1, UnsafeSmallK: true}))
			if len(rows) != 1 || !rows[0].Start.Equal(tt.start) || !rows[0].End.Equal(tt.end) || rows[0].Posts != 2 {
				t.Fatalf("Results = %+v, want one cell [%v, %v) with 2 posts", rows, tt.start, tt.end)
			}
		})
	}
}

func TestSeriesCell(t *testing.T) {
	at := ams(2024, 6, 1, 12, 0)
	ut := AreaRef{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout, Confidence: 0.9}
	var obs []Observation
	for i := 0; i < 12; i++ {
		o := Observation{Time: at, Author: fmt.Sprint("a", i), Platform: "mastodon", Areas: []AreaRef{ut}, Label: sentiment.Positive, Polarity: 0.5, Weight: 2}
		switch {
		case i < 4: // lives in Utrecht
			o.Areas = append(o.Areas, AreaRef{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleHome})
		case i < 7: // lives in Amsterdam
			o.Areas = append(o.Areas, AreaRef{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleHome})
			o.Platform = "bluesky"
		}
		if i == 0 {
			o.Label, o.Polarity, o.Flags = sentiment.Negative, -0.5, sentiment.FlagSarcasm|sentiment.FlagQuestion
			o.Profiles = []ProfileMatch{{ID: "p"}, {ID: "p"}}
			o.Areas = append(o.Areas, ut) // duplicate ref counts once
		}
		obs = append(obs, o)
	}
	s := seriesOf(t, nil, obs)
	rows := slices.Collect(s.Results(&Policy{K: 2}))
	var c SeriesCell
	for _, r := range rows {
		if r.Area == "GM0344" && r.Role == geo.RoleAbout && r.Profile == "" {
			c = r
		}
	}
	if c.Posts != 12 || c.Weighted != 24 || c.Authors != 12 || !c.AuthorsExact || c.Scored != 12 {
		t.Fatalf("cell = %+v", c)
	}
	wantMean := (11*0.5 - 0.5) / 12
	if math.Abs(c.Sentiment-wantMean) > 1e-12 {
		t.Errorf("Sentiment = %v, want %v", c.Sentiment, wantMean)
	}
	// variance: values 11×0.5, 1×−0.5
	var m2 float64
	for i := 0; i < 12; i++ {
		x := 0.5
		if i == 0 {
			x = -0.5
		}
		m2 += (x - wantMean) * (x - wantMean)
	}
	if math.Abs(c.SentimentVar-m2/11) > 1e-12 {
		t.Errorf("SentimentVar = %v, want %v", c.SentimentVar, m2/11)
	}
	if c.Labels != (LabelCounts{Positive: 11, Negative: 1}) || c.Flags[1] != 1 || c.Flags[5] != 1 {
		t.Errorf("labels %+v flags %v", c.Labels, c.Flags)
	}
	if c.Outsiders != 3 || c.UnknownHome != 5 || c.OutsiderPosts != 3 || c.UnknownHomePosts != 5 || math.Abs(c.OutsiderShare-0.25) > 1e-12 {
		t.Errorf("representativeness %+v", c)
	}
	if !slices.Equal(c.Platforms, []PlatformPosts{{"bluesky", 3}, {"mastodon", 9}}) {
		t.Errorf("Platforms = %v", c.Platforms)
	}
	if !math.IsNaN(c.Rate) {
		t.Errorf("Rate without population = %v", c.Rate)
	}
	// home-role cells exist too; profile "p" cell has one author and is suppressed
	for _, r := range rows {
		if r.Profile == "p" && !r.Suppressed {
			t.Errorf("single-author profile cell published: %+v", r)
		}
	}
}

func TestSeriesRates(t *testing.T) {
	var obs []Observation
	for i := 0; i < 20; i++ {
		obs = append(obs, Observation{Author: fmt.Sprint(i), Areas: []AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}})
	}
	s := seriesOf(t, &SeriesOptions{Population: func(a geo.AreaID) int { return 40000 }}, obs)
	r := slices.Collect(s.Results(nil))[0]
	if r.Population != 40000 || r.Rate != 5 || r.AuthorRate != 5 {
		t.Errorf("rate %+v", r)
	}
}

func TestSeriesSketch(t *testing.T) {
	s := seriesOf(t, &SeriesOptions{ExactAuthors: 16, Precision: 12}, nil)
	ref := []AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}
	home := AreaRef{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleHome}
	for i := 0; i < 5000; i++ {
		o := Observation{Author: fmt.Sprint("author-", i), Areas: ref}
		if i%4 == 0 {
			o.Areas = append([]AreaRef{home}, ref...)
		}
		s.Add(o)
		s.Add(o)
	}
	var r SeriesCell
	for c := range s.Results(nil) {
		if c.Role == geo.RoleAbout {
			r = c
		}
	}
	if r.AuthorsExact || math.Abs(float64(r.Authors)-5000) > 5000*0.05 || math.Abs(float64(r.Outsiders)-1250) > 1250*0.08 || math.Abs(float64(r.UnknownHome)-3750) > 3750*0.05 {
		t.Errorf("sketched cell %+v", r)
	}
	if r.Posts != 10000 {
		t.Errorf("Posts = %d", r.Posts)
	}
}

// TestSeriesComplementary checks that a suppressed municipality cannot be
// recovered from the published province total or from the national total
// of the municipalities.
func TestSeriesComplementary(t *testing.T) {
	// Province PV26 contains GM1 (3 authors), GM2 (30), GM3 (15), GM4 (12).
	// Every post names its municipality and the province.
	sizes := map[geo.AreaID]int{"GM1": 3, "GM2": 30, "GM3": 15, "GM4": 12}
	parents := func(a geo.AreaID) []geo.AreaID {
		if a[:2] == "GM" {
			return []geo.AreaID{"PV26"}
		}
		return nil
	}
	var obs []Observation
	for _, gm := range []geo.AreaID{"GM1", "GM2", "GM3", "GM4"} {
		for i := 0; i < sizes[gm]; i++ {
			obs = append(obs, Observation{Author: string(gm) + fmt.Sprint(i), Areas: []AreaRef{
				{Area: gm, Level: geo.LevelMunicipality, Role: geo.RoleAbout},
				{Area: "PV26", Level: geo.LevelProvince, Role: geo.RoleAbout},
			}})
		}
	}
	s := seriesOf(t, &SeriesOptions{Parents: parents}, obs)
	rows := slices.Collect(s.Results(nil))
	byArea := map[geo.AreaID]SeriesCell{}
	for _, r := range rows {
		byArea[r.Area] = r
	}
	if !byArea["GM1"].Suppressed || byArea["GM1"].Reason != ReasonFewAuthors {
		t.Fatalf("GM1 = %+v, want suppressed", byArea["GM1"])
	}
	if byArea["PV26"].Suppressed || byArea["PV26"].Posts != 60 {
		t.Fatalf("PV26 = %+v, want published total 60", byArea["PV26"])
	}
	// The adversary: province total minus published municipalities.
	rest, hidden := byArea["PV26"].Posts, 0
	for _, gm := range []geo.AreaID{"GM1", "GM2", "GM3", "GM4"} {
		if r := byArea[gm]; r.Suppressed {
			hidden++
		} else {
			rest -= r.Posts
		}
	}
	if hidden < 2 {
		t.Fatalf("only %d municipality suppressed: GM1 = PV26 − rest = %d is recoverable", hidden, rest)
	}
	if rest < int64(DefaultK) {
		t.Errorf("suppressed remainder %d < k", rest)
	}
	if r := byArea["GM4"]; !r.Suppressed || r.Reason != ReasonComplementary {
		t.Errorf("GM4 = %+v, want complementary suppression of the next smallest", r)
	}
}

func TestSeriesNoise(t *testing.T) {
	var obs []Observation
	for i := 0; i < 50; i++ {
		for j := 0; j < 3; j++ {
			obs = append(obs, Observation{Author: fmt.Sprint(i), Areas: []AreaRef{{Area: "GM0344", Level: geo.LevelMunicipality, Role: geo.RoleAbout}}, Label: sentiment.Neutral})
		}
	}
	s := seriesOf(t, nil, obs)
	rel := func(seed uint64) SeriesCell {
		return slices.Collect(s.Results(&Policy{Epsilon: 1, MaxContrib: 2, Rand: rand.New(rand.NewPCG(seed, 1))}))[0]
	}
	a, b, c := rel(1), rel(1), rel(2)
	if !a.Noised || a.Suppressed || !math.IsNaN(a.Sentiment) || a.Scored != 0 {
		t.Fatalf("noised cell %+v", a)
	}
	if a.Posts != b.Posts || a.Authors != b.Authors {
		t.Errorf("same seed gave %d/%d and %d/%d", a.Posts, a.Authors, b.Posts, b.Authors)
	}
	if a.Posts == c.Posts && a.Authors == c.Authors {
		t.Errorf("different seeds gave equal noise")
	}
	// bounded posts 100 ± noise of scale 8
	if math.Abs(float64(a.Posts)-100) > 80 || math.Abs(float64(a.Authors)-50) > 40 {
		t.Errorf("noisy counts far off: %d posts, %d authors", a.Posts, a.Authors)
	}
}

func TestSeriesOptionsErrors(t *testing.T) {
	for _, o := range []*SeriesOptions{{Bucket: 9}, {ExactAuthors: -1}, {ExactAuthors: 5000}, {Precision: 3}, {Precision: 17}} {
		if _, err := NewSeries(o); err == nil {
			t.Errorf("NewSeries(%+v) succeeded", o)
		}
	}
}

var benchAreas = 40

// benchObs returns n realistic observations: about, from and home areas,
// one profile, sentiment, authors from a pool of 2000, 40 municipalities,
// within one day.
func benchObs(n int) []Observation {
	r := rand.New(rand.NewPCG(1, 2))
	day := ams(2024, 6, 1, 0, 0)
	obs := make([]Observation, n)
	gms := make([]geo.AreaID, benchAreas)
	for i := range gms {
		gms[i] = geo.AreaID(fmt.Sprintf("GM%04d", i))
	}
	authors := make([]string, 2000)
	for i := range authors {
		authors[i] = fmt.Sprintf("author-%05d", i)
	}
	profs := []string{"overlast", "wonen", "energie"}
	for i := range obs {
		a := r.IntN(len(authors))
		obs[i] = Observation{
			Time:     day.Add(time.Duration(r.Int64N(int64(24 * time.Hour)))),
			Author:   authors[a],
			Platform: []string{"twitter", "mastodon", "bluesky"}[a%3],
			Areas: []AreaRef{
				{Area: gms[r.IntN(len(gms))], Level: geo.LevelMunicipality, Role: geo.RoleAbout, Confidence: 0.8},
				{Area: gms[r.IntN(len(gms))], Level: geo.LevelMunicipality, Role: geo.RoleFrom, Confidence: 0.9},
				{Area: gms[a%len(gms)], Level: geo.LevelMunicipality, Role: geo.RoleHome, Confidence: 0.6},
			},
			Label:    sentiment.Label(1 + r.IntN(4)),
			Polarity: r.Float64()*2 - 1,
			Profiles: []ProfileMatch{{ID: profs[r.IntN(len(profs))], Terms: []string{"x"}}},
			Weight:   1,
		}
	}
	return obs
}

// filledSeries returns a series with opts after adding obs.
func filledSeries(obs []Observation, opts *SeriesOptions) *Series {
	s, _ := NewSeries(opts)
	for _, o := range obs {
		s.Add(o)
	}
	return s
}

// benchSeriesAdd measures Add per observation (3 area refs × (all posts
// + 1 profile) = 6 cells) in steady state (all cells exist).
func benchSeriesAdd(b *testing.B, opts *SeriesOptions) {
	obs := benchObs(1 << 14)
	s := filledSeries(obs, opts)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Add(obs[i&(len(obs)-1)])
	}
}

// BenchmarkSeriesFill measures building a series from empty, Add by Add
// (an op is the 16,384 observations of benchSeriesAdd): rows, cells and
// author sets are made, joint tables split and sets sketched, as in the
// pipeline, whose series takes 20,000 posts.
func BenchmarkSeriesFill(b *testing.B) {
	obs := benchObs(1 << 14)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		filledSeries(obs, nil)
	}
}

// BenchmarkSeriesAdd: 40 municipalities, day buckets.
func BenchmarkSeriesAdd(b *testing.B) { benchSeriesAdd(b, nil) }

// BenchmarkSeriesAddWarm is BenchmarkSeriesAdd with the state it
// touches in the cache: the series is filled from the same 16,384
// observations, and Add is timed over the first 1,024 of them (about
// 400 KB), which touch the same cells but at most 5,120 of the day's
// 16,000 author-table lines. It measures what Add's instructions cost,
// a lower bound: the pipeline's Add touches the whole day's tables, as
// BenchmarkSeriesAddFresh does.
func BenchmarkSeriesAddWarm(b *testing.B) {
	obs := benchObs(1 << 14)
	s := filledSeries(obs, nil)
	obs = obs[:1<<10]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Add(obs[i&(len(obs)-1)])
	}
}

// BenchmarkSeriesAddFresh is BenchmarkSeriesAdd as the pipeline adds:
// each observation is built just before Add in one reused Observation
// (as Observe builds it), from a 40-byte record of the day's 16,384
// observations, so that the observations stay in the cache while Add
// touches all of the day's cells and author tables. Building the
// observation is timed with Add (116 instructions, about 110 more than
// the loop of BenchmarkSeriesAdd).
func BenchmarkSeriesAddFresh(b *testing.B) {
	obs := benchObs(1 << 14)
	s := filledSeries(obs, nil)
	f := newFreshObs(obs)
	for i := range obs {
		if f.build(i); !reflect.DeepEqual(f.o, obs[i]) {
			b.Fatalf("observation %d built as %+v, want %+v", i, f.o, obs[i])
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.build(i & (len(obs) - 1))
		s.Add(f.o)
	}
}

// freshObs builds the observations of benchObs one at a time in o, from
// records of the fields that differ between them and pools of strings.
type freshObs struct {
	o                            Observation
	recs                         []freshRecord
	areas                        []geo.AreaID
	authors, platforms, profiles []string
}

type freshRecord struct {
	t                 time.Time
	polarity          float64
	author            uint16
	areas             [3]uint8
	platform, profile uint8
	label             sentiment.Label
}

func newFreshObs(obs []Observation) *freshObs {
	f := &freshObs{o: obs[0], recs: make([]freshRecord, len(obs))}
	f.o.Areas, f.o.Profiles = slices.Clone(f.o.Areas), slices.Clone(f.o.Profiles)
	for i, o := range obs {
		r := &f.recs[i]
		*r = freshRecord{t: o.Time, polarity: o.Polarity, label: o.Label,
			author: uint16(poolIndex(&f.authors, o.Author)), platform: uint8(poolIndex(&f.platforms, o.Platform)),
			profile: uint8(poolIndex(&f.profiles, o.Profiles[0].ID))}
		for j := range r.areas {
			r.areas[j] = uint8(poolIndex(&f.areas, o.Areas[j].Area))
		}
	}
	return f
}

// build sets f.o to observation i.
func (f *freshObs) build(i int) {
	r, o := &f.recs[i], &f.o
	o.Time = r.t
	o.Author, o.Platform = f.authors[r.author], f.platforms[r.platform]
	o.Polarity, o.Label = r.polarity, r.label
	o.Areas[0].Area, o.Areas[1].Area, o.Areas[2].Area = f.areas[r.areas[0]], f.areas[r.areas[1]], f.areas[r.areas[2]]
	o.Profiles[0].ID = f.profiles[r.profile]
}

// poolIndex returns the index of x in *pool, appending it if needed.
func poolIndex[E comparable](pool *[]E, x E) int {
	i := slices.Index(*pool, x)
	if i < 0 {
		i = len(*pool)
		*pool = append(*pool, x)
	}
	return i
}

// BenchmarkSeriesAddHour: 40 municipalities, hour buckets.
func BenchmarkSeriesAddHour(b *testing.B) { benchSeriesAdd(b, &SeriesOptions{Bucket: Hour}) }

// BenchmarkSeriesAddHot: 3 municipalities, day buckets.
func BenchmarkSeriesAddHot(b *testing.B) {
	benchAreas = 3
	defer func() { benchAreas = 40 }()
	benchSeriesAdd(b, nil)
}

func TestSeriesAddAllocs(t *testing.T) {
	obs := benchObs(1 << 10)
	s := filledSeries(obs, nil)
	i := 0
	if a := testing.AllocsPerRun(1000, func() { s.Add(obs[i%len(obs)]); i++ }); a != 0 {
		t.Errorf("Add allocates %v per observation in steady state", a)
	}
}

// BenchmarkSeriesResults measures a release of a day of 16384 posts
// (about 600 cells) under the default policy.
func BenchmarkSeriesResults(b *testing.B) {
	s := filledSeries(benchObs(1<<14), nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for range s.Results(nil) {
		}
	}
}

func BenchmarkSeriesMarshal(b *testing.B) {
	s := filledSeries(benchObs(1<<14), nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data, _ := s.MarshalBinary()
		b.SetBytes(int64(len(data)))
	}
}

// TestSeriesComplementaryRandom checks on random data that no published
// total reveals a suppressed cell: in every group (bucket, level, role,
// profile; all areas of the level, or the children of one parent) the
// suppressed cells are none, all, or at least two holding at least k
// authors together; and that the coarser level's cells equal the sum of
// their children, so the check is meaningful.
func TestSeriesComplementaryRandom(t *testing.T) {
	mixed := 0
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 3))
		parent := map[geo.AreaID]geo.AreaID{}
		var obs []Observation
		for i := 0; i < 400; i++ {
			gm := geo.AreaID(fmt.Sprintf("GM%02d", r.IntN(12)))
			pv := geo.AreaID(fmt.Sprintf("PV%d", gm[3]%3))
			parent[gm] = pv
			// skewed author counts: some municipalities get few authors
			a := r.IntN(1 + int(gm[3]-'0')*8)
			obs = append(obs, Observation{Author: fmt.Sprint(gm, a), Areas: []AreaRef{
				{Area: gm, Level: geo.LevelMunicipality, Role: geo.RoleAbout},
				{Area: pv, Level: geo.LevelProvince, Role: geo.RoleAbout},
			}})
		}
		s := seriesOf(t, &SeriesOptions{Parents: func(a geo.AreaID) []geo.AreaID {
			if p, ok := parent[a]; ok {
				return []geo.AreaID{p}
			}
			return nil
		}}, obs)
		k := int64(3 + seed%8)
		rows := slices.Collect(s.Results(&Policy{K: int(k)}))
		truth := map[geo.AreaID]int64{}
		for i := range s.cells {
			truth[s.areas[s.keys[i].area()]], _, _, _, _ = s.aux[i].authors.counts(1, 0)
		}
		groups := map[geo.AreaID][]SeriesCell{}
		for _, c := range rows {
			if c.Level == geo.LevelMunicipality {
				groups[parent[c.Area]] = append(groups[parent[c.Area]], c)
				groups["NL"] = append(groups["NL"], c)
			}
		}
		for g, cells := range groups {
			n, sum := 0, int64(0)
			for _, c := range cells {
				if c.Suppressed {
					n++
					sum += truth[c.Area]
				} else if truth[c.Area] < k {
					t.Fatalf("seed %d: %s published with %d < k authors", seed, c.Area, truth[c.Area])
				}
			}
			if n == 0 || n == len(cells) {
				continue
			}
			mixed++
			if n < 2 || sum < k {
				t.Errorf("seed %d k %d group %s: %d suppressed cells with %d authors: recoverable from the total", seed, k, g, n, sum)
			}
		}
	}
	if mixed < 20 {
		t.Errorf("only %d groups mixed published and suppressed cells: test data too easy", mixed)
	}
}

// TestHash64Reference checks hash64's word loads of the last bytes
// against the plain byte loop, for every length up to 24.
func TestHash64Reference(t *testing.T) {
	ref := func(s string) uint64 {
		h := uint64(len(s)) * 0x9e3779b97f4a7c15
		var w uint64
		for i := 0; i < len(s); i++ {
			w |= uint64(s[i]) << (8 * (i % 8))
			if i%8 == 7 {
				h = bits.RotateLeft64(h^(w*0xbf58476d1ce4e5b9), 31) * 0x94d049bb133111eb
				w = 0
			}
		}
		h = bits.RotateLeft64(h^(w*0xbf58476d1ce4e5b9), 31) * 0x94d049bb133111eb
		h ^= h >> 33
		h *= 0xff51afd7ed558ccd
		h ^= h >> 33
		h *= 0xc4ceb9fe1a85ec53
		h ^= h >> 33
		return h
	}
	r := rand.New(rand.NewPCG(7, 7))
	for n := 0; n <= 24; n++ {
		for range 50 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			if got, want := hash64(string(b)), ref(string(b)); got != want {
				t.Fatalf("hash64(%q) = %x, want %x", b, got, want)
			}
		}
	}
}

// TestSeriesCellLayout pins the sizes that Add's cache behaviour and the
// documented memory per cell rely on: a cell's hot part and a row of one
// cache line each.
func TestSeriesCellLayout(t *testing.T) {
	for _, c := range []struct {
		name       string
		size, want uintptr
	}{
		{"seriesStats", reflect.TypeFor[seriesStats]().Size(), 64},
		{"cellAux", reflect.TypeFor[cellAux]().Size(), 72},
		{"authorSet", reflect.TypeFor[authorSet]().Size(), 40},
		{"seriesRow", reflect.TypeFor[seriesRow]().Size(), 64},
		{"cellCold", reflect.TypeFor[cellCold]().Size(), 176},
	} {
		if c.size != c.want {
			t.Errorf("%s: %d bytes, want %d", c.name, c.size, c.want)
		}
	}
}

// TestSeriesColdCounts checks the counts kept outside a cell's first
// cache lines (label 0, flags, platforms beyond the fourth) through
// Results, a marshal round trip and Merge.
func TestSeriesColdCounts(t *testing.T) {
	day := ams(2024, 6, 1, 12, 0)
	var obs []Observation
	for i := range 60 {
		obs = append(obs, Observation{
			Time: day, Author: fmt.Sprint("a", i%12), Platform: fmt.Sprint("p", i%7),
			Areas:    []AreaRef{{Area: "GM0363", Level: geo.LevelMunicipality, Role: geo.RoleAbout}},
			Profiles: []ProfileMatch{{ID: fmt.Sprint("prof", i%9)}},
			Label:    sentiment.Label(1 + i%4), Polarity: 0.25, Flags: sentiment.Flags(i % 4),
		})
	}
	s := seriesOf(t, nil, obs)
	all := s.at(0)
	if all.cold == nil || s.keys[0].profile() != 0 {
		t.Fatal("the all-posts cell has no cold part")
	}
	all.addLabel(0, 5) // label 0 comes only from other encoders
	var got SeriesCell
	for c := range s.Results(&Policy{K: 1, UnsafeSmallK: true}) {
		if c.Profile == "" {
			got = c
		}
	}
	if got.Posts != 60 || got.Labels != (LabelCounts{15, 15, 15, 15}) || got.Flags[0] != 30 || got.Flags[1] != 30 || len(got.Platforms) != 7 {
		t.Errorf("all-posts cell: posts %d, labels %+v, flags %v, %d platforms", got.Posts, got.Labels, got.Flags, len(got.Platforms))
	}
	b1, _ := s.MarshalBinary()
	var u Series
	if err := u.UnmarshalBinary(b1); err != nil {
		t.Fatal(err)
	}
	if u.at(0).label(0) != 5 {
		t.Errorf("label 0 after decoding: %d", u.at(0).label(0))
	}
	m, _ := NewSeries(nil)
	if err := m.Merge(&u); err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Series{&u, m} {
		if b2, _ := x.MarshalBinary(); !slices.Equal(b1, b2) {
			t.Error("encoding changed by a round trip or merge")
		}
	}
}

// newTestCell returns a series of one empty cell (without a key), and
// the cell.
func newTestCell() (*Series, cell) {
	s := &Series{cells: make([]seriesStats, 1), aux: make([]cellAux, 1)}
	return s, s.at(0)
}

// Deltas of a cell, by count (test helpers).
func (c cell) labelDelta(l int) int64    { return lane(c.wl, uint(16*(l-1))) }
func (c cell) platDelta(i int) int64     { return lane(c.wp, uint(16*i)) }
func (c cell) classDelta(k uint32) int64 { return lane(c.wa, uint(laneClass+16*(k>>1))) }
func (c cell) setPostsDelta(n uint64)    { c.wa = c.wa&^laneMask | n }
func (c cell) setLabelDelta(l int, n int64) {
	c.wl = c.wl&^(laneMask<<(16*(l-1))) | uint64(n)<<(16*(l-1))
}

// TestSeriesCountDeltas checks the 16-bit deltas of a cell's posts,
// label, platform and class counts: large counts from a merge or
// decoding go to the int64 totals, Add's flush when the posts delta
// reaches 2^15 moves the deltas there, and every count is its total plus
// its delta.
func TestSeriesCountDeltas(t *testing.T) {
	s, st := newTestCell()
	st.addLabel(1, deltaMax-2)             // fits the delta
	st.addLabel(2, 3_000_000_000)          // beyond deltaMax: the total
	st.addPlatform(1, deltaMax-1)          // fits
	st.addClassPosts(classOutsider, 1<<40) // the total
	st.addLabel(0, 7)
	if st.labelDelta(1) != deltaMax-2 || st.platDelta(1) != deltaMax-1 || st.cold == nil || st.cold.labels[2] != 3_000_000_000 || st.cold.class[1] != 1<<40 {
		t.Fatalf("deltas %x %x, cold %+v", st.wl, st.wp, st.cold)
	}
	st.setPostsDelta(deltaMax - 2)
	u := cellUpdate{w: 1, x: 0.5, scored: true}
	u.setPlatform(1)
	u.setLabel(1)
	for range 3 { // the second add brings the posts delta to 2^15, then flushes
		st.add(&u, classOutsider, s)
	}
	if st.wl != 1 || st.wp != 1<<16 || st.wa&countLanes != 1<<32|1 {
		t.Errorf("deltas after the flush: %x %x %x", st.wa, st.wl, st.wp)
	}
	if got, want := st.count(), int64(deltaMax+1); got != want {
		t.Errorf("posts: %d, want %d", got, want)
	}
	if got, want := st.label(1), int64(deltaMax+1); got != want {
		t.Errorf("label 1: %d, want %d", got, want)
	}
	if got, want := st.label(2), int64(3_000_000_000); got != want {
		t.Errorf("label 2: %d, want %d", got, want)
	}
	if got, want := st.platformPosts(1), int64(deltaMax+2); got != want {
		t.Errorf("platform 1: %d, want %d", got, want)
	}
	if got, want := st.classPostsOf(classOutsider), int64(1<<40+3); got != want {
		t.Errorf("outsider posts: %d, want %d", got, want)
	}
	if st.label(0) != 7 || st.classPostsOf(classLocal) != 0 {
		t.Errorf("label 0 %d, local posts %d", st.label(0), st.classPostsOf(classLocal))
	}
	// A merge first flushes deltas of deltaMax or more (Add may have
	// brought them there), so that they stay below 2^16 until Add's next
	// flush, up to 2^15 posts later.
	_, m := newTestCell()
	m.setLabelDelta(1, deltaMax+5)
	m.merge(st, []int{0, 1}, seriesConfig{exact: DefaultExactAuthors, p: DefaultHLLPrecision})
	if m.labelDelta(1) >= deltaMax || m.label(1) != deltaMax+5+deltaMax+1 {
		t.Errorf("after a merge: delta %d, label 1 %d", m.labelDelta(1), m.label(1))
	}
}

// refCounts is a cell's counts as plain int64s (the arithmetic before the
// 16-bit deltas), for TestSeriesDeltaBoundary.
type refCounts struct {
	posts, scored      int64
	weighted, mean, m2 float64
	labels             [NumLabels]int64
	class              [2]int64 // unknown, outsider
	plat               [7]int64
	flags              [NumFlags]int64
}

func (r *refCounts) add(u *cellUpdate, c uint32) {
	r.posts++
	r.weighted += u.w
	if c != classLocal {
		r.class[c>>1&1]++
	}
	r.plat[u.pi]++
	if u.scored {
		r.scored++
		d := u.x - r.mean
		r.mean += d / float64(r.scored)
		r.m2 += d * (u.x - r.mean)
		for l := 1; l < NumLabels; l++ {
			r.labels[l] += int64(u.wl >> (16 * (l - 1)) & 1)
		}
	}
	for i := range NumFlags {
		if u.flags&(1<<i) != 0 {
			r.flags[i]++
		}
	}
}

func (r *refCounts) merge(o *refCounts) {
	r.posts += o.posts
	r.weighted += o.weighted
	if o.scored > 0 {
		na, nb := float64(r.scored), float64(o.scored)
		n := na + nb
		d := o.mean - r.mean
		r.mean += d * nb / n
		r.m2 += o.m2 + d*d*na*nb/n
		r.scored += o.scored
	}
	for i := range r.labels {
		r.labels[i] += o.labels[i]
	}
	for i := range r.class {
		r.class[i] += o.class[i]
	}
	for i := range r.plat {
		r.plat[i] += o.plat[i]
	}
	for i := range r.flags {
		r.flags[i] += o.flags[i]
	}
}

func (r *refCounts) check(t *testing.T, at string, c cell) {
	t.Helper()
	got := refCounts{posts: c.count(), scored: c.scored, weighted: c.weighted, mean: c.mean, m2: c.m2, flags: c.flags()}
	for l := range NumLabels {
		got.labels[l] = c.label(l)
	}
	got.class = [2]int64{c.classPostsOf(classUnknown), c.classPostsOf(classOutsider)}
	for i := range got.plat {
		got.plat[i] = c.platformPosts(i)
	}
	if got != *r {
		t.Fatalf("%s: got %+v, want %+v", at, got, *r)
	}
}

// TestSeriesDeltaBoundary drives the 16-bit deltas of one cell through
// many flushes (the posts delta reaching 2^15), with merges of small and
// large counts in between (some just below and above deltaMax, some
// arriving when Add has brought a delta beyond it), and compares every
// count with plain int64 arithmetic; no delta may wrap.
func TestSeriesDeltaBoundary(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cfg := seriesConfig{exact: DefaultExactAuthors, p: DefaultHLLPrecision}
	platMap := []int{0, 1, 2, 3, 4, 5, 6}
	s, st := newTestCell()
	ref := &refCounts{}
	update := func(i int, label, pi int) cellUpdate {
		u := cellUpdate{w: float64(1 + i%3), x: float64(i%17)/8 - 1, scored: i%11 != 0}
		if rng.IntN(20) == 0 {
			u.flags = uint16(rng.IntN(1 << NumFlags))
		}
		if rng.IntN(50) == 0 {
			pi = 5 + rng.IntN(2) // beyond the inline platforms
		}
		u.setPlatform(pi)
		u.setLabel(label)
		return u
	}
	i := 0
	for round := range 14 {
		// Mostly one label, platform and class, so that their deltas
		// grow with the posts delta (up to 2^16−1 after a merge).
		n := deltaMax/2 + rng.IntN(deltaMax)
		for range n {
			label, pi, c := i%5, i%7%5, uint32(rng.IntN(3)) // classUnknown, classLocal or classOutsider
			if rng.IntN(4) != 0 {
				label, pi, c = 2, 2, classOutsider
			}
			u := update(i, label, pi)
			i++
			st.add(&u, c, s)
			ref.add(&u, c)
			if d := max(st.postsDelta(), st.labelDelta(2), st.platDelta(2), st.classDelta(classOutsider)); d == 1<<16-1 {
				t.Fatalf("round %d: a delta at 2^16−1", round)
			}
		}
		ref.check(t, fmt.Sprint("round ", round, " after adds"), st)
		// A merge of a cell with counts small, near deltaMax or large.
		_, o := newTestCell()
		oref := &refCounts{}
		var k int64
		switch round % 4 {
		case 0:
			k = 3
		case 1:
			k = max(1, deltaMax-1-st.labelDelta(2))
		case 2:
			k = deltaMax + 1
		default:
			k = 1 << 33
		}
		o.addPosts(k)
		oref.posts = k
		o.addLabel(2, k)
		oref.labels[2] = k
		o.addLabel(0, 1)
		oref.labels[0] = 1
		o.addPlatform(2, k)
		oref.plat[2] = k
		o.addPlatform(6, 2)
		oref.plat[6] = 2
		o.addClassPosts(classOutsider, k)
		oref.class[1] = k
		o.scored, o.mean, o.m2 = 2, 0.5, 0.125
		oref.scored, oref.mean, oref.m2 = 2, 0.5, 0.125
		st.merge(o, platMap, cfg)
		ref.merge(oref)
		ref.check(t, fmt.Sprint("round ", round, " after a merge"), st)
		if st.postsDelta() >= deltaMax || max(st.labelDelta(1), st.labelDelta(2), st.platDelta(2), st.classDelta(classOutsider)) >= deltaMax {
			t.Fatalf("round %d: a delta of deltaMax or more after a merge", round)
		}
	}
}

// TestSeriesSubsetsShortcut checks that addFast's skip of a profile-0
// sketch (Series.subsets) changes nothing: random observations with few
// and many authors per cell (exact, sparse and dense sets), several
// profiles, repeated references and changing homes give the same
// encoding with the shortcut on, off, and after merging halves.
func TestSeriesSubsetsShortcut(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		r := rand.New(rand.NewPCG(seed, 11))
		nAuthors := []int{20, 300, 5000}[seed%3]
		var obs []Observation
		for range 6000 {
			a := r.IntN(nAuthors)
			areas := []AreaRef{
				{Area: geo.AreaID(fmt.Sprintf("GM%04d", r.IntN(4))), Level: geo.LevelMunicipality, Role: geo.RoleAbout},
				{Area: geo.AreaID(fmt.Sprintf("GM%04d", r.IntN(4))), Level: geo.LevelMunicipality, Role: geo.RoleHome},
			}
			if r.IntN(5) == 0 {
				areas = append(areas, areas[0]) // a repeated reference
			}
			var profs []ProfileMatch
			for _, p := range []string{"a", "b", "c"} {
				if r.IntN(3) == 0 {
					profs = append(profs, ProfileMatch{ID: p})
				}
			}
			obs = append(obs, Observation{
				Time:     ams(2024, 6, 1+r.IntN(2), r.IntN(24), 0),
				Author:   fmt.Sprint("author-", a),
				Platform: "x",
				Areas:    areas,
				Label:    sentiment.Label(r.IntN(5)),
				Polarity: r.Float64()*2 - 1,
				Profiles: profs,
			})
		}
		opts := &SeriesOptions{ExactAuthors: 16, Precision: []int{6, 8, 12}[seed%3]}
		// Each series and its twin without the shortcut; halves merged,
		// then more observations on the merged series (merges agree with
		// sequential Adds only up to rounding, so the twins compare).
		var on, off [2]*Series
		for i := range on {
			on[i], _ = NewSeries(opts)
			off[i], _ = NewSeries(opts)
			off[i].subsets = false
		}
		h, _ := NewSeries(opts)
		hOff, _ := NewSeries(opts)
		hOff.subsets = false
		for i, o := range obs {
			on[0].Add(o)
			off[0].Add(o)
			[]*Series{h, on[1]}[i%2].Add(o)
			[]*Series{hOff, off[1]}[i%2].Add(o)
		}
		if err := h.Merge(on[1]); err != nil {
			t.Fatal(err)
		}
		if err := hOff.Merge(off[1]); err != nil {
			t.Fatal(err)
		}
		if !h.subsets || hOff.subsets {
			t.Errorf("subsets after merges: %v, %v (want true, false)", h.subsets, hOff.subsets)
		}
		for _, o := range obs[:2000] {
			on[0].Add(o)
			off[0].Add(o)
			h.Add(o)
			hOff.Add(o)
		}
		bOn, _ := on[0].MarshalBinary()
		bOff, _ := off[0].MarshalBinary()
		if !slices.Equal(bOn, bOff) {
			t.Errorf("seed %d: encodings differ with the shortcut on and off", seed)
		}
		bOn, _ = h.MarshalBinary()
		bOff, _ = hOff.MarshalBinary()
		if !slices.Equal(bOn, bOff) {
			t.Errorf("seed %d: merged: encodings differ with the shortcut on and off", seed)
		}
		var d Series
		if err := d.UnmarshalBinary(bOn); err != nil || d.subsets {
			t.Errorf("decoded: err %v, subsets %v (want false)", err, d.subsets)
		}
	}
}

// TestSeriesJointAuthors checks that keeping a row's exact author sets
// in one joint table (Series.joint, see jointWords) changes nothing:
// random observations with up to 8 profiles (some beyond the row's
// inline ones), several at once or none, authors or none, repeated
// references, area IDs too long for addFast and cells that pass
// ExactAuthors (the row's sets split) give the same encoding with joint
// tables and without, also after merges and after decoding and adding
// more; and that the joint tables are used.
func TestSeriesJointAuthors(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		r := rand.New(rand.NewPCG(seed, 17))
		nAuthors := []int{12, 60, 400}[seed%3] // within ExactAuthors, or beyond
		gen := func(n int) []Observation {
			var obs []Observation
			for range n {
				area := func() geo.AreaID {
					if r.IntN(20) == 0 {
						return geo.AreaID(fmt.Sprintf("a-long-area-id-%04d", r.IntN(3)))
					}
					return geo.AreaID(fmt.Sprintf("GM%04d", r.IntN(5)))
				}
				areas := []AreaRef{
					{Area: area(), Level: geo.LevelMunicipality, Role: geo.RoleAbout},
					{Area: area(), Level: geo.LevelMunicipality, Role: geo.RoleHome},
				}
				if r.IntN(6) == 0 {
					areas = append(areas, areas[0]) // a repeated reference
				}
				var profs []ProfileMatch
				for _, p := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
					if r.IntN(5) == 0 {
						profs = append(profs, ProfileMatch{ID: p})
					}
				}
				author := fmt.Sprint("author-", r.IntN(nAuthors))
				if r.IntN(15) == 0 {
					author = ""
				}
				obs = append(obs, Observation{
					Time:     ams(2024, 6, 1+r.IntN(2), r.IntN(24), 0),
					Author:   author,
					Platform: []string{"x", "y"}[r.IntN(2)],
					Areas:    areas,
					Label:    sentiment.Label(r.IntN(5)),
					Polarity: r.Float64()*2 - 1,
					Profiles: profs,
				})
			}
			return obs
		}
		obs := gen(5000)
		opts := &SeriesOptions{ExactAuthors: []int{16, 8, 64}[seed%3], Precision: []int{6, 8, 12}[seed%3]}
		var on, off [3]*Series
		for i := range on {
			on[i], _ = NewSeries(opts)
			off[i], _ = NewSeries(opts)
			off[i].joint = false
		}
		// on[0]: all observations; on[1] and on[2]: halves, merged into
		// on[1], then more observations.
		for i, o := range obs {
			on[0].Add(o)
			off[0].Add(o)
			on[1+i%2].Add(o)
			off[1+i%2].Add(o)
			if i == 200 && !slices.ContainsFunc(on[0].cells, func(st seriesStats) bool { return st.akind() == authorsJoint }) {
				t.Fatalf("seed %d: no joint tables", seed)
			}
		}
		if err := on[1].Merge(on[2]); err != nil {
			t.Fatal(err)
		}
		if err := off[1].Merge(off[2]); err != nil {
			t.Fatal(err)
		}
		more := gen(2000)
		for _, o := range more {
			on[0].Add(o)
			off[0].Add(o)
			on[1].Add(o)
			off[1].Add(o)
		}
		for i := range 2 {
			bOn, _ := on[i].MarshalBinary()
			bOff, _ := off[i].MarshalBinary()
			if !slices.Equal(bOn, bOff) {
				t.Errorf("seed %d, series %d: encodings differ with joint tables and without", seed, i)
			}
		}
		// Decoded (ordinary sets), then more observations (new joint tables).
		b, _ := on[0].MarshalBinary()
		var dOn, dOff Series
		if err := dOn.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if err := dOff.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		dOff.joint = false
		for _, o := range gen(2000) {
			dOn.Add(o)
			dOff.Add(o)
		}
		bOn, _ := dOn.MarshalBinary()
		bOff, _ := dOff.MarshalBinary()
		if !slices.Equal(bOn, bOff) {
			t.Errorf("seed %d: decoded: encodings differ with joint tables and without", seed)
		}
	}
}

// TestSeriesIDCache checks the profile and platform IDs that Add finds
// through idCache: equal strings at different addresses get the same
// ID, and more strings than the cache holds keep their IDs.
func TestSeriesIDCache(t *testing.T) {
	s, _ := NewSeries(nil)
	names := make([]string, 40)
	for i := range names {
		names[i] = fmt.Sprintf("p%02d", i)
	}
	for round := range 3 {
		for i, n := range names {
			c := string([]byte(n)) // same bytes, another address
			if round == 1 {
				c = n
			}
			if got, want := s.profileID(c), uint32(i+1); got != want {
				t.Fatalf("round %d: profileID(%q) = %d, want %d", round, c, got, want)
			}
			if got := s.platformID(c); got != i {
				t.Fatalf("round %d: platformID(%q) = %d, want %d", round, c, got, i)
			}
		}
	}
	if s.profileID("") != 0 {
		t.Error("profileID(\"\") ≠ 0")
	}
	if a, b := s.platformID(""), s.platformID(string([]byte{})); a != len(names) || b != a {
		t.Errorf("platformID(\"\") = %d and %d, want %d", a, b, len(names))
	}
}
