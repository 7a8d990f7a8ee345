#!/usr/bin/env python3
"""TCP against Linux peers (stage C of TCP): the guest's demo services
(echo 7, discard 9, chargen 19, httpd 80) driven by socat, nc and curl
from a network namespace the test creates; a 1 MB echo must come back
intact, also with frames lost, duplicated and reordered; a closed port
answers with a reset; the guest's nc connects out to a Linux listener.
Every wait is bounded and every QEMU killed."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main              # noqa: E402
from netns import GUEST_IP, HOST_IP, Netns  # noqa: E402

NS = None
G = None


def guest():
    """One namespace and one guest for the whole file."""
    global NS, G
    if G is None:
        NS = Netns().__enter__()
        try:
            G = NS.guest().__enter__()
        except Exception:
            NS.__exit__(None, None, None)
            NS = None
            raise
        check(NS.wait_reachable(), "guest never answered ping")
    return NS, G


def test_services_ready_and_listening():
    ns, g = guest()
    check(re.search(r"init: services ready", g.text()),
          "init did not report ready:\n" + g.text()[-1500:])
    out, _ = g.run("cat /proc/net/tcp")
    for port in (7, 9, 19, 80):
        check(re.search(r"00000000:%04X 00000000:0000 0A" % port, out),
              "nothing listens on TCP %d:\n%s" % (port, out))


def test_echo_with_socat():
    ns, g = guest()
    r = ns.run(["socat", "-t", "5", "-T", "10", "-", "TCP:%s:7" % GUEST_IP],
               input="hello over tcp\n", timeout=30)
    check(r.stdout == "hello over tcp\n", "socat got %r" % r.stdout)


def test_echo_with_nc():
    ns, g = guest()
    r = ns.run(["nc", "-q", "5", "-w", "10", GUEST_IP, "7"], input="nc line\n",
               timeout=30)
    check(r.stdout == "nc line\n", "nc got %r" % r.stdout)


MANY_CLIENTS = r'''
import os, resource, socket, sys
# The host's fd limit may be below n: the clients are split across
# processes, each holding its sockets until every part has reported, so
# all n connections are open at once.
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
ip, n = sys.argv[1], int(sys.argv[2])
per = max(1, min(n, hard - 64))
procs = []
for start in range(0, n, per):
    cnt = min(per, n - start)
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r1)
        os.close(w2)
        ok = 0
        try:
            socks = [socket.create_connection((ip, 7), timeout=20) for _ in range(cnt)]
            for i, s in enumerate(socks):
                s.sendall(b"%06d" % (start + i) * 10)
            for i, s in enumerate(socks):
                got = b""
                while len(got) < 60:
                    d = s.recv(4096)
                    if not d:
                        break
                    got += d
                ok += got == b"%06d" % (start + i) * 10
        except Exception as e:
            print("part %d: %r" % (start, e), flush=True)
        os.write(w1, b"%d\n" % ok)
        os.read(r2, 1)
        os._exit(0)
    os.close(w1)
    os.close(r2)
    procs.append((pid, r1, w2))
total = sum(int(os.read(r1, 64) or b"0") for _, r1, _ in procs)
for pid, _, w2 in procs:
    os.write(w2, b"x")
    os.waitpid(pid, 0)
print("echoed %d of %d in %d processes" % (total, n, len(procs)))
'''


def test_two_thousand_concurrent_clients():
    """2,000 connections open at once to the echo service (one epoll
    loop), each echoed intact: beyond the default 1,024 fds, which the
    service raises to its hard limit as servers do; afterwards every
    socket is gone."""
    ns, g = guest()
    r = ns.run(["/usr/bin/python3", "-c", MANY_CLIENTS, GUEST_IP, "2000"], timeout=120)
    check("echoed 2000 of 2000 " in r.stdout, r.stdout[-800:])
    for _ in range(20):
        out, _ = g.run("cat /proc/net/sockstat")
        m = re.search(r"sockets: used (\d+)", out)
        if m and int(m.group(1)) < 20:
            break
        time.sleep(1)
    check(m and int(m.group(1)) < 20, "sockets left: %r" % out)


def test_one_megabyte_echo_intact():
    ns, g = guest()
    data = os.urandom(1 << 20)
    r = ns.run(["socat", "-t", "20", "-T", "30", "-", "TCP:%s:7" % GUEST_IP],
               input=data, timeout=120)
    check(len(r.stdout) == len(data), "got %d bytes of %d" % (len(r.stdout), len(data)))
    check(r.stdout == data, "1 MB echo came back corrupted")


def test_discard_and_chargen():
    ns, g = guest()
    r = ns.run(["socat", "-t", "5", "-T", "10", "-u", "-", "TCP:%s:9" % GUEST_IP],
               input=b"x" * 200000, timeout=60)
    check(r.returncode == 0, "discard: %r" % r.stdout[-300:])
    # bytes in and out (input=b""), so "\r\n" is not translated
    r = ns.run(["sh", "-c", "socat -T 10 -u TCP:%s:19 - 2>/dev/null | head -c 7400" % GUEST_IP],
               input=b"", timeout=60)
    lines = r.stdout.split(b"\r\n")
    check(len(r.stdout) == 7400 and len(lines) == 101,
          "chargen: %d bytes %r" % (len(r.stdout), r.stdout[-200:]))
    for n in (0, 1, 99):
        want = bytes(32 + (n + i) % 95 for i in range(72))
        check(lines[n] == want, "chargen line %d: %r" % (n, lines[n]))


def test_curl_httpd():
    ns, g = guest()
    r = ns.run(["curl", "-sS", "-m", "20", "-i", "http://%s/" % GUEST_IP], timeout=40)
    check(re.search(r"^HTTP/1\.[01] 200", r.stdout, re.M) and "It works" in r.stdout,
          "curl: %r" % r.stdout[-600:])
    r = ns.run(["curl", "-sS", "-m", "20", "-o", "/dev/null", "-w", "%{http_code}",
                "http://%s/no-such-page" % GUEST_IP], timeout=40)
    check(r.stdout.strip().endswith("404"), "missing page: %r" % r.stdout)
    # Three URLs in one curl: one connection (HTTP/1.1 persistence).
    url = "http://%s/" % GUEST_IP
    r = ns.run(["curl", "-sS", "-m", "20", "-v", "-o", "/dev/null", "-o", "/dev/null",
                "-o", "/dev/null", url, url, url], timeout=40)
    check(r.stdout.count("Re-using existing connection") == 2 and
          r.stdout.count("Connected to") == 1, "curl -v:\n" + r.stdout[-1500:])


def test_closed_port_refused():
    ns, g = guest()
    r = ns.run(["nc", "-vz", "-w", "5", GUEST_IP, "4444"], timeout=30)
    check(r.returncode != 0 and "refused" in r.stdout.lower(),
          "port 4444: rc %d %r" % (r.returncode, r.stdout))
    out, _ = g.run("cat /proc/net/snmp")
    m = re.search(r"^Tcp: (\d.*)$", out, re.M)
    check(m and int(m.group(1).split()[13]) >= 1, "no OutRsts counted:\n" + out)


def test_guest_connects_out():
    ns, g = guest()
    p = ns.popen(["socat", "-T", "20", "TCP-LISTEN:5001,reuseaddr", "SYSTEM:cat"])
    try:
        ok = False
        for _ in range(20):
            out, st = g.run("echo from-guest | nc -w 5 %s 5001" % HOST_IP, timeout=30)
            if "from-guest" in out:
                ok = True
                break
            time.sleep(0.5)
        check(ok, "guest nc: %r" % out)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, 9)
        p.wait(timeout=10)


def test_one_megabyte_echo_under_loss_dup_reorder():
    """The guest's NIC drops 2%, duplicates 1% and reorders 10% of frames
    both ways (netem=, after Linux's netem): retransmission, out-of-order
    reassembly and duplicate trimming must still deliver every byte."""
    with Netns() as ns, ns.guest(cmdline="netem=loss:2,dup:1,reorder:10,delay:5") as g:
        check(ns.wait_reachable(), "guest never answered ping")
        data = os.urandom(1 << 20)
        r = ns.run(["socat", "-t", "30", "-T", "60", "-", "TCP:%s:7" % GUEST_IP],
                   input=data, timeout=180)
        check(r.stdout == data, "got %d bytes of %d, equal %s" %
              (len(r.stdout), len(data), r.stdout == data))
        out, _ = g.run("cat /proc/net/snmp /proc/net/netem /proc/net/netstat")
        m = re.search(r"^Tcp: (\d.*)$", out, re.M)
        check(m and int(m.group(1).split()[11]) > 0, "no RetransSegs:\n" + out)
        # For docs/tcp.md: how much recovery the 1 MB cost.
        names = re.search(r"^TcpExt: ([A-Za-z].*)$", out, re.M)
        vals = re.search(r"^TcpExt: (\d.*)$", out, re.M)
        ext = dict(zip(names.group(1).split(), vals.group(1).split())) \
            if names and vals else {}
        print("netem 1 MB echo: RetransSegs %s %s" % (
            m.group(1).split()[11] if m else "?",
            " ".join("%s %s" % (k, ext.get(k, "?")) for k in
                     ("TCPTimeouts", "TCPRenoRecovery", "TCPSackRecovery",
                      "TCPDSACKRecv", "TCPSACKReorder"))), flush=True)
        check(re.search(r"^dropped [1-9]", out, re.M), "netem dropped nothing:\n" + out)


if __name__ == "__main__":
    try:
        main(globals())
    finally:
        if G:
            G.__exit__(None, None, None)
        if NS:
            NS.__exit__(None, None, None)
