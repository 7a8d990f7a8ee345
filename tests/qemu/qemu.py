"""Boot the OS in QEMU for a test and talk to its serial console.

Every QEMU started here is killed by its PID when the test ends (never by
name), every wait has a deadline, and user networking is always
`restrict=on`: the guest can reach nothing but the host forwards the test
asks for.
"""
import os
import re
import signal
import socket
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
ISO = os.path.join(BUILD, "os.iso")
KERNEL_ELF = os.path.join(BUILD, "kernel.elf")

# isa-debug-exit: the guest writes v, QEMU exits (v << 1) | 1.
EXIT_PASS, EXIT_FAIL, EXIT_PANIC = 1, 3, 5


class Timeout(Exception):
    pass


def free_port():
    """A free TCP port on 127.0.0.1 for a host forward or gdbstub."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Qemu:
    """One guest. Use as a context manager so it is always killed."""

    def __init__(self, mem="256M", cmdline="", nic=None, net=None,
                 hostfwd=(), tap=None, pcap=None, gdb_port=None,
                 extra=(), netns=None, mac=None, smp=1, log=None):
        self.args = ["qemu-system-x86_64", "-cdrom", ISO, "-m", mem,
                     "-smp", str(smp), "-display", "none", "-serial", "stdio",
                     "-monitor", "none", "-no-reboot",
                     "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if cmdline:
            # QEMU option values escape a comma by doubling it
            self.args += ["-fw_cfg", "name=opt/os/cmdline,string=" +
                          cmdline.replace(",", ",,")]
        if net == "user":
            fwd = "".join(",hostfwd=%s" % f for f in hostfwd)
            self.args += ["-netdev", "user,id=n0,restrict=on" + fwd]
        elif net == "tap":
            self.args += ["-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % tap]
        if net:
            model = {"virtio": "virtio-net-pci", "e1000": "e1000"}[nic or "virtio"]
            dev = model + ",netdev=n0"
            if mac:
                dev += ",mac=" + mac
            self.args += ["-device", dev]
            if pcap:
                self.args += ["-object", "filter-dump,id=f0,netdev=n0,file=" + pcap]
        else:
            self.args += ["-nic", "none"]
        if gdb_port:
            self.args += ["-gdb", "tcp:127.0.0.1:%d" % gdb_port, "-S"]
        self.args += list(extra)
        if netns:
            self.args = ["ip", "netns", "exec", netns] + self.args
        self.out = b""
        self.proc = None
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.log = log
        self.started = None
        self.pos = 0            # expect() consumes output up to here

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()

    def start(self):
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.out += chunk
                if self.log:
                    self.log.write(chunk.decode("utf-8", "replace"))
                    self.log.flush()
                self.cond.notify_all()

    def text(self):
        with self.lock:
            return self.out.decode("utf-8", "replace").replace("\r\n", "\n")

    def expect(self, pattern, timeout=30):
        """Wait for regex `pattern` in output after the last match; return
        the match. Raises Timeout with the console tail on failure."""
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                m = rx.search(self.out, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or getattr(self, "eof", False):
                    tail = self.out[-1500:].decode("utf-8", "replace")
                    raise Timeout("no %r within %ss; console tail:\n%s"
                                  % (pattern, timeout, tail))
                self.cond.wait(min(left, 0.5))

    def send(self, s):
        self.proc.stdin.write(s.encode() if isinstance(s, str) else s)
        self.proc.stdin.flush()

    def wait_exit(self, timeout=60):
        """Wait for QEMU to exit by itself; returns its exit status."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Timeout("QEMU still running after %ss; console tail:\n%s"
                          % (timeout, self.text()[-1500:]))

    def kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        if self.proc:
            self.reader.join(timeout=5)


def run_selftest(name, timeout=60, mem="64M", cmdline=""):
    """Boot with test=NAME, wait for QEMU to exit; return (status, text)."""
    with Qemu(mem=mem, cmdline=("test=%s %s" % (name, cmdline)).strip()) as q:
        status = q.wait_exit(timeout)
        q.reader.join(timeout=5)
        return status, q.text()
