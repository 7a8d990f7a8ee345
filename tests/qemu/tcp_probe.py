"""Raw-packet probes of the guest's TCP, run with scapy inside the test's
namespace (argv: iface guest_mac guest_ip host_ip). It speaks as PEER, an
address of the namespace's subnet that no interface owns, so the
namespace's own kernel never answers the guest's segments (its RSTs would
end every connection); a sniffer thread answers the guest's ARP requests
for PEER. Sequence numbers are recorded relative to ours (C) or the
guest's (G). Prints one JSON object; tests/qemu/test_conformance.py judges
it against RFC 9293, 5961, 7323, 2018 and 2883 and what Linux does. Only
the guest's address is ever a destination."""
import json
import sys
import threading
import time

from scapy.all import ARP, IP, TCP, Ether, Raw, AsyncSniffer, conf, get_if_hwaddr, sendp

conf.verb = 0
iface, gmac, gip, hip = sys.argv[1:5]
hmac = get_if_hwaddr(iface)
PEER = "192.168.76.50"
T = 2
OOW_GAP = 0.6          # the guest answers at most one out-of-window
#                        segment per connection per 500 ms (RFC 5961 7)
out = {}


def answer_arp(p):
    if ARP in p and p[ARP].op == 1 and p[ARP].pdst == PEER:
        sendp(Ether(src=hmac, dst=p[Ether].src) /
              ARP(op=2, hwsrc=hmac, psrc=PEER, hwdst=p[ARP].hwsrc, pdst=p[ARP].psrc),
              iface=iface)


arp = AsyncSniffer(iface=iface, filter="arp", prn=answer_arp, store=False)
arp.start()


def seg(sport, dport, flags, seq, ack=0, data=b"", opts=None, **kw):
    p = Ether(src=hmac, dst=gmac) / IP(src=PEER, dst=gip) / TCP(
        sport=sport, dport=dport, flags=flags, seq=seq % 2**32, ack=ack % 2**32,
        window=kw.pop("window", 65535), options=opts or [], **kw)
    return p / Raw(data) if data else p


def xchg(pkt, sport, count=1, timeout=T, stop=None):
    """Send pkt; the first count segments the guest sends to sport (up
    to the one stop accepts)."""
    ready = threading.Event()
    sn = AsyncSniffer(iface=iface, count=count, timeout=timeout, stop_filter=stop,
                      filter="tcp and src host %s and dst port %d" % (gip, sport),
                      started_callback=ready.set)
    sn.start()
    ready.wait(10)             # never send before the sniffer listens
    if pkt is not None:
        sendp(pkt, iface=iface)
    sn.join()
    return list(sn.results)


def desc(p, c=0, g=0):
    """A guest segment: flags as scapy writes them ("SA", "RA"...), seq
    and ack relative to g and c, options decoded."""
    if p is None:
        return None
    t = p[TCP]
    o = {}
    for k, v in t.options:
        if k == "MSS":
            o["mss"] = v
        elif k == "WScale":
            o["ws"] = v
        elif k == "SAckOK":
            o["sackok"] = True
        elif k == "Timestamp":
            o["ts"] = list(v)
        elif k == "SAck":
            o["sack"] = [[(v[i] - c) % 2**32, (v[i + 1] - c) % 2**32]
                         for i in range(0, len(v) - 1, 2)]
    return {"flags": str(t.flags), "seq": (t.seq - g) % 2**32, "ack": (t.ack - c) % 2**32,
            "win": t.window, "len": plen(p), "opts": o,
            "df": bool(p[IP].flags.DF)}


def plen(p):
    """Payload length from the headers (scapy counts Ethernet padding)."""
    return p[IP].len - 4 * p[IP].ihl - 4 * p[TCP].dataofs


def rel(a, b):
    """a - b in sequence space, signed."""
    d = (a - b) % 2**32
    return d - 2**32 if d >= 2**31 else d


