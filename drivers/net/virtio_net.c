/* virtio-net on the modern PCI transport (virtio v1.0, 5.1), the NIC QEMU
 * offers with -device virtio-net-pci.
 *
 *   probe:    reset, ACKNOWLEDGE|DRIVER, features, MSI-X (or INTx),
 *             queues, DRIVER_OK, register_netdev -> virtnet_open (fill RX)
 *   receive:  IRQ -> virtnet_vq_irq (interrupts off) -> napi_schedule
 *             -> virtnet_poll -> netif_receive per frame, refill, then
 *             interrupts back on with the race re-check
 *   transmit: dev_queue_xmit -> virtnet_start_xmit (header + frame chain);
 *             completions are reclaimed in the poll and before each xmit
 *
 * Negotiated: VIRTIO_F_VERSION_1, VIRTIO_NET_F_MAC, VIRTIO_NET_F_STATUS,
 * and for receive VIRTIO_NET_F_GUEST_CSUM + VIRTIO_NET_F_GUEST_TSO4: the
 * host may hand us TCP segments of up to 64 KiB (what its TCP sent, not
 * cut to the MTU) whose checksum it vouches for, so a bulk transfer into
 * the guest costs one buffer, one interrupt share and one trip through
 * the stack per 64 KiB instead of per 1448 bytes (Linux's receive path
 * with GRO gets the same from the same QEMU). Not negotiated: transmit
 * offloads, merged RX buffers, control queue, event index; so every RX
 * buffer holds a whole frame and the header we send is all zeros.
 */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <net/netdevice.h>
#include <drivers/nic.h>
#include <drivers/virtio.h>
#include <drivers/virtio_ring.h>
#include <drivers/virtio_net.h>

#define VIRTNET_RING_SIZE 256
#define VIRTNET_HDR_LEN   sizeof(struct virtio_net_hdr)
/* A whole frame (no FCS) plus a VLAN tag after the header. */
#define VIRTNET_RX_LEN    (VIRTNET_HDR_LEN + ETH_FRAME_LEN + 4)
/* With GUEST_TSO4: the largest IPv4 packet, its Ethernet header and a
 * VLAN tag. Such buffers are big (a 128 KiB allocation each), so only
 * VIRTNET_BIG_RX_BUFS are posted: 2 MiB of room, twice the TCP window
 * (QEMU waits, it does not drop, when the ring is empty). */
#define VIRTNET_RX_BIG_LEN  (VIRTNET_HDR_LEN + ETH_HLEN + 65535 + 4)
#define VIRTNET_BIG_RX_BUFS 32
/* A received frame shorter than this is copied into a buffer of its own
 * size and the big buffer reposted: the memory a socket is charged for it
 * (truesize) is then below twice its TCP payload (the 512 covers the
 * headers and the pkbuf's own), so a window of half the free receive
 * buffer always fits what the peer may send. */
#define VIRTNET_COPYBREAK   (VIRTNET_RX_BIG_LEN / 2 + 512)

/* MSI-X table entries we route. */
enum { VIRTNET_MSIX_CONFIG, VIRTNET_MSIX_RX, VIRTNET_MSIX_TX, VIRTNET_MSIX_NR };

struct virtnet_info {
	struct nic nic;
	struct net_device *dev;
	struct virtio_pci_device vp;
	struct virtqueue *rvq, *svq;
	struct napi_struct napi;
	spinlock_t tx_lock;
	bool msix;
	bool big_rx;                    /* GUEST_TSO4: 64 KiB RX buffers */
	u32 rx_len;                     /* bytes each RX buffer offers */
	u16 rx_max;                     /* RX buffers kept posted */
	u16 tx_entry;                   /* MSI-X entry of the TX queue */
};

/* Every frame we send carries the same header: no offloads. The device
 * only reads it, so one copy in the kernel image serves every chain. */
static const struct virtio_net_hdr virtnet_tx_hdr;
/* Zeros that pad a short frame to the Ethernet minimum (the stack does
 * not pad; e1000 does it in hardware, here a third descriptor does). */
static const u8 virtnet_tx_pad[ETH_ZLEN];

