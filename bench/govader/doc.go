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
// On 2026-11-29, instructions per sentence (valgrind --tool=callgrind,
// GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1, difference of a
// -test.benchtime 1000x and 21000x run): socialgeo 7,678 (was
// 9,555–9,621 that morning and 22,900 before that; the shared tokenizer
// is about 3,720 of them), govader about 77,000: 10.0× fewer. On the idle
// machine at the end of the day: socialgeo 1.34–1.55 µs, govader
// 13.6–15.1 µs, 9.0–11.3× in separate runs, 7.0× in the ratio
// sub-benchmark. Earlier, wall clock
// that day, the old and the new code alternating on the loaded 2 cores:
// the command above
// (load 2.4–2.8) gave socialgeo 1.15–1.82 µs and govader 10.8–16.5 µs,
// 8.2–9.8× (median 9.1×; old code median 8.8×) and the ratio
// sub-benchmark 7.1–8.5× (median 7.6×; old code 6.9×); the ratio alone at
// -benchtime 2s (load 3.5–4.9) median 9.6× (single runs 5.4–15×; old code
// 9.2×). Before the work, on a quiet machine, socialgeo took 3.7 µs and
// govader 14.9 µs (4.0×). The 10× target is met in instructions, not yet
// in wall clock here; see the package doc of sentiment for what changed.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
