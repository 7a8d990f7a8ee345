/* IPv4 reassembly (RFC 791 3.2 "Fragmentation and Reassembly", RFC 1122
 * 3.3.2, RFC 815 for the hole-free check).
 *
 *   ip_local_deliver -> ip_defrag (here) -> complete datagram or NULL
 *
 * Queues are keyed by (saddr, daddr, id, protocol) in a hash table. Each
 * holds its fragments sorted by offset and a 30 s timer (RFC 1122 3.3.2
 * recommends 60-120 s upper bound; Linux uses 30 s). Rules:
 *   - exact duplicates (same offset and end) are dropped alone;
 *   - any other overlap kills the whole datagram and the queue stays
 *     "dead" until its timer fires, so the rest of it is dropped too
 *     (the IPv6 rule of RFC 5722, which Linux also applies to IPv4);
 *   - a datagram may not exceed 65535 bytes (no "ping of death");
 *   - non-final fragments must carry a multiple of 8 bytes;
 *   - memory: ipfrag_high_thresh bytes (truesize) in all queues, and
 *     IPQ_MAX_MEM per queue, else the fragment/queue is dropped;
 *   - on timeout, if the first fragment arrived, ICMP time exceeded
 *     (code 1, reassembly) goes back to the sender (RFC 792).
 * The complete datagram is copied once into a fresh buffer with headroom;
 * that copy is the price of keeping every consumer linear.
 */
#include <net/ip.h>
#include <net/icmp.h>
#include <net/checksum.h>
#include <net/snmp.h>

#define IPQ_HASHBITS 6
#define IPQ_HASHSIZE (1u << IPQ_HASHBITS)
#define IPQ_MAX_MEM  (256 * 1024)

long ipfrag_high_thresh = 4 * 1024 * 1024;
u64 ipfrag_time_ms = 30 * 1000;

enum {
	IPQ_FIRST_IN = 0x1,
	IPQ_LAST_IN = 0x2,
	IPQ_DEAD = 0x4,
};

struct ipq {
	struct hlist_node hash;
	be32 saddr, daddr;
	be16 id;
	u8 protocol;
	u8 flags;
	u32 len;              /* end of the datagram's data (max seen) */
	u32 meat;             /* data bytes received */
	long mem;
	struct pkb_queue frags;
	struct timer_list timer;
};

static struct hlist_head ipq_hash[IPQ_HASHSIZE];
static long ipfrag_mem;
static int ipq_count;
static u32 ipq_rnd;

long ip_frag_mem(void)
{
	return ipfrag_mem;
}

int ip_frag_queue_count(void)
{
	return ipq_count;
}

static unsigned int ipq_hashfn(be32 s, be32 d, be16 id, u8 proto)
{
	u32 h = (s ^ ipq_rnd) * 0x9e3779b1u;

	h = (h ^ d) * 0x85ebca6bu;
	h = (h ^ ((u32)id << 8 | proto)) * 0xc2b2ae35u;
	return h >> (32 - IPQ_HASHBITS);
}

static void ipq_free_frags(struct ipq *q)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(&q->frags)) != NULL) {
		q->mem -= pkb->truesize;
		ipfrag_mem -= pkb->truesize;
		pkb_free(pkb);
	}
}

static void ipq_destroy(struct ipq *q)
{
	del_timer(&q->timer);
	ipq_free_frags(q);
	hlist_del(&q->hash);
	ipfrag_mem -= (long)sizeof(*q);
	ipq_count--;
	kfree(q);
}

/* Give up on a datagram but remember it until the timer fires, so its
 * remaining fragments are dropped rather than starting a new queue. */
static void ipq_kill(struct ipq *q)
{
	if (q->flags & IPQ_DEAD)
		return;
	ipq_free_frags(q);
	q->flags |= IPQ_DEAD;
	IP_INC_STATS(REASMFAILS);
}

