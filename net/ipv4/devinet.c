/* IPv4 addresses on devices (Linux net/ipv4/devinet.c).
 *
 * Adding an address installs its connected route (route.c) and announces
 * it (arp.c, gratuitous ARP). Lookups here answer "is this address ours?"
 * for ip_rcv and "which source address?" for ip_output.
 */
#include <net/ip.h>
#include <net/arp.h>

static struct in_device *in_dev_get_or_create(struct net_device *dev)
{
	struct in_device *in;

	if (dev->ip_ptr)
		return dev->ip_ptr;
	in = kzalloc(sizeof(*in));
	if (!in)
		return NULL;
	in->dev = dev;
	INIT_LIST_HEAD(&in->ifa_list);
	dev->ip_ptr = in;
	return in;
}

int inet_addr_add(struct net_device *dev, be32 addr, int prefixlen)
{
	struct in_device *in;
	struct in_ifaddr *ifa;
	be32 mask;
	int err;

	if (prefixlen < 0 || prefixlen > 32 || addr == 0 ||
	    ipv4_is_multicast(addr) || ipv4_is_lbcast(addr))
		return -EINVAL;
	in = in_dev_get_or_create(dev);
	if (!in)
		return -ENOMEM;
	list_for_each_entry(ifa, &in->ifa_list, ifa_list)
		if (ifa->ifa_local == addr)
			return -EEXIST;
	ifa = kzalloc(sizeof(*ifa));
	if (!ifa)
		return -ENOMEM;
	mask = inet_make_mask(prefixlen);
	ifa->ifa_dev = in;
	ifa->ifa_local = addr;
	ifa->ifa_mask = mask;
	ifa->ifa_prefixlen = (u8)prefixlen;
	ifa->ifa_broadcast = prefixlen < 31 ? (addr | ~mask) : 0;
	list_add_tail(&ifa->ifa_list, &in->ifa_list);
	err = fib_add(addr & mask, prefixlen, 0, dev, addr, 0);
	if (err && err != -EEXIST)
		goto unlink_ifa;
	arp_ifa_added(ifa);
	return 0;

unlink_ifa:
	list_del(&ifa->ifa_list);
	kfree(ifa);
	return err;
}

/* The connected route goes with the last address of its subnet. */
static void inet_ifa_free(struct net_device *dev, struct in_ifaddr *ifa)
{
	be32 net = ifa->ifa_local & ifa->ifa_mask;
	struct in_ifaddr *o;
	bool shared = false;

	list_del(&ifa->ifa_list);
	list_for_each_entry(o, &dev->ip_ptr->ifa_list, ifa_list)
		if (o->ifa_prefixlen == ifa->ifa_prefixlen &&
		    (o->ifa_local & o->ifa_mask) == net)
			shared = true;
	if (!shared)
		fib_del(net, ifa->ifa_prefixlen, 0, dev);
	kfree(ifa);
}

int inet_addr_del(struct net_device *dev, be32 addr)
{
	struct in_ifaddr *ifa;

	if (!dev->ip_ptr)
		return -EADDRNOTAVAIL;
	list_for_each_entry(ifa, &dev->ip_ptr->ifa_list, ifa_list) {
		if (ifa->ifa_local == addr) {
			inet_ifa_free(dev, ifa);
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}

void inet_addr_flush(struct net_device *dev)
{
	struct in_ifaddr *ifa, *n;

	if (!dev->ip_ptr)
		return;
	list_for_each_entry_safe(ifa, n, &dev->ip_ptr->ifa_list, ifa_list)
		inet_ifa_free(dev, ifa);
	fib_flush_dev(dev);
	kfree(dev->ip_ptr);
	dev->ip_ptr = NULL;
}

be32 inet_dev_primary(const struct net_device *dev)
{
	if (!dev->ip_ptr || list_empty(&dev->ip_ptr->ifa_list))
		return 0;
	return list_first_entry(&dev->ip_ptr->ifa_list, struct in_ifaddr,
				ifa_list)->ifa_local;
}

be32 inet_select_addr(const struct net_device *dev, be32 dst)
{
	struct in_ifaddr *ifa;

	if (!dev->ip_ptr)
		return 0;
	list_for_each_entry(ifa, &dev->ip_ptr->ifa_list, ifa_list)
		if (((ifa->ifa_local ^ dst) & ifa->ifa_mask) == 0)
			return ifa->ifa_local;
	return inet_dev_primary(dev);
}

bool inet_is_subnet_broadcast(const struct net_device *dev, be32 addr)
{
	struct in_ifaddr *ifa;

	if (!dev->ip_ptr)
		return false;
	list_for_each_entry(ifa, &dev->ip_ptr->ifa_list, ifa_list)
		if (ifa->ifa_broadcast && ifa->ifa_broadcast == addr)
			return true;
	return false;
}

bool inet_addr_onlink(const struct net_device *dev, be32 addr)
{
	struct in_ifaddr *ifa;

	if (!dev->ip_ptr)
		return false;
	list_for_each_entry(ifa, &dev->ip_ptr->ifa_list, ifa_list)
		if (((addr ^ ifa->ifa_local) & ifa->ifa_mask) == 0)
			return true;
	return false;
}

/* The device that has addr as one of its addresses (Linux __ip_dev_find). */
struct net_device *ip_dev_find(be32 addr)
{
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d)) {
		struct in_ifaddr *ifa;

		if (!d->ip_ptr)
			continue;
		list_for_each_entry(ifa, &d->ip_ptr->ifa_list, ifa_list)
			if (ifa->ifa_local == addr)
				return d;
	}
	return NULL;
}

bool inet_addr_is_local(be32 addr)
{
	return ip_dev_find(addr) != NULL;
}

/* Weak host model, as Linux: an address of any interface is ours whatever
 * interface the datagram arrived on (RFC 1122 3.3.4.2 allows either). */
int inet_addr_type_dev(be32 addr, const struct net_device *dev)
{
	if (ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	if (inet_addr_is_local(addr))
		return RTN_LOCAL;
	if (dev && inet_is_subnet_broadcast(dev, addr))
		return RTN_BROADCAST;
	if (!dev) {
		for (struct net_device *d = dev_get_next(NULL); d;
		     d = dev_get_next(d))
			if (inet_is_subnet_broadcast(d, addr))
				return RTN_BROADCAST;
	}
	/* 127.0.0.0/8 is all ours once lo is up, as Linux's local route --
	 * except its broadcast, 127.255.255.255, whose /32 broadcast route
	 * Linux puts first. */
	if (ipv4_is_loopback(addr) && loopback_dev && loopback_dev->ip_ptr)
		return RTN_LOCAL;
	return RTN_UNICAST;
}
