#!/usr/bin/env python3
"""The GDB narration script (tools/gdb/narrate.py) attached to a running
guest: each step of the socket path and of a TCP handshake and close is
printed, in order, while programs in the guest use sockets."""
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
    lines = []
    ready = threading.Event()
    p = subprocess.Popen(
        ["gdb", "-q", "-batch", "-nx", "-ex", "set architecture i386:x86-64",
         "-ex", "target remote 127.0.0.1:%d" % port,
         "-x", os.path.join(ROOT, "tools/gdb/narrate.py"),
         "-ex", "narrate run %d" % seconds, KERNEL_ELF],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def read_gdb():
        for line in p.stdout:
            lines.append(line)
            if "breakpoints set" in line:
                ready.set()

    t = threading.Thread(target=read_gdb, daemon=True)
    t.start()
    try:
        # Drive the guest only once the breakpoints are in (a fixed sleep
        # loses this race on a loaded machine).
        if ready.wait(60):
            time.sleep(0.5)             # gdb has continued the guest
            during()
        try:
            p.wait(seconds + 120)
        except subprocess.TimeoutExpired:
            pass
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    t.join(10)
    return "".join(lines)


def in_order(steps, order, start=0):
    """Check each text of `order` appears in `steps` after the previous
    one (from index `start`); returns the index of the last."""
    i = start
    for text in order:
        idx = next((j for j in range(i, len(steps)) if text in steps[j]), None)
        check(idx is not None, "no %r after step %d in:\n%s" % (text, i, "\n".join(steps)))
        i = idx + 1
    return i - 1


def test_socket_path_narrated():
    port = free_port()
    g = Guest(mem="128M", extra=["-gdb", "tcp:127.0.0.1:%d" % port]).boot()
    out = {}

    def drive():
        out["udp"] = g.run("echo hi | nc -u -w 1 127.0.0.1 7", timeout=60)
        out["tcp"] = g.run("echo tcp-hi | nc 127.0.0.1 7", timeout=60)
    try:
        text = narrate(port, 40, drive)
    finally:
        g.kill()
    check(out.get("udp", ("", 1))[0].strip() == "hi", "udp echo: %r" % (out.get("udp"),))
    check(out.get("tcp", ("", 1))[0].strip() == "tcp-hi", "tcp echo: %r" % (out.get("tcp"),))
    lines = [l for l in text.splitlines() if l.startswith("[narrate]")]
    check(any("breakpoints set" in l for l in lines), "script did not start:\n" + text[-2000:])
    steps = [l for l in lines if "breakpoints set" not in l]
    print("\n".join(steps))
    check(not any("-> ?" in l or "? ->" in l for l in steps),
          "a state change read wrongly:\n" + "\n".join(steps))
    # UDP: socket() to a file
    in_order(steps, ["sys_socket", "inet_create", "sock_map_fd"])
    # TCP over loopback to the echo service: the client's active open, the
    # listener's request sock and child, then the close down to TIME_WAIT.
    first = next((i for i, l in enumerate(steps) if "tcp_v4_connect" in l), len(steps))
    check(first < len(steps), "no tcp_v4_connect step in:\n" + "\n".join(steps))
    in_order(steps, ["inet_create", "sock_map_fd"], max(0, first - 3))
    in_order(steps, ["tcp_v4_connect", "CLOSE -> SYN_SENT", "tcp_connect",
                     "tcp_conn_request", "tcp_rcv_synsent_state_process",
                     "SYN_SENT -> ESTABLISHED"], first)
    in_order(steps, ["tcp_conn_request", "tcp_check_req", "tcp_v4_syn_recv_sock",
                     "SYN_RECV -> ESTABLISHED"], first)
    in_order(steps, ["ESTABLISHED -> FIN_WAIT1", "tcp_send_fin", "tcp_fin",
                     "tcp_time_wait"], first)
    in_order(steps, ["CLOSE_WAIT -> LAST_ACK"], first)


if __name__ == "__main__":
    main(globals())
