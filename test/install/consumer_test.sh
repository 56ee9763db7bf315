#!/usr/bin/env bash
# Builds and runs a consumer of the runtime, one way a project takes it:
#   standalone        runtime/ configured and installed on its own, then
#                     found with find_package(weakify) from the prefix
#   add-subdirectory  add_subdirectory(<weakify>/runtime)
#   fetchcontent      FetchContent of the whole weakify tree
# A subproject's install must hold the consumer's files and none of weakify's.
# Usage: consumer_test.sh MODE SOURCE_DIR WORK_DIR CXX_COMPILER
set -euo pipefail
mode=$1 source_dir=$2 work=$3 cxx=$4
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
quiet() { local log; log=$("$@" 2>&1) || { echo "$log" >&2; fail "$*"; }; }
here="$source_dir/test/install"
prefix="$work/prefix"

case "$mode" in
  standalone)
    quiet cmake -S "$source_dir/runtime" -B "$work/runtime" -G Ninja -DCMAKE_CXX_COMPILER="$cxx"
    quiet cmake --install "$work/runtime" --prefix "$prefix"
    [ -f "$prefix/include/weakref/value_map.hpp" ] || fail "headers not installed"
    [ -f "$prefix/share/cmake/weakify/weakifyConfig.cmake" ] || fail "package not installed"
    quiet cmake -S "$here/consumer" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_PREFIX_PATH="$prefix"
    # No analyzer in this prefix: asking for one must fail.
    if cmake -S "$here/consumer" -B "$work/build-analyzer" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
         -DCMAKE_PREFIX_PATH="$prefix" -DWEAKIFY_COMPONENTS=analyzer >/dev/null 2>&1; then
      fail "find_package(weakify COMPONENTS analyzer) succeeded without an analyzer"
    fi
    ;;
  add-subdirectory | fetchcontent)
    quiet cmake -S "$here/${mode}-consumer" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
      -DWEAKIFY_SOURCE_DIR="$source_dir"
    ;;
  *) fail "unknown mode '$mode'" ;;
esac

quiet cmake --build "$work/build"
"$work/build/consumer" || fail "consumer run"
if [ "$mode" != standalone ]; then
  quiet cmake --install "$work/build" --prefix "$prefix"
  [ -x "$prefix/bin/consumer" ] || fail "the consumer was not installed"
  leaked=$(cd "$prefix" && find . -path '*weakref*' -o -path '*weakify*')
  [ -z "$leaked" ] || fail "a subproject installed weakify's files: $leaked"
  [ ! -f "$work/build/CPackConfig.cmake" ] || fail "a subproject set up CPack"
fi
echo "runtime used through $mode"
