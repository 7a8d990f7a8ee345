#!/usr/bin/env python3
"""NIC drivers (virtio-net with MSI-X, virtio-net with INTx, e1000) driven
from a peer on a tap device inside a network namespace this test creates.

Each guest runs the in-kernel `nic` self-test (drivers/tests/nic_selftest.c)
which answers a small protocol on ethertype 0x88B5: PING -> PONG, counts
BLST flood frames, transmits TXBN n frames, prints STAT, finishes on ENDT.
Nothing is sent anywhere but the namespace's tap; every wait is bounded;
the namespace is deleted at the end, always.
"""
import ctypes
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main                       # noqa: E402
from qemu import EXIT_PASS, Qemu, Timeout             # noqa: E402

ETH_P_NICTEST = 0x88B5
GUEST_MAC = "52:54:00:12:34:56"
FLOOD = int(os.environ.get("NIC_FLOOD", "100000"))
CLONE_NEWNET = 0x40000000
PACKET_OUTGOING = 4


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(":"))


class TapNetns:
    """A network namespace holding one tap device, deleted on exit."""

    def __init__(self, tap="tap0"):
        self.name = "nictest%d" % os.getpid()
        self.tap = tap

    def ip(self, *args):
        subprocess.run(["ip", "-n", self.name] + list(args), check=True,
                       timeout=30, stdout=subprocess.DEVNULL)

    def __enter__(self):
        subprocess.run(["ip", "netns", "add", self.name], check=True, timeout=30)
        try:
            self.ip("tuntap", "add", "mode", "tap", "name", self.tap)
            self.ip("link", "set", "lo", "up")
            self.ip("link", "set", self.tap, "mtu", "9000")
            self.ip("link", "set", self.tap, "up")
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        subprocess.run(["ip", "netns", "del", self.name], timeout=30,
                       stderr=subprocess.DEVNULL)

    def packet_socket(self):
        """An AF_PACKET socket on the tap, created inside the namespace
        (setns on this thread only, then straight back)."""
        libc = ctypes.CDLL(None, use_errno=True)
        here = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        there = os.open("/run/netns/" + self.name, os.O_RDONLY)
        try:
            if libc.setns(there, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns")
            try:
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_NICTEST))
                s.bind((self.tap, ETH_P_NICTEST))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
            finally:
                if libc.setns(here, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns back")
        finally:
            os.close(here)
            os.close(there)
        return s

    def tap_stats(self):
        out = subprocess.run(["ip", "-n", self.name, "-s", "-j", "link", "show",
                              self.tap], stdout=subprocess.PIPE, check=True,
                             timeout=30).stdout
        st = json.loads(out)[0]["stats64"]
        return {"rx": st["rx"]["packets"], "tx": st["tx"]["packets"],
                "tx_dropped": st["tx"]["dropped"]}


class Peer:
    """Our side of the test protocol."""

    def __init__(self, sock, guest_mac=GUEST_MAC):
        self.s = sock
        self.dst = mac_bytes(guest_mac)
        self.src = self.s.getsockname()[4]

    def frame(self, op, arg=0):
        payload = op.encode() + struct.pack("!I", arg)
        return (self.dst + self.src + struct.pack("!H", ETH_P_NICTEST) +
                payload.ljust(46, b"\0"))

    def send(self, op, arg=0):
        self.s.send(self.frame(op, arg))

    def ping(self, seq, timeout=10.0):
        """Send PING seq until PONG seq comes back; returns the RTT."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            self.send("PING", seq)
            if self.wait_for(b"PONG", seq, min(1.0, deadline - time.monotonic())):
                return time.monotonic() - t0
        return None

    def short_reply(self, seq, timeout=10.0):
        """Ask for a 22-byte frame; return what arrived (padded or not)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.send("SHRT", seq)
            data = self.wait_for(b"SHRR", seq, min(1.0, deadline - time.monotonic()))
            if data:
                return data
        return None

    def wait_for(self, op, arg, timeout):
        """The first frame carrying op/arg within timeout, or None."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                data, addr = self.s.recvfrom(2048)
            except socket.timeout:
                return None
            if addr[2] == PACKET_OUTGOING or len(data) < 22:
                continue
            if data[14:18] == op and struct.unpack("!I", data[18:22])[0] == arg:
                return data

    def odd_frames(self, n=20):
        """Frames a driver must survive: larger than any RX buffer (the tap
        MTU is raised for them), header-only, and of an ethertype nobody
        handles (the core must count those as rx_nohandler)."""
        hdr = self.dst + self.src
        for i in range(n):
            self.s.send(hdr + struct.pack("!H", ETH_P_NICTEST) + b"BIG!" + bytes(3982))
            self.s.send(hdr + struct.pack("!H", ETH_P_NICTEST))
            self.s.send(hdr + struct.pack("!H", ETH_P_NICTEST + 1) + bytes(46))
            time.sleep(0.002)

    def flood(self, n):
        """Send n BLST frames as fast as we can; returns frames accepted by
        the host kernel (a full socket buffer refuses some)."""
        frames = [self.frame("BLST", i) for i in range(256)]
        sent = refused = 0
        self.s.setblocking(True)
        for i in range(n):
            try:
                self.s.send(frames[i & 255])
                sent += 1
            except OSError:
                refused += 1
        return sent


def parse_stats(text):
    """The last nic_proc_show block and blast line from the console."""
    blocks = text.split("nic: stat end")
    block = blocks[-2] if len(blocks) >= 2 else ""
    st = {}
    for key, val in re.findall(r"\b([a-z_0-9]+) (\d+)\b", block):
        st[key] = int(val)
    m = re.search(r"nic: blast_rx (\d+) frames in (\d+) us", block)
    if m:
        st["blast_rx"], st["blast_us"] = int(m.group(1)), int(m.group(2))
    return st


def qemu_on_tap(ns, nic, extra, placement, options=""):
    """A Qemu for the nic self-test on the namespace's tap. placement (a
    device suffix such as ",bus=rp1") puts the NIC behind a bridge that
    extra creates."""
    cmdline = ("test=nic nic_timeout=240 " + options).strip()
    if placement is None and nic in ("virtio", "e1000"):
        return Qemu(mem="128M", cmdline=cmdline, nic=nic, net="tap", tap=ns.tap,
                    netns=ns.name, mac=GUEST_MAC, extra=list(extra))
    # Any other QEMU model name, or a placement behind a bridge.
    model = {"virtio": "virtio-net-pci", "e1000": "e1000"}.get(nic, nic)
    placement = placement or ""
    extra = list(extra) + [
        "-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % ns.tap,
        "-device", "%s,netdev=n0,mac=%s%s" % (model, GUEST_MAC, placement)]
    return Qemu(mem="128M", cmdline=cmdline, netns=ns.name, extra=extra)


def command(q, peer, op, arg, answer, tries=5):
    """Send a command frame until the console shows its answer: a frame
    can be lost (the flood's tail fills the tap queue, fault injection
    drops some on purpose)."""
    for _ in range(tries):
        peer.send(op, arg)
        try:
            return q.expect(answer, timeout=20)
        except Timeout:
            continue
    raise Timeout("no answer to %s %d after %d tries" % (op, arg, tries))


def end_test(q, peer, timeout=120):
    """ENDT until the guest finishes; returns QEMU's exit status."""
    deadline = time.monotonic() + timeout
    while True:
        peer.send("ENDT")
        try:
            return q.wait_exit(2)
        except Timeout:
            if time.monotonic() > deadline:
                raise


