"""Raw-packet probes of the guest's IPv4/ICMP/UDP/ARP behaviour, run with
scapy inside the test's namespace (argv: iface guest_mac guest_ip host_ip).
Each probe sends crafted frames and records what came back; it prints one
JSON object, and tests/qemu/test_conformance.py judges it against the RFCs
and what Linux does. Only the guest's address is ever a destination."""
import json
import sys
import threading

from scapy.all import (ARP, ICMP, IP, UDP, Ether,
                       Raw, checksum, conf, get_if_hwaddr, srp, sendp, AsyncSniffer)

conf.verb = 0
iface, gmac, gip, hip = sys.argv[1:5]
hmac = get_if_hwaddr(iface)
bcast = "192.168.76.255"
T = 2
out = {}


def with_options(opts, l4):
    """An IPv4 datagram to the guest whose header carries raw option
    bytes (padded here to 4), built by hand so scapy cannot 'fix' them."""
    opts = bytes(opts) + b"\0" * (-len(opts) % 4)
    body = bytes(l4)
    hdr = bytearray(bytes(IP(src=hip, dst=gip, proto=1 if ICMP in l4 else 17))[:20])
    hdr[0] = 0x40 | (20 + len(opts)) // 4
    hdr[2:4] = (20 + len(opts) + len(body)).to_bytes(2, "big")
    hdr[10:12] = b"\0\0"
    h = bytes(hdr) + opts
    hdr[10:12] = checksum(h).to_bytes(2, "big")
    return Ether(src=hmac, dst=gmac, type=0x0800) / Raw(bytes(hdr) + opts + body)


def eth():
    return Ether(src=hmac, dst=gmac)


def one(pkt, timeout=T, filt=None):
    """Send one frame; the first IPv4 answer from the guest, or None."""
    ready = threading.Event()
    sn = AsyncSniffer(iface=iface, filter=filt or "ip src %s" % gip, count=1,
                      timeout=timeout, started_callback=ready.set)
    sn.start()
    ready.wait(10)            # never send before the sniffer listens
    sendp(pkt, iface=iface)
    sn.join()
    r = sn.results
    return r[0] if r else None


def icmp_desc(p):
    if p is None or ICMP not in p:
        return None
    i = p[ICMP]
    return {"type": i.type, "code": i.code, "id": getattr(i, "id", None),
            "seq": getattr(i, "seq", None), "ttl": p[IP].ttl,
            "payload": bytes(i.payload).hex(), "ipopts": bytes(p[IP].options and
                                                                 b"".join(bytes(o) for o in p[IP].options) or b"").hex(),
            "ihl": p[IP].ihl, "src": p[IP].src, "dst": p[IP].dst,
            "chksum_ok": ICMP(bytes(i)).chksum == i.chksum}


# 1. plain echo: identical payload, id, seq
payload = bytes(range(256)) * 2
r = one(eth() / IP(src=hip, dst=gip) / ICMP(id=0x1234, seq=7) / Raw(payload))
out["echo"] = icmp_desc(r)
out["echo_sent_payload"] = payload.hex()

# 2. echo with a bad ICMP checksum: no reply
r = one(eth() / IP(src=hip, dst=gip) / ICMP(id=1, seq=1, chksum=0x1111) / Raw(b"x" * 8))
out["echo_bad_csum"] = icmp_desc(r)

# 3. echo to the subnet broadcast: Linux ignores it (icmp_echo_ignore_broadcasts)
r = one(Ether(src=hmac, dst="ff:ff:ff:ff:ff:ff") / IP(src=hip, dst=bcast) /
        ICMP(id=2, seq=1) / Raw(b"b" * 8))
out["echo_broadcast"] = icmp_desc(r)

# 4. UDP to a closed port: port unreachable quoting the header + 8 bytes
udp_payload = b"closed port probe" * 4
r = one(eth() / IP(src=hip, dst=gip, id=0x4242) / UDP(sport=40000, dport=4444) /
        Raw(udp_payload))
d = icmp_desc(r)
if d is not None:
    q = bytes(r[ICMP].payload)
    d["quoted_len"] = len(q)
    d["quoted_id"] = int.from_bytes(q[4:6], "big") if len(q) >= 6 else None
    d["quoted_dport"] = int.from_bytes(q[22:24], "big") if len(q) >= 24 else None
out["udp_closed"] = d

# 5. UDP to a closed port at the broadcast address: no ICMP error
r = one(Ether(src=hmac, dst="ff:ff:ff:ff:ff:ff") / IP(src=hip, dst=bcast) /
        UDP(sport=40001, dport=4444) / Raw(b"q"))
out["udp_closed_broadcast"] = icmp_desc(r)

# 6. unknown protocol: protocol unreachable
r = one(eth() / IP(src=hip, dst=gip, proto=253) / Raw(b"p" * 20))
out["proto_unreach"] = icmp_desc(r)

# 7. echo with Record Route: the reply carries the option, with our hop
r = one(with_options(b"\x07\x13\x04" + b"\0" * 16, ICMP(id=3, seq=1) / Raw(b"r" * 8)))
out["echo_rr"] = icmp_desc(r)

# 8. echo with a Timestamp option (timestamps only)
r = one(with_options(b"\x44\x0c\x05\x00" + b"\0" * 8, ICMP(id=4, seq=1) / Raw(b"t" * 8)))
out["echo_ts"] = icmp_desc(r)

# 9. an option whose length runs past the header: parameter problem or drop
r = one(with_options(b"\x07\x27\x04" + b"\0" * 5, ICMP(id=5, seq=1) / Raw(b"o" * 8)))
if r is not None and ICMP in r:
    out["echo_bad_option_ptr"] = bytes(r[ICMP])[4]
