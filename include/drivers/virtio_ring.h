/* Split virtqueues (virtio 1.0, 2.4): a descriptor table the driver
 * fills, an available ring where it publishes chains, and a used ring
 * where the device returns them. All three live in DMA memory from
 * alloc_pages(); everything the device writes (used ring) is checked
 * before use, since a buggy or hostile device could lie. */
#ifndef DRIVERS_VIRTIO_RING_H
#define DRIVERS_VIRTIO_RING_H

#include <lib/types.h>
#include <lib/compiler.h>

#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};
_Static_assert(sizeof(struct vring_desc) == 16, "vring_desc layout");

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];
};

struct vring_used_elem {
	u32 id;
	u32 len;
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

/* The most descriptors one chain may use (virtio-net TX: header + data). */
#define VQ_MAX_SG 4

/* One buffer of a chain: bus address and length. */
struct vq_buf {
	u64 addr;
	u32 len;
};

struct virtqueue;
typedef void (*vq_notify_t)(struct virtqueue *vq);

/* Driver-private shadow of each descriptor: the device can scribble on
 * the table in shared memory, so chains are freed from this copy. */
struct vq_desc_state {
	void *data;             /* token of a chain head, NULL if free */
	u16 next;               /* free list / chain link */
	u16 ndesc;              /* descriptors in the chain (head only) */
	u32 in_len;             /* bytes the device may write (head only) */
};

struct virtqueue {
	u16 index;
	u16 num;                        /* ring size, a power of two */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	unsigned order_desc, order_avail, order_used;
	u16 free_head;
	u16 num_free;
	u16 avail_idx;                  /* our copy of avail->idx */
	u16 last_used_idx;
	bool broken;                    /* the device broke the protocol */
	struct vq_desc_state *state;
	vq_notify_t notify;
	void *priv;                     /* the transport's (notify address) */
	/* Counters of device misbehaviour (each also breaks or is clamped). */
	u64 bad_id, bad_len, bad_idx;
	u64 kicks, notify_suppressed;
};

/* drivers/virtio/virtio_ring.c */
struct virtqueue *vring_create_virtqueue(u16 index, u16 num, vq_notify_t notify,
					 void *priv);
void vring_del_virtqueue(struct virtqueue *vq);
u64 vring_desc_pa(const struct virtqueue *vq);
u64 vring_avail_pa(const struct virtqueue *vq);
u64 vring_used_pa(const struct virtqueue *vq);
/* Queue a chain of out (device-readable) then in (device-writable)
 * buffers; data comes back from virtqueue_get_buf. 0 or -ENOSPC/-EIO. */
int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs,
		  unsigned out, unsigned in, void *data);
/* Tell the device about new buffers unless it asked not to be told. */
bool virtqueue_kick(struct virtqueue *vq);
/* Next completed chain's token, with the byte count the device wrote
 * (already checked against the chain's writable size); NULL if none. */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);
void virtqueue_disable_cb(struct virtqueue *vq);
/* Re-enable completion interrupts; false if completions arrived
 * meanwhile (the caller must poll again: the race re-check). */
bool virtqueue_enable_cb(struct virtqueue *vq);
bool virtqueue_more_used(const struct virtqueue *vq);
/* Take back a buffer the device never used (teardown). */
void *virtqueue_detach_unused_buf(struct virtqueue *vq);
static inline unsigned virtqueue_num_free(const struct virtqueue *vq)
{
	return vq->num_free;
}

#endif
