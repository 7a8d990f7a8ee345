#!/bin/bash
# Build a minimal Linux guest for side-by-side benchmarks: Debian's cloud
# kernel (virtio drivers as modules) plus an initramfs with busybox and
# OUR OWN static user programs (udpecho, tcpsvc...), which run unchanged on
# Linux. So both guests run the same server binaries, and only the kernels
# differ. Output: build/bench/linux/{vmlinuz,initramfs.cpio}.
# Needs root for apt-get download (Debian archive only).
set -euo pipefail
out=${1:-build/bench/linux}
dl=build/bench/dl
mkdir -p "$out" "$dl"
if [ ! -f "$out/vmlinuz" ] || [ ! -f "$out/initramfs.cpio" ]; then
	pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
	(cd "$dl" && apt-get download -q "$pkg" busybox-static >/dev/null 2>&1 ||
	 { echo "linux-guest: apt-get download $pkg busybox-static failed (run as root)" >&2; exit 1; })
	rm -rf "$dl/x" "$dl/root"
	for d in "$dl"/*.deb; do dpkg -x "$d" "$dl/x"; done
	kver=$(ls "$dl/x/lib/modules" | head -1)
	cp "$dl/x/boot/vmlinuz-$kver" "$out/vmlinuz"
	root="$dl/root"
	mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,lib/modules,etc}
	cp "$dl/x/bin/busybox" "$root/bin/busybox"
	for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev \
		 virtio_pci failover net_failover virtio_net; do
		find "$dl/x/lib/modules/$kver" -name "$m.ko*" -exec cp {} "$root/lib/modules/" \;
	done
	for p in udpecho tcpsvc httpd; do
		[ -f "build/user/bin/$p" ] && cp "build/user/bin/$p" "$root/bin/"
	done
	cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci \
	 failover net_failover virtio_net; do
	insmod /lib/modules/$m.ko || echo "linux-guest: insmod $m failed"
done
ip link set lo up
ip link set eth0 up
ip addr add 192.168.76.2/24 dev eth0
ip route add default via 192.168.76.1
/bin/udpecho -p 7 &
/bin/tcpsvc echo -p 7 &
/bin/tcpsvc discard -p 9 &
/bin/tcpsvc chargen -p 19 &

echo "linux-guest: services started"
exec sh
INIT
	chmod +x "$root/init"
	(cd "$root" && find . | cpio -o -H newc --quiet) > "$out/initramfs.cpio"
fi
echo "$out"