def run_nic(nic, extra=(), flood=FLOOD, tx=2000, placement=None, options=""):
    """Boot with the nic self-test behind a tap, run the protocol, return
    (console text, stats dict, tap stats, frames sent, tx line match)."""
    with TapNetns() as ns:
        with qemu_on_tap(ns, nic, extra, placement, options) as q:
            m = q.expect(r"nic: ready (\S+) (\S+) link (\w+)\r?\n", timeout=60)
            check(m.group(3) == b"up", "link %s at boot" % m.group(3))
            peer = Peer(ns.packet_socket())
            check(peer.ping(1) is not None, "no PONG 1 before the flood")
            short = peer.short_reply(7)
            check(short is not None, "no answer to SHRT")
            check(len(short) == 60 and short[22:] == bytes(38),
                  "short frame not padded to 60 zero-filled bytes: %d bytes %r"
                  % (len(short), short[22:]))
            peer.odd_frames()
            check(peer.ping(3) is not None, "no PONG after odd frames")
            tap0 = ns.tap_stats()
            sent = peer.flood(flood)
            rtt = peer.ping(2, timeout=60)
            check(rtt is not None, "guest stopped answering after %d frames" % sent)
            txm = None
            if tx:
                txm = command(q, peer, "TXBN", tx,
                              r"nic: tx (\d+) frames in (\d+) us \((\d+) fps\)")
            # Let TX completions be reclaimed before the counters are read.
            time.sleep(0.5)
            status = end_test(q, peer)
            q.reader.join(timeout=5)
            text = q.text()
            tap1 = ns.tap_stats()
    check(status == EXIT_PASS and "selftest nic: PASS" in text,
          "selftest nic: exit %s, console:\n%s" % (status, text[-3000:]))
    return text, parse_stats(text), tap0, tap1, sent, txm


