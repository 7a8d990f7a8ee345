/* Per-destination routing exceptions, learnt from ICMP: a redirected
 * first hop and a smaller path MTU ("nexthop exceptions", fnhe in Linux).
 *
 * Redirects (RFC 792, RFC 1122 3.2.2.2 and 3.3.1.2): a host MUST
 * update its routing when its first-hop gateway says another gateway on
 * the same link is better for a destination.
 *
 * As Linux does (__ip_do_redirect), every redirect is taken as a host
 * redirect, and only when it is believable: it comes from the gateway we
 * currently use for that destination, on the device that route uses, and
 * names a new gateway that is a unicast address on that link, not ours.
 *
 * Path MTU (RFC 1191 3, 6.3): "fragmentation needed" lowers the path MTU
 * to a destination for 10 minutes (Linux ip_rt_mtu_expires), never below
 * 552 bytes (ip_rt_min_pmtu); a smaller report "locks" the path, which
 * then goes without DF, fragmented at 552.
 *
 * ip_route_output applies an exception after the table lookup. The table
 * is small and hashed; when full, the oldest entry goes. Any change to the
 * routing table drops every exception, as Linux's genid bump does.
 */
#include <net/route.h>
#include <net/inetdevice.h>
#include <net/snmp.h>

#define FNHE_HASHBITS 4
#define FNHE_MAX      64
#define IP_RT_MIN_PMTU     552u
#define IP_RT_MTU_EXPIRES  (10 * 60 * 1000ull)   /* ms */

struct fib_nh_exception {
	struct hlist_node hnode;
	be32 daddr;
	be32 gw;             /* redirected first hop, 0 if none */
	struct net_device *dev;
	u32 pmtu;            /* learnt path MTU, 0 if none */
	bool pmtu_locked;
	u64 pmtu_expires;    /* ms */
	u64 stamp;           /* update order, for evicting the oldest */
};

static struct hlist_head fnhe_hash[1u << FNHE_HASHBITS];
static unsigned int fnhe_count;
static u64 fnhe_clock;

static struct hlist_head *fnhe_bucket(be32 daddr)
{
	u32 h = (u32)daddr * 0x9e3779b1u;

	return &fnhe_hash[h >> (32 - FNHE_HASHBITS)];
}

static struct fib_nh_exception *fnhe_find(be32 daddr)
{
	struct fib_nh_exception *e;

	hlist_for_each_entry(e, fnhe_bucket(daddr), hnode)
		if (e->daddr == daddr)
			return e;
	return NULL;
}

static void fnhe_free(struct fib_nh_exception *e)
{
	hlist_del(&e->hnode);
	fnhe_count--;
	kfree(e);
}

/* Every exception is in one of 16 buckets; only reached when the table
 * is full, so the walk is bounded by FNHE_MAX. */
static void fnhe_evict_oldest(void)
{
	struct fib_nh_exception *e, *old = NULL;

	for (unsigned int i = 0; i < ARRAY_SIZE(fnhe_hash); i++)
		hlist_for_each_entry(e, &fnhe_hash[i], hnode)
			if (!old || e->stamp < old->stamp)
				old = e;
	if (old)
		fnhe_free(old);
}

void fnhe_flush(struct net_device *dev)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(fnhe_hash); i++) {
		struct hlist_node *n;
		struct fib_nh_exception *e;

		hlist_for_each_entry_safe(e, n, &fnhe_hash[i], hnode)
			if (!dev || e->dev == dev)
				fnhe_free(e);
	}
}

/* A new exception for daddr (the oldest goes if the table is full). */
static struct fib_nh_exception *fnhe_create(be32 daddr)
{
	struct fib_nh_exception *e;

	if (fnhe_count >= FNHE_MAX)
		fnhe_evict_oldest();
	e = kzalloc(sizeof(*e));
	if (!e)
		return NULL;
	e->daddr = daddr;
	hlist_add_head(&e->hnode, fnhe_bucket(daddr));
	fnhe_count++;
	return e;
}

void fnhe_apply(be32 daddr, struct rtable *rt, bool via_gateway)
{
	struct fib_nh_exception *e = fnhe_count ? fnhe_find(daddr) : NULL;

	if (!e || e->dev != rt->dev)
		return;
	if (e->gw && via_gateway)
		rt->nexthop = e->gw;
	if (e->pmtu) {
		if (ktime_get_ms() >= e->pmtu_expires) {
			e->pmtu = 0;            /* RFC 1191 6.3: try larger again */
			e->pmtu_locked = false;
			if (!e->gw)
				fnhe_free(e);
			return;
		}
		if (e->pmtu < rt->mtu)
			rt->mtu = e->pmtu;
		rt->mtu_locked = e->pmtu_locked;
	}
}

void ip_rt_update_pmtu(be32 daddr, u32 mtu)
{
	struct fib_nh_exception *e;
	struct rtable rt;
	bool locked = false;

	if (ip_route_output(daddr, 0, 0, &rt) || rt.type != RTN_UNICAST)
		return;
	if (mtu < IP_RT_MIN_PMTU) {
		mtu = IP_RT_MIN_PMTU;
		locked = true;
	}
	if (mtu >= rt.mtu && !(locked && !rt.mtu_locked))
		return;                 /* not news: never raise it this way */
	e = fnhe_find(daddr);
	if (!e)
		e = fnhe_create(daddr);
	if (!e)
		return;
	e->dev = rt.dev;
	e->pmtu = mtu;
	e->pmtu_locked = locked;
	e->pmtu_expires = ktime_get_ms() + IP_RT_MTU_EXPIRES;
	e->stamp = ++fnhe_clock;
}

int ip_rt_redirect(be32 old_gw, be32 daddr, be32 new_gw,
		   struct net_device *dev)
{
	struct fib_nh_exception *e;
	struct rtable rt;

	/* The route we use now must go through the sender, on this link. */
	if (ip_route_output(daddr, 0, 0, &rt) || rt.dev != dev ||
	    rt.type != RTN_UNICAST || rt.nexthop != old_gw || old_gw == daddr)
		goto reject;
	if (new_gw == old_gw || ipv4_is_multicast(new_gw) ||
	    ipv4_is_lbcast(new_gw) || ipv4_is_zeronet(new_gw) ||
	    ipv4_is_loopback(new_gw))
		goto reject;
	/* On the same link (Linux shared_media=0 is stricter still than
	 * this: same subnet as the old gateway) and a plain unicast host
	 * (secure_redirects: not ours, not a broadcast address). */
	if (!inet_addr_onlink(dev, new_gw) ||
	    inet_addr_type_dev(new_gw, dev) != RTN_UNICAST)
		goto reject;

	e = fnhe_find(daddr);
	if (!e)
		e = fnhe_create(daddr);
	if (!e)
		return -ENOMEM;
	if (e->dev != dev)
		e->pmtu = 0;
	e->gw = new_gw;
	e->dev = dev;
	e->stamp = ++fnhe_clock;
	ICMPEXT_INC_STATS(INREDIRECTSACCEPTED);
	return 0;
reject:
	ICMPEXT_INC_STATS(INREDIRECTSREJECTED);
	return -EINVAL;
}