/* ---- Receive ---- */

static struct pkbuf *virtnet_alloc_rx(struct virtnet_info *vi)
{
	return nic_alloc_rx_buf(vi->rx_len);
}

static struct pkbuf *virtnet_refill_rx(struct virtnet_info *vi)
{
	return nic_refill_rx_buf(vi->rx_len);
}

static int virtnet_post_rx(struct virtnet_info *vi, struct pkbuf *pkb)
{
	struct vq_buf buf = {
		.addr = virt_to_phys(pkb->data),
		.len = vi->rx_len,
	};

	return virtqueue_add(vi->rvq, &buf, 0, 1, pkb);
}

static unsigned virtnet_rx_posted(const struct virtnet_info *vi)
{
	return vi->rvq->num - virtqueue_num_free(vi->rvq);
}

/* Fill the RX ring (up to rx_max buffers); used at open. */
static void virtnet_fill_rx(struct virtnet_info *vi)
{
	while (virtqueue_num_free(vi->rvq) > 0 && virtnet_rx_posted(vi) < vi->rx_max) {
		struct pkbuf *pkb = virtnet_alloc_rx(vi);

		if (!pkb)
			break;
		if (virtnet_post_rx(vi, pkb)) {
			pkb_free(pkb);
			break;
		}
	}
	virtqueue_kick(vi->rvq);
}

/* What the header says about a received frame: its checksum vouched for
 * (NEEDS_CSUM: the frame comes from the host's own stack, which left the
 * checksum to "hardware"; DATA_VALID: checked), and false for a kind of
 * segment we never asked for. Read before the header is pulled. */
static bool virtnet_rx_hdr(struct virtnet_info *vi, const struct virtio_net_hdr *h,
			   struct pkbuf *pkb)
{
	u8 gso = h->gso_type & (u8)~VIRTIO_NET_HDR_GSO_ECN;

	if (gso != VIRTIO_NET_HDR_GSO_NONE &&
	    !(gso == VIRTIO_NET_HDR_GSO_TCPV4 && vi->big_rx))
		return false;
	if (vp_has_feature(&vi->vp, VIRTIO_NET_F_GUEST_CSUM) &&
	    (h->flags & (VIRTIO_NET_HDR_F_NEEDS_CSUM | VIRTIO_NET_HDR_F_DATA_VALID)))
		pkb->ip_summed = CHECKSUM_UNNECESSARY;
	return true;
}

/* A frame well short of its big buffer: copy it into one of its own size
 * and give the big buffer straight back to the device. */
static void virtnet_receive_small(struct virtnet_info *vi, struct pkbuf *big,
				  u32 len)
{
	struct net_device *dev = vi->dev;
	struct pkbuf *pkb = nic_refill_rx_buf(len);
	const struct virtio_net_hdr *h = (const struct virtio_net_hdr *)big->data;
	bool ok = pkb && virtnet_rx_hdr(vi, h, pkb);

	if (pkb)
		memcpy(pkb_put(pkb, len - VIRTNET_HDR_LEN),
		       big->data + VIRTNET_HDR_LEN, len - VIRTNET_HDR_LEN);
	if (virtnet_post_rx(vi, big))
		pkb_free(big);
	if (!pkb) {
		dev_drop(dev, NULL, NETDEV_DROP_RX_NOMEM);
		return;
	}
	if (!ok) {
		dev->stats.rx_errors++;
		dev_drop(dev, pkb, NETDEV_DROP_RX_ERR);
		return;
	}
	netif_receive(dev, pkb);
}

/* One completed RX buffer. A fresh buffer takes its slot first; if none
 * can be had the frame is dropped and its buffer reposted, so the ring
 * never runs dry under memory pressure (Linux drivers do the same). */
