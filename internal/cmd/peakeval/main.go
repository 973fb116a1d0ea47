// Command peakeval measures the peak detectors of package aggregate
// ([aggregate.FindPeaks], the same state machine as
// [aggregate.PeakDetector]) on synthetic hourly streams with injected
// events, and prints precision, recall and mean detection delay per mode:
//
//	go run ./internal/cmd/peakeval                    # from the repository root
//	go run ./internal/cmd/peakeval -series 200 -days 84 -seed 7
//
// Streams: Poisson counts per hour with a mean level drawn from 2, 5, 20,
// 50 or 200 posts per hour, a daily cycle (night at 15 % of the day peak
// in the afternoon) and a weekly one (weekend days at 80 %). Events: 3 per
// stream after the first 8 days (so that the seasonal baseline is warm),
// at least 48 h apart, at a random hour, lasting 1, 2, 4, 8 or 16 hours,
// with a triangular shape (rising over the first third) and a peak of 1,
// 2, 4 or 8 times the stream's mean level (at least 2 posts) on top of
// the baseline.
//
// Scoring: a detected window [start, end] matches an event when it
// overlaps the event's hours or the 2 hours after it. Precision is the
// share of detected windows that match an event; recall the share of
// events matched; delay the hours from the event's start to the start of
// the first matching window (0 when it starts earlier), averaged over the
// matched events. Recall is also given per peak size.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/socialgeo/socialgeo/aggregate"
)

func main() {
	cfg := defaultConfig()
	flag.IntVar(&cfg.Series, "series", cfg.Series, "number of streams")
	flag.IntVar(&cfg.Days, "days", cfg.Days, "days per stream (hourly buckets)")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	flag.Parse()
	if err := run(os.Stdout, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "peakeval:", err)
		os.Exit(1)
	}
}

// config sets the size of the evaluation.
type config struct {
	Series, Days, EventsPerSeries int
	Seed                          uint64
}

func defaultConfig() config { return config{Series: 200, Days: 56, EventsPerSeries: 3, Seed: 1} }

// mode is a detector configuration under evaluation.
type mode struct {
	Name string
	Opts *aggregate.PeakOptions
}

func modes() []mode {
	return []mode{
		{"ewma τ2", &aggregate.PeakOptions{Mode: aggregate.PeakEWMA}}, // TwitInfo, the default
		{"ewma τ4", &aggregate.PeakOptions{Mode: aggregate.PeakEWMA, Tau: 4}},
		{"seasonal τ3", &aggregate.PeakOptions{Mode: aggregate.PeakSeasonal, Tau: 3}},
		{"seasonal τ4", &aggregate.PeakOptions{Mode: aggregate.PeakSeasonal}}, // the default
		{"seasonal 14d τ4", &aggregate.PeakOptions{Mode: aggregate.PeakSeasonal, Seasons: 14}},
		{"weekly τ4", &aggregate.PeakOptions{Mode: aggregate.PeakSeasonal, Period: 168, Seasons: 4}},
	}
}

// sizes are the event peak multiples of the stream's mean level.
var sizes = []float64{1, 2, 4, 8}

// event is an injected event: hours [Start, Start+Len), peak size class.
type event struct {
	Start, Len int
	Size       int // index into sizes
}

// stream is one synthetic series with its events.
type stream struct {
	Counts []float64
	Events []event
}

// result is the score of one mode.
type result struct {
	Mode                  string
	Events, Detections    int
	TruePos, Matched      int     // detections matching an event; events matched
	DelaySum              float64 // hours, over matched events
	SizeEvents, SizeFound []int
}

