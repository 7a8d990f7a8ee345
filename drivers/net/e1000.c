/* Intel 82540EM ("e1000", QEMU -device e1000) with legacy descriptors.
 *
 *   probe:    reset, MAC from the EEPROM (EERD) or RAL/RAH, rings,
 *             RCTL/TCTL, INTx (or MSI if offered), register_netdev
 *   receive:  IRQ -> e1000_intr reads ICR (ack), masks (IMC)
 *             -> napi_schedule -> e1000_poll: TX reclaim, up to budget RX
 *             descriptors with DD set -> netif_receive, RDT advanced;
 *             then IMS unmasks and the ring is looked at once more
 *   transmit: e1000_xmit fills one descriptor per frame and bumps TDT
 *
 * The device writes length, status and errors into RX descriptors; each is
 * checked before use. A full RX ring makes the device drop and count
 * frames itself (MPC), which we fold into the statistics.
 */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <kernel/time.h>
#include <net/netdevice.h>
#include <drivers/io.h>
#include <drivers/nic.h>
#include "e1000_hw.h"

#define E1000_RX_RING   256             /* multiples of 8 (128-byte rings) */
#define E1000_TX_RING   256
#define E1000_RX_BUFSZ  2048            /* RCTL.BSIZE: what the device may write */
#define E1000_IMS_ENABLE (E1000_ICR_RXT0 | E1000_ICR_TXDW | E1000_ICR_LSC | \
			  E1000_ICR_RXO | E1000_ICR_RXDMT0)
#define E1000_MMIO_LEN  0x20000

struct e1000_adapter {
	struct nic nic;
	struct net_device *dev;
	struct pci_dev *pci;
	volatile u8 *hw;
	struct e1000_rx_desc *rx_ring;
	struct e1000_tx_desc *tx_ring;
	struct pkbuf *rx_pkb[E1000_RX_RING];
	struct pkbuf *tx_pkb[E1000_TX_RING];
	u16 rx_next;                    /* next descriptor to look at */
	u16 tx_tail, tx_clean;          /* our TDT; oldest unreclaimed */
	struct napi_struct napi;
	spinlock_t tx_lock;
	int msi_vector;                 /* > 0 if MSI is in use */
};

static u32 er32(struct e1000_adapter *a, u32 reg)
{
	return readl(a->hw + reg);
}

static void ew32(struct e1000_adapter *a, u32 reg, u32 v)
{
	writel(v, a->hw + reg);
}

/* ---- Set-up ---- */

/* 14.3: a software reset returns every register to its default; the
 * device needs about 1 us, we give it a millisecond. */
static void e1000_reset_hw(struct e1000_adapter *a)
{
	ew32(a, E1000_IMC, 0xFFFFFFFF);
	ew32(a, E1000_CTRL, er32(a, E1000_CTRL) | E1000_CTRL_RST);
	mdelay(1);
	ew32(a, E1000_IMC, 0xFFFFFFFF);
	(void)er32(a, E1000_ICR);
	/* Set link up; auto-detect speed; let the PHY run. */
	ew32(a, E1000_CTRL, (er32(a, E1000_CTRL) | E1000_CTRL_SLU | E1000_CTRL_ASDE) &
	     ~(E1000_CTRL_LRST | E1000_CTRL_PHY_RST | E1000_CTRL_ILOS));
}

/* 5.3.1 / 13.4.4: EEPROM words 0-2 hold the MAC. Returns false if the
 * EEPROM does not answer. */
static bool e1000_read_eeprom(struct e1000_adapter *a, u8 word, u16 *out)
{
	ew32(a, E1000_EERD, (u32)word << E1000_EERD_ADDR_SHIFT | E1000_EERD_START);
	for (int i = 0; i < 10000; i++) {
		u32 v = er32(a, E1000_EERD);

		if (v & E1000_EERD_DONE) {
			*out = (u16)(v >> E1000_EERD_DATA_SHIFT);
			return true;
		}
		udelay(1);
	}
	return false;
}

