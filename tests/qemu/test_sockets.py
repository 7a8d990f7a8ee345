#!/usr/bin/env python3
"""Sockets inside the guest (over the loopback device): every socket
syscall with its error paths, TCP streams, poll/select/epoll (1000 sockets), the
/proc/net views, and the demo UDP service (issue: socket layer)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main  # noqa: E402
from guest import Guest          # noqa: E402

G = None


def guest():
    global G
    if G is None:
        G = Guest(mem="128M").boot()
    return G


def run_groups(groups):
    out, st = guest().run("nettest " + groups, timeout=300)
    m = re.search(r"(\d+) passed, (\d+) failed", out)
    check(m, "no summary:\n" + out[-2000:])
    fails = [l for l in out.splitlines() if l.startswith("FAIL")]
    check(int(m.group(2)) == 0 and st == 0, "\n".join(fails))
    return int(m.group(1))


def test_services_ready_with_udpecho():
    g = guest()
    check(re.search(r"init: services ready", g.text()),
          "init did not report ready:\n" + g.text()[-1500:])
    out, _ = g.run("cat /proc/net/udp")
    check(re.search(r":0007 00000000:0000 07", out), "nothing on UDP port 7:\n" + out)


def test_udp_syscalls():
    check(run_groups("udp") >= 20, "too few checks")


def test_socket_errors():
    check(run_groups("errors refused") >= 20, "too few checks")


def test_timeouts_and_nonblocking():
    run_groups("timeouts")


def test_poll_select():
    run_groups("poll")


def test_epoll_lt_et_oneshot():
    run_groups("epoll")


def test_epoll_1000_sockets():
    """epoll waits on 1000 UDP sockets and reports exactly the ones sent to."""
    run_groups("epoll1000")


def test_linux_parity_edge_cases():
    """Edge cases whose expectations are checked on the Linux host by the
    same binary (SUITE nettest): recv flags and msghdr names, readv/writev,
    bind/connect/disconnect addresses, option values, shutdown, ioctls,
    epoll flags, UDP_CORK and MSG_MORE."""
    check(run_groups("dgram addr sockopt shut ioctl epollx cmsg udpcork") >= 160,
          "too few checks")


def test_tcp_stream_sockets():
    """connect/listen/accept, 1 MB echoed through a forked child, EOF,
    EPIPE, ECONNREFUSED, EADDRINUSE, non-blocking connect and accept."""
    check(run_groups("tcp") >= 14, "too few checks")


def test_udp_echo_service_on_loopback():
    out, st = guest().run("echo ping-over-lo | nc -u -w 1 127.0.0.1 7")
    check(out.strip() == "ping-over-lo", "echo service replied %r" % out)


def test_proc_net_views():
    g = guest()
    out, _ = g.run("cat /proc/net/snmp")
    check(re.search(r"^Udp: InDatagrams", out, re.M) and re.search(r"^Ip: Forwarding", out, re.M)
          and re.search(r"^Tcp: RtoAlgorithm", out, re.M), out[:500])
    out, _ = g.run("netstat -una")
    check(re.search(r"udp.*0\.0\.0\.0:7", out), "netstat:\n" + out)
    out, _ = g.run("ss -ua")
    check(re.search(r"udp\s+UNCONN\s+0\s+0\s+0\.0\.0\.0:7\s+0\.0\.0\.0:\*", out), "ss:\n" + out)
    out, _ = g.run("cat /proc/net/if_inet4")
    check(out.startswith("lo 1 "), out)
    out, _ = g.run("cat /proc/net/sockstat")
    check(re.match(r"sockets: used \d+", out), out)


if __name__ == "__main__":
    try:
        main(globals())
    finally:
        if G:
            G.kill()
