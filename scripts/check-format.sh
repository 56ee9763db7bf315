#!/usr/bin/env bash
# Fails when the analyzer's sources (checks/, plugin/) are not formatted as
# .clang-format (LLVM style) says. Usage: scripts/check-format.sh CLANG_FORMAT
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
clang_format="${1:?usage: check-format.sh CLANG_FORMAT}"
cd "$root"
mapfile -t files < <(find checks plugin -name '*.cpp' -o -name '*.h' | sort)
"$clang_format" --dry-run --Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted as .clang-format says"
