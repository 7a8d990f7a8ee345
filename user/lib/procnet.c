/* Parsers for /proc/net/dev and /proc/net/{tcp,udp}: see procnet.h. */
#include <stdio.h>
#include <string.h>
#include "procnet.h"

int procnet_read_dev(struct netdev_stats *out, int max)
{
	FILE *f = fopen("/proc/net/dev", "r");
	char line[512];
	int n = 0, lineno = 0;

	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		struct netdev_stats *s = &out[n];
		if (++lineno <= 2 || !colon)
			continue;           /* the two header lines */
		*colon = 0;
		if (sscanf(line, " %15s", s->name) != 1)
			continue;
		if (sscanf(colon + 1, "%llu %llu %llu %llu %llu %llu %llu %llu "
			   "%llu %llu %llu %llu %llu %llu %llu %llu",
			   &s->rx_bytes, &s->rx_packets, &s->rx_errs, &s->rx_drop,
			   &s->rx_fifo, &s->rx_frame, &s->rx_compressed,
			   &s->rx_multicast, &s->tx_bytes, &s->tx_packets,
			   &s->tx_errs, &s->tx_drop, &s->tx_fifo, &s->tx_colls,
			   &s->tx_carrier, &s->tx_compressed) == 16)
			n++;
	}
	fclose(f);
	return n;
}

int procnet_read_socks(const char *path, struct sock_entry *out, int max)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int n = 0;

	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f)) {   /* header */
		fclose(f);
		return 0;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		struct sock_entry *e = &out[n];
		unsigned sl;
		if (sscanf(line, " %u: %8x:%4x %8x:%4x %2x %lx:%lx %*x:%*x %*x %*u %*u %lu",
			   &sl, &e->laddr, &e->lport, &e->raddr, &e->rport,
			   &e->state, &e->txq, &e->rxq, &e->inode) >= 8)
			n++;
	}
	fclose(f);
	return n;
}
