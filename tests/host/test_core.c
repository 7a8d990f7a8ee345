/* Core: checksums, packet buffers, devices, receive dispatch, NAPI
 * budgets, loopback. */
#include "testlib.h"
#include <net/net_proc.h>
#include <stdlib.h>
#include <string.h>

/* ---- Checksums (RFC 1071) ---- */

TEST(csum_rfc1071_example)
{
	/* RFC 1071 4.1's example bytes: 00 01 f2 03 f4 f5 f6 f7 sum to
	 * ddf2 (one's complement sum), so the checksum is ~ddf2 = 220d. */
	const u8 d[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	CHECK_EQ(csum_fold(csum_partial(d, sizeof(d), 0)), 0x220d);
}

TEST(csum_odd_length_pads_with_zero)
{
	const u8 odd[] = { 0x12, 0x34, 0x56 };
	const u8 even[] = { 0x12, 0x34, 0x56, 0x00 };

	CHECK_EQ(csum_fold(csum_partial(odd, 3, 0)),
		 csum_fold(csum_partial(even, 4, 0)));
	CHECK_EQ(csum_fold(csum_partial(odd, 3, 0)), (u16)~(0x1234 + 0x5600));
	/* One byte alone is the high half of a word. */
	CHECK_EQ(csum_fold(csum_partial("\xab", 1, 0)), (u16)~0xab00);
}

TEST(csum_verifies_to_zero_and_carries)
{
	u8 buf[1001];
	u16 c;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(0xff - i);
	/* Place the checksum in the first word, then verify the whole. */
	buf[0] = buf[1] = 0;
	c = csum_fold(csum_partial(buf, sizeof(buf), 0));
	buf[0] = (u8)(c >> 8);
	buf[1] = (u8)c;
	CHECK_EQ(csum_fold(csum_partial(buf, sizeof(buf), 0)), 0);
	/* Many 0xffff words exercise end-around carry. */
	memset(buf, 0xff, 1000);
	CHECK_EQ(csum_fold(csum_partial(buf, 1000, 0)), 0);
}

TEST(csum_ip_header_known_value)
{
	/* A classic example header: 4500 0073 0000 4000 4011 b861
	 * c0a8 0001 c0a8 00c7 has checksum b861. */
	u8 h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40,
		     0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8,
		     0x00, 0xc7 };

	CHECK_EQ(ip_fast_csum(h, 5), 0xb861);
	h[10] = 0xb8;
	h[11] = 0x61;
	CHECK_EQ(ip_fast_csum(h, 5), 0);
}

TEST(csum_udp_pseudo_header)
{
	/* UDP 10.0.0.1:1 -> 10.0.0.2:2, payload "ab": computed by hand:
	 * pseudo 0a00+0001+0a00+0002+0011+000a = 141e, header
	 * 0001+0002+000a = 000d, data 6162 -> sum 758d -> checksum 8a72. */
	u8 seg[10] = { 0, 1, 0, 2, 0, 10, 0, 0, 'a', 'b' };
	u16 c = csum_tcpudp_magic(IP(10, 0, 0, 1), IP(10, 0, 0, 2), 10, 17,
				  csum_partial(seg, 10, 0));

	CHECK_EQ(c, 0x8a72);
	seg[6] = (u8)(c >> 8);
	seg[7] = (u8)c;
	CHECK_EQ(csum_tcpudp_magic(IP(10, 0, 0, 1), IP(10, 0, 0, 2), 10, 17,
				   csum_partial(seg, 10, 0)), 0);
}

/* ---- pkbuf ---- */

TEST(pkbuf_push_pull_put_trim_bounds)
{
	long base = pkb_live_count();
	struct pkbuf *pkb = pkb_alloc(100);
	u8 *p;

	CHECK(pkb != NULL);
	CHECK_EQ(pkb_live_count(), base + 1);
	pkb_reserve(pkb, 40);
	CHECK_EQ(pkb_headroom(pkb), 40);
	p = pkb_put(pkb, 50);
	CHECK(p == pkb->data);
	CHECK_EQ(pkb->len, 50);
	CHECK(pkb_push(pkb, 40) != NULL);
	CHECK_EQ(pkb->len, 90);
	CHECK_EQ(pkb_headroom(pkb), 0);
	/* No headroom left: refused, counted, nothing moves. */
	CHECK(pkb_push(pkb, 1) == NULL);
	CHECK_EQ(pkb->len, 90);
	CHECK_EQ(pkb_bound_errors(), 1);
	CHECK(pkb_pull(pkb, 91) == NULL);       /* beyond len */
	CHECK_EQ(pkb->len, 90);
	CHECK(pkb_pull(pkb, 90) != NULL);
	CHECK_EQ(pkb->len, 0);
	CHECK(pkb_put(pkb, (unsigned)pkb_tailroom(pkb) + 1) == NULL);
	CHECK_EQ(pkb_bound_errors(), 2);
	CHECK(pkb_put(pkb, 10) != NULL);
	CHECK_EQ(pkb_trim(pkb, 11), -EINVAL);
	CHECK_EQ(pkb_trim(pkb, 4), 0);
	CHECK_EQ(pkb->len, 4);
	CHECK(pkb->tail == pkb->data + 4);
	pkb_free(pkb);
	CHECK_EQ(pkb_live_count(), base);
	CHECK_EQ(host_warn_count(), 2);   /* the two refusals warned */
}

