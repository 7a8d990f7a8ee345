#!/usr/bin/env python3
"""Boot, memory sizes, in-kernel self-tests, the exception path and GDB."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                       # noqa: E402
from qemu import (EXIT_PANIC, EXIT_PASS, KERNEL_ELF, Qemu,  # noqa: E402
                  free_port, run_selftest)

BANNER = r"teachos 0\.1 x86_64"


def boot_and_check_memory(mem, lo_mib, hi_mib):
    with Qemu(mem=mem) as q:
        q.expect(BANNER, timeout=30)
        m = q.expect(r"memory: (\d+) MiB usable, (\d+) MiB free", timeout=10)
        usable = int(m.group(1))
        check(lo_mib <= usable <= hi_mib,
              "-m %s: %d MiB usable, expected %d..%d" % (mem, usable, lo_mib, hi_mib))
        q.expect(r"time: TSC", timeout=10)


def test_boot_64M():
    boot_and_check_memory("64M", 56, 64)


def test_boot_2G():
    boot_and_check_memory("2G", 1980, 2048)


def selftest(name, timeout=90, mem="64M", cmdline=""):
    status, out = run_selftest(name, timeout=timeout, mem=mem, cmdline=cmdline)
    check(status == EXIT_PASS and ("selftest %s: PASS" % name) in out,
          "selftest %s: exit %s, console:\n%s" % (name, status, out[-2000:]))
    return out


def test_selftest_pmm():
    selftest("pmm")


def test_selftest_pmm_2G():
    selftest("pmm", mem="2G")


def test_selftest_heap():
    selftest("heap")


def test_selftest_timer_wheel():
    selftest("timer_wheel")


def test_cmdline_from_fw_cfg():
    selftest("cmdline", cmdline="st_key=first st_key=second st_flag")


def test_timer_accuracy_against_host_clock():
    """The guest sleeps 1 s on a kernel timer; the host times the same
    interval between the two console lines. Both must be within 10%. The
    host side also times its own reading of the console, which a busy
    machine can delay, so up to three boots are tried: a clock that is
    really off fails them all."""
    tries = []
    for _ in range(3):
        with Qemu(mem="64M", cmdline="test=timer") as q:
            q.expect(r"timer: start", timeout=30)
            t0 = time.monotonic()
            m = q.expect(r"timer: fired after (\d+) ms, (\d+) ticks", timeout=10)
            host_ms = (time.monotonic() - t0) * 1000
            status = q.wait_exit(20)
        guest_ms = int(m.group(1))
        check(status == EXIT_PASS, "selftest failed (exit %s)" % status)
        tries.append((host_ms, guest_ms))
        if 900 <= host_ms <= 1100 and 900 <= guest_ms <= 1100:
            break
    check(900 <= host_ms <= 1100 and 900 <= guest_ms <= 1100,
          "host/guest measured (ms): %s" % ", ".join("%.0f/%d" % t for t in tries))


def test_page_fault_dump_and_backtrace():
    """A deliberate kernel page fault prints the registers, the faulting
    address and a backtrace whose addresses addr2line resolves to the
    same function names the kernel printed."""
    status, out = run_selftest("pagefault", timeout=60)
    check(status == EXIT_PANIC, "expected panic exit %d, got %s" % (EXIT_PANIC, status))
    for pat in [r"Oops: Page fault \(vector 14", r"Faulting address: 000000000dead000",
                r"RIP: 0008:ffffffff8[0-9a-f]{7}", r"CR2: 000000000dead000",
                r"RAX: [0-9a-f]{16}", r"Call Trace:", r"Kernel panic: fatal exception"]:
        check(re.search(pat, out), "missing %r in:\n%s" % (pat, out[-2500:]))
    trace = re.findall(r"\[<(ffffffff[0-9a-f]{8})>\] (\S+)\+0x", out)
    check(len(trace) >= 2, "backtrace too short:\n" + out[-2500:])
    check(any(name.startswith("pagefault_victim") for _, name in trace),
          "faulting function not in trace")
    for addr, name in trace:
        r = subprocess.run(["addr2line", "-f", "-e", KERNEL_ELF, addr],
                           stdout=subprocess.PIPE, text=True, timeout=30)
        func = r.stdout.splitlines()[0]
        check(func == name.split(".")[0] or name.startswith(func),
              "addr2line says %s for %s, kernel printed %s" % (func, addr, name))


def test_gdb_breakpoint_by_name():
    """GDB attaches to QEMU's gdbstub, stops at a kernel function by name
    and reads variables with the kernel's debug symbols."""
    port = free_port()
    with Qemu(mem="64M", cmdline="test=cmdline st_key=first st_key=second st_flag",
              gdb_port=port):
        r = subprocess.run(
            ["gdb", "-q", "-batch", "-nx", "-ex", "set architecture i386:x86-64",
             "-ex", "target remote 127.0.0.1:%d" % port,
             "-ex", "hbreak selftest_run", "-ex", "continue",
             "-ex", "print name", "-ex", "print console_loglevel",
             "-ex", "print boot_info.nr_ram > 0", KERNEL_ELF],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    out = r.stdout
    check(re.search(r"Breakpoint 1, selftest_run", out), "no stop:\n" + out)
    check(re.search(r'\$1 = 0x[0-9a-f]+ <\w+> "cmdline"', out), "name:\n" + out)
    check(re.search(r"\$2 = 7", out), "console_loglevel:\n" + out)
    check(re.search(r"\$3 = 1", out), "boot_info:\n" + out)


if __name__ == "__main__":
    main(globals())
