/* NIC self-test (test=nic): exercise whichever NIC the machine has from a
 * peer on the other end of its tap device, before any IP stack exists.
 *
 * The peer (tests/qemu/test_nic.py, tools/nic-bench) speaks a tiny
 * protocol on the IEEE "local experimental" ethertype 0x88B5. Each frame
 * carries a 4-byte opcode and a 32-bit argument:
 *   PING n  -> we answer PONG n to the sender (the TX path, and proof we
 *              still answer after a flood)
 *   SHRT n  -> we answer SHRR n in a 22-byte frame: the driver (virtio) or
 *              the NIC (e1000) must pad it to the 60-byte minimum
 *   BLST n  -> flood frame: counted, timed from the first to the last
 *   TXBN n  -> we transmit n frames (TXBF) back as fast as the ring
 *              allows and print the rate
 *   STAT    -> we print the NIC's counters (nic_proc_show)
 *   ENDT    -> we check the counters and finish
 * Console lines start with "nic: " so the peer can parse them.
 *
 * With an ip= option the whole stack is brought up first (net_init, then
 * the drivers, then ipconfig), so the peer can also use real tools
 * (arping, ping) against the guest while the protocol above runs.
 */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/cmdline.h>
#include <kernel/selftest.h>
#include <kernel/drivers.h>
#include <net/netdevice.h>
#include <net/net.h>
#include <net/ipconfig.h>
#include <drivers/nic.h>

#define ETH_P_NICTEST 0x88B5
#define NICTEST_PAYLOAD 46              /* pads the frame to 60 bytes */

struct nictest_msg {
	char op[4];
	be32 arg;
	u8 src[ETH_ALEN];               /* who to answer, for process context */
} __packed;

static struct {
	volatile u32 blast_count;
	volatile u64 blast_first_ns, blast_last_ns;
	volatile u32 pings;
	volatile u32 tx_request;        /* TXBN argument, 0 = none */
	volatile bool want_stat, want_end;
	u8 peer[ETH_ALEN];
	struct net_device *dev;
} nt;

static char stat_buf[4096];

/* Build and send one test frame to dst. */
static int nictest_send(struct net_device *dev, const u8 *dst, const char *op,
			u32 arg, unsigned payload)
{
	struct pkbuf *pkb = pkb_alloc_tx(payload);
	u8 *p;

	if (!pkb)
		return -ENOMEM;
	p = pkb_put(pkb, payload);
	memset(p, 0, payload);
	memcpy(p, op, 4);
	*(be32 *)(p + 4) = htonl(arg);
	if (eth_header(pkb, dev, ETH_P_NICTEST, dst, NULL))
		return -ENOBUFS;        /* eth_header consumed pkb */
	return dev_queue_xmit(pkb);
}

/* Softirq context: count and note commands; answer pings at once. */
static int nictest_rcv(struct pkbuf *pkb, struct net_device *dev,
		       struct packet_type *pt)
{
	const struct ethhdr *eth = (const struct ethhdr *)pkb_mac_header(pkb);
	struct nictest_msg m;
	u32 arg;

	if (pkb->len < 8)
		goto out;
	memcpy(m.op, pkb->data, 4);
	arg = ntohl(*(const be32 *)(pkb->data + 4));
	memcpy(nt.peer, eth->h_source, ETH_ALEN);
	nt.dev = dev;
	if (!memcmp(m.op, "BLST", 4)) {
		u64 now = ktime_get_ns();

		if (!nt.blast_count++)
			nt.blast_first_ns = now;
		nt.blast_last_ns = now;
	} else if (!memcmp(m.op, "PING", 4)) {
		nt.pings++;
		nictest_send(dev, eth->h_source, "PONG", arg, NICTEST_PAYLOAD);
	} else if (!memcmp(m.op, "SHRT", 4)) {
		nictest_send(dev, eth->h_source, "SHRR", arg, 8);
	} else if (!memcmp(m.op, "TXBN", 4)) {
		nt.tx_request = arg;
	} else if (!memcmp(m.op, "STAT", 4)) {
		nt.want_stat = true;
	} else if (!memcmp(m.op, "ENDT", 4)) {
		nt.want_end = true;
	}
out:
	pkb_free(pkb);
	return 0;
}

static struct packet_type nictest_pt = {
	.type = 0,      /* set at run time: htons() is not a constant here */
	.func = nictest_rcv,
};

/* Transmit n frames from process context. A full ring is not a drop
 * here: wait for a completion interrupt and try again, so the figure is
 * the NIC's sustained rate. Returns frames sent. */
