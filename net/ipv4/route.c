/* IPv4 routing: which device and next hop for a destination.
 *
 *   ip_send_pkb -> ip_route_output (here) -> ip_output -> arp_output
 *
 * A host needs little: connected routes (added with each address), a
 * default gateway and perhaps a few static routes. They sit in one list
 * sorted by prefix length (longest first, then metric), so the first entry
 * that matches is the longest prefix match. Linux uses an LC-trie (fib_trie)
 * for the same answer at router scale.
 */
#include <net/ip.h>

static LIST_HEAD(fib_table);

/* Insert keeping longest-prefix-first, lowest metric first. */
static void fib_insert(struct fib_entry *fe)
{
	struct fib_entry *cur;

	list_for_each_entry(cur, &fib_table, list) {
		if (fe->prefixlen > cur->prefixlen ||
		    (fe->prefixlen == cur->prefixlen && fe->metric < cur->metric)) {
			__list_add(&fe->list, cur->list.prev, &cur->list);
			return;
		}
	}
	list_add_tail(&fe->list, &fib_table);
}

int fib_add(be32 dst, int prefixlen, be32 gateway, struct net_device *dev,
	    be32 prefsrc, u32 metric)
{
	struct fib_entry *fe;
	be32 mask = inet_make_mask(prefixlen);

	if (prefixlen < 0 || prefixlen > 32 || !dev)
		return -EINVAL;
	list_for_each_entry(fe, &fib_table, list)
		if (fe->dst == (dst & mask) && fe->prefixlen == prefixlen &&
		    fe->dev == dev && fe->gateway == gateway)
			return -EEXIST;
	fe = kzalloc(sizeof(*fe));
	if (!fe)
		return -ENOMEM;
	fe->dst = dst & mask;
	fe->mask = mask;
	fe->prefixlen = (u8)prefixlen;
	fe->gateway = gateway;
	fe->prefsrc = prefsrc;
	fe->dev = dev;
	fe->metric = metric;
	fe->flags = RTF_UP | (gateway ? RTF_GATEWAY : 0) |
		    (prefixlen == 32 ? RTF_HOST : 0);
	fib_insert(fe);
	fnhe_flush(NULL);       /* a redirect learnt under the old table */
	return 0;
}

int fib_del(be32 dst, int prefixlen, be32 gateway, struct net_device *dev)
{
	struct fib_entry *fe;
	be32 mask = inet_make_mask(prefixlen);

	list_for_each_entry(fe, &fib_table, list) {
		if (fe->dst == (dst & mask) && fe->prefixlen == prefixlen &&
		    fe->dev == dev && fe->gateway == gateway) {
			list_del(&fe->list);
			kfree(fe);
			fnhe_flush(NULL);
			return 0;
		}
	}
	return -ESRCH;
}

void fib_flush_dev(struct net_device *dev)
{
	struct fib_entry *fe, *n;

	list_for_each_entry_safe(fe, n, &fib_table, list) {
		if (fe->dev == dev) {
			list_del(&fe->list);
			kfree(fe);
		}
	}
	fnhe_flush(dev);
}

static struct fib_entry *fib_default(void)
{
	struct fib_entry *fe;

	list_for_each_entry(fe, &fib_table, list)
		if (fe->prefixlen == 0)
			return fe;
	return NULL;
}

int ip_route_set_default(be32 gw, struct net_device *dev)
{
	struct fib_entry *fe;

	while ((fe = fib_default()) != NULL) {
		list_del(&fe->list);
		kfree(fe);
	}
	fnhe_flush(NULL);
	if (!gw)
		return 0;
	return fib_add(0, 0, gw, dev, 0, 0);
}

be32 ip_route_default_gw(void)
{
	struct fib_entry *fe = fib_default();

	return fe ? fe->gateway : 0;
}

