/* Fault injection (net/core/netem.c): configuration parsing, and drop,
 * duplicate and delay/reorder on both paths, loopback untouched. */
#include "testlib.h"
#include <net/netem.h>
#include <string.h>

static struct pkbuf *frame_to_peer(u8 tag)
{
	struct pkbuf *pkb = pkb_alloc_tx(20);

	memset(pkb_put(pkb, 20), tag, 20);
	eth_header(pkb, eth0, 0x88b5, MAC_PEER, NULL);
	return pkb;
}

static u8 popped_tag(void)
{
	struct pkbuf *pkb = mock_tx_pop(eth0);
	u8 tag;

	if (!pkb)
		return 0;
	tag = pkb->data[ETH_HLEN];
	pkb_free(pkb);
	return tag;
}

static int tap_count;
static u8 tap_order[64];

static int tap_rcv(struct pkbuf *pkb, struct net_device *dev, struct packet_type *pt)
{
	if (tap_count < 64)
		tap_order[tap_count] = pkb->data[0];
	tap_count++;
	pkb_free(pkb);
	return 0;
}

TEST(netem_parses_and_rejects)
{
	CHECK(fx_setup());
	CHECK_EQ(netem_configure("loss:2.5,dup:1,reorder:10,delay:30,dir:both"), 0);
	CHECK_EQ(netem_configure("loss:100"), 0);
	CHECK_EQ(netem_configure("loss:101"), -EINVAL);
	CHECK_EQ(netem_configure("loss:x"), -EINVAL);
	CHECK_EQ(netem_configure("bogus:1"), -EINVAL);
	CHECK_EQ(netem_configure("delay:0"), -EINVAL);
	CHECK_EQ(netem_configure("dir:sideways"), -EINVAL);
	CHECK_EQ(netem_configure("loss:1;"), -EINVAL);
	CHECK_EQ(netem_configure(""), 0);      /* everything off */
	fx_teardown();
}

TEST(netem_loss_drops_tx_and_counts)
{
	char buf[512];

	CHECK(fx_setup());
	CHECK_EQ(netem_configure("loss:100,dir:tx"), 0);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(dev_queue_xmit(frame_to_peer(1)), 0);
	CHECK_EQ(mock_tx_count(eth0), 0);
	net_proc_netem_show(buf, sizeof(buf));
	CHECK(strstr(buf, "dropped 5") != NULL);
	netem_configure("");
	fx_teardown();
}

TEST(netem_dup_sends_twice)
{
	CHECK(fx_setup());
	CHECK_EQ(netem_configure("dup:100,dir:tx"), 0);
	dev_queue_xmit(frame_to_peer(7));
	CHECK_EQ(mock_tx_count(eth0), 2);
	CHECK_EQ(popped_tag(), 7);
	CHECK_EQ(popped_tag(), 7);
	netem_configure("");
	fx_teardown();
}

TEST(netem_reorder_holds_then_releases_in_order)
{
	CHECK(fx_setup());
	CHECK_EQ(netem_configure("reorder:100,delay:25,dir:tx"), 0);
	dev_queue_xmit(frame_to_peer(1));
	host_advance(5);
	dev_queue_xmit(frame_to_peer(2));
	CHECK_EQ(mock_tx_count(eth0), 0);
	host_advance(20);                       /* t=25: the first is due */
	CHECK_EQ(mock_tx_count(eth0), 1);
	CHECK_EQ(popped_tag(), 1);
	netem_configure("");    /* releases the held frame, then passes through */
	CHECK_EQ(popped_tag(), 2);
	dev_queue_xmit(frame_to_peer(3));
	CHECK_EQ(popped_tag(), 3);
	fx_teardown();                          /* the held one is freed, not leaked */
}

TEST(netem_rx_drop_and_duplicate)
{
	u8 f[64] = { 0 };
	struct packet_type tap = { .type = htons(0x88b5), .func = tap_rcv };

	CHECK(fx_setup());
	dev_add_pack(&tap);
	mk_eth(f, MAC_US, MAC_PEER, 0x88b5);
	CHECK_EQ(netem_configure("loss:100,dir:rx"), 0);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(tap_count, 0);
	CHECK_EQ(netem_configure("dup:100,dir:rx"), 0);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(tap_count, 2);
	/* reordering: half the frames are held back 10 ms and overtaken */
	CHECK_EQ(netem_configure("reorder:50,delay:10,dir:rx"), 0);
	for (int i = 0; i < 20; i++) {
		f[ETH_HLEN] = (u8)i;
		mock_rx_now(eth0, f, 60);
	}
	CHECK(tap_count > 2 && tap_count < 22);   /* some passed, some held */
	host_advance(10);
	CHECK_EQ(tap_count, 22);                  /* all arrived, none lost */
	{
		bool overtaken = false;

		for (int i = 2; i < 21; i++)
			overtaken |= tap_order[i] > tap_order[i + 1];
		CHECK(overtaken);
	}
	/* Turning netem off releases what it still holds, nothing lost. */
	CHECK_EQ(netem_configure("reorder:100,delay:50,dir:rx"), 0);
	f[ETH_HLEN] = 0xee;
	int before = tap_count;
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(tap_count, before);
	CHECK_EQ(netem_configure(""), 0);
	CHECK_EQ(tap_count, before + 1);
	dev_remove_pack(&tap);
	fx_teardown();
}
