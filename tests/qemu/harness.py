"""A tiny test framework for integration tests: each test is a function
named test_*; the suite prints `PASS name` / `FAIL name: reason` per test
and ends with the line `N passed, M failed`."""
import sys
import time
import traceback


class Fail(Exception):
    pass


def check(cond, msg="check failed"):
    if not cond:
        raise Fail(msg)


def main(module_globals, only=None):
    tests = [(n, f) for n, f in module_globals.items()
             if n.startswith("test_") and callable(f)]
    if len(sys.argv) > 1:
        tests = [(n, f) for n, f in tests if n in sys.argv[1:]]
    passed = failed = 0
    for name, fn in tests:
        t0 = time.monotonic()
        try:
            fn()
        except Exception as e:          # noqa: BLE001 - report every failure
            failed += 1
            detail = str(e) if isinstance(e, Fail) else traceback.format_exc()
            print("FAIL %s (%.1fs): %s" % (name, time.monotonic() - t0, detail),
                  flush=True)
        else:
            passed += 1
            print("PASS %s (%.1fs)" % (name, time.monotonic() - t0), flush=True)
    print("%d passed, %d failed" % (passed, failed), flush=True)
    sys.exit(1 if failed else 0)