static void virtnet_receive_buf(struct virtnet_info *vi, struct pkbuf *pkb,
				u32 len)
{
	struct net_device *dev = vi->dev;
	struct pkbuf *fresh;

	if (vi->big_rx && len >= VIRTNET_HDR_LEN && len < VIRTNET_COPYBREAK) {
		virtnet_receive_small(vi, pkb, len);
		return;
	}
	fresh = virtnet_refill_rx(vi);

	if (!fresh) {
		dev_drop(dev, NULL, NETDEV_DROP_RX_NOMEM);
		if (virtnet_post_rx(vi, pkb))
			pkb_free(pkb);
		return;
	}
	if (virtnet_post_rx(vi, fresh))
		pkb_free(fresh);
	/* The ring already refused lengths above the buffer (len = 0). */
	if (len < VIRTNET_HDR_LEN) {
		dev->stats.rx_errors++;
		dev_drop(dev, pkb, NETDEV_DROP_RX_ERR);
		return;
	}
	if (!virtnet_rx_hdr(vi, (const struct virtio_net_hdr *)pkb->data, pkb)) {
		dev->stats.rx_errors++;
		dev_drop(dev, pkb, NETDEV_DROP_RX_ERR);
		return;
	}
	pkb_put(pkb, len);
	pkb_pull(pkb, VIRTNET_HDR_LEN);
	netif_receive(dev, pkb);
}

static int virtnet_receive(struct virtnet_info *vi, int budget)
{
	struct pkbuf *pkb;
	int done = 0;
	u32 len;

	while (done < budget && (pkb = virtqueue_get_buf(vi->rvq, &len))) {
		virtnet_receive_buf(vi, pkb, len);
		done++;
	}
	if (done)
		virtqueue_kick(vi->rvq);
	return done;
}

/* ---- Transmit ---- */

static void virtnet_free_old_xmit(struct virtnet_info *vi)
{
	struct pkbuf *pkb;
	u32 len;

	while ((pkb = virtqueue_get_buf(vi->svq, &len))) {
		dev_count_tx(vi->dev, pkb->len);
		vi->nic.stats.tx_reclaimed++;
		pkb_free(pkb);
	}
}

static void virtnet_tx_reclaim(struct virtnet_info *vi)
{
	spin_lock_bh(&vi->tx_lock);
	virtnet_free_old_xmit(vi);
	spin_unlock_bh(&vi->tx_lock);
}

static int virtnet_start_xmit(struct pkbuf *pkb, struct net_device *dev)
{
	struct virtnet_info *vi = netdev_priv(dev);
	struct vq_buf bufs[3] = {
		{ .addr = virt_to_phys(&virtnet_tx_hdr), .len = VIRTNET_HDR_LEN },
		{ .addr = virt_to_phys(pkb->data), .len = pkb->len },
		{ .addr = virt_to_phys(virtnet_tx_pad), .len = ETH_ZLEN - pkb->len },
	};
	unsigned nbufs = pkb->len < ETH_ZLEN ? 3 : 2;
	int err;

	spin_lock_bh(&vi->tx_lock);
	virtnet_free_old_xmit(vi);
	err = virtqueue_add(vi->svq, bufs, nbufs, 0, pkb);
	if (err) {
		vi->nic.stats.tx_ring_full++;
		spin_unlock_bh(&vi->tx_lock);
		return NETDEV_TX_BUSY;  /* the core counts the drop */
	}
	virtqueue_kick(vi->svq);
	spin_unlock_bh(&vi->tx_lock);
	return NETDEV_TX_OK;
}

/* ---- Interrupts and NAPI ---- */

static void virtnet_disable_cbs(struct virtnet_info *vi)
{
	virtqueue_disable_cb(vi->rvq);
	virtqueue_disable_cb(vi->svq);
}

/* Interrupts stay off until the poll has drained the rings. */
static void virtnet_schedule(struct virtnet_info *vi)
{
	if (!vi->rvq || !vi->svq)
		return;
	virtnet_disable_cbs(vi);
	napi_schedule(&vi->napi);
}

static int virtnet_poll(struct napi_struct *napi, int budget)
{
	struct virtnet_info *vi = container_of(napi, struct virtnet_info, napi);
	int done;

	vi->nic.stats.polls++;
	virtnet_tx_reclaim(vi);
	done = virtnet_receive(vi, budget);
	if (done == budget) {
		vi->nic.stats.rx_budget_exhausted++;
		return done;            /* stay scheduled, interrupts off */
	}
	napi_complete_done(napi, done);
	/* Re-enable, then look again: a completion that landed between
	 * the last get_buf and the enable raised no interrupt. */
	if (!virtqueue_enable_cb(vi->rvq) | !virtqueue_enable_cb(vi->svq))
		virtnet_schedule(vi);
	return done;
}

