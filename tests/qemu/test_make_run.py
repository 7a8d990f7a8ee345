#!/usr/bin/env python3
"""What `make run` starts (tools/run-qemu.py): the console banner on the
terminal, the printed host forwards reaching the guest's UDP echo service,
and PCAP= recording the frames for tshark. Run with --restrict, as every
test is: QEMU then relays nothing the guest sends, not even the echo's
reply, so the pcap shows the guest answering. Killed by its process group
id at the end, never by name."""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, main  # noqa: E402
from qemu import ISO, ROOT       # noqa: E402


class Console:
    def __init__(self, args):
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        self.buf = b""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            c = os.read(self.p.stdout.fileno(), 4096)
            if not c:
                return
            with self.lock:
                self.buf += c

    def wait_for(self, pattern, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if re.search(pattern.encode(), self.buf):
                    return True
            time.sleep(0.1)
        return False

    def text(self):
        with self.lock:
            return self.buf.decode("utf-8", "replace")

    def kill(self):
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait(timeout=10)


def udp_echo(port, payload, tries=10):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(1.0)
        for _ in range(tries):
            s.sendto(payload, ("127.0.0.1", port))
            try:
                data, _ = s.recvfrom(2048)
                return data
            except socket.timeout:
                continue
    return None


def test_run_forwards_and_pcap():
    with tempfile.TemporaryDirectory() as tmp:
        pcap = os.path.join(tmp, "run.pcap")
        c = Console(["/usr/bin/python3", os.path.join(ROOT, "tools/run-qemu.py"),
                     "--nic", "e1000", "--net", "user", "--mem", "128M",
                     "--pcap", pcap, "--restrict", ISO])
        try:
            check(c.wait_for(r"udp 127\.0\.0\.1:10007 -> guest port 7", 10),
                  "forwards not printed:\n" + c.text())
            check(c.wait_for(r"init: services ready", 60), "no services:\n" + c.text()[-1500:])
            check("teachos 0.1 x86_64" in c.text(), "no banner")
            # restricted: the reply is dropped by QEMU, so no answer here
            udp_echo(10007, b"through the host forward", tries=2)
        finally:
            c.kill()
        r = subprocess.run(["tshark", "-r", pcap, "-Y", "udp.port == 7", "-T", "fields",
                            "-e", "ip.src", "-e", "ip.dst", "-e", "udp.payload"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=60)
        lines = [l for l in r.stdout.splitlines() if l.strip()]
        payload = b"through the host forward".hex()
        check(any(l.split("\t")[1:] == ["10.0.2.15", payload] for l in lines),
              "the forwarded datagram did not reach the guest:\n" + r.stdout[-800:])
        check(any(l.split("\t")[0] == "10.0.2.15" and l.endswith(payload) for l in lines),
              "the guest did not echo it:\n" + r.stdout[-800:])


if __name__ == "__main__":
    main(globals())
