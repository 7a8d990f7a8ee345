#!/usr/bin/env python3
"""Side-by-side network benchmarks: this kernel and a Linux guest
(tools/bench/linux-guest.sh) in the same QEMU, same NIC, same tap in a
namespace made for the run, the same server binaries (ours, static, which
run on both). Reports ping RTT (56, 8000 and 65507 bytes) and UDP echo round trips
per size; TCP
numbers are added once the kernel has TCP (--tcp).

Usage: tools/bench/compare.py [--nic virtio] [--rounds 2000] [--tcp]
Not a test: it prints figures. Needs root (namespaces, tap)."""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests/qemu"))
from netns import GUEST_IP, GUEST_MAC, HOST_IP, Netns  # noqa: E402

UDP_BENCH = r'''
import socket, sys, time
addr, rounds = (sys.argv[1], 7), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
for size in (32, 512, 1472):
    msg = b"x" * size; lost = 0
    for _ in range(50):                     # warm up
        s.sendto(msg, addr)
        try: s.recvfrom(2048)
        except socket.timeout: pass
    t0 = time.monotonic()
    for _ in range(rounds):
        s.sendto(msg, addr)
        try: s.recvfrom(2048)
        except socket.timeout: lost += 1
    dt = time.monotonic() - t0
    print("udp_echo_%d %.0f %.3f %d" % (size, rounds / dt, dt / rounds * 1000, lost))
'''

TCP_BENCH = r'''
import socket, sys, time
host = sys.argv[1]
def bulk(port, send, total=8 << 20):
    s = socket.create_connection((host, port), timeout=10)
    buf = b"y" * 65536; n = 0; t0 = time.monotonic()
    if send:
        while n < total:
            s.sendall(buf); n += len(buf)
        s.shutdown(socket.SHUT_WR)
    else:
        while n < total:
            d = s.recv(65536)
            if not d: break
            n += len(d)
    dt = time.monotonic() - t0
    s.close()
    return n / dt / 1e6
print("tcp_to_guest_discard_MBps %.2f" % bulk(9, True))
print("tcp_from_guest_chargen_MBps %.2f" % bulk(19, False))
t0 = time.monotonic(); n = 0
while time.monotonic() - t0 < 5:
    socket.create_connection((host, 7), timeout=5).close(); n += 1
print("tcp_connects_per_s %.0f" % (n / (time.monotonic() - t0)))
'''


def boot(ns, kind, nic):
    model = {"virtio": "virtio-net-pci", "e1000": "e1000"}[nic]
    args = ["qemu-system-x86_64", "-m", "256M", "-smp", "1", "-display", "none",
            "-serial", "stdio", "-monitor", "none", "-no-reboot",
            "-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % ns.tap,
            "-device", "%s,netdev=n0,mac=%s" % (model, GUEST_MAC)]
    if kind == "linux":
        lx = os.path.join(ROOT, "build/bench/linux")
        args += ["-kernel", os.path.join(lx, "vmlinuz"),
                 "-initrd", os.path.join(lx, "initramfs.cpio"),
                 "-append", "console=ttyS0 quiet"]
        ready = b"linux-guest: services started"
    else:
        args += ["-cdrom", os.path.join(ROOT, "build/os.iso"),
                 "-fw_cfg", "name=opt/os/cmdline,string=ip=%s/24 gw=%s" % (GUEST_IP, HOST_IP)]
        ready = b"init: services ready"
    p = ns.popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                 stderr=subprocess.STDOUT)
    buf, t0 = b"", time.monotonic()
    while ready not in buf and time.monotonic() - t0 < 120:
        c = os.read(p.stdout.fileno(), 4096)
        if not c:
            break
        buf += c
    if ready not in buf:
        raise SystemExit("%s guest did not come up:\n%s" % (kind, buf[-2000:].decode(errors="replace")))
    if not ns.wait_reachable(60):
        raise SystemExit("%s guest unreachable" % kind)
    return p


def measure(kind, nic, rounds, tcp):
    res = {}
    with Netns() as ns:
        p = boot(ns, kind, nic)
        try:
            r = ns.run(["ping", "-q", "-c", "500", "-i", "0.002", GUEST_IP], timeout=120)
            m = re.search(r"= ([\d.]+)/([\d.]+)/([\d.]+)", r.stdout)
            res["ping_avg_ms"] = float(m.group(2)) if m else float("nan")
            # large pings: reassembly on the way in, fragmentation out
            for size in (8000, 65507):
                r = ns.run(["ping", "-q", "-c", "50", "-i", "0.02", "-W", "3", "-s", str(size),
                            GUEST_IP], timeout=120)
                m = re.search(r"= ([\d.]+)/([\d.]+)/([\d.]+)", r.stdout)
                res["ping_%d_avg_ms" % size] = float(m.group(2)) if m else float("nan")
            r = ns.run(["/usr/bin/python3", "-c", UDP_BENCH, GUEST_IP, str(rounds)], timeout=600)
            for line in r.stdout.splitlines():
                f = line.split()
                if len(f) == 4:
                    res[f[0] + "_per_s"] = float(f[1])
                    res[f[0] + "_lost"] = int(f[3])
            if tcp:
                r = ns.run(["/usr/bin/python3", "-c", TCP_BENCH, GUEST_IP], timeout=600)
                for line in r.stdout.splitlines():
                    f = line.split()
                    if len(f) == 2:
                        res[f[0]] = float(f[1])
        finally:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nic", default="virtio")
    ap.add_argument("--rounds", type=int, default=2000)
    ap.add_argument("--tcp", action="store_true")
    a = ap.parse_args()
    if a.nic != "virtio":
        # Debian's cloud kernel, which the Linux guest boots, has no e1000.
        sys.exit("compare: the Linux guest has virtio-net only; use --nic virtio")
    subprocess.run(["bash", os.path.join(ROOT, "tools/bench/linux-guest.sh")],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ours = measure("teachos", a.nic, a.rounds, a.tcp)
    linux = measure("linux", a.nic, a.rounds, a.tcp)
    print("%-32s %12s %12s %8s" % ("metric (%s, TCG)" % a.nic, "teachos", "linux", "ratio"))
    for k in ours:
        o, l = ours[k], linux.get(k, float("nan"))
        ratio = o / l if l else float("nan")
        print("%-32s %12.3f %12.3f %8.2f" % (k, o, l, ratio))


if __name__ == "__main__":
    main()
