#!/usr/bin/env bash
# Fetch real Debian (bookworm) C++ source packages and build them once with
# clang-19, producing compile_commands.json for weakify's real-world evaluation.
#
#   scripts/corpus/fetch-and-configure.sh [PKG...]     (default: i2pd cpprest spdlog)
#
# Env: WEAKIFY_CORPUS (default /work/corpus)  where sources and builds go
#      EXTRA_CXXFLAGS (default -Wno-enum-constexpr-conversion, see below)
#      JOBS (default 2)                        parallel compile jobs
#      FORCE=1                                 rebuild even if already built
#
# Layout per package:  $WEAKIFY_CORPUS/PKG/{*.dsc,*.tar.*}  downloaded source package
#                      $WEAKIFY_CORPUS/PKG/src              unpacked source (Debian patches applied)
#                      $WEAKIFY_CORPUS/PKG/build            build tree, compile_commands.json
#                      $WEAKIFY_CORPUS/PKG/build.log, .built stamp
# Idempotent: every step is skipped when its result is already there.
# Needs root (apt-get). Nothing is written into the weakify repository.
set -euo pipefail

CORPUS=${WEAKIFY_CORPUS:-/work/corpus}
JOBS=${JOBS:-2}
CC_BIN=clang-19
CXX_BIN=clang++-19
# Boost 1.74 (bookworm) trips clang>=16's error-by-default
# -Wenum-constexpr-conversion in boost/mpl (integral_wrapper.hpp); clang 19 still
# lets it be turned off. Needed by every boost::asio user (i2pd, cpprest).
EXTRA_CXXFLAGS=${EXTRA_CXXFLAGS:--Wno-enum-constexpr-conversion}
[ $# -gt 0 ] || set -- i2pd cpprest spdlog
export DEBIAN_FRONTEND=noninteractive

log() { printf '[corpus] %s\n' "$*" >&2; }

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# 1. deb-src stanza (copy of the Types: deb stanzas) + apt-get update --------
ensure_deb_src() {
  local src=/etc/apt/sources.list.d/debian.sources
  local dst=/etc/apt/sources.list.d/debian-src.sources
  if ! grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null; then
    log "adding deb-src stanza $dst"
    sed 's/^Types: deb$/Types: deb-src/' "$src" | $SUDO tee "$dst" >/dev/null
    $SUDO apt-get update -qq
  elif ! apt-cache showsrc spdlog >/dev/null 2>&1 || [ -z "$(apt-cache showsrc spdlog 2>/dev/null)" ]; then
    $SUDO apt-get update -qq
  fi
}

ensure_tools() {
  local need=()
  command -v $CXX_BIN >/dev/null || need+=(clang-19)
  command -v cmake >/dev/null || need+=(cmake)
  command -v ninja >/dev/null || need+=(ninja-build)
  command -v dpkg-source >/dev/null || need+=(dpkg-dev)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
}

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

fetch() {
  local pkg=$1 dir=$CORPUS/$1
  mkdir -p "$dir"
  if [ ! -d "$dir/src" ]; then
    log "$pkg: apt-get source"
    ( cd "$dir" && apt-get source -q --download-only "$pkg" >/dev/null ) || return 1
    local dsc
    dsc=$(ls -1 "$dir"/*.dsc | sort -V | tail -1)
    rm -rf "$dir/src.tmp"
    dpkg-source -x "$dsc" "$dir/src.tmp" >/dev/null || return 1
    mv "$dir/src.tmp" "$dir/src"
  fi
  log "$pkg: apt-get build-dep"
  $SUDO apt-get build-dep -y -q "$pkg" >/dev/null || return 1
}

build() {
  local pkg=$1 dir=$CORPUS/$1
  if [ -f "$dir/.built" ] && [ -s "$dir/build/compile_commands.json" ] && [ "${FORCE:-0}" != 1 ]; then
    log "$pkg: already built ($(cat "$dir/.built")); FORCE=1 to redo"
    return
  fi
  rm -f "$dir/.built"
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
mkdir -p "$CORPUS"
rc=0
for pkg in "$@"; do
  # (set -e does not apply inside functions called from an || list: each
  #  step above checks its own status)
  if fetch "$pkg" && build "$pkg"; then :; else log "$pkg: FAILED"; rc=1; fi
done
exit $rc
