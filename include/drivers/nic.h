/* What every NIC driver shares beyond struct net_device: the driver's own
 * counters (interrupts, polls, hardware-missed frames, ring errors), the
 * interrupt mode and the link state, in one list so a self-test, a boot
 * line or a procfs file can show them for any driver alike, as Linux's
 * ethtool -S / -i do. Drivers embed a struct nic in their private area. */
#ifndef DRIVERS_NIC_H
#define DRIVERS_NIC_H

#include <lib/types.h>
#include <lib/list.h>
#include <net/netdevice.h>

struct pci_dev;

struct nic_stats {
	u64 irqs;               /* interrupts taken (any cause) */
	u64 irqs_none;          /* shared-line interrupts that were not ours */
	u64 polls;              /* NAPI poll calls */
	u64 rx_budget_exhausted;/* polls that used their whole budget */
	u64 rx_hw_missed;       /* frames the device dropped: no RX buffer */
	u64 rx_ring_errors;     /* device broke the ring protocol */
	u64 tx_reclaimed;       /* TX buffers freed after completion */
	u64 tx_ring_full;       /* xmit refused: no free descriptors */
	u64 link_changes;
	u64 rx_kicks, tx_kicks; /* doorbell writes (virtio notifications, e1000 tail) */
	u64 kicks_suppressed;   /* doorbells skipped: the device said not to */
};

struct nic;

struct nic_ops {
	/* Fold hardware counters (e.g. e1000 MPC) into stats. */
	void (*update_stats)(struct nic *nic);
};

struct nic {
	struct list_head node;
	struct net_device *dev;
	struct pci_dev *pci;
	const char *driver;             /* "virtio_net", "e1000" */
	const char *irq_mode;           /* "MSI-X", "MSI", "INTx" */
	u16 rx_ring_size, tx_ring_size;
	bool link_up;
	struct nic_stats stats;
	const struct nic_ops *ops;
};

/* drivers/net/nic.c */
void nic_register(struct nic *nic);
struct nic *nic_next(struct nic *prev);         /* NULL: the first */
struct nic *nic_from_dev(struct net_device *dev);
/* Record a link change: IFF_RUNNING follows the carrier, a console line
 * says so. Safe from hard IRQ context. */
void nic_set_link(struct nic *nic, bool up);
void nic_update_stats(struct nic *nic);
/* An RX buffer for a ring: pkb_alloc(NET_IP_ALIGN + len), reserved so the
 * IP header lands aligned. nic_refill_rx_buf is the same for replacing a
 * received buffer, except that with the kernel option nic_fail_rx=N every
 * Nth call fails (fault injection for the drivers' drop-and-reuse path). */
struct pkbuf *nic_alloc_rx_buf(unsigned len);
struct pkbuf *nic_refill_rx_buf(unsigned len);
void nic_fault_init(void);
/* One block per NIC, like ethtool -i and -S. Returns the length needed. */
size_t nic_proc_show(char *buf, size_t size);
void nic_proc_init(void);                       /* /proc/net/nic */

#endif