const struct fib_entry *fib_next(const struct fib_entry *prev)
{
	const struct list_head *next = prev ? prev->list.next : fib_table.next;

	if (next == &fib_table)
		return NULL;
	return list_entry(next, struct fib_entry, list);
}

/* Longest prefix match, optionally limited to one device. */
static struct fib_entry *fib_lookup(be32 daddr, int oif)
{
	struct fib_entry *fe;

	list_for_each_entry(fe, &fib_table, list) {
		if (oif && fe->dev->ifindex != oif)
			continue;
		if (!(fe->dev->flags & IFF_UP))
			continue;
		if ((daddr & fe->mask) == fe->dst)
			return fe;
	}
	return NULL;
}

/* Limited broadcast (and multicast without a route) leave through the
 * pinned device, else the one owning the bound source address (Linux
 * ip_route_output_key_hash: a socket bound to 127.0.0.1 broadcasts on
 * lo), else the default route's, else the first Ethernet one. */
static struct net_device *route_any_dev(int oif, be32 saddr)
{
	struct fib_entry *fe;
	struct net_device *dev;

	if (oif)
		return dev_get_by_index(oif);
	dev = saddr ? ip_dev_find(saddr) : NULL;
	if (dev)
		return dev;
	fe = fib_default();
	if (fe)
		return fe->dev;
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d))
		if (!(d->flags & IFF_LOOPBACK) && (d->flags & IFF_UP))
			return d;
	return NULL;
}

/* A route carries at most 65535 bytes (Linux IP_MAX_MTU), whatever the
 * device (lo's MTU is 65536). */
static u32 rt_dev_mtu(const struct net_device *dev)
{
	return dev->mtu < IP_MAX_PACKET ? dev->mtu : IP_MAX_PACKET;
}

static int route_local(be32 daddr, struct rtable *rt)
{
	if (!loopback_dev || !(loopback_dev->flags & IFF_UP))
		return -ENETUNREACH;
	rt->dev = loopback_dev;
	rt->mtu = rt_dev_mtu(loopback_dev);
	rt->nexthop = daddr;
	/* One of our addresses answers from itself; the rest of 127/8 from
	 * lo's own address (the src of Linux's "local 127.0.0.0/8" route). */
	rt->saddr = inet_addr_is_local(daddr) ? daddr : inet_dev_primary(loopback_dev);
	rt->type = RTN_LOCAL;
	return 0;
}

int ip_route_output(be32 daddr, be32 saddr, int oif, struct rtable *rt)
{
	struct fib_entry *fe;
	int type = inet_addr_type_dev(daddr, NULL);

	memset(rt, 0, sizeof(*rt));
	if (type == RTN_LOCAL)
		return route_local(daddr, rt);
	if (type == RTN_MULTICAST || ipv4_is_lbcast(daddr)) {
		rt->dev = route_any_dev(oif, saddr);
		if (!rt->dev || !(rt->dev->flags & IFF_UP))
			return -ENETUNREACH;
		rt->nexthop = daddr;
		rt->mtu = rt_dev_mtu(rt->dev);
		rt->saddr = saddr ? saddr : inet_dev_primary(rt->dev);
		rt->type = (u8)type;
		return 0;
	}
	if (ipv4_is_zeronet(daddr))
		return -EINVAL;
	fe = fib_lookup(daddr, oif);
	if (!fe)
		return -ENETUNREACH;
	fe->use++;
	rt->dev = fe->dev;
	rt->nexthop = fe->gateway ? fe->gateway : daddr;
	rt->mtu = rt_dev_mtu(fe->dev);
	/* An ICMP redirect or "fragmentation needed" may know better. */
	fnhe_apply(daddr, rt, fe->gateway != 0);
	rt->saddr = saddr ? saddr :
		    (fe->prefsrc ? fe->prefsrc : inet_select_addr(fe->dev, daddr));
	rt->type = inet_is_subnet_broadcast(fe->dev, daddr) ? RTN_BROADCAST :
							      RTN_UNICAST;
	return 0;
}
