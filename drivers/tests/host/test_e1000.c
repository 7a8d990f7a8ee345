/* Host unit test of the e1000 driver (drivers/net/e1000.c) against a
 * simulated 82540EM: a register file in memory and descriptors the test
 * writes the way the device would, honestly or not. Built with the net/
 * host port (tests/host/port_host.c) and ASan/UBSan.
 *
 * What the device controls (RX length, status, error bits, ICR) is set to
 * hostile values; the driver must drop and count, re-arm the slot, keep
 * RDT consistent, and never touch memory outside its buffers.
 *
 * The kernel build compiles every .c under drivers/, so this file is
 * host-only. */
#ifdef __HOST_TEST__
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <kernel/time.h>
#include <net/netdevice.h>
#include <drivers/nic.h>
#include <drivers/drivers.h>
#include "../../net/e1000_hw.h"
#include "host.h"
#include "test.h"
#include "fake_kernel.h"

static u32 regs[0x20000 / 4] __aligned(4096);
#define intx_fn fake_intx_fn
#define intx_data fake_intx_data

/* ---- The simulated device ---- */
#define R(reg) regs[(reg) / 4]
static const u8 mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static struct pci_dev pdev = {
	.vendor = 0x8086, .device = 0x100E, .irq = 11, .pin = 1,
	.res = { [0] = { .start = 0xfebc0000, .size = 0x20000, .flags = PCI_RES_MEM } },
};
static struct net_device *dev;

static struct e1000_rx_desc *rx_ring(void)
{
	return (struct e1000_rx_desc *)(uintptr_t)((u64)R(E1000_RDBAH) << 32 | R(E1000_RDBAL));
}

static struct e1000_tx_desc *tx_ring(void)
{
	return (struct e1000_tx_desc *)(uintptr_t)((u64)R(E1000_TDBAH) << 32 | R(E1000_TDBAL));
}

/* Bring the stack's device layer and the driver up on the fake NIC. The
 * EEPROM never answers (EERD stays without DONE), so the MAC must come
 * from RAL0/RAH0, as firmware leaves it. */
static void setup(long fail_every)
{
	fake_fail_rx_every = fail_every;
	fake_bar0 = regs;
	memset(regs, 0, sizeof(regs));
	R(E1000_RAL0) = mac[0] | mac[1] << 8 | mac[2] << 16 | (u32)mac[3] << 24;
	R(E1000_RAH0) = mac[4] | mac[5] << 8;
	R(E1000_STATUS) = E1000_STATUS_LU;
	net_dev_init();
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	nic_fault_init();
	static const struct pci_device_id id = { PCI_DEVICE(0x8086, 0x100E) };
	CHECK_EQ(e1000_driver.probe(&pdev, &id), 0);
	dev = dev_get_by_name("eth0");
	CHECK(dev != NULL);
	CHECK(intx_fn != NULL);
}

/* The device writes a frame of len bytes into RX slot i. */
static void dev_rx(unsigned i, const void *frame, u16 len, u8 status, u8 errors)
{
	struct e1000_rx_desc *d = &rx_ring()[i];

	if (frame)
		memcpy((void *)(uintptr_t)d->addr, frame, MIN(len, 2048));
	d->length = len;
	d->errors = errors;
	d->status = status;
}

static void interrupt(u32 icr)
{
	R(E1000_ICR) = icr;
	intx_fn(11, intx_data);
	R(E1000_ICR) = 0;       /* read-to-clear */
	host_run_softirqs();
}

static u8 frame[64];

static void make_frame(void)
{
	memcpy(frame, mac, 6);
	memcpy(frame + 6, "\x02\x00\x00\x00\x00\x01", 6);
	frame[12] = 0x88;
	frame[13] = 0xB6;       /* nobody handles it: counted rx_nohandler */
}