static u32 nictest_tx_bench(struct net_device *dev, u32 n, u64 *busy_waits)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	u32 sent = 0;

	while (sent < n) {
		struct pkbuf *pkb = pkb_alloc_tx(NICTEST_PAYLOAD);
		u8 *p;

		if (!pkb)
			break;
		p = pkb_put(pkb, NICTEST_PAYLOAD);
		memset(p, 0, NICTEST_PAYLOAD);
		memcpy(p, "TXBF", 4);
		*(be32 *)(p + 4) = htonl(sent);
		if (eth_header(pkb, dev, ETH_P_NICTEST, nt.peer, NULL))
			break;
		while (ops->ndo_start_xmit(pkb, dev) == NETDEV_TX_BUSY) {
			(*busy_waits)++;
			__asm__ volatile("sti; hlt" ::: "memory");
		}
		sent++;
	}
	return sent;
}

static void nictest_print_stats(void)
{
	size_t n = nic_proc_show(stat_buf, sizeof(stat_buf));
	u64 us = (nt.blast_last_ns - nt.blast_first_ns) / 1000;

	printk(KERN_INFO "%s", stat_buf);
	if (n >= sizeof(stat_buf))
		printk(KERN_INFO "nic: (statistics truncated)\n");
	printk(KERN_INFO "nic: blast_rx %u frames in %lu us pings %u\n",
	       nt.blast_count, us, nt.pings);
	printk(KERN_INFO "nic: stat end\n");
}

static void nictest_run_tx(void)
{
	u32 n = nt.tx_request;
	u64 busy = 0, t0, us;
	u32 sent;

	nt.tx_request = 0;
	t0 = ktime_get_ns();
	sent = nictest_tx_bench(nt.dev, n, &busy);
	us = (ktime_get_ns() - t0) / 1000;
	printk(KERN_INFO "nic: tx %u frames in %lu us (%lu fps), ring full %lu times\n",
	       sent, us, us ? (u64)sent * 1000000 / us : 0, busy);
}

/* The device rings must have stayed sane and every counted frame must
 * have reached us or been counted as dropped. */
static int nictest_check(struct nic *nic, bool stack)
{
	struct net_device *dev = nic->dev;

	nic_update_stats(nic);
	ST_CHECK(nic->stats.rx_ring_errors == 0, "ring errors %lu",
		 nic->stats.rx_ring_errors);
	ST_CHECK(dev->stats.rx_packets >= nt.blast_count + nt.pings,
		 "rx_packets %lu < frames handled %u", dev->stats.rx_packets,
		 nt.blast_count + nt.pings);
	ST_CHECK(nic->stats.irqs > 0, "no interrupts taken");
	ST_CHECK(pkb_bound_errors() == 0, "pkbuf bound errors");
	/* Nothing leaked: without the stack (which may hold packets in its
	 * queues) the only live buffers are the RX ring's: every TX buffer
	 * was reclaimed (the ENDT wait lets completions arrive). */
	ST_CHECK(stack || pkb_live_count() == nic->rx_ring_size,
		 "%ld pkbufs live, RX ring %u", pkb_live_count(), nic->rx_ring_size);
	ST_CHECK(nic->stats.tx_reclaimed == dev->stats.tx_packets, "tx reclaim");
	return 0;
}

static int nic_selftest(void)
{
	long timeout_ms = cmdline_get_long("nic_timeout", 300) * 1000;
	u64 deadline;
	struct nic *nic;

	bool stack = cmdline_get("ip") != NULL;

	if (stack) {
		ST_CHECK(net_init() == 0, "net_init");
	} else {
		/* Only the device layer: what net_init does before inet. */
		net_dev_init();
		open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	}
	nictest_pt.type = htons(ETH_P_NICTEST);
	dev_add_pack(&nictest_pt);
	drivers_init();
	nic = nic_next(NULL);
	ST_CHECK(nic, "no NIC found");
	if (stack) {
		ST_CHECK(ipconfig_parse_cmdline(cmdline_full()) == 0, "ip options");
		ST_CHECK(ip_auto_config() == 0, "ip_auto_config");
	}
	nt.dev = nic->dev;
	printk(KERN_INFO "nic: ready %s %s link %s\n", nic->dev->name, nic->driver,
	       nic->link_up ? "up" : "down");
	deadline = ktime_get_ms() + (u64)timeout_ms;
	while (!nt.want_end) {
		ST_CHECK(ktime_get_ms() < deadline, "no ENDT within %ld ms", timeout_ms);
		if (nt.tx_request)
			nictest_run_tx();
		if (nt.want_stat) {
			nt.want_stat = false;
			nictest_print_stats();
		}
		__asm__ volatile("sti; hlt" ::: "memory");
	}
	/* Let the last replies complete and be reclaimed. */
	for (u64 end = ktime_get_ms() + 100; ktime_get_ms() < end; )
		__asm__ volatile("sti; hlt" ::: "memory");
	nictest_print_stats();
	return nictest_check(nic, stack);
}
SELFTEST("nic", nic_selftest);
