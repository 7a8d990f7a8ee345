/* ss [-t] [-u] [-l] [-a] [-n]: sockets from /proc/net/tcp and /proc/net/udp
 * in iproute2's ss layout (addresses always numeric). By default shows
 * connected sockets; -l listening (and unconnected UDP) only, -a all. */
#include <stdio.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "procnet.h"

#define MAX_SOCKS 4096
#define TCP_ESTABLISHED 1
#define TCP_LISTEN 10

static const char *const tcp_states[] = {
	"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
	"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
};

static void endpoint(uint32_t a, unsigned port, char *out, size_t n)
{
	struct in_addr in = { a };

	if (port)
		snprintf(out, n, "%s:%u", inet_ntoa(in), port);
	else
		snprintf(out, n, "%s:*", inet_ntoa(in));
}

static void show(const char *netid, const char *path, int tcp, int listening_only,
		 int all)
{
	static struct sock_entry e[MAX_SOCKS];
	int n = procnet_read_socks(path, e, MAX_SOCKS);
	char l[64], r[64];

	for (int i = 0; i < n; i++) {
		/* UDP: connected = ESTAB, else UNCONN (treated as listening). */
		unsigned st = tcp ? e[i].state :
			      e[i].state == TCP_ESTABLISHED ? TCP_ESTABLISHED : 7;
		int listening = tcp ? st == TCP_LISTEN : st != TCP_ESTABLISHED;

		if (listening_only ? !listening : (!all && listening))
			continue;
		endpoint(e[i].laddr, e[i].lport, l, sizeof(l));
		endpoint(e[i].raddr, e[i].rport, r, sizeof(r));
		printf("%-5s %-10s %-6lu %-6lu %25s %-25s\n", netid,
		       st < sizeof(tcp_states) / sizeof(tcp_states[0]) ? tcp_states[st] : "?",
		       e[i].rxq, e[i].txq, l, r);
	}
}

int main(int argc, char **argv)
{
	int opt, tcp = 0, udp = 0, listening_only = 0, all = 0;

	while ((opt = getopt(argc, argv, "tulan")) != -1) {
		switch (opt) {
		case 't': tcp = 1; break;
		case 'u': udp = 1; break;
		case 'l': listening_only = 1; break;
		case 'a': all = 1; break;
		case 'n': break;
		default:
			fprintf(stderr, "usage: ss [-tulan]\n");
			return 2;
		}
	}
	if (!tcp && !udp)
		tcp = udp = 1;
	printf("%-5s %-10s %-6s %-6s %25s %-25s\n", "Netid", "State", "Recv-Q",
	       "Send-Q", "Local Address:Port", "Peer Address:Port");
	if (tcp)
		show("tcp", "/proc/net/tcp", 1, listening_only, all);
	if (udp)
		show("udp", "/proc/net/udp", 0, listening_only, all);
	return 0;
}
