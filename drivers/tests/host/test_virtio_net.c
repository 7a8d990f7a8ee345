/* Host unit test of the virtio-net driver (drivers/net/virtio_net.c) with
 * its real split rings (virtio_ring.c) and a simulated device behind a
 * fake modern transport (the vp_* API). The device side reads the avail
 * rings, writes the used rings and raises interrupts the way QEMU does,
 * or lies about ids and lengths. ASan/UBSan, net/ host port.
 *
 * The kernel build compiles every .c under drivers/, so this file is
 * host-only. */
#ifdef __HOST_TEST__
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <net/netdevice.h>
#include <drivers/nic.h>
#include <drivers/drivers.h>
#include <drivers/virtio.h>
#include <drivers/virtio_ring.h>
#include <drivers/virtio_net.h>
#include "host.h"
#include "test.h"
#include "fake_kernel.h"

/* ---- The device behind a fake transport ---- */
static const u8 mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static struct {
	u8 status;
	u64 offered;
	u16 link;                       /* config.status */
	u8 isr;
	struct virtqueue *vq[2];
	u16 vq_vector[2];
	u16 config_vector;
	u16 seen[2];                    /* avail entries consumed */
	int kicks[2];
} devsim;

int vp_modern_probe(struct virtio_pci_device *vp, struct pci_dev *pci)
{
	memset(vp, 0, sizeof(*vp));
	vp->pci = pci;
	return 0;
}

void vp_reset(struct virtio_pci_device *vp) { devsim.status = 0; }
u8 vp_get_status(struct virtio_pci_device *vp) { return devsim.status; }
void vp_add_status(struct virtio_pci_device *vp, u8 s) { devsim.status |= s; }
u64 vp_get_features(struct virtio_pci_device *vp) { return devsim.offered; }

int vp_finalize_features(struct virtio_pci_device *vp, u64 wanted)
{
	vp->features = devsim.offered & wanted;
	devsim.status |= VIRTIO_CONFIG_S_FEATURES_OK;
	return 0;
}

u16 vp_num_queues(struct virtio_pci_device *vp) { return 2; }

u8 vp_isr_read(struct virtio_pci_device *vp)
{
	u8 v = devsim.isr;

	devsim.isr = 0;
	return v;
}

int vp_set_config_vector(struct virtio_pci_device *vp, u16 v)
{
	devsim.config_vector = v;
	return 0;
}

static void sim_notify(struct virtqueue *vq)
{
	devsim.kicks[vq->index]++;
}

struct virtqueue *vp_setup_vq(struct virtio_pci_device *vp, u16 index,
			      u16 max_num, u16 msix_vec)
{
	struct virtqueue *vq = vring_create_virtqueue(index, max_num, sim_notify, NULL);

	devsim.vq[index] = vq;
	devsim.vq_vector[index] = msix_vec;
	return vq;
}

void vp_del_vq(struct virtio_pci_device *vp, struct virtqueue *vq)
{
	vring_del_virtqueue(vq);
}

void vp_config_read(struct virtio_pci_device *vp, u32 off, void *buf, u32 len)
{
	u8 cfg[8];

	memcpy(cfg, mac, 6);
	memcpy(cfg + 6, &devsim.link, 2);
	memcpy(buf, cfg + off, len);
}

/* Next chain the driver made available on queue q: head and, for the
 * caller, its descriptors. */
static int sim_next(int q, u16 *head)
{
	struct virtqueue *vq = devsim.vq[q];

	if (devsim.seen[q] == vq->avail->idx)
		return -1;
	*head = vq->avail->ring[devsim.seen[q]++ & (vq->num - 1)];
	return 0;
}

static void sim_used(int q, u32 id, u32 len)
{
	struct virtqueue *vq = devsim.vq[q];
	u16 i = vq->used->idx;

	vq->used->ring[i & (vq->num - 1)].id = id;
	vq->used->ring[i & (vq->num - 1)].len = len;
	vq->used->idx = (u16)(i + 1);
}

static struct pci_dev pdev = { .vendor = 0x1af4, .device = 0x1000, .irq = 11, .pin = 1 };
static struct net_device *dev;
static struct virtqueue *rvq, *svq;

