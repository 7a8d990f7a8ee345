/* ARP (RFC 826) and the IPv4 neighbour cache.
 *
 *   netif_receive -> arp_rcv (ETH_P_ARP handler) -> arp_process
 *   ip_output -> arp_output -> resolved: eth_header + dev_queue_xmit
 *                           -> unresolved: queue on the entry, send request
 *
 * Entries live in a hash table keyed by IP address and device. Each entry
 * has one timer that drives its state machine:
 *
 *   INCOMPLETE --reply--> REACHABLE --30 s--> STALE --use--> PROBE
 *       |                     ^                 |              |
 *   3 requests unanswered     +------reply------+--------------+
 *       v                                       |60 s unused   |3 probes
 *     FAILED --3 s--> freed          freed <----+     FAILED <-+
 *
 * Packets sent to an INCOMPLETE entry wait in a bounded per-entry queue
 * (oldest dropped when full); when resolution fails they are freed and the
 * local sender learns through ICMP host unreachable (Linux does the same
 * through ipv4_link_failure).
 */
#include <net/arp.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/snmp.h>

#define NEIGH_HASHBITS 8
#define NEIGH_HASHSIZE (1u << NEIGH_HASHBITS)

static struct hlist_head neigh_table[NEIGH_HASHSIZE];
static int neigh_entries;
static u32 neigh_hash_rnd;
static DEFINE_SPINLOCK(neigh_lock);

static struct packet_type arp_packet_type = {
	.type = 0,      /* htons(ETH_P_ARP), set in arp_init */
	.func = arp_rcv,
};

const char *neigh_state_name(int state)
{
	static const char *const names[] = {
		[NUD_INCOMPLETE] = "INCOMPLETE", [NUD_REACHABLE] = "REACHABLE",
		[NUD_STALE] = "STALE", [NUD_PROBE] = "PROBE",
		[NUD_FAILED] = "FAILED",
	};

	if (state < 0 || state >= (int)ARRAY_SIZE(names))
		return "?";
	return names[state];
}

static unsigned int neigh_hashfn(be32 ip, const struct net_device *dev)
{
	u32 h = (be32_to_cpu(ip) ^ neigh_hash_rnd) * 0x9e3779b1u;

	h ^= (u32)dev->ifindex;
	return (h >> (32 - NEIGH_HASHBITS)) & (NEIGH_HASHSIZE - 1);
}

struct neighbour *neigh_lookup(be32 ip, const struct net_device *dev)
{
	struct neighbour *n;

	hlist_for_each_entry(n, &neigh_table[neigh_hashfn(ip, dev)], hash)
		if (n->ip == ip && n->dev == dev)
			return n;
	return NULL;
}

int neigh_count(void)
{
	return neigh_entries;
}

int neigh_for_each(int (*fn)(const struct neighbour *n, void *arg), void *arg)
{
	for (unsigned int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;

		hlist_for_each_entry(n, &neigh_table[i], hash) {
			int rc = fn(n, arg);

			if (rc)
				return rc;
		}
	}
	return 0;
}

static void neigh_destroy(struct neighbour *n)
{
	del_timer(&n->timer);
	hlist_del(&n->hash);
	pkb_queue_purge(&n->arp_queue);
	neigh_entries--;
	kfree(n);
}

static void neigh_arm(struct neighbour *n, u64 delay_ms)
{
	mod_timer(&n->timer, ktime_get_ms() + delay_ms);
}

/* Linux picks reachable_time uniformly in [base/2, 3*base/2] so entries
 * learnt together do not all expire together. */
static u64 neigh_rand_reachable(void)
{
	return ARP_REACHABLE_MS / 2 + get_random_u32() % ARP_REACHABLE_MS;
}

static void neigh_solicit(struct neighbour *n)
{
	be32 sip = inet_select_addr(n->dev, n->ip);
	/* Probes of a known entry go unicast (RFC 1122 2.3.2.1). */
	const u8 *dst = n->state == NUD_PROBE ? n->ha : NULL;

	arp_send(ARPOP_REQUEST, n->dev, sip, n->ip, dst, NULL);
}

/* Tell the senders of queued packets, then free them. */
static void neigh_fail_queue(struct neighbour *n)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(&n->arp_queue)) != NULL) {
		ARP_INC_STATS(UNRESOLVEDDROPS);
		IPEXT_INC_STATS(OUTARPFAILED);
		icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
		pkb_free(pkb);
	}
}