TEST(pkbuf_clone_shares_data_and_copy_does_not)
{
	long base = pkb_live_count(), kbase = host_kmalloc_live();
	struct pkbuf *a = pkb_alloc_tx(10), *b, *c;

	pkb_put_data(a, "0123456789", 10);
	CHECK(!pkb_cloned(a));
	b = pkb_clone(a);
	CHECK(b && b->data == a->data && pkb_cloned(a) && pkb_cloned(b));
	CHECK_EQ(host_kmalloc_live(), kbase + 1);   /* one data buffer */
	c = pkb_copy(a);
	CHECK(c && c->data != a->data && memcmp(c->data, a->data, 10) == 0);
	CHECK_EQ(pkb_headroom(c), pkb_headroom(a));
	pkb_free(a);
	CHECK(!pkb_cloned(b));
	CHECK(memcmp(b->data, "0123456789", 10) == 0);
	pkb_free(b);
	pkb_free(c);
	CHECK_EQ(pkb_live_count(), base);
	CHECK_EQ(host_kmalloc_live(), kbase);
}

TEST(pkbuf_tx_headroom_fits_all_headers)
{
	struct pkbuf *pkb = pkb_alloc_tx(0);

	CHECK(pkb_headroom(pkb) >= ETH_HLEN + 60 + 60);
	pkb_free(pkb);
}

/* ---- Devices ---- */

TEST(dev_register_names_and_lookup)
{
	struct net_device *a, *b, *lo;

	CHECK(fx_setup());
	a = eth0;
	b = mock_netdev_create(MAC_PEER);
	lo = dev_get_by_name("lo");
	CHECK(lo && (lo->flags & IFF_LOOPBACK));
	CHECK(strcmp(a->name, "eth0") == 0);
	CHECK(strcmp(b->name, "eth1") == 0);
	CHECK(dev_get_by_name("eth1") == b);
	CHECK(dev_get_by_index(a->ifindex) == a);
	CHECK(dev_get_by_index(b->ifindex) == b);
	CHECK(dev_get_by_name("eth9") == NULL);
	CHECK(a->flags & IFF_UP);
	CHECK(a->flags & IFF_RUNNING);
	CHECK(a->mtu == 1500);
	unregister_netdev(b);
	CHECK(dev_get_by_name("eth1") == NULL);
	free_netdev(b);
	fx_teardown();
}

static int tap_count;
static int tap_rcv(struct pkbuf *pkb, struct net_device *dev,
		   struct packet_type *pt)
{
	tap_count++;
	pkb_free(pkb);
	return 0;
}

TEST(netif_receive_dispatch_and_drop_reasons)
{
	u8 f[64] = { 0 };
	struct packet_type tap = { .type = htons(0x88b5), .func = tap_rcv };

	CHECK(fx_setup());
	dev_add_pack(&tap);
	/* Registered ethertype reaches its handler. */
	mk_eth(f, MAC_US, MAC_PEER, 0x88b5);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(tap_count, 1);
	/* Unknown ethertype: counted as rx_nohandler. */
	mk_eth(f, MAC_US, MAC_PEER, 0x88b6);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(eth0->drops[NETDEV_DROP_RX_NOHANDLER], 1);
	/* Another host's unicast. */
	mk_eth(f, MAC_PEER, MAC_GW, 0x88b5);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(eth0->drops[NETDEV_DROP_RX_OTHERHOST], 1);
	CHECK_EQ(tap_count, 1);
	/* Runt: shorter than an Ethernet header. */
	mock_rx_now(eth0, f, 13);
	CHECK_EQ(eth0->drops[NETDEV_DROP_RX_RUNT], 1);
	CHECK_EQ(eth0->stats.rx_frame_errors, 1);
	/* Device down. */
	dev_close(eth0);
	mock_rx_now(eth0, f, 60);
	CHECK_EQ(eth0->drops[NETDEV_DROP_RX_NOT_UP], 1);
	dev_open(eth0);
	CHECK_EQ(eth0->stats.rx_dropped, 4);
	dev_remove_pack(&tap);
	fx_teardown();
}

