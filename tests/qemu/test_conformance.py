#!/usr/bin/env python3
"""RFC conformance from raw packets: crafted IPv4/ICMP/UDP/ARP frames from
a namespace the test creates (tests/qemu/conformance_probe.py, scapy), and
what the guest sent back, judged against RFC 791/792/768/826/1122 and what
Linux does. One guest serves every check; each check is its own test."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                      # noqa: E402
from netns import GUEST_IP, GUEST_MAC, HOST_IP, Netns  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REDIRECT_NEWGW = "192.168.76.3"
REDIRECT_DST = "10.99.0.1"
SEND_REDIRECT = r'''
import sys
from scapy.all import Ether, IP, ICMP, UDP, sendp, conf, get_if_hwaddr
conf.verb = 0
iface, gmac, gip, hip = sys.argv[1:5]
inner = IP(src=gip, dst="%s") / UDP(sport=5000, dport=9)
sendp(Ether(src=get_if_hwaddr(iface), dst=gmac) / IP(src=hip, dst=gip) /
      ICMP(type=5, code=1, gw="%s") / inner, iface=iface)
print("sent")
''' % (REDIRECT_DST, REDIRECT_NEWGW)
_result = {}


def probe():
    """Run the probes once (the first test to ask pays for the boot)."""
    if not _result:
        with Netns() as ns, ns.guest() as g:
            check(ns.wait_reachable(), "guest never answered ping")
            r = ns.run(["/usr/bin/python3", os.path.join(HERE, "conformance_probe.py"),
                        ns.tap, GUEST_MAC, GUEST_IP, HOST_IP], timeout=300)
            m = re.search(r"^RESULT (.*)$", r.stdout, re.M)
            check(m, "probe failed:\n" + r.stdout[-2000:])
            _result.update(json.loads(m.group(1)))
            _result["_ping_R"] = ns.run(["ping", "-R", "-c", "1", "-W", "3", GUEST_IP],
                                        timeout=30).stdout
            # ICMP Redirect: the gateway (us, .1) says .3 is better for a
            # destination that lives inside this namespace.
            ns.ip("addr", "add", REDIRECT_NEWGW + "/24", "dev", ns.tap)
            ns.ip("addr", "add", REDIRECT_DST + "/32", "dev", "lo")
            r = ns.run(["/usr/bin/python3", "-c", SEND_REDIRECT, ns.tap, GUEST_MAC,
                        GUEST_IP, HOST_IP], timeout=60)
            check("sent" in r.stdout, "redirect not sent:\n" + r.stdout[-800:])
            _result["_redirect_ping"], _ = g.run("ping -c 1 %s" % REDIRECT_DST, timeout=30)
            _result["_redirect_arp"], _ = g.run("cat /proc/net/arp")
            out, _ = g.run("cat /proc/net/snmp /proc/net/netstat")
            _result["_snmp"] = out
            _result["_console"] = g.text()
    return _result


def reply(name):
    return probe()[name]


def test_echo_reply_is_exact():
    e = reply("echo")
    check(e and e["type"] == 0 and e["code"] == 0, "no echo reply: %r" % e)
    check(e["id"] == 0x1234 and e["seq"] == 7, "id/seq changed: %r" % e)
    check(e["payload"] == probe()["echo_sent_payload"], "payload changed")
    check(e["chksum_ok"] and e["src"] == GUEST_IP and e["dst"] == HOST_IP, repr(e))


def test_silent_where_rfc1122_says_so():
    for name in ("echo_bad_csum", "echo_broadcast", "echo_multicast",
                 "udp_closed_broadcast", "ip_bad_csum", "addr_mask",
                 "echo_from_broadcast", "echo_lsrr"):
        check(reply(name) is None, "%s was answered: %r" % (name, reply(name)))


def test_port_unreachable_quotes_the_datagram():
    u = reply("udp_closed")
    check(u and u["type"] == 3 and u["code"] == 3, "no port unreachable: %r" % u)
    # RFC 1122 3.2.2: the IP header and at least 8 bytes; Linux quotes
    # as much as fits in 576 bytes: here all 96.
    check(u["quoted_len"] == 96 and u["quoted_id"] == 0x4242 and u["quoted_dport"] == 4444,
          repr(u))
    check(u["chksum_ok"], "bad ICMP checksum")


def test_protocol_unreachable():
    p = reply("proto_unreach")
    check(p and p["type"] == 3 and p["code"] == 2, repr(p))


def test_record_route_echoed_with_our_address():
    r = reply("echo_rr")
    check(r and r["type"] == 0, "no echo reply to a Record Route request: %r" % r)
    opts = bytes.fromhex(r["ipopts"])
    me = bytes(map(int, GUEST_IP.split(".")))
    # recorded on the way in and on the way out, pointer past both
    check(opts[:3] == b"\x07\x13\x0c" and opts[3:7] == me and opts[7:11] == me,
          "RR option in the reply: %s" % r["ipopts"])


def test_linux_ping_record_route():
    out = probe()["_ping_R"]
    # Linux prints the route: out through us, into the guest, back.
    check(re.search(r"RR:\s+%s\s+%s\s+%s\s+%s" % ((re.escape(HOST_IP),) + (re.escape(GUEST_IP),) * 2
                                                   + (re.escape(HOST_IP),)), out),
          "ping -R:\n" + out[-600:])


def test_timestamp_option_echoed():
    r = reply("echo_ts")
    check(r and r["type"] == 0, "no echo reply to a Timestamp request: %r" % r)
    opts = bytes.fromhex(r["ipopts"])
    check(opts[:4] == b"\x44\x0c\x0d\x00" and opts[4:8] != b"\0\0\0\0",
          "TS option in the reply: %s" % r["ipopts"])


def test_malformed_option_gets_parameter_problem():
    r = reply("echo_bad_option")
    check(r and r["type"] == 12 and r["code"] == 0, "%r" % r)
    check(probe().get("echo_bad_option_ptr") == 20, "pointer %r, want 20 (the option)"
          % probe().get("echo_bad_option_ptr"))


def test_timestamp_request_answered():
    t = reply("timestamp")
    check(t and t["type"] == 14 and t["id"] == 6, repr(t))


def test_link_padding_and_ttl1_accepted():
    check(reply("echo_padded") and reply("echo_padded")["type"] == 0, "padded frame")
    check(reply("echo_ttl1") and reply("echo_ttl1")["type"] == 0, "TTL 1")


def test_udp_checksum_and_length_rules():
    check(reply("udp_zero_csum") == b"nocsum".hex(), "checksum 0 (none) must be accepted")
    check(reply("udp_bad_csum") is None, "a bad checksum must be dropped")
    check(reply("udp_short_len") == b"hello".hex(),
          "UDP length shorter than the IP payload: %r" % reply("udp_short_len"))
    check(reply("udp_empty") == "", "empty datagram: %r" % reply("udp_empty"))


def test_arp_answers_requests_and_probes_only_for_us():
    mac = GUEST_MAC.lower()
    for name in ("arp_us", "arp_probe"):
        a = reply(name)
        check(len(a) == 1 and a[0][0] == 2 and a[0][1] == GUEST_IP and a[0][2] == mac,
              "%s: %r" % (name, a))
        check(a[0][3] != "ff:ff:ff:ff:ff:ff", "ARP reply broadcast: %r" % a)
    check(reply("arp_other") == [], "answered for another address: %r" % reply("arp_other"))


def test_redirect_moves_the_first_hop():
    """RFC 1122 3.2.2.2: a host MUST act on a Redirect from its gateway."""
    out = probe()["_redirect_ping"]
    check(re.search(r"1 packets transmitted, 1 (packets )?received", out),
          "ping through the new gateway:\n" + out[-500:])
    arp = probe()["_redirect_arp"]
    check(re.search(r"^%s\s" % re.escape(REDIRECT_NEWGW), arp, re.M),
          "the guest never resolved the new gateway:\n" + arp)
    check(snmp_tables()["IcmpExt"]["InRedirectsAccepted"] == 1, repr(snmp_tables()["IcmpExt"]))


def snmp_tables():
    tables = {}
    for hdr, vals in re.findall(r"^(\w+: [A-Za-z].*)\n\w+: ([\d -]+)$", probe()["_snmp"], re.M):
        name, keys = hdr.split(":", 1)
        tables.setdefault(name, {}).update(zip(keys.split(), map(int, vals.split())))
    return tables


def test_path_mtu_discovery_for_udp():
    """DF on datagrams that fit (as Linux); RFC 1191 "fragmentation
    needed" with MTU 1000 makes the next 1428-byte reply leave in
    fragments of at most 1000 bytes, without DF."""
    check(reply("udp_reply_df") is True, "UDP reply DF: %r" % reply("udp_reply_df"))
    frags = reply("udp_after_frag_needed")
    check(frags and len(frags) == 2, "after fragmentation needed: %r" % frags)
    check(all(n <= 1000 and not df for n, df, _ in frags) and frags[0][2],
          "fragments: %r" % frags)


def test_drops_are_counted():
    tables = snmp_tables()
    ip, ipx = tables["Ip"], tables["IpExt"]
    check(ipx["InCsumErrors"] >= 1 and ipx["InBadOptions"] >= 1, repr(ipx))
    check(ipx["InSrcRouted"] >= 1 and ipx["InMartianSrc"] >= 1, repr(ipx))
    check(tables["Icmp"]["InCsumErrors"] >= 1 and tables["Udp"]["InCsumErrors"] >= 1,
          repr(tables["Icmp"]))
    check(ip["InHdrErrors"] >= 3, repr(ip))
    check("Oops" not in probe()["_console"] and "panic" not in probe()["_console"],
          "guest oopsed")


if __name__ == "__main__":
    main(globals())
