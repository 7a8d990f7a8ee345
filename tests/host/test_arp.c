/* ARP (RFC 826) and the neighbour cache: replies, resolution with a
 * queue, retries and failure, timeouts, gratuitous ARP, bad input. */
#include "testlib.h"
#include <net/net_proc.h>
#include <stdlib.h>
#include <string.h>

static void send_ping(be32 to)
{
	CHECK_EQ(icmp_echo_send(to, htons(1), htons(1), "x", 1), 0);
}

TEST(arp_request_for_us_gets_reply_and_learns_sender)
{
	u8 f[64];
	struct pkbuf *tx;
	struct arphdr_eth *a;
	struct neighbour *n;

	CHECK(fx_setup());
	mock_rx_now(eth0, f, mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_PEER,
				    ADDR_PEER, NULL, ADDR_US));
	tx = mock_tx_pop(eth0);
	CHECK(tx && (a = tx_arp(tx)) != NULL);
	if (tx && a) {
		CHECK(ether_addr_equal(tx_eth(tx)->h_dest, MAC_PEER));
		CHECK(ether_addr_equal(tx_eth(tx)->h_source, MAC_US));
		CHECK_EQ(ntohs(a->ar_op), ARPOP_REPLY);
		CHECK(ether_addr_equal(a->ar_sha, MAC_US));
		CHECK_EQ(a->ar_sip, ADDR_US);
		CHECK(ether_addr_equal(a->ar_tha, MAC_PEER));
		CHECK_EQ(a->ar_tip, ADDR_PEER);
	}
	pkb_free(tx);
	n = neigh_lookup(ADDR_PEER, eth0);
	CHECK(n && n->state == NUD_STALE && ether_addr_equal(n->ha, MAC_PEER));
	CHECK_EQ(arp_mib[ARP_MIB_INREQUESTS], 1);
	CHECK_EQ(arp_mib[ARP_MIB_OUTREPLIES], 1);
	/* A request for someone else: no reply, nothing learnt. */
	mock_rx_now(eth0, f, mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_GW,
				    ADDR_GW, NULL, IP(10, 0, 2, 99)));
	CHECK_EQ(mock_tx_count(eth0), 0);
	CHECK(neigh_lookup(ADDR_GW, eth0) == NULL);
	CHECK_EQ(arp_mib[ARP_MIB_INNOTFORUS], 1);
	fx_teardown();
}

TEST(arp_resolves_then_sends_queued_packets)
{
	u8 f[64];
	struct pkbuf *tx;
	struct neighbour *n;

	CHECK(fx_setup());
	send_ping(ADDR_PEER);
	send_ping(ADDR_PEER);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_arp(tx));
	if (tx && tx_arp(tx)) {
		CHECK(is_broadcast_ether_addr(tx_eth(tx)->h_dest));
		CHECK_EQ(ntohs(tx_arp(tx)->ar_op), ARPOP_REQUEST);
		CHECK_EQ(tx_arp(tx)->ar_tip, ADDR_PEER);
		CHECK_EQ(tx_arp(tx)->ar_sip, ADDR_US);
	}
	pkb_free(tx);
	CHECK_EQ(mock_tx_count(eth0), 0);      /* one request, pings wait */
	n = neigh_lookup(ADDR_PEER, eth0);
	CHECK(n && n->state == NUD_INCOMPLETE && n->arp_queue.qlen == 2);

	mock_rx_now(eth0, f, mk_arp(f, MAC_US, ARPOP_REPLY, MAC_PEER,
				    ADDR_PEER, MAC_US, ADDR_US));
	CHECK(n->state == NUD_REACHABLE);
	CHECK_EQ(mock_tx_count(eth0), 2);
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		CHECK(tx_ip(tx) != NULL);
		CHECK(ether_addr_equal(tx_eth(tx)->h_dest, MAC_PEER));
		pkb_free(tx);
	}
	/* Resolved: the next packet goes straight out. */
	send_ping(ADDR_PEER);
	CHECK_EQ(mock_tx_count(eth0), 1);
	fx_teardown();
}

TEST(arp_off_link_resolves_the_gateway)
{
	struct pkbuf *tx;

	CHECK(fx_setup());
	send_ping(ADDR_FAR);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_arp(tx) && tx_arp(tx)->ar_tip == ADDR_GW);
	pkb_free(tx);
	fx_learn(eth0, ADDR_GW, MAC_GW);
	send_ping(ADDR_FAR);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_ip(tx) && tx_ip(tx)->daddr == ADDR_FAR);
	CHECK(tx && ether_addr_equal(tx_eth(tx)->h_dest, MAC_GW));
	pkb_free(tx);
	fx_teardown();
}

