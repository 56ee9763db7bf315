#!/usr/bin/env bash
# Installs everything weakify needs on Debian 12, idempotently.
# Usage: scripts/install-deps.sh [--runtime-only | --bench | LLVM_MAJOR...]   (default: 19 22)
#   --bench: only what scripts/bench.py needs: the build tools, Google
#   Benchmark and the Boost headers (for the boost::signals2 comparison).
set -euo pipefail

majors=("$@")
bench=false
if [ "${1:-}" = "--runtime-only" ]; then
  majors=()
elif [ "${1:-}" = "--bench" ]; then
  majors=()
  bench=true
elif [ ${#majors[@]} -eq 0 ]; then
  majors=(19 22)
fi

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages=(cmake ninja-build python3 libgtest-dev libgmock-dev libbenchmark-dev
          libzstd-dev g++ git)
# The build engines the whole-program tests carry facts through.
packages+=(ccache distcc)
# --bench: the benchmarks' build alone; signals2 is header-only.
if $bench; then
  packages=(cmake ninja-build python3 g++ libbenchmark-dev libboost-dev)
fi
# Reports and packaging: Graphviz lays out the HTML report's ownership
# graphs, Chromium loads the page in its test, dpkg-dev lets cpack find the
# .deb's dependencies.
if [ ${#majors[@]} -gt 0 ]; then
  packages+=(graphviz chromium dpkg-dev file)
  # npm installs the SARIF validator; a machine with its own Node.js keeps it.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
for major in ${majors[@]+"${majors[@]}"}; do
  packages+=("clang-$major" "libclang-$major-dev" "llvm-$major-dev"
             "clang-tidy-$major" "llvm-$major-tools" "clang-tools-$major"
             "clang-format-$major" "libclang-rt-$major-dev")
done

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "weakify: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The SARIF validator of the report tests: Microsoft's SARIF multitool, a
# self-contained .NET program that npm delivers (no .NET runtime needed),
# pinned and installed into build/node-tools only when that version is
# missing, for the analyzer's tests (not with --runtime-only). The
# postinstall step npm may skip only sets the execute bit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sarif_multitool_version=5.7.0
node_tools="$root/build/node-tools"
sarif_multitool="$node_tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
sarif_multitool_installed=$(node -p 'require(process.argv[1]).version' \
  "$node_tools/node_modules/@microsoft/sarif-multitool-linux/package.json" 2>/dev/null || true)
if [ ${#majors[@]} -gt 0 ] &&
   { [ "$sarif_multitool_installed" != "$sarif_multitool_version" ] || [ ! -f "$sarif_multitool" ]; }; then
  echo "weakify: installing @microsoft/sarif-multitool@$sarif_multitool_version into $node_tools" >&2
  mkdir -p "$node_tools"
  npm install --prefix "$node_tools" --save-exact --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$sarif_multitool_version" >/dev/null
  chmod u+x "$sarif_multitool"
fi
