#!/usr/bin/env bash
# Fetch real Debian (bookworm) C++ source packages and build them once with
# clang-19, producing compile_commands.json for weakify's real-world evaluation.
#
#   scripts/corpus/fetch-and-configure.sh [PKG...]     (default: i2pd cpprest spdlog)
#
# Environment and layout: see corpus-lib.sh.
# Idempotent: every step is skipped when its result is already there.
# Needs root (apt-get). Nothing is written into the weakify repository.
set -euo pipefail

LOG_TAG=corpus
# shellcheck source=corpus-lib.sh
. "$(dirname "$0")/corpus-lib.sh"
[ $# -gt 0 ] || set -- i2pd cpprest spdlog

ensure_bear() {
  command -v bear >/dev/null || $SUDO apt-get install -y -q --no-install-recommends bear >/dev/null
}

# 2. per-package knowledge -------------------------------------------------------
# cmake_srcdir PKG  -> subdirectory holding the top CMakeLists.txt
# cmake_args PKG    -> extra -D options (mirrors debian/rules, tests on where cheap)
cmake_srcdir() {
  case $1 in
    i2pd) echo build ;;
    *) echo . ;;
  esac
}
cmake_args() {
  case $1 in
    i2pd)    echo "-DWITH_UPNP=ON -DWITH_WEBSOCKETS=ON -DWITH_AESNI=ON" ;;
    cpprest) echo "-DCPPREST_EXCLUDE_BROTLI=OFF -DWERROR=OFF -DBUILD_TESTS=OFF -DBUILD_SAMPLES=ON -DCPPREST_EXPORT_DIR=cmake/cpprestsdk" ;;
    solvespace) echo "-DENABLE_OPENMP=OFF -DENABLE_LTO=OFF -DENABLE_TESTS=OFF" ;;
    spdlog)  echo "-DSPDLOG_BUILD_EXAMPLE=ON -DSPDLOG_BUILD_TESTS=ON -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_SHARED=ON" ;;
    *) echo "" ;;
  esac
}
pre_configure() {   # package-specific steps Debian's rules do before configure
  case $1 in
    spdlog) rm -rf include/spdlog/fmt/bundled/ ;;   # debian/rules: use external fmt
  esac
}

build() {
  local pkg=$1 dir=$CORPUS/$1
  already_built "$pkg" && return
  local src=$dir/src bld=$dir/build t0 t1
  ( cd "$src" && pre_configure "$pkg" ) || return 1
  t0=$(date +%s)
  local top
  top=$src/$(cmake_srcdir "$pkg")
  if [ -f "$top/CMakeLists.txt" ]; then
    log "$pkg: cmake + ninja -j$JOBS (log: $dir/build.log)"
    # shellcheck disable=SC2046
    cmake -S "$top" -B "$bld" -G Ninja \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS=$EXTRA_CXXFLAGS" \
      -DCMAKE_C_COMPILER=$CC_BIN -DCMAKE_CXX_COMPILER=$CXX_BIN \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      $(cmake_args "$pkg") >"$dir/build.log" 2>&1 \
      || { log "$pkg: CONFIGURE FAILED, see $dir/build.log"; tail -20 "$dir/build.log" >&2; return 1; }
    cmake --build "$bld" -j "$JOBS" >>"$dir/build.log" 2>&1 \
      || { log "$pkg: BUILD FAILED, see $dir/build.log"; tail -20 "$dir/build.log" >&2; return 1; }
  elif [ -f "$src/meson.build" ]; then
    command -v meson >/dev/null || $SUDO apt-get install -y -q meson >/dev/null
    log "$pkg: meson + ninja -j$JOBS"
    CC=$CC_BIN CXX=$CXX_BIN CXXFLAGS=$EXTRA_CXXFLAGS meson setup "$bld" "$src" --buildtype=debugoptimized >"$dir/build.log" 2>&1 \
      || { log "$pkg: CONFIGURE FAILED, see $dir/build.log"; return 1; }
    ninja -C "$bld" -j "$JOBS" >>"$dir/build.log" 2>&1 \
      || { log "$pkg: BUILD FAILED, see $dir/build.log"; return 1; }
  elif [ -f "$src/Makefile" ]; then
    ensure_bear
    log "$pkg: bear -- make -j$JOBS"
    rm -rf "$bld"; cp -a "$src" "$bld"
    ( cd "$bld" && bear -- make -j "$JOBS" CC=$CC_BIN CXX=$CXX_BIN CXXFLAGS="-O2 -g $EXTRA_CXXFLAGS" ) >"$dir/build.log" 2>&1 \
      || { log "$pkg: BUILD FAILED, see $dir/build.log"; return 1; }
  else
    log "$pkg: no CMakeLists.txt / meson.build / Makefile: don't know how to build"; return 1
  fi
  t1=$(date +%s)
  local ntu
  [ -s "$bld/compile_commands.json" ] || { log "$pkg: no compile_commands.json"; return 1; }
  ntu=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$bld/compile_commands.json")
  echo "built $(date -u +%FT%TZ) in $((t1 - t0))s, $ntu units, $($CXX_BIN --version | head -1)" > "$dir/.built"
  log "$pkg: $(cat "$dir/.built")"
}

ensure_deb_src
ensure_tools
run_all "$@"