TEST(arp_retries_then_fails_and_frees_queue)
{
	struct neighbour *n;
	int requests = 0;
	struct pkbuf *tx;

	CHECK(fx_setup());
	send_ping(ADDR_PEER);
	send_ping(ADDR_PEER);
	send_ping(ADDR_PEER);
	for (int i = 0; i < 5; i++) {
		while ((tx = mock_tx_pop(eth0)) != NULL) {
			if (tx_arp(tx))
				requests++;
			pkb_free(tx);
		}
		host_advance(ARP_RETRANS_MS);
	}
	CHECK_EQ(requests, ARP_MAX_PROBES);
	n = neigh_lookup(ADDR_PEER, eth0);
	CHECK(n && n->state == NUD_FAILED && n->arp_queue.qlen == 0);
	CHECK_EQ(arp_mib[ARP_MIB_RESOLVEFAILED], 1);
	CHECK_EQ(arp_mib[ARP_MIB_UNRESOLVEDDROPS], 3);
	/* The local sender learns: ICMP host unreachable to ourselves
	 * (rate limit permitting), as Linux's ipv4_link_failure. */
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 3);
	CHECK_EQ(icmp_mib[ICMP_MIB_INDESTUNREACHS], 3);
	/* While FAILED, sends fail fast without new requests. */
	CHECK_EQ(icmp_echo_send(ADDR_PEER, 0, 0, NULL, 0), -EHOSTUNREACH);
	CHECK_EQ(mock_tx_count(eth0), 0);
	host_advance(ARP_FAILED_HOLD_MS);
	CHECK(neigh_lookup(ADDR_PEER, eth0) == NULL);
	fx_teardown();
}

TEST(arp_queue_is_bounded_oldest_dropped)
{
	struct neighbour *n;

	CHECK(fx_setup());
	for (int i = 0; i < ARP_QUEUE_MAX + 6; i++)
		send_ping(ADDR_PEER);
	n = neigh_lookup(ADDR_PEER, eth0);
	CHECK(n && n->arp_queue.qlen == ARP_QUEUE_MAX);
	CHECK_EQ(arp_mib[ARP_MIB_QUEUEDROPS], 6);
	fx_teardown();
}

TEST(arp_reachable_goes_stale_then_probe_then_reachable)
{
	u8 f[64];
	struct neighbour *n;
	struct pkbuf *tx;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = neigh_lookup(ADDR_PEER, eth0);
	/* reachable_time is random in [15 s, 45 s). */
	host_advance(ARP_REACHABLE_MS / 2 - 1);
	CHECK(n->state == NUD_REACHABLE);
	host_advance(ARP_REACHABLE_MS + 1);
	CHECK(n->state == NUD_STALE);
	/* Using a stale entry sends at once and probes unicast. */
	send_ping(ADDR_PEER);
	CHECK_EQ(mock_tx_count(eth0), 2);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_arp(tx) && ether_addr_equal(tx_eth(tx)->h_dest, MAC_PEER));
	pkb_free(tx);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_ip(tx));
	pkb_free(tx);
	CHECK(n->state == NUD_PROBE);
	mock_rx_now(eth0, f, mk_arp(f, MAC_US, ARPOP_REPLY, MAC_PEER,
				    ADDR_PEER, MAC_US, ADDR_US));
	CHECK(n->state == NUD_REACHABLE);
	fx_teardown();
}

TEST(arp_stale_unused_entry_is_collected_probe_failure_fails)
{
	struct neighbour *n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	fx_learn(eth0, ADDR_GW, MAC_GW);
	host_advance(ARP_REACHABLE_MS * 2);      /* both STALE */
	CHECK(neigh_lookup(ADDR_PEER, eth0)->state == NUD_STALE);
	send_ping(ADDR_GW);                      /* GW probed, no answer */
	mock_tx_purge(eth0);
	host_advance(ARP_RETRANS_MS * (ARP_MAX_PROBES + 1));
	n = neigh_lookup(ADDR_GW, eth0);
	CHECK(n && n->state == NUD_FAILED);
	host_advance(ARP_STALE_GC_MS);
	CHECK(neigh_lookup(ADDR_PEER, eth0) == NULL);
	CHECK(neigh_lookup(ADDR_GW, eth0) == NULL);
	CHECK_EQ(neigh_count(), 0);
	fx_teardown();
}

