#!/usr/bin/env python3
"""Write the seed corpus for tests/fuzz/fuzz_eth.c (see its input format).

Run from the repository root: python3 tests/fuzz/make_corpus.py
The files are committed; rerun only to change the seeds.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(__file__), "corpus")
US_MAC = bytes.fromhex("525400123456")
US1_MAC = bytes.fromhex("525400123457")
PEER_MAC = bytes.fromhex("525400aabbcc")
BCAST = b"\xff" * 6
US = bytes([10, 0, 2, 15])
PEER = bytes([10, 0, 2, 100])
GW = bytes([10, 0, 2, 2])


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(dst, src, typ, payload):
    return dst + src + struct.pack("!H", typ) + payload


def ip(src, dst, proto, payload, ident=1, frag=0, ttl=64, opts=b""):
    opts += b"\0" * (-len(opts) % 4)
    hl = 20 + len(opts)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl // 4, 0, hl + len(payload), ident,
                    frag, ttl, proto, 0, src, dst) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(src, dst, sport, dport, data):
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(data), 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(data))
    c = csum(pseudo + hdr + data) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, 8 + len(data), c) + data


def icmp(typ, code, rest, data):
    h = struct.pack("!BBH4s", typ, code, 0, rest) + data
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def tcp(src, dst, sport, dport, seq, ack, flags, data=b"", opts=b"", doff=None):
    opts += b"\0" * (-len(opts) % 4)
    hl = 20 + len(opts)
    off = (doff if doff is not None else hl // 4) << 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off, flags, 65535, 0, 0) + opts
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(h) + len(data))
    c = csum(pseudo + h + data)
    return h[:16] + struct.pack("!H", c) + h[18:] + data


def arp(op, sha, sip, tha, tip):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, sip, tha,
                       tip)


def rec(op, data):
    return bytes([op]) + struct.pack("!H", len(data)) + data


def advance(ms):
    return rec(2, struct.pack("<H", ms // 10))


def dhcp(msgtype, yiaddr, xid=0x12345678):
    m = struct.pack("!BBBBIHH4s4s4s4s16s64s128sI", 2, 1, 6, 0, xid, 0, 0x8000,
                    b"\0" * 4, yiaddr, GW, b"\0" * 4, US1_MAC.ljust(16, b"\0"),
                    b"", b"", 0x63825363)
    opts = bytes([53, 1, msgtype, 54, 4]) + GW + bytes([1, 4, 255, 255, 255, 0,
                                                        3, 4]) + GW
    opts += bytes([6, 4, 10, 0, 2, 3, 51, 4]) + struct.pack("!I", 3600)
    opts += bytes([255])
    return m + opts


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("arp_request", rec(0, eth(BCAST, PEER_MAC, 0x0806,
                                    arp(1, PEER_MAC, PEER, b"\0" * 6, US))))
    write("arp_resolve", rec(3, bytes([100, 7, 1]) + b"hello") +
          rec(0, eth(US_MAC, PEER_MAC, 0x0806, arp(2, PEER_MAC, PEER, US_MAC, US))) +
          advance(40000) + rec(3, bytes([100, 7, 0]) + b"again") +
          advance(5000))
    write("arp_fail", rec(3, bytes([77, 9, 0]) + b"x") + advance(1000) +
          advance(1000) + advance(1000) + advance(4000))
    write("icmp_echo", rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                  ip(PEER, US, 1, icmp(8, 0, b"\0\1\0\1", b"ping" * 8)))))
    write("udp_echo_port", rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                      ip(PEER, US, 17, udp(PEER, US, 1234, 7, b"data")))))
    write("udp_closed_port", rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                        ip(PEER, US, 17, udp(PEER, US, 1234, 4444, b"knock")))))
    big = udp(PEER, US, 1234, 7, bytes(range(256)) * 12)
    frags = b""
    for off in range(0, len(big), 1480):
        part = big[off:off + 1480]
        mf = 0x2000 if off + 1480 < len(big) else 0
        frags += rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                            ip(PEER, US, 17, part, ident=99, frag=mf | off // 8)))
    write("fragments", frags)
    write("fragment_timeout", frags[:1500] + advance(31000))
    write("fragment_overlap", frags + rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                                 ip(PEER, US, 17, big[8:100], ident=98, frag=0x2001))))
    inner = ip(US, PEER, 17, udp(US, PEER, 7, 4444, b"x"))
    write("icmp_port_unreach", rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                          ip(PEER, US, 1, icmp(3, 3, b"\0" * 4, inner)))))
    offer = dhcp(2, bytes([10, 0, 2, 16]))
    write("dhcp_offer_ack", rec(1, eth(BCAST, PEER_MAC, 0x0800,
                                       ip(GW, b"\xff" * 4, 17, udp(GW, b"\xff" * 4, 67, 68, offer)))) +
          rec(1, eth(BCAST, PEER_MAC, 0x0800,
                     ip(GW, b"\xff" * 4, 17, udp(GW, b"\xff" * 4, 67, 68, dhcp(5, bytes([10, 0, 2, 16])))))) +
          advance(60000))
    write("dhcp_retransmit", advance(5000) + advance(10000) + advance(20000))
    write("loopback_ping", rec(3, bytes([15, 1, 1]) + b"self"))
    # IPv4 options: Record Route and Timestamp recorded and echoed, a
    # malformed list (Parameter Problem), a source route (refused), and a
    # fragmented echo carrying RR (options only in the first fragment).
    echo = icmp(8, 0, b"\0\2\0\1", b"opts" * 4)
    write("ip_options", b"".join(rec(0, eth(US_MAC, PEER_MAC, 0x0800, ip(PEER, US, 1, echo, opts=o)))
                                 for o in (bytes([7, 19, 4]) + b"\0" * 16,
                                           bytes([68, 16, 5, 0]) + b"\0" * 12,
                                           bytes([68, 12, 5, 1]) + b"\0" * 8,
                                           bytes([68, 12, 5, 3]) + US + b"\0" * 4,
                                           bytes([68, 8, 9, 0xf0]) + b"\0" * 4,
                                           bytes([7, 39, 4]) + b"\0" * 5,
                                           bytes([131, 7, 4]) + PEER)))
    big = icmp(8, 0, b"\0\3\0\1", bytes(range(256)) * 12)
    frags = b""
    for off in range(0, len(big), 1464):
        part = big[off:off + 1464]
        mf = 0x2000 if off + 1464 < len(big) else 0
        frags += rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                            ip(PEER, US, 1, part, ident=97, frag=mf | off // 8,
                               opts=bytes([7, 11, 4]) + b"\0" * 8 if off == 0 else b"")))
    write("ip_options_fragments", frags)
    # ICMP redirect from the gateway for an off-link destination, then a
    # send to it (through the new gateway), then a bogus one.
    far = bytes([192, 0, 2, 7])
    inner = ip(US, far, 17, udp(US, far, 5000, 9, b"x"))
    newgw = bytes([10, 0, 2, 3])
    def tcp_frame(*a, **k):
        return rec(0, eth(US_MAC, PEER_MAC, 0x0800, ip(PEER, US, 6, tcp(PEER, US, *a, **k))))
    mss = b"\x02\x04\x05\xb4"
    write("tcp_listener", tcp_frame(40000, 80, 1000, 0, 0x02, opts=mss) +
          tcp_frame(40000, 80, 1000, 0, 0x02, opts=mss) +          # SYN again
          tcp_frame(40000, 80, 1001, 12345, 0x10, b"data") +         # bad ACK
          tcp_frame(40001, 80, 7, 0, 0x02, opts=b"\x03\x03\x07\x04\x02\x08\x0a" +
                    b"\0" * 8 + b"\x01") +                           # ws, sack, ts
          tcp_frame(40002, 80, 9, 0, 0x02, opts=b"\x02\x28\x01") +  # option overruns
          advance(1000) + advance(2000) + tcp_frame(40000, 80, 1001, 0, 0x04))
    # RFC 7323 / RFC 2018 options as Linux sends them (MSS, SACK-permitted,
    # TS, NOP, WS), a shift over 14, a short TS, SACK blocks and a TS on
    # an ACK for a request (wrong ACK: reset), SYN-ACK retransmission.
    ts = b"\x08\x0a" + struct.pack("!II", 123456, 0)
    write("tcp_options", tcp_frame(40010, 80, 100, 0, 0x02,
                                   opts=mss + b"\x04\x02" + ts + b"\x01\x03\x03\x07") +
          tcp_frame(40011, 80, 200, 0, 0x02, opts=b"\x01\x03\x03\xff" + ts) +
          tcp_frame(40012, 80, 300, 0, 0x02, opts=b"\x08\x08" + b"\0" * 6) +
          tcp_frame(40013, 80, 400, 0, 0x02, opts=b"\x04\x02\x03\x03\x0e") +
          tcp_frame(40010, 80, 101, 1, 0x10, b"x",
                    opts=b"\x01\x01" + ts + b"\x01\x01\x05\x0a" + struct.pack("!II", 5, 9)) +
          tcp_frame(40010, 80, 100, 0, 0x02, opts=mss + b"\x04\x02" + ts) +
          advance(1000) + advance(2000))
    write("tcp_closed_port", tcp_frame(1234, 4444, 77, 0, 0x02) +
          tcp_frame(1234, 4444, 77, 99, 0x10, b"x") +
          tcp_frame(1234, 4444, 77, 0, 0x04) +
          tcp_frame(1234, 4444, 77, 0, 0x03) +                        # SYN+FIN
          tcp_frame(1234, 4444, 77, 0, 0x02, doff=15) +               # offset too big
          tcp_frame(1234, 4444, 77, 0, 0x02, doff=2))                 # offset too small
    write("icmp_redirect", rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                                      ip(GW, US, 1, icmp(5, 1, newgw, inner[:28])))) +
          rec(3, bytes([3, 9, 0]) + b"via new gw") +
          rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                     ip(PEER, US, 1, icmp(5, 0, bytes([10, 9, 9, 9]), inner[:28])))))
    # Fragmentation needed (RFC 1191) about a datagram of ours, then a
    # large send that must now be fragmented, then a tiny MTU (locked).
    to_peer = ip(US, PEER, 17, udp(US, PEER, 5000, 9, b"y" * 1000))
    write("icmp_frag_needed",
          rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                     ip(PEER, US, 1, icmp(3, 4, struct.pack("!HH", 0, 576), to_peer[:28])))) +
          rec(3, bytes([100, 9, 0]) + b"z" * 1200) +
          rec(0, eth(US_MAC, PEER_MAC, 0x0800,
                     ip(PEER, US, 1, icmp(3, 4, struct.pack("!HH", 0, 40), to_peer[:28])))) +
          rec(3, bytes([100, 9, 0]) + b"w" * 900) + advance(60000))


if __name__ == "__main__":
    main()
