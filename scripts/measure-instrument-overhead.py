#!/usr/bin/env python3
"""Measure what instrument mode costs: compile time, run time, peak memory.

For each program (a list of sources built into one executable), builds it
plain and with ``-fplugin=SO -fplugin-arg-weakify-instrument``, timing each
compile; then runs both builds REPEAT times, interleaved (plain, audited,
plain, ...) so that machine noise hits both sides, and reports medians and
ratios audited / plain for:

* compile wall time;
* run wall time (time.perf_counter) and peak resident memory (ru_maxrss of
  the child, os.wait4).

The audited run's stdout and exit status must equal the plain run's; a
difference is reported and makes the exit status 1.

Programs: every bundled example (examples/*/...), and with --bench BUILD the
runtime's Google Benchmark binaries' sources (built with -O2 and
benchmark::benchmark from the system), whose per-benchmark real times are
compared too (--benchmark_min_time kept short).

Example:
  scripts/measure-instrument-overhead.py --plugin build/llvm-19/lib/weakify-plugin-19.so \\
      --cxx clang++-19 --repeat 7

Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, env=None):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    # communicate() reaped the child; its rusage is in RUSAGE_CHILDREN only in
    # aggregate, so run the child through wait4 instead when memory matters.
    return wall, proc.returncode, out, err


def run_measured(cmd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode, out, err


def compile_program(cxx, flags, sources, output, extra):
    cmd = [cxx, "-std=c++17"] + flags + extra + sources + ["-o", output]
    wall, code, _, err = timed(cmd)
    if code != 0:
        sys.exit("compile failed: %s\n%s" % (" ".join(cmd), err.decode()))
    return wall


def ratio(a, b):
    return a / b if b else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--cxx", default="clang++-19")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--opt", default="-O2")
    parser.add_argument("--bench", action="store_true",
                        help="also the runtime's benchmark workloads")
    args = parser.parse_args()

    runtime = os.path.join(ROOT, "runtime", "include")
    programs = []
    for source in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "*.cpp"))):
        programs.append((os.path.relpath(source, ROOT), [source], [], []))
    if args.bench:
        for source in sorted(glob.glob(os.path.join(ROOT, "bench", "*_bench.cpp"))):
            programs.append((os.path.relpath(source, ROOT), [source],
                             ["-lbenchmark", "-lpthread"],
                             ["--benchmark_min_time=0.05s",
                              "--benchmark_format=json"]))
    audited_flags = ["-fplugin=" + os.path.abspath(args.plugin),
                     "-fplugin-arg-weakify-instrument"]
    failures = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, WEAKIFY_AUDIT_QUIET="1",
                   WEAKIFY_AUDIT=os.path.join(tmp, "audit.json"))
        for name, sources, libs, run_args in programs:
            base = [args.opt, "-I" + runtime]
            plain = os.path.join(tmp, "plain")
            audited = os.path.join(tmp, "audited")
            compile_plain, compile_audited = [], []
            for _ in range(3):
                compile_plain.append(compile_program(args.cxx, base, sources, plain, libs))
                compile_audited.append(compile_program(
                    args.cxx, base + audited_flags, sources, audited, libs))
            times = {"plain": [], "audited": []}
            memory = {"plain": [], "audited": []}
            outputs = {}
            for _ in range(args.repeat):
                for side, exe in (("plain", plain), ("audited", audited)):
                    wall, rss, code, out, _ = run_measured([exe] + run_args, env)
                    times[side].append(wall)
                    memory[side].append(rss)
                    outputs.setdefault(side, (code, out))
            same = (outputs["plain"][0] == outputs["audited"][0] and
                    (run_args or outputs["plain"][1] == outputs["audited"][1]))
            if not same:
                failures += 1
            rows.append((name,
                         ratio(statistics.median(compile_audited),
                               statistics.median(compile_plain)),
                         ratio(statistics.median(times["audited"]),
                               statistics.median(times["plain"])),
                         ratio(statistics.median(memory["audited"]),
                               statistics.median(memory["plain"])),
                         statistics.median(times["plain"]),
                         "same" if same else "DIFFERENT"))
    print("%-42s %8s %8s %8s %10s  %s" % ("program", "compile", "time",
                                          "memory", "plain s", "output"))
    for row in rows:
        print("%-42s %7.2fx %7.2fx %7.2fx %10.4f  %s" % row)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