static void e1000_read_mac(struct e1000_adapter *a)
{
	u8 *mac = a->dev->dev_addr;
	u16 w[3];

	if (e1000_read_eeprom(a, 0, &w[0]) && e1000_read_eeprom(a, 1, &w[1]) &&
	    e1000_read_eeprom(a, 2, &w[2])) {
		for (int i = 0; i < 3; i++) {
			mac[2 * i] = (u8)w[i];
			mac[2 * i + 1] = (u8)(w[i] >> 8);
		}
		return;
	}
	/* No EEPROM: the firmware left the address in receive address 0. */
	u32 ral = er32(a, E1000_RAL0), rah = er32(a, E1000_RAH0);

	for (int i = 0; i < 4; i++)
		mac[i] = (u8)(ral >> (8 * i));
	mac[4] = (u8)rah;
	mac[5] = (u8)(rah >> 8);
}

/* Our address in RAL0/RAH0 (the unicast filter), multicast table empty. */
static void e1000_set_filters(struct e1000_adapter *a)
{
	const u8 *m = a->dev->dev_addr;

	ew32(a, E1000_RAL0, m[0] | m[1] << 8 | m[2] << 16 | (u32)m[3] << 24);
	ew32(a, E1000_RAH0, m[4] | m[5] << 8 | E1000_RAH_AV);
	for (int i = 0; i < 128; i++)
		ew32(a, E1000_MTA + 4 * i, 0);
}

static void *e1000_alloc_ring(size_t bytes)
{
	unsigned order = 0;
	phys_addr_t pa;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	pa = alloc_pages(order);
	if (!pa)
		return NULL;
	memset(phys_to_virt(pa), 0, PAGE_SIZE << order);
	return phys_to_virt(pa);
}

static struct pkbuf *e1000_alloc_rx(void)
{
	return nic_alloc_rx_buf(E1000_RX_BUFSZ);
}

static void e1000_arm_rx(struct e1000_adapter *a, u16 i, struct pkbuf *pkb)
{
	a->rx_pkb[i] = pkb;
	a->rx_ring[i].addr = virt_to_phys(pkb->data);
	a->rx_ring[i].status = 0;
}

/* 14.4: every descriptor gets a buffer; RDT = last means all but one are
 * the device's (head == tail would read as empty). */
static int e1000_setup_rx(struct e1000_adapter *a)
{
	u64 pa;

	a->rx_ring = e1000_alloc_ring(sizeof(struct e1000_rx_desc) * E1000_RX_RING);
	if (!a->rx_ring)
		return -ENOMEM;
	for (u16 i = 0; i < E1000_RX_RING; i++) {
		struct pkbuf *pkb = e1000_alloc_rx();

		if (!pkb)
			return -ENOMEM;
		e1000_arm_rx(a, i, pkb);
	}
	pa = virt_to_phys(a->rx_ring);
	ew32(a, E1000_RDBAL, (u32)pa);
	ew32(a, E1000_RDBAH, (u32)(pa >> 32));
	ew32(a, E1000_RDLEN, sizeof(struct e1000_rx_desc) * E1000_RX_RING);
	ew32(a, E1000_RDH, 0);
	ew32(a, E1000_RDT, E1000_RX_RING - 1);
	ew32(a, E1000_RDTR, 0);
	a->rx_next = 0;
	ew32(a, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SECRC |
	     E1000_RCTL_SZ_2048 | E1000_RCTL_RDMTS_HALF);
	return 0;
}

/* 14.5: empty ring, then TCTL with the full-duplex collision distance. */
static int e1000_setup_tx(struct e1000_adapter *a)
{
	u64 pa;

	a->tx_ring = e1000_alloc_ring(sizeof(struct e1000_tx_desc) * E1000_TX_RING);
	if (!a->tx_ring)
		return -ENOMEM;
	pa = virt_to_phys(a->tx_ring);
	ew32(a, E1000_TDBAL, (u32)pa);
	ew32(a, E1000_TDBAH, (u32)(pa >> 32));
	ew32(a, E1000_TDLEN, sizeof(struct e1000_tx_desc) * E1000_TX_RING);
	ew32(a, E1000_TDH, 0);
	ew32(a, E1000_TDT, 0);
	a->tx_tail = a->tx_clean = 0;
	ew32(a, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
	     0x10u << E1000_TCTL_CT_SHIFT | 0x40u << E1000_TCTL_COLD_SHIFT |
	     E1000_TCTL_RTLC);
	ew32(a, E1000_TIPG, E1000_TIPG_DEFAULT);
	return 0;
}

