#!/usr/bin/env python3
"""Does the whole-program reduce (weakify report) grow linearly with units?

Generates a synthetic project of N units that share H headers (caches,
ownership cycles, callbacks, plain classes, each class's member functions
defined across several units), compiles every unit once with the weakify
plugin and -fplugin-arg-weakify-facts (the map phase, in parallel), then
times `weakify report` over the first K objects for several K, interleaving
repetitions, and reports the median wall time and the peak resident memory
of each, with the cost per unit.

  measure-reduce-scaling.py --plugin build/llvm-19/lib/weakify-plugin-19.so \\
      --weakify build/llvm-19/bin/weakify [--units 2000] [--headers 40] \\
      [--steps 250,500,1000,2000] [--repeat 3] [--jobs 2] [--work DIR]

Python 3 standard library only. Nothing is written into the repository.
"""

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

CLASSES_PER_HEADER = 5


STD_HEADERS = ["functional", "map", "memory", "string", "vector"]


def header_text(h):
    """Five classes: a cache, a cycle pair, a timer user, a plain class."""
    includes = "".join(f"#include <{name}>\n" for name in STD_HEADERS)
    return f"""#pragma once
{includes}namespace h{h} {{
struct Item{h} {{ std::string Name; }};
class Cache{h} {{
public:
  std::shared_ptr<Item{h}> get(const std::string &Key);
  bool has(const std::string &Key) const;
  void trim();
private:
  std::map<std::string, std::shared_ptr<Item{h}>> Items;
}};
struct Child{h};
struct Parent{h} {{ std::vector<std::shared_ptr<Child{h}>> Children; void add(); }};
struct Child{h} {{ std::shared_ptr<Parent{h}> Owner; int Value = 0; }};
class Timer{h} {{
public:
  void arm(std::function<void()> Action);
  void fire();
private:
  std::function<void()> Action;
}};
class Plain{h} {{
public:
  int size() const;
  void grow(int By);
private:
  int Size = 0;
}};
}} // namespace h{h}
"""


# The member functions of each header's classes; each is defined by one unit.
METHODS = [
    ("std::shared_ptr<Item{h}> Cache{h}::get(const std::string &Key)",
     "{ auto It = Items.find(Key); if (It != Items.end()) return It->second;"
     " auto Made = std::make_shared<Item{h}>(); Items.emplace(Key, Made); return Made; }"),
    ("bool Cache{h}::has(const std::string &Key) const", "{ return Items.count(Key) != 0; }"),
    ("void Cache{h}::trim()", "{ if (Items.size() > 1000000) Items.clear(); }"),
    ("void Parent{h}::add()", "{ Children.push_back(std::make_shared<Child{h}>()); }"),
    ("void Timer{h}::arm(std::function<void()> A)", "{ Action = std::move(A); }"),
    ("void Timer{h}::fire()", "{ if (Action) Action(); }"),
    ("int Plain{h}::size() const", "{ return Size; }"),
    ("void Plain{h}::grow(int By)", "{ Size += By; }"),
]


def generate(work, units, headers, seed=1):
    rng = random.Random(seed)
    os.makedirs(work, exist_ok=True)
    for h in range(headers):
        with open(os.path.join(work, f"h{h}.h"), "w") as f:
            f.write(header_text(h))
    # Every method of every header is defined exactly once, in a random unit.
    owners = {}
    for h in range(headers):
        for m in range(len(METHODS)):
            owners.setdefault(rng.randrange(units), []).append((h, m))
    sources = []
    for u in range(units):
        included = set(rng.sample(range(headers), min(3, headers)))
        included |= {h for h, _ in owners.get(u, [])}
        lines = [f'#include "h{h}.h"' for h in sorted(included)]
        for h, m in owners.get(u, []):
            signature, body = METHODS[m]
            text = (signature + " " + body).replace("{h}", str(h))
            lines.append(f"namespace h{h} {{ {text} }}")
        # Uses that every unit makes of what it includes.
        h = sorted(included)[0]
        lines.append(f"int use{u}(h{h}::Cache{h} &C, h{h}::Plain{h} &P) {{"
                     f" P.grow({u}); return C.has(\"k{u}\") ? P.size() : 0; }}")
        if u == 0:
            lines.append("int main() { return 0; }")  # A program, not a library.
        path = os.path.join(work, f"unit{u}.cpp")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        sources.append(path)
    return sources


def compile_all(sources, args, work):
    # The standard headers once, as a precompiled header: the units' own
    # code is what the map phase is about.
    pch = os.path.join(work, "std.h")
    with open(pch, "w") as f:
        f.write("".join(f"#include <{name}>\n" for name in STD_HEADERS))
    subprocess.run([args.cxx, "-std=c++17", "-x", "c++-header", pch, "-o", pch + ".pch"],
                   check=True)

    def one(path):
        cmd = [args.cxx, "-std=c++17", "-O0", "-w", "-c", "-include-pch", pch + ".pch",
               "-fplugin=" + args.plugin, "-fplugin-arg-weakify-facts", path,
               "-o", path[:-4] + ".o"]
        subprocess.run(cmd, check=True)
        return path[:-4] + ".o"
    start = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        objects = list(pool.map(one, sources))
    return objects, time.perf_counter() - start


def run_report(weakify, objects):
    """Wall seconds and peak RSS (KiB) of one `weakify report`."""
    start = time.perf_counter()
    proc = subprocess.Popen([weakify, "report"] + objects,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit("weakify report failed")
    return elapsed, usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--weakify", required=True)
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--headers", type=int, default=40)
    ap.add_argument("--steps", default="250,500,1000,2000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    steps = [int(s) for s in args.steps.split(",") if int(s) <= args.units]
    work = args.work or tempfile.mkdtemp(prefix="weakify-scale-")
    sources = generate(work, args.units, args.headers)
    objects, map_seconds = compile_all(sources, args, work)
    facts_bytes = sum(os.path.getsize(o) for o in objects)
    print(f"{args.units} units sharing {args.headers} headers in {work}")
    print(f"map (compile with facts, -j{args.jobs}): {map_seconds:.1f} s")
    # Interleaved: each repetition runs every step once.
    times = {k: [] for k in steps}
    rss = {k: [] for k in steps}
    for _ in range(args.repeat):
        for k in steps:
            t, m = run_report(args.weakify, objects[:k])
            times[k].append(t)
            rss[k].append(m)
    print(f"{'units':>6} {'reduce s':>9} {'ms/unit':>8} {'peak MiB':>9} {'KiB/unit':>9}")
    for k in steps:
        t, m = statistics.median(times[k]), statistics.median(rss[k])
        print(f"{k:>6} {t:>9.3f} {1000 * t / k:>8.3f} {m / 1024:>9.1f} {m / k:>9.1f}")
    first, last = steps[0], steps[-1]
    growth_t = statistics.median(times[last]) / statistics.median(times[first])
    growth_m = statistics.median(rss[last]) / statistics.median(rss[first])
    print(f"x{last / first:.0f} units: reduce time x{growth_t:.2f}, peak memory x{growth_m:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
