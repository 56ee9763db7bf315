#!/usr/bin/env python3
"""Runs one source file through all three weakify front ends and checks they agree.

  frontends.py messages FILE [-- FLAGS...]
      Prints the weakify diagnostics (warnings and their notes) as
      `path:line:col: kind: message`, once. Exits 1 when clang-tidy, the
      compiler plugin and `weakify --per-unit` disagree (and shows how), when
      the two whole-program paths (`weakify`, and the plugin's facts in an
      object file read by `weakify report`) disagree, or when the whole
      program loses a warning that the unit alone proves.
  frontends.py fix FILE OUT [-- FLAGS...]
      Fixes a copy of FILE with each front end (clang-tidy -fix, the plugin's
      export-fixes + clang-apply-replacements, weakify --fix), checks the
      three results are identical and that fixing again changes nothing,
      then writes the result to OUT.

The tools come from the environment lit sets: WEAKIFY_CLANG_TIDY,
WEAKIFY_TIDY_MODULE, WEAKIFY_CLANGXX, WEAKIFY_PLUGIN, WEAKIFY_TOOL,
WEAKIFY_APPLY_REPLACEMENTS. CHECK-* comments are blanked out first (keeping
line numbers) so that fixes are checked on code, not on the expectations.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(?P<loc>[^ :][^:]*:\d+:\d+): (?P<kind>warning|error|note): (?P<msg>.*)$")
NOTE_TAG = re.compile(r" \[weakify-[a-z-]+\]$")
CHECK_COMMENT = re.compile(r"//\s*CHECK-[A-Z0-9-]*:.*$", re.M)


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"frontends.py: {name} is not set")
    return value


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def weakify_lines(text):
    """Warnings tagged [weakify-...] and the notes that follow them."""
    out, keep = [], False
    for line in text.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        if "[clang-tidy-nolint]" in m["msg"]:
            # clang-tidy may print it between a warning and its notes, and
            # then tags those notes with the check's name too.
            continue
        if m["kind"] in ("warning", "error"):
            keep = "[weakify-" in m["msg"]
        elif keep:
            line = NOTE_TAG.sub("", line)
        if keep:
            out.append(line)
    return out


def compile_flags(flags):
    return ["-std=c++17"] + flags


def tidy_messages(path, flags):
    r = run([env("WEAKIFY_CLANG_TIDY"), "--load=" + env("WEAKIFY_TIDY_MODULE"),
             "--checks=-*,weakify-*", "--quiet", path, "--"] + compile_flags(flags))
    return weakify_lines(r.stdout)


def plugin_messages(path, flags, extra=()):
    r = run([env("WEAKIFY_CLANGXX"), "-fsyntax-only", "-fplugin=" + env("WEAKIFY_PLUGIN"),
             *extra] + compile_flags(flags) + [path])
    return weakify_lines(r.stderr), r


def write_compdb(path, flags):
    directory = os.path.dirname(path)
    db = [{"directory": directory, "file": path,
           "arguments": [env("WEAKIFY_CLANGXX")] + compile_flags(flags) + ["-c", path]}]
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(db, f)


def tool_messages(path, flags, extra=()):
    write_compdb(path, flags)
    r = run([env("WEAKIFY_TOOL"), "-p", os.path.dirname(path), *extra])
    return weakify_lines(r.stdout), r


def report_messages(path, flags):
    """The plugin's facts, carried in an object file, read by weakify report."""
    obj = path + ".o"
    r = run([env("WEAKIFY_CLANGXX"), "-c", "-w", "-fplugin=" + env("WEAKIFY_PLUGIN"),
             "-fplugin-arg-weakify-facts"] + compile_flags(flags) + [path, "-o", obj])
    if r.returncode != 0:
        return ["compile failed: " + r.stderr]
    r = run([env("WEAKIFY_TOOL"), "report", obj])
    return weakify_lines(r.stdout)


def warnings_of(lines):
    return [l for l in lines if DIAG.match(l) and DIAG.match(l)["kind"] != "note"]


def split_args(argv):
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, []


