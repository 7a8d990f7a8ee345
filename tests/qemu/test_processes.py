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


def test_pipeline_with_text_tools():
    # [u] keeps grep from matching its own command line, which ps may
    # or may not list (both run at once), as on any Unix.
    out, st = guest().run("ps | grep '[u]dpecho'")
    check(st == 0 and len(out.strip().splitlines()) == 1 and "/bin/udpecho -p 7" in out,
          repr(out))
    out, st = guest().run("echo one | grep two")
    check(st == 1 and out.strip() == "", "no match must exit 1: %r %d" % (out, st))
    out, st = guest().run("cat /proc/meminfo | head -n 1 | wc -l")
    check(st == 0 and out.strip().splitlines()[-1] == "1", repr(out))


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


def test_kill_tool():
    g = guest()
    g.run("sleep 100 &")
    out, _ = g.run("ps")
    pids = [l.split()[0] for l in out.splitlines()[1:] if l.split()[-2:] == ["sleep", "100"]
            or l.split()[-1] == "sleep"]
    check(pids, "no sleep in ps:\n" + out)
    out, st = g.run("kill -TERM %s" % pids[0])
    check(st == 0, "kill failed: %r" % out)
    g.run("wait")
    out, _ = g.run("ps")
    check(not any(l.split()[0] == pids[0] for l in out.splitlines()[1:]),
          "sleep survived SIGTERM:\n" + out)
    out, st = g.run("kill -9 999999")
    check(st != 0, "kill of a missing pid succeeded")


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


def settle(g, timeout=20):
    """Wait until the fuzzer's children are gone and reaped by init."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out, _ = g.run("ps")
        rows = [l.split() for l in out.splitlines()[1:]]
        if not any(r[2].startswith("Z") or "sysfuzz" in " ".join(r[3:]) for r in rows):
            return
        time.sleep(0.5)
    raise AssertionError("processes did not settle:\n" + out)


def test_syscall_fuzz_no_crash_no_leak():
    """Random syscall numbers and arguments (bad pointers, kernel addresses)
    for many thousands of calls: the kernel keeps running and leaks
    nothing. The same seeded run is made twice (in a scratch directory, as
    random paths can create files that legitimately stay); after the
    second, every object cache holds exactly what it held after the first,
    and free memory is the same."""
    g = guest()
    g.run("mkdir /tmp/fz; cd /tmp/fz")
    out, st = g.run("sysfuzz -s 7 20000", timeout=600)
    check("20000 calls done" in out, out[-1500:])
    settle(g)
    before, free0 = slab_active(g), memfree(g)
    out, st = g.run("sysfuzz -s 7 20000", timeout=600)
    check("20000 calls done" in out, out[-1500:])
    settle(g)
    after, free1 = slab_active(g), memfree(g)
    g.run("cd /")
    diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after)
            if before.get(k) != after.get(k)}
    check(not diff, "objects leaked (cache: before, after): %r" % diff)
    check(abs(free1 - free0) <= 64, "MemFree %d kB -> %d kB" % (free0, free1))
    out, st = g.run("echo alive")
    check(out == "alive", "kernel no longer answering")


def test_out_of_memory_kills_only_the_hog():
    """A program that touches more memory than the machine has is killed
    when a page cannot be had; the kernel and the shell carry on and the
    memory comes back."""
    g = guest()
    free0 = memfree(g)
    out, st = g.run("memhog 400", timeout=300)
    check(st == 128 + 9 and "touched" not in out, "memhog survived: %r %d" % (out[-300:], st))
    check(re.search(r"Out of memory: killed process \d+ \(memhog\)", g.text()),
          "no out-of-memory report")
    out, st = g.run("echo alive")
    check(out == "alive", "shell gone")
    free1 = memfree(g)
    check(abs(free1 - free0) < 1024, "MemFree %d kB before, %d kB after" % (free0, free1))


def test_poweroff_ends_qemu():
    """Last: poweroff (reboot(2) with LINUX_REBOOT_CMD_POWER_OFF) stops the
    machine; QEMU exits by itself."""
    with Guest(mem="64M") as g:
        g.send("poweroff\r")
        status = g.wait_exit(30)
        check(status == 1, "QEMU exit status %s" % status)
        check("reboot: Power down" in g.text(), g.text()[-500:])


if __name__ == "__main__":
    try:
        main(globals())
    finally:
        if G:
            G.kill()
