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
// -test.benchtime 1000x and 3000x run): socialgeo 9,300–10,100 (was
// 22,900), govader 75,000–79,000, about 8× fewer. Wall clock that day,
// under a load average of 3–7 on 2 cores: the command above 6.3–8.7×
// (socialgeo 1.8–2.4 µs, govader 15–20 µs); alternating runs 9.2–15×
// (socialgeo 1.27–2.07 µs, govader 15.6–19.5 µs). Before the work, on a
// quiet machine, socialgeo took 3.7 µs and govader 14.9 µs (4.0×). The
// 10× target is met in part of the runs only; to be confirmed on a quiet
// machine. See the package doc of sentiment for what changed.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
