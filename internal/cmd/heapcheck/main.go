// Command heapcheck streams many synthetic posts through the pipeline and
// prints the live heap after every step, to show that memory is bounded by
// the number of cells (areas × buckets × profiles), not by the number of
// posts:
//
//	go run ./internal/cmd/heapcheck -posts 10000000 -step 1000000
//
// The live heap is measured after a forced garbage collection; it includes
// the synthetic generator's author pool, which is fixed when it starts.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
)

func main() {
	posts := flag.Int("posts", 10_000_000, "posts to stream")
	step := flag.Int("step", 1_000_000, "posts between heap samples")
	workers := flag.Int("workers", 1, "pipeline workers (cells are counted live only with 1)")
	dedup := flag.Bool("dedup", false, "keep near-duplicate detection on (the synthetic texts repeat at this scale, so most posts would be dropped)")
	hourly := flag.Bool("hour", false, "hour buckets instead of day buckets")
	days := flag.Int("days", 7, "days covered by the posts")
	flag.Parse()
	if err := run(*posts, *step, *workers, *days, *dedup, *hourly); err != nil {
		fmt.Fprintln(os.Stderr, "heapcheck:", err)
		os.Exit(1)
	}
}

func run(posts, step, workers, days int, dedup, hourly bool) error {
	lib, err := profile.Library()
	if err != nil {
		return err
	}
	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: posts, Seed: 1, Span: time.Duration(days) * 24 * time.Hour, Authors: 200_000})
	if err != nil {
		return err
	}
	// Day buckets over a week: the cells (areas × days × roles × profiles)
	// fill up early and the heap must then stay flat while posts keep
	// coming. With -hour the cells keep growing with the hours covered, and
	// the heap with them (about 2 KB per cell).
	bucket := aggregate.Day
	if hourly {
		bucket = aggregate.Hour
	}
	series, err := aggregate.NewSeries(&aggregate.SeriesOptions{Bucket: bucket})
	if err != nil {
		return err
	}
	grid, err := aggregate.NewGrid(aggregate.CBSGrid(1000), nil)
	if err != nil {
		return err
	}
	fmt.Printf("%12s %12s %10s %12s\n", "posts read", "observed", "cells", "live heap MB")
	var ms runtime.MemStats
	sample := func(pr socialgeo.Progress) {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		fmt.Printf("%12d %12d %10d %12.1f\n", pr.Read, pr.Observed, series.Len(), float64(ms.HeapAlloc)/(1<<20))
	}
	start := time.Now()
	opts := &socialgeo.Options{Profiles: lib.Profiles(), Workers: workers, ProgressEvery: step, Progress: sample}
	if !dedup {
		off := 0
		opts.DedupWindow = &off
	}
	p, err := socialgeo.New(opts)
	if err != nil {
		return err
	}
	rep, err := p.Run(context.Background(), gen, series, grid)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("\n%d posts in %s: %.0f posts/s with %d workers (synthetic posts generated in memory, no decoding)\n",
		rep.Read, el.Round(time.Second), float64(rep.Read)/el.Seconds(), workers)
	fmt.Printf("rejected: %v\n", rep.Rejected)
	return nil
}
