#!/usr/bin/env bash
# The main job on the bundled example: installs what it needs, builds weakify,
# runs it on examples/asset_loader, shows the findings, applies the fixes to a
# copy, then builds and runs the original and the fixed program side by side.
# Usage: scripts/demo.sh [LLVM_MAJOR]   (default: 19)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
major="${1:-19}"
"$root/scripts/install-deps.sh" "$major"

build="$root/build/llvm-$major"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="clang++-$major" -DWEAKIFY_LLVM_MAJOR="$major" \
  -DWEAKIFY_BUILD_ANALYZER=ON -DWEAKIFY_BUILD_RUNTIME_TESTS=OFF \
  -DWEAKIFY_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target weakify >/dev/null

# A copy of the example with its own compilation database.
work="$root/build/demo"
rm -rf "$work" && mkdir -p "$work/original" "$work/fixed"
cp "$root/examples/asset_loader/asset_loader.cpp" "$work/original/"
cp "$root/examples/asset_loader/asset_loader.cpp" "$work/fixed/"
cat > "$work/fixed/compile_commands.json" <<JSON
[{"directory": "$work/fixed", "file": "$work/fixed/asset_loader.cpp",
  "arguments": ["clang++-$major", "-std=c++17", "-I$root/runtime/include",
                "-c", "asset_loader.cpp"]}]
JSON

echo "== weakify -p $work/fixed =="
"$build/bin/weakify" -p "$work/fixed" || true
echo
echo "== weakify --fix, then the change it made =="
"$build/bin/weakify" -p "$work/fixed" --fix 2>&1 | grep -v '^[0-9]* finding' || true
diff -u "$work/original/asset_loader.cpp" "$work/fixed/asset_loader.cpp" || true
echo

cxx="clang++-$major -std=c++17 -O1"
$cxx "$work/original/asset_loader.cpp" -o "$work/original/asset_loader"
$cxx -I"$root/runtime/include" "$work/fixed/asset_loader.cpp" -o "$work/fixed/asset_loader"
echo "== before the fix (std::map of std::shared_ptr) =="
status=0
"$work/original/asset_loader" || status=$?
# Exit 1 is the leak the demo shows; anything else is a real failure.
[ "$status" -eq 1 ] || { echo "demo: expected the original to exit 1, got $status" >&2; exit 1; }
echo "== after the fix (weakref::value_map) =="
"$work/fixed/asset_loader"
