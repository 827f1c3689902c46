#!/usr/bin/env bash
# Installs the Debian 12 packages rbxpipe needs, only those missing. Runs apt as root, or through sudo.
# Usage: scripts/install-deps.sh [--fuzz] [--bench]
#   --fuzz adds clang-16 for the libFuzzer targets; --bench adds the tools benchmark scripts compare against.
set -euo pipefail

packages=(
  git cmake ninja-build ccache g++ pkg-config
  libcurl4-openssl-dev libboost-dev libboost-filesystem-dev libarchive-dev libzip-dev nlohmann-json3-dev
  libstb-dev libtbb-dev libgtest-dev libgmock-dev libsqlite3-dev libssl-dev liblz4-dev libzstd-dev zlib1g-dev
  libcpp-httplib-dev libcli11-dev libpugixml-dev libtomlplusplus-dev libyaml-cpp-dev libbenchmark-dev
)
for option in "$@"; do
  case "$option" in
    --fuzz) packages+=(clang-16 libclang-rt-16-dev) ;;
    --bench) packages+=(lz4 time) ;;
    *) echo "install-deps: unknown option $option" >&2; exit 3 ;;
  esac
done

# StyLua, for the Luau check's `luau.analyzers` and its test: the npm package ships the native binary. Optional.
if ! command -v stylua >/dev/null && command -v npm >/dev/null; then
  echo "install-deps: installing stylua from npm"
  npm install --global --no-audit --no-fund @johnnymorganz/stylua-bin@2.5.2 >/dev/null ||
    echo "install-deps: stylua not installed (optional: its checks are skipped with a note)" >&2
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
