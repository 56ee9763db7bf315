#!/usr/bin/env bash
# Add more Debian (bookworm) C++ source packages to the weakify corpus:
#
#   scripts/corpus/fetch-more-packages.sh [PKG...]     (default: yaml-cpp znc mosh poppler)
#
# Same layout as fetch-and-configure.sh (both use corpus-lib.sh), plus:
#   $WEAKIFY_CORPUS/PKG/{*.dsc,*.tar.*}  downloaded source package
#   $WEAKIFY_CORPUS/PKG/src              unpacked source (Debian patches applied)
#   $WEAKIFY_CORPUS/PKG/build            build tree, compile_commands.json
#   $WEAKIFY_CORPUS/PKG/build.log        configure/generate/build log
#   $WEAKIFY_CORPUS/PKG/parse-check.log  clang -fsyntax-only over every unit
#   $WEAKIFY_CORPUS/PKG/.built           stamp
# Differences: configure + only the generated sources the units need (full
# build only where it is cheap: yaml-cpp, mosh), then every unit of
# compile_commands.json is parsed with clang-19 -fsyntax-only to prove it parses.
#
# Env: WEAKIFY_CORPUS (default /work/corpus), JOBS (default 2), FORCE=1,
#      NICE (default "nice -n 10"), EXTRA_CXXFLAGS (default
#      -Wno-enum-constexpr-conversion, as fetch-and-configure.sh).
#
# Note on the package mirror: this workplace's Debian mirror lacks some source
# files (e.g. pistache, websocketpp, libsigc++-3.0, gerbera, libosmium 404 on
# their tarballs, and znc's bookworm-security 1.8.2-3.1+deb12u2 is missing
# entirely), so znc is pinned to the bookworm point-release version.
# Needs root (apt-get).
set -euo pipefail

NICE=${NICE:-nice -n 10}

# source spec for apt-get source / build-dep (pinned where the mirror needs it)
src_spec() {
  case $1 in
    znc) echo "znc=1.8.2-3.1+deb12u1" ;;
    *)   echo "$1" ;;
  esac
}

LOG_TAG=corpus-new
# shellcheck source=corpus-lib.sh
. "$(dirname "$0")/corpus-lib.sh"
[ $# -gt 0 ] || set -- yaml-cpp znc mosh poppler

cmake_configure() {   # cmake_configure PKG ARGS...
  local pkg=$1; shift
  local dir=$CORPUS/$pkg
  cmake -S "$dir/src" -B "$dir/build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS=$EXTRA_CXXFLAGS" \
    -DCMAKE_C_COMPILER=$CC_BIN -DCMAKE_CXX_COMPILER=$CXX_BIN \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "$@"
}

# per-package configure (+ generated sources, or full build where cheap);
# runs in $CORPUS/PKG, output goes to build.log
build_pkg() {
  local pkg=$1
  case $pkg in
    yaml-cpp)
      # debian/rules (shared variant); tests use /usr/src/googletest
      cmake_configure yaml-cpp -DYAML_CPP_BUILD_TOOLS=ON -DYAML_CPP_BUILD_TESTS=ON \
        -DYAML_BUILD_SHARED_LIBS=ON -DINSTALL_GTEST=OFF
      $NICE ninja -C build -j "$JOBS" ;;                           # cheap: full build
    znc)
      # debian/rules options; unit tests (EXCLUDE_FROM_ALL) still land in the db
      cmake_configure znc -DCMAKE_INSTALL_LIBDIR=lib -DVERSION_EXTRA=+deb12u1 \
        -DGTEST_ROOT=/usr/src/googletest/googletest -DGMOCK_ROOT=/usr/src/googletest/googlemock \
        -DWANT_SYSTEMD=false -DWANT_TCL=true -DWANT_CYRUS=true -DWANT_PYTHON=true \
        -DWANT_PERL=true -DWANT_I18N=true
      # generated units/headers: src/versionc.cpp, Csocket.{h,cpp} copied from
      # third_party, swig output of modperl/modpython
      # shellcheck disable=SC2046
      $NICE ninja -C build -j "$JOBS" version copy_csocket_h copy_csocket_cc \
        $(ninja -C build -t targets all | sed -n 's/^\(modules\/mod\(perl\|python\)\/[^:]*\.\(cpp\|h\|pm\|py\)\): CUSTOM_COMMAND$/\1/p' | sort -u) ;;
    mosh)
      # autotools: configure in a copy of the source, full build under bear (cheap)
      rm -rf build && cp -a src build
      ( cd build && ./configure CC=$CC_BIN CXX=$CXX_BIN CXXFLAGS="-O2 -g $EXTRA_CXXFLAGS" \
          --disable-silent-rules --enable-ufw --enable-completion \
        && $NICE bear -- make -j "$JOBS" && $NICE bear --append -- make -j "$JOBS" check TESTS= ) ;;
    poppler)
      # debian/rules minus the Qt5/Qt6/GLib wrappers (keeps core, splash, cairo,
      # cpp wrapper, utils and tests: ~250 units instead of ~350)
      cmake_configure poppler -DENABLE_GLIB=OFF -DENABLE_QT5=OFF -DENABLE_QT6=OFF \
        -DENABLE_CPP=ON -DENABLE_GTK_DOC=OFF -DENABLE_UNSTABLE_API_ABI_HEADERS=ON \
        -DENABLE_CMS=lcms2 -DENABLE_LIBOPENJPEG=openjpeg2 -DBUILD_GTK_TESTS=OFF
      # all generated headers are written at configure time (poppler-config.h,
      # config.h, *_export.h via generate_export_header, poppler-version.h)
      ;;
    *) log "$pkg: unknown package"; return 1 ;;
  esac
}