static void virtnet_config_changed(struct virtnet_info *vi)
{
	u16 status = VIRTIO_NET_S_LINK_UP;

	if (vp_has_feature(&vi->vp, VIRTIO_NET_F_STATUS))
		vp_config_read(&vi->vp, VIRTIO_NET_CFG_STATUS, &status, 2);
	nic_set_link(&vi->nic, status & VIRTIO_NET_S_LINK_UP);
}

static irqreturn_t virtnet_vq_irq(int irq, void *data)
{
	struct virtnet_info *vi = data;

	vi->nic.stats.irqs++;
	virtnet_schedule(vi);
	return IRQ_HANDLED;
}

static irqreturn_t virtnet_config_irq(int irq, void *data)
{
	struct virtnet_info *vi = data;

	vi->nic.stats.irqs++;
	virtnet_config_changed(vi);
	return IRQ_HANDLED;
}

/* INTx: the line may be shared; the ISR register (read-to-clear) says
 * whether this device raised it and why. */
static irqreturn_t virtnet_intx(int irq, void *data)
{
	struct virtnet_info *vi = data;
	u8 isr = vp_isr_read(&vi->vp);

	if (!isr) {
		vi->nic.stats.irqs_none++;
		return IRQ_NONE;
	}
	vi->nic.stats.irqs++;
	if (isr & VIRTIO_PCI_ISR_CONFIG)
		virtnet_config_changed(vi);
	if (isr & VIRTIO_PCI_ISR_QUEUE)
		virtnet_schedule(vi);
	return IRQ_HANDLED;
}

/* Prefer MSI-X: a vector per source, no shared line, no ISR read. With
 * only two table entries (QEMU vectors=2) both queues share the second,
 * as Linux's virtio does when vectors are short. */
static int virtnet_setup_msix(struct virtnet_info *vi, struct pci_dev *pci)
{
	int err = pci_enable_msix(pci);
	u16 nr;

	if (err)
		return err;
	err = -ENOSPC;
	if (pci->msix_nr < 2)
		goto disable_msix;
	nr = MIN(pci->msix_nr, (u16)VIRTNET_MSIX_NR);
	/* The device is not named yet (eth%d): /proc/interrupts says the
	 * driver. */
	err = pci_msix_request(pci, VIRTNET_MSIX_CONFIG, virtnet_config_irq,
			       "virtio-net-config", vi);
	for (u16 i = VIRTNET_MSIX_RX; err >= 0 && i < nr; i++)
		err = pci_msix_request(pci, i, virtnet_vq_irq, "virtio-net-queue", vi);
	if (err < 0)
		goto disable_msix;
	err = vp_set_config_vector(&vi->vp, VIRTNET_MSIX_CONFIG);
	if (err)
		goto disable_msix;
	vi->tx_entry = nr > VIRTNET_MSIX_TX ? VIRTNET_MSIX_TX : VIRTNET_MSIX_RX;
	vi->msix = true;
	return 0;

disable_msix:
	pci_disable_msix(pci);
	return err;
}

static int virtnet_setup_irq(struct virtnet_info *vi, struct pci_dev *pci)
{
	int err = virtnet_setup_msix(vi, pci);

	if (!err) {
		vi->nic.irq_mode = vi->tx_entry == VIRTNET_MSIX_TX ? "MSI-X"
								   : "MSI-X (shared queue vector)";
		return 0;
	}
	vp_set_config_vector(&vi->vp, VIRTIO_MSI_NO_VECTOR);
	err = pci_request_intx(pci, virtnet_intx, "virtio-net", vi);
	if (err)
		return err;
	vi->nic.irq_mode = "INTx";
	return 0;
}

