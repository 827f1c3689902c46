#!/usr/bin/env bash
# Benchmarks the image step (decode, checks, downscale to 1024 with an alpha-weighted filter, alpha bleed,
# deterministic PNG encode) on 200 generated 2048x2048 RGBA PNGs, on 1 and 2 threads, against ImageMagick
# `convert IN -resize 1024x1024 OUT` over the same files in the same run. Reports times and the ratio.
# Usage: bench/image_bench.sh [BUILD_DIR] [COUNT] [SIZE]   (default build/release, 200 images of 2048 px)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build/release}
count=${2:-200}
size=${3:-2048}
bench=$build_dir/bench/image_bench
if [[ ! -x "$bench" ]]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRBXPIPE_BUILD_BENCH=ON \
    -DRBXPIPE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build_dir" --target image_bench
fi

# The ImageMagick binary itself (IM7 `magick`, or IM6's convert), not whatever else is called convert on PATH.
find_imagemagick() {
  local candidate
  for candidate in magick convert-im6.q16 /usr/bin/convert; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -version 2>/dev/null | grep -q ImageMagick; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}
if ! imagemagick=$(find_imagemagick); then
  apt-get install -y imagemagick >/dev/null
  imagemagick=$(find_imagemagick)
fi
[[ $(basename "$imagemagick") == magick ]] && imagemagick="$imagemagick convert"

work=$(mktemp -d)
[[ -n "${RBXPIPE_BENCH_KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
echo "generating $count images of ${size}x${size} in $work/in"
"$bench" generate "$work/in" "$count" "$size"
du -sh "$work/in" | awk '{print "inputs: " $1}'

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }

ours() {  # threads -> seconds
  local start end
  start=$(now)
  "$bench" run "$work/in" "$work/ours$1" "$1" >&2
  end=$(now)
  seconds "$start" "$end"
}
ours1=$(ours 1)
ours2=$(ours 2)

mkdir -p "$work/magick"
start=$(now)
for file in "$work"/in/*.png; do
  $imagemagick "$file" -resize 1024x1024 "$work/magick/$(basename "$file")"
done
end=$(now)
magick_time=$(seconds "$start" "$end")

echo "ImageMagick: $($imagemagick -version | head -1)"
echo "ImageMagick threads (OpenMP): $($imagemagick -list resource 2>/dev/null | awk '/Thread/ {print $2}')"
printf '%-34s %8s s\n' "rbxpipe, 1 thread" "$ours1" "rbxpipe, 2 threads" "$ours2" "ImageMagick convert -resize" "$magick_time"
awk -v m="$magick_time" -v a="$ours1" -v b="$ours2" \
  'BEGIN { printf "ratio ImageMagick / rbxpipe: %.2fx (1 thread), %.2fx (2 threads); above 1 means rbxpipe is faster\n", m / a, m / b }'
