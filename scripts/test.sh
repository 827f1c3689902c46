#!/usr/bin/env bash
# Installs what is missing, builds everything (tests included) and runs the whole suite through ctest.
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake -D options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build/test}
shift || true
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$build_dir" RelWithDebInfo -DRBXPIPE_BUILD_TESTS=ON "$@"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