static void virtnet_free_irq(struct virtnet_info *vi, struct pci_dev *pci)
{
	if (vi->msix)
		pci_disable_msix(pci);
	else
		pci_free_intx(pci, vi);
}

static int virtnet_setup_vqs(struct virtnet_info *vi)
{
	u16 rxv = vi->msix ? VIRTNET_MSIX_RX : VIRTIO_MSI_NO_VECTOR;
	u16 txv = vi->msix ? vi->tx_entry : VIRTIO_MSI_NO_VECTOR;

	vi->rvq = vp_setup_vq(&vi->vp, VIRTNET_RXQ, VIRTNET_RING_SIZE, rxv);
	if (!vi->rvq)
		return -ENODEV;
	vi->svq = vp_setup_vq(&vi->vp, VIRTNET_TXQ, VIRTNET_RING_SIZE, txv);
	if (!vi->svq) {
		vp_del_vq(&vi->vp, vi->rvq);
		vi->rvq = NULL;
		return -ENODEV;
	}
	/* RX buffers kept posted (fewer than slots with big buffers). */
	vi->nic.rx_ring_size = MIN(vi->rvq->num, vi->rx_max);
	vi->nic.tx_ring_size = vi->svq->num;
	return 0;
}

/* ---- Statistics ---- */

static u64 virtnet_vq_faults(const struct virtqueue *vq)
{
	return vq ? vq->bad_id + vq->bad_idx + vq->bad_len : 0;
}

/* Device protocol violations seen by either ring. */
static void virtnet_update_stats(struct nic *nic)
{
	struct virtnet_info *vi = container_of(nic, struct virtnet_info, nic);

	nic->stats.rx_ring_errors = virtnet_vq_faults(vi->rvq) +
				    virtnet_vq_faults(vi->svq);
	if (vi->rvq && vi->svq) {
		nic->stats.rx_kicks = vi->rvq->kicks;
		nic->stats.tx_kicks = vi->svq->kicks;
		nic->stats.kicks_suppressed = vi->rvq->notify_suppressed +
					      vi->svq->notify_suppressed;
	}
}

static const struct nic_ops virtnet_nic_ops = {
	.update_stats = virtnet_update_stats,
};

/* ---- net_device_ops ---- */

static int virtnet_open(struct net_device *dev)
{
	struct virtnet_info *vi = netdev_priv(dev);

	virtnet_fill_rx(vi);
	if (!virtqueue_enable_cb(vi->rvq) | !virtqueue_enable_cb(vi->svq))
		virtnet_schedule(vi);
	return 0;
}

static int virtnet_stop(struct net_device *dev)
{
	struct virtnet_info *vi = netdev_priv(dev);

	virtnet_disable_cbs(vi);
	return 0;
}

static const struct net_device_ops virtnet_netdev_ops = {
	.ndo_open = virtnet_open,
	.ndo_stop = virtnet_stop,
	.ndo_start_xmit = virtnet_start_xmit,
};

/* ---- Probe ---- */

static void virtnet_read_mac(struct virtnet_info *vi)
{
	u8 *mac = vi->dev->dev_addr;

	if (vp_has_feature(&vi->vp, VIRTIO_NET_F_MAC)) {
		vp_config_read(&vi->vp, VIRTIO_NET_CFG_MAC, mac, ETH_ALEN);
		return;
	}
	/* No MAC from the device: a random locally administered one. */
	get_random_bytes(mac, ETH_ALEN);
	mac[0] = (u8)((mac[0] & 0xFE) | 0x02);
}

