#!/usr/bin/env python3
"""The IPv4 stack against Linux peers (issue: Ethernet, ARP, IPv4, ICMP,
UDP, DHCP): Linux ping and socat from a namespace the test creates, on
both NICs; malformed frames from the host; DHCP under QEMU user
networking (restricted: nothing leaves this machine)."""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                      # noqa: E402
from netns import GUEST_IP, GUEST_MAC, HOST_IP, Netns  # noqa: E402
from guest import Guest                              # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PY = "/usr/bin/python3"


def ping_check(ns, count, size, interval="0.2"):
    r = ns.run(["ping", "-c", str(count), "-i", interval, "-W", "2", "-s", str(size),
                GUEST_IP], timeout=count * 3 + 30)
    m = re.search(r"(\d+) packets transmitted, (\d+) received", r.stdout)
    check(m and m.group(1) == m.group(2) == str(count),
          "ping -s %d: %s" % (size, r.stdout[-600:]))
    check(" 0% packet loss" in r.stdout, r.stdout[-300:])
    return r.stdout


def nic_suite(nic):
    with Netns() as ns, ns.guest(nic=nic) as g:
        check(re.search(r"ipconfig: eth0 %s/24 gw %s" % (GUEST_IP, HOST_IP), g.text()),
              "no static ipconfig line:\n" + g.text()[-1500:])
        check(ns.wait_reachable(), "guest never answered ping")
        ping_check(ns, 20, 56)
        ping_check(ns, 5, 1400)
        out = ping_check(ns, 3, 4000)       # fragmented both ways
        check("4008 bytes from %s" % GUEST_IP in out, out[-400:])
        # a UDP exchange with the guest's echo service
        r = ns.run(["socat", "-t", "2", "-T", "3", "-", "UDP:%s:7" % GUEST_IP],
                   input="hello from the namespace\n", timeout=20)
        check(r.stdout == "hello from the namespace\n", "socat got %r" % r.stdout)
        out, _ = g.run("cat /proc/net/snmp")
        check(re.search(r"^Icmp: InMsgs.*\nIcmp: \d+", out, re.M), out[:400])
        return g.text()


def test_virtio_ping_fragments_udp():
    nic_suite("virtio")


def test_e1000_ping_fragments_udp():
    nic_suite("e1000")


MALFORMED = r'''
import random, sys
from scapy.all import Ether, IP, UDP, ICMP, ARP, Raw, sendp, raw, fragment, conf
conf.verb = 0
iface, gmac, gip, hip, corpus = sys.argv[1:6]
rnd = random.Random(1234)
frames = []
base = Ether(dst=gmac) / IP(src=hip, dst=gip)
# lying and truncated headers
good = raw(base / UDP(sport=1, dport=7) / (b"x" * 40))
for cut in range(14, len(good)):
    frames.append(good[:cut])                          # truncated anywhere
for tl in (0, 1, 19, 20, 21, 100, 1500, 65535):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, len=tl) / UDP(dport=7) / b"abc"))
for ihl in (0, 1, 4, 6, 15):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, ihl=ihl) / UDP(dport=7) / b"abc"))
for ver in (0, 5, 6, 15):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, version=ver) / (b"x" * 30)))
frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, chksum=0x1234) / ICMP() / b"x"))
frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, ttl=0) / ICMP() / b"x"))
for ul in (0, 7, 9, 200, 65535):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip) / UDP(dport=7, len=ul) / b"abcd"))
frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, options=b"\x44\x02") / ICMP() / b"x"))
frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, options=b"\x07\xff\x00\x00") / ICMP()))
frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, proto=200) / (b"x" * 20)))
frames.append(raw(Ether(dst=gmac, type=0x0806) / b"\x00\x01"))      # truncated ARP
frames.append(raw(Ether(dst="ff:ff:ff:ff:ff:ff") / ARP(op=2, hwlen=99, plen=1)))
# fragments: overlapping, beyond 64 KiB, endless first fragments
for off in (0, 1, 2, 8191):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, id=77, flags="MF", frag=off) / (b"y" * 64)))
big = IP(src=hip, dst=gip, id=78) / ICMP() / (b"z" * 6000)
for f in fragment(big, fragsize=1000):
    frames.append(raw(Ether(dst=gmac) / f))
    frames.append(raw(Ether(dst=gmac) / f))                         # duplicates
for i in range(200):
    frames.append(raw(Ether(dst=gmac) / IP(src=hip, dst=gip, id=1000 + i, flags="MF") / (b"q" * 100)))
# random garbage with the IPv4 and ARP ethertypes, and the fuzz corpus
for i in range(800):
    et = rnd.choice([0x0800, 0x0806, 0x86dd, rnd.randrange(65536)])
    body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 200)))
    frames.append(raw(Ether(dst=rnd.choice([gmac, "ff:ff:ff:ff:ff:ff"]), type=et)) + body)
import os, glob
for path in sorted(glob.glob(os.path.join(corpus, "*"))):
    data = open(path, "rb").read()
    i = 0
    while i + 3 <= len(data):
        op, n = data[i], (data[i + 1] << 8) | data[i + 2]
        body = data[i + 3:i + 3 + n]
        i += 3 + n
        if op & 3 == 0 and len(body) >= 14:
            frames.append(bytes.fromhex(gmac.replace(":", "")) + body[6:])
sendp(frames, iface=iface)
print("sent", len(frames))
'''


