#!/usr/bin/env python3
"""Runs the runtime benchmarks and prints each container against its alternatives.

Naming convention (what pairs a benchmark with its alternatives):
  BM_X        the weakref side;
  BM_X_Alt    an alternative for the same work in the same binary, where Alt
              is one word without '_': Baseline is the hand-written code the
              container replaces; other words name what users would pick
              instead (Signals2, Signals2Unlocked, Purge1024, ...).
Arguments follow the family name (BM_X/16 pairs with BM_X_Signals2/16).

Each binary runs with --benchmark_enable_random_interleaving=true and
repetitions, so a benchmark and its alternatives alternate in one process
and share the machine's noise; --processes N runs each binary N times and
pools the repetitions (a process's address layout shifts some benchmarks as
a whole). The script takes the median CPU time of each
and prints, per alternative, its time and the ratio median(BM_X) /
median(BM_X_Alt) (below 1: weakref is faster), then the counters of every
side: peak_bytes (peak heap bytes the benchmark allocated beyond its shared
setup, bench/peak_memory.hpp), peak_entries, entries.

  scripts/bench.py [BUILD_DIR] [--repetitions N] [--min-time SECONDS]
                   [--processes N] [--filter REGEX] [--binaries NAME...]
                   [--jobs N] [--markdown] [--install-deps]
      BUILD_DIR defaults to build/bench (configured and built if needed).
      --markdown prints the tables for docs/runtime.md instead.
      --install-deps runs scripts/install-deps.sh --bench when Google
      Benchmark or the Boost headers (for signals2_bench) are missing;
      without it the script prints that command and goes on without them.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARIES = ("value_map_bench", "set_bench", "key_map_bench", "audit_bench",
            "purge_map_bench", "signals2_bench")
# Built only when Boost's headers are found (bench/CMakeLists.txt).
OPTIONAL = {"signals2_bench": "the Boost headers"}
INSTALL = [os.path.join(ROOT, "scripts", "install-deps.sh"), "--bench"]
COUNTERS = ("peak_bytes", "peak_entries", "entries")


def configure(build):
    return subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja",
                           "-DCMAKE_BUILD_TYPE=Release", "-DWEAKIFY_BUILD_ANALYZER=OFF",
                           "-DWEAKIFY_BUILD_RUNTIME_TESTS=OFF",
                           "-DWEAKIFY_BUILD_BENCHMARKS=ON"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def configured_targets(build):
    # CMake makes a CMakeFiles/<target>.dir for each target it generates.
    return [name for name in BINARIES
            if os.path.isdir(os.path.join(build, "bench", "CMakeFiles", name + ".dir"))]


def ensure_built(build, install_deps, jobs):
    """Configures and builds; returns the binaries that exist."""
    done = configure(build)
    targets = configured_targets(build) if done.returncode == 0 else []
    missing = [what for name, what in OPTIONAL.items() if name not in targets]
    if done.returncode != 0:
        missing.insert(0, "Google Benchmark (or cmake failed)")
    if missing and install_deps:
        print(f"bench.py: missing {', '.join(missing)}; running {shlex.join(INSTALL)}",
              file=sys.stderr)
        subprocess.run(INSTALL, check=True)
        done = configure(build)
        targets = configured_targets(build) if done.returncode == 0 else []
    elif missing:
        print(f"bench.py: missing {', '.join(missing)}; install with: {shlex.join(INSTALL)}",
              file=sys.stderr)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(1)
    skipped = [name for name in BINARIES if name not in targets]
    if skipped:
        print(f"bench.py: not built: {', '.join(skipped)}", file=sys.stderr)
    jobs = ["--parallel", str(jobs)] if jobs else []
    built = subprocess.run(["cmake", "--build", build, *jobs, "--target", *targets],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if built.returncode != 0:
        sys.stderr.write(built.stdout)
        sys.exit(1)
    return targets


def medians(binary, repetitions, min_time, filter_regex, processes):
    """Each benchmark's median CPU time over every repetition of every process."""
    command = [binary, "--benchmark_format=json",
               f"--benchmark_repetitions={repetitions}",
               "--benchmark_enable_random_interleaving=true",
               f"--benchmark_min_time={min_time}"]
    if filter_regex:
        command.append(f"--benchmark_filter={filter_regex}")
    samples = {}
    for _ in range(processes):
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        for b in json.loads(out)["benchmarks"]:
            if b.get("run_type") == "iteration":
                samples.setdefault(b["run_name"], []).append(b)
    results = []
    for runs in samples.values():
        summary = dict(runs[0])
        summary["cpu_time"] = statistics.median(r["cpu_time"] for r in runs)
        for counter in COUNTERS:
            if counter.startswith("peak_") and counter in summary:
                summary[counter] = max(r[counter] for r in runs)
        results.append(summary)
    # Interleaving shuffles the output; report in the order of the source.
    results.sort(key=lambda b: (b["family_index"], b["per_family_instance_index"]))
    return {b["run_name"]: b for b in results}


def split_run(run):
    family, _, args = run.partition("/")
    # Fixed iteration counts show up as an argument; they name nothing.
    args = re.sub(r"/?iterations:\d+", "", args)
    return family, args


