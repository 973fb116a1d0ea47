#!/usr/bin/env bash
# targets.sh [ROUNDS [RAW]]: the issues' speed targets, measured in ROUNDS
# (default 10) interleaved rounds, each running every target benchmark
# once, so that a slow spell of the machine hits all of them alike.
# Prints, per benchmark, the target, min, median and max over the rounds
# and in how many rounds the target was met; RAW, if given, is a file
# that keeps the benchmarks' result lines. Wall clock on a shared VM
# varies between identical runs (docs/performance.md, "How we measure"):
# read the median and the spread, not one run.
#
#   bash bench/targets.sh 15
#
# It builds the test binaries of the packages concerned into a temporary
# folder, which it removes, and starts nothing that outlives it.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
raw=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in . geo geo/nl aggregate internal/text; do
	go test -c -o "$tmp/$(echo "$p" | tr / _).test" "./$p"
done

# bench DIR BIN REGEX BENCHTIME [GOMAXPROCS]: one run, its result lines
bench() {
	(cd "$1" && GOMAXPROCS=${5:-2} "$tmp/$2.test" -test.run '^$' -test.bench "$3" \
		-test.benchtime "$4" -test.benchmem | grep ns/op) >>"$tmp/out"
}

: >"$tmp/out"
for r in $(seq "$rounds"); do
	echo "round $r of $rounds" >&2
	bench . . 'BenchmarkPipeline/ndjson/workers=1$' 20x 1
	bench . . 'BenchmarkPipeline/ndjson/workers=2$' 20x
	bench geo geo 'BenchmarkTextResolver$/post/tokens|BenchmarkTextResolverSynth/tokens' 1s
	bench geo/nl geo_nl 'BenchmarkLocate$' 1s
	bench aggregate aggregate 'BenchmarkSeriesAdd$|BenchmarkSeriesAddWarm$' 1s
	bench internal/text internal_text 'BenchmarkTokenizePostsArena$' 1s
done
if [ -n "$raw" ]; then cp "$tmp/out" "$raw"; fi

# The metric of each benchmark, its unit, the target and whether more is
# better; the summary reads the unit's column from each result line.
awk '
BEGIN {
	t["BenchmarkPipeline/ndjson/workers=1"] = "posts/s 200000 1"
	t["BenchmarkPipeline/ndjson/workers=2"] = "posts/s 400000 1"
	t["BenchmarkTextResolver/post/tokens"] = "MB/s 100 1"
	t["BenchmarkTextResolverSynth/tokens"] = "MB/s 100 1"
	t["BenchmarkLocate"] = "points/s 3000000 1"
	t["BenchmarkSeriesAdd"] = "ns/op 150 0"
	t["BenchmarkSeriesAddWarm"] = "ns/op 150 0"
	t["BenchmarkTokenizePostsArena"] = "MB/s - 1"
}
{
	name = $1
	sub(/-[0-9]+$/, "", name)
	if (!(name in t)) next
	split(t[name], a, " ")
	for (i = 3; i < NF; i++) if ($(i + 1) == a[1]) { v[name, ++n[name]] = $i + 0 }
}
END {
	printf "%-36s %-9s %10s %10s %10s %10s  %s\n", "benchmark", "unit", "target", "min", "median", "max", "met"
	for (name in n) order[++k] = name
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (order[j] < order[i]) { s = order[i]; order[i] = order[j]; order[j] = s }
	for (i = 1; i <= k; i++) {
		name = order[i]; m = n[name]; split(t[name], a, " ")
		for (x = 1; x <= m; x++) s_[x] = v[name, x]
		for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (s_[y] < s_[x]) { s = s_[x]; s_[x] = s_[y]; s_[y] = s }
		med = m % 2 ? s_[(m + 1) / 2] : (s_[m / 2] + s_[m / 2 + 1]) / 2
		met = 0
		for (x = 1; x <= m; x++) if (a[2] != "-" && ((a[3] == 1 && s_[x] >= a[2]) || (a[3] == 0 && s_[x] <= a[2]))) met++
		printf "%-36s %-9s %10s %10.1f %10.1f %10.1f  %s\n", name, a[1], (a[2] == "-" ? "-" : (a[3] == 1 ? ">= " : "<= ") a[2]), s_[1], med, s_[m], (a[2] == "-" ? "" : met " of " m)
	}
}' "$tmp/out"
