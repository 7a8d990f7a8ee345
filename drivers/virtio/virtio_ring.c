/* Split virtqueue operations (virtio 1.0, 2.4), as Linux's
 * drivers/virtio/virtio_ring.c: the driver side of the three rings.
 *
 *   driver: virtqueue_add -> avail ring -> virtqueue_kick -> (device)
 *   device: used ring -> interrupt -> driver poll -> virtqueue_get_buf
 *
 * The device is not trusted: used-ring ids, lengths and the used index are
 * checked before they touch driver state, and chains are freed from a
 * private shadow of the descriptor table. A device that breaks the rules
 * marks the queue broken (counted); it is then left alone, never followed.
 */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <drivers/io.h>
#include <drivers/virtio_ring.h>

static unsigned order_for(size_t bytes)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

/* Zeroed, physically contiguous pages for one ring part. */
static void *ring_alloc(size_t bytes, unsigned *order)
{
	phys_addr_t pa;
	void *va;

	*order = order_for(bytes);
	pa = alloc_pages(*order);
	if (!pa)
		return NULL;
	va = phys_to_virt(pa);
	memset(va, 0, PAGE_SIZE << *order);
	return va;
}

static void ring_free(void *va, unsigned order)
{
	if (va)
		free_pages(virt_to_phys(va), order);
}

struct virtqueue *vring_create_virtqueue(u16 index, u16 num, vq_notify_t notify,
					 void *priv)
{
	struct virtqueue *vq;

	if (!num || (num & (num - 1)) || num > 32768)
		return NULL;
	vq = kzalloc(sizeof(*vq));
	if (!vq)
		return NULL;
	vq->state = kzalloc(sizeof(*vq->state) * num);
	if (!vq->state)
		goto free_vq;
	vq->desc = ring_alloc(sizeof(struct vring_desc) * num, &vq->order_desc);
	vq->avail = ring_alloc(sizeof(struct vring_avail) + 2 * num + 2,
			       &vq->order_avail);
	vq->used = ring_alloc(sizeof(struct vring_used) +
			      sizeof(struct vring_used_elem) * num + 2,
			      &vq->order_used);
	if (!vq->desc || !vq->avail || !vq->used)
		goto free_rings;
	vq->index = index;
	vq->num = num;
	vq->notify = notify;
	vq->priv = priv;
	vq->num_free = num;
	vq->free_head = 0;
	for (u16 i = 0; i < num; i++)
		vq->state[i].next = (u16)(i + 1);
	return vq;

free_rings:
	ring_free(vq->desc, vq->order_desc);
	ring_free(vq->avail, vq->order_avail);
	ring_free(vq->used, vq->order_used);
	kfree(vq->state);
free_vq:
	kfree(vq);
	return NULL;
}

void vring_del_virtqueue(struct virtqueue *vq)
{
	if (!vq)
		return;
	ring_free(vq->desc, vq->order_desc);
	ring_free(vq->avail, vq->order_avail);
	ring_free(vq->used, vq->order_used);
	kfree(vq->state);
	kfree(vq);
}

u64 vring_desc_pa(const struct virtqueue *vq)
{
	return virt_to_phys(vq->desc);
}

u64 vring_avail_pa(const struct virtqueue *vq)
{
	return virt_to_phys(vq->avail);
}

u64 vring_used_pa(const struct virtqueue *vq)
{
	return virt_to_phys(vq->used);
}

int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs,
		  unsigned out, unsigned in, void *data)
{
	unsigned total = out + in;
	u16 head, i;
	u32 in_len = 0;

	if (vq->broken)
		return -EIO;
	if (!data || total == 0 || total > VQ_MAX_SG)
		return -EINVAL;
	if (vq->num_free < total)
		return -ENOSPC;
	head = i = vq->free_head;
	for (unsigned n = 0; n < total; n++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = bufs[n].addr;
		d->len = bufs[n].len;
		d->flags = n < out ? 0 : VRING_DESC_F_WRITE;
		if (n >= out)
			in_len += bufs[n].len;
		if (n + 1 < total)
			d->flags |= VRING_DESC_F_NEXT;
		d->next = vq->state[i].next;
		i = vq->state[i].next;
	}
	vq->free_head = i;
	vq->num_free -= (u16)total;
	vq->state[head].data = data;
	vq->state[head].ndesc = (u16)total;
	vq->state[head].in_len = in_len;

	/* 2.4.7.2: descriptors before the ring entry, the entry before the
	 * index that publishes it. */
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	dma_wmb();
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	return 0;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	/* The index store must be visible before we read the device's
	 * "don't notify" flag (2.4.7.2 step 4). */
	mb();
	if (READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY) {
		vq->notify_suppressed++;
		return false;
	}
	vq->kicks++;
	vq->notify(vq);
	return true;
}

bool virtqueue_more_used(const struct virtqueue *vq)
{
	return !vq->broken && READ_ONCE(vq->used->idx) != vq->last_used_idx;
}

/* Put a finished chain back on the free list, walking our own links. */
static void detach_buf(struct virtqueue *vq, u16 head)
{
	struct vq_desc_state *st = &vq->state[head];
	u16 i = head;

	for (u16 n = 1; n < st->ndesc; n++)
		i = vq->state[i].next;
	vq->state[i].next = vq->free_head;
	vq->free_head = head;
	vq->num_free += st->ndesc;
	st->data = NULL;
	st->ndesc = 0;
}

static void *vq_broken(struct virtqueue *vq, u64 *counter)
{
	(*counter)++;
	if (!vq->broken)
		printk(KERN_ERR "virtio: queue %u broken by the device\n", vq->index);
	vq->broken = true;
	return NULL;
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	u16 used_idx, slot;
	u32 id, ulen;
	void *data;

	if (!virtqueue_more_used(vq))
		return NULL;
	used_idx = READ_ONCE(vq->used->idx);
	/* More entries than descriptors in flight means a lying index. */
	if ((u16)(used_idx - vq->last_used_idx) > vq->num - vq->num_free)
		return vq_broken(vq, &vq->bad_idx);
	dma_rmb();              /* the index before the entry it covers */
	slot = vq->last_used_idx & (vq->num - 1);
	id = READ_ONCE(vq->used->ring[slot].id);
	ulen = READ_ONCE(vq->used->ring[slot].len);
	if (id >= vq->num || !vq->state[id].data)
		return vq_broken(vq, &vq->bad_id);
	data = vq->state[id].data;
	if (ulen > vq->state[id].in_len) {
		vq->bad_len++;
		ulen = 0;       /* the driver drops a zero-length buffer */
	}
	detach_buf(vq, (u16)id);
	vq->last_used_idx++;
	*len = ulen;
	return data;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, vq->avail->flags | VRING_AVAIL_F_NO_INTERRUPT);
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, vq->avail->flags & ~VRING_AVAIL_F_NO_INTERRUPT);
	/* Flag store before the used-index load: otherwise a completion
	 * landing in between would raise no interrupt and be seen by no
	 * one (the NAPI race). */
	mb();
	return !virtqueue_more_used(vq);
}

void *virtqueue_detach_unused_buf(struct virtqueue *vq)
{
	for (u16 i = 0; i < vq->num; i++) {
		void *data = vq->state[i].data;

		if (data && vq->state[i].ndesc) {
			detach_buf(vq, i);
			return data;
		}
	}
	return NULL;
}