def check_flood_accounting(st, tap0, tap1, sent):
    """Every flood frame either reached the guest's protocol handler or
    was counted as dropped: by the host's tap queue (QEMU stops reading
    when the guest ring is full), by the NIC (hardware missed) or by the
    driver (named drop counters)."""
    host_dropped = tap1["tx_dropped"] - tap0["tx_dropped"]
    guest_drops = (st.get("rx_hw_missed", 0) + st.get("rx_nomem", 0) +
                   st.get("rx_err", 0))
    got = st.get("blast_rx", 0)
    accounted = got + host_dropped + guest_drops
    check(got > 0, "no flood frame arrived")
    check(accounted >= sent, "flood: sent %d, guest got %d, host dropped %d, "
          "guest dropped %d: %d unaccounted" % (sent, got, host_dropped,
                                               guest_drops, sent - accounted))
    check(st.get("rx_ring_errors", 1) == 0, "ring errors")
    return got, host_dropped, guest_drops


def check_nic(nic, mode, extra=(), placement=None):
    text, st, tap0, tap1, sent, txm = run_nic(nic, extra, placement=placement)
    check(re.search(r"eth0: .* %s[, ]" % re.escape(mode), text),
          "interrupt mode %s not used:\n%s" % (mode, text[-2000:]))
    got, hdrop, gdrop = check_flood_accounting(st, tap0, tap1, sent)
    # TX: every requested frame left the guest and reached the tap.
    check(txm and int(txm.group(1)) == 2000, "tx bench incomplete")
    check(st.get("tx_packets", 0) >= 2000, "guest tx_packets %s" % st.get("tx_packets"))
    check(st.get("tx_reclaimed", 0) == st.get("tx_packets", -1),
          "reclaimed %s != tx_packets %s" % (st.get("tx_reclaimed"), st.get("tx_packets")))
    check(tap1["rx"] - tap0["rx"] >= 2000, "host saw %d guest frames"
          % (tap1["rx"] - tap0["rx"]))
    check(st.get("irqs", 0) > 0 and st.get("polls", 0) > 0, "no irq/poll counted")
    check(st.get("rx_nohandler", 0) >= 20, "unknown ethertype frames not counted: "
          "rx_nohandler %s" % st.get("rx_nohandler"))
    print("  %s/%s: flood sent %d, guest got %d (%d us), host dropped %d, guest "
          "dropped %d; budget-exhausted polls %d; tx %s frames in %s us"
          % (nic, mode, sent, got, st.get("blast_us", 0), hdrop, gdrop,
             st.get("rx_budget_exhausted", 0), txm.group(1).decode(),
             txm.group(2).decode()), flush=True)


