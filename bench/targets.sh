#!/usr/bin/env bash
# targets.sh [ROUNDS [RAW]]: the issues' speed targets, measured in ROUNDS
# (default 10) interleaved rounds, each running every target benchmark
# once, so that a slow spell of the machine hits all of them alike.
# Prints when the rounds ran and, per benchmark, the target, min, median
# and max over the rounds and in how many rounds the target was met; RAW, if given, is a file
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

# The benchmarks' metric, target ("-": none) and whether more is better.
cat >"$tmp/targets" <<'END'
BenchmarkPipeline/ndjson/workers=1 posts/s 200000 1
BenchmarkPipeline/ndjson/workers=2 posts/s 400000 1
BenchmarkTextResolver/post/tokens MB/s 100 1
BenchmarkTextResolverSynth/tokens MB/s 100 1
BenchmarkLocate points/s 3000000 1
BenchmarkSeriesAdd ns/op 150 0
BenchmarkSeriesAddFresh ns/op 150 0
BenchmarkSeriesAddWarm ns/op - 0
BenchmarkTokenizePostsArena MB/s - 1
END

# bin DIR: the test binary of the package in DIR
bin() { echo "$tmp/$(echo "$1" | tr ./ r_).test"; }

for p in . geo geo/nl aggregate internal/text; do
	go test -c -o "$(bin "$p")" "./$p"
done

# bench DIR REGEX BENCHTIME [GOMAXPROCS]: one run, its result lines
bench() {
	(cd "$1" && GOMAXPROCS=${4:-2} "$(bin "$1")" -test.run '^$' -test.bench "$2" \
		-test.benchtime "$3" -test.benchmem | grep ns/op) >>"$tmp/out"
}

: >"$tmp/out"
start=$(date -u +%H:%M)
for r in $(seq "$rounds"); do
	echo "round $r of $rounds" >&2
	bench . 'BenchmarkPipeline/ndjson/workers=1$' 20x 1
	bench . 'BenchmarkPipeline/ndjson/workers=2$' 20x
	bench geo 'BenchmarkTextResolver$/post/tokens|BenchmarkTextResolverSynth/tokens' 1s
	bench geo/nl 'BenchmarkLocate$' 1s
	bench aggregate 'BenchmarkSeriesAdd(Fresh|Warm)?$' 1s
	bench internal/text 'BenchmarkTokenizePostsArena$' 1s
done
if [ -n "$raw" ]; then cp "$tmp/out" "$raw"; fi

# Each result's value in its benchmark's metric, as "name value", sorted
# by name and value; then per benchmark the summary.
awk 'NR == FNR { unit[$1] = $2; next }
{
	name = $1
	sub(/-[0-9]+$/, "", name)
	if (name in unit) for (i = 3; i < NF; i++) if ($(i + 1) == unit[name]) print name, $i
}' "$tmp/targets" "$tmp/out" | sort -k1,1 -k2,2g >"$tmp/values"
echo "$rounds rounds, $(date -u +%F) $start-$(date -u +%H:%M) UTC"
awk 'NR == FNR { t[$1] = $0; next }
function flush(    a, met, x) {
	if (m == 0) return
	split(t[name], a, " ")
	for (x = 1; x <= m; x++) if ((a[4] == 1 && v[x] >= a[3]) || (a[4] == 0 && v[x] <= a[3])) met++
	printf "%-36s %-9s %10s %10.1f %10.1f %10.1f  %s\n", name, a[2],
		(a[3] == "-" ? "-" : (a[4] == 1 ? ">= " : "<= ") a[3]), v[1],
		(m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2), v[m],
		(a[3] == "-" ? "" : met + 0 " of " m)
}
FNR == 1 { printf "%-36s %-9s %10s %10s %10s %10s  %s\n", "benchmark", "unit", "target", "min", "median", "max", "met" }
$1 != name { flush(); name = $1; m = 0 }
{ v[++m] = $2 }
END { flush() }' "$tmp/targets" "$tmp/values"
