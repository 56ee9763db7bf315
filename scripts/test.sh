#!/usr/bin/env bash
# Runs every weakify test: installs what it needs, builds, then ctest.
# Usage: scripts/test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" --runtime-only
build="$root/build/runtime"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWEAKIFY_BUILD_ANALYZER=OFF -DWEAKIFY_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2
