#!/usr/bin/env python3
"""Prints `RULE FINGERPRINT` for each result of a SARIF log, in order.

  sarif-fingerprints.py LOG.sarif
"""
import json
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
with open(sys.argv[1]) as f:
    log = json.load(f)
for run in log["runs"]:
    for result in run["results"]:
        print(result["ruleId"], result["partialFingerprints"]["weakify/v1"])
