package aggregate

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

// goldenObs returns n observations that exercise every branch of
// Series.Add and Indicator.Add: area IDs of several lengths (and ""),
// levels beyond 8, all roles, duplicate refs, several home refs, up to
// 12 profiles with duplicates, 7 platforms, labels 0–6, NaN and
// out-of-range polarity, every flag bit, weights 0/1/2.5, missing
// authors and no areas, over ten days across a DST change and a few
// posts before 1970.
func goldenObs(n int, seed uint64) []Observation {
	r := rand.New(rand.NewPCG(seed, 77))
	areas := []geo.AreaID{"GM0363", "GM0344", "GM0518", "BU03630001", "BU05180001", "WK036301", "PV27", "NL", "", "A", "GM0599", "municipality-of-a-very-long-name-0001"}
	profs := []string{"flood", "wonen", "energie", "overlast", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11"}
	plats := []string{"twitter", "mastodon", "bluesky", "", "reddit", "telegram", "facebook"}
	t0 := time.Date(2024, 3, 26, 0, 0, 0, 0, time.UTC)
	obs := make([]Observation, n)
	for i := range obs {
		a := r.IntN(300)
		o := Observation{
			Time:     t0.Add(time.Duration(r.Int64N(int64(240 * time.Hour)))),
			Author:   fmt.Sprint("author-", a),
			Platform: plats[r.IntN(len(plats))],
			Weight:   []float64{0, 1, 2.5}[r.IntN(3)],
			Label:    sentiment.Label(r.IntN(7)),
			Polarity: r.Float64()*3 - 1.5,
			Flags:    sentiment.Flags(r.Uint32()),
		}
		switch r.IntN(20) {
		case 0:
			o.Author = ""
		case 1:
			o.Polarity = math.NaN()
		case 2:
			o.Time = time.Date(1969, 12, 31, 23, r.IntN(60), 0, 0, time.UTC)
		case 3:
			o.Polarity = math.Copysign(0, -1)
		}
		if r.IntN(3) == 0 {
			o.Flags = 0
		}
		for k := r.IntN(4); k > 0; k-- {
			o.Areas = append(o.Areas, AreaRef{Area: areas[r.IntN(len(areas))], Level: geo.Level(r.IntN(10)), Role: geo.Role(r.IntN(5))})
		}
		if r.IntN(2) == 0 {
			o.Areas = append(o.Areas, AreaRef{Area: areas[a%len(areas)], Level: geo.Level(a % 4), Role: geo.RoleHome})
		}
		if len(o.Areas) > 0 && r.IntN(5) == 0 {
			o.Areas = append(o.Areas, o.Areas[0])
		}
		for k := r.IntN(4); k > 0; k-- {
			o.Profiles = append(o.Profiles, ProfileMatch{ID: profs[r.IntN(len(profs))]})
		}
		obs[i] = o
	}
	return obs
}

func goldenSeries(t *testing.T, h hash.Hash, opts *SeriesOptions, obs []Observation) {
	t.Helper()
	put := func(b []byte, err error) {
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	rows := func(s *Series) {
		for _, p := range []*Policy{{K: 1, UnsafeSmallK: true}, nil, {K: 3, Epsilon: 1, MaxContrib: 2, Rand: rand.New(rand.NewPCG(5, 6))}} {
			for c := range s.Results(p) {
				h.Write(digestCell(c))
			}
		}
	}
	s, err := NewSeries(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		s.Add(o)
	}
	put(s.MarshalBinary())
	rows(s)
	// split over three forks, joined
	parts := []Aggregator{s.Fork(), s.Fork(), s.Fork()}
	for i, o := range obs {
		parts[i%3].Add(o)
	}
	j := parts[0].(*Series)
	for _, p := range parts[1:] {
		if err := j.Join(p); err != nil {
			t.Fatal(err)
		}
	}
	put(j.MarshalBinary())
	if err := j.Merge(j); err != nil {
		t.Fatal(err)
	}
	put(j.MarshalBinary())
	// decoded, then more observations
	b, _ := s.MarshalBinary()
	var d Series
	if err := d.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	for _, o := range obs[:len(obs)/2] {
		d.Add(o)
	}
	put(d.MarshalBinary())
	fmt.Fprintln(h, s.Len(), j.Len(), d.Len())
}

// digestCell encodes every field of c (floats bit-exact).
func digestCell(c SeriesCell) []byte {
	b := fmt.Appendf(nil, "%s|%d|%d|%s|%d|%d|%d|%t|%d|%v|%v|%+v|%v|%v|%v|%+v|%d|%+v\n", c.Area, c.Level, c.Role, c.Profile,
		c.Start.Unix(), c.End.Unix(), c.Authors, c.AuthorsExact, c.Scored, c.Labels, c.Flags,
		[4]int64{c.Outsiders, c.UnknownHome, c.OutsiderPosts, c.UnknownHomePosts}, c.Platforms, c.Posts, c.Population, c.Disclosure, 0, nil)
	for _, f := range []float64{c.Weighted, c.Sentiment, c.SentimentVar, c.OutsiderShare, c.UnknownShare, c.Rate, c.AuthorRate} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	return b
}

// TestSeriesGolden pins the exact encodings and result rows of Series and
// Indicator for varied observations and options, so that speed work on
// Add, the cell tables and the author sets cannot change any result.
func TestSeriesGolden(t *testing.T) {
	h := sha256.New()
	obs := goldenObs(700, 1)
	for _, opts := range []*SeriesOptions{nil, {Bucket: Hour}, {Bucket: Minute}, {Bucket: Week},
		{ExactAuthors: 4, Precision: 4}, {ExactAuthors: 100, Precision: 16}, {Bucket: Hour, ExactAuthors: 1, Precision: 5},
		{ExactAuthors: 20, Precision: 10}} {
		goldenSeries(t, h, opts, obs)
	}
	for _, opts := range []*SeriesOptions{nil, {ExactAuthors: 8}, {ExactAuthors: 8, Precision: 7}} {
		goldenSeries(t, h, opts, benchObs(2000))
	}
	for _, opts := range []*IndicatorOptions{nil, {ExactAuthors: 4, Precision: 5}, {ExactAuthors: 30, Precision: 9}} {
		in, err := NewIndicator(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range obs {
			in.Add(o)
		}
		b, _ := in.MarshalBinary()
		h.Write(b)
		for c := range in.Results(&Policy{K: 1, UnsafeSmallK: true}) {
			fmt.Fprintf(h, "%v\n", c)
		}
	}
	const want = "74d9baa576ca58b7e17a63a2d6110a526ed10b494c96ddfcb92baf3f130d1878"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("digest of encodings and results = %s, want %s", got, want)
	}
}
