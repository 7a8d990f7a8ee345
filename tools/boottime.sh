#!/bin/bash
# Boot time: QEMU start to the console banner, median of N runs (TCG).
# Usage: tools/boottime.sh [runs] [mem]
set -u
runs=${1:-5}
mem=${2:-256M}
iso=${ISO:-build/os.iso}
times=()
for i in $(seq "$runs"); do
	t=$(/usr/bin/python3 - "$iso" "$mem" <<'PY'
import subprocess, sys, time, os, signal
iso, mem = sys.argv[1], sys.argv[2]
t0 = time.monotonic()
p = subprocess.Popen(["qemu-system-x86_64", "-cdrom", iso, "-m", mem,
     "-display", "none", "-serial", "stdio", "-monitor", "none",
     "-nic", "none", "-no-reboot"], stdout=subprocess.PIPE,
     start_new_session=True)
buf = b""
while b"teachos " not in buf and time.monotonic() - t0 < 60:
    c = p.stdout.read1(4096)
    if not c:
        break
    buf += c
dt = time.monotonic() - t0
os.killpg(p.pid, signal.SIGKILL)
p.wait()
print("%.3f" % dt if b"teachos " in buf else "fail")
PY
)
	times+=("$t")
	echo "run $i: $t s"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " s"}'