static void neigh_timer_handler(struct timer_list *t)
{
	struct neighbour *n = from_timer(n, t, timer);
	u64 now = ktime_get_ms();

	switch (n->state) {
	case NUD_INCOMPLETE:
	case NUD_PROBE:
		if (n->probes >= ARP_MAX_PROBES) {
			n->state = NUD_FAILED;
			ARP_INC_STATS(RESOLVEFAILED);
			neigh_fail_queue(n);
			neigh_arm(n, ARP_FAILED_HOLD_MS);
			return;
		}
		n->probes++;
		neigh_solicit(n);
		neigh_arm(n, ARP_RETRANS_MS);
		return;
	case NUD_REACHABLE:
		n->state = NUD_STALE;
		neigh_arm(n, ARP_STALE_GC_MS);
		return;
	case NUD_STALE:
		if (now - n->used >= ARP_STALE_GC_MS) {
			neigh_destroy(n);
			return;
		}
		neigh_arm(n, ARP_STALE_GC_MS - (now - n->used));
		return;
	case NUD_FAILED:
	default:
		neigh_destroy(n);
		return;
	}
}

/* Make room when the table is full: drop one entry nobody is waiting on. */
static bool neigh_forced_gc(void)
{
	for (unsigned int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;

		hlist_for_each_entry(n, &neigh_table[i], hash) {
			if (n->state == NUD_STALE || n->state == NUD_FAILED) {
				neigh_destroy(n);
				return true;
			}
		}
	}
	return false;
}

static struct neighbour *neigh_create(be32 ip, struct net_device *dev)
{
	struct neighbour *n;

	if (neigh_entries >= ARP_TABLE_MAX && !neigh_forced_gc()) {
		ARP_INC_STATS(TABLEFULL);
		return NULL;
	}
	n = kzalloc(sizeof(*n));
	if (!n) {
		ARP_INC_STATS(TABLEFULL);
		return NULL;
	}
	n->ip = ip;
	n->dev = dev;
	n->state = NUD_INCOMPLETE;
	n->used = n->updated = ktime_get_ms();
	pkb_queue_init(&n->arp_queue);
	timer_setup(&n->timer, neigh_timer_handler, 0);
	hlist_add_head(&n->hash, &neigh_table[neigh_hashfn(ip, dev)]);
	neigh_entries++;
	return n;
}

static int neigh_xmit(struct neighbour *n, struct pkbuf *pkb)
{
	int err = eth_header(pkb, n->dev, ETH_P_IP, n->ha, NULL);

	if (err)
		return err;
	return dev_queue_xmit(pkb);
}

/* Learnt or confirmed a hardware address: update, then release the
 * packets that were waiting for it. */
static void neigh_update(struct neighbour *n, const u8 *ha, bool confirmed)
{
	struct pkbuf *pkb;
	bool changed = !ether_addr_equal(n->ha, ha);
	bool was_valid = n->state != NUD_INCOMPLETE && n->state != NUD_FAILED;

	memcpy(n->ha, ha, ETH_ALEN);
	if (confirmed) {
		n->state = NUD_REACHABLE;
		n->probes = 0;
		n->updated = ktime_get_ms();
		neigh_arm(n, neigh_rand_reachable());
	} else if (!was_valid || changed) {
		/* Unsolicited news: usable, but verify before trusting it
		 * for long (RFC 1122 2.3.2.1). */
		n->state = NUD_STALE;
		n->probes = 0;
		neigh_arm(n, ARP_STALE_GC_MS);
	}
	while ((pkb = pkb_dequeue(&n->arp_queue)) != NULL)
		neigh_xmit(n, pkb);
}

static void neigh_enqueue(struct neighbour *n, struct pkbuf *pkb)
{
	if (n->arp_queue.qlen >= ARP_QUEUE_MAX) {
		struct pkbuf *old = pkb_dequeue(&n->arp_queue);

		ARP_INC_STATS(QUEUEDROPS);
		pkb_free(old);
	}
	pkb_queue_tail(&n->arp_queue, pkb);
}