def test_malformed_frames_do_not_hurt():
    """Truncated and lying headers, overlapping and endless fragments,
    random garbage and the fuzz corpus, sent from the host: the guest
    keeps answering ping and counts what it dropped."""
    with Netns() as ns, ns.guest() as g:
        check(ns.wait_reachable(), "guest never answered ping")
        r = ns.run([PY, "-c", MALFORMED, ns.tap, GUEST_MAC, GUEST_IP, HOST_IP,
                    os.path.join(ROOT, "tests/fuzz/corpus")], timeout=300)
        check(re.search(r"sent \d+", r.stdout), "scapy failed:\n" + r.stdout[-1500:])
        ping_check(ns, 5, 56)
        ping_check(ns, 2, 4000)
        out, _ = g.run("cat /proc/net/snmp")
        hdr = re.search(r"^Ip: (.*)\nIp: (.*)$", out, re.M)
        ip = dict(zip(hdr.group(1).split(), map(int, hdr.group(2).split())))
        check(ip["InHdrErrors"] > 0, "no header errors counted: %r" % ip)
        check(ip["ReasmFails"] > 0 or ip["ReasmTimeout"] >= 0, "%r" % ip)
        check("Kernel panic" not in g.text() and "Oops" not in g.text(), "guest oopsed")


def test_fragments_reordered_and_duplicated():
    """The guest's own fault injection (netem=) reorders and duplicates
    frames both ways; 4000-byte pings, fragmented each way, still all come
    back, and the guest counted what it did."""
    with Netns() as ns, ns.guest(cmdline="netem=reorder:30,dup:20,delay:5") as g:
        check(ns.wait_reachable(), "guest never answered ping")
        ping_check(ns, 20, 4000, interval="0.1")
        out, _ = g.run("cat /proc/net/netem")
        stats = dict(l.split() for l in out.splitlines())
        check(int(stats["duplicated"]) > 0 and int(stats["delayed"]) > 0, out)


SEND_FRAMES = r'''
import sys
from scapy.all import Ether, Raw, sendp, conf
conf.verb = 0
iface, gmac, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sendp([Ether(dst=gmac, type=0x88B6) / Raw(bytes([i % 256]) * 50) for i in range(n)],
      iface=iface)
print("sent", n)
'''


def ifconfig_counts(g):
    out, _ = g.run("ifconfig eth0")
    rx = re.search(r"RX packets (\d+)", out)
    tx = re.search(r"TX packets (\d+)", out)
    check(rx and tx, "ifconfig output:\n" + out)
    return int(rx.group(1)), int(tx.group(1))


