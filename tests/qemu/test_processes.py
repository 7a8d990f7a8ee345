#!/usr/bin/env python3
"""Processes, the shell, the VFS and the syscall layer, driven over the
serial console like a user would (issue: processes, user mode, VFS)."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main  # noqa: E402
from guest import Guest          # noqa: E402

G = None


def guest():
    global G
    if G is None:
        G = Guest(mem="128M").boot()
    return G


def test_pipe_echo_cat():
    out, st = guest().run("echo hello | cat")
    check(out == "hello" and st == 0, "got %r status %d" % (out, st))


def test_three_stage_pipe():
    out, st = guest().run("echo one two three | cat | cat")
    check(out == "one two three", "got %r" % out)


def test_null_deref_killed_shell_survives():
    out, st = guest().run("crash")
    check("Segmentation fault" in out, "no crash report in %r" % out)
    check(st == 139, "status %d, want 139 (128+SIGSEGV)" % st)
    out, st = guest().run("echo still here")
    check(out == "still here", "shell did not survive: %r" % out)


def test_ps_lists_init_and_sh():
    out, st = guest().run("ps")
    lines = out.splitlines()
    check(st == 0 and re.search(r"PID\s+PPID", lines[0]), "header: %r" % out)
    rows = [l.split(None, 3) for l in lines[1:]]
    check(any(r[0] == "1" and r[3].split()[0].endswith("init") for r in rows),
          "no init as pid 1:\n" + out)
    check(any(r[3].split()[0].split("/")[-1] == "sh" for r in rows), "no sh:\n" + out)


def test_redirection_and_files():
    g = guest()
    g.run("echo first > /tmp/f")
    g.run("echo second >> /tmp/f")
    out, st = g.run("cat < /tmp/f")
    check(out == "first\nsecond", "got %r" % out)
    out, st = g.run("ls /tmp")
    check("f" in out.split(), "ls /tmp: %r" % out)
    out, st = g.run("rm /tmp/f; cat /tmp/f")
    check(st != 0 and "No such file" in out, "after rm: %r %d" % (out, st))


def test_exit_status():
    out, st = guest().run("false")
    check(st == 1, "false gave %d" % st)
    out, st = guest().run("true")
    check(st == 0, "true gave %d" % st)
    out, st = guest().run("nosuchprogram")
    check(st == 127 and "not found" in out, "%r %d" % (out, st))


def test_background_job():
    g = guest()
    t0 = time.monotonic()
    out, st = g.run("sleep 2 &")
    check(time.monotonic() - t0 < 1.9, "background job blocked the shell")
    out, st = g.run("wait; echo waited")
    check("waited" in out, out)


def test_ctrl_c_kills_foreground_only():
    g = guest()
    g.send("sleep 30\r")
    time.sleep(1.0)
    g.send("\x03")
    g.expect(r"\$ ", timeout=10)
    out, st = g.run("echo $?")
    check(out.strip() == "130", "status after ^C: %r" % out)


def test_proc_files():
    g = guest()
    out, _ = g.run("cat /proc/meminfo")
    check(re.search(r"MemTotal:\s+\d+ kB", out), out)
    out, _ = g.run("cat /proc/uptime")
    check(re.match(r"\d+\.\d\d \d+\.\d\d", out), out)
    out, _ = g.run("free")
    check("Mem:" in out, out)
    out, _ = g.run("uptime")
    check("up" in out, out)
    out, _ = g.run("dmesg")
    check("teachos 0.1" in out, "dmesg lacks the banner")


def test_systest_in_guest():
    """The syscall suite (processes, pipes, fds, files, errors) runs in the
    guest; every one of its checks must pass."""
    out, st = guest().run("systest", timeout=300)
    m = re.search(r"(\d+) passed, (\d+) failed", out)
    check(m, "no summary:\n" + out[-2000:])
    fails = [l for l in out.splitlines() if l.startswith("FAIL")]
    check(int(m.group(2)) == 0 and st == 0, "\n".join(fails))
    check(int(m.group(1)) >= 100, "only %s checks ran" % m.group(1))


def slab_active(g):
    out, _ = g.run("cat /proc/slabinfo")
    counts = {}
    for l in out.splitlines()[1:]:
        f = l.split()
        if len(f) >= 2 and f[1].isdigit():
            counts[f[0]] = int(f[1])
    return counts


def memfree(g):
    out, _ = g.run("cat /proc/meminfo")
    return int(re.search(r"MemFree:\s+(\d+)", out).group(1))


def test_syscall_fuzz_no_crash_no_leak():
    """Random syscall numbers and arguments (bad pointers, kernel addresses)
    for many thousands of calls: the kernel keeps running, and a second
    run leaks nothing (same objects in every cache, same free memory)."""
    g = guest()
    out, st = g.run("sysfuzz 3000", timeout=600)
    check("3000 calls done" in out, out[-1500:])
    before, free0 = slab_active(g), memfree(g)
    out, st = g.run("sysfuzz 10000", timeout=600)
    check("10000 calls done" in out, out[-1500:])
    after, free1 = slab_active(g), memfree(g)
    diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after)
            if before.get(k) != after.get(k)}
    check(not diff, "objects leaked (cache: before, after): %r" % diff)
    check(abs(free1 - free0) <= 64, "MemFree %d kB -> %d kB" % (free0, free1))
    out, st = g.run("echo alive")
    check(out == "alive", "kernel no longer answering")


if __name__ == "__main__":
    try:
        main(globals())
    finally:
        if G:
            G.kill()