/* Map IPv4 multicast to 01:00:5e + low 23 bits (RFC 1112 6.4). */
static void ip_eth_mc_map(be32 addr, u8 *ha)
{
	u32 a = be32_to_cpu(addr);

	ha[0] = 0x01;
	ha[1] = 0x00;
	ha[2] = 0x5e;
	ha[3] = (a >> 16) & 0x7f;
	ha[4] = (a >> 8) & 0xff;
	ha[5] = a & 0xff;
}

int arp_output(struct pkbuf *pkb, struct net_device *dev, be32 nexthop,
	       int rt_type)
{
	struct neighbour *n;
	u8 mc[ETH_ALEN];
	int err;

	pkb->dev = dev;
	if ((dev->flags & IFF_NOARP) || rt_type == RTN_LOCAL)
		return eth_header(pkb, dev, ETH_P_IP, dev->dev_addr, NULL) ?:
		       dev_queue_xmit(pkb);
	if (rt_type == RTN_BROADCAST || ipv4_is_lbcast(nexthop))
		return eth_header(pkb, dev, ETH_P_IP, NULL, NULL) ?:
		       dev_queue_xmit(pkb);
	if (ipv4_is_multicast(nexthop)) {
		ip_eth_mc_map(nexthop, mc);
		return eth_header(pkb, dev, ETH_P_IP, mc, NULL) ?:
		       dev_queue_xmit(pkb);
	}

	spin_lock_bh(&neigh_lock);
	n = neigh_lookup(nexthop, dev);
	if (!n) {
		n = neigh_create(nexthop, dev);
		if (!n) {
			spin_unlock_bh(&neigh_lock);
			pkb_free(pkb);
			return -ENOBUFS;
		}
	}
	n->used = ktime_get_ms();
	switch (n->state) {
	case NUD_REACHABLE:
	case NUD_PROBE:
		break;
	case NUD_STALE:
		/* Use it now, and start confirming it. */
		n->state = NUD_PROBE;
		n->probes = 1;
		neigh_solicit(n);
		neigh_arm(n, ARP_RETRANS_MS);
		break;
	case NUD_FAILED:
		spin_unlock_bh(&neigh_lock);
		IPEXT_INC_STATS(OUTARPFAILED);
		pkb_free(pkb);
		return -EHOSTUNREACH;
	case NUD_INCOMPLETE:
	default:
		neigh_enqueue(n, pkb);
		if (!timer_pending(&n->timer)) {
			n->probes = 1;
			neigh_solicit(n);
			neigh_arm(n, ARP_RETRANS_MS);
		}
		spin_unlock_bh(&neigh_lock);
		return 0;
	}
	err = neigh_xmit(n, pkb);
	spin_unlock_bh(&neigh_lock);
	return err;
}

int arp_send(int op, struct net_device *dev, be32 sip, be32 tip,
	     const u8 *dest_hw, const u8 *target_hw)
{
	struct pkbuf *pkb = pkb_alloc_tx(sizeof(struct arphdr_eth));
	struct arphdr_eth *arp;
	int err;

	if (!pkb)
		return -ENOMEM;
	arp = (struct arphdr_eth *)pkb_put(pkb, sizeof(*arp));
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons((u16)op);
	memcpy(arp->ar_sha, dev->dev_addr, ETH_ALEN);
	arp->ar_sip = sip;
	if (target_hw)
		memcpy(arp->ar_tha, target_hw, ETH_ALEN);
	else
		memset(arp->ar_tha, 0, ETH_ALEN);
	arp->ar_tip = tip;
	err = eth_header(pkb, dev, ETH_P_ARP, dest_hw, NULL);
	if (err)
		return err;
	if (op == ARPOP_REQUEST)
		ARP_INC_STATS(OUTREQUESTS);
	else
		ARP_INC_STATS(OUTREPLIES);
	return dev_queue_xmit(pkb);
}

/* RFC 5227 2.4 / RFC 826 gratuitous ARP: a request for our own address,
 * so neighbours holding a stale mapping update it. */
void arp_send_gratuitous(struct net_device *dev, be32 addr)
{
	if (dev->flags & IFF_NOARP || !(dev->flags & IFF_UP))
		return;
	ARP_INC_STATS(OUTGRATUITOUS);
	arp_send(ARPOP_REQUEST, dev, addr, addr, NULL, NULL);
}