def first(r, c=0, g=0):
    return desc(r[0], c, g) if r else None


# The guest learns PEER's MAC from our ARP request (RFC 826 merge).
sendp(Ether(src=hmac, dst="ff:ff:ff:ff:ff:ff") /
      ARP(op=1, hwsrc=hmac, psrc=PEER, pdst=gip), iface=iface)
time.sleep(0.3)

# ---- No connection (RFC 9293 3.10.7.1) ----
out["syn_closed"] = first(xchg(seg(41000, 1, "S", 1000), 41000), c=1000)
out["ack_closed"] = first(xchg(seg(41001, 1, "A", 5000, ack=777777), 41001))
out["rst_closed"] = first(xchg(seg(41002, 1, "R", 5000), 41002))
out["synfin_listener"] = first(xchg(seg(41003, 9, "SF", 5000), 41003))
out["syn_bad_csum"] = first(xchg(seg(41004, 9, "S", 5000, chksum=0x1234), 41004))
out["syn_short_doff"] = first(xchg(seg(41005, 9, "S", 5000, dataofs=4), 41005))
r = xchg(seg(41006, 9, "S", 9000, data=b"early data"), 41006)
out["syn_with_data"] = first(r, c=9000)
if r:
    sendp(seg(41006, 9, "R", 9001), iface=iface)

# ---- One connection to discard (port 9), every option offered ----
SP, C = 41010, 100000
OPTS = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1000, 0)), ("NOP", None),
        ("WScale", 7)]
r = xchg(seg(SP, 9, "S", C, opts=OPTS), SP)
out["synack"] = first(r, c=C)
if r:
    G = r[0][TCP].seq
    tsg = dict(r[0][TCP].options).get("Timestamp", (0, 0))[0]
    tsv = [1000]

    def ts():
        tsv[0] += 1
        return [("NOP", None), ("NOP", None), ("Timestamp", (tsv[0], tsg))]

    def data(seq, payload, flags="PA", ack=None, opts=None, count=1, timeout=T):
        return xchg(seg(SP, 9, flags, C + seq, G + 1 if ack is None else ack, payload,
                        opts if opts is not None else ts()), SP, count, timeout)

    sendp(seg(SP, 9, "A", C + 1, G + 1, opts=ts()), iface=iface)
    out["data"] = first(data(1, b"hello"), C, G)
    out["data_again"] = first(data(1, b"hello"), C, G)          # D-SACK
    out["data_ooo"] = first(data(106, b"0123456789"), C, G)       # SACK
    out["data_fills_hole"] = first(data(6, b"x" * 100), C, G)
    time.sleep(OOW_GAP)
    out["rst_in_window"] = first(xchg(seg(SP, 9, "R", C + 216), SP), C, G)
    time.sleep(OOW_GAP)
    out["syn_established"] = first(xchg(seg(SP, 9, "S", C + 166, opts=OPTS), SP), C, G)
    time.sleep(OOW_GAP)
    out["data_out_of_window"] = first(data(116 + 2**30, b"far"), C, G)
    time.sleep(OOW_GAP)
    out["ack_unsent"] = first(data(116, b"zz", ack=G + 1 + 100000), C, G)
    out["ack_unsent_tsval"] = tsv[0]
    out["last_accepted_tsval"] = 1005       # data_fills_hole's
    time.sleep(OOW_GAP)
    old = [("NOP", None), ("NOP", None), ("Timestamp", (5, tsg))]
    out["paws_old"] = first(data(116, b"stale", opts=old), C, G)
    out["data_after"] = first(data(116, b"world"), C, G)
    # Our FIN: ACKed; discard then closes its end too.
    r = data(121, b"", flags="FA", count=2, timeout=3)
    out["fin"] = [desc(p, C, G) for p in r]
    fin = [p for p in r if "F" in str(p[TCP].flags)]
    if fin:
        sendp(seg(SP, 9, "A", C + 122, fin[0][TCP].seq + 1, opts=ts()), iface=iface)
        time.sleep(0.3)
        out["after_close"] = first(data(122, b"late", ack=fin[0][TCP].seq + 1), C, G)

