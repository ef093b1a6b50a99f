#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson test logs and prints "N passed, N failed[, N skipped]".

A TAP test program counts each of its "ok" / "not ok" lines; a program that crashed or timed
out before finishing its plan counts as one more failure.  Fuzzer result lines ("name: ok",
"name: FAILED") given with --extra count one each.
"""
import json
import re
import sys


def main(argv):
    extra = ""
    paths = []
    args = iter(argv)
    for arg in args:
        if arg == "--extra":
            extra = next(args, "")
        else:
            paths.append(arg)

    passed = failed = skipped = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
        except OSError:
            print(f"count-results: no test log at {path}", file=sys.stderr)
            failed += 1
            continue
        for line in lines:
            record = json.loads(line)
            out = record.get("stdout") or ""
            skip = len(re.findall(r"^ok \d+.*# SKIP", out, re.M))
            ok = len(re.findall(r"^ok \d+", out, re.M)) - skip
            bad = len(re.findall(r"^not ok \d+", out, re.M))
            passed += ok
            skipped += skip
            failed += bad
            if record.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
                # crashed, timed out or failed outside a test case
                failed += 1
            if ok + skip + bad == 0 and record.get("result") == "OK":
                passed += 1

    for line in extra.splitlines():
        if re.search(r": ok\b", line):
            passed += 1
        elif "FAILED" in line:
            failed += 1

    # The closing line CI reads is exactly "N passed, N failed"; skips go on the line before.
    print(f"{skipped} skipped")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
