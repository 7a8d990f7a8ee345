#!/bin/bash
# Check that the tools the build and tests need are present. As root with
# apt available, install what is missing; otherwise print the exact command.
set -u

# command -> Debian package
declare -A NEED=(
	[gcc]=gcc [ld]=binutils [make]=make [gdb]=gdb
	[qemu-system-x86_64]=qemu-system-x86
	[grub-mkrescue]=grub-common [xorriso]=xorriso [mformat]=mtools
	[cpio]=cpio [socat]=socat [nc]=netcat-openbsd [ping]=iputils-ping
	[tshark]=tshark [dnsmasq]=dnsmasq-base [arping]=arping [ip]=iproute2
	[clang]=clang [addr2line]=binutils [curl]=curl
	[/usr/bin/python3]=python3
)
# files -> Debian package (libraries and data without a command)
declare -A NEED_FILES=(
	[/usr/lib/grub/i386-pc/modinfo.sh]=grub-pc-bin
	[/usr/include/cmocka.h]=libcmocka-dev
	[/usr/lib/python3/dist-packages/scapy/__init__.py]=python3-scapy
	[/usr/lib/python3/dist-packages/pexpect/__init__.py]=python3-pexpect
	[/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a]=libclang-rt-14-dev
)

missing=()
for cmd in "${!NEED[@]}"; do
	command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}")
done
for f in "${!NEED_FILES[@]}"; do
	[ -e "$f" ] || missing+=("${NEED_FILES[$f]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing: $pkgs"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || true
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $pkgs >/dev/null || {
		echo "deps: apt-get install failed; run: apt-get install -y $pkgs" >&2
		exit 1
	}
	exit 0
fi
echo "deps: missing tools. Run as root:" >&2
echo "  apt-get install -y $pkgs" >&2
exit 1
