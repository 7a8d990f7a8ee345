#!/usr/bin/env python3
"""Run every test suite and print one total as the last line.

A suite is a host test binary (from HOST_TESTS) or a QEMU integration
script tests/qemu/test_*.py. Each must end its output with the line
`N passed, M failed`. A suite that crashes, times out or prints no summary
counts as one failure, so nothing fails silently.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed\s*$")
# (suite, a few lines) for each failing suite, repeated just above the total:
# CI often keeps only the tail of the output, and it should name what failed.
FAILURES = []
HOST_TIMEOUT = int(os.environ.get("HOST_TEST_TIMEOUT", "300"))
QEMU_TIMEOUT = int(os.environ.get("QEMU_SUITE_TIMEOUT", "600"))


def run_suite(name, cmd, timeout, log_dir):
    t0 = time.monotonic()
    log_path = os.path.join(log_dir, re.sub(r"[^\w.-]", "_", name) + ".log")
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout,
                           start_new_session=True)
        out = p.stdout.decode("utf-8", "replace")
        rc = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        out += "\n[run.py] suite timed out after %ds\n" % timeout
        rc = -1
    with open(log_path, "w") as f:
        f.write(out)
    lines = [l for l in out.splitlines() if l.strip()]
    m = SUMMARY.match(lines[-1]) if lines else None
    dt = time.monotonic() - t0
    if not m:
        print("SUITE %-40s no summary line (exit %s), counted as 1 failure; log %s"
              % (name, rc, log_path), flush=True)
        tail = ["    | " + l[:500] for l in lines[-15:]]
        for l in tail:
            print(l)
        FAILURES.append(("%s: no summary line (exit %s)" % (name, rc), tail[-6:]))
        return 0, 1
    passed, failed = int(m.group(1)), int(m.group(2))
    if rc != 0 and failed == 0:
        failed = 1
        print("    | suite exited %s despite reporting no failures" % rc)
    print("SUITE %-40s %3d passed, %d failed  (%.0fs)" % (name, passed, failed, dt),
          flush=True)
    fails = ["    | " + l[:2000] for l in lines if l.startswith("FAIL")]
    for l in fails:
        print(l)
    if rc != 0 or failed:
        FAILURES.append(("%s: %d failed (exit %s)" % (name, failed, rc),
                         [l[:300] for l in fails[:5]]))
    return passed, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--host-only", action="store_true")
    ap.add_argument("--qemu-only", action="store_true")
    ap.add_argument("--filter", default=os.environ.get("TESTS", ""),
                    help="only suites whose name contains this")
    ap.add_argument("host_tests", nargs="*")
    a = ap.parse_args()
    log_dir = os.path.join(ROOT, a.build, "test-logs")
    os.makedirs(log_dir, exist_ok=True)
    suites = []
    if not a.qemu_only:
        for t in a.host_tests:
            suites.append((os.path.basename(t), [os.path.join(ROOT, t)], HOST_TIMEOUT))
    if not a.host_only:
        for s in sorted(glob.glob(os.path.join(ROOT, "tests/qemu/test_*.py"))):
            suites.append(("qemu/" + os.path.basename(s),
                           ["/usr/bin/python3", s], QEMU_TIMEOUT))
    if a.filter:
        suites = [s for s in suites if a.filter in s[0]]
    total_p = total_f = 0
    t0 = time.monotonic()
    for name, cmd, timeout in suites:
        p, f = run_suite(name, cmd, timeout, log_dir)
        total_p += p
        total_f += f
    print("(all suites: %.0fs, logs in %s)" % (time.monotonic() - t0, log_dir))
    for what, detail in FAILURES:
        print("FAILED SUITE " + what)
        for l in detail:
            print(l)
    print("%d passed, %d failed" % (total_p, total_f))
    sys.exit(1 if total_f else 0)


if __name__ == "__main__":
    main()
