/* IPv4 addresses of a device (net/ipv4/devinet.c), as Linux's in_device
 * and in_ifaddr. A device may hold several addresses; the first one is
 * its primary (used as the source for traffic it originates). */
#ifndef NET_INETDEVICE_H
#define NET_INETDEVICE_H

#include <net/netdevice.h>
#include <net/in.h>

struct in_ifaddr {
	struct list_head ifa_list;
	struct in_device *ifa_dev;
	be32 ifa_local;
	be32 ifa_mask;
	be32 ifa_broadcast;
	u8 ifa_prefixlen;
};

struct in_device {
	struct net_device *dev;
	struct list_head ifa_list;
};

/* Address types, Linux RTN_* values. */
enum {
	RTN_UNSPEC, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST,
	RTN_MULTICAST, RTN_BLACKHOLE, RTN_UNREACHABLE,
};

/* Add addr/prefixlen to dev: installs the connected route and announces
 * it with a gratuitous ARP (RFC 5227 2.4). */
int inet_addr_add(struct net_device *dev, be32 addr, int prefixlen);
int inet_addr_del(struct net_device *dev, be32 addr);
void inet_addr_flush(struct net_device *dev);
/* The device's primary address, or 0. */
be32 inet_dev_primary(const struct net_device *dev);
/* The device address on the same subnet as dst, else the primary. */
be32 inet_select_addr(const struct net_device *dev, be32 dst);
/* How a received destination relates to us (RTN_LOCAL, RTN_BROADCAST,
 * RTN_MULTICAST, RTN_UNICAST = not ours). dev: the arrival device for
 * subnet-broadcast checks (NULL: any). */
int inet_addr_type_dev(be32 addr, const struct net_device *dev);
bool inet_addr_is_local(be32 addr);
/* True if addr lies in one of dev's subnets (a neighbour on that link). */
bool inet_addr_onlink(const struct net_device *dev, be32 addr);
struct net_device *ip_dev_find(be32 addr);
/* True if addr is the directed broadcast of one of dev's subnets. */
bool inet_is_subnet_broadcast(const struct net_device *dev, be32 addr);
/* Called when addresses change (ARP sends gratuitous ARP). */
void arp_ifa_added(struct in_ifaddr *ifa);

#endif