static void e1000_free_rings(struct e1000_adapter *a)
{
	for (int i = 0; i < E1000_RX_RING; i++) {
		pkb_free(a->rx_pkb[i]);
		a->rx_pkb[i] = NULL;
	}
	if (a->rx_ring)
		free_pages(virt_to_phys(a->rx_ring), 0);
	if (a->tx_ring)
		free_pages(virt_to_phys(a->tx_ring), 0);
	a->rx_ring = NULL;
	a->tx_ring = NULL;
}

/* ---- Statistics and link ---- */

static void e1000_update_stats(struct nic *nic)
{
	struct e1000_adapter *a = container_of(nic, struct e1000_adapter, nic);
	u32 mpc;

	local_bh_disable();
	mpc = er32(a, E1000_MPC);       /* clear on read: add, never set */
	nic->stats.rx_hw_missed += mpc;
	a->dev->stats.rx_fifo_errors += mpc;
	a->dev->stats.rx_errors += er32(a, E1000_CRCERRS);
	local_bh_enable();
}

static const struct nic_ops e1000_nic_ops = {
	.update_stats = e1000_update_stats,
};

static void e1000_check_link(struct e1000_adapter *a)
{
	nic_set_link(&a->nic, er32(a, E1000_STATUS) & E1000_STATUS_LU);
}

/* ---- Transmit ---- */

static void e1000_clean_tx(struct e1000_adapter *a)
{
	while (a->tx_clean != a->tx_tail) {
		struct e1000_tx_desc *d = &a->tx_ring[a->tx_clean];
		struct pkbuf *pkb;

		if (!(READ_ONCE(d->status) & E1000_TXD_STAT_DD))
			break;
		pkb = a->tx_pkb[a->tx_clean];
		a->tx_pkb[a->tx_clean] = NULL;
		if (pkb) {
			dev_count_tx(a->dev, pkb->len);
			a->nic.stats.tx_reclaimed++;
			pkb_free(pkb);
		}
		a->tx_clean = (a->tx_clean + 1) % E1000_TX_RING;
	}
}

/* Zeros that pad a short frame to the Ethernet minimum. TCTL.PSP asks the
 * NIC to pad, but QEMU's model ignores it, so the driver pads: a second
 * descriptor pointing here (the stack leaves no tailroom to pad in place). */
static const u8 e1000_tx_pad[ETH_ZLEN];

static u16 e1000_tx_free(const struct e1000_adapter *a)
{
	return (u16)((a->tx_clean + E1000_TX_RING - a->tx_tail - 1) % E1000_TX_RING);
}

/* Fill the descriptor at tx_tail; the pkbuf rides on the frame's last. */
static void e1000_tx_desc(struct e1000_adapter *a, u64 pa, u16 len, bool eop,
			  struct pkbuf *pkb)
{
	struct e1000_tx_desc *d = &a->tx_ring[a->tx_tail];

	d->addr = pa;
	d->length = len;
	d->cso = 0;
	d->css = 0;
	d->special = 0;
	d->status = 0;
	/* RS on every descriptor, so each gets DD and reclaim never stalls
	 * on one the NIC had no reason to write back. */
	d->cmd = E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS | (eop ? E1000_TXD_CMD_EOP : 0);
	a->tx_pkb[a->tx_tail] = pkb;
	a->tx_tail = (a->tx_tail + 1) % E1000_TX_RING;
}

static int e1000_xmit(struct pkbuf *pkb, struct net_device *dev)
{
	struct e1000_adapter *a = netdev_priv(dev);
	bool pad = pkb->len < ETH_ZLEN;

	spin_lock_bh(&a->tx_lock);
	e1000_clean_tx(a);
	if (e1000_tx_free(a) < (pad ? 2 : 1)) {
		a->nic.stats.tx_ring_full++;
		spin_unlock_bh(&a->tx_lock);
		return NETDEV_TX_BUSY;  /* the core counts the drop */
	}
	e1000_tx_desc(a, virt_to_phys(pkb->data), (u16)pkb->len, !pad,
		      pad ? NULL : pkb);
	if (pad)
		e1000_tx_desc(a, virt_to_phys(e1000_tx_pad),
			      (u16)(ETH_ZLEN - pkb->len), true, pkb);
	dma_wmb();              /* descriptors before the tail that hands them over */
	ew32(a, E1000_TDT, a->tx_tail);
	a->nic.stats.tx_kicks++;
	spin_unlock_bh(&a->tx_lock);
	return NETDEV_TX_OK;
}

/* ---- Receive ---- */

