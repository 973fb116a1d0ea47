package socialgeo

import (
	"context"
	"encoding"
	"fmt"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/require"

	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/source"
)

// recyclingAggregators returns one of each aggregator type that recycles
// accepts, set up to read every part of an observation (areas, point,
// profiles with their terms, content terms), over observations from
// start to end.
func recyclingAggregators(t *testing.T, start, end time.Time) []aggregate.Aggregator {
	t.Helper()
	grid := aggregate.CBSGrid(1000)
	series, err := aggregate.NewSeries(nil)
	require.NoError(t, err)
	g, err := aggregate.NewGrid(grid, nil)
	require.NoError(t, err)
	ind, err := aggregate.NewIndicator(&aggregate.IndicatorOptions{Gazetteer: nl.Gazetteer()})
	require.NoError(t, err)
	peaks, err := aggregate.NewPeakDetector(nil)
	require.NoError(t, err)
	mid := start.Add(end.Sub(start) / 2)
	trend, err := aggregate.NewTrend(&aggregate.TrendOptions{BeforeStart: start, BeforeEnd: mid, AfterStart: mid, AfterEnd: end.Add(time.Second)})
	require.NoError(t, err)
	return []aggregate.Aggregator{
		series, g, ind, peaks, trend,
		aggregate.NewOD(nil),
		aggregate.NewCorroboration(nil),
		aggregate.NewCorroboration(&aggregate.CorroborationOptions{Grid: &grid}),
		aggregate.NewKeyTerms(nil),
		aggregate.NewKeyTerms(&aggregate.KeyTermsOptions{Grid: &grid}),
	}
}

// observations returns the observations of n synthetic posts (those
// Observe accepts) and their time span.
func observations(t *testing.T, n int) (obs []aggregate.Observation, start, end time.Time) {
	t.Helper()
	ctx := context.Background()
	posts, err := source.Collect(generator(t, n).Posts(ctx))
	require.NoError(t, err)
	p, err := New(&Options{Profiles: library(t)})
	require.NoError(t, err)
	for _, post := range posts {
		o, err := p.Observe(ctx, post)
		if err != nil {
			continue
		}
		if len(obs) == 0 || o.Time.Before(start) {
			start = o.Time
		}
		if o.Time.After(end) {
			end = o.Time
		}
		obs = append(obs, o)
	}
	require.Greater(t, len(obs), n/2)
	return obs, start, end
}

// marshal returns the binary form of an aggregator of package aggregate.
func marshal(t *testing.T, a aggregate.Aggregator) []byte {
	t.Helper()
	b, err := a.(encoding.BinaryMarshaler).MarshalBinary()
	require.NoError(t, err)
	return b
}

// TestAggregatorsKeepNoSlices checks what recycles relies on: each
// aggregator type it accepts ends in the same state when every
// observation it was given is overwritten after Add (as a recycled slab
// is) as when none is.
func TestAggregatorsKeepNoSlices(t *testing.T) {
	obs, start, end := observations(t, 1500)
	reused := recyclingAggregators(t, start, end)
	fresh := recyclingAggregators(t, start, end)
	types := map[string]bool{}
	for _, a := range reused {
		types[fmt.Sprintf("%T", a)] = true
		require.True(t, recycles([]aggregate.Aggregator{a}), "%T", a)
	}
	require.Len(t, types, 8, "one of each type recycles accepts")
	require.True(t, recycles([]aggregate.Aggregator{aggregate.Aggregators(reused)}))
	require.False(t, recycles([]aggregate.Aggregator{&collect{}}))
	require.False(t, recycles([]aggregate.Aggregator{aggregate.Aggregators{reused[0], &collect{}}}))

	// One set of buffers for every observation given to reused.
	var (
		areas    []aggregate.AreaRef
		profiles []aggregate.ProfileMatch
		strs     []string
		point    orb.Point
	)
	var points, withTerms, withProfiles int
	for _, o := range obs {
		c := o
		areas = append(areas[:0], o.Areas...)
		c.Areas = areas
		strs = append(strs[:0], o.Terms...)
		c.Terms = strs[:len(o.Terms)]
		profiles = profiles[:0]
		for _, pm := range o.Profiles {
			k := len(strs)
			strs = append(strs, pm.Terms...)
			profiles = append(profiles, aggregate.ProfileMatch{ID: pm.ID, Terms: strs[k:]})
		}
		c.Profiles = profiles
		if o.Point != nil {
			point = *o.Point
			c.Point = &point
			points++
		}
		withTerms += min(len(o.Terms), 1)
		withProfiles += min(len(o.Profiles), 1)
		for i := range reused {
			reused[i].Add(c)
			fresh[i].Add(o)
		}
		// What a recycled slab would hold next.
		for i := range areas {
			areas[i] = aggregate.AreaRef{Area: "GM0000", Level: areas[i].Level, Role: areas[i].Role}
		}
		for i := range profiles {
			profiles[i].ID = "overwritten"
		}
		for i := range strs {
			strs[i] = "overwritten"
		}
		point = orb.Point{3.3, 51.4}
	}
	require.Positive(t, points)
	require.Positive(t, withTerms)
	require.Positive(t, withProfiles)
	for i := range reused {
		require.Equal(t, marshal(t, fresh[i]), marshal(t, reused[i]), "%T keeps an observation's slices", reused[i])
	}
}

// TestRunRecyclesSlabs checks that Run, recycling its slabs with 1 and 2
// workers, gives its aggregators what it gives them without recycling
// (to an aggregator that is not one of package aggregate's own). Both
// runs add in input order, through aggregate.Aggregators or a function
// (neither is Parallel): forks joined in an order that varies from run to
// run would round some sums differently.
func TestRunRecyclesSlabs(t *testing.T) {
	ctx := context.Background()
	posts, err := source.Collect(generator(t, 3000).Posts(ctx))
	require.NoError(t, err)
	start, end := posts[0].Created, posts[0].Created
	for _, p := range posts {
		start, end = minTime(start, p.Created), maxTime(end, p.Created)
	}
	for _, workers := range []int{1, 2} {
		p, err := New(&Options{Profiles: library(t), Workers: workers})
		require.NoError(t, err)
		recycled := recyclingAggregators(t, start, end)
		require.True(t, recycles(recycled))
		_, err = p.Run(ctx, source.FromSlice(posts), aggregate.Aggregators(recycled))
		require.NoError(t, err)
		kept := recyclingAggregators(t, start, end)
		all := aggregate.Aggregators(kept)
		_, err = p.Run(ctx, source.FromSlice(posts), aggregate.AggregatorFunc(all.Add))
		require.NoError(t, err)
		for i := range recycled {
			require.Equal(t, marshal(t, kept[i]), marshal(t, recycled[i]), "workers=%d: %T", workers, recycled[i])
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
