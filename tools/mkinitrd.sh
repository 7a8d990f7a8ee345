#!/bin/bash
# Placeholder until the user-space tree lands: an initrd with /etc only.
set -e
out=$1; shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc"
for p in "$@"; do cp "$p" "$root/bin/"; done
[ -d rootfs ] && cp -r rootfs/. "$root/"
(cd "$root" && find . | sort | cpio -o -H newc --quiet) > "$out"