static void setup_offering(int msix_entries, long fail_every, u64 extra)
{
	static const struct pci_device_id id = { PCI_DEVICE(0x1af4, 0x1000) };

	memset(&devsim, 0, sizeof(devsim));
	devsim.offered = 1ULL << VIRTIO_F_VERSION_1 | 1ULL << VIRTIO_NET_F_MAC |
			 1ULL << VIRTIO_NET_F_STATUS | 1ULL << VIRTIO_NET_F_MRG_RXBUF |
			 extra;
	devsim.link = VIRTIO_NET_S_LINK_UP;
	fake_msix_entries = msix_entries;
	fake_fail_rx_every = fail_every;
	net_dev_init();
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	nic_fault_init();
	CHECK_EQ(virtio_net_driver.probe(&pdev, &id), 0);
	dev = dev_get_by_name("eth0");
	CHECK(dev != NULL);
	rvq = devsim.vq[VIRTNET_RXQ];
	svq = devsim.vq[VIRTNET_TXQ];
}

static void setup(int msix_entries, long fail_every)
{
	setup_offering(msix_entries, fail_every, 0);
}

/* The device delivers a frame into the next RX buffer; returns its head. */
static u16 sim_rx(const u8 *frame, u32 len, u32 claimed_len)
{
	u16 head = 0;

	CHECK_EQ(sim_next(VIRTNET_RXQ, &head), 0);
	struct vring_desc *d = &rvq->desc[head];
	u8 *buf = (u8 *)(uintptr_t)d->addr;

	CHECK(d->flags & VRING_DESC_F_WRITE);
	memset(buf, 0, sizeof(struct virtio_net_hdr));
	memcpy(buf + sizeof(struct virtio_net_hdr), frame, len);
	sim_used(VIRTNET_RXQ, head, claimed_len);
	return head;
}

/* Raise the queue interrupt the way the transport would, then let the
 * softirqs run. */
static void sim_irq(void)
{
	if (fake_msix_entries)
		fake_msix_fn[1](MSI_VECTOR_FIRST + 1, fake_msix_data[1]);
	else {
		devsim.isr |= VIRTIO_PCI_ISR_QUEUE;
		fake_intx_fn(11, fake_intx_data);
	}
	host_run_softirqs();
}

static u8 frame[60];

static void make_frame(void)
{
	memcpy(frame, mac, 6);
	memcpy(frame + 6, "\x02\x00\x00\x00\x00\x01", 6);
	frame[12] = 0x88;
	frame[13] = 0xB6;
}

TEST(negotiates_only_what_it_implements)
{
	setup(3, 0);
	struct nic *nic = nic_from_dev(dev);

	CHECK(memcmp(dev->dev_addr, mac, 6) == 0);
	CHECK(devsim.status & VIRTIO_CONFIG_S_DRIVER_OK);
	CHECK_EQ(rvq->num_free, 0);                     /* RX ring filled */
	CHECK_EQ(devsim.vq_vector[0], 1);
	CHECK_EQ(devsim.vq_vector[1], 2);
	CHECK_EQ(devsim.config_vector, 0);
	CHECK(nic->link_up);
	CHECK(strcmp(nic->irq_mode, "MSI-X") == 0);
	/* MRG_RXBUF was offered but is not implemented: not accepted.
	 * VERSION_1 (bit 32) | STATUS (16) | MAC (5). */
	CHECK(strstr(host_log(), "features 0x100010020,") != NULL);
}

/* ---- Receive offloads: GUEST_CSUM + GUEST_TSO4 ---- */
#define F_OFFLOADS (1ULL << VIRTIO_NET_F_GUEST_CSUM | 1ULL << VIRTIO_NET_F_GUEST_TSO4)
#define BIG_LEN    (12 + 14 + 65535 + 4)

/* What reached the protocol handler for 0x88B6. */
static struct { int n; unsigned len[4]; u8 summed[4]; u32 truesize[4]; } seen;

static int seen_rcv(struct pkbuf *pkb, struct net_device *d, struct packet_type *pt)
{
	if (seen.n < 4) {
		seen.len[seen.n] = pkb->len;
		seen.summed[seen.n] = pkb->ip_summed;
		seen.truesize[seen.n] = pkb->truesize;
	}
	seen.n++;
	pkb_free(pkb);
	return 0;
}

static struct packet_type seen_pt = { .func = seen_rcv };

static void watch_frames(void)
{
	memset(&seen, 0, sizeof(seen));
	seen_pt.type = htons(0x88B6);
	dev_add_pack(&seen_pt);
}

