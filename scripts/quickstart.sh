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
echo "== rbxpipe build again: nothing changed, so nothing is read or written (only stats)"
"$rbxpipe" build "$demo/volcano" -o "$demo/volcano.rbxl"
echo
echo "== rbxpipe inspect: the generated lesson modules in the place"
"$rbxpipe" inspect "$demo/volcano.rbxl" | grep -E "^ *(ReplicatedStorage|ServerStorage|Folder|ModuleScript|LocalizationTable)" | head -20
echo
echo "== rbxpipe sourcemap: for luau-lsp and other editor tools"
"$rbxpipe" sourcemap "$demo/volcano" -o "$demo/volcano/sourcemap.json"
echo
echo "== rbxpipe emulate: a local Open Cloud on 127.0.0.1 (never Roblox)"
"$rbxpipe" emulate --port 0 > "$demo/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q "listening on" "$demo/emulator.log" 2>/dev/null && break
  sleep 0.1
done
head -1 "$demo/emulator.log"
export RBXPIPE_OPEN_CLOUD_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$demo/emulator.log" | head -1)
export RBXPIPE_API_KEY=emulator-key
echo
echo "== rbxpipe cloud: check the key, upload the lesson image, publish the place, run the smoke test"
"$rbxpipe" cloud introspect | head -6
"$rbxpipe" cloud create-asset "$demo/volcano/assets/images/lava.png" --type Image --group 1
"$rbxpipe" cloud publish-place "$demo/volcano.rbxl" --universe 1 --place 1 --published
"$rbxpipe" cloud run-luau "$demo/volcano/tests/smoke.luau" --universe 1 --place 1
kill $emulator 2>/dev/null || true
