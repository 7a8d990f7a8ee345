/* Text views of devices in Linux's formats: /proc/net/dev, softnet_stat,
 * and our per-device drop reasons (which Linux keeps only as tracepoints).
 */
#include <net/netdevice.h>
#include <net/net_proc.h>

ssize_t net_proc_dev_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	seq_buf_puts(&s, "Inter-|   Receive                                   "
			 "             |  Transmit\n"
			 " face |bytes    packets errs drop fifo frame "
			 "compressed multicast|bytes    packets errs drop fifo "
			 "colls carrier compressed\n");
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d)) {
		const struct net_device_stats *st = &d->stats;

		seq_buf_printf(&s, "%6s:%8llu %7llu %4llu %4llu %4llu %5llu "
			       "%10llu %9llu %8llu %7llu %4llu %4llu %4llu "
			       "%5llu %7llu %10llu\n", d->name,
			       (unsigned long long)st->rx_bytes,
			       (unsigned long long)st->rx_packets,
			       (unsigned long long)st->rx_errors,
			       (unsigned long long)st->rx_dropped,
			       (unsigned long long)st->rx_fifo_errors,
			       (unsigned long long)st->rx_frame_errors, 0ULL,
			       (unsigned long long)st->multicast,
			       (unsigned long long)st->tx_bytes,
			       (unsigned long long)st->tx_packets,
			       (unsigned long long)st->tx_errors,
			       (unsigned long long)st->tx_dropped,
			       (unsigned long long)st->tx_fifo_errors,
			       (unsigned long long)st->collisions,
			       (unsigned long long)st->tx_carrier_errors, 0ULL);
	}
	return seq_buf_done(&s);
}

/* One line per device: name then reason=count for every reason. */
ssize_t net_proc_drops_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	for (struct net_device *d = dev_get_next(NULL); d; d = dev_get_next(d)) {
		seq_buf_printf(&s, "%s:", d->name);
		for (int i = 0; i < NETDEV_DROP_MAX; i++)
			seq_buf_printf(&s, " %s=%llu", netdev_drop_names[i],
				       (unsigned long long)d->drops[i]);
		seq_buf_puts(&s, "\n");
	}
	return seq_buf_done(&s);
}

/* Linux's columns: processed, dropped, time_squeeze, then zeros. */
ssize_t net_proc_softnet_show(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	seq_buf_printf(&s, "%08x %08x %08x %08x %08x %08x %08x %08x %08x "
		       "%08x %08x %08x %08x\n",
		       (u32)softnet_stats.processed, (u32)softnet_stats.dropped,
		       (u32)softnet_stats.time_squeeze, 0u, 0u, 0u, 0u, 0u, 0u,
		       0u, 0u, (u32)softnet_stats.backlog_len, 0u);
	return seq_buf_done(&s);
}
