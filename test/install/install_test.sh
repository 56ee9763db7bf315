#!/usr/bin/env bash
# Installs the runtime into a scratch prefix, then builds and runs a consumer
# project that finds it with find_package(weakify).
# Usage: install_test.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -euo pipefail
source_dir=$1 build_dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" --component runtime >/dev/null
cmake -S "$source_dir/test/install/consumer" -B "$work/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"
echo "installed runtime found and used"
