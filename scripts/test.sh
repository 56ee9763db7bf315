#!/usr/bin/env bash
# Runs every weakify test: installs what it needs, builds the runtime suites
# and the analyzer for each LLVM major, then runs ctest in each build.
# Usage: scripts/test.sh [LLVM_MAJOR...]   (default: 19 22)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(19 22)
"$root/scripts/install-deps.sh" "${majors[@]}"

# The runtime: plain, ASan+UBSan and TSan GoogleTest suites and the examples.
build="$root/build/runtime"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWEAKIFY_BUILD_ANALYZER=OFF -DWEAKIFY_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2

# The analyzer, once per LLVM major: lit tests of every front end. Both
# compilers are named, as users do (LLVM's CMake files then need C).
for major in "${majors[@]}"; do
  build="$root/build/llvm-$major"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="clang-$major" -DCMAKE_CXX_COMPILER="clang++-$major" \
    -DWEAKIFY_LLVM_MAJOR="$major" \
    -DWEAKIFY_BUILD_ANALYZER=ON -DWEAKIFY_BUILD_RUNTIME_TESTS=OFF \
    -DWEAKIFY_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$build"
  ctest --test-dir "$build" --output-on-failure
done