class Monitor:
    """QEMU's human monitor on a unix socket, for `info pci`, `set_link`."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="nicmon")
        self.path = os.path.join(self.dir, "mon.sock")
        self.args = ["-monitor", "unix:%s,server=on,wait=off" % self.path]
        self.s = None

    def connect(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(self.path)
                break
            except OSError:
                self.s.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.read_prompt()

    def read_prompt(self, timeout=30):
        self.s.settimeout(timeout)
        out = b""
        while not out.endswith(b"(qemu) "):
            chunk = self.s.recv(65536)
            if not chunk:
                break
            out += chunk
        return out.decode("utf-8", "replace")

    def cmd(self, line):
        self.s.sendall(line.encode() + b"\n")
        return self.read_prompt()

    def close(self):
        if self.s:
            self.s.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.rmdir(self.dir)


def qemu_bars(info_pci):
    """{(bus, slot, fn): {bar: (start, end, is_io)}} from `info pci`."""
    devs, cur = {}, None
    for line in info_pci.splitlines():
        m = re.search(r"Bus\s+(\d+), device\s+(\d+), function (\d+):", line)
        if m:
            cur = devs.setdefault(tuple(int(x) for x in m.groups()), {})
            continue
        m = re.search(r"BAR(\d+): (I/O|\d+ bit (?:prefetchable )?memory) at "
                      r"0x([0-9a-f]+) \[0x([0-9a-f]+)\]", line)
        if m and cur is not None:
            cur[int(m.group(1))] = (int(m.group(3), 16), int(m.group(4), 16),
                                    m.group(2) == "I/O")
    return devs


def check_pci_listing(machine, virtio_id="1af41000"):
    """test=pci prints /proc/bus/pci/devices; every BAR of every function
    must match QEMU's own `info pci`, with Linux's flag bits, and each NIC
    must be bound to its driver."""
    mon = Monitor()
    extra = mon.args + list(machine)
    try:
        with Qemu(mem="128M", cmdline="test=pci pci_hold_ms=3000", extra=extra) as q:
            mon.connect()
            # Ask QEMU while the guest holds still after its scan (during
            # the scan a BAR being sized reads as unassigned).
            q.expect(r"pci: holding", timeout=60)
            info = mon.cmd("info pci")
            status = q.wait_exit(60)
            q.reader.join(timeout=5)
            text = q.text()
    finally:
        mon.close()
    check(status == EXIT_PASS, "selftest pci failed:\n" + text[-3000:])
    want = qemu_bars(info)
    lines = re.findall(r"^pcidev: (.*)$", text, re.M)
    check(len(lines) == len(want), "%d functions listed, QEMU has %d"
          % (len(lines), len(want)))
    drivers = {}
    for line in lines:
        f = line.split("\t")
        check(len(f) == 18, "fields: %r" % line)
        bus, devfn = int(f[0][:2], 16), int(f[0][2:], 16)
        key = (bus, devfn >> 3, devfn & 7)
        check(key in want, "function %s unknown to QEMU" % f[0])
        starts = [int(x, 16) for x in f[3:10]]
        sizes = [int(x, 16) for x in f[10:17]]
        for bar in range(6):
            if bar in want[key]:
                start, end, is_io = want[key][bar]
                got = starts[bar] & ~(0x3 if is_io else 0xf)
                check(got == start and sizes[bar] == end - start + 1,
                      "%s BAR%d: ours %#x+%#x, QEMU %#x-%#x"
                      % (f[0], bar, got, sizes[bar], start, end))
                check((starts[bar] & 1) == is_io, "%s BAR%d I/O flag" % (f[0], bar))
            else:
                check(sizes[bar] == 0, "%s BAR%d: QEMU has none" % (f[0], bar))
        drivers[f[1]] = f[17]
    check(drivers.get(virtio_id) == "virtio-net", "virtio driver %r" % drivers)
    check(drivers.get("8086100e") == "e1000", "e1000 driver %r" % drivers)
    # virtio's modern BAR is 64-bit prefetchable memory: flag bits 0xc.
    virtio = [l.split("\t") for l in lines if "\t%s\t" % virtio_id in l][0]
    check(int(virtio[7], 16) & 0xf == 0xc, "virtio BAR4 flags " + virtio[7])
    return text


TWO_NICS = ["-netdev", "user,id=n0,restrict=on", "-netdev", "user,id=n1,restrict=on"]


def test_pci_listing_matches_qemu():
    check_pci_listing(TWO_NICS + ["-device", "virtio-net-pci,netdev=n0",
                                  "-device", "e1000,netdev=n1"])


def test_pci_listing_behind_pci_bridge():
    """Both NICs on bus 1, behind a PCI-to-PCI bridge: the scan recurses."""
    text = check_pci_listing(TWO_NICS + [
        "-device", "pci-bridge,id=br1,chassis_nr=1",
        "-device", "virtio-net-pci,netdev=n0,bus=br1,addr=2",
        "-device", "e1000,netdev=n1,bus=br1,addr=1"])
    check(re.search(r"pci 0000:01:02\.0: \[1af4:1000\]", text), "bus 1 not scanned")


def test_pci_listing_q35_pcie():
    """q35: PCIe root port, modern-only virtio-net (1af4:1041) behind it."""
    check_pci_listing(["-machine", "q35"] + TWO_NICS + [
        "-device", "pcie-root-port,id=rp1,chassis=1",
        "-device", "virtio-net-pci,netdev=n0,bus=rp1",
        "-device", "e1000,netdev=n1"], virtio_id="1af41041")


def test_proc_files_from_user_space():
    """/proc/bus/pci/devices, /proc/bus/pci/BB/DD.F and /proc/net/nic read
    by user programs: lspci (which takes class and revision from the
    config-space files) and cat, from the shell."""
    with Qemu(mem="128M", nic="e1000", net="user", cmdline="init=/bin/sh") as q:
        q.expect(r"eth0: link up", timeout=60)
        q.expect(r"\$ ", timeout=60)
        q.send("lspci; cat /proc/net/nic; echo proc-'done'\n")
        q.expect(r"proc-done\s*\r?\n", timeout=30)
        text = q.text()
    check(re.search(r"00:03\.0 Ethernet controller: Intel Corporation 82540EM", text),
          "lspci:\n" + text[-2000:])
    check(re.search(r"00:00\.0 Host bridge: .*\(rev 02\)", text),
          "lspci revision from config space:\n" + text[-2000:])
    check(re.search(r"eth0: driver e1000 bus 0000:00:03\.0 irq INTx link up", text),
          "/proc/net/nic:\n" + text[-2000:])


def check_pci_irq(extra=()):
    """test=pci_irq on QEMU's edu device: an interrupt raised by a register
    write must arrive through INTx on the firmware's line, then as MSI."""
    with Qemu(mem="128M", cmdline="test=pci_irq",
              extra=["-device", "edu"] + list(extra)) as q:
        status = q.wait_exit(60)
        q.reader.join(timeout=5)
        text = q.text()
    check(status == EXIT_PASS and "pci_irq: MSI on vector" in text,
          "selftest pci_irq: exit %s:\n%s" % (status, text[-2000:]))


