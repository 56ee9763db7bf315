#!/usr/bin/env bash
# Run an old and a new weakify on corpus packages built by
# fetch-and-configure.sh and keep every output for triage.
#
#   scripts/corpus/compare-weakify.sh PKG...
#
# Env: WEAKIFY_CORPUS (default /work/corpus)   corpus root (PKG/build holds the database)
#      OLD_WEAKIFY (default /work/baseline/build/llvm-19/bin/weakify)
#      NEW_WEAKIFY (default: this repository's build/llvm-19/bin/weakify)
#      JOBS (default 2)                          weakify -j
#
# Per package, in $WEAKIFY_CORPUS/results:
#   PKG.old.{txt,err}      old weakify (per-unit only)
#   PKG.perunit.{txt,err}  new weakify --per-unit
#   PKG.whole.{txt,err}    new weakify (whole program)
#   PKG.explain.{txt,err}  new weakify --explain
# stdout holds the findings, stderr the "N findings in M units." line and
# /usr/bin/time -v (wall clock, maximum resident set size). Never --fix.
# A summary table goes to stdout.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=${WEAKIFY_CORPUS:-/work/corpus}
OLD=${OLD_WEAKIFY:-/work/baseline/build/llvm-19/bin/weakify}
NEW=${NEW_WEAKIFY:-$HERE/../../build/llvm-19/bin/weakify}
JOBS=${JOBS:-2}
OUT=$CORPUS/results
mkdir -p "$OUT"

run() {   # run NAME BIN ARGS...
  local name=$1 bin=$2; shift 2
  printf '[compare] %s: %s %s\n' "$name" "$bin" "$*" >&2
  /usr/bin/time -v "$bin" "$@" >"$OUT/$name.txt" 2>"$OUT/$name.err"
  echo "exit $?" >>"$OUT/$name.err"
}

field() {  # field FILE -> "findings wall maxrss_MiB"
  local f=$1 n wall rss
  n=$(grep -oE '^[0-9]+ findings? in [0-9]+ units?' "$f" | head -1)
  wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$f")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$f")
  printf '%-28s %10s %6s MiB' "${n:-?}" "${wall:-?}" "$(( ${rss:-0} / 1024 ))"
}

for pkg in "$@"; do
  db=$CORPUS/$pkg/build
  [ -s "$db/compile_commands.json" ] || { echo "$pkg: no $db/compile_commands.json" >&2; continue; }
  run "$pkg.old"     "$OLD" -p "$db" -j "$JOBS"
  run "$pkg.perunit" "$NEW" -p "$db" -j "$JOBS" --per-unit
  run "$pkg.whole"   "$NEW" -p "$db" -j "$JOBS"
  run "$pkg.explain" "$NEW" -p "$db" -j "$JOBS" --explain
  for k in old perunit whole explain; do
    printf '%-24s warnings %3s  %s\n' "$pkg.$k" \
      "$(grep -c ' warning: ' "$OUT/$pkg.$k.txt")" "$(field "$OUT/$pkg.$k.err")"
  done
done