# ---- The MSS we offer bounds what the guest sends (chargen, port 19) ----
SP, C = 41030, 300000
r = xchg(seg(SP, 19, "S", C, opts=[("MSS", 536), ("NOP", None), ("NOP", None),
                                    ("Timestamp", (1, 0))]), SP)
if r:
    G = r[0][TCP].seq
    tsg = dict(r[0][TCP].options).get("Timestamp", (0, 0))[0]
    r = xchg(seg(SP, 19, "A", C + 1, G + 1,
                 opts=[("NOP", None), ("NOP", None), ("Timestamp", (2, tsg))]), SP, count=4)
    out["mss_536_payloads"] = [plen(p) for p in r]
    out["mss_536_ts"] = all("Timestamp" in dict(p[TCP].options) for p in r)
    sendp(seg(SP, 19, "R", C + 1), iface=iface)

# ---- No MSS option: the guest assumes 536 (RFC 9293 3.7.1) ----
SP, C = 41050, 500000
r = xchg(seg(SP, 19, "S", C), SP)
if r:
    G = r[0][TCP].seq
    r = xchg(seg(SP, 19, "A", C + 1, G + 1), SP, count=3)
    out["no_mss_payloads"] = [plen(p) for p in r]
    sendp(seg(SP, 19, "R", C + 1), iface=iface)

# ---- The peer's window bounds what the guest sends; a zero window is
# probed with backoff, and data resumes when it opens (RFC 9293 3.8.6.1) ----
SP, C = 41040, 400000
r = xchg(seg(SP, 19, "S", C, opts=[("MSS", 1460)], window=1000), SP)
if r:
    G = r[0][TCP].seq
    # (ACKed as soon as the window is full: a slow ACK would inflate the
    # guest's RTO and stretch the probe intervals below)
    r = xchg(seg(SP, 19, "A", C + 1, G + 1, window=1000), SP, count=20, timeout=1.5,
             stop=lambda p: rel(p[TCP].seq, G + 1) + plen(p) >= 1000)
    top = max([rel(p[TCP].seq, G + 1) + plen(p) for p in r] or [0])
    out["wnd_1000_sent"] = top
    hi = G + 1 + top
    r = xchg(seg(SP, 19, "A", C + 1, hi, window=0), SP, count=4, timeout=5)
    t0 = r[0].time if r else 0
    out["zero_window"] = [[round(float(p.time - t0), 2), rel(p[TCP].seq, hi), plen(p)]
                          for p in r]
    r = xchg(seg(SP, 19, "A", C + 1, hi, window=1000), SP, count=1)
    out["window_reopened"] = [rel(p[TCP].seq, hi) for p in r] + [plen(p) for p in r]
    sendp(seg(SP, 19, "R", C + 1), iface=iface)

# ---- The peer's window scale is applied (RFC 7323 2.3): WS 7 and a
# window field of 8 mean 1024 bytes; the SYN's own field is unscaled ----
SP, C = 41045, 450000
r = xchg(seg(SP, 19, "S", C, opts=[("MSS", 1460), ("NOP", None), ("WScale", 7)],
             window=512), SP)
if r:
    G = r[0][TCP].seq
    r = xchg(seg(SP, 19, "A", C + 1, G + 1, window=8), SP, count=20, timeout=1.5,
             stop=lambda p: rel(p[TCP].seq, G + 1) + plen(p) >= 1024)
    out["ws7_wnd8_sent"] = max([rel(p[TCP].seq, G + 1) + plen(p) for p in r] or [0])
    # nothing more until the window moves
    r = xchg(None, SP, count=1, timeout=0.5)
    out["ws7_wnd8_more"] = [rel(p[TCP].seq, G + 1) + plen(p) for p in r]
    sendp(seg(SP, 19, "R", C + 1), iface=iface)

