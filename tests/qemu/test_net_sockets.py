#!/usr/bin/env python3
"""Sockets against Linux peers in a namespace the test creates (issue:
socket layer): socat exchanges 1000 datagrams with udpecho, the guest's
ping reaches the namespace, and host resolves names from /etc/hosts and
from a dnsmasq the test runs in its namespace."""
import os
import random
import re
import select
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                      # noqa: E402
from netns import GUEST_IP, HOST_IP, Netns           # noqa: E402


def read_exact(fd, n, timeout):
    buf = b""
    deadline = time.monotonic() + timeout
    while len(buf) < n:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, n - len(buf))
        if not chunk:
            break
        buf += chunk
    return buf


def test_socat_1000_datagrams_1_to_1472_bytes():
    """One socat process sends each datagram (stdin writes below PIPE_BUF
    are read whole) and prints each echo; every one must come back
    intact, sizes covering 1..1472 bytes."""
    rnd = random.Random(76)
    sizes = [1, 2, 1471, 1472] + [rnd.randrange(1, 1473) for _ in range(996)]
    with Netns() as ns, ns.guest() as g:
        check(ns.wait_reachable(), "guest never answered ping")
        p = ns.popen(["socat", "-b", "65536", "-T", "30", "-",
                      "UDP:%s:7" % GUEST_IP], stdin=-1, stdout=-1)
        bad = []
        for i, n in enumerate(sizes):
            payload = bytes(rnd.randrange(256) for _ in range(n))
            os.write(p.stdin.fileno(), payload)
            got = read_exact(p.stdout.fileno(), n, 5)
            if got != payload:
                bad.append((i, n, len(got)))
                if len(bad) > 5:
                    break
        p.kill()
        check(not bad, "datagrams lost or damaged (index, size, got): %r" % bad)
        out, _ = g.run("cat /proc/net/snmp")
        m = re.search(r"^Udp: (.*)\nUdp: (.*)$", out, re.M)
        udp = dict(zip(m.group(1).split(), map(int, m.group(2).split())))
        check(udp["InDatagrams"] >= 1000 and udp["OutDatagrams"] >= 1000, "%r" % udp)
        check(udp["InErrors"] == 0 and udp["RcvbufErrors"] == 0, "%r" % udp)


def test_guest_pings_namespace_host():
    with Netns() as ns, ns.guest() as g:
        out, st = g.run("ping -c 5 -i 0.3 %s" % HOST_IP, timeout=60)
        replies = re.findall(r"bytes from %s: icmp_seq=(\d+) ttl=\d+ time=[\d.]+ ms" %
                             re.escape(HOST_IP), out)
        check(st == 0 and len(replies) == 5, "ping output:\n" + out)
        check(re.search(r"5 packets transmitted, 5 received, 0% packet loss", out), out)
        check(re.search(r"rtt min/avg/max/mdev = [\d.]+/[\d.]+/[\d.]+/[\d.]+ ms", out), out)


def test_host_from_hosts_file_and_namespace_dns():
    """dnsmasq in the namespace answers one fixed record; the guest learns
    the server from dns= (as DHCP would give it) through /proc/net/pnp.
    No query goes anywhere but the namespace."""
    with Netns() as ns:
        pidf = "/tmp/dnsmasq-%s.pid" % ns.name
        dns = ns.popen(["dnsmasq", "--no-daemon", "--keep-in-foreground",
                        "--listen-address=%s" % HOST_IP, "--bind-interfaces",
                        "--port=53", "--user=root", "--no-resolv", "--no-hosts", "--no-poll",
                        "--pid-file=%s" % pidf, "--log-queries", "--log-facility=-",
                        "--address=/fixed.teachos.test/192.168.76.42"],
                       stdout=-1, stderr=-2)
        with ns.guest(cmdline="dns=%s" % HOST_IP) as g:
            out, st = g.run("host localhost")
            check(st == 0 and "localhost has address 127.0.0.1" in out, out)
            out, st = g.run("cat /proc/net/pnp")
            check("nameserver %s" % HOST_IP in out, out)
            out, st = g.run("host fixed.teachos.test", timeout=30)
            check(st == 0 and "fixed.teachos.test has address 192.168.76.42" in out, out)
            out, st = g.run("host nosuch.teachos.test", timeout=30)
            check(st != 0, "a missing name resolved: " + out)
        dns.kill()
        try:
            os.unlink(pidf)
        except OSError:
            pass


if __name__ == "__main__":
    main(globals())
