#!/usr/bin/env python3
"""Validates SARIF logs with Microsoft's SARIF multitool.

  sarif-validate.py MULTITOOL WORK_DIR [--allow RULE]... LOG.sarif...

Runs `MULTITOOL validate` over the logs and reads its verdicts (a SARIF log
itself): any error fails, and so does a warning of a rule that --allow does
not name. Prints one line per verdict, then `valid: N logs, W warnings
allowed` when the logs pass. A missing multitool is a failure that says how
to install it, never a skipped test.
"""
import json
import os
import subprocess
import sys

INSTALLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                         "..", "build", "node-tools", "node_modules",
                         "@microsoft", "sarif-multitool-linux",
                         "Sarif.Multitool")


def find_multitool(configured):
    # CMake looks once, at configure time; an install made since is found
    # where scripts/install-deps.sh puts it.
    for candidate in (configured, INSTALLED):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("error: the SARIF multitool is not installed (CMake found '%s'); "
             "run scripts/install-deps.sh, then cmake again" % configured)


def parse_arguments(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    multitool, work_dir, rest = argv[0], argv[1], argv[2:]
    allowed, logs = set(), []
    while rest:
        if rest[0] == "--allow" and len(rest) > 1:
            allowed.add(rest[1])
            rest = rest[2:]
        else:
            logs.append(rest[0])
            rest = rest[1:]
    if not logs:
        sys.exit(__doc__)
    return multitool, work_dir, allowed, logs


def verdict_text(result, rules):
    """The verdict's message: plain text, or its rule's message string with
    the arguments put in."""
    message = result.get("message", {})
    if "text" in message:
        return message["text"]
    arguments = message.get("arguments", [])
    template = rules.get(result.get("ruleId"), {}).get(
        "messageStrings", {}).get(message.get("id"), {}).get("text")
    if template is None:
        return "; ".join(arguments)
    return template.format(*arguments)


def main(argv):
    configured, work_dir, allowed, logs = parse_arguments(argv)
    multitool = find_multitool(configured)
    os.makedirs(work_dir, exist_ok=True)
    verdicts = os.path.join(work_dir, "validation.sarif")
    run = subprocess.run([multitool, "validate", "--log", "ForceOverwrite",
                          "-o", verdicts] + logs,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True)
    if run.returncode != 0 or not os.path.exists(verdicts):
        sys.exit("error: the multitool failed (status %d):\n%s" %
                 (run.returncode, run.stdout[:2000]))
    with open(verdicts) as f:
        log = json.load(f)
    failed = False
    warnings = 0
    for validation_run in log["runs"]:
        rules = {rule["id"]: rule
                 for rule in validation_run["tool"]["driver"].get("rules", [])}
        for notification in validation_run.get("invocations", [{}])[0].get(
                "toolExecutionNotifications", []):
            if notification.get("level") == "error":
                print("multitool error: %s" % verdict_text(notification, rules))
                failed = True
        for result in validation_run.get("results", []):
            level = result.get("level", "warning")
            if level == "note" or result.get("kind", "fail") != "fail":
                continue
            rule = result.get("ruleId")
            print("%s %s: %s" % (level, rule, verdict_text(result, rules)))
            if level == "warning" and rule in allowed:
                warnings += 1
            else:
                failed = True
    sys.stdout.flush()
    if failed:
        sys.exit("error: the SARIF multitool rejected %s" % " ".join(logs))
    print("valid: %d logs, %d warnings allowed" % (len(logs), warnings))


if __name__ == "__main__":
    main(sys.argv[1:])