static void ipq_expire(struct timer_list *t)
{
	struct ipq *q = from_timer(q, t, timer);

	if (!(q->flags & IPQ_DEAD)) {
		IP_INC_STATS(REASMTIMEOUT);
		IP_INC_STATS(REASMFAILS);
		/* RFC 792 / RFC 1122 3.3.2: only if fragment zero is here,
		 * since the error quotes its header. */
		if (q->flags & IPQ_FIRST_IN) {
			struct pkbuf *first = pkb_peek(&q->frags);

			if (first && IPCB(first)->frag_offset == 0)
				icmp_send(first, ICMP_TIME_EXCEEDED,
					  ICMP_EXC_FRAGTIME, 0);
		}
	}
	ipq_destroy(q);
}

static struct ipq *ipq_find(const struct iphdr *iph, bool create)
{
	unsigned int h = ipq_hashfn(iph->saddr, iph->daddr, iph->id,
				    iph->protocol);
	struct ipq *q;

	hlist_for_each_entry(q, &ipq_hash[h], hash)
		if (q->saddr == iph->saddr && q->daddr == iph->daddr &&
		    q->id == iph->id && q->protocol == iph->protocol)
			return q;
	if (!create)
		return NULL;
	if (ipfrag_mem + (long)sizeof(*q) > ipfrag_high_thresh)
		return NULL;
	q = kzalloc(sizeof(*q));
	if (!q)
		return NULL;
	q->saddr = iph->saddr;
	q->daddr = iph->daddr;
	q->id = iph->id;
	q->protocol = iph->protocol;
	pkb_queue_init(&q->frags);
	timer_setup(&q->timer, ipq_expire, 0);
	mod_timer(&q->timer, ktime_get_ms() + ipfrag_time_ms);
	hlist_add_head(&q->hash, &ipq_hash[h]);
	ipfrag_mem += (long)sizeof(*q);
	ipq_count++;
	return q;
}

/* Where the new fragment [off, end) goes: returns the fragment to insert
 * before (NULL: at the tail), or sets *verdict for a duplicate (1) or an
 * overlap (-1). */
static struct pkbuf *ipq_find_slot(struct ipq *q, u32 off, u32 end,
				   int *verdict)
{
	struct pkbuf *f;

	*verdict = 0;
	list_for_each_entry(f, &q->frags.list, list) {
		u32 fo = IPCB(f)->frag_offset, fe = IPCB(f)->frag_end;

		if (fo == off && fe == end) {
			*verdict = 1;
			return NULL;
		}
		if (off < fe && fo < end) {
			*verdict = -1;
			return NULL;
		}
		if (end <= fo)
			return f;
	}
	return NULL;
}

/* Check the fragment's place against what the queue knows of the end of
 * the datagram. Returns false if inconsistent. */
static bool ipq_update_len(struct ipq *q, u32 end, bool mf)
{
	if (!mf) {
		if (end < q->len ||
		    ((q->flags & IPQ_LAST_IN) && end != q->len))
			return false;
		q->flags |= IPQ_LAST_IN;
		q->len = end;
		return true;
	}
	if ((q->flags & IPQ_LAST_IN) && end > q->len)
		return false;
	if (end > q->len)
		q->len = end;
	return true;
}

static struct pkbuf *ipq_reasm(struct ipq *q)
{
	struct pkbuf *first = pkb_peek(&q->frags), *f, *pkb;
	const struct iphdr *fiph = ip_hdr(first);
	unsigned int ihl = ip_hdr_ihl(fiph) * 4;
	struct iphdr *iph;

	pkb = pkb_alloc_tx(ihl + q->len);
	if (!pkb) {
		ipq_kill(q);
		return NULL;
	}
	memcpy(pkb_put(pkb, ihl + q->len), fiph, ihl);
	list_for_each_entry(f, &q->frags.list, list) {
		const u8 *payload = pkb_network_header(f) +
				    ip_hdr_ihl(ip_hdr(f)) * 4;

		memcpy(pkb->data + ihl + IPCB(f)->frag_offset, payload,
		       IPCB(f)->frag_end - IPCB(f)->frag_offset);
	}
	pkb->dev = first->dev;
	pkb->pkt_type = first->pkt_type;
	pkb->protocol = first->protocol;
	pkb->tstamp_ms = first->tstamp_ms;
	memcpy(pkb->cb, first->cb, sizeof(pkb->cb));
	pkb_reset_network_header(pkb);
	iph = ip_hdr(pkb);
	iph->tot_len = htons((u16)(ihl + q->len));
	iph->frag_off &= htons(IP_DF);
	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, ihl / 4));
	IP_INC_STATS(REASMOKS);
	ipq_destroy(q);
	return pkb;
}