# clang-19 -fsyntax-only over every entry of compile_commands.json (-j JOBS)
parse_check() {
  local db=$1
  $NICE python3 - "$db/compile_commands.json" "$JOBS" <<'PY'
import json, os, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
entries = json.load(open(sys.argv[1])); jobs = int(sys.argv[2])
def check(e):
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a in ("-o", "-MF", "-MT", "-MQ"): skip = True; continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"): continue
        out.append(a)
    cc = "/usr/lib/llvm-19/bin/clang" if e["file"].endswith(".c") else "/usr/lib/llvm-19/bin/clang++"
    r = subprocess.run([cc] + out + ["-fsyntax-only", "-w"], cwd=e["directory"],
                       capture_output=True, text=True)
    return e["file"], r.returncode, r.stderr
bad = 0
with ThreadPoolExecutor(jobs) as ex:
    for f, rc, err in ex.map(check, entries):
        if rc:
            bad += 1
            print(f"FAIL {f}\n{err[:2000]}")
print(f"parse-check: {len(entries) - bad}/{len(entries)} units parse")
sys.exit(1 if bad else 0)
PY
}

report() {   # report PKG -> one line: units, mains, shared_ptr/weak_ptr files
  local dir=$CORPUS/$1
  python3 - "$dir" <<'PY'
import json, os, re, sys
d = sys.argv[1]
db = json.load(open(os.path.join(d, "build", "compile_commands.json")))
files = sorted({os.path.realpath(os.path.join(e["directory"], e["file"])) for e in db})
mainre = re.compile(r"^[^\n;/]*\b(int|auto)\s+main\s*\(", re.M)
mains = [f for f in files if os.path.exists(f) and mainre.search(open(f, errors="replace").read())]
sp = 0
for root, _, names in os.walk(os.path.join(d, "src")):
    if "/debian" in root or "/.pc" in root: continue
    for n in names:
        if n.endswith((".cpp", ".cc", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".tcc")):
            if re.search(r"\b(shared_ptr|weak_ptr)\b", open(os.path.join(root, n), errors="replace").read()):
                sp += 1
print(f"{len(db)} entries, {len(files)} distinct units, {len(mains)} units with main(), "
      f"{sp} source files mention shared_ptr/weak_ptr")
PY
}

build() {
  local pkg=$1 dir=$CORPUS/$1 t0 t1
  already_built "$pkg" && return
  t0=$(date +%s)
  log "$pkg: configure/generate (log: $dir/build.log)"
  ( cd "$dir" && build_pkg "$pkg" ) >"$dir/build.log" 2>&1 \
    || { log "$pkg: BUILD FAILED, see $dir/build.log"; tail -20 "$dir/build.log" >&2; return 1; }
  [ -s "$dir/build/compile_commands.json" ] || { log "$pkg: no compile_commands.json"; return 1; }
  log "$pkg: parse check (log: $dir/parse-check.log)"
  parse_check "$dir/build" >"$dir/parse-check.log" 2>&1 \
    || { log "$pkg: PARSE CHECK FAILED"; tail -3 "$dir/parse-check.log" >&2; return 1; }
  t1=$(date +%s)
  echo "built $(date -u +%FT%TZ) in $((t1 - t0))s, $(report "$pkg"), $($CXX_BIN --version | head -1)" > "$dir/.built"
  log "$pkg: $(cat "$dir/.built")"
}

ensure_deb_src
ensure_tools bear
run_all "$@"