def counters_suite(nic):
    """ifconfig's counters against the frames the host side sent and saw."""
    with Netns() as ns, ns.guest(nic=nic) as g:
        check(ns.wait_reachable(), "guest never answered ping")
        rx0, tx0 = ifconfig_counts(g)
        tap_rx0, tap_tx0 = ns.tap_stats()
        r = ns.run([PY, "-c", SEND_FRAMES, ns.tap, GUEST_MAC, "300"], timeout=120)
        check("sent 300" in r.stdout, r.stdout[-800:])
        g.run("ping -c 3 -i 0.2 %s" % HOST_IP, timeout=30)
        rx1, tx1 = ifconfig_counts(g)
        tap_rx1, tap_tx1 = ns.tap_stats()
        # everything the tap carried towards the guest arrived and was counted
        check(rx1 - rx0 == tap_tx1 - tap_tx0 and rx1 - rx0 >= 303,
              "guest RX +%d, host sent +%d" % (rx1 - rx0, tap_tx1 - tap_tx0))
        check(tx1 - tx0 == tap_rx1 - tap_rx0 and tx1 - tx0 >= 3,
              "guest TX +%d, host received +%d" % (tx1 - tx0, tap_rx1 - tap_rx0))


def test_virtio_ifconfig_counters_match_host():
    counters_suite("virtio")


def test_e1000_ifconfig_counters_match_host():
    counters_suite("e1000")


def test_dhcp_under_user_networking():
    """QEMU's user-mode DHCP server hands out 10.0.2.15. With restrict=on
    (the guest can reach nothing outside) it offers no router or DNS
    server, which the line reports as 0.0.0.0."""
    with Guest(mem="128M", net="user", nic="virtio") as g:
        check(re.search(r"ipconfig: eth0 10\.0\.2\.15/24 gw [\d.]+ dns [\d.]+ \(dhcp\)",
                        g.text()), "no DHCP line:\n" + g.text()[-1500:])
        out, _ = g.run("cat /proc/net/if_inet4")
        check(re.search(r"^eth0 \d+ \w+ 1500 52:54:00:12:34:56 10\.0\.2\.15 24$", out, re.M), out)


def test_dhcp_from_linux_dnsmasq_with_renewal():
    """A real Linux DHCP server (dnsmasq, in the test's namespace) leases
    an address, router and DNS server; the guest uses the DNS server it
    was given, and renews by unicast at T1 (set short here)."""
    import subprocess
    import time
    with Netns() as ns:
        log = "/tmp/dnsmasq-%s.log" % ns.name
        leases = "/tmp/dnsmasq-%s.leases" % ns.name
        with open(log, "w") as logf:
            srv = ns.popen(["dnsmasq", "--no-daemon", "--keep-in-foreground",
                            "--interface=%s" % ns.tap, "--bind-interfaces", "--port=53",
                            "--user=root", "--no-resolv", "--no-hosts", "--no-poll",
                            "--pid-file=", "--log-dhcp", "--log-facility=-",
                            "--dhcp-leasefile=%s" % leases,
                            "--dhcp-range=192.168.76.50,192.168.76.60,255.255.255.0,2m",
                            "--dhcp-option=option:router,%s" % HOST_IP,
                            "--dhcp-option=option:T1,12", "--dhcp-option=option:T2,25",
                            "--address=/fixed.teachos.test/192.168.76.42"],
                           stdout=logf, stderr=subprocess.STDOUT)
        try:
            with Guest(mem="128M", nic="virtio", net="tap", tap=ns.tap, netns=ns.name,
                       mac=GUEST_MAC, cmdline="") as g:
                m = re.search(r"ipconfig: eth0 (192\.168\.76\.\d+)/24 gw %s dns %s \(dhcp\)"
                              % (re.escape(HOST_IP), re.escape(HOST_IP)), g.text())
                check(m, "no DHCP lease from dnsmasq:\n" + g.text()[-1500:])
                addr = m.group(1)
                check(50 <= int(addr.split(".")[3]) <= 60, "address outside the range: " + addr)
                out, st = g.run("host fixed.teachos.test", timeout=30)
                check(st == 0 and "has address 192.168.76.42" in out, out)
                deadline = time.monotonic() + 60
                acks = 0
                while time.monotonic() < deadline:
                    acks = open(log).read().count("DHCPACK(")
                    if acks >= 2:
                        break
                    time.sleep(1)
                check(acks >= 2, "no renewal:\n" + open(log).read()[-1500:])
                check(ns.run(["ping", "-c", "1", "-W", "2", addr], timeout=10).returncode == 0,
                      "address lost after renewal")
        finally:
            srv.kill()
            srv.wait(timeout=10)
            for f in (log, leases):
                try:
                    os.unlink(f)
                except OSError:
                    pass


if __name__ == "__main__":
    main(globals())
