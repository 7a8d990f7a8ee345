/* netstat [-t] [-u] [-l] [-a] [-n] [-i]: sockets from /proc/net/tcp and
 * /proc/net/udp, or (-i) interfaces from /proc/net/dev, in net-tools'
 * layout. Addresses are always numeric. By default shows connected TCP
 * sockets and bound UDP sockets; -l listening only, -a all. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "procnet.h"

#define MAX_SOCKS 4096

/* RFC 9293 state numbering as Linux's enum tcp_state. */
static const char *const tcp_states[] = {
	"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
};
#define TCP_LISTEN 10

static void addr_str(uint32_t a, unsigned port, char *out, size_t n)
{
	struct in_addr in = { a };

	if (port)
		snprintf(out, n, "%s:%u", inet_ntoa(in), port);
	else
		snprintf(out, n, "%s:*", inet_ntoa(in));
}

static void show(const char *proto, const char *path, int tcp, int listen_only,
		 int all)
{
	static struct sock_entry e[MAX_SOCKS];
	int n = procnet_read_socks(path, e, MAX_SOCKS);
	char l[64], r[64];

	for (int i = 0; i < n; i++) {
		int listening = tcp ? e[i].state == TCP_LISTEN : e[i].raddr == 0;
		if (listen_only ? !listening : (!all && listening))
			continue;
		addr_str(e[i].laddr, e[i].lport, l, sizeof(l));
		addr_str(e[i].raddr, e[i].rport, r, sizeof(r));
		const char *st = "";
		if (tcp && e[i].state < sizeof(tcp_states) / sizeof(tcp_states[0]))
			st = tcp_states[e[i].state];
		else if (!tcp && e[i].state == 1)
			st = "ESTABLISHED";
		printf("%-5s %6lu %6lu %-23s %-23s %s\n", proto, e[i].rxq, e[i].txq,
		       l, r, st);
	}
}

static int show_interfaces(void)
{
	struct netdev_stats d[64];
	int n = procnet_read_dev(d, 64);

	if (n < 0) {
		perror("netstat: /proc/net/dev");
		return 1;
	}
	printf("Kernel Interface table\n");
	printf("%-10s %8s %8s %8s %8s %8s %8s %8s %8s\n", "Iface", "RX-OK",
	       "RX-ERR", "RX-DRP", "RX-OVR", "TX-OK", "TX-ERR", "TX-DRP", "TX-OVR");
	for (int i = 0; i < n; i++)
		printf("%-10s %8llu %8llu %8llu %8llu %8llu %8llu %8llu %8llu\n",
		       d[i].name, d[i].rx_packets, d[i].rx_errs, d[i].rx_drop,
		       d[i].rx_fifo, d[i].tx_packets, d[i].tx_errs, d[i].tx_drop,
		       d[i].tx_fifo);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, tcp = 0, udp = 0, listen_only = 0, all = 0;

	while ((opt = getopt(argc, argv, "tulani")) != -1) {
		switch (opt) {
		case 't': tcp = 1; break;
		case 'u': udp = 1; break;
		case 'l': listen_only = 1; break;
		case 'a': all = 1; break;
		case 'n': break;
		case 'i': return show_interfaces();
		default:
			fprintf(stderr, "usage: netstat [-tulan] | -i\n");
			return 2;
		}
	}
	if (!tcp && !udp)
		tcp = udp = 1;
	printf("Active Internet connections (%s)\n", listen_only ? "only servers"
	       : all ? "servers and established" : "w/o servers");
	printf("%-5s %6s %6s %-23s %-23s %s\n", "Proto", "Recv-Q", "Send-Q",
	       "Local Address", "Foreign Address", "State");
	if (tcp)
		show("tcp", "/proc/net/tcp", 1, listen_only, all);
	if (udp)
		show("udp", "/proc/net/udp", 0, listen_only, all);
	return 0;
}
