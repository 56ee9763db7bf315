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

Programs: every bundled example (examples/*/...). The audit's per-operation
costs (hooked growth, registration of members) are Google Benchmark
workloads in bench/audit_bench.cpp, compared by scripts/bench.py.

Example:
  scripts/measure-instrument-overhead.py --plugin build/llvm-19/lib/weakify-plugin-19.so \\
      --cxx clang++-19 --repeat 7

Python 3 standard library only.
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc.returncode, proc.stdout, proc.stderr


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


def compile_program(cxx, flags, sources, output):
    cmd = [cxx, "-std=c++17"] + flags + sources + ["-o", output]
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
    args = parser.parse_args()

    runtime = os.path.join(ROOT, "runtime", "include")
    programs = []
    for source in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "*.cpp"))):
        programs.append((os.path.relpath(source, ROOT), [source]))
    audited_flags = ["-fplugin=" + os.path.abspath(args.plugin),
                     "-fplugin-arg-weakify-instrument"]
    failures = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, WEAKIFY_AUDIT_QUIET="1",
                   WEAKIFY_AUDIT=os.path.join(tmp, "audit.json"))
        for name, sources in programs:
            base = [args.opt, "-I" + runtime]
            plain = os.path.join(tmp, "plain")
            audited = os.path.join(tmp, "audited")
            compile_plain, compile_audited = [], []
            for _ in range(3):
                compile_plain.append(compile_program(args.cxx, base, sources, plain))
                compile_audited.append(compile_program(
                    args.cxx, base + audited_flags, sources, audited))
            times = {"plain": [], "audited": []}
            memory = {"plain": [], "audited": []}
            outputs = {}
            for _ in range(args.repeat):
                for side, exe in (("plain", plain), ("audited", audited)):
                    wall, rss, code, out, _ = run_measured([exe], env)
                    times[side].append(wall)
                    memory[side].append(rss)
                    outputs.setdefault(side, (code, out))
            same = outputs["plain"] == outputs["audited"]
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