TEST(dev_queue_xmit_busy_and_down_are_counted)
{
	struct pkbuf *pkb;

	CHECK(fx_setup());
	mock_priv(eth0)->tx_busy = true;
	pkb = pkb_alloc_tx(10);
	pkb_put(pkb, 10);
	eth_header(pkb, eth0, ETH_P_IP, MAC_PEER, NULL);
	CHECK_EQ(dev_queue_xmit(pkb), -ENOBUFS);
	CHECK_EQ(eth0->drops[NETDEV_DROP_TX_BUSY], 1);
	mock_priv(eth0)->tx_busy = false;
	dev_close(eth0);
	pkb = pkb_alloc_tx(10);
	pkb_put(pkb, 10);
	eth_header(pkb, eth0, ETH_P_IP, MAC_PEER, NULL);
	CHECK_EQ(dev_queue_xmit(pkb), -ENETDOWN);
	CHECK_EQ(eth0->drops[NETDEV_DROP_TX_NOT_UP], 1);
	CHECK_EQ(eth0->stats.tx_dropped, 2);
	dev_open(eth0);
	fx_teardown();
}

/* ---- NAPI ---- */

TEST(napi_weight_and_total_budget_bound_one_softirq_run)
{
	u8 f[64] = { 0 };
	struct packet_type tap = { .type = htons(0x88b5), .func = tap_rcv };
	struct net_device *eth1;

	CHECK(fx_setup());
	eth1 = mock_netdev_create(MAC_PEER);
	dev_add_pack(&tap);
	mock_priv(eth0)->rx_ring_max = 1000;
	mock_priv(eth1)->rx_ring_max = 1000;
	mk_eth(f, MAC_US, MAC_GW, 0x88b5);
	for (int i = 0; i < 400; i++)
		mock_rx(eth0, f, 60);
	mk_eth(f, MAC_PEER, MAC_GW, 0x88b5);
	for (int i = 0; i < 400; i++)
		mock_rx(eth1, f, 60);

	/* One softirq run polls each scheduled napi once, at most its
	 * weight (64), then re-raises itself for the rest (Linux). */
	CHECK(host_softirq_once());
	CHECK_EQ(tap_count, 128);
	CHECK_EQ(mock_priv(eth0)->polls, 1);
	CHECK_EQ(mock_priv(eth1)->polls, 1);
	CHECK(host_softirq_pending(NET_RX_SOFTIRQ));
	CHECK_EQ(softnet_stats.time_squeeze, 0);

	/* A total budget below the sum of weights stops the run early
	 * (time_squeeze), and the napi left unpolled goes first next time,
	 * so neither device starves the other. */
	netdev_budget = 50;
	CHECK(host_softirq_once());
	CHECK_EQ(tap_count, 192);
	CHECK_EQ(softnet_stats.time_squeeze, 1);
	CHECK_EQ(mock_priv(eth0)->polls + mock_priv(eth1)->polls, 3);
	CHECK(host_softirq_once());
	CHECK_EQ(tap_count, 256);
	CHECK_EQ(mock_priv(eth0)->polls, 2);
	CHECK_EQ(mock_priv(eth1)->polls, 2);
	netdev_budget = 300;

	host_run_softirqs();
	CHECK_EQ(tap_count, 800);
	CHECK(!host_softirq_pending(NET_RX_SOFTIRQ));
	/* Completed napis are off the list: new IRQ schedules again. */
	CHECK(napi_schedule(&mock_priv(eth0)->napi));
	CHECK(!napi_schedule(&mock_priv(eth0)->napi));
	host_run_softirqs();
	dev_remove_pack(&tap);
	unregister_netdev(eth1);
	netif_napi_del(&mock_priv(eth1)->napi);
	free_netdev(eth1);
	fx_teardown();
}

TEST(loopback_ping_127_0_0_1)
{
	u8 payload[56];

	CHECK(fx_setup());
	memset(payload, 0x5a, sizeof(payload));
	CHECK_EQ(icmp_echo_send(IP(127, 0, 0, 1), htons(7), htons(1), payload,
				sizeof(payload)), 0);
	host_run_softirqs();
	CHECK_EQ(icmp_mib[ICMP_MIB_INECHOS], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_INECHOREPS], 1);
	CHECK_EQ(loopback_dev->stats.tx_packets, 2);
	CHECK_EQ(loopback_dev->stats.rx_packets, 2);
	CHECK_EQ(mock_tx_count(eth0), 0);
	/* Any 127/8 address is ours. */
	CHECK_EQ(icmp_echo_send(IP(127, 1, 2, 3), 0, 0, NULL, 0), 0);
	host_run_softirqs();
	CHECK_EQ(icmp_mib[ICMP_MIB_INECHOREPS], 2);
	fx_teardown();
}

