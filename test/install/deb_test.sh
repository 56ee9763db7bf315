#!/usr/bin/env bash
# Builds the .debs of an analyzer build with cpack, checks their metadata
# and file lists, extracts them into a scratch root (the stand-in for
# `dpkg -i`) and uses that root as a user would: find_package(weakify) and
# weakify_enable() in a consumer project, the installed tool, the installed
# clang-tidy module, and instrument mode with the installed headers.
# Usage: deb_test.sh SOURCE_DIR BUILD_DIR WORK_DIR LLVM_MAJOR
set -euo pipefail
source_dir=$1 build_dir=$2 work=$3 major=$4
rm -rf "$work" && mkdir -p "$work"
root="$work/root"
consumer="$source_dir/test/install/analyzer-consumer"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_in() { # TEXT PATTERN WHAT
  grep -qE -- "$2" <<<"$1" || { echo "$1" >&2; fail "$3: no '$2'"; }
}

echo "== cpack -G DEB"
(cd "$work" && cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/debs" >cpack.log 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
runtime_deb="$work/debs/weakify-runtime_${version}-1_all.deb"
analyzer_deb="$work/debs/weakify-llvm${major}_${version}-1_${arch}.deb"
[ -f "$runtime_deb" ] && [ -f "$analyzer_deb" ] || { ls "$work/debs" >&2; fail "expected .deb names"; }

echo "== metadata"
field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$runtime_deb" Package)" = weakify-runtime ] || fail "runtime Package"
[ "$(field "$runtime_deb" Architecture)" = all ] || fail "runtime Architecture"
[ "$(field "$analyzer_deb" Package)" = "weakify-llvm$major" ] || fail "analyzer Package"
[ "$(field "$analyzer_deb" Architecture)" = "$arch" ] || fail "analyzer Architecture"
for deb in "$runtime_deb" "$analyzer_deb"; do
  [ "$(field "$deb" Version)" = "$version-1" ] || fail "$deb Version"
  for name in Maintainer Section Priority Description Installed-Size; do
    [ -n "$(field "$deb" "$name")" ] || fail "$deb has no $name"
  done
  [ "$(field "$deb" Description | wc -l)" -gt 1 ] || fail "$deb has no long Description"
done
depends=$(field "$analyzer_deb" Depends)
for dep in "weakify-runtime \(= $version-1\)" "clang-$major\b" "clang-tidy-$major\b" \
           "libclang-common-$major-dev" "libclang-cpp$major" "libllvm$major" "libc6" "libstdc\+\+6"; do
  expect_in "$depends" "$dep" "weakify-llvm$major Depends"
done
[ -z "$(field "$runtime_deb" Depends)" ] || fail "the header-only runtime should depend on nothing"

echo "== file lists"
runtime_files=$(dpkg-deb -c "$runtime_deb" | awk '{print $6}')
analyzer_files=$(dpkg-deb -c "$analyzer_deb" | awk '{print $6}')
for f in ./usr/include/weakref/value_map.hpp ./usr/include/weakref/audit.hpp \
         ./usr/share/cmake/weakify/weakifyConfig.cmake ./usr/share/cmake/weakify/weakifyConfigVersion.cmake \
         ./usr/share/cmake/weakify/weakifyTargets.cmake ./usr/share/cmake/weakify/weakifyEnable.cmake \
         ./usr/share/doc/weakify/install.md ./usr/share/doc/weakify/checks/weakify-owning-cache.md; do
  expect_in "$runtime_files" "^$f\$" "weakify-runtime files"
done
for f in "./usr/bin/weakify-$major" "./usr/lib/weakify/weakify-plugin-$major.so" \
         "./usr/lib/weakify/weakify-tidy-$major.so" "./usr/share/cmake/weakify/weakify-llvm$major.cmake"; do
  expect_in "$analyzer_files" "^$f\$" "weakify-llvm$major files"
done
# Side by side with the other majors: every file of the analyzer names its major.
if grep -v '/$' <<<"$analyzer_files" | grep -v -- "$major"; then
  fail "weakify-llvm$major has files without its major in their names"
fi

echo "== extract into $root"
dpkg-deb -x "$runtime_deb" "$root"
dpkg-deb -x "$analyzer_deb" "$root"
for binary in "bin/weakify-$major" "lib/weakify/weakify-plugin-$major.so" "lib/weakify/weakify-tidy-$major.so"; do
  file "$root/usr/$binary" | grep -q ", stripped" || fail "$binary is not stripped"
  # The build tree's RUNPATH stays behind: the system's libclang-cpp/libLLVM.
  if readelf -d "$root/usr/$binary" | grep -qE "RPATH|RUNPATH"; then fail "$binary keeps an RPATH"; fi
