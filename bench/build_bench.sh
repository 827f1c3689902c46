#!/usr/bin/env bash
# Benchmarks `rbxpipe build` on a generated project of 5,000 scripts (about 100 lines each) in nested folders plus
# 500 .model.json files: cold build, no-op rebuild, one-file-changed rebuild and peak memory, against the floor
# measured in the same run: `tar cf - <inputs> | lz4 > /dev/null` (reading every input once and compressing it).
# Usage: bench/build_bench.sh [BUILD_DIR] [RUNS]   (default build/release, 5 runs; medians are reported)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build/release}
runs=${2:-5}
"$root/scripts/install-deps.sh" --bench >/dev/null
if [[ ! -x "$build_dir/cli/rbxpipe" ]]; then
  "$root/scripts/build.sh" "$build_dir" Release -DRBXPIPE_BUILD_TESTS=OFF
fi
rbxpipe=$build_dir/cli/rbxpipe
work=$(mktemp -d)
[[ -n "${RBXPIPE_BENCH_KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
project=$work/project

# A script body of about 100 lines; each file gets its own number so contents differ.
script_body() {
  local n=$1
  printf -- '-- Module %d: generated for the build benchmark.\nlocal Module = {}\n\n' "$n"
  for i in $(seq 1 24); do
    printf 'function Module.step%d(state: { [string]: number }, value: number): number\n' "$i"
    printf '\tlocal total = (state.total or 0) + value * %d + %d\n\tstate.total = total\n\treturn total\nend\n' "$i" "$n"
  done
  printf '\nreturn Module\n'
}

echo "generating project in $project"
mkdir -p "$project/src"
template=$(script_body 0)
for f in $(seq 0 4999); do
  dir="$project/src/area$((f / 500))/zone$(((f / 50) % 10))"
  [[ -d "$dir" ]] || mkdir -p "$dir"
  case $((f % 10)) in
    0) name="Server$f.server.luau" ;;
    1) name="Client$f.client.luau" ;;
    *) name="Module$f.luau" ;;
  esac
  printf '%s\n-- %d\n' "$template" "$f" > "$dir/$name"
done
for f in $(seq 0 499); do
  dir="$project/src/area$((f / 50))/models"
  [[ -d "$dir" ]] || mkdir -p "$dir"
  cat > "$dir/Prop$f.model.json" <<JSON
{
  "className": "Model",
  "attributes": { "Index": $f },
  "children": [
    { "name": "Base", "className": "Part", "properties": { "Anchored": true, "Size": [4, 1, $((f % 7 + 1))], "Material": "Slate", "Color": [0.5, 0.25, 0] } },
    { "name": "Light", "className": "PointLight", "properties": { "Range": $((f % 20 + 4)), "Brightness": 2 } }
  ]
}
JSON
done
cat > "$project/default.project.json" <<'JSON'
{ "name": "Bench", "tree": { "$className": "DataModel", "ReplicatedStorage": { "Code": { "$path": "src" } } } }
JSON
input_bytes=$(du -sb "$project" | cut -f1)
echo "inputs: 5500 files, $input_bytes bytes"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_ms() { local start end; start=$(now_ms); "$@" >/dev/null; end=$(now_ms); echo $((end - start)); }

out=$work/bench.rbxl
floor=() cold=() noop=() one=()
for run in $(seq 1 "$runs"); do
  sync
  floor+=("$(time_ms bash -c "tar cf - -C '$project' . | lz4 -q > /dev/null")")
  rm -rf "$project/.rbxpipe" "$out"
  cold+=("$(time_ms "$rbxpipe" build "$project" -o "$out")")
  noop+=("$(time_ms "$rbxpipe" build "$project" -o "$out")")
  target="$project/src/area3/zone4/Module$((1700 + run * 2 + 2)).luau"
  printf -- '-- edited in run %d\n' "$run" >> "$target"
  one+=("$(time_ms "$rbxpipe" build "$project" -o "$out")")
done
rm -rf "$project/.rbxpipe" "$out"
peak_kb=$(/usr/bin/time -f '%M' "$rbxpipe" build "$project" -o "$out" 2>&1 >/dev/null | tail -1)

floor_ms=$(printf '%s\n' "${floor[@]}" | median)
cold_ms=$(printf '%s\n' "${cold[@]}" | median)
noop_ms=$(printf '%s\n' "${noop[@]}" | median)
one_ms=$(printf '%s\n' "${one[@]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.1f%%", 100 * a / b }'; }
echo "medians of $runs runs (ms): floor $floor_ms, cold $cold_ms, no-op $noop_ms, one file changed $one_ms"
echo "cold / floor:             $(ratio "$cold_ms" "$floor_ms")  (target <= 2)"
echo "no-op / cold:             $(percent "$noop_ms" "$cold_ms")  (target < 5%)"
echo "one changed / cold:       $(percent "$one_ms" "$cold_ms")"
echo "peak memory (cold build): $((peak_kb / 1024)) MiB for $((input_bytes / 1024 / 1024)) MiB of inputs"
echo "output: $(stat -c %s "$out") bytes"