out["echo_bad_option"] = icmp_desc(r)

# 10. ICMP timestamp request
r = one(eth() / IP(src=hip, dst=gip) / ICMP(type=13, id=6, seq=1, ts_ori=1000))
out["timestamp"] = icmp_desc(r)

# 11. address mask request: Linux does not answer
r = one(eth() / IP(src=hip, dst=gip) / ICMP(type=17, id=7, seq=1) / Raw(b"\0" * 4))
out["addr_mask"] = icmp_desc(r)

# 12b. source-routed (LSRR) echo: refused, as Linux does by default
r = one(with_options(b"\x83\x07\x04" + bytes(map(int, hip.split("."))), ICMP(id=13, seq=1) / Raw(b"s" * 8)))
out["echo_lsrr"] = icmp_desc(r)

# 12. echo from a broadcast source address: no reply (martian source)
r = one(eth() / IP(src=bcast, dst=gip) / ICMP(id=8, seq=1) / Raw(b"m" * 8))
out["echo_from_broadcast"] = icmp_desc(r)

# 13. a bad IP header checksum: dropped
r = one(eth() / IP(src=hip, dst=gip, chksum=0x1234) / ICMP(id=9, seq=1) / Raw(b"c" * 8))
out["ip_bad_csum"] = icmp_desc(r)

# 14. Ethernet padding beyond the IP total length: trimmed, still answered
p = eth() / IP(src=hip, dst=gip) / ICMP(id=10, seq=1) / Raw(b"z" * 4)
raw = bytes(p) + b"\xee" * 30
r = one(Ether(raw))
out["echo_padded"] = icmp_desc(r)

# 15. UDP echo (port 7) with checksum 0 is accepted; a wrong checksum is dropped
def udp_data(r):
    """The echoed datagram's data, by the UDP length (not link padding)."""
    if r is None or UDP not in r:
        return None
    return bytes(r[UDP])[8:r[UDP].len].hex()


r = one(eth() / IP(src=hip, dst=gip) / UDP(sport=40002, dport=7, chksum=0) / Raw(b"nocsum"))
out["udp_zero_csum"] = udp_data(r)
r = one(eth() / IP(src=hip, dst=gip) / UDP(sport=40003, dport=7, chksum=0x4321) / Raw(b"badcsum"))
out["udp_bad_csum"] = udp_data(r)

# 16. UDP length shorter than the IP payload: the datagram is the UDP length
p = IP(src=hip, dst=gip) / UDP(sport=40004, dport=7, len=8 + 5, chksum=0) / Raw(b"hellotrailing")
r = one(eth() / p)
out["udp_short_len"] = udp_data(r)

# 17. zero-length UDP datagram is echoed as zero-length
r = one(eth() / IP(src=hip, dst=gip) / UDP(sport=40005, dport=7))
out["udp_empty"] = udp_data(r)

# 18. ARP: request for us answered; a probe (sender 0.0.0.0) answered;
# a request for another address ignored
def arp(pdst, psrc):
    a = srp(Ether(src=hmac, dst="ff:ff:ff:ff:ff:ff") /
            ARP(op=1, hwsrc=hmac, psrc=psrc, pdst=pdst), iface=iface, timeout=T)[0]
    return [(x[1][ARP].op, x[1][ARP].psrc, x[1][ARP].hwsrc, x[1][Ether].dst) for x in a]


out["arp_us"] = arp(gip, hip)
out["arp_probe"] = arp(gip, "0.0.0.0")
out["arp_other"] = arp("192.168.76.77", hip)

# 19. ICMP echo to a multicast group: ignored like broadcast
r = one(Ether(src=hmac, dst="01:00:5e:00:00:01") / IP(src=hip, dst="224.0.0.1", ttl=1) /
        ICMP(id=11, seq=1) / Raw(b"g" * 8))
out["echo_multicast"] = icmp_desc(r)

# 20. TTL 1 addressed to us: a host delivers it
r = one(eth() / IP(src=hip, dst=gip, ttl=1) / ICMP(id=12, seq=1) / Raw(b"l" * 8))
out["echo_ttl1"] = icmp_desc(r)

# 21. UDP datagrams leave with DF when they fit, as Linux's do
# (IP_PMTUDISC_WANT); ICMP "fragmentation needed" (RFC 1191) about one of
# them makes the next, larger than the new MTU, leave in fragments.
r = one(eth() / IP(src=hip, dst=gip) / UDP(sport=40010, dport=7) / Raw(b"d" * 1400))
out["udp_reply_df"] = bool(r[IP].flags.DF) if r is not None else None
if r is not None:
    quoted = bytes(r[IP])[:28]
    sendp(eth() / IP(src=hip, dst=gip) / ICMP(type=3, code=4, nexthopmtu=1000) /
          Raw(quoted), iface=iface)
    ready = threading.Event()
    sn = AsyncSniffer(iface=iface, filter="ip src %s" % gip, count=2, timeout=T,
                      started_callback=ready.set)
    sn.start()
    ready.wait(10)
    sendp(eth() / IP(src=hip, dst=gip) / UDP(sport=40010, dport=7) / Raw(b"e" * 1400),
          iface=iface)
    sn.join()
    out["udp_after_frag_needed"] = [(len(bytes(p[IP])), bool(p[IP].flags.DF),
                                     bool(p[IP].flags.MF)) for p in sn.results]

print("RESULT " + json.dumps(out))
