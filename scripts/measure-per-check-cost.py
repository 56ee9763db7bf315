#!/usr/bin/env python3
"""Which weakify check costs what, on one translation unit.

Runs the unit's compile command from compile_commands.json as -fsyntax-only
(the analysis without code generation, so the checks' share is the largest
it can be), without the plugin and then with each check alone and with all
of them, REPEAT times each, interleaved, and prints the median CPU time
(user+sys) of each and its ratio to the baseline.

Example (from /work/corpus):
  measure-per-check-cost.py --plugin build/llvm-19/lib/weakify-plugin-19.so \\
      --compdb solvespace/build --file src/system.cpp --repeat 5

Python 3 standard library only.
"""

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys

CHECKS = ["weakify-owning-cache", "weakify-owning-observers",
          "weakify-owning-side-table", "weakify-ownership-cycle",
          "weakify-self-capture", "weakify-stale-weak-entries", "weakify-*"]


def syntax_only_command(entry):
    """The unit's command with -c turned into -fsyntax-only and no output."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "-o":
            skip = True
            continue
        out.append("-fsyntax-only" if arg == "-c" else arg)
    return out


def cpu_seconds(cmd, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"measure-per-check-cost.py: the compile failed: {shlex.join(cmd)}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plugin", required=True, help="the weakify clang plugin (.so)")
    ap.add_argument("--compdb", required=True, help="directory of compile_commands.json")
    ap.add_argument("--file", required=True, help="a substring of the unit's file name")
    ap.add_argument("--repeat", type=int, default=3, help="runs per variant (default 3)")
    opts = ap.parse_args()

    with open(os.path.join(opts.compdb, "compile_commands.json")) as f:
        entries = [e for e in json.load(f) if opts.file in e["file"]]
    if not entries:
        sys.exit(f"measure-per-check-cost.py: no unit matches '{opts.file}'")
    entry = entries[0]
    base = syntax_only_command(entry)
    plugin = os.path.abspath(opts.plugin)
    variants = {"baseline": []}
    for check in CHECKS:
        variants[check] = ["-fplugin=" + plugin, "-fplugin-arg-weakify-checks=-*," + check]
    times = {name: [] for name in variants}
    for _ in range(opts.repeat):
        for name, extra in variants.items():
            times[name].append(cpu_seconds(base + extra, entry["directory"]))
    baseline = statistics.median(times["baseline"])
    print(f"{entry['file']}: median CPU of {opts.repeat} -fsyntax-only runs")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"  {name:28s} {median:7.3f} s   ratio {median / baseline:.3f}")


if __name__ == "__main__":
    main()