/* The device delivers len bytes (Ethernet header first) with a header. */
static u16 sim_rx_hdr(u32 len, u8 flags, u8 gso_type)
{
	u16 head = 0;

	CHECK_EQ(sim_next(VIRTNET_RXQ, &head), 0);
	struct vring_desc *d = &rvq->desc[head];
	u8 *buf = (u8 *)(uintptr_t)d->addr;
	struct virtio_net_hdr *h = (struct virtio_net_hdr *)buf;

	CHECK(len + 12 <= d->len);
	memset(h, 0, sizeof(*h));
	h->flags = flags;
	h->gso_type = gso_type;
	memcpy(buf + 12, frame, 14);
	memset(buf + 12 + 14, 0x5A, len - 14);
	sim_used(VIRTNET_RXQ, head, 12 + len);
	return head;
}

TEST(tso4_without_guest_csum_is_not_taken)
{
	/* Not a valid set (5.1.3.1): small buffers, the whole ring. */
	setup_offering(3, 0, 1ULL << VIRTIO_NET_F_GUEST_TSO4);
	CHECK(strstr(host_log(), "features 0x100010020,") != NULL);
	CHECK_EQ(rvq->num_free, 0);
	CHECK_EQ(rvq->desc[0].len, 12 + 1514 + 4);
}

TEST(offloads_bring_big_buffers)
{
	/* Both: bits 1 and 7 taken, 64 KiB buffers, only 32 of them. */
	setup_offering(3, 0, F_OFFLOADS);
	CHECK(strstr(host_log(), "features 0x1000100a2,") != NULL);
	CHECK_EQ(rvq->num - rvq->num_free, 32);
	CHECK_EQ(nic_from_dev(dev)->rx_ring_size, 32);  /* the leak checks' view */
	CHECK_EQ(rvq->desc[0].len, BIG_LEN);
}

TEST(a_64k_segment_goes_up_whole_with_the_devices_checksum_verdict)
{
	setup_offering(3, 0, F_OFFLOADS);
	watch_frames();
	make_frame();
	long live = pkb_live_count();

	sim_rx_hdr(14 + 65535, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4);
	sim_rx_hdr(40000, VIRTIO_NET_HDR_F_DATA_VALID,
		   VIRTIO_NET_HDR_GSO_TCPV4 | VIRTIO_NET_HDR_GSO_ECN);
	sim_rx_hdr(60, 0, VIRTIO_NET_HDR_GSO_NONE);
	sim_irq();
	CHECK_EQ(seen.n, 3);
	CHECK_EQ(seen.len[0], 65535);           /* Ethernet header pulled */
	CHECK_EQ(seen.summed[0], CHECKSUM_UNNECESSARY);
	CHECK_EQ(seen.len[1], 40000 - 14);
	CHECK_EQ(seen.summed[1], CHECKSUM_UNNECESSARY);
	CHECK_EQ(seen.len[2], 60 - 14);
	CHECK_EQ(seen.summed[2], CHECKSUM_NONE);
	/* The small frame was copied: charged for its size, not 64 KiB. */
	CHECK(seen.truesize[2] < 1024);
	CHECK(seen.truesize[0] > 65535);
	CHECK_EQ(rvq->num - rvq->num_free, 32); /* every slot refilled */
	CHECK_EQ(pkb_live_count(), live);
	CHECK_EQ(dev->stats.rx_packets, 3);
}

TEST(segments_we_did_not_ask_for_are_dropped)
{
	setup_offering(3, 0, F_OFFLOADS);
	watch_frames();
	make_frame();
	long live = pkb_live_count();

	sim_rx_hdr(40000, VIRTIO_NET_HDR_F_NEEDS_CSUM, 3);  /* GSO_UDP */
	sim_rx_hdr(1000, VIRTIO_NET_HDR_F_NEEDS_CSUM, 4);   /* GSO_TCPV6 */
	sim_irq();
	CHECK_EQ(seen.n, 0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_ERR], 2);
	CHECK_EQ(dev->stats.rx_errors, 2);
	CHECK_EQ(rvq->num - rvq->num_free, 32);
	CHECK_EQ(pkb_live_count(), live);
}

/* Without the offloads negotiated a checksum flag means nothing and a GSO
 * segment is a device bug. */
