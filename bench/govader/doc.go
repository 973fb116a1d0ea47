// Package govader compares package sentiment with github.com/jonreiter/govader
// (a Go port of VADER) on the same English texts: throughput side by side
// (BenchmarkAnalyze) and Pearson r against the VADER human ratings
// (TestAccuracyVersusGovader). It is a nested module so that govader stays
// out of the core go.mod.
//
//	cd bench/govader && go test ./...
//	cd bench/govader && go test -run XX -bench . -benchtime 1s
//
// # Speed
//
// Instructions per sentence (instruction counts, not time: valgrind
// --tool=callgrind, GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,
// difference of a -test.benchtime 1000x and 21000x run), at the end of
// 2026-11-29: socialgeo 5,780–5,830 after the tokenizer hands the
// analyzer its words' keys (6,470–6,500 before, 6,360–6,370 before the
// word table's Bloom filter, 7,678–7,735 earlier that day, 9,555–9,621
// that morning and 22,900 before that; the shared tokenizer is about
// 2,300 of them), govader 77,813: 13.4× fewer (12.0× before the keys).
// Cachegrind in a separate run, per sentence: 55.0 mispredicted
// branches and 5.2 L1 misses (54.5 and 5.7 before the keys); by the
// rough cycle model of this machine (Ir/2 + 12 per L1 miss + 16 per
// mispredicted branch) 3,830 cycles against 4,190. The filter adds
// about 120 instructions a sentence and removes most of the cache
// misses of unknown words: in
// the ratio sub-benchmark (cachegrind with the last level set to this
// machine's 2 MB L2) the first pass's L2 misses per sentence fell from
// 1.53 to 0.65 and its L1 misses from 4.2 to 1.9. socialgeo does not
// allocate (1 B/op). In the ratio sub-benchmark (same cachegrind
// setting, our functions only) the keys took instructions per sentence
// from 6,080 to 5,410 at the same L1 misses (6.1), L2 misses 3.35 →
// 3.43 and mispredicted branches 47.5 → 50.5.
//
// The ratio sub-benchmark alternates the two analyzers over the set and
// reports, besides the ratio (x-govader), the time per text of each in
// it (ns/socialgeo, ns/govader): after govader's half our data is cold
// (ours about 1.1–1.2 µs there against 0.9 µs alone), and govader's
// garbage is never collected in its half (about 10.3 µs against 14 µs
// alone). Alternating the new and the previous version (six runs each,
// 40 iterations, shared machine at a load of 1–2): 8.55–9.41× (median
// 8.9×) against 8.21–8.80× (median 8.6×). With the tokenizer's keys,
// alternating with the version before them (five runs each, 30
// iterations, load 1.6–1.9): 9.09–9.54× (median 9.31×) against
// 8.75–9.03× (median 8.86×); the separate sub-benchmarks at that load
// were too noisy to tell the two apart (10.1–11.3× against 9.6–12.1×
// run by run). On the otherwise idle machine
// before the filter (eight runs): socialgeo 1.30–1.42 µs, govader
// 13.7–17.2 µs, 10.1–12.8× run by run (median 10.8×); the ratio
// sub-benchmark 8.3–9.1× (9.4–11.2× with ten passes over the set per
// half, which amortises the cold start). Before the work, on a quiet
// machine, socialgeo took 3.7 µs and govader 14.9 µs (4.0×). See the
// package doc of sentiment for what changed.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