TEST(probe_reads_mac_from_ral_and_programs_rings)
{
	setup(0);
	CHECK(memcmp(dev->dev_addr, mac, 6) == 0);
	CHECK_EQ(R(E1000_RDLEN), 256 * 16);
	CHECK_EQ(R(E1000_RDT), 255);
	CHECK_EQ(R(E1000_TDLEN), 256 * 16);
	CHECK(R(E1000_RCTL) & E1000_RCTL_EN);
	CHECK(R(E1000_TCTL) & E1000_TCTL_EN);
	CHECK(R(E1000_RAH0) & E1000_RAH_AV);
	CHECK(dev->flags & IFF_RUNNING);
	for (int i = 0; i < 256; i++)
		CHECK(rx_ring()[i].addr != 0);
}

TEST(good_frames_reach_the_stack_and_slots_get_new_buffers)
{
	setup(0);
	make_frame();
	u64 old = rx_ring()[0].addr;

	dev_rx(0, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	dev_rx(1, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	interrupt(E1000_ICR_RXT0);
	CHECK_EQ(dev->stats.rx_packets, 2);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_NOHANDLER], 2);
	CHECK(rx_ring()[0].addr != old);                /* handed up, replaced */
	CHECK_EQ(rx_ring()[0].status, 0);               /* re-armed */
	CHECK_EQ(R(E1000_RDT), 1);                      /* up to rx_next - 1 */
	CHECK(R(E1000_IMS) != 0);                       /* unmasked again */
}

TEST(hostile_descriptors_are_dropped_and_rearmed)
{
	setup(0);
	make_frame();
	u64 a0 = rx_ring()[0].addr, a1 = rx_ring()[1].addr, a2 = rx_ring()[2].addr;

	/* Longer than the 2048-byte buffer. */
	dev_rx(0, NULL, 4000, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	/* A frame split over descriptors, which LPE=0 forbids. */
	dev_rx(1, frame, 60, E1000_RXD_STAT_DD, 0);
	/* A CRC error. */
	dev_rx(2, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0x01);
	interrupt(E1000_ICR_RXT0);
	CHECK_EQ(dev->stats.rx_packets, 0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_ERR], 3);
	CHECK_EQ(dev->stats.rx_errors, 3);
	CHECK_EQ(nic_from_dev(dev)->stats.rx_ring_errors, 3);
	CHECK(rx_ring()[0].addr == a0 && rx_ring()[1].addr == a1 &&
	      rx_ring()[2].addr == a2);                 /* same buffers reused */
	CHECK_EQ(rx_ring()[0].status, 0);
	CHECK_EQ(R(E1000_RDT), 2);
}

TEST(checksum_status_bits_are_not_frame_errors)
{
	setup(0);
	make_frame();
	dev_rx(0, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0x60);
	interrupt(E1000_ICR_RXT0);
	CHECK_EQ(dev->stats.rx_packets, 1);
}