static int virtnet_init_device(struct virtnet_info *vi, struct pci_dev *pci)
{
	const u64 wanted = 1ULL << VIRTIO_F_VERSION_1 | 1ULL << VIRTIO_NET_F_MAC |
			   1ULL << VIRTIO_NET_F_STATUS | 1ULL << VIRTIO_NET_F_GUEST_CSUM |
			   1ULL << VIRTIO_NET_F_GUEST_TSO4;
	u64 want = wanted;
	int err;

	/* 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK. */
	vp_reset(&vi->vp);
	vp_add_status(&vi->vp, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vp_add_status(&vi->vp, VIRTIO_CONFIG_S_DRIVER);
	/* 5.1.3.1: GUEST_TSO4 requires GUEST_CSUM. */
	if (!(vp_get_features(&vi->vp) & 1ULL << VIRTIO_NET_F_GUEST_CSUM))
		want &= ~(1ULL << VIRTIO_NET_F_GUEST_TSO4);
	err = vp_finalize_features(&vi->vp, want);
	if (err || !vp_has_feature(&vi->vp, VIRTIO_F_VERSION_1))
		return -ENODEV;
	virtnet_read_mac(vi);
	vi->big_rx = vp_has_feature(&vi->vp, VIRTIO_NET_F_GUEST_TSO4) &&
		     vp_has_feature(&vi->vp, VIRTIO_NET_F_GUEST_CSUM);
	vi->rx_len = vi->big_rx ? VIRTNET_RX_BIG_LEN : VIRTNET_RX_LEN;
	vi->rx_max = vi->big_rx ? VIRTNET_BIG_RX_BUFS : VIRTNET_RING_SIZE;
	err = virtnet_setup_irq(vi, pci);
	if (err)
		return err;
	err = virtnet_setup_vqs(vi);
	if (err) {
		virtnet_free_irq(vi, pci);
		return err;
	}
	return 0;
}

static void virtnet_announce(struct virtnet_info *vi, struct pci_dev *pci)
{
	const u8 *m = vi->dev->dev_addr;
	char bus[16];

	printk(KERN_INFO "%s: virtio-net at %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, "
	       "features %#lx, %s, rings rx %u tx %u\n", vi->dev->name,
	       pci_name(pci, bus), m[0], m[1], m[2], m[3], m[4], m[5],
	       vi->vp.features, vi->nic.irq_mode, vi->rvq->num, vi->svq->num);
}

static int virtnet_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct net_device *dev;
	struct virtnet_info *vi;
	int err;

	pci_enable_device(pci);
	pci_set_master(pci);
	dev = alloc_etherdev(sizeof(*vi));
	if (!dev)
		return -ENOMEM;
	vi = netdev_priv(dev);
	vi->dev = dev;
	spin_lock_init(&vi->tx_lock);
	err = vp_modern_probe(&vi->vp, pci);
	if (err) {
		printk(KERN_WARNING "virtio-net: no modern interface (legacy-only "
		       "device), not supported\n");
		goto free_dev;
	}
	err = virtnet_init_device(vi, pci);
	if (err)
		goto reset_device;
	netif_napi_add(dev, &vi->napi, virtnet_poll, NAPI_POLL_WEIGHT);
	dev->netdev_ops = &virtnet_netdev_ops;
	vi->nic.dev = dev;
	vi->nic.pci = pci;
	vi->nic.driver = "virtio_net";
	vi->nic.ops = &virtnet_nic_ops;
	pci->driver_data = vi;
	vp_add_status(&vi->vp, VIRTIO_CONFIG_S_DRIVER_OK);
	err = register_netdev(dev);
	if (err)
		goto del_napi;
	nic_register(&vi->nic);
	virtnet_announce(vi, pci);
	virtnet_config_changed(vi);
	return 0;

del_napi:
	netif_napi_del(&vi->napi);
	vp_reset(&vi->vp);
	virtnet_free_irq(vi, pci);
	for (struct pkbuf *p; (p = virtqueue_detach_unused_buf(vi->rvq)); )
		pkb_free(p);
	vp_del_vq(&vi->vp, vi->rvq);
	vp_del_vq(&vi->vp, vi->svq);
reset_device:
	vp_add_status(&vi->vp, VIRTIO_CONFIG_S_FAILED);
free_dev:
	free_netdev(dev);
	return err;
}

/* Transitional (0x1000) and modern-only (0x1041) virtio-net ids. */
static const struct pci_device_id virtnet_ids[] = {
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, 0x1000) },
	{ PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, 0x1040 + VIRTIO_ID_NET) },
	{ 0 }
};

const struct pci_driver virtio_net_driver = {
	.name = "virtio-net",
	.id_table = virtnet_ids,
	.probe = virtnet_probe,
};
