#!/usr/bin/env python3
"""`make run` / `make debug`: boot build/os.iso in QEMU with the serial
console on this terminal (Ctrl-A X quits).

NET=user (default) uses QEMU user networking and forwards these host ports
on 127.0.0.1 to the guest's demo services; the guest reaches the outside
through QEMU as any VM would. RESTRICT=on (--restrict) isolates it: QEMU
then relays nothing the guest sends, which also drops replies to UDP
forwards (TCP forwards still work). NET=tap attaches to an existing tap
device (see tools/tap-setup.sh)."""
import argparse
import os
import shutil
import sys

FORWARDS = [("tcp", 10007, 7), ("udp", 10007, 7), ("tcp", 10009, 9),
            ("tcp", 10019, 19), ("tcp", 10080, 80)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nic", default="virtio", choices=["virtio", "e1000"])
    ap.add_argument("--net", default="user", choices=["user", "tap", "none"])
    ap.add_argument("--tap", default="tap0")
    ap.add_argument("--mem", default="256M")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--pcap", default="")
    ap.add_argument("--gdb", action="store_true")
    ap.add_argument("--accel", default="tcg", choices=["tcg", "kvm"],
                    help="tcg (default) works everywhere; kvm only where /dev/kvm really works")
    ap.add_argument("--restrict", action="store_true",
                    help="isolate the guest (QEMU user networking restrict=on)")
    ap.add_argument("iso")
    a = ap.parse_args()

    args = ["qemu-system-x86_64", "-cdrom", a.iso, "-m", a.mem, "-smp", "1",
            "-display", "none", "-serial", "mon:stdio", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    # TCG by default: a /dev/kvm that exists is no promise that KVM works
    # (nested or emulated hosts hang in it), and TCG is what the tests use.
    if a.accel == "kvm":
        if not os.access("/dev/kvm", os.W_OK):
            sys.exit("run: ACCEL=kvm but /dev/kvm is missing or not writable")
        args += ["-accel", "kvm"]
    else:
        args += ["-accel", "tcg"]
    if a.cmdline:
        # QEMU option values escape a comma by doubling it
        args += ["-fw_cfg", "name=opt/os/cmdline,string=" + a.cmdline.replace(",", ",,")]
    model = {"virtio": "virtio-net-pci", "e1000": "e1000"}[a.nic]
    if a.net == "user":
        fwd = "".join(",hostfwd=%s:127.0.0.1:%d-:%d" % f for f in FORWARDS)
        args += ["-netdev", "user,id=n0%s" % (",restrict=on" if a.restrict else "") + fwd,
                 "-device", model + ",netdev=n0"]
        print("run: NIC=%s, user networking%s, host forwards:"
              % (a.nic, " (restricted: UDP replies are dropped)" if a.restrict else ""))
        for proto, hp, gp in FORWARDS:
            print("  %s 127.0.0.1:%d -> guest port %d" % (proto, hp, gp))
    elif a.net == "tap":
        if not os.path.exists("/sys/class/net/" + a.tap):
            sys.exit("run: tap device %s does not exist; create it with "
                     "sudo tools/tap-setup.sh %s" % (a.tap, a.tap))
        args += ["-netdev", "tap,id=n0,ifname=%s,script=no,downscript=no" % a.tap,
                 "-device", model + ",netdev=n0"]
        print("run: NIC=%s on tap device %s" % (a.nic, a.tap))
    else:
        args += ["-nic", "none"]
    if a.pcap and a.net != "none":
        args += ["-object", "filter-dump,id=f0,netdev=n0,file=" + a.pcap]
        print("run: recording frames to %s (tshark -r %s)" % (a.pcap, a.pcap))
    if a.gdb:
        args += ["-gdb", "tcp:127.0.0.1:1234", "-S"]
        print("run: QEMU halted, GDB server on 127.0.0.1:1234; "
              "run `make gdb` in another terminal")
    print("run: Ctrl-A X quits QEMU", flush=True)
    if not shutil.which(args[0]):
        sys.exit("run: qemu-system-x86_64 not found (make deps installs it)")
    os.execvp(args[0], args)


if __name__ == "__main__":
    main()
