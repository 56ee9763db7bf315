#!/usr/bin/env bash
# Main job on the bundled example: builds examples/asset_loader twice, once
# with the leaking shared_ptr cache and once with weakref::value_map, and runs
# both so the difference in live textures is visible.
# Usage: scripts/demo.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" --runtime-only
build="$root/build/demo"
cmake -S "$root" -B "$build" -G Ninja -DWEAKIFY_BUILD_ANALYZER=OFF \
  -DWEAKIFY_BUILD_BENCHMARKS=OFF -DWEAKIFY_RUNTIME_SANITIZERS=OFF >/dev/null
cmake --build "$build" --target asset_loader_leaky asset_loader_weak
echo "== std::map<std::string, std::shared_ptr<Texture>> cache =="
# Exit 1 is the leak the demo shows; anything else is a real failure.
status=0
"$build/examples/asset_loader_leaky" || status=$?
[ "$status" -eq 1 ] || { echo "demo: expected the leaky loader to exit 1, got $status" >&2; exit 1; }
echo "(leak: textures outlive every user)"
echo "== weakref::value_map<std::string, Texture> cache =="
"$build/examples/asset_loader_weak"
