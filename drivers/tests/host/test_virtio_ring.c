/* Host unit test of the split virtqueue (drivers/virtio/virtio_ring.c)
 * against a simulated device, honest and hostile: the ring must hand back
 * exactly the buffers in flight, once each, and a device that lies about
 * ids, lengths or the used index must break the queue (counted) or have
 * its length refused, never crash it (built with ASan/UBSan).
 *
 * The kernel build compiles every .c under drivers/, so the whole file is
 * host-only. */
#ifdef __HOST_TEST__
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <drivers/virtio_ring.h>
#include "unit.h"

/* ---- The environment virtio_ring.c needs, on the host ---- */
unsigned long host_page_offset;         /* 0: "physical" = host pointer */

phys_addr_t alloc_pages(unsigned order)
{
	void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);

	return (phys_addr_t)p;
}

void free_pages(phys_addr_t pa, unsigned order)
{
	free((void *)pa);
}

void *kzalloc(size_t size)
{
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

/* ---- A simulated device ---- */
static int notified;

static void notify(struct virtqueue *vq)
{
	notified++;
}

static struct virtqueue *new_vq(u16 num)
{
	notified = 0;
	return vring_create_virtqueue(0, num, notify, NULL);
}

/* The device completes chain head with len bytes written. */
static void dev_complete(struct virtqueue *vq, u32 head, u32 len)
{
	u16 idx = vq->used->idx;

	vq->used->ring[idx & (vq->num - 1)].id = head;
	vq->used->ring[idx & (vq->num - 1)].len = len;
	vq->used->idx = (u16)(idx + 1);
}

/* What the device sees next in the avail ring. */
static u16 dev_next_avail(struct virtqueue *vq, u16 *seen)
{
	return vq->avail->ring[(*seen)++ & (vq->num - 1)];
}

static int add_in(struct virtqueue *vq, u32 len, void *token)
{
	struct vq_buf b = { .addr = 0x1000, .len = len };

	return virtqueue_add(vq, &b, 0, 1, token);
}

TEST(round_trip_returns_token_and_length)
{
	struct virtqueue *vq = new_vq(8);
	u16 seen = 0;
	int token;
	u32 len;

	CHECK(add_in(vq, 1500, &token) == 0, "add");
	CHECK(vq->avail->idx == 1 && virtqueue_num_free(vq) == 7, "avail");
	CHECK(virtqueue_get_buf(vq, &len) == NULL, "nothing used yet");
	dev_complete(vq, dev_next_avail(vq, &seen), 60);
	CHECK(virtqueue_get_buf(vq, &len) == &token && len == 60, "len %u", len);
	CHECK(virtqueue_num_free(vq) == 8, "free %u", virtqueue_num_free(vq));
	CHECK(virtqueue_get_buf(vq, &len) == NULL, "only once");
	vring_del_virtqueue(vq);
}

TEST(chain_descriptors_are_linked_readable_then_writable)
{
	struct virtqueue *vq = new_vq(8);
	struct vq_buf b[2] = { { 0x1000, 12 }, { 0x2000, 100 } };
	int token;
	u16 h = vq->free_head;

	CHECK(virtqueue_add(vq, b, 1, 1, &token) == 0, "add");
	CHECK(vq->desc[h].flags == VRING_DESC_F_NEXT, "first flags %#x", vq->desc[h].flags);
	u16 n = vq->desc[h].next;
	CHECK(vq->desc[n].flags == VRING_DESC_F_WRITE && vq->desc[n].len == 100,
	      "second desc");
	CHECK(virtqueue_num_free(vq) == 6, "two used");
	vring_del_virtqueue(vq);
}

TEST(full_ring_refuses_more)
{
	struct virtqueue *vq = new_vq(4);
	struct vq_buf b[2] = { { 0x1000, 12 }, { 0x2000, 100 } };
	int t[5];

	for (int i = 0; i < 3; i++)
		CHECK(add_in(vq, 100, &t[i]) == 0, "add %d", i);
	CHECK(virtqueue_add(vq, b, 2, 0, &t[3]) == -ENOSPC, "chain of 2 in 1 slot");
	CHECK(add_in(vq, 100, &t[3]) == 0, "last slot");
	CHECK(add_in(vq, 100, &t[4]) == -ENOSPC, "full");
	CHECK(virtqueue_add(vq, b, 0, 0, &t[4]) == -EINVAL, "empty chain");
	CHECK(virtqueue_add(vq, b, 1, 0, NULL) == -EINVAL, "no token");
	vring_del_virtqueue(vq);
}

TEST(out_of_order_completion_keeps_free_list_whole)
{
	struct virtqueue *vq = new_vq(16);
	u16 heads[16];
	int tokens[16];
	int returned[16] = { 0 };
	u32 len;

	for (int round = 0; round < 50; round++) {
		int n = 0;

		while (virtqueue_num_free(vq) >= 2) {
			struct vq_buf b[2] = { { 0x1000, 12 }, { 0x2000, 64 } };

			heads[n] = vq->free_head;
			CHECK(virtqueue_add(vq, b, 1, 1, &tokens[n]) == 0, "add");
			n++;
		}
		/* Complete in reverse order. */
		for (int i = n - 1; i >= 0; i--)
			dev_complete(vq, heads[i], 64);
		for (int i = 0; i < n; i++) {
			int *t = virtqueue_get_buf(vq, &len);

			CHECK(t && len == 64, "get %d", i);
			returned[t - tokens]++;
		}
		CHECK(virtqueue_num_free(vq) == 16, "round %d free %u", round,
		      virtqueue_num_free(vq));
	}
	for (int i = 0; i < 8; i++)
		CHECK(returned[i] == 50, "token %d returned %d times", i, returned[i]);
	vring_del_virtqueue(vq);
}

TEST(id_out_of_range_breaks_queue)
{
	struct virtqueue *vq = new_vq(8);
	int token;
	u32 len;

	CHECK(add_in(vq, 100, &token) == 0, "add");
	dev_complete(vq, 8, 10);
	CHECK(virtqueue_get_buf(vq, &len) == NULL, "bogus id accepted");
	CHECK(vq->broken && vq->bad_id == 1, "not broken");
	CHECK(add_in(vq, 100, &token) == -EIO, "broken queue still adds");
	CHECK(!virtqueue_more_used(vq), "broken queue still polls");
	vring_del_virtqueue(vq);
}

TEST(id_of_idle_descriptor_breaks_queue)
{
	struct virtqueue *vq = new_vq(8);
	int token;
	u32 len;

	CHECK(add_in(vq, 100, &token) == 0, "add");     /* head 0 */
	dev_complete(vq, 3, 10);                        /* never given */
	CHECK(virtqueue_get_buf(vq, &len) == NULL && vq->broken, "idle id");
	vring_del_virtqueue(vq);
}

TEST(same_buffer_returned_twice_breaks_queue)
{
	struct virtqueue *vq = new_vq(8);
	int a, b;
	u32 len;

	CHECK(add_in(vq, 100, &a) == 0 && add_in(vq, 100, &b) == 0, "add");
	dev_complete(vq, 0, 10);
	dev_complete(vq, 0, 10);
	CHECK(virtqueue_get_buf(vq, &len) == &a, "first");
	CHECK(virtqueue_get_buf(vq, &len) == NULL && vq->broken, "duplicate");
	vring_del_virtqueue(vq);
}

TEST(used_index_beyond_in_flight_breaks_queue)
{
	struct virtqueue *vq = new_vq(8);
	int token;
	u32 len;

	CHECK(add_in(vq, 100, &token) == 0, "add");
	vq->used->idx = 5;                              /* only 1 in flight */
	CHECK(virtqueue_get_buf(vq, &len) == NULL && vq->bad_idx == 1, "jump");
	vring_del_virtqueue(vq);
}

TEST(length_beyond_buffer_is_refused)
{
	struct virtqueue *vq = new_vq(8);
	struct vq_buf b[2] = { { 0x1000, 12 }, { 0x2000, 100 } };
	int token;
	u32 len = 1;

	CHECK(virtqueue_add(vq, b, 1, 1, &token) == 0, "add");
	dev_complete(vq, 0, 113);               /* only 100 writable */
	CHECK(virtqueue_get_buf(vq, &len) == &token && len == 0, "len %u", len);
	CHECK(vq->bad_len == 1 && !vq->broken, "counted, not broken");
	vring_del_virtqueue(vq);
}

TEST(interrupt_suppression_and_race_recheck)
{
	struct virtqueue *vq = new_vq(8);
	int token;
	u32 len;

	virtqueue_disable_cb(vq);
	CHECK(vq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT, "disable");
	CHECK(add_in(vq, 100, &token) == 0, "add");
	dev_complete(vq, 0, 10);        /* completes while "polling" */
	CHECK(!virtqueue_enable_cb(vq), "enable_cb missed a completion");
	CHECK(!(vq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT), "enabled");
	CHECK(virtqueue_get_buf(vq, &len) == &token, "get");
	CHECK(virtqueue_enable_cb(vq), "idle ring reported busy");
	vring_del_virtqueue(vq);
}

TEST(kick_honours_no_notify)
{
	struct virtqueue *vq = new_vq(8);
	int token;

	CHECK(add_in(vq, 100, &token) == 0, "add");
	CHECK(virtqueue_kick(vq) && notified == 1, "kick");
	vq->used->flags = VRING_USED_F_NO_NOTIFY;
	CHECK(!virtqueue_kick(vq) && notified == 1, "suppressed kick");
	vring_del_virtqueue(vq);
}

/* A device writing random garbage: whatever comes back must be a token
 * in flight, at most once, with a length within its buffer. */
TEST(random_hostile_device_never_corrupts_the_driver)
{
	srand(1);
	for (int run = 0; run < 200; run++) {
		struct virtqueue *vq = new_vq(16);
		int tokens[16], inflight[16] = { 0 };
		u32 len;

		for (int step = 0; step < 200 && !vq->broken; step++) {
			u16 h = vq->free_head;

			if (virtqueue_num_free(vq) && (rand() & 1)) {
				if (add_in(vq, 256, &tokens[h]) == 0)
					inflight[h] = 1;
			}
			if (rand() % 3 == 0)
				dev_complete(vq, rand() % 20, rand() % 300);
			if (rand() % 17 == 0)
				vq->used->idx = (u16)rand();
			int *t = virtqueue_get_buf(vq, &len);

			if (t) {
				int id = (int)(t - tokens);

				CHECK(id >= 0 && id < 16 && inflight[id], "token not in flight");
				CHECK(len <= 256, "len %u", len);
				inflight[id] = 0;
			}
		}
		vring_del_virtqueue(vq);
	}
}

int main(void)
{
	return unit_run_all();
}
#endif
