/* The list of NICs and the few helpers every driver shares (link state,
 * driver counters as text). See include/drivers/nic.h. */
#include <kernel/kernel.h>
#include <kernel/pci.h>
#include <kernel/cmdline.h>
#include <kernel/fs.h>
#include <drivers/nic.h>

static LIST_HEAD(nic_list);
static unsigned long nic_fail_rx_every;  /* 0: no fault injection */
static unsigned long nic_rx_allocs;

void nic_fault_init(void)
{
	long n = cmdline_get_long("nic_fail_rx", 0);

	nic_fail_rx_every = n > 0 ? (unsigned long)n : 0;
	if (nic_fail_rx_every)
		printk(KERN_WARNING "nic: failing every %lu-th RX buffer allocation\n",
		       nic_fail_rx_every);
}

struct pkbuf *nic_alloc_rx_buf(unsigned len)
{
	struct pkbuf *pkb = pkb_alloc(NET_IP_ALIGN + len);

	if (pkb)
		pkb_reserve(pkb, NET_IP_ALIGN);
	return pkb;
}

struct pkbuf *nic_refill_rx_buf(unsigned len)
{
	nic_rx_allocs++;
	if (nic_fail_rx_every && nic_rx_allocs % nic_fail_rx_every == 0)
		return NULL;
	return nic_alloc_rx_buf(len);
}

void nic_register(struct nic *nic)
{
	list_add_tail(&nic->node, &nic_list);
}

struct nic *nic_next(struct nic *prev)
{
	struct list_head *n = prev ? prev->node.next : nic_list.next;

	return n == &nic_list ? NULL : list_entry(n, struct nic, node);
}

struct nic *nic_from_dev(struct net_device *dev)
{
	for (struct nic *n = nic_next(NULL); n; n = nic_next(n))
		if (n->dev == dev)
			return n;
	return NULL;
}

void nic_set_link(struct nic *nic, bool up)
{
	struct net_device *dev = nic->dev;

	if (nic->link_up != up)
		nic->stats.link_changes++;
	nic->link_up = up;
	if (up && (dev->flags & IFF_UP))
		dev->flags |= IFF_RUNNING;
	else if (!up)
		dev->flags &= ~IFF_RUNNING;
	printk(KERN_INFO "%s: link %s\n", dev->name, up ? "up" : "down");
}

void nic_update_stats(struct nic *nic)
{
	if (nic->ops && nic->ops->update_stats)
		nic->ops->update_stats(nic);
}

#define EMIT(...) n += snprintf(buf + MIN(n, size), size - MIN(n, size), __VA_ARGS__)

static size_t nic_show_one(struct nic *nic, char *buf, size_t size)
{
	const struct net_device *dev = nic->dev;
	const struct nic_stats *s = &nic->stats;
	char bus[16];
	size_t n = 0;

	nic_update_stats(nic);
	EMIT("%s: driver %s bus %s irq %s link %s rings rx %u tx %u\n",
	     dev->name, nic->driver, nic->pci ? pci_name(nic->pci, bus) : "-",
	     nic->irq_mode, nic->link_up ? "up" : "down",
	     nic->rx_ring_size, nic->tx_ring_size);
	EMIT("  rx_packets %lu rx_bytes %lu rx_dropped %lu rx_errors %lu\n",
	     dev->stats.rx_packets, dev->stats.rx_bytes, dev->stats.rx_dropped,
	     dev->stats.rx_errors);
	EMIT("  tx_packets %lu tx_bytes %lu tx_dropped %lu tx_errors %lu\n",
	     dev->stats.tx_packets, dev->stats.tx_bytes, dev->stats.tx_dropped,
	     dev->stats.tx_errors);
	EMIT("  irqs %lu irqs_none %lu polls %lu rx_budget_exhausted %lu\n",
	     s->irqs, s->irqs_none, s->polls, s->rx_budget_exhausted);
	EMIT("  rx_hw_missed %lu rx_ring_errors %lu tx_reclaimed %lu "
	     "tx_ring_full %lu link_changes %lu\n", s->rx_hw_missed,
	     s->rx_ring_errors, s->tx_reclaimed, s->tx_ring_full, s->link_changes);
	EMIT("  rx_kicks %lu tx_kicks %lu kicks_suppressed %lu\n",
	     s->rx_kicks, s->tx_kicks, s->kicks_suppressed);
	EMIT("  drops");
	for (int i = 0; i < NETDEV_DROP_MAX; i++)
		EMIT(" %s %lu", netdev_drop_names[i], dev->drops[i]);
	EMIT("\n");
	return n;
}

size_t nic_proc_show(char *buf, size_t size)
{
	size_t n = 0;

	if (size)
		buf[0] = '\0';
	for (struct nic *nic = nic_next(NULL); nic; nic = nic_next(nic))
		n += nic_show_one(nic, buf + MIN(n, size), size - MIN(n, size));
	return n;
}

static size_t nic_proc_file(char *buf, size_t size, void *data)
{
	return nic_proc_show(buf, size);
}

/* /proc/net/nic: the same text, for user space. */
void nic_proc_init(void)
{
	proc_create("net/nic", nic_proc_file, NULL);
}
