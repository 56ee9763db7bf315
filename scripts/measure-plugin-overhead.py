#!/usr/bin/env python3
"""Measure what the weakify compiler plugin costs in a real build.

For each translation unit of one or more compile_commands.json files, the
unit's exact compile command is run with and without ``-fplugin=SO``,
interleaved (A B A B ...) so that machine noise hits both sides, and compared:

* wall time (time.perf_counter) and the child's user+sys CPU (os.wait4);
* warnings the plugin emitted (``[weakify-...]`` on stderr);
* crashes: the plugin run fails where the baseline succeeded, or its stderr
  has "PLEASE submit a bug report" / "Stack dump";
* the object file, which must be byte-identical with and without the plugin
  (once the `.weakify.facts` section of -fplugin-arg-weakify-facts is
  removed: the facts are the only thing the plugin may add).

Only the output (-o, redirected to a temporary file) and dependency-file
flags (-MD -MMD -MF -MT -MQ, -Wp,-MD...) are changed, so nothing is written
into the build tree. Runs are serial on purpose: parallel runs measure the
scheduler, not the plugin.

Examples:
  measure-plugin-overhead.py --plugin build/llvm-19/lib/weakify-plugin-19.so \\
      --compdb /work/corpus/i2pd/build --compdb /work/corpus/spdlog/build \\
      --sample 20 --repeat 5 --findings /tmp/findings.txt
  # noise floor, no plugin needed: B is the very same command as A
  measure-plugin-overhead.py --dry-baseline --compdb /work/corpus/spdlog/build
  # or B adds flags of your choice instead of the plugin
  measure-plugin-overhead.py --treatment-flag=-fno-spell-checking --compdb ...

Exit status: 0 if no crash and no object mismatch, 1 otherwise, 2 on usage
errors.  Python 3 standard library only.
"""

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

CXX_EXTS = {".cpp", ".cc", ".cxx", ".c++", ".cp", ".C", ".CPP", ".ixx", ".cppm"}
C_EXTS = {".c", ".m", ".i"}
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump")
WARN_TAG = "[weakify-"
DIAG_RE = re.compile(r"^(?P<loc>.*?):(?P<line>\d+):(?P<col>\d+): "
                     r"(?P<kind>warning|error|note|remark|fatal error): (?P<msg>.*)$")


# ---------------------------------------------------------------- compdb ---

def load_compdb(path):
    """Return (project_name, compdb_file, entries)."""
    path = os.path.abspath(path)
    f = os.path.join(path, "compile_commands.json") if os.path.isdir(path) else path
    with open(f) as fh:
        entries = json.load(fh)
    d = os.path.dirname(f)
    name = os.path.basename(d)
    if name in ("build", "obj", "out", "_build") or name.startswith(("build-", "obj-")):
        name = os.path.basename(os.path.dirname(d)) or name
    return name, f, entries


def entry_args(e):
    if "arguments" in e:
        return list(e["arguments"])
    return shlex.split(e["command"])


def is_cxx_unit(e, args):
    ext = os.path.splitext(e["file"])[1]
    if ext in C_EXTS:
        # a .c file compiled as C++ (-x c++) still counts
        if "-xc++" in args:
            return True
        return any(x == "-x" and y == "c++" for x, y in zip(args, args[1:]))
    if ext in CXX_EXTS:
        return True
    return "++" in os.path.basename(args[0]) and ext not in C_EXTS


def rewrite_args(args, obj_path):
    """Drop dependency-file flags, redirect -o. Returns None if not a -c compile."""
    out = []
    i = 0
    has_c = False
    saw_o = False
    while i < len(args):
        a = args[i]
        if a in ("-MD", "-MMD", "-MP", "-M", "-MM"):
            i += 1
            continue
        if a in ("-MF", "-MT", "-MQ"):
            i += 2
            continue
        if a.startswith(("-MF", "-MT", "-MQ")) and len(a) > 3:
            i += 1
            continue
        if a.startswith("-Wp,") and ("-MD" in a or "-MMD" in a or "-MF" in a):
            i += 1
            continue
        if a == "-o":
            out += ["-o", obj_path]
            saw_o = True
            i += 2
            continue
        if a.startswith("-o") and len(a) > 2:
            out += ["-o", obj_path]
            saw_o = True
            i += 1
            continue
        if a == "-c":
            has_c = True
        out.append(a)
        i += 1
    if not has_c:
        return None
    if not saw_o:
        out += ["-o", obj_path]
    return out