/* The device wrote desc i. Hand its buffer up if the frame is good and a
 * replacement buffer exists; otherwise count the drop and reuse it. */
static void e1000_rx_one(struct e1000_adapter *a, u16 i)
{
	struct e1000_rx_desc *d = &a->rx_ring[i];
	struct net_device *dev = a->dev;
	struct pkbuf *pkb = a->rx_pkb[i], *fresh;
	u16 len = READ_ONCE(d->length);
	u8 status = READ_ONCE(d->status);
	u8 errors = READ_ONCE(d->errors);

	/* A frame split over descriptors needs LPE, which is off: a
	 * descriptor without EOP, a frame error or a length beyond the
	 * buffer is a device fault. */
	if (!(status & E1000_RXD_STAT_EOP) || (errors & E1000_RXD_ERR_FRAME) ||
	    len > E1000_RX_BUFSZ) {
		dev->stats.rx_errors++;
		a->nic.stats.rx_ring_errors++;
		dev_drop(dev, NULL, NETDEV_DROP_RX_ERR);
		e1000_arm_rx(a, i, pkb);
		return;
	}
	fresh = nic_refill_rx_buf(E1000_RX_BUFSZ);
	if (!fresh) {
		dev_drop(dev, NULL, NETDEV_DROP_RX_NOMEM);
		e1000_arm_rx(a, i, pkb);
		return;
	}
	e1000_arm_rx(a, i, fresh);
	pkb_put(pkb, len);
	netif_receive(dev, pkb);
}

static bool e1000_rx_pending(struct e1000_adapter *a)
{
	return READ_ONCE(a->rx_ring[a->rx_next].status) & E1000_RXD_STAT_DD;
}

static int e1000_clean_rx(struct e1000_adapter *a, int budget)
{
	int done = 0;

	while (done < budget && e1000_rx_pending(a)) {
		dma_rmb();      /* DD before the fields it guards */
		e1000_rx_one(a, a->rx_next);
		a->rx_next = (a->rx_next + 1) % E1000_RX_RING;
		done++;
	}
	if (done) {
		dma_wmb();
		/* Give back everything up to the one before rx_next. */
		ew32(a, E1000_RDT, (a->rx_next + E1000_RX_RING - 1) % E1000_RX_RING);
		a->nic.stats.rx_kicks++;
	}
	return done;
}

static bool e1000_tx_pending(struct e1000_adapter *a)
{
	return a->tx_clean != a->tx_tail &&
	       (READ_ONCE(a->tx_ring[a->tx_clean].status) & E1000_TXD_STAT_DD);
}

static int e1000_poll(struct napi_struct *napi, int budget)
{
	struct e1000_adapter *a = container_of(napi, struct e1000_adapter, napi);
	int done;

	a->nic.stats.polls++;
	spin_lock_bh(&a->tx_lock);
	e1000_clean_tx(a);
	spin_unlock_bh(&a->tx_lock);
	done = e1000_clean_rx(a, budget);
	if (done == budget) {
		a->nic.stats.rx_budget_exhausted++;
		return done;            /* stay scheduled, still masked */
	}
	napi_complete_done(napi, done);
	ew32(a, E1000_IMS, E1000_IMS_ENABLE);
	/* ICR latches causes while masked, but a shared-line interrupt that
	 * read ICR while we were finishing took them: look once more. */
	if (e1000_rx_pending(a) || e1000_tx_pending(a)) {
		ew32(a, E1000_IMC, 0xFFFFFFFF);
		napi_schedule(napi);
	}
	return done;
}

/* ---- Interrupts ---- */

static irqreturn_t e1000_intr(int irq, void *data)
{
	struct e1000_adapter *a = data;
	u32 icr = er32(a, E1000_ICR);   /* reading acknowledges */

	if (!icr) {
		a->nic.stats.irqs_none++;
		return IRQ_NONE;        /* someone else on a shared line */
	}
	a->nic.stats.irqs++;
	if (icr & E1000_ICR_LSC)
		e1000_check_link(a);
	if (icr & (E1000_ICR_RXT0 | E1000_ICR_RXO | E1000_ICR_RXDMT0 |
		   E1000_ICR_TXDW)) {
		ew32(a, E1000_IMC, 0xFFFFFFFF);
		napi_schedule(&a->napi);
	}
	return IRQ_HANDLED;
}

