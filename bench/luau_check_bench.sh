#!/usr/bin/env bash
# Benchmarks Luau checking: the parse throughput of the parser alone on the generated corpus (about 24 MB of typed
# module code, single-threaded, Google Benchmark), then the whole corpus through `rbxpipe check` (project mode: the
# build, the luau stage parsing on all cores, the other checks) against the floor measured in the same run:
# reading every file once (`cat`).
# Usage: bench/luau_check_bench.sh [BUILD_DIR] [RUNS]   (default build/bench, 3 runs; medians are reported)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build/bench}
runs=${2:-3}
"$root/scripts/install-deps.sh" >/dev/null
if [[ ! -x "$build_dir/bench/luau_parse_bench" || ! -x "$build_dir/cli/rbxpipe" ]]; then
  "$root/scripts/build.sh" "$build_dir" Release -DRBXPIPE_BUILD_TESTS=OFF -DRBXPIPE_BUILD_BENCH=ON
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== parser alone, one thread"
"$build_dir/bench/luau_parse_bench" --benchmark_filter='Baseline|ParseModules|ParseOneLargeFile' \
  --benchmark_min_time=2 2>/dev/null | grep -E 'BM_|Benchmark'

"$build_dir/bench/luau_parse_bench" --write-corpus "$work/corpus"
bytes=$(cat "$work"/corpus/src/*.luau | wc -c)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

floor=$(for _ in $(seq "$runs"); do seconds sh -c "cat '$work'/corpus/src/*.luau > /dev/null"; done | median)
check=$(for _ in $(seq "$runs"); do seconds "$build_dir/cli/rbxpipe" --progress none check "$work/corpus"; done | median)
errors=$("$build_dir/cli/rbxpipe" --progress none check "$work/corpus" --format json | grep -c '"severity": "error"' || true)
echo "== rbxpipe check on the corpus ($(nproc) threads), medians of $runs runs"
printf 'corpus            %d bytes\n' "$bytes"
printf 'floor (cat)       %.3f s\n' "$floor"
awk -v c="$check" -v f="$floor" -v b="$bytes" -v e="$errors" \
  'BEGIN { printf "rbxpipe check     %.3f s  (%.1f MB/s, %.1fx the floor; %s errors reported)\n", c, b / c / 1e6, c / f, e }'
