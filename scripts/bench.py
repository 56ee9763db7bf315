#!/usr/bin/env python3
"""Runs the runtime benchmarks and prints each container against its baseline.

Every benchmark BM_X has a hand-written baseline BM_X_Baseline in the same
binary (same keys, same objects). This runs each binary with repetitions,
takes the median CPU time per benchmark and prints median(BM_X) /
median(BM_X_Baseline) with the counters (entries, peak_entries) of both.

  scripts/bench.py [BUILD_DIR] [--repetitions N] [--min-time SECONDS]
      BUILD_DIR defaults to build/bench (configured and built if needed)
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARIES = ("value_map_bench", "set_bench", "key_map_bench", "audit_bench")


def ensure_built(build):
    subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=Release", "-DWEAKIFY_BUILD_ANALYZER=OFF",
                    "-DWEAKIFY_BUILD_RUNTIME_TESTS=OFF", "-DWEAKIFY_BUILD_BENCHMARKS=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build, "--target", *BINARIES], check=True,
                   stdout=subprocess.DEVNULL)


def medians(binary, repetitions, min_time):
    out = subprocess.run([binary, "--benchmark_format=json",
                          f"--benchmark_repetitions={repetitions}",
                          "--benchmark_report_aggregates_only=true",
                          f"--benchmark_min_time={min_time}"],
                         check=True, capture_output=True, text=True).stdout
    result = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            result[b["run_name"]] = b
    return result


def counters(b):
    skip = {"cpu_time", "real_time", "iterations", "repetitions", "threads",
            "repetition_index", "family_index", "per_family_instance_index",
            "items_per_second"}
    return ", ".join(f"{k}={v:.0f}" for k, v in b.items()
                     if isinstance(v, (int, float)) and k not in skip)


def main():
    parser = argparse.ArgumentParser(
        description="Runs the runtime benchmarks and prints each against its baseline "
                    "(median CPU time ratio).")
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build", "bench"),
                        help="benchmark build directory (default: build/bench)")
    parser.add_argument("--repetitions", type=int, default=5,
                        help="repetitions per benchmark; the median is used (default: 5)")
    parser.add_argument("--min-time", type=float, default=0.2,
                        help="minimum seconds per repetition (default: 0.2)")
    args = parser.parse_args()
    build = args.build
    ensure_built(build)
    print(f"{'benchmark':32} {'weakref':>12} {'baseline':>12} {'ratio':>7}  counters")
    for name in BINARIES:
        results = medians(os.path.join(build, "bench", name), args.repetitions, args.min_time)
        for run, b in results.items():
            if "_Baseline" in run:
                continue
            base = results.get(run.replace("/", "_Baseline/", 1) if "/" in run
                               else run + "_Baseline")
            if not base:
                continue
            unit = b["time_unit"]
            ratio = b["cpu_time"] / base["cpu_time"]
            print(f"{run:32} {b['cpu_time']:>9.1f} {unit} {base['cpu_time']:>9.1f} {unit} "
                  f"{ratio:>7.2f}  {counters(b)} | baseline {counters(base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
