#!/usr/bin/env bash
# Installs everything weakify needs on Debian 12, idempotently.
# Usage: scripts/install-deps.sh [--runtime-only | LLVM_MAJOR...]   (default: 19 22)
set -euo pipefail

majors=("$@")
if [ "${1:-}" = "--runtime-only" ]; then
  majors=()
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
# Reports and packaging: Graphviz lays out the HTML report's ownership
# graphs, Chromium loads the page in its test, dpkg-dev lets cpack find the
# .deb's dependencies.
packages+=(graphviz chromium dpkg-dev file)
# npm runs the SARIF validator; a machine with its own Node.js keeps it.
command -v npm >/dev/null || packages+=(nodejs npm)
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