def sample_evenly(items, k):
    n = len(items)
    if not k or k >= n:
        return list(items)
    return [items[(i * n) // k] for i in range(k)]


# -------------------------------------------------------------- running ----

class Run:
    __slots__ = ("rc", "wall", "cpu", "stderr", "digest")


def run_once(args, cwd, obj_path, tmpdir, timeout, env):
    if os.path.exists(obj_path):
        os.unlink(obj_path)
    errf = tempfile.TemporaryFile(dir=tmpdir)
    r = Run()
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=errf, stderr=errf, env=env)
    except OSError as ex:
        r.rc, r.wall, r.cpu, r.digest = 127, 0.0, 0.0, None
        r.stderr = "cannot run %s: %s\n" % (args[0], ex)
        return r
    # blocking wait4 (no polling that would steal CPU); a timer kills a hung compile
    killer = threading.Timer(timeout, p.kill)
    killer.start()
    try:
        _, status, ru = os.wait4(p.pid, 0)
    finally:
        killer.cancel()
    t1 = time.perf_counter()
    r.rc = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    p.returncode = r.rc  # reaped by us: keep Popen from waiting again
    r.wall = t1 - t0
    r.cpu = ru.ru_utime + ru.ru_stime
    errf.seek(0)
    r.stderr = errf.read().decode("utf-8", "replace")
    errf.close()
    if r.rc == 0 and os.path.exists(obj_path):
        # The facts section (-fplugin-arg-weakify-facts) is the one thing
        # the plugin may add: compare the code without it.
        subprocess.run(["objcopy", "--remove-section=.weakify.facts", obj_path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        h = hashlib.sha256()
        with open(obj_path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        r.digest = h.hexdigest()
    else:
        r.digest = None
    return r


def is_crash(stderr):
    return any(m in stderr for m in CRASH_MARKERS)


def extract_findings(stderr, cwd):
    """Group each [weakify-...] warning with the notes that follow it."""
    groups = []
    cur = None
    for line in stderr.splitlines():
        m = DIAG_RE.match(line)
        if not m:
            continue  # snippets, carets, 'In file included from', counts
        loc = m.group("loc")
        if loc and not os.path.isabs(loc):
            loc = os.path.normpath(os.path.join(cwd, loc))
        text = "%s:%s:%s: %s: %s" % (loc, m.group("line"), m.group("col"),
                                     m.group("kind"), m.group("msg"))
        if m.group("kind") == "note":
            if cur is not None:
                cur.append("  " + text)
            continue
        if cur is not None:
            groups.append(tuple(cur))
            cur = None
        if WARN_TAG in m.group("msg"):
            cur = [text]
    if cur is not None:
        groups.append(tuple(cur))
    return groups


def count_warnings(stderr):
    return sum(1 for line in stderr.splitlines()
               if WARN_TAG in line and DIAG_RE.match(line)
               and DIAG_RE.match(line).group("kind") != "note")


# ------------------------------------------------------------- reporting ---

def median(xs):
    return statistics.median(xs) if xs else float("nan")


def summarize(units):
    ok = [u for u in units if u["status"] in ("ok", "mismatch")]
    s = {"units": len(units), "measured": len(ok)}
    for key in ("wall", "cpu"):
        ratios = [u[key + "_b"] / u[key + "_a"] for u in ok if u[key + "_a"] > 0]
        sa = sum(u[key + "_a"] for u in ok)
        sb = sum(u[key + "_b"] for u in ok)
        s[key] = {
            "median_ratio": median(ratios),
            "sum_ratio": (sb / sa) if sa > 0 else float("nan"),
            "sum_a": sa, "sum_b": sb,
            "min_ratio": min(ratios) if ratios else float("nan"),
            "max_ratio": max(ratios) if ratios else float("nan"),
        }
    s["warnings"] = sum(u["warnings"] for u in units)
    s["crashes"] = [u for u in units if u["status"] == "crash"]
    s["mismatches"] = [u for u in units if u["status"] == "mismatch"]
    s["baseline_failures"] = [u for u in units if u["status"] == "baseline-failed"]
    s["baseline_nondeterministic"] = [u for u in units if u.get("nondeterministic")]
    return s


def fmt_summary(title, s, label_b):
    w, c = s["wall"], s["cpu"]
    lines = [
        "== %s: %d units (%d measured)" % (title, s["units"], s["measured"]),
        "   wall  %s/baseline: median of per-unit ratios %.4f, ratio of summed medians %.4f "
        "(%.2fs -> %.2fs; per-unit range %.3f..%.3f)"
        % (label_b, w["median_ratio"], w["sum_ratio"], w["sum_a"], w["sum_b"],
           w["min_ratio"], w["max_ratio"]),
        "   cpu   %s/baseline: median of per-unit ratios %.4f, ratio of summed medians %.4f "
        "(%.2fs -> %.2fs; per-unit range %.3f..%.3f)"
        % (label_b, c["median_ratio"], c["sum_ratio"], c["sum_a"], c["sum_b"],
           c["min_ratio"], c["max_ratio"]),
        "   weakify warnings: %d   crashes: %d   object mismatches: %d   baseline failures: %d"
        % (s["warnings"], len(s["crashes"]), len(s["mismatches"]), len(s["baseline_failures"])),
    ]
    if s["baseline_nondeterministic"]:
        lines.append("   note: %d units give different objects from the same baseline command "
                     "(not counted as mismatches)" % len(s["baseline_nondeterministic"]))
    for u in s["crashes"]:
        lines.append("   CRASH    %s  (exit %s)  %s" % (u["file"], u["rc_b"], u.get("detail", "")))
    for u in s["mismatches"]:
        lines.append("   MISMATCH %s  (object differs with %s)" % (u["file"], label_b))
    for u in s["baseline_failures"]:
        lines.append("   baseline failed (skipped): %s (exit %s)" % (u["file"], u["rc_a"]))
    return "\n".join(lines)


# ------------------------------------------------------------------ main ---

def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--plugin", metavar="SO", help="the weakify clang plugin (.so)")
    ap.add_argument("--compdb", metavar="DIR_OR_FILE", action="append", required=True,
                    help="a build dir holding compile_commands.json, or the file (repeatable)")
    ap.add_argument("--plugin-arg", action="append", default=[], metavar="ARG",
                    help="plugin argument (repeatable), passed as -fplugin-arg-NAME-ARG "
                         "(or -Xclang -plugin-arg-NAME -Xclang ARG with --plugin-arg-style=xclang)")
    ap.add_argument("--plugin-arg-style", choices=("fplugin", "xclang"), default="fplugin")
    ap.add_argument("--plugin-name", default="weakify", help="plugin name for its args (default weakify)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per side and unit (default 5)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed runs per side before timing (default 1; warms the page cache)")
    ap.add_argument("--sample", type=int, default=0, metavar="K",
                    help="pick K units evenly per compile database (default: all C++ units)")
    ap.add_argument("--filter", metavar="REGEX", help="only units whose file matches REGEX")
    ap.add_argument("--findings", metavar="FILE",
                    help="write all [weakify-...] warnings with their notes, deduplicated, to FILE")
    ap.add_argument("--json", metavar="FILE", help="write per-unit results and summaries as JSON")
    ap.add_argument("--compiler", help="replace the compiler of every command (e.g. clang++-19)")
    ap.add_argument("--extra-flag", action="append", default=[], metavar="FLAG",
                    help="flag added to BOTH sides (repeatable)")
    ap.add_argument("--treatment-flag", action="append", default=[], metavar="FLAG",
                    help="flag added to the B side only, instead of -fplugin (repeatable); "
                         "use with a neutral flag to test the harness")
    ap.add_argument("--dry-baseline", action="store_true",
                    help="B side is the baseline command itself: measures the noise floor; "
                         "no plugin needed")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per compile (default 900)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print per-unit results")
    a = ap.parse_args(argv)

    if a.repeat < 1:
        ap.error("--repeat must be >= 1")
    if a.dry_baseline or a.treatment_flag:
        treatment = list(a.treatment_flag)
        label_b = "baseline(again)" if not treatment else "treatment(%s)" % " ".join(treatment)
        if a.plugin:
            print("note: --plugin ignored with --dry-baseline/--treatment-flag", file=sys.stderr)
    else:
        if not a.plugin:
            ap.error("--plugin SO is required (or --dry-baseline / --treatment-flag)")
        so = os.path.abspath(a.plugin)
        if not os.path.isfile(so):
            ap.error("no such plugin: %s" % so)
        treatment = ["-fplugin=" + so]
        for pa in a.plugin_arg:
            if a.plugin_arg_style == "fplugin":
                treatment.append("-fplugin-arg-%s-%s" % (a.plugin_name, pa))
            else:
                treatment += ["-Xclang", "-plugin-arg-" + a.plugin_name, "-Xclang", pa]
        label_b = "plugin"

    filt = re.compile(a.filter) if a.filter else None
    tmpdir = tempfile.mkdtemp(prefix="weakify-overhead-")
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    projects = []
    all_findings = {}
    try:
        for cdb in a.compdb:
            name, cdb_file, entries = load_compdb(cdb)
            units = []
            seen = set()
            for e in entries:
                args = entry_args(e)
                if not args or not is_cxx_unit(e, args):
                    continue
                f = e["file"]
                if not os.path.isabs(f):
                    f = os.path.normpath(os.path.join(e["directory"], f))
                if filt and not filt.search(f):
                    continue
                key = (f, tuple(args))
                if key in seen:
                    continue
                seen.add(key)
                units.append((f, e["directory"], args))
            units.sort(key=lambda u: u[0])
            chosen = sample_evenly(units, a.sample)
            print("[%s] %s: %d C++ units, measuring %d x%d (interleaved)%s"
                  % (name, cdb_file, len(units), len(chosen), a.repeat,
                     "" if not a.sample else " (sample)"), file=sys.stderr, flush=True)
            results = []
            for idx, (f, cwd, args) in enumerate(chosen, 1):
                if a.compiler:
                    args = [a.compiler] + args[1:]
                # one output path for both sides (runs are serial), so that the
                # commands differ only by the treatment flags
                obj = os.path.join(tmpdir, "unit.o")
                obj_a = obj_b = obj
                base_a = base_b = rewrite_args(args, obj)
                if base_a is None:
                    continue
                # extra flags go right after the compiler; the treatment too, so
                # that the source file stays last as in the original command
                cmd_a = [base_a[0]] + a.extra_flag + base_a[1:]
                cmd_b = [base_b[0]] + a.extra_flag + treatment + base_b[1:]
                u = {"project": name, "file": f, "directory": cwd,
                     "cmd_b": cmd_b, "warnings": 0}
                ra, rb = [], []
                for _ in range(a.warmup):
                    run_once(cmd_a, cwd, obj_a, tmpdir, a.timeout, env)
                    run_once(cmd_b, cwd, obj_b, tmpdir, a.timeout, env)
                for _ in range(a.repeat):
                    ra.append(run_once(cmd_a, cwd, obj_a, tmpdir, a.timeout, env))
                    rb.append(run_once(cmd_b, cwd, obj_b, tmpdir, a.timeout, env))
                a_ok = [r for r in ra if r.rc == 0]
                u["rc_a"] = ra[0].rc
                u["rc_b"] = next((r.rc for r in rb if r.rc != 0), 0)
                b_crash = [r for r in rb if r.rc != 0 or is_crash(r.stderr)]
                u["warnings"] = count_warnings(rb[0].stderr)
                u["warnings_in_baseline"] = count_warnings(ra[0].stderr)
                for r in rb:
                    for g in extract_findings(r.stderr, cwd):
                        all_findings.setdefault(g, f)
                if len(a_ok) < len(ra):
                    u["status"] = "baseline-failed"
                    u["detail"] = ra[0].stderr.strip().splitlines()[-1:] if ra[0].stderr else ""
                elif b_crash:
                    # a crash proper (signal, stack dump) or a failure the
                    # baseline does not have (e.g. the plugin's warnings under
                    # -Werror, a load error): both are listed as crashes
                    u["status"] = "crash"
                    r = b_crash[0]
                    u["rc_b"] = r.rc
                    kind = ("stack dump" if is_crash(r.stderr) else
                            "signal %d" % -r.rc if r.rc < 0 else "exit %d" % r.rc)
                    tail = [l for l in r.stderr.splitlines() if l.strip()]
                    u["detail"] = (kind + ": " + " | ".join(tail[-3:]))[:500]
                    u["stderr_b"] = r.stderr[-20000:]
                else:
                    da = {r.digest for r in ra}
                    db = {r.digest for r in rb}
                    u["nondeterministic"] = len(da) > 1
                    # an object that differs between identical baseline runs
                    # (timestamps, __DATE__) cannot be judged
                    u["status"] = "mismatch" if (len(da) == 1 and da != db) else "ok"
                if u["status"] in ("ok", "mismatch"):
                    u["wall_a"] = median([r.wall for r in ra])
                    u["wall_b"] = median([r.wall for r in rb])
                    u["cpu_a"] = median([r.cpu for r in ra])
                    u["cpu_b"] = median([r.cpu for r in rb])
                results.append(u)
                msg = "  [%d/%d] %-8s %s" % (idx, len(chosen), u["status"], os.path.relpath(f, os.path.dirname(cdb_file)))
                if "wall_a" in u:
                    msg += "  wall %.3fs/%.3fs (x%.3f) cpu x%.3f  warnings %d" % (
                        u["wall_a"], u["wall_b"], u["wall_b"] / u["wall_a"],
                        u["cpu_b"] / u["cpu_a"] if u["cpu_a"] else float("nan"), u["warnings"])
                if a.verbose or u["status"] != "ok":
                    print(msg, file=sys.stderr, flush=True)
                elif idx % 10 == 0 or idx == len(chosen):
                    print("  [%d/%d] ..." % (idx, len(chosen)), file=sys.stderr, flush=True)
            projects.append((name, results))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    print()
    print("weakify plugin overhead  (B = %s; A = baseline; %d timed runs per side, interleaved)"
          % (label_b if label_b != "plugin" else " ".join(treatment), a.repeat))
    all_units = []
    summaries = {}
    bad = False
    for name, results in projects:
        s = summarize(results)
        summaries[name] = s
        print(fmt_summary(name, s, label_b))
        all_units += results
        bad |= bool(s["crashes"] or s["mismatches"])
    if len(projects) > 1:
        s = summarize(all_units)
        summaries["overall"] = s
        print(fmt_summary("overall", s, label_b))
    if any(u.get("warnings_in_baseline") for u in all_units):
        print("note: some baseline runs already print [weakify-...] (plugin in the build flags?)")

    if a.findings:
        with open(a.findings, "w") as fh:
            for g in sorted(all_findings):
                fh.write("\n".join(g) + "\n")
                fh.write("  (unit: %s)\n\n" % all_findings[g])
        print("findings: %d distinct warnings written to %s" % (len(all_findings), a.findings))
    if a.json:
        def clean(s):
            return {k: ([{kk: vv for kk, vv in u.items() if kk != "stderr_b"} for u in v]
                        if isinstance(v, list) else v) for k, v in s.items()}
        with open(a.json, "w") as fh:
            json.dump({"label_b": label_b, "treatment": treatment, "repeat": a.repeat,
                       "summaries": {k: clean(v) for k, v in summaries.items()},
                       "units": [{k: v for k, v in u.items() if k != "stderr_b"} for u in all_units]},
                      fh, indent=1, default=str)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