def test_pci_intx_and_msi_edu():
    check_pci_irq()


def test_pci_intx_and_msi_edu_q35():
    check_pci_irq(["-machine", "q35"])


def check_link_changes(nic, extra=()):
    """QEMU's set_link toggles the link; the driver must see it through
    its interrupt (virtio config change / e1000 LSC) and report it."""
    mon = Monitor()
    try:
        with Qemu(mem="128M", nic=nic, net="user",
                  extra=mon.args + list(extra)) as q:
            mon.connect()
            q.expect(r"eth0: link up", timeout=60)
            mon.cmd("set_link n0 off")
            q.expect(r"eth0: link down", timeout=20)
            mon.cmd("set_link n0 on")
            q.expect(r"eth0: link up", timeout=20)
    finally:
        mon.close()


def test_link_status_virtio_msix():
    check_link_changes("virtio")


def test_link_status_virtio_intx():
    check_link_changes("virtio", ["-global", "virtio-net-pci.vectors=0"])


def test_link_status_e1000():
    check_link_changes("e1000")


def test_virtio_net_msix():
    check_nic("virtio", "MSI-X")


def test_virtio_net_intx():
    check_nic("virtio", "INTx", extra=["-global", "virtio-net-pci.vectors=0"])


def test_virtio_net_two_msix_vectors():
    """vectors=2: config on one, both queues sharing the other."""
    check_nic("virtio", "MSI-X (shared queue vector)",
              extra=["-global", "virtio-net-pci.vectors=2"])


def test_e1000():
    check_nic("e1000", "INTx")


def test_e1000_82545em():
    """QEMU's e1000-82545em (8086:100f), same programming model."""
    check_nic("e1000-82545em", "INTx")


