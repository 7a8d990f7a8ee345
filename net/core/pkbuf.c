/* Packet buffer allocation and the pointer arithmetic every layer uses.
 *
 * Called from drivers (RX refill), from every protocol's output path
 * (pkb_alloc_tx + pkb_push) and from every input path (pkb_pull). The head
 * comes from a kmem_cache (hot, fixed size); the data buffer from kmalloc
 * and is reference counted so pkb_clone() can share it.
 */
#include <net/pkbuf.h>

struct pkb_data {
	int dataref;     /* heads pointing at this buffer */
	u32 size;
	u8 buf[] __aligned(16);
};

static struct kmem_cache *pkbuf_head_cache;
static long pkb_live;
static u64 pkb_bound_errs;

static struct kmem_cache *pkb_cache(void)
{
	if (unlikely(!pkbuf_head_cache))
		pkbuf_head_cache = kmem_cache_create("pkbuf_head",
						     sizeof(struct pkbuf));
	return pkbuf_head_cache;
}

long pkb_live_count(void)
{
	return pkb_live;
}

u64 pkb_bound_errors(void)
{
	return pkb_bound_errs;
}

static struct pkbuf *pkb_head_alloc(void)
{
	struct kmem_cache *c = pkb_cache();
	struct pkbuf *pkb;

	if (!c)
		return NULL;
	pkb = kmem_cache_zalloc(c);
	if (!pkb)
		return NULL;
	INIT_LIST_HEAD(&pkb->list);
	pkb->mac_header = 0xffff;
	pkb->network_header = 0xffff;
	pkb->transport_header = 0xffff;
	pkb_live++;
	return pkb;
}

/* Allocate a buffer with size bytes of room, all of it tailroom: the
 * caller reserves headroom with pkb_reserve(). */
struct pkbuf *pkb_alloc(unsigned int size)
{
	struct pkb_data *d;
	struct pkbuf *pkb;

	/* Header offsets are u16: keep every buffer below 64 KiB + slack. */
	if (size > 65535 + MAX_HEADER + 64)
		return NULL;
	pkb = pkb_head_alloc();
	if (!pkb)
		return NULL;
	d = kmalloc(sizeof(*d) + ALIGN_UP(size, 16));
	if (!d)
		goto free_head;
	d->dataref = 1;
	d->size = ALIGN_UP(size, 16);
	pkb->shinfo = d;
	pkb->head = d->buf;
	pkb->data = d->buf;
	pkb->tail = d->buf;
	pkb->end = d->buf + d->size;
	pkb->truesize = (u32)(sizeof(*pkb) + sizeof(*d) + d->size);
	return pkb;

free_head:
	pkb_live--;
	kmem_cache_free(pkb_cache(), pkb);
	return NULL;
}

/* A buffer for a locally generated packet of payload bytes, with headroom
 * for every header below it. */
struct pkbuf *pkb_alloc_tx(unsigned int payload)
{
	struct pkbuf *pkb = pkb_alloc(MAX_HEADER + payload);

	if (pkb)
		pkb_reserve(pkb, MAX_HEADER);
	return pkb;
}

static void pkb_release_data(struct pkb_data *d)
{
	if (--d->dataref == 0)
		kfree(d);
}

/* Drop the owner's accounting (socket receive memory) before the buffer
 * changes hands. */
void pkb_orphan(struct pkbuf *pkb)
{
	if (pkb->destructor)
		pkb->destructor(pkb);
	pkb->destructor = NULL;
	pkb->sk = NULL;
}

void pkb_free(struct pkbuf *pkb)
{
	if (!pkb)
		return;
	/* A buffer still linked on a queue is a use-after-free waiting to
	 * happen: say so loudly rather than corrupt the queue. */
	WARN_ON(!list_empty(&pkb->list));
	pkb_orphan(pkb);
	pkb_release_data(pkb->shinfo);
	pkb_live--;
	kmem_cache_free(pkb_cache(), pkb);
}

/* A second head over the same bytes. Both heads must treat the bytes as
 * read-only until one of them is freed. */