done

echo "== a consumer project: find_package(weakify) + weakify_enable"
cbuild="$work/consumer"
configure_log=$(cmake -S "$consumer" -B "$cbuild" -G Ninja -DCMAKE_CXX_COMPILER="clang++-$major" \
  -DCMAKE_PREFIX_PATH="$root/usr" 2>&1) || { echo "$configure_log" >&2; fail "consumer configure"; }
expect_in "$configure_log" "weakify: majors=$major major=$major\$" "WEAKIFY_LLVM_MAJOR(S)"
expect_in "$configure_log" "weakify: executable=$root/usr/bin/weakify-$major\$" "WEAKIFY_EXECUTABLE"
expect_in "$configure_log" "weakify: plugin=$root/usr/lib/weakify/weakify-plugin-$major.so\$" "WEAKIFY_PLUGIN"
expect_in "$configure_log" "weakify: tidy-module=$root/usr/lib/weakify/weakify-tidy-$major.so\$" "WEAKIFY_TIDY_MODULE"

build_log=$(cmake --build "$cbuild" --target fixed_loader 2>&1) || { echo "$build_log" >&2; fail "clean file"; }
"$cbuild/fixed_loader" || fail "fixed_loader run"
if build_log=$(cmake --build "$cbuild" --target leaky_loader 2>&1); then
  echo "$build_log" >&2; fail "the leak built although WERROR"
fi
expect_in "$build_log" "leaky_loader.cpp:[0-9]+:[0-9]+: error: cache 'Cache' .*\[weakify-owning-cache\]" "WERROR build"

echo "== the installed tool and clang-tidy module"
tool_log=$("$root/usr/bin/weakify-$major" -p "$cbuild" --warnings-as-errors "$consumer/leaky_loader.cpp" 2>&1) &&
  { echo "$tool_log" >&2; fail "weakify-$major found nothing"; }
expect_in "$tool_log" "leaky_loader.cpp:[0-9]+:[0-9]+: (warning|error): cache 'Cache' .*\[weakify-owning-cache\]" "weakify-$major"
tidy_log=$("clang-tidy-$major" --load="$root/usr/lib/weakify/weakify-tidy-$major.so" \
  --checks='-*,weakify-owning-cache' -p "$cbuild" "$consumer/leaky_loader.cpp" 2>&1) ||
  { echo "$tidy_log" >&2; fail "clang-tidy-$major"; }
expect_in "$tidy_log" "warning: cache 'Cache' .*\[weakify-owning-cache\]" "clang-tidy-$major"

echo "== INSTRUMENT with the installed runtime headers"
build_log=$(cmake --build "$cbuild" --target audited_loader 2>&1) || { echo "$build_log" >&2; fail "audited build"; }
audit_log=$("$cbuild/audited_loader" 2>&1) || fail "audited_loader run"
expect_in "$audit_log" "^ +10 +10 +10 +weakify-owning-cache +.*leaky_loader\.cpp:[0-9]+ +TextureLoader::Cache\$" "audit report"
# The compile's dependencies name the audit header it used: the root's.
deps=$(ninja -C "$cbuild" -t deps CMakeFiles/audited_loader.dir/leaky_loader.cpp.o)
audit_header=$(grep -E 'weakref/audit\.hpp$' <<<"$deps" | sed 's/^ *//') || fail "no audit header in the deps"
[ "$(realpath "$audit_header")" = "$(realpath "$root/usr/include/weakref/audit.hpp")" ] ||
  fail "instrument mode used $audit_header, not the installed header"
if grep -q -- "$source_dir/runtime" <<<"$deps"; then fail "instrument mode read the source tree's runtime"; fi

echo "== a compiler without an installed plugin is refused at configure time"
if gcc_log=$(cmake -S "$consumer" -B "$work/consumer-gcc" -G Ninja -DCMAKE_CXX_COMPILER=g++ \
    -DCMAKE_PREFIX_PATH="$root/usr" 2>&1); then
  fail "configured with g++"
fi
expect_in "$gcc_log" "not a Clang whose major has an installed weakify plugin" "g++ refusal"
echo "the .debs install, configure, analyze and audit from $root"
