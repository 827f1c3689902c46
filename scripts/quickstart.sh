#!/usr/bin/env bash
# The main job on the embedded defaults: install what is missing, build in Release, create the sample lesson and
# run every check on it. Grows with each capability towards build, deploy to the emulator, change, redeploy, roll back.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build/release" Release -DRBXPIPE_BUILD_TESTS=OFF
rbxpipe="$root/build/release/cli/rbxpipe"
demo="$root/build/demo"
rm -rf "$demo"
mkdir -p "$demo"
export RBXPIPE_HOME="$demo/home"

echo "== rbxpipe init: scaffold the sample lesson"
"$rbxpipe" init "$demo/volcano"
echo
echo "== rbxpipe check: every check on the sample lesson"
"$rbxpipe" --progress plain check "$demo/volcano"
