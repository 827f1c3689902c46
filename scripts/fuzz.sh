#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 and runs each for SECONDS (default 30), seeded from fixtures/.
# Usage: scripts/fuzz.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
build_dir=${2:-$root/build/fuzz}
"$root/scripts/install-deps.sh" --fuzz
CC=clang-16 CXX=clang++-16 "$root/scripts/build.sh" "$build_dir" Debug -DRBXPIPE_FUZZ=ON -DRBXPIPE_BUILD_TESTS=OFF -DRBXPIPE_WERROR=ON

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus/jsonc" "$corpus/lesson" "$corpus/glob"
mkdir -p "$corpus/xml"
mkdir -p "$corpus/binary" "$corpus/rojo_project" "$corpus/data_files" "$corpus/jwt" "$corpus/asset" "$corpus/bundle"
find "$root/fixtures" "$root/config" -name '*.json' | while read -r file; do
  cp "$file" "$corpus/jsonc/$(echo "$file" | sha1sum | cut -c1-12)"
done
find "$root/fixtures" -name 'lesson*.json' | while read -r file; do
  cp "$file" "$corpus/lesson/$(echo "$file" | sha1sum | cut -c1-12)"
done
printf 'assets/images/**/*.{png,jpg}\nassets/images/ui/a.png\n' > "$corpus/glob/seed"
for dir in "$root/fixtures" "$root/../shared/corpus/studio-models"; do
  [ -d "$dir" ] || continue
  find "$dir" -name '*.rbxmx' | while read -r file; do
    cp "$file" "$corpus/xml/$(echo "$file" | sha1sum | cut -c1-12)"
  done
done

for dir in "$root/fixtures" "$root/../shared/corpus/studio-models"; do
  [ -d "$dir" ] || continue
  find "$dir" -name '*.rbxm' -o -name '*.rbxl' | while read -r file; do
    cp "$file" "$corpus/binary/$(echo "$file" | sha1sum | cut -c1-12)"
  done
done

find "$root/fixtures" -name '*.project.json' | while read -r file; do
  cp "$file" "$corpus/rojo_project/$(echo "$file" | sha1sum | cut -c1-12)"
done
find "$root/fixtures/build" \( -name '*.json' -o -name '*.toml' -o -name '*.yaml' -o -name '*.csv' \) \
  -not -path '*/expected/*' | while read -r file; do
  cp "$file" "$corpus/data_files/$(echo "$file" | sha1sum | cut -c1-12)"
done

cp "$root/config/rbac.json" "$corpus/jwt/rbac"
printf 'eyJhbGciOiJIUzI1NiIsImtpZCI6ImhtYWMifQ.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIn0.c2ln' > "$corpus/jwt/token"
printf '{"keys":[{"kty":"oct","kid":"a","k":"c2VjcmV0"}]}' > "$corpus/jwt/jwks"

find "$root/fixtures" \( -name '*.png' -o -name '*.wav' \) | while read -r file; do
  cp "$file" "$corpus/asset/$(echo "$file" | sha1sum | cut -c1-12)"
done

mkdir -p "$corpus/luau" && find "$root/fixtures" "$root/config" "$root/luau" \( -name '*.luau' -o -name '*.lua' \) -exec sh -c 'cp "$2" "$1/$(echo "$2" | sha1sum | cut -c1-12)"' _ "$corpus/luau" {} \;

for target in jsonc lesson glob xml binary rojo_project data_files jwt asset bundle luau; do
  echo "== fuzz ${target} for ${seconds}s"
  log="$corpus/${target}.log"
  if ! "$build_dir/tests/fuzz/${target}_fuzz" -max_total_time="$seconds" -print_final_stats=1 "$corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    exit 1
  fi
  grep -E "^(stat::number_of_executed_units|Done)" "$log" || true
done