def check_rx_alloc_failures(nic):
    """Every 7th RX buffer allocation fails (nic_fail_rx=7): the driver
    must drop that frame, count it as rx_nomem, reuse the buffer, keep the
    ring full and keep answering; flood accounting must still add up."""
    text, st, tap0, tap1, sent, txm = run_nic(nic, flood=20000, tx=100,
                                              options="nic_fail_rx=7")
    got, hdrop, gdrop = check_flood_accounting(st, tap0, tap1, sent)
    nomem = st.get("rx_nomem", 0)
    check(nomem > 0, "no rx_nomem counted")
    # Of every 7 frames received, about one is dropped.
    delivered = got + nomem
    check(abs(nomem - delivered / 7) <= delivered / 70 + 5,
          "rx_nomem %d for %d frames" % (nomem, delivered))


def test_virtio_net_rx_alloc_failure():
    check_rx_alloc_failures("virtio")


def test_e1000_rx_alloc_failure():
    check_rx_alloc_failures("e1000")


GUEST_IP, HOST_IP = "192.168.76.2", "192.168.76.1"


def arping(ns, count=3, deadline=10):
    """Linux's arping (Thomas Habets') from the namespace; replies seen."""
    r = subprocess.run(["ip", "netns", "exec", ns.name, "arping", "-c", str(count),
                        "-w", str(deadline), "-i", ns.tap, GUEST_IP],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=deadline + 20)
    out = r.stdout.decode("utf-8", "replace")
    replies = re.findall(r"bytes from ([0-9a-f:]{17}) \(%s\)" % re.escape(GUEST_IP),
                         out)
    return replies, out


def check_stack_after_flood(nic, extra=()):
    """With the stack linked (ip= given): arping from the namespace gets
    replies from the guest's MAC, before and after a 100,000-frame flood,
    and Linux's ping gets ICMP echo replies after it."""
    with TapNetns() as ns:
        ns.ip("addr", "add", HOST_IP + "/24", "dev", ns.tap)
        q = qemu_on_tap(ns, nic, extra, None,
                        options="ip=%s/24 gw=%s" % (GUEST_IP, HOST_IP))
        with q:
            q.expect(r"ipconfig: eth0 %s/24" % re.escape(GUEST_IP), timeout=60)
            q.expect(r"nic: ready (\S+) (\S+) link (\w+)\r?\n", timeout=30)
            replies, out = arping(ns)
            check(len(replies) >= 2 and set(replies) == {GUEST_MAC},
                  "arping before the flood:\n" + out)
            peer = Peer(ns.packet_socket())
            tap0 = ns.tap_stats()
            sent = peer.flood(FLOOD)
            replies, out = arping(ns)
            check(len(replies) >= 2, "arping after %d flood frames:\n%s" % (sent, out))
            r = subprocess.run(["ip", "netns", "exec", ns.name, "ping", "-c", "3",
                                "-i", "0.2", "-W", "2", GUEST_IP],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=30)
            pings = r.stdout.decode("utf-8", "replace")
            check(re.search(r"3 packets transmitted, [23] received", pings),
                  "ping after the flood:\n" + pings)
            status = end_test(q, peer)
            q.reader.join(timeout=5)
            text = q.text()
            tap1 = ns.tap_stats()
    check(status == EXIT_PASS, "selftest nic: exit %s:\n%s" % (status, text[-3000:]))
    check_flood_accounting(parse_stats(text), tap0, tap1, sent)


def test_virtio_net_arp_after_flood():
    check_stack_after_flood("virtio")


def test_e1000_arp_after_flood():
    check_stack_after_flood("e1000")


def test_virtio_net_q35_behind_pcie_root_port():
    check_nic("virtio", "MSI-X", ["-machine", "q35", "-device",
                                  "pcie-root-port,id=rp1,chassis=1"],
              placement=",bus=rp1")


def test_e1000_behind_pci_bridge():
    """INTx through a bridge: the firmware swizzles the pin; the line it
    wrote must be the one that fires."""
    check_nic("e1000", "INTx", ["-device", "pci-bridge,id=br1,chassis_nr=1"],
              placement=",bus=br1,addr=1")


if __name__ == "__main__":
    if os.geteuid() != 0:
        print("test_nic: needs root for network namespaces")
    main(globals())
