#!/usr/bin/env python3
"""The GDB narration script (tools/gdb/narrate.py) attached to a running
guest: each step of the socket path is printed, in order, while a program
in the guest opens sockets."""
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main              # noqa: E402
from qemu import KERNEL_ELF, ROOT, free_port  # noqa: E402
from guest import Guest                      # noqa: E402


def narrate(port, seconds, during):
    """Run gdb with the script for `seconds` while `during()` drives the
    guest; return gdb's output."""
    out = {}

    def run_gdb():
        r = subprocess.run(
            ["gdb", "-q", "-batch", "-nx", "-ex", "set architecture i386:x86-64",
             "-ex", "target remote 127.0.0.1:%d" % port,
             "-x", os.path.join(ROOT, "tools/gdb/narrate.py"),
             "-ex", "narrate run %d" % seconds, KERNEL_ELF],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=seconds + 120)
        out["text"] = r.stdout

    t = threading.Thread(target=run_gdb)
    t.start()
    time.sleep(4)                       # gdb attached, breakpoints set
    during()
    t.join(seconds + 130)
    return out.get("text", "")


def test_socket_path_narrated():
    port = free_port()
    g = Guest(mem="128M", extra=["-gdb", "tcp:127.0.0.1:%d" % port]).boot()
    try:
        text = narrate(port, 25, lambda: g.run("echo hi | nc -u -w 1 127.0.0.1 7", timeout=60))
    finally:
        g.kill()
    lines = [l for l in text.splitlines() if l.startswith("[narrate]")]
    check(any("breakpoints set" in l for l in lines), "script did not start:\n" + text[-2000:])
    steps = [l for l in lines if "breakpoints set" not in l]
    order = ["sys_socket", "inet_create", "sock_map_fd"]
    pos = []
    for name in order:
        idx = next((i for i, l in enumerate(steps) if name in l), None)
        check(idx is not None, "no %s step in:\n%s" % (name, "\n".join(steps)))
        pos.append(idx)
    check(pos == sorted(pos), "steps out of order:\n" + "\n".join(steps))


if __name__ == "__main__":
    main(globals())
