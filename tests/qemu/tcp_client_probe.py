"""The far end of the guest's own TCP connections, played with scapy from
the test's namespace (argv: iface guest_mac guest_ip). Like tcp_probe.py
it is PEER, an address no interface of the namespace owns, and answers the
guest's ARP requests for it. Each port is a scenario for one `nc` the test
runs in the guest:

  5001  accept: a SYN-ACK with MSS 1000, SACK, timestamps and WS 2; ACK
        the data; answer the guest's FIN with ours
  5002  refuse: RST|ACK to the SYN
  5003  silent: let two SYNs go unanswered (their times are the SYN
        retransmission timeout), refuse the third
  5004  a SYN-ACK acknowledging what was never sent (it must get a RST
        and leave the guest waiting), then a good one as on 5001
  5005  simultaneous open: a bare SYN crosses the guest's, which must
        answer SYN-ACK; our ACK then makes the connection (as 5001)
  5006  SYN-SENT ignores a RST without ACK and a RST|ACK acking the
        wrong number; only a right RST|ACK (to its second SYN) refuses

It prints READY once listening, then one JSON object when every scenario
has ended (or after a bounded time). Segments are recorded with seq
relative to the guest's ISN and ack relative to ours."""
import json
import sys
import threading
import time

from scapy.all import ARP, IP, TCP, Ether, AsyncSniffer, Raw, conf, get_if_hwaddr, sendp

conf.verb = 0
iface, gmac, gip = sys.argv[1:4]
hmac = get_if_hwaddr(iface)
PEER = "192.168.76.50"
OUR_ISN = 3000000
TS0 = 5000
LIMIT = 100
out = {}
done = set()
state = {}           # port -> dict(isn, tsval, ...)
lock = threading.Lock()
finished = threading.Event()


def reply(p, flags, seq, ack, opts=None, data=b""):
    t = p[TCP]
    pkt = Ether(src=hmac, dst=gmac) / IP(src=PEER, dst=gip) / TCP(
        sport=t.dport, dport=t.sport, flags=flags, seq=seq % 2**32, ack=ack % 2**32,
        window=8192, options=opts or [])
    sendp(pkt / Raw(data) if data else pkt, iface=iface)


def plen(p):
    return p[IP].len - 4 * p[IP].ihl - 4 * p[TCP].dataofs


def desc(p, st):
    t = p[TCP]
    o = []
    for k, v in t.options:
        o.append([k, list(v) if isinstance(v, tuple) else
                  (v if isinstance(v, int) else None)])
    return {"t": round(float(p.time - st["t0"]), 2), "flags": str(t.flags),
            "seq": (t.seq - st["isn"]) % 2**32, "ack": (t.ack - OUR_ISN) % 2**32,
            "win": t.window, "len": plen(p), "opts": o, "ttl": p[IP].ttl,
            "df": bool(p[IP].flags.DF)}


def tsopt(st, p):
    tsv = dict(p[TCP].options).get("Timestamp")
    st["ts"] += 1
    return [("NOP", None), ("NOP", None), ("Timestamp", (st["ts"], tsv[0] if tsv else 0))]


def finish(port):
    done.add(port)
    if done >= {5001, 5002, 5003, 5004, 5005, 5006}:
        finished.set()


def accept_flow(p, st, port, rec):
    """The established part of 5001 and 5004: ACK data, answer FIN."""
    t = p[TCP]
    f = str(t.flags)
    n = plen(p)
    if "S" in f:
        return
    rec.setdefault("segs", []).append(desc(p, st))
    if n or "F" in f:
        end = t.seq + n + (1 if "F" in f else 0)
        if "F" in f and not st.get("fin_sent"):
            st["fin_sent"] = True
            reply(p, "FA", OUR_ISN + 1, end, tsopt(st, p))
        elif n:
            reply(p, "A", OUR_ISN + 1 + (1 if st.get("fin_sent") else 0), end, tsopt(st, p))
    elif st.get("fin_sent") and (t.ack - OUR_ISN) % 2**32 == 2:
        finish(port)


def on_segment(p):
    if ARP in p:
        if p[ARP].op == 1 and p[ARP].pdst == PEER:
            sendp(Ether(src=hmac, dst=p[Ether].src) /
                  ARP(op=2, hwsrc=hmac, psrc=PEER, hwdst=p[ARP].hwsrc, pdst=p[ARP].psrc),
                  iface=iface)
        return
    if TCP not in p or p[IP].src != gip or p[IP].dst != PEER:
        return
    t = p[TCP]
    port = t.dport
    f = str(t.flags)
    with lock:
        rec = out.setdefault(str(port), {})
        if f == "S":
            st = state.setdefault(port, {"isn": t.seq, "t0": p.time, "ts": TS0, "syns": 0})
            st["syns"] += 1
            rec.setdefault("syns", []).append(desc(p, st))
            good = [("MSS", 1000), ("SAckOK", b""), ("Timestamp", (TS0, dict(
                t.options).get("Timestamp", (0, 0))[0])), ("NOP", None), ("WScale", 2)]
            if port == 5001 or (port == 5004 and st["syns"] > 1):
                reply(p, "SA", OUR_ISN, t.seq + 1, good)
            elif port == 5004:
                reply(p, "SA", OUR_ISN, t.seq + 1000, good)   # acks the unsent
            elif port == 5005 and st["syns"] == 1:
                reply(p, "S", OUR_ISN, 0, good[:3])            # crossing SYN
            elif port == 5006 and st["syns"] == 1:
                reply(p, "R", t.seq + 1, 0)                    # no ACK bit
                reply(p, "RA", 0, t.seq + 5)                   # wrong ACK
            elif port == 5006:
                reply(p, "RA", 0, t.seq + 1)
                finish(port)
            elif port == 5002 or (port == 5003 and st["syns"] >= 3):
                reply(p, "RA", 0, t.seq + 1)
                finish(port)
            return
        st = state.get(port)
        if not st:
            return
        if port == 5004 and "R" in f:
            rec["rst"] = desc(p, st)
            rec["rst"]["seq_abs_minus_bad_ack"] = (t.seq - (st["isn"] + 1000)) % 2**32
            return
        if port == 5005 and f == "SA":
            rec["synack"] = desc(p, st)
            reply(p, "A", OUR_ISN + 1, t.seq + 1, tsopt(st, p))
            return
        if port == 5006:
            rec.setdefault("other", []).append(desc(p, st))
            return
        if port in (5001, 5004, 5005):
            accept_flow(p, st, port, rec)


sn = AsyncSniffer(iface=iface, prn=on_segment, store=False,
                  filter="arp or (tcp and src host %s)" % gip)
sn.start()
time.sleep(0.5)
print("READY", flush=True)
finished.wait(LIMIT)
time.sleep(0.5)      # the last ACKs
sn.stop()
with lock:
    out["_done"] = sorted(done)
    print("RESULT " + json.dumps(out), flush=True)
