/* IPv4 routing (net/ipv4/route.c): per-interface connected routes, static
 * routes and a default gateway, looked up by longest prefix match.
 *
 * The table is small (a handful of entries on a host) and kept sorted by
 * prefix length, longest first, so the first match wins. Lookups fill a
 * caller-owned struct rtable: nothing to free or reference count. */
#ifndef NET_ROUTE_H
#define NET_ROUTE_H

#include <net/netdevice.h>
#include <net/in.h>

#define RTF_UP      0x0001
#define RTF_GATEWAY 0x0002
#define RTF_HOST    0x0004

struct fib_entry {
	struct list_head list;
	be32 dst;            /* network, already masked */
	be32 mask;
	u8 prefixlen;
	be32 gateway;        /* 0 for a connected route */
	be32 prefsrc;        /* preferred source (connected: the address) */
	struct net_device *dev;
	u32 metric;
	unsigned int flags;  /* RTF_* as /proc/net/route shows them */
	u64 use;
};

/* The result of a lookup. */
struct rtable {
	struct net_device *dev;
	be32 nexthop;        /* gateway, or the destination itself */
	be32 saddr;          /* source to use when the socket has none */
	u8 type;             /* RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST... */
	bool mtu_locked;     /* path MTU below 552: send without DF */
	u32 mtu;             /* path MTU: the device's, or less if learnt */
};

int fib_add(be32 dst, int prefixlen, be32 gateway, struct net_device *dev,
	    be32 prefsrc, u32 metric);
int fib_del(be32 dst, int prefixlen, be32 gateway, struct net_device *dev);
void fib_flush_dev(struct net_device *dev);
/* Set (or with gw 0 remove) the default route. */
int ip_route_set_default(be32 gw, struct net_device *dev);
be32 ip_route_default_gw(void);
/* Route a datagram to daddr. oif != 0 pins the device (SO_BINDTODEVICE,
 * DHCP before addressing). Returns 0 or -ENETUNREACH. */
int ip_route_output(be32 daddr, be32 saddr, int oif, struct rtable *rt);
/* A socket sending (or connecting) to 0.0.0.0 means this host: its own
 * source address, else 127.0.0.1 (Linux ip_route_output_key_hash). */
static inline be32 ip_route_any_to_local(be32 daddr, be32 saddr)
{
	if (daddr)
		return daddr;
	return saddr ? saddr : htonl(0x7f000001);
}

/* ---- route_redirect.c: ICMP redirects as per-destination exceptions ---- */
/* The gateway on dev that told us old_gw is second best for daddr: a
 * believable redirect installs new_gw for daddr. 0 or -EINVAL/-ENOMEM. */
int ip_rt_redirect(be32 old_gw, be32 daddr, be32 new_gw,
		   struct net_device *dev);
/* ICMP "fragmentation needed" (RFC 1191): the path to daddr carries at
 * most mtu bytes; remembered for 10 minutes. */
void ip_rt_update_pmtu(be32 daddr, u32 mtu);
/* Apply what was learnt for rt's destination: a redirected gateway
 * (only when the route uses a gateway) and a smaller path MTU. */
void fnhe_apply(be32 daddr, struct rtable *rt, bool via_gateway);
/* Forget the exceptions through dev (NULL: all). */
void fnhe_flush(struct net_device *dev);

/* First entry, or the one after prev, for /proc/net/route. */
const struct fib_entry *fib_next(const struct fib_entry *prev);

#endif
