"""Runs a plain build and an instrumented build of one program and checks
that the audit changes nothing the program shows: same stdout, same exit
status. Then prints the audit's sites, one line each, for FileCheck:

  SITE <check> <file name>:<line> <name> retained=N peak=N total=N <status>

Usage: audited_run.py PLAIN AUDITED AUDIT_JSON [ARGS...]
"""
import json
import os
import subprocess
import sys


def run(program, args, env):
    return subprocess.run([program] + args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env)


def main():
    plain, audited, audit_json = sys.argv[1:4]
    args = sys.argv[4:]
    env = dict(os.environ)
    env.pop("WEAKIFY_AUDIT", None)
    before = run(plain, args, env)
    env["WEAKIFY_AUDIT"] = audit_json
    after = run(audited, args, env)
    if before.stdout != after.stdout or before.returncode != after.returncode:
        print("DIFFERENT: plain exit %d, audited exit %d" %
              (before.returncode, after.returncode))
        print("plain stdout:\n" + before.stdout.decode())
        print("audited stdout:\n" + after.stdout.decode())
        print("audited stderr:\n" + after.stderr.decode())
        return 1
    print("same stdout and exit status %d" % before.returncode)
    sys.stdout.write("".join("STDERR " + line + "\n" for line in
                             after.stderr.decode().splitlines()))
    with open(audit_json) as f:
        audit = json.load(f)
    print("version %d" % audit["version"])
    for site in audit["sites"]:
        print("SITE %s %s:%d %s retained=%d peak=%d total=%d %s" % (
            site["check"], os.path.basename(site["file"]), site["line"],
            site["name"], site["retained"], site["peak"], site["total"],
            site["status"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
