#!/bin/bash
# Build the initrd: a cpio "newc" archive holding /bin/<prog> for every
# program given and the rootfs/ tree (/etc/...), plus the empty
# directories the system expects (/dev /proc /tmp /root).
#   usage: tools/mkinitrd.sh OUT.cpio PROG...
set -euo pipefail
out=$1
shift
root=$(dirname "$0")/..
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,dev,proc,tmp,root,etc,var/www}
chmod 1777 "$stage/tmp"
# Debug info stays in build/ (for gdb); the initrd gets stripped copies.
for p in "$@"; do
	install -m 0755 "$p" "$stage/bin/$(basename "$p")"
	strip --strip-debug "$stage/bin/$(basename "$p")" 2>/dev/null || true
done
if [ -d "$root/rootfs" ]; then
	cp -a "$root/rootfs/." "$stage/"
fi
mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
# Sorted names for a reproducible archive; owner root, as the kernel sees it.
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' |
	cpio -o -H newc -R 0:0 --quiet > "$out_abs")
echo "initrd: $out ($(wc -c < "$out_abs") bytes, $# programs)"