def pair(results):
    """[(display name, weakref result, [(alternative, result)])] in run order."""
    families = {split_run(run)[0] for run in results}

    def primary_of(family):
        base, _, word = family.rpartition("_")
        return base if word and base in families else None

    alternatives = {}
    for family in families:
        base = primary_of(family)
        if base:
            alternatives.setdefault(base, []).append(family[len(base) + 1:])
    rows = []
    for run, b in results.items():
        family, args = split_run(run)
        if primary_of(family):
            continue
        suffix = run[len(family):]
        alts = [(alt, results.get(f"{family}_{alt}{suffix}"))
                for alt in sorted(alternatives.get(family, []), key=alt_order)]
        rows.append((family + (f"/{args}" if args else ""), b,
                     [(alt, r) for alt, r in alts if r]))
    return rows


def alt_order(alt):
    # The hand-written baseline first, then the others by name.
    return (alt != "Baseline", alt)


def ns(b):
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
    return b["cpu_time"] * scale


def fmt_time(t):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if t >= scale:
            return f"{t / scale:.3g} {unit}"
    return f"{t:.3g} ns"


def fmt_counter(name, value):
    if value is None:
        return "—"
    if name == "peak_bytes":
        for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
            if value >= scale:
                return f"{value / scale:.1f} {unit}"
        return f"{value:.0f} B"
    return f"{value:,.0f}"


def print_text(binary, rows):
    print(f"== {binary}")
    alts = None
    for name, b, pairs in rows:
        found = dict(pairs)
        if list(found) != alts:  # a header per set of alternatives
            alts = list(found)
            print(f"{'benchmark':34} {'weakref':>10}" +
                  "".join(f" {alt:>16} {'ratio':>6}" for alt in alts))
        print(f"{name:34} {fmt_time(ns(b)):>10}" +
              "".join(f" {fmt_time(ns(found[alt])):>16} {ns(b) / ns(found[alt]):>6.2f}"
                      for alt in alts))
        for counter in COUNTERS:
            if counter in b or any(counter in r for r in found.values()):
                print(f"{'  ' + counter:34} {fmt_counter(counter, b.get(counter)):>10}" +
                      "".join(f" {fmt_counter(counter, found[alt].get(counter)):>16} {'':>6}"
                              for alt in alts))
    print()


def md_cell(b, ratio_to=None):
    parts = [fmt_time(ns(b))]
    if ratio_to is not None:
        parts[0] += f" ({ns(ratio_to) / ns(b):.2f})"
    for counter in ("peak_bytes", "peak_entries"):
        if counter in b:
            unit = "" if counter == "peak_bytes" else " entry" if b[counter] == 1 else " entries"
            parts.append(fmt_counter(counter, b[counter]) + unit)
    return " · ".join(parts)


def print_markdown(binary, rows):
    print(f"`{binary}`: median CPU time (ratio weakref / that column) · peak heap "
          "bytes · peak entries\n")
    # One table per set of alternatives, so that no column is mostly empty.
    alts = None
    for name, b, pairs in rows:
        found = dict(pairs)
        if list(found) != alts:
            if alts is not None:
                print()
            alts = list(found)
            print("| benchmark | weakref | " + " | ".join(alts) + " |")
            print("|---|---|" + "---|" * len(alts))
        cells = [md_cell(found[alt], b) for alt in alts]
        print(f"| `{name}` | {md_cell(b)} | " + " | ".join(cells) + " |")
    print()


def main():
    parser = argparse.ArgumentParser(
        description="Runs the runtime benchmarks and prints each against its "
                    "alternatives (median CPU time ratio, peak memory).")
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build", "bench"),
                        help="benchmark build directory (default: build/bench)")
    parser.add_argument("--repetitions", type=int, default=5,
                        help="repetitions per benchmark; the median is used (default: 5)")
    parser.add_argument("--min-time", type=float, default=0.2,
                        help="minimum seconds per repetition (default: 0.2)")
    parser.add_argument("--processes", type=int, default=1,
                        help="runs of each binary, pooled before the median: each "
                             "process gets its own address layout, which moves a "
                             "benchmark by up to ~30%% on some machines (default: 1)")
    parser.add_argument("--filter", help="only benchmarks matching this regex")
    parser.add_argument("--binaries", nargs="+", metavar="NAME",
                        help=f"only these binaries (default: all of {', '.join(BINARIES)})")
    parser.add_argument("--jobs", type=int,
                        help="parallel build jobs (default: the build tool's)")
    parser.add_argument("--markdown", action="store_true",
                        help="print markdown tables for docs/runtime.md")
    parser.add_argument("--install-deps", action="store_true",
                        help=f"run {shlex.join(INSTALL)} when a dependency is missing")
    args = parser.parse_args()
    built = ensure_built(args.build, args.install_deps, args.jobs)
    for name in args.binaries or BINARIES:
        if name not in built:
            continue
        results = medians(os.path.join(args.build, "bench", name), args.repetitions,
                          args.min_time, args.filter, args.processes)
        rows = pair(results)
        if rows:
            (print_markdown if args.markdown else print_text)(name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
