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
// difference of a -test.benchtime 1000x and 21000x run), later on
// 2026-11-29: socialgeo 6,360–6,370 (7,678–7,735 earlier that day, 9,555–9,621
// that morning and 22,900 before that; the shared tokenizer is about
// 2,400 of them, was 3,720), govader 77,813: 12.2× fewer (was 10.0×).
// socialgeo no longer allocates for the 1% of sentences of more than 64
// tokens (1 B/op, was 56 B/op). On the otherwise idle machine (eight
// runs): socialgeo 1.30–1.42 µs, govader 13.7–17.2 µs, 10.1–12.8× run by
// run (median 10.8×); the ratio sub-benchmark 8.3–9.1× (9.4–11.2× with
// ten passes over the set per half, which amortises the cold start of
// our tables after govader's half). The previous version on the idle
// machine: socialgeo 1.34–1.55 µs, govader 13.6–15.1 µs, 9.0–11.3× in
// separate runs, 7.0× in the ratio sub-benchmark. Before the work, on a
// quiet machine, socialgeo took 3.7 µs and govader 14.9 µs (4.0×). See
// the package doc of sentiment for what changed.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