TEST(runt_frames_are_counted_by_the_core)
{
	setup(0);
	make_frame();
	dev_rx(0, frame, 10, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	dev_rx(1, frame, 0, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	interrupt(E1000_ICR_RXT0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_RUNT], 2);
}

TEST(failed_refill_drops_the_frame_and_keeps_the_buffer)
{
	setup(1);               /* every refill allocation fails */
	make_frame();
	u64 a0 = rx_ring()[0].addr;
	long live = pkb_live_count();

	dev_rx(0, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
	interrupt(E1000_ICR_RXT0);
	CHECK_EQ(dev->drops[NETDEV_DROP_RX_NOMEM], 1);
	CHECK_EQ(dev->stats.rx_packets, 0);
	CHECK(rx_ring()[0].addr == a0);
	CHECK_EQ(pkb_live_count(), live);
}

/* A flood larger than the ring, written as fast as slots come back: the
 * poll never exceeds its budget, the ring wraps, nothing leaks. */
TEST(flood_wraps_the_ring_within_budget)
{
	setup(0);
	make_frame();
	long live = pkb_live_count();
	unsigned next = 0;

	for (int round = 0; round < 20; round++) {
		for (int n = 0; n < 200; n++, next = (next + 1) % 256)
			dev_rx(next, frame, 60, E1000_RXD_STAT_DD | E1000_RXD_STAT_EOP, 0);
		interrupt(E1000_ICR_RXT0);
	}
	CHECK_EQ(dev->stats.rx_packets, 4000);
	CHECK_EQ(R(E1000_RDT), (next + 255) % 256);
	CHECK(nic_from_dev(dev)->stats.rx_budget_exhausted > 0);
	CHECK_EQ(pkb_live_count(), live);
}

static struct pkbuf *tx_frame(unsigned len)
{
	struct pkbuf *pkb = pkb_alloc_tx(len);

	memset(pkb_put(pkb, len), 0xAB, len);
	eth_header(pkb, dev, 0x88B6, NULL, NULL);
	return pkb;
}

TEST(tx_fills_the_ring_then_reports_busy_and_reclaims)
{
	setup(0);
	int ok = 0;

	for (int i = 0; i < 300; i++) {
		struct pkbuf *pkb = tx_frame(100);

		if (dev_queue_xmit(pkb) == 0)
			ok++;
	}
	CHECK_EQ(ok, 255);                      /* one slot always empty */
	CHECK_EQ(dev->drops[NETDEV_DROP_TX_BUSY], 45);
	CHECK_EQ(R(E1000_TDT), 255);
	for (int i = 0; i < 255; i++) {
		CHECK_EQ(tx_ring()[i].cmd, E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS |
			 E1000_TXD_CMD_RS);
		tx_ring()[i].status = E1000_TXD_STAT_DD;
	}
	interrupt(E1000_ICR_TXDW);
	CHECK_EQ(dev->stats.tx_packets, 255);
	CHECK_EQ(nic_from_dev(dev)->stats.tx_reclaimed, 255);
	CHECK_EQ(pkb_live_count(), 256);        /* only the RX ring */
}

TEST(short_frames_get_a_zero_pad_descriptor)
{
	setup(0);
	struct pkbuf *pkb = tx_frame(8);        /* 22-byte frame */

	CHECK_EQ(dev_queue_xmit(pkb), 0);
	CHECK_EQ(R(E1000_TDT), 2);
	CHECK_EQ(tx_ring()[0].length, 22);
	CHECK(!(tx_ring()[0].cmd & E1000_TXD_CMD_EOP));
	CHECK_EQ(tx_ring()[1].length, 38);
	CHECK(tx_ring()[1].cmd & E1000_TXD_CMD_EOP);
	const u8 *pad = (const u8 *)(uintptr_t)tx_ring()[1].addr;
	for (int i = 0; i < 38; i++)
		CHECK_EQ(pad[i], 0);
	tx_ring()[0].status = tx_ring()[1].status = E1000_TXD_STAT_DD;
	interrupt(E1000_ICR_TXDW);
	CHECK_EQ(dev->stats.tx_packets, 1);
}

TEST(shared_line_interrupt_that_is_not_ours)
{
	setup(0);
	CHECK_EQ(intx_fn(11, intx_data), IRQ_NONE);
	CHECK_EQ(nic_from_dev(dev)->stats.irqs_none, 1);
}

TEST(link_change_follows_status_lu)
{
	setup(0);
	R(E1000_STATUS) = 0;
	interrupt(E1000_ICR_LSC);
	CHECK(!(dev->flags & IFF_RUNNING));
	CHECK(!nic_from_dev(dev)->link_up);
	R(E1000_STATUS) = E1000_STATUS_LU;
	interrupt(E1000_ICR_LSC);
	CHECK(dev->flags & IFF_RUNNING);
	CHECK_EQ(nic_from_dev(dev)->stats.link_changes, 3);   /* probe: down->up */
}

TEST(missed_packet_counter_is_accumulated)
{
	setup(0);
	struct nic *nic = nic_from_dev(dev);

	R(E1000_MPC) = 7;
	nic_update_stats(nic);
	R(E1000_MPC) = 0;       /* clear on read */
	R(E1000_MPC) = 5;
	nic_update_stats(nic);
	CHECK_EQ(nic->stats.rx_hw_missed, 12);
	CHECK_EQ(dev->stats.rx_fifo_errors, 12);
}
#endif