def prepared_copy(src, directory):
    """FILE with CHECK comments blanked, as DIR/basename."""
    os.makedirs(directory, exist_ok=True)
    dst = os.path.join(directory, os.path.basename(src))
    with open(src) as f:
        text = CHECK_COMMENT.sub("//", f.read())
    with open(dst, "w") as f:
        f.write(text)
    return dst


def disagree(results):
    names = list(results)
    first = results[names[0]]
    bad = [n for n in names[1:] if results[n] != first]
    if not bad:
        return False
    for n in names:
        print(f"--- {n} ---", file=sys.stderr)
        print("\n".join(results[n]) if isinstance(results[n], list) else results[n],
              file=sys.stderr)
    return True


def messages(args, flags):
    (src,) = args
    work = tempfile.mkdtemp(prefix="weakify-msg-")
    try:
        path = prepared_copy(src, work)
        plugin, _ = plugin_messages(path, flags)
        compiled = run([env("WEAKIFY_CLANGXX"), "-fsyntax-only"] + compile_flags(flags) + [path])
        if compiled.returncode != 0:
            # A unit that does not compile is not analysed: the test would
            # prove nothing.
            print("frontends.py: the test file does not compile:\n" + compiled.stderr,
                  file=sys.stderr)
            return 1
        results = {"clang-tidy": tidy_messages(path, flags),
                   "plugin": plugin,
                   "weakify --per-unit": tool_messages(path, flags, ["--per-unit"])[0]}
        if disagree(results):
            print("frontends.py: the front ends disagree", file=sys.stderr)
            return 1
        whole = {"weakify": tool_messages(path, flags)[0],
                 "weakify report": report_messages(path, flags)}
        if disagree(whole):
            print("frontends.py: the whole-program paths disagree", file=sys.stderr)
            return 1
        lost = set(warnings_of(results["clang-tidy"])) - set(warnings_of(whole["weakify"]))
        if lost:
            print("frontends.py: the whole program loses warnings the unit proves:\n" +
                  "\n".join(sorted(lost)), file=sys.stderr)
            return 1
        # Print paths relative to nothing: FileCheck patterns match suffixes.
        for line in results["clang-tidy"]:
            print(line)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fix_with_tidy(path, flags):
    run([env("WEAKIFY_CLANG_TIDY"), "--load=" + env("WEAKIFY_TIDY_MODULE"),
         "--checks=-*,weakify-*", "--quiet", "-fix", path, "--"] + compile_flags(flags))


def fix_with_plugin(path, flags):
    fixes = path + ".fixes"
    run([env("WEAKIFY_CLANGXX"), "-fsyntax-only", "-fplugin=" + env("WEAKIFY_PLUGIN"),
         "-fplugin-arg-weakify-export-fixes=" + fixes] + compile_flags(flags) + [path])
    run([env("WEAKIFY_APPLY_REPLACEMENTS"), fixes])
    shutil.rmtree(fixes, ignore_errors=True)


def fix_with_tool(path, flags):
    write_compdb(path, flags)
    run([env("WEAKIFY_TOOL"), "-p", os.path.dirname(path), "--per-unit", "--fix"])


def fix(args, flags):
    src, out = args
    work = tempfile.mkdtemp(prefix="weakify-fix-")
    try:
        results = {}
        for name, fixer in (("clang-tidy", fix_with_tidy), ("plugin", fix_with_plugin),
                            ("weakify", fix_with_tool)):
            path = prepared_copy(src, os.path.join(work, name))
            fixer(path, flags)
            with open(path) as f:
                results[name] = f.read()
        if disagree(results):
            print("frontends.py: the front ends fix differently", file=sys.stderr)
            return 1
        # A second round must change nothing.
        again = os.path.join(work, "again", os.path.basename(src))
        os.makedirs(os.path.dirname(again))
        with open(again, "w") as f:
            f.write(results["clang-tidy"])
        fix_with_tidy(again, flags)
        with open(again) as f:
            if f.read() != results["clang-tidy"]:
                print("frontends.py: fixing twice changes the code", file=sys.stderr)
                return 1
        with open(out, "w") as f:
            f.write(results["clang-tidy"])
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if not argv or argv[0] not in ("messages", "fix"):
        sys.exit(__doc__)
    args, flags = split_args(argv[1:])
    return messages(args, flags) if argv[0] == "messages" else fix(args, flags)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