# ---- SYN-ACK retransmitted with a doubling timeout (1 s first, as Linux) ----
SP, C = 41060, 600000
r = xchg(seg(SP, 9, "S", C), SP, count=3, timeout=5)
out["synack_times"] = [round(float(p.time - r[0].time), 2) for p in r]
out["synack_same"] = len({(p[TCP].seq, p[TCP].ack) for p in r}) == 1
sendp(seg(SP, 9, "R", C + 1), iface=iface)

# ---- The guest closes first (httpd): its TIME_WAIT re-ACKs our FIN and
# lets a new SYN with a higher sequence number in (RFC 1122 4.2.2.13) ----
SP, C = 41070, 700000
r = xchg(seg(SP, 80, "S", C), SP)
if r:
    G = r[0][TCP].seq
    sendp(seg(SP, 80, "A", C + 1, G + 1), iface=iface)
    req = b"GET / HTTP/1.0\r\n\r\n"
    r = xchg(seg(SP, 80, "PA", C + 1, G + 1, req), SP, count=20, timeout=4,
             stop=lambda p: "F" in str(p[TCP].flags))
    fin = [p for p in r if "F" in str(p[TCP].flags)]
    out["http_guest_fin"] = bool(fin)
    if fin:
        end = fin[0][TCP].seq + plen(fin[0]) + 1
        ours = C + 1 + len(req)
        r = xchg(seg(SP, 80, "FA", ours, end), SP)
        out["tw_ack"] = first(r, c=C)
        r = xchg(seg(SP, 80, "FA", ours, end), SP)
        out["tw_fin_again"] = first(r, c=C)
        out["tw_our_fin"] = ours - C
        r = xchg(seg(SP, 80, "S", C + 100000), SP)
        out["tw_new_syn"] = first(r, c=C + 100000)
        if r:
            sendp(seg(SP, 80, "R", C + 100001), iface=iface)

# ---- A SYN flood fills discard's SYN queue (backlog 128): every SYN is
# still answered, the last ones with SYN cookies (RFC 4987 3.6), and a
# cookie's ACK (with data) makes a connection ----
N, BASE, ISN0 = 160, 42000, 800000
ports = set()


def all_answered(p):
    ports.add(p[TCP].dport)
    return len(ports) == N


ready = threading.Event()
sn = AsyncSniffer(iface=iface, timeout=15, stop_filter=all_answered,
                  filter="tcp and src host %s and dst portrange %d-%d and tcp[13] == 18"
                  % (gip, BASE, BASE + N - 1), started_callback=ready.set)
sn.start()
ready.wait(10)
sendp([seg(BASE + i, 9, "S", ISN0 + i * 1000,
           opts=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (7000 + i, 0)),
                 ("NOP", None), ("WScale", 7)]) for i in range(N)], iface=iface)
sn.join()
synack = {}
for p in sn.results:
    synack.setdefault(p[TCP].dport, p)
out["flood_answered"] = len(synack)
last = BASE + N - 1
if last in synack:
    isn = ISN0 + (N - 1) * 1000
    out["cookie_synack"] = desc(synack[last], c=isn)
    tsg = dict(synack[last][TCP].options).get("Timestamp", (0, 0))[0]
    r = xchg(seg(last, 9, "PA", isn + 1, synack[last][TCP].seq + 1, b"cookie",
                 opts=[("NOP", None), ("NOP", None), ("Timestamp", (7500, tsg))]), last)
    out["cookie_data"] = first(r, c=isn)
    sendp(seg(last, 9, "R", isn + 7), iface=iface)
sendp([seg(BASE + i, 9, "R", ISN0 + i * 1000 + 1) for i in range(N - 1)], iface=iface)

arp.stop()
print("RESULT " + json.dumps(out))
