#!/bin/bash
# Create a tap device for `make run NET=tap`, owned by the user who will run
# QEMU, so QEMU itself needs no root.
#
#   sudo tools/tap-setup.sh TAP [ADDR/PREFIX]    create (and address) TAP
#   sudo tools/tap-setup.sh --del TAP            remove it
#
# With ADDR/PREFIX (e.g. 192.168.76.1/24) the host side of the link gets
# that address, so the guest can be given one in the same subnet:
#   make run NET=tap TAP=tap0 CMDLINE='ip=192.168.76.2/24 gw=192.168.76.1'
# Nothing is routed or bridged: the guest reaches this host only.
set -eu

usage() {
	echo "usage: $0 TAP [ADDR/PREFIX]   |   $0 --del TAP" >&2
	exit 2
}

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "tap-setup: creating or removing a tap device needs root (CAP_NET_ADMIN)." >&2
		echo "tap-setup: run: sudo $0 $*" >&2
		exit 1
	fi
	command -v ip >/dev/null || { echo "tap-setup: 'ip' not found (apt-get install iproute2)" >&2; exit 1; }
}

[ $# -ge 1 ] || usage
if [ "$1" = "--del" ]; then
	[ $# -eq 2 ] || usage
	need_root "$@"
	ip link del "$2"
	echo "tap-setup: removed $2"
	exit 0
fi
[ $# -le 2 ] || usage
tap=$1
addr=${2:-}
case "$tap" in
	*[!A-Za-z0-9_.-]*|"") echo "tap-setup: bad device name '$tap'" >&2; exit 2 ;;
esac
if [ -n "$addr" ] && ! [[ "$addr" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$ ]]; then
	echo "tap-setup: ADDR must look like 192.168.76.1/24, not '$addr'" >&2
	exit 2
fi
need_root "$@"

owner=${SUDO_USER:-$(id -un)}
if [ -e "/sys/class/net/$tap" ]; then
	echo "tap-setup: $tap already exists; leaving it as it is"
else
	ip tuntap add dev "$tap" mode tap user "$owner"
	echo "tap-setup: created $tap for user $owner"
fi
ip link set "$tap" up
if [ -n "$addr" ]; then
	ip addr replace "$addr" dev "$tap"
	echo "tap-setup: host side of $tap is $addr"
	host=${addr%/*}
	prefix=${addr#*/}
	guest="${host%.*}.$(( ${host##*.} == 2 ? 3 : 2 ))"
	echo "tap-setup: try: make run NET=tap TAP=$tap CMDLINE='ip=$guest/$prefix gw=$host'"
else
	echo "tap-setup: try: make run NET=tap TAP=$tap"
fi