TEST(without_offloads_header_flags_are_ignored_and_gso_dropped)
{
	setup(3, 0);
	watch_frames();
	make_frame();
	sim_rx_hdr(60, VIRTIO_NET_HDR_F_DATA_VALID, 0);
	sim_rx_hdr(60, 0, VIRTIO_NET_HDR_GSO_TCPV4);
	sim_irq();
	CHECK_EQ(seen.n, 1);
	CHECK_EQ(seen.summed[0], CHECKSUM_NONE);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_ERR], 1);
}

TEST(small_frame_copy_failure_drops_and_keeps_the_big_buffer)
{
	setup_offering(3, 1, F_OFFLOADS);       /* every refill fails */
	watch_frames();
	make_frame();
	long live = pkb_live_count();
	u16 head = sim_rx_hdr(60, 0, 0);
	void *buf = (void *)(uintptr_t)rvq->desc[head].addr;
	u16 again = 0;

	sim_rx_hdr(50000, VIRTIO_NET_HDR_F_NEEDS_CSUM, VIRTIO_NET_HDR_GSO_TCPV4);
	sim_irq();
	CHECK_EQ(seen.n, 0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_NOMEM], 2);
	CHECK_EQ(rvq->num - rvq->num_free, 32);
	CHECK_EQ(pkb_live_count(), live);
	devsim.seen[VIRTNET_RXQ] = (u16)(rvq->avail->idx - 2);
	CHECK_EQ(sim_next(VIRTNET_RXQ, &again), 0);
	CHECK((void *)(uintptr_t)rvq->desc[again].addr == buf);
}

TEST(received_frames_go_up_without_the_header)
{
	setup(3, 0);
	make_frame();
	sim_rx(frame, 60, 12 + 60);
	sim_rx(frame, 60, 12 + 60);
	sim_irq();
	CHECK_EQ(dev->stats.rx_packets, 2);
	CHECK_EQ(dev->stats.rx_bytes, 120);
	CHECK_EQ(rvq->num_free, 0);                     /* refilled */
	CHECK(devsim.kicks[0] >= 2);
	CHECK(!(rvq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT));
}

TEST(lengths_the_device_cannot_have_written_are_dropped)
{
	setup(3, 0);
	make_frame();
	sim_rx(frame, 60, 5);                   /* shorter than the header */
	sim_rx(frame, 60, 100000);              /* longer than the buffer */
	sim_irq();
	CHECK_EQ(dev->stats.rx_packets, 0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_ERR], 2);
	CHECK_EQ(rvq->bad_len, 1);
	CHECK_EQ(rvq->num_free, 0);
}

TEST(a_lying_device_breaks_the_queue_not_the_kernel)
{
	setup(3, 0);
	make_frame();
	long live = pkb_live_count();

	sim_used(VIRTNET_RXQ, 4096, 60);        /* id beyond the ring */
	sim_irq();
	CHECK(rvq->broken);
	nic_update_stats(nic_from_dev(dev));
	CHECK_EQ(nic_from_dev(dev)->stats.rx_ring_errors, 1);
	/* Later interrupts find nothing to do and nothing is freed twice. */
	sim_rx(frame, 60, 72);
	sim_irq();
	CHECK_EQ(dev->stats.rx_packets, 0);
	CHECK_EQ(pkb_live_count(), live);
}

TEST(refill_failure_drops_and_reposts)
{
	setup(3, 1);
	make_frame();
	u16 head = sim_rx(frame, 60, 72);
	void *buf = (void *)(uintptr_t)rvq->desc[head].addr;

	sim_irq();
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_NOMEM], 1);
	CHECK_EQ(dev->stats.rx_packets, 0);
	CHECK_EQ(rvq->num_free, 0);
	/* The same buffer went back on the ring, as its newest entry. */
	u16 again = 0;
	devsim.seen[VIRTNET_RXQ] = (u16)(rvq->avail->idx - 1);
	CHECK_EQ(sim_next(VIRTNET_RXQ, &again), 0);
	CHECK((void *)(uintptr_t)rvq->desc[again].addr == buf);
}

