"""Helpers for the host tests of the user programs (run natively on Linux).

Each test script calls check(name, ok, detail) per check and finish() at
the end, which prints the runner's last line "N passed, M failed" and sets
the exit status. BIN is the directory of the built programs."""
import os
import socket
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
# build/user-tests/<script> -> build/user/bin
BIN = os.environ.get("USER_BIN") or os.path.normpath(os.path.join(HERE, "..", "user", "bin"))
_passed = 0
_failed = 0


def check(name, ok, detail=""):
    global _passed, _failed
    if ok:
        _passed += 1
        print("PASS " + name)
    else:
        _failed += 1
        print("FAIL %s: %s" % (name, detail))
    sys.stdout.flush()


def group(fn):
    """Run one group of checks; an exception fails the group by name
    instead of losing the whole suite's count."""
    try:
        fn()
    except Exception:
        check(fn.__name__ + "_completed", False, traceback.format_exc())


def finish():
    print("%d passed, %d failed" % (_passed, _failed))
    sys.stdout.flush()
    sys.exit(1 if _failed else 0)


def prog(name):
    return os.path.join(BIN, name)


def run(args, timeout=10, **kw):
    """Run a program; returns CompletedProcess (text mode)."""
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kw)


def wait_bound(port, kind=socket.SOCK_STREAM, timeout=10):
    """Wait until some socket listens on (TCP) or is bound to (UDP) the
    port, read from /proc/net so the server sees no probe connection.
    A fixed sleep loses this race on a loaded machine."""
    table, state = ("/proc/net/tcp", "0A") if kind == socket.SOCK_STREAM else \
        ("/proc/net/udp", "07")
    want = ":%04X" % port
    deadline = time.time() + timeout
    while time.time() < deadline:
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1].endswith(want) and fields[3] == state:
                    return True
        time.sleep(0.02)
    return False


def free_port(kind=socket.SOCK_DGRAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
