#!/usr/bin/env bash
# Configures and builds rbxpipe with Ninja (and ccache when present).
# Usage: scripts/build.sh BUILD_DIR BUILD_TYPE [extra cmake -D options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$1
build_type=$2
shift 2
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
