#!/usr/bin/env python3
"""What the weakify checks cost inside a clang-tidy run.

For each FILE of a compilation database, times whole clang-tidy runs
(median of --repeat) with only the weakify checks enabled and with only a
near-free baseline check, interleaved, and prints the ratio. clang-tidy's own
--enable-check-profile does not see the work weakify does at the end of the
unit, so whole-run times are what counts.

  measure-tidy-cost.py --tidy clang-tidy-19 --module build/llvm-19/lib/weakify-tidy-19.so \\
      -p /work/corpus/i2pd/build FILE...
"""
import argparse
import statistics
import subprocess
import sys
import time


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tidy", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("-p", dest="build", required=True)
    ap.add_argument("--baseline", default="misc-unused-alias-decls")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    ratios = []
    for f in args.files:
        runs = {"baseline": [], "weakify": []}
        for _ in range(args.repeat):
            for side, checks in (("baseline", args.baseline), ("weakify", "weakify-*")):
                runs[side].append(timed([args.tidy, "--load=" + args.module,
                                         "--checks=-*," + checks, "-p", args.build, f]))
        base, weak = statistics.median(runs["baseline"]), statistics.median(runs["weakify"])
        ratios.append(weak / base)
        print(f"{f}: {args.baseline} {base:.3f}s, weakify-* {weak:.3f}s, ratio {weak / base:.3f}")
    print(f"median ratio over {len(ratios)} files: {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