void arp_ifa_added(struct in_ifaddr *ifa)
{
	arp_send_gratuitous(ifa->ifa_dev->dev, ifa->ifa_local);
}

static bool arp_hdr_ok(const struct arphdr_eth *arp)
{
	return (arp->ar_hrd == htons(ARPHRD_ETHER) ||
		arp->ar_hrd == htons(ARPHRD_IEEE802)) &&
	       arp->ar_pro == htons(ETH_P_IP) && arp->ar_hln == ETH_ALEN &&
	       arp->ar_pln == 4 &&
	       (arp->ar_op == htons(ARPOP_REQUEST) ||
		arp->ar_op == htons(ARPOP_REPLY));
}

/* RFC 826 "Packet Reception", with Linux's sanity rules. */
static void arp_process(struct pkbuf *pkb, struct net_device *dev,
			const struct arphdr_eth *arp)
{
	u16 op = ntohs(arp->ar_op);
	be32 sip = arp->ar_sip, tip = arp->ar_tip;
	bool for_us = inet_addr_is_local(tip);
	struct neighbour *n;

	if (op == ARPOP_REQUEST)
		ARP_INC_STATS(INREQUESTS);
	else
		ARP_INC_STATS(INREPLIES);
	if (!is_valid_ether_addr(arp->ar_sha) ||
	    ether_addr_equal(arp->ar_sha, dev->dev_addr) ||
	    ipv4_is_multicast(sip) || ipv4_is_lbcast(sip) ||
	    ipv4_is_loopback(sip) || ipv4_is_multicast(tip) ||
	    ipv4_is_loopback(tip)) {
		ARP_INC_STATS(INBADSENDER);
		return;
	}
	if (sip != 0 && inet_addr_is_local(sip)) {
		/* Someone else uses our address (RFC 5227 2.4): never let it
		 * into the cache; keep defending by answering nothing. */
		ARP_INC_STATS(INCONFLICT);
		return;
	}
	/* RFC 5227 probe (sender 0.0.0.0): answer if it is ours, learn
	 * nothing. */
	if (sip == 0) {
		if (op == ARPOP_REQUEST && for_us)
			arp_send(ARPOP_REPLY, dev, tip, sip, arp->ar_sha,
				 arp->ar_sha);
		return;
	}
	n = neigh_lookup(sip, dev);
	if (op == ARPOP_REQUEST && for_us) {
		if (!n)
			n = neigh_create(sip, dev);
		if (n)
			neigh_update(n, arp->ar_sha, false);
		arp_send(ARPOP_REPLY, dev, tip, sip, arp->ar_sha, arp->ar_sha);
		return;
	}
	if (n) {
		/* A reply addressed to us confirms; anything else (a
		 * gratuitous ARP, a request for someone else) only refreshes
		 * what we already hold. */
		neigh_update(n, arp->ar_sha, op == ARPOP_REPLY && for_us);
		return;
	}
	ARP_INC_STATS(INNOTFORUS);
}

int arp_rcv(struct pkbuf *pkb, struct net_device *dev, struct packet_type *pt)
{
	const struct arphdr_eth *arp;

	ARP_INC_STATS(INPKTS);
	if (dev->flags & IFF_NOARP || !pkb_may_pull(pkb, sizeof(*arp))) {
		ARP_INC_STATS(INBADHDR);
		goto drop;
	}
	arp = (const struct arphdr_eth *)pkb->data;
	if (!arp_hdr_ok(arp)) {
		ARP_INC_STATS(INBADHDR);
		goto drop;
	}
	spin_lock_bh(&neigh_lock);
	arp_process(pkb, dev, arp);
	spin_unlock_bh(&neigh_lock);
drop:
	pkb_free(pkb);
	return 0;
}

void arp_flush(void)
{
	for (unsigned int i = 0; i < NEIGH_HASHSIZE; i++) {
		struct neighbour *n;
		struct hlist_node *tmp;

		hlist_for_each_entry_safe(n, tmp, &neigh_table[i], hash)
			neigh_destroy(n);
	}
}

int arp_init(void)
{
	neigh_hash_rnd = get_random_u32();
	arp_packet_type.type = htons(ETH_P_ARP);
	dev_add_pack(&arp_packet_type);
	return 0;
}
