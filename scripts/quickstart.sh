#!/usr/bin/env bash
# The main job on the embedded defaults: install what is missing, build in Release, create the sample lesson and
# run every check on it, build it, then deploy it to the built-in Open Cloud emulator, change an image, redeploy and
# roll back.
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
export RBXPIPE_API_KEY=emulator-key RBXPIPE_EMULATOR_KEY=emulator-key
echo
echo "== rbxpipe cloud introspect: the key the sample lesson's \"local\" environment uses"
"$rbxpipe" cloud introspect | head -6
echo
echo "== rbxpipe deploy: key check, uploads, publish Saved, smoke test, publish Published, restart servers, record"
"$rbxpipe" --progress plain deploy "$demo/volcano"
echo
echo "== rbxpipe deploy again: nothing changed, so nothing is uploaded or published"
"$rbxpipe" deploy "$demo/volcano"
echo
echo "== change one image: plan shows one upload (exit 10 = changes), deploy uploads just that one"
cp "$root/fixtures/projects/sprites/assets/images/banner.png" "$demo/volcano/assets/images/lava.png"
status=0
"$rbxpipe" plan "$demo/volcano" --exit-code || status=$?
[[ $status -eq 10 ]] || { echo "quickstart: plan --exit-code returned $status, expected 10" >&2; exit 1; }
"$rbxpipe" deploy "$demo/volcano"
echo
echo "== rbxpipe rollback: the previous release's place goes live again (no upload)"
"$rbxpipe" rollback "$demo/volcano" --env local
echo
echo "== rbxpipe releases: the history of the local environment"
"$rbxpipe" releases --tenant local --env local
kill $emulator 2>/dev/null || true
