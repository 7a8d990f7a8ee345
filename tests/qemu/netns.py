"""A network namespace with a tap device for a guest, created by the test
and always deleted. The guest's QEMU runs inside the namespace, so the
guest can reach nothing but this namespace: 192.168.76.1 is the host side
(Linux tools run there with ns.run/ns.popen), 192.168.76.2 the guest."""
import itertools
import json
import os
import signal
import subprocess
import time

from guest import Guest

HOST_IP = "192.168.76.1"
GUEST_IP = "192.168.76.2"
GUEST_MAC = "52:54:00:12:34:56"
_seq = itertools.count(1)


class Netns:
    def __init__(self, tap="tap0"):
        self.name = "tos%d_%d" % (os.getpid(), next(_seq))
        self.tap = tap
        self.procs = []

    def ip(self, *args):
        subprocess.run(["ip", "-n", self.name] + list(args), check=True,
                       timeout=30, stdout=subprocess.DEVNULL)

    def __enter__(self):
        subprocess.run(["ip", "netns", "add", self.name], check=True, timeout=30)
        try:
            # No IPv6 chatter (router solicitations, MLD) on the test link:
            # the guest's counters must see only what the test sends.
            for key in ("all", "default"):
                subprocess.run(self.cmd(["sysctl", "-q", "-w",
                                         "net.ipv6.conf.%s.disable_ipv6=1" % key]),
                               check=True, timeout=30)
            self.ip("link", "set", "lo", "up")
            self.ip("tuntap", "add", "mode", "tap", "name", self.tap)
            self.ip("addr", "add", HOST_IP + "/24", "dev", self.tap)
            self.ip("link", "set", self.tap, "up")
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(timeout=10)
        subprocess.run(["ip", "netns", "del", self.name], timeout=30,
                       stderr=subprocess.DEVNULL)

    def cmd(self, args):
        return ["ip", "netns", "exec", self.name] + list(args)

    def run(self, args, timeout=60, input=None):
        """Run a command in the namespace; returns CompletedProcess (text)."""
        return subprocess.run(self.cmd(args), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout,
                              input=input, text=input is None or isinstance(input, str),
                              start_new_session=True)

    def popen(self, args, **kw):
        p = subprocess.Popen(self.cmd(args), start_new_session=True, **kw)
        self.procs.append(p)
        return p

    def guest(self, nic="virtio", cmdline="", mem="128M"):
        """A guest on this namespace's tap with a static address."""
        opts = "ip=%s/24 gw=%s %s" % (GUEST_IP, HOST_IP, cmdline)
        return Guest(mem=mem, nic=nic, net="tap", tap=self.tap,
                     netns=self.name, mac=GUEST_MAC, cmdline=opts.strip())

    def tap_stats(self):
        out = subprocess.run(self.cmd(["ip", "-s", "-j", "link", "show", self.tap]),
                             stdout=subprocess.PIPE, check=True, timeout=30).stdout
        st = json.loads(out)[0]["stats64"]
        return st["rx"]["packets"], st["tx"]["packets"]

    def wait_reachable(self, timeout=30):
        """Until the guest answers one ping (its ARP and IP are up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self.run(["ping", "-c", "1", "-W", "1", GUEST_IP], timeout=10)
            if r.returncode == 0:
                return True
        return False
