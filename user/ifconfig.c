/* ifconfig [IFACE]: interfaces with their addresses and counters.
 * Counters come from /proc/net/dev (Linux format). Addresses, flags, MTU
 * and MAC come from /proc/net/if_inet4, a file our kernel provides (format
 * in docs/userspace.md; one line per interface):
 *   NAME IFINDEX FLAGS_HEX MTU HWADDR ADDR PREFIXLEN
 * e.g. "eth0 2 1043 1500 52:54:00:12:34:56 10.0.2.15 24". Linux has no
 * such file: there, flags/MTU/MAC come from /sys/class/net and only the
 * loopback address is known (no SIOCGIFADDR). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <arpa/inet.h>
#include "procnet.h"

struct ifinfo {
	char name[16];
	unsigned flags, mtu, prefix;
	char hw[32];
	char addr[16];
};

static int read_sys(const char *ifname, const char *attr, char *buf, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", ifname, attr);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, (int)n, f))
		buf[0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	fclose(f);
	return 0;
}

static void load_info(const char *name, struct ifinfo *in)
{
	FILE *f = fopen("/proc/net/if_inet4", "r");
	char line[256], buf[64];

	memset(in, 0, sizeof(*in));
	snprintf(in->name, sizeof(in->name), "%s", name);
	while (f && fgets(line, sizeof(line), f)) {
		struct ifinfo t;
		unsigned idx;
		if (sscanf(line, "%15s %u %x %u %31s %15s %u", t.name, &idx, &t.flags,
			   &t.mtu, t.hw, t.addr, &t.prefix) == 7 && !strcmp(t.name, name)) {
			*in = t;
			fclose(f);
			return;
		}
	}
	if (f)
		fclose(f);
	/* Linux fallback */
	if (read_sys(name, "flags", buf, sizeof(buf)) == 0)
		in->flags = (unsigned)strtoul(buf, NULL, 0);
	if (read_sys(name, "mtu", buf, sizeof(buf)) == 0)
		in->mtu = (unsigned)atoi(buf);
	if (read_sys(name, "address", buf, sizeof(buf)) == 0)
		snprintf(in->hw, sizeof(in->hw), "%s", buf);
	if (in->flags & IFF_LOOPBACK) {
		strcpy(in->addr, "127.0.0.1");
		in->prefix = 8;
	} else {
		strcpy(in->addr, "-");
	}
}

static void flag_names(unsigned fl, char *out, size_t n)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_RUNNING, "RUNNING" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MULTICAST, "MULTICAST" },
	};
	out[0] = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl & names[i].bit) {
			size_t l = strlen(out);
			snprintf(out + l, n - l, "%s%s", l ? "," : "", names[i].name);
		}
}

static void show(const struct netdev_stats *d)
{
	struct ifinfo in;
	char fl[128];

	load_info(d->name, &in);
	flag_names(in.flags, fl, sizeof(fl));
	printf("%s: flags=%u<%s>  mtu %u\n", d->name, in.flags, fl, in.mtu);
	if (strcmp(in.addr, "-") && in.prefix <= 32) {
		uint32_t mask = in.prefix ? 0xffffffffu << (32 - in.prefix) : 0;
		struct in_addr m = { htonl(mask) }, a, b;
		inet_pton(AF_INET, in.addr, &a);
		b.s_addr = a.s_addr | ~m.s_addr;
		printf("        inet %s  netmask %s", in.addr, inet_ntoa(m));
		if (!(in.flags & IFF_LOOPBACK))
			printf("  broadcast %s", inet_ntoa(b));
		putchar('\n');
	}
	if (in.flags & IFF_LOOPBACK)
		printf("        loop  txqueuelen 1000  (Local Loopback)\n");
	else if (in.hw[0])
		printf("        ether %s  txqueuelen 1000  (Ethernet)\n", in.hw);
	printf("        RX packets %llu  bytes %llu\n", d->rx_packets, d->rx_bytes);
	printf("        RX errors %llu  dropped %llu  overruns %llu  frame %llu\n",
	       d->rx_errs, d->rx_drop, d->rx_fifo, d->rx_frame);
	printf("        TX packets %llu  bytes %llu\n", d->tx_packets, d->tx_bytes);
	printf("        TX errors %llu  dropped %llu overruns %llu  carrier %llu  "
	       "collisions %llu\n\n", d->tx_errs, d->tx_drop, d->tx_fifo,
	       d->tx_carrier, d->tx_colls);
}

int main(int argc, char **argv)
{
	struct netdev_stats d[64];
	int n = procnet_read_dev(d, 64), found = 0;

	if (n < 0) {
		perror("ifconfig: /proc/net/dev");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], d[i].name))
			continue;
		show(&d[i]);
		found = 1;
	}
	if (argc > 1 && !found) {
		fprintf(stderr, "%s: error fetching interface information: Device not found\n",
			argv[1]);
		return 1;
	}
	return 0;
}