TEST(arp_gratuitous_on_address_add_and_update_on_receive)
{
	u8 f[64];
	const u8 newmac[6] = { 0x02, 0, 0, 0, 0, 0x77 };
	struct pkbuf *tx;
	struct neighbour *n;

	CHECK(fx_setup());
	CHECK_EQ(inet_addr_add(eth0, IP(10, 0, 2, 16), 24), 0);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_arp(tx));
	if (tx && tx_arp(tx)) {
		CHECK(is_broadcast_ether_addr(tx_eth(tx)->h_dest));
		CHECK_EQ(tx_arp(tx)->ar_sip, IP(10, 0, 2, 16));
		CHECK_EQ(tx_arp(tx)->ar_tip, IP(10, 0, 2, 16));
	}
	pkb_free(tx);
	CHECK_EQ(arp_mib[ARP_MIB_OUTGRATUITOUS], 1);
	CHECK_EQ(inet_addr_del(eth0, IP(10, 0, 2, 16)), 0);

	/* A peer's gratuitous ARP does not create an entry ... */
	mock_rx_now(eth0, f, mk_arp(f, MAC_BCAST, ARPOP_REQUEST, newmac,
				    ADDR_PEER, NULL, ADDR_PEER));
	CHECK(neigh_lookup(ADDR_PEER, eth0) == NULL);
	/* ... but updates one we hold (moved to STALE, to be verified). */
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	mock_rx_now(eth0, f, mk_arp(f, MAC_BCAST, ARPOP_REQUEST, newmac,
				    ADDR_PEER, NULL, ADDR_PEER));
	n = neigh_lookup(ADDR_PEER, eth0);
	CHECK(n && ether_addr_equal(n->ha, newmac) && n->state == NUD_STALE);
	CHECK_EQ(mock_tx_count(eth0), 0);
	fx_teardown();
}

TEST(arp_bad_packets_counted_never_learnt)
{
	u8 f[64];
	size_t n;

	CHECK(fx_setup());
	/* Too short. */
	n = mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_PEER, ADDR_PEER, NULL,
		   ADDR_US);
	mock_rx_now(eth0, f, n - 1);
	/* Wrong hardware length / protocol / opcode. */
	f[ETH_HLEN + 4] = 8;
	mock_rx_now(eth0, f, n);
	mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_PEER, ADDR_PEER, NULL, ADDR_US);
	f[ETH_HLEN + 2] = 0x86;
	mock_rx_now(eth0, f, n);
	mk_arp(f, MAC_BCAST, 9, MAC_PEER, ADDR_PEER, NULL, ADDR_US);
	mock_rx_now(eth0, f, n);
	CHECK_EQ(arp_mib[ARP_MIB_INBADHDR], 4);
	/* Multicast sender MAC. */
	mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_BCAST, ADDR_PEER, NULL, ADDR_US);
	mock_rx_now(eth0, f, n);
	CHECK_EQ(arp_mib[ARP_MIB_INBADSENDER], 1);
	/* Someone claims our address. */
	mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_PEER, ADDR_US, NULL, ADDR_US);
	mock_rx_now(eth0, f, n);
	CHECK_EQ(arp_mib[ARP_MIB_INCONFLICT], 1);
	CHECK(neigh_lookup(ADDR_US, eth0) == NULL);
	CHECK_EQ(neigh_count(), 0);
	CHECK_EQ(mock_tx_count(eth0), 0);
	/* RFC 5227 probe (sender 0.0.0.0) for our address: answered,
	 * nothing learnt. */
	mk_arp(f, MAC_BCAST, ARPOP_REQUEST, MAC_PEER, 0, NULL, ADDR_US);
	mock_rx_now(eth0, f, n);
	CHECK_EQ(mock_tx_count(eth0), 1);
	CHECK_EQ(neigh_count(), 0);
	fx_teardown();
}

TEST(arp_table_is_hashed_and_bounded)
{
	u8 f[64];

	CHECK(fx_setup());
	/* Requests from 1100 different senders on a /16. */
	inet_addr_add(eth0, IP(172, 16, 0, 1), 16);
	mock_tx_purge(eth0);
	for (int i = 0; i < 1100; i++) {
		u8 mac[6] = { 0x02, 0, 0, 0, (u8)(i >> 8), (u8)i };

		mock_rx_now(eth0, f, mk_arp(f, MAC_BCAST, ARPOP_REQUEST, mac,
					    IP(172, 16, i >> 8, i & 0xff),
					    NULL, IP(172, 16, 0, 1)));
		mock_tx_purge(eth0);
	}
	CHECK(neigh_count() <= ARP_TABLE_MAX);
	CHECK(neigh_count() >= ARP_TABLE_MAX - 1);
	CHECK(neigh_lookup(IP(172, 16, 4, 75), eth0) != NULL);   /* #1099 */
	inet_addr_del(eth0, IP(172, 16, 0, 1));
	fx_teardown();
}

TEST(proc_net_arp_format)
{
	char buf[1024];

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	send_ping(ADDR_GW);   /* leaves an incomplete entry */
	net_proc_arp_show(buf, sizeof(buf));
	CHECK(strncmp(buf, "IP address       HW type     Flags       "
			   "HW address            Mask     Device\n", 79) == 0);
	CHECK(strstr(buf, "10.0.2.100       0x1         0x2         "
			  "52:54:00:aa:bb:cc     *        eth0\n") != NULL);
	CHECK(strstr(buf, "10.0.2.2         0x1         0x0         "
			  "00:00:00:00:00:00     *        eth0\n") != NULL);
	fx_teardown();
}
