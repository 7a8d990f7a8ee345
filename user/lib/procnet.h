/* Readers for the Linux-format /proc/net files the network tools show.
 *   /proc/net/dev    per-interface counters (two header lines)
 *   /proc/net/tcp, /proc/net/udp   sockets: "sl local rem st tx:rx ..." with
 *                    addresses as %08X of the raw (network-order) u32 and
 *                    ports as %04X in host order */
#ifndef PROCNET_H
#define PROCNET_H

#include <stdint.h>

struct netdev_stats {
	char name[16];
	unsigned long long rx_bytes, rx_packets, rx_errs, rx_drop, rx_fifo,
		rx_frame, rx_compressed, rx_multicast;
	unsigned long long tx_bytes, tx_packets, tx_errs, tx_drop, tx_fifo,
		tx_colls, tx_carrier, tx_compressed;
};

struct sock_entry {
	uint32_t laddr, raddr;      /* network order */
	unsigned lport, rport;
	unsigned state;
	unsigned long txq, rxq;
	unsigned long inode;
};

/* Both return the number of entries read (at most max), -1 if the file
 * cannot be opened. */
int procnet_read_dev(struct netdev_stats *out, int max);
int procnet_read_socks(const char *path, struct sock_entry *out, int max);

#endif