static struct pkbuf *frag_drop(struct pkbuf *pkb)
{
	pkb_free(pkb);
	return NULL;
}

struct pkbuf *ip_defrag(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	unsigned int ihl = ip_hdr_ihl(iph) * 4;
	u16 fo = ntohs(iph->frag_off);
	u32 off = (u32)(fo & IP_OFFSET) * 8;
	u32 plen = ntohs(iph->tot_len) - ihl;
	u32 end = off + plen;
	bool mf = fo & IP_MF;
	struct pkbuf *before;
	struct ipq *q;
	int verdict;

	IP_INC_STATS(REASMREQDS);
	if (end + ihl > IP_MAX_PACKET) {
		IPEXT_INC_STATS(REASMOVERSIZE);
		q = ipq_find(iph, false);
		if (q)
			ipq_kill(q);
		else
			IP_INC_STATS(REASMFAILS);
		return frag_drop(pkb);
	}
	if (plen == 0 || (mf && (plen & 7))) {
		IPEXT_INC_STATS(REASMBADFRAG);
		IP_INC_STATS(REASMFAILS);
		return frag_drop(pkb);
	}
	q = ipq_find(iph, true);
	if (!q) {
		IPEXT_INC_STATS(REASMMEMFULL);
		IP_INC_STATS(REASMFAILS);
		return frag_drop(pkb);
	}
	if (q->flags & IPQ_DEAD)
		return frag_drop(pkb);
	if (!ipq_update_len(q, end, mf)) {
		IPEXT_INC_STATS(REASMBADFRAG);
		ipq_kill(q);
		return frag_drop(pkb);
	}
	before = ipq_find_slot(q, off, end, &verdict);
	if (verdict > 0) {
		IPEXT_INC_STATS(REASMDUPLICATES);
		return frag_drop(pkb);
	}
	if (verdict < 0) {
		IPEXT_INC_STATS(REASMOVERLAPS);
		ipq_kill(q);
		return frag_drop(pkb);
	}
	if (q->mem + (long)pkb->truesize > IPQ_MAX_MEM ||
	    ipfrag_mem + (long)pkb->truesize > ipfrag_high_thresh) {
		IPEXT_INC_STATS(REASMMEMFULL);
		ipq_kill(q);
		return frag_drop(pkb);
	}

	/* A clone shares bytes with a tap; keep our own head either way. */
	pkb_orphan(pkb);
	IPCB(pkb)->frag_offset = (u16)off;
	IPCB(pkb)->frag_end = (u16)end;
	IPCB(pkb)->frag_mf = mf;
	if (before)
		__list_add(&pkb->list, before->list.prev, &before->list);
	else
		list_add_tail(&pkb->list, &q->frags.list);
	q->frags.qlen++;
	q->meat += plen;
	q->mem += pkb->truesize;
	ipfrag_mem += pkb->truesize;
	if (off == 0)
		q->flags |= IPQ_FIRST_IN;

	if ((q->flags & (IPQ_FIRST_IN | IPQ_LAST_IN)) ==
	    (IPQ_FIRST_IN | IPQ_LAST_IN) && q->meat == q->len)
		return ipq_reasm(q);
	return NULL;
}

void ip_frag_flush(void)
{
	for (unsigned int i = 0; i < IPQ_HASHSIZE; i++) {
		struct ipq *q;
		struct hlist_node *tmp;

		hlist_for_each_entry_safe(q, tmp, &ipq_hash[i], hash)
			ipq_destroy(q);
	}
}

void ip_frag_init(void)
{
	ipq_rnd = get_random_u32();
}
