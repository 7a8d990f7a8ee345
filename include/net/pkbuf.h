/* Packet buffers: the one object every layer passes down and up.
 *
 * Shaped like Linux's sk_buff. A pkbuf is a small head (this struct, from a
 * kmem_cache) pointing into a data buffer (kmalloc) laid out as
 *
 *   head ----- data ========== tail ----- end
 *   headroom   the packet       tailroom
 *
 * Lower layers prepend headers with pkb_push() into the headroom, so no layer
 * copies to add a header; receive paths strip headers with pkb_pull().
 *
 * Ownership rule: whoever holds a pkbuf either hands it on or frees it, on
 * every path, exactly once.
 *
 * Sharing: pkb_clone() makes a second head over the same data buffer (the
 * buffer carries a reference count). A cloned buffer's bytes are read-only;
 * pkb_cloned() tells a writer to use pkb_copy() first. Used to hand one
 * received broadcast datagram to several sockets without copying it.
 */
#ifndef NET_PKBUF_H
#define NET_PKBUF_H

#include <net/port.h>

struct net_device;
struct sock;

/* Room reserved in front of every locally built packet: link header
 * (Ethernet, rounded to 16) + IPv4 with options (60) + TCP with options
 * (60), rounded up. */
#define LL_MAX_HEADER 16
#define MAX_HEADER    (LL_MAX_HEADER + 60 + 60 + 8)

/* Drivers reserve this in RX buffers so the IP header after the 14-byte
 * Ethernet header lands on a 4-byte boundary, as Linux's NET_IP_ALIGN. */
#define NET_IP_ALIGN 2

/* pkt_type: how the link layer addressed the frame (Linux PACKET_*). */
enum {
	PACKET_HOST,
	PACKET_BROADCAST,
	PACKET_MULTICAST,
	PACKET_OTHERHOST,
	PACKET_OUTGOING,
	PACKET_LOOPBACK,
};

struct pkb_data;

struct pkbuf {
	struct list_head list;      /* queue link (socket, ARP, reassembly) */
	struct net_device *dev;     /* arrived on / leaves through */
	struct sock *sk;            /* owner charged for truesize, or NULL */
	void (*destructor)(struct pkbuf *pkb);

	u8 *head, *data, *tail, *end;
	u32 len;                    /* data .. tail */
	u32 truesize;               /* head + buffer, for memory accounting */

	be16 protocol;              /* ethertype, network order */
	u8 pkt_type;
	u8 ip_summed;               /* CHECKSUM_NONE / CHECKSUM_UNNECESSARY */
	u16 mac_header;             /* offsets from head; 0xffff = unset */
	u16 network_header;
	u16 transport_header;

	struct pkb_data *shinfo;    /* the shared data buffer */
	u64 tstamp_ms;
	/* Control block: scratch space owned by the layer holding the pkbuf
	 * (reassembly offsets, UDP source address for recvmsg...). */
	u8 cb[48] __aligned(8);
};

#define CHECKSUM_NONE        0
#define CHECKSUM_UNNECESSARY 1

/* A FIFO of pkbufs with a length, like sk_buff_head. */
struct pkb_queue {
	struct list_head list;
	u32 qlen;
};

struct pkbuf *pkb_alloc(unsigned int size);
struct pkbuf *pkb_alloc_tx(unsigned int payload);  /* reserves MAX_HEADER */
void pkb_free(struct pkbuf *pkb);
struct pkbuf *pkb_clone(struct pkbuf *pkb);
struct pkbuf *pkb_copy(const struct pkbuf *pkb);
bool pkb_cloned(const struct pkbuf *pkb);
void pkb_orphan(struct pkbuf *pkb);

void pkb_reserve(struct pkbuf *pkb, unsigned int len);
u8 *pkb_put(struct pkbuf *pkb, unsigned int len);
u8 *pkb_push(struct pkbuf *pkb, unsigned int len);
u8 *pkb_pull(struct pkbuf *pkb, unsigned int len);
int pkb_trim(struct pkbuf *pkb, unsigned int len);
u8 *pkb_put_data(struct pkbuf *pkb, const void *src, unsigned int len);

/* Live buffer count (allocated heads not yet freed), for leak checks. */
long pkb_live_count(void);
/* Times pkb_push/pull/put were refused for lack of room (a bug if > 0). */
u64 pkb_bound_errors(void);

static inline unsigned int pkb_headroom(const struct pkbuf *pkb)
{
	return (unsigned int)(pkb->data - pkb->head);
}

static inline unsigned int pkb_tailroom(const struct pkbuf *pkb)
{
	return (unsigned int)(pkb->end - pkb->tail);
}

/* True if len bytes are available at data (the receive-path check before
 * reading a header). */
static inline bool pkb_may_pull(const struct pkbuf *pkb, unsigned int len)
{
	return len <= pkb->len;
}

static inline void pkb_reset_network_header(struct pkbuf *pkb)
{
	pkb->network_header = (u16)(pkb->data - pkb->head);
}

static inline void pkb_reset_transport_header(struct pkbuf *pkb)
{
	pkb->transport_header = (u16)(pkb->data - pkb->head);
}

static inline void pkb_reset_mac_header(struct pkbuf *pkb)
{
	pkb->mac_header = (u16)(pkb->data - pkb->head);
}

static inline u8 *pkb_network_header(const struct pkbuf *pkb)
{
	return pkb->head + pkb->network_header;
}

static inline u8 *pkb_transport_header(const struct pkbuf *pkb)
{
	return pkb->head + pkb->transport_header;
}

static inline u8 *pkb_mac_header(const struct pkbuf *pkb)
{
	return pkb->head + pkb->mac_header;
}

/* Bytes from the network header to tail (the whole IP datagram). */
static inline unsigned int pkb_network_len(const struct pkbuf *pkb)
{
	return (unsigned int)(pkb->tail - pkb_network_header(pkb));
}

static inline void pkb_queue_init(struct pkb_queue *q)
{
	INIT_LIST_HEAD(&q->list);
	q->qlen = 0;
}

static inline void pkb_queue_tail(struct pkb_queue *q, struct pkbuf *pkb)
{
	list_add_tail(&pkb->list, &q->list);
	q->qlen++;
}

static inline struct pkbuf *pkb_peek(const struct pkb_queue *q)
{
	if (list_empty(&q->list))
		return NULL;
	return list_first_entry(&q->list, struct pkbuf, list);
}

static inline struct pkbuf *pkb_dequeue(struct pkb_queue *q)
{
	struct pkbuf *pkb = pkb_peek(q);

	if (pkb) {
		list_del(&pkb->list);
		q->qlen--;
	}
	return pkb;
}

static inline void pkb_unlink(struct pkbuf *pkb, struct pkb_queue *q)
{
	list_del(&pkb->list);
	q->qlen--;
}

void pkb_queue_purge(struct pkb_queue *q);

#endif
