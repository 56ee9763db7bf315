# Shared by fetch-and-configure.sh and fetch-more-packages.sh (source it):
# the corpus layout, deb-src, the tools, fetching a source package with its
# build dependencies, and the loop over packages. A script that sources it
# defines build PKG (and may define src_spec PKG for a pinned version).
#
# Layout per package:  $WEAKIFY_CORPUS/PKG/{*.dsc,*.tar.*}  downloaded source package
#                      $WEAKIFY_CORPUS/PKG/src              unpacked source (Debian patches applied)
#                      $WEAKIFY_CORPUS/PKG/build            build tree, compile_commands.json
#                      $WEAKIFY_CORPUS/PKG/build.log, .built stamp
# Env: WEAKIFY_CORPUS (default /work/corpus), JOBS (default 2), FORCE=1,
#      EXTRA_CXXFLAGS (default -Wno-enum-constexpr-conversion: Boost 1.74 in
#      bookworm trips clang>=16's error-by-default -Wenum-constexpr-conversion
#      in boost/mpl; every boost::asio user needs it).

CORPUS=${WEAKIFY_CORPUS:-/work/corpus}
JOBS=${JOBS:-2}
CC_BIN=clang-19
CXX_BIN=clang++-19
EXTRA_CXXFLAGS=${EXTRA_CXXFLAGS:--Wno-enum-constexpr-conversion}
export DEBIAN_FRONTEND=noninteractive
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

log() { printf '[%s] %s\n' "${LOG_TAG:-corpus}" "$*" >&2; }

# The source package spec: the name, unless the script pins a version.
declare -F src_spec >/dev/null || src_spec() { echo "$1"; }

# deb-src stanza (a copy of the Types: deb stanzas), then apt-get update.
ensure_deb_src() {
  local src=/etc/apt/sources.list.d/debian.sources
  local dst=/etc/apt/sources.list.d/debian-src.sources
  if ! grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null; then
    log "adding deb-src stanza $dst"
    sed 's/^Types: deb$/Types: deb-src/' "$src" | $SUDO tee "$dst" >/dev/null
  fi
  $SUDO apt-get update -qq
}

# ensure_tools [EXTRA-PACKAGE...]: clang-19, cmake, ninja, dpkg-dev.
ensure_tools() {
  local need=()
  command -v $CXX_BIN >/dev/null || need+=(clang-19)
  command -v cmake >/dev/null || need+=(cmake)
  command -v ninja >/dev/null || need+=(ninja-build)
  command -v dpkg-source >/dev/null || need+=(dpkg-dev)
  local extra
  for extra in "$@"; do command -v "$extra" >/dev/null || need+=("$extra"); done
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
}

# fetch PKG: the source package, unpacked once, and its build dependencies.
fetch() {
  local pkg=$1 dir=$CORPUS/$1 spec
  spec=$(src_spec "$pkg")
  mkdir -p "$dir"
  if [ ! -d "$dir/src" ]; then
    log "$pkg: apt-get source $spec"
    ( cd "$dir" && apt-get source -q --download-only "$spec" >/dev/null ) || return 1
    local dsc
    dsc=$(ls -1 "$dir"/*.dsc | sort -V | tail -1)
    rm -rf "$dir/src.tmp"
    dpkg-source -x "$dsc" "$dir/src.tmp" >/dev/null || return 1
    mv "$dir/src.tmp" "$dir/src"
  fi
  log "$pkg: apt-get build-dep $spec"
  $SUDO apt-get build-dep -y -q "$spec" >/dev/null || return 1
}

# already_built PKG: true (and says so) when the stamp and database are there.
already_built() {
  local dir=$CORPUS/$1
  if [ -f "$dir/.built" ] && [ -s "$dir/build/compile_commands.json" ] && [ "${FORCE:-0}" != 1 ]; then
    log "$1: already built ($(cat "$dir/.built")); FORCE=1 to redo"
    return 0
  fi
  rm -f "$dir/.built"
  return 1
}

# run_all PKG...: fetch and build each; the status says whether all worked.
run_all() {
  mkdir -p "$CORPUS"
  local rc=0 pkg
  for pkg in "$@"; do
    # (set -e does not apply inside functions called from an || list: each
    #  step checks its own status)
    if fetch "$pkg" && build "$pkg"; then :; else log "$pkg: FAILED"; rc=1; fi
  done
  return $rc
}