func (r result) precision() float64 { return ratio(r.TruePos, r.Detections) }
func (r result) recall() float64    { return ratio(r.Matched, r.Events) }
func (r result) delay() float64 {
	if r.Matched == 0 {
		return math.NaN()
	}
	return r.DelaySum / float64(r.Matched)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// poisson draws a Poisson(lambda) count (inversion in chunks of at most
// 30, since a sum of Poissons is Poisson).
func poisson(r *rand.Rand, lambda float64) float64 {
	n := 0.0
	for lambda > 0 {
		l := min(lambda, 30)
		lambda -= l
		k, p, u := 0, math.Exp(-l), r.Float64()
		for c := p; u > c && k < 1000; c += p {
			k++
			p *= l / float64(k)
		}
		n += float64(k)
	}
	return n
}

// baseline is the expected count of hour i for a stream of mean level.
func baseline(level float64, i int) float64 {
	h, d := i%24, (i/24)%7
	// night minimum 0.15 at 04:00, peak 1 at 16:00
	c := 0.15 + 0.85*(0.5-0.5*math.Cos(2*math.Pi*float64(h-4)/24))
	if d >= 5 {
		c *= 0.8
	}
	return level * c / 0.575 // mean of c over a day is 0.575
}

// generate makes the streams of cfg.
func generate(cfg config) []stream {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b9))
	levels := []float64{2, 5, 20, 50, 200}
	hours := cfg.Days * 24
	out := make([]stream, cfg.Series)
	for s := range out {
		level := levels[r.IntN(len(levels))]
		extra := make([]float64, hours)
		var evs []event
		for tries := 0; len(evs) < cfg.EventsPerSeries && tries < 1000; tries++ {
			e := event{Start: 8*24 + r.IntN(hours-8*24-24), Len: []int{1, 2, 4, 8, 16}[r.IntN(5)], Size: r.IntN(len(sizes))}
			ok := true
			for _, o := range evs {
				if e.Start < o.Start+o.Len+48 && o.Start < e.Start+e.Len+48 {
					ok = false
				}
			}
			if !ok {
				continue
			}
			evs = append(evs, e)
			amp := math.Max(sizes[e.Size]*level, 2)
			p := e.Len / 3 // the peak hour
			for t := 0; t < e.Len && e.Start+t < hours; t++ {
				v := amp * float64(t+1) / float64(p+1)
				if t > p {
					v = amp * float64(e.Len-t) / float64(e.Len-p)
				}
				extra[e.Start+t] += v
			}
		}
		counts := make([]float64, hours)
		for i := range counts {
			counts[i] = poisson(r, baseline(level, i)+extra[i])
		}
		out[s] = stream{counts, evs}
	}
	return out
}

// score runs one mode over the streams.
func score(m mode, streams []stream) (result, error) {
	res := result{Mode: m.Name, SizeEvents: make([]int, len(sizes)), SizeFound: make([]int, len(sizes))}
	const tol = 2
	for _, s := range streams {
		peaks, err := aggregate.FindPeaks(s.Counts, m.Opts)
		if err != nil {
			return res, err
		}
		res.Detections += len(peaks)
		matched := make([]bool, len(s.Events))
		delay := make([]float64, len(s.Events))
		for _, p := range peaks {
			tp := false
			for j, e := range s.Events {
				if p.Start <= e.Start+e.Len-1+tol && p.End >= e.Start {
					tp = true
					if !matched[j] {
						matched[j], delay[j] = true, math.Max(0, float64(p.Start-e.Start))
					}
				}
			}
			if tp {
				res.TruePos++
			}
		}
		for j, e := range s.Events {
			res.Events++
			res.SizeEvents[e.Size]++
			if matched[j] {
				res.Matched++
				res.SizeFound[e.Size]++
				res.DelaySum += delay[j]
			}
		}
	}
	return res, nil
}

// evaluate generates the streams of cfg and scores every mode.
func evaluate(cfg config) ([]result, error) {
	streams := generate(cfg)
	var out []result
	for _, m := range modes() {
		r, err := score(m, streams)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func run(w io.Writer, cfg config) error {
	rs, err := evaluate(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d streams × %d days hourly, %d events each, seed %d\n", cfg.Series, cfg.Days, cfg.EventsPerSeries, cfg.Seed)
	fmt.Fprintf(w, "%-16s %6s %6s %9s %6s %7s", "mode", "events", "found", "precision", "recall", "delay_h")
	for _, s := range sizes {
		fmt.Fprintf(w, " %6s", fmt.Sprintf("R@%gx", s))
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		fmt.Fprintf(w, "%-16s %6d %6d %9.3f %6.3f %7.2f", r.Mode, r.Events, r.Detections, r.precision(), r.recall(), r.delay())
		for i := range sizes {
			fmt.Fprintf(w, " %6.3f", ratio(r.SizeFound[i], r.SizeEvents[i]))
		}
		fmt.Fprintln(w)
	}
	return nil
}
