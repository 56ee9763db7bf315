#!/usr/bin/env bash
# mapnik (bookworm, 3.1.0+ds-3) builds with SCons, which fetch-and-configure.sh
# does not drive. This writes its compile_commands.json from a SCons dry run
# (nothing is compiled), with debian/rules' flags and clang-19, so weakify can
# analyse it: scripts/corpus/mapnik-compdb.sh && weakify -p $WEAKIFY_CORPUS/mapnik/build
set -euo pipefail
corpus=${WEAKIFY_CORPUS:-/work/corpus}
mkdir -p "$corpus/mapnik" && cd "$corpus/mapnik"
ls mapnik_*.dsc >/dev/null 2>&1 || apt-get source -q --download-only mapnik
apt-get build-dep -y -q mapnik >/dev/null
[ -d src ] || dpkg-source -x "$(ls mapnik_*.dsc | sort -V | tail -1)" src
rm -rf build && cp -a src build && cd build
# clang 19 errors by default on two idioms of this code base.
python3 scons/scons.py configure CXX=clang++-19 CC=clang-19 OPTIMIZATION=2 FULL_LIB_PATH=False \
  INPUT_PLUGINS=csv,gdal,geojson,ogr,pgraster,postgis,raster,shape,sqlite,topojson \
  PROJ_INCLUDES=/usr/include PROJ_LIBS=/usr/lib SYSTEM_FONTS=/usr/share/fonts XMLPARSER=libxml2 \
  DEMO=False CPP_TESTS=False PREFIX=/usr LIB_DIR_NAME=/mapnik/3.1 \
  CUSTOM_CXXFLAGS="-Wno-enum-constexpr-conversion -Wno-missing-template-arg-list-after-template-kw -g0" \
  > ../configure.log 2>&1
python3 scons/scons.py -n -Q > ../dryrun.log 2>&1
# One entry per compiled source file of the dry run.
python3 - ../dryrun.log <<'PY'
import json, os, shlex, sys
directory, entries, seen = os.getcwd(), [], set()
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith(("clang++-19 ", "clang-19 ")) or " -c " not in line:
        continue
    args = shlex.split(line)
    sources = [a for a in args if a.endswith((".cpp", ".cc", ".cxx", ".c"))]
    if len(sources) != 1 or sources[0] in seen:
        continue
    seen.add(sources[0])
    entries.append({"directory": directory, "arguments": args,
                    "file": os.path.join(directory, sources[0])})
json.dump(entries, open("compile_commands.json", "w"), indent=1)
print(f"{len(entries)} units in {directory}/compile_commands.json")
PY