static int e1000_request_irq(struct e1000_adapter *a)
{
	int vec = pci_enable_msi(a->pci, e1000_intr, "e1000", a);

	if (vec > 0) {
		a->msi_vector = vec;
		a->nic.irq_mode = "MSI";
		return 0;
	}
	a->nic.irq_mode = "INTx";
	return pci_request_intx(a->pci, e1000_intr, "e1000", a);
}

static void e1000_free_irq(struct e1000_adapter *a)
{
	if (a->msi_vector > 0)
		pci_disable_msi(a->pci, a->msi_vector);
	else
		pci_free_intx(a->pci, a);
}

/* ---- net_device_ops ---- */

static int e1000_open(struct net_device *dev)
{
	struct e1000_adapter *a = netdev_priv(dev);

	(void)er32(a, E1000_ICR);
	ew32(a, E1000_IMS, E1000_IMS_ENABLE);
	return 0;
}

static int e1000_stop(struct net_device *dev)
{
	struct e1000_adapter *a = netdev_priv(dev);

	ew32(a, E1000_IMC, 0xFFFFFFFF);
	return 0;
}

static const struct net_device_ops e1000_netdev_ops = {
	.ndo_open = e1000_open,
	.ndo_stop = e1000_stop,
	.ndo_start_xmit = e1000_xmit,
};

/* ---- Probe ---- */

static void e1000_announce(struct e1000_adapter *a)
{
	const u8 *m = a->dev->dev_addr;
	char bus[16];

	printk(KERN_INFO "%s: e1000 at %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, "
	       "%s irq %u, rings rx %u tx %u\n", a->dev->name,
	       pci_name(a->pci, bus), m[0], m[1], m[2], m[3], m[4], m[5],
	       a->nic.irq_mode, a->msi_vector > 0 ? (unsigned)a->msi_vector
						  : a->pci->irq,
	       E1000_RX_RING, E1000_TX_RING);
}

static int e1000_init_hw(struct e1000_adapter *a)
{
	int err;

	e1000_reset_hw(a);
	e1000_read_mac(a);
	e1000_set_filters(a);
	err = e1000_setup_rx(a);
	if (!err)
		err = e1000_setup_tx(a);
	return err;
}

static int e1000_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct e1000_adapter *a;
	struct net_device *dev;
	int err;

	pci_enable_device(pci);
	pci_set_master(pci);
	dev = alloc_etherdev(sizeof(*a));
	if (!dev)
		return -ENOMEM;
	a = netdev_priv(dev);
	a->dev = dev;
	a->pci = pci;
	spin_lock_init(&a->tx_lock);
	a->hw = pci_iomap(pci, 0, E1000_MMIO_LEN);
	err = -ENODEV;
	if (!a->hw || pci->res[0].size < E1000_MMIO_LEN)
		goto free_dev;
	err = e1000_init_hw(a);
	if (err)
		goto free_rings;
	netif_napi_add(dev, &a->napi, e1000_poll, NAPI_POLL_WEIGHT);
	dev->netdev_ops = &e1000_netdev_ops;
	err = e1000_request_irq(a);
	if (err)
		goto del_napi;
	a->nic.dev = dev;
	a->nic.pci = pci;
	a->nic.driver = "e1000";
	a->nic.ops = &e1000_nic_ops;
	a->nic.rx_ring_size = E1000_RX_RING;
	a->nic.tx_ring_size = E1000_TX_RING;
	pci->driver_data = a;
	err = register_netdev(dev);
	if (err)
		goto free_irq;
	nic_register(&a->nic);
	e1000_announce(a);
	e1000_check_link(a);
	return 0;

free_irq:
	e1000_free_irq(a);
del_napi:
	netif_napi_del(&a->napi);
free_rings:
	e1000_reset_hw(a);
	e1000_free_rings(a);
free_dev:
	free_netdev(dev);
	return err;
}

/* 82540EM (QEMU's default e1000) and close relatives with the same
 * legacy-descriptor programming model. */
static const struct pci_device_id e1000_ids[] = {
	{ PCI_DEVICE(0x8086, 0x100E) },         /* 82540EM */
	{ PCI_DEVICE(0x8086, 0x100F) },         /* 82545EM copper */
	{ 0 }
};

const struct pci_driver e1000_driver = {
	.name = "e1000",
	.id_table = e1000_ids,
	.probe = e1000_probe,
};