TEST(proc_net_dev_format_and_size_contract)
{
	char small[16], *big;
	ssize_t need;

	CHECK(fx_setup());
	need = net_proc_dev_show(NULL, 0);
	CHECK(need > 0);
	CHECK_EQ(net_proc_dev_show(small, sizeof(small)), need);
	CHECK_EQ(strlen(small), sizeof(small) - 1);
	big = malloc((size_t)need + 1);
	CHECK_EQ(net_proc_dev_show(big, (size_t)need + 1), need);
	CHECK_EQ(strlen(big), (size_t)need);
	CHECK(strncmp(big, "Inter-|   Receive", 17) == 0);
	CHECK(strstr(big, "\n    lo:       0       0") != NULL);
	CHECK(strstr(big, "\n  eth0:") != NULL);
	CHECK(strncmp(small, big, sizeof(small) - 1) == 0);
	free(big);
	fx_teardown();
}

TEST(counter_name_tables_are_complete)
{
	for (int i = 0; i < IPSTATS_MIB_MAX; i++)
		CHECK(ip_mib_names[i] != NULL);
	for (int i = 0; i < IPEXT_MAX; i++)
		CHECK(ip_ext_mib_names[i] != NULL);
	for (int i = 0; i < ICMP_MIB_MAX; i++)
		CHECK(icmp_mib_names[i] != NULL);
	for (int i = 0; i < ICMPEXT_MAX; i++)
		CHECK(icmp_ext_mib_names[i] != NULL);
	for (int i = 0; i < UDP_MIB_MAX; i++)
		CHECK(udp_mib_names[i] != NULL);
	for (int i = 0; i < UDPEXT_MAX; i++)
		CHECK(udp_ext_mib_names[i] != NULL);
	for (int i = 0; i < ARP_MIB_MAX; i++)
		CHECK(arp_mib_names[i] != NULL);
	for (int i = 0; i < NETDEV_DROP_MAX; i++)
		CHECK(netdev_drop_names[i] != NULL);
}

TEST(udp_over_loopback_roundtrip)
{
	struct sock *a, *b;
	char buf[64];
	struct sockaddr_in from;
	struct kvec iov = { buf, sizeof(buf) };
	struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from),
			      .msg_iov = &iov, .msg_iovlen = 1 };

	CHECK(fx_setup());
	a = udp_kernel_sock(7000, 0);
	b = udp_kernel_sock(0, 0);
	CHECK_EQ(udp_sendto(b, htonl(INADDR_LOOPBACK), htons(7000), "ping", 4), 4);
	/* Nothing is received inside the send: the backlog delivers later. */
	CHECK_EQ(a->sk_receive_queue.qlen, 0);
	host_run_softirqs();
	CHECK_EQ(udp_recvmsg(a, &msg, sizeof(buf), MSG_DONTWAIT, NULL), 4);
	CHECK(memcmp(buf, "ping", 4) == 0);
	CHECK_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	CHECK_EQ(from.sin_port, inet_sk(b)->inet_sport);
	/* And to our own eth0 address: still through lo, never eth0. */
	CHECK_EQ(udp_sendto(b, ADDR_US, htons(7000), "self", 4), 4);
	host_run_softirqs();
	CHECK_EQ(udp_recvmsg(a, &msg, sizeof(buf), MSG_DONTWAIT, NULL), 4);
	CHECK_EQ(from.sin_addr.s_addr, ADDR_US);
	CHECK_EQ(mock_tx_count(eth0), 0);
	/* A closed port on lo: ICMP port unreachable back to a connected
	 * sender, which then sees ECONNREFUSED. */
	{
		struct sockaddr_in dst = { .sin_family = AF_INET,
					   .sin_port = htons(4444),
					   .sin_addr = { htonl(INADDR_LOOPBACK) } };
		CHECK_EQ(udp_connect(b, &dst), 0);
		CHECK_EQ(udp_sendto(b, htonl(INADDR_LOOPBACK), htons(4444), "?", 1), 1);
		host_run_softirqs();
		CHECK_EQ(udp_recvmsg(b, &msg, sizeof(buf), MSG_DONTWAIT, NULL),
			 -ECONNREFUSED);
	}
	udp_close(a, 0);
	udp_close(b, 0);
	fx_teardown();
}