TEST(budget_bounds_each_poll_and_interrupts_stay_off_meanwhile)
{
	setup(3, 0);
	make_frame();
	for (int i = 0; i < 200; i++)
		sim_rx(frame, 60, 72);
	fake_msix_fn[1](MSI_VECTOR_FIRST + 1, fake_msix_data[1]);
	CHECK(rvq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT);
	CHECK(host_softirq_once());
	CHECK(dev->stats.rx_packets <= NAPI_POLL_WEIGHT * 5);
	host_run_softirqs();
	CHECK_EQ(dev->stats.rx_packets, 200);
	CHECK(nic_from_dev(dev)->stats.rx_budget_exhausted >= 3);
	CHECK(!(rvq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT));
}

TEST(completion_during_reenable_is_not_lost)
{
	setup(3, 0);
	make_frame();
	/* The device completes a buffer while interrupts are suppressed and
	 * raises nothing: the poll's re-check must still find it. */
	virtqueue_disable_cb(rvq);
	sim_rx(frame, 60, 72);
	CHECK(!virtqueue_enable_cb(rvq));
}

static struct pkbuf *tx_frame(unsigned len)
{
	struct pkbuf *pkb = pkb_alloc_tx(len);

	memset(pkb_put(pkb, len), 0xAB, len);
	eth_header(pkb, dev, 0x88B6, NULL, NULL);
	return pkb;
}

TEST(tx_chains_header_frame_and_pad_and_reclaims)
{
	setup(3, 0);
	u16 head = 0;

	CHECK_EQ(dev_queue_xmit(tx_frame(8)), 0);       /* 22 bytes: padded */
	CHECK_EQ(sim_next(VIRTNET_TXQ, &head), 0);
	struct vring_desc *d0 = &svq->desc[head];
	struct vring_desc *d1 = &svq->desc[d0->next];
	struct vring_desc *d2 = &svq->desc[d1->next];
	CHECK_EQ(d0->len, 12);
	CHECK_EQ(d1->len, 22);
	CHECK_EQ(d2->len, 38);
	CHECK(!(d2->flags & VRING_DESC_F_NEXT));
	for (int i = 0; i < 38; i++)
		CHECK_EQ(((u8 *)(uintptr_t)d2->addr)[i], 0);
	CHECK(!(d0->flags & VRING_DESC_F_WRITE));
	sim_used(VIRTNET_TXQ, head, 0);
	fake_msix_fn[2](MSI_VECTOR_FIRST + 2, fake_msix_data[2]);
	host_run_softirqs();
	CHECK_EQ(dev->stats.tx_packets, 1);
	CHECK_EQ(nic_from_dev(dev)->stats.tx_reclaimed, 1);
	CHECK_EQ(svq->num_free, svq->num);
}

TEST(full_tx_ring_is_busy_not_a_crash)
{
	setup(3, 0);
	int ok = 0;

	for (int i = 0; i < 200; i++)
		ok += dev_queue_xmit(tx_frame(100)) == 0;
	CHECK_EQ(ok, 128);                      /* 2 descriptors each */
	CHECK_EQ(dev->drops[NETDEV_DROP_TX_BUSY], 72);
	CHECK_EQ(nic_from_dev(dev)->stats.tx_ring_full, 72);
}

TEST(intx_reads_isr_and_ignores_other_devices)
{
	setup(0, 0);
	make_frame();
	CHECK(strcmp(nic_from_dev(dev)->irq_mode, "INTx") == 0);
	CHECK_EQ(devsim.vq_vector[0], VIRTIO_MSI_NO_VECTOR);
	CHECK_EQ(fake_intx_fn(11, fake_intx_data), IRQ_NONE);
	sim_rx(frame, 60, 72);
	sim_irq();
	CHECK_EQ(dev->stats.rx_packets, 1);
}

TEST(config_interrupt_updates_link)
{
	setup(3, 0);
	devsim.link = 0;
	fake_msix_fn[0](MSI_VECTOR_FIRST, fake_msix_data[0]);
	CHECK(!nic_from_dev(dev)->link_up);
	CHECK(!(dev->flags & IFF_RUNNING));
	devsim.link = VIRTIO_NET_S_LINK_UP;
	fake_msix_fn[0](MSI_VECTOR_FIRST, fake_msix_data[0]);
	CHECK(dev->flags & IFF_RUNNING);
}

TEST(two_msix_entries_share_the_queue_vector)
{
	setup(2, 0);
	CHECK_EQ(devsim.vq_vector[0], 1);
	CHECK_EQ(devsim.vq_vector[1], 1);
	CHECK(strcmp(nic_from_dev(dev)->irq_mode, "MSI-X (shared queue vector)") == 0);
}
#endif
