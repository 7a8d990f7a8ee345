#!/usr/bin/env python3
"""RFC conformance from raw packets: crafted IPv4/ICMP/UDP/ARP/TCP frames from
a namespace the test creates (tests/qemu/conformance_probe.py and
tcp_probe.py, scapy), and what the guest sent back, judged against RFC
791/792/768/826/1122, TCP's 9293/5961/7323/2018/2883 and what Linux does. One guest serves every check; each check is its own test."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                      # noqa: E402
from netns import GUEST_IP, GUEST_MAC, HOST_IP, Netns  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REDIRECT_NEWGW = "192.168.76.3"
PEER = "192.168.76.50"                 # tcp_client_probe.py's address
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
            r = ns.run(["/usr/bin/python3", os.path.join(HERE, "tcp_probe.py"),
                        ns.tap, GUEST_MAC, GUEST_IP, HOST_IP], timeout=300)
            m = re.search(r"^RESULT (.*)$", r.stdout, re.M)
            check(m, "TCP probe failed:\n" + r.stdout[-2000:])
            _result["tcp"] = json.loads(m.group(1))
            _result["tcp_client"] = client_probe(ns, g)
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


CLIENT_RUNS = ((5001, "echo hello | nc %s 5001"), (5002, "nc %s 5002 </dev/null"),
               (5003, "nc %s 5003 </dev/null"), (5004, "echo x | nc %s 5004"),
               (5005, "echo simul | nc %s 5005"), (5006, "nc %s 5006 </dev/null"))


def client_probe(ns, g):
    """The guest's own connections (nc) to tcp_client_probe.py's peer."""
    p = ns.popen(["/usr/bin/python3", "-u", os.path.join(HERE, "tcp_client_probe.py"),
                  ns.tap, GUEST_MAC, GUEST_IP], stdout=subprocess.PIPE, text=True)
    ready = p.stdout.readline()          # bounded: the probe gives up itself
    check(ready.startswith("READY"), "client probe: %r" % ready)
    runs = {}
    for port, cmd in CLIENT_RUNS:
        runs[port] = g.run(cmd % PEER, timeout=30)
    try:
        text, _ = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        text, _ = p.communicate(timeout=10)
    m = re.search(r"^RESULT (.*)$", text, re.M)
    check(m, "client probe failed:\n" + text[-2000:])
    res = json.loads(m.group(1))
    res["runs"] = runs
    return res


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


def tcp(name):
    return probe()["tcp"].get(name)


def tcp_is(name, flags, ack=None, seq=None):
    s = tcp(name)
    check(s and s["flags"] == flags and (ack is None or s["ack"] == ack) and
          (seq is None or s["seq"] == seq), "%s: want %s ack %s seq %s, got %r"
          % (name, flags, ack, seq, s))
    return s


def test_tcp_reset_without_connection():
    """RFC 9293 3.10.7.1: a SYN to a closed port gets RST|ACK acking it;
    a segment with an ACK gets a RST at SEG.ACK; a RST gets nothing."""
    tcp_is("syn_closed", "RA", ack=1, seq=0)
    tcp_is("ack_closed", "R", seq=777777)
    check(tcp("rst_closed") is None, "RST answered: %r" % tcp("rst_closed"))


def test_tcp_silent_drops():
    """SYN+FIN to a listener (Linux drops it), a bad checksum, a data
    offset below 5: no answer."""
    for name in ("synfin_listener", "syn_bad_csum", "syn_short_doff"):
        check(tcp(name) is None, "%s answered: %r" % (name, tcp(name)))


def test_tcp_synack_answers_the_options_offered():
    s = tcp_is("synack", "SA", ack=1)
    o = s["opts"]
    check(o.get("mss") == 1460 and o.get("sackok") and 0 <= o.get("ws", -1) <= 14,
          "SYN-ACK options: %r" % o)
    check(o.get("ts") and o["ts"][1] == 1000 and o["ts"][0] != 0, "TS: %r" % o)
    check(s["df"], "SYN-ACK without DF (Linux sets it)")
    # Data on a SYN is not acknowledged (no TCP Fast Open); options not
    # offered are not answered.
    d = tcp_is("syn_with_data", "SA", ack=1)
    check(set(d["opts"]) == {"mss"}, "options nobody offered: %r" % d["opts"])


def test_tcp_sack_and_dsack_blocks():
    """RFC 2018: out-of-order data is SACKed; RFC 2883: data received
    twice is reported once as the first block."""
    check(tcp_is("data", "A", ack=6)["opts"].get("sack") is None, "SACK on in-order data")
    check(tcp_is("data_again", "A", ack=6)["opts"].get("sack") == [[1, 6]],
          "no D-SACK: %r" % tcp("data_again"))
    check(tcp_is("data_ooo", "A", ack=6)["opts"].get("sack") == [[106, 116]],
          "SACK block: %r" % tcp("data_ooo"))
    check(tcp_is("data_fills_hole", "A", ack=116)["opts"].get("sack") is None,
          "SACK after the hole filled: %r" % tcp("data_fills_hole"))


def test_tcp_rfc5961_challenge_acks():
    """A RST or SYN inside the window but not exact gets a challenge ACK
    and leaves the connection alone (later data is still taken)."""
    tcp_is("rst_in_window", "A", ack=116, seq=1)
    tcp_is("syn_established", "A", ack=116, seq=1)
    tcp_is("data_after", "A", ack=121)


def test_tcp_unacceptable_segments_get_an_ack():
    """Out of the window, an ACK of data never sent (RFC 5961 5.2), an
    old timestamp (PAWS, RFC 7323 5): ACKed, not taken; and the refused
    ACK's timestamp is not echoed (TS.Recent moves only for accepted
    segments, as Linux)."""
    tcp_is("data_out_of_window", "A", ack=116)
    s = tcp_is("ack_unsent", "A", ack=116)
    check(s["opts"]["ts"][1] == tcp("last_accepted_tsval"),
          "echoed %s, last accepted TSval %s" % (s["opts"]["ts"][1],
                                                 tcp("last_accepted_tsval")))
    tcp_is("paws_old", "A", ack=116)
    tcp_is("data_after", "A", ack=121)


def test_tcp_close_and_reset_after():
    """Our FIN is ACKed, the service closes too; once the connection is
    gone, a segment for it gets a RST at its SEG.ACK."""
    fin = tcp("fin") or []
    check(any(s["ack"] == 122 for s in fin) and
          any("F" in s["flags"] and s["ack"] == 122 for s in fin), "FIN: %r" % fin)
    tcp_is("after_close", "R", seq=2)


def test_tcp_segments_fit_the_mss_offered():
    """MSS 536 with timestamps: 524 bytes of data a segment, TS on each."""
    p = tcp("mss_536_payloads")
    check(p and max(p) == 524, "payloads %r" % p)
    check(tcp("mss_536_ts"), "segments without timestamps")


def test_tcp_no_mss_option_means_536():
    """RFC 9293 3.7.1: without an MSS option the guest sends at most 536."""
    p = tcp("no_mss_payloads")
    check(p and max(p) == 536, "payloads %r" % p)


def test_tcp_small_window_zero_window_probes():
    """A peer window of 1000 (below the MSS) gets exactly 1000 bytes, as
    segments of half of it (Linux's tcp_bound_to_half_wnd); a zero window
    gets probes at growing intervals and no data; an opened window gets
    data at once."""
    check(tcp("wnd_1000_sent") == 1000, "sent %r into a 1000-byte window"
          % tcp("wnd_1000_sent"))
    z = tcp("zero_window") or []
    check(len(z) >= 3, "probes in 5 s: %r" % z)
    check(all(-1 <= seq <= 0 and n <= 1 for _, seq, n in z), "probes: %r" % z)
    gaps = [b[0] - a[0] for a, b in zip(z, z[1:])]
    check(all(g2 >= 0.8 * g1 for g1, g2 in zip(gaps, gaps[1:])) and gaps and
          gaps[-1] > gaps[0], "probe intervals do not back off: %r" % gaps)
    w = tcp("window_reopened")
    check(w and w[0] == 0 and w[1] > 0, "after the window opened: %r" % w)


def test_tcp_peer_window_scale_applied():
    """WS 7 with a window field of 8: 1024 bytes may be in flight, not
    8 and not 8 << 14; nothing more until the window moves."""
    check(tcp("ws7_wnd8_sent") == 1024, "sent %r" % tcp("ws7_wnd8_sent"))
    more = tcp("ws7_wnd8_more")
    check(more is not None and all(end <= 1024 for end in more), "then %r" % more)


def test_tcp_synack_retransmitted_with_backoff():
    """An unanswered SYN-ACK is resent after 1 s, then 2 s (Linux's
    TCP_TIMEOUT_INIT and doubling), unchanged."""
    t = tcp("synack_times") or []
    check(len(t) == 3 and 0.7 <= t[1] <= 2.0 and 1.4 <= t[2] - t[1] <= 4.0,
          "SYN-ACKs at %r s" % t)
    check(tcp("synack_same"), "retransmitted SYN-ACKs differ")


def test_tcp_time_wait_after_guest_closes():
    """httpd closes first: the guest's TIME_WAIT ACKs our FIN, ACKs it
    again when it is retransmitted, and lets a new SYN with a higher
    sequence number start a new connection (RFC 1122 4.2.2.13)."""
    check(tcp("http_guest_fin"), "httpd never closed")
    fin = tcp("tw_our_fin")
    tcp_is("tw_ack", "A", ack=fin + 1)
    tcp_is("tw_fin_again", "A", ack=fin + 1)
    tcp_is("tw_new_syn", "SA", ack=1)


def test_tcp_syn_flood_answered_with_cookies():
    """160 SYNs at once against a backlog of 128: every one answered, the
    overflow with SYN cookies, and a cookie's ACK carrying data makes a
    connection that takes the data."""
    check(tcp("flood_answered") == 160, "SYN-ACKs for %r of 160 SYNs" % tcp("flood_answered"))
    # The SYNs offered SACK, timestamps and WS 7: as in Linux, a cookie
    # SYN-ACK keeps them (in its TSval) and the connection has them.
    o = (tcp("cookie_synack") or {}).get("opts", {})
    check(o.get("sackok") and o.get("ts") and "ws" in o, "cookie SYN-ACK options: %r" % o)
    check(o["ts"][0] & 0x3f == 0x10 | 7, "TSval %r does not carry SACK and WS 7" % o["ts"])
    d = tcp_is("cookie_data", "A", ack=7)
    check(d["opts"].get("ts") and d["opts"]["ts"][1] == 7500, "no timestamps: %r" % d)
    ext = snmp_tables()["TcpExt"]
    check(ext["SyncookiesSent"] >= 1 and ext["SyncookiesRecv"] >= 1,
          "cookies sent %s, accepted %s" % (ext["SyncookiesSent"], ext["SyncookiesRecv"]))


def client(port):
    return probe()["tcp_client"].get(str(port), {})


def test_tcp_active_open_syn_and_close():
    """The guest's SYN offers MSS 1460, SACK, timestamps and a window
    scale in Linux's layout, with an unscaled window; it ACKs the SYN-ACK
    echoing its TSval, sends its data, and closes with a FIN."""
    c = client(5001)
    syn = (c.get("syns") or [None])[0]
    check(syn and [k for k, _ in syn["opts"]] == ["MSS", "SAckOK", "Timestamp", "NOP", "WScale"],
          "SYN options: %r" % syn)
    check(syn["opts"][0][1] == 1460 and syn["opts"][2][1][1] == 0 and syn["win"] == 65535
          and syn["df"], "SYN: %r" % syn)
    segs = c.get("segs") or []
    check(segs and segs[0]["flags"] == "A" and segs[0]["ack"] == 1 and
          ["Timestamp", [segs[0]["opts"][2][1][0], 5000]] in segs[0]["opts"],
          "the handshake's ACK: %r" % segs[:1])
    check(any(s["len"] == 6 and s["seq"] == 1 for s in segs), "data: %r" % segs)
    check(any("F" in s["flags"] and s["seq"] == 7 for s in segs), "FIN: %r" % segs)
    check(segs and segs[-1]["flags"] == "A" and segs[-1]["ack"] == 2,
          "our FIN not ACKed: %r" % segs[-1:])
    check(probe()["tcp_client"]["runs"][5001][1] == 0, "nc: %r" % (probe()["tcp_client"]["runs"],))


def test_tcp_active_open_refused_and_syn_backoff():
    """RST|ACK to the SYN is "Connection refused"; unanswered SYNs are
    resent after 1 s and then 2 s more (RFC 6298 2.1, doubling)."""
    runs = probe()["tcp_client"]["runs"]
    for port in (5002, 5003):
        out, rc = runs[port]
        check(rc == 1 and "Connection refused" in out, "nc %d: %r" % (port, runs[port]))
    t = [s["t"] for s in client(5003).get("syns", [])]
    check(len(t) == 3 and 0.7 <= t[1] <= 2.0 and 1.4 <= t[2] - t[1] <= 4.0, "SYNs at %r" % t)


def test_tcp_syn_sent_rejects_a_bad_ack():
    """RFC 9293 3.10.7.3: a SYN-ACK acknowledging what was never sent gets
    <SEQ=SEG.ACK><CTL=RST> and the guest keeps waiting; the next good
    SYN-ACK connects."""
    c = client(5004)
    r = c.get("rst")
    check(r and r["flags"] == "R" and r["seq_abs_minus_bad_ack"] == 0, "RST: %r" % r)
    check(any(s["len"] == 2 for s in c.get("segs", [])), "no data after: %r" % c)
    check(probe()["tcp_client"]["runs"][5004][1] == 0, "nc: %r" % (probe()["tcp_client"]["runs"],))


def test_tcp_simultaneous_open():
    """RFC 9293 3.5: a SYN crossing the guest's gets SYN-ACK (the guest's
    ISN again, acking ours); our ACK makes the connection."""
    c = client(5005)
    sa = c.get("synack")
    check(sa and sa["seq"] == 0 and sa["ack"] == 1, "SYN-ACK: %r" % sa)
    check(any(s["len"] == 6 for s in c.get("segs", [])), "no data after: %r" % c)
    check(probe()["tcp_client"]["runs"][5005][1] == 0, "nc: %r" % (probe()["tcp_client"]["runs"],))


def test_tcp_syn_sent_ignores_unacceptable_resets():
    """RFC 9293 3.10.7.3: in SYN-SENT a RST without ACK, or with an ACK
    that is not SND.NXT, is dropped (RFC 5961 3 too): the guest sends its
    SYN again, and only the right RST|ACK refuses the connection."""
    c = client(5006)
    check(len(c.get("syns", [])) == 2 and not c.get("other"),
          "after the bad RSTs: %r" % c)
    out, rc = probe()["tcp_client"]["runs"][5006]
    check(rc == 1 and "Connection refused" in out, "nc: %r" % ((out, rc),))


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