struct pkbuf *pkb_clone(struct pkbuf *pkb)
{
	struct pkbuf *n = pkb_head_alloc();

	if (!n)
		return NULL;
	n->dev = pkb->dev;
	n->head = pkb->head;
	n->data = pkb->data;
	n->tail = pkb->tail;
	n->end = pkb->end;
	n->len = pkb->len;
	n->truesize = pkb->truesize;
	n->protocol = pkb->protocol;
	n->pkt_type = pkb->pkt_type;
	n->ip_summed = pkb->ip_summed;
	n->mac_header = pkb->mac_header;
	n->network_header = pkb->network_header;
	n->transport_header = pkb->transport_header;
	n->tstamp_ms = pkb->tstamp_ms;
	memcpy(n->cb, pkb->cb, sizeof(n->cb));
	n->shinfo = pkb->shinfo;
	n->shinfo->dataref++;
	return n;
}

bool pkb_cloned(const struct pkbuf *pkb)
{
	return pkb->shinfo->dataref > 1;
}

/* A private, writable copy of the whole buffer (headroom included). */
struct pkbuf *pkb_copy(const struct pkbuf *pkb)
{
	unsigned int size = (unsigned int)(pkb->end - pkb->head);
	struct pkbuf *n = pkb_alloc(size);

	if (!n)
		return NULL;
	memcpy(n->head, pkb->head, size);
	n->data = n->head + (pkb->data - pkb->head);
	n->tail = n->head + (pkb->tail - pkb->head);
	n->len = pkb->len;
	n->dev = pkb->dev;
	n->protocol = pkb->protocol;
	n->pkt_type = pkb->pkt_type;
	n->ip_summed = pkb->ip_summed;
	n->mac_header = pkb->mac_header;
	n->network_header = pkb->network_header;
	n->transport_header = pkb->transport_header;
	n->tstamp_ms = pkb->tstamp_ms;
	memcpy(n->cb, pkb->cb, sizeof(n->cb));
	return n;
}

/* The pointer moves below refuse (and count) instead of corrupting memory:
 * a refusal is a bug in the caller's size arithmetic, never a packet's
 * fault, because receive paths check pkb_may_pull() first. */
void pkb_reserve(struct pkbuf *pkb, unsigned int len)
{
	if (WARN_ON(len > pkb_tailroom(pkb) || pkb->len)) {
		pkb_bound_errs++;
		return;
	}
	pkb->data += len;
	pkb->tail += len;
}

u8 *pkb_put(struct pkbuf *pkb, unsigned int len)
{
	u8 *old = pkb->tail;

	if (WARN_ON(len > pkb_tailroom(pkb))) {
		pkb_bound_errs++;
		return NULL;
	}
	pkb->tail += len;
	pkb->len += len;
	return old;
}

u8 *pkb_put_data(struct pkbuf *pkb, const void *src, unsigned int len)
{
	u8 *p = pkb_put(pkb, len);

	if (p)
		memcpy(p, src, len);
	return p;
}

u8 *pkb_push(struct pkbuf *pkb, unsigned int len)
{
	if (WARN_ON(len > pkb_headroom(pkb))) {
		pkb_bound_errs++;
		return NULL;
	}
	pkb->data -= len;
	pkb->len += len;
	return pkb->data;
}

/* Strip len bytes from the front; returns the new data pointer, or NULL
 * (nothing changed) if the packet is shorter than len. */
u8 *pkb_pull(struct pkbuf *pkb, unsigned int len)
{
	if (len > pkb->len)
		return NULL;
	pkb->data += len;
	pkb->len -= len;
	return pkb->data;
}

/* Cut the packet to len bytes (link padding, IP total length). */
int pkb_trim(struct pkbuf *pkb, unsigned int len)
{
	if (len > pkb->len)
		return -EINVAL;
	pkb->tail = pkb->data + len;
	pkb->len = len;
	return 0;
}

void pkb_queue_purge(struct pkb_queue *q)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(q)) != NULL)
		pkb_free(pkb);
}
