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
// On the project's 2-core VM, 2026-11-29, the machine otherwise idle (23
// runs of the two sub-benchmarks, one after the other):
//
//	socialgeo  0.79–1.35 µs per text   5,780–5,830 instructions   0 allocs
//	govader    9.1–15.1 µs per text    77,813 instructions       12 allocs
//	           median 11.8× (10.3–16.9× in 22 runs, 8.8× in one whose
//	           socialgeo half ran at 1.22 µs, against 0.79–0.95 µs in the
//	           runs around it); 13.4× by instructions
//
// After the tokenizer's changes of that afternoon (capitals lowered in
// its word loop, folded words' bytes from a reused scratch), six runs
// alternating with the code before them: socialgeo 1.13–1.53 µs,
// govader 12.7–18.1 µs (medians 1.21 and 15.9 µs, 13×); 5,950
// instructions per text (12.9×); the ratio sub-benchmark 8.8–9.6×
// against 9.0–9.7× for the code before.
//
// After the analyzer's changes for issue #7 (sarcasm tested only where a
// rule can start, smaller per-token state, neighbours read only next to
// live tokens), on the tokenizer of that evening: 5,809 instructions per
// text against 5,963 with the analyzer before them; govader 74,798 by
// the same measure (12.9× against 12.5×). Wall clock not measured again.
//
// After the analyzer's second round for issue #7 (exact compound
// candidates, see sentiment's doc), cachegrind per text (2000x and
// 6000x runs, the same code around the analyzer): scanFast 1,258 ->
// 1,351 instructions (the exact test of a compound prefix costs about 6
// a word more than the test of its first two bytes), rules 943 -> 841
// (fewer live words), prescan 138 -> 154; about 5,690 -> 5,780 in all
// with the runtime's share varying between runs by some 100.
// Mispredicts 45.1 -> 46.5 a text. Wall clock not measured (load 10).
//
// Instructions are from valgrind --tool=callgrind (GOGC=off GOMAXPROCS=1
// GODEBUG=asyncpreemptoff=1, difference of a -test.benchtime 1000x and a
// 21000x run); they do not vary, where the wall clock of this VM varies
// by up to ±30 % between identical runs.
//
// The ratio sub-benchmark alternates the two analyzers over the set
// within each iteration, each half after a forced collection, and
// reports the ratio (x-govader) and the time per text of each
// (ns/socialgeo, ns/govader). It is stricter than the throughput of a
// stream: our tables start cold every 1,000 texts (about 1.1 µs a text
// there against 0.9 µs in a run of its own), and govader's garbage is
// collected outside its half. It gave 8.8–9.3× (7.7–8.7× at c9b6769,
// alternating). See the package doc of sentiment for how.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
