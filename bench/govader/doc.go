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
// 22,900), govader 75,000–79,000, about 8× fewer. Wall clock was too noisy
// that day (load average 4–7 on 2 cores: socialgeo 2.3–4.9 µs, govader
// 15–38 µs per sentence); before the work, on a quiet machine, socialgeo
// took 3.7 µs and govader 14.9 µs (4.0×). See the package doc of
// sentiment for what changed.
//
// # Concurrency
//
// Test-only package; nothing here is meant for import.
package govader
