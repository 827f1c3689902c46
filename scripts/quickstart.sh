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
echo
echo "== rbxpipe build: the lesson as a place file (Rojo project + lesson Data, Answers, runtime, Assets modules)"
"$rbxpipe" build "$demo/volcano" -o "$demo/volcano.rbxl"
echo
echo "== rbxpipe build again: nothing changed, so nothing is read or written"
"$rbxpipe" build "$demo/volcano" -o "$demo/volcano.rbxl"
echo
echo "== rbxpipe inspect: the generated lesson modules in the place"
"$rbxpipe" inspect "$demo/volcano.rbxl" | grep -E "^ *(ReplicatedStorage|ServerStorage|Folder|ModuleScript|LocalizationTable)" | head -20
echo
echo "== rbxpipe sourcemap: for luau-lsp and other editor tools"
"$rbxpipe" sourcemap "$demo/volcano" -o "$demo/volcano/sourcemap.json"
