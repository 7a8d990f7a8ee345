/* ICMP Redirect (RFC 1122 3.2.2.2): believed only from our gateway for the
 * destination, naming a unicast neighbour on the same link; then the
 * destination's traffic goes to the new gateway. */
#include "testlib.h"
#include <string.h>

static const u8 MAC_NEWGW[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x0e, 0x0e, 0x0e };
#define ADDR_NEWGW IP(10, 0, 2, 3)

static u8 frame[2048];

/* A redirect from src about a datagram we sent to dst. */
static size_t mk_redirect(be32 src, be32 dst, be32 new_gw, u8 code)
{
	u8 msg[8 + 28];
	struct icmphdr *ih = (struct icmphdr *)msg;
	struct iphdr *inner = (struct iphdr *)(msg + 8);
	struct ipspec s = { .saddr = src, .protocol = IPPROTO_ICMP };

	memset(msg, 0, sizeof(msg));
	ih->type = ICMP_REDIRECT;
	ih->code = code;
	ih->un.gateway = new_gw;
	inner->ihl_version = 0x45;
	inner->tot_len = htons(28);
	inner->ttl = 64;
	inner->protocol = IPPROTO_UDP;
	inner->saddr = ADDR_US;
	inner->daddr = dst;
	ih->checksum = htons(csum_fold(csum_partial(msg, sizeof(msg), 0)));
	if (src == ADDR_GW)
		s.eth_src = MAC_GW;
	return mk_ip(frame, &s, msg, sizeof(msg));
}

/* Where a datagram to dst goes now: the Ethernet destination. */
static const u8 *first_hop(struct sock *sk, be32 dst)
{
	static u8 mac[ETH_ALEN];
	struct pkbuf *tx;

	mock_tx_purge(eth0);
	CHECK_EQ(udp_sendto(sk, dst, htons(9), "x", 1), 1);
	tx = mock_tx_pop(eth0);
	CHECK(tx != NULL);
	if (!tx)
		return NULL;
	memcpy(mac, tx_eth(tx)->h_dest, ETH_ALEN);
	pkb_free(tx);
	return mac;
}

static struct sock *setup(void)
{
	struct sock *sk;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_GW, MAC_GW);
	fx_learn(eth0, ADDR_NEWGW, MAC_NEWGW);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = udp_kernel_sock(5000, 0);
	CHECK(sk != NULL);
	return sk;
}

TEST(redirect_from_gateway_moves_the_first_hop)
{
	struct sock *sk = setup();

	CHECK(memcmp(first_hop(sk, ADDR_FAR), MAC_GW, ETH_ALEN) == 0);
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, ADDR_NEWGW, 1));
	CHECK_EQ(icmp_ext_mib[ICMPEXT_INREDIRECTSACCEPTED], 1);
	CHECK(memcmp(first_hop(sk, ADDR_FAR), MAC_NEWGW, ETH_ALEN) == 0);
	/* Only that destination: the rest still goes to the gateway. */
	CHECK(memcmp(first_hop(sk, IP(192, 0, 2, 8)), MAC_GW, ETH_ALEN) == 0);
	/* A network redirect (code 0) is taken as a host redirect too. */
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, IP(192, 0, 2, 8), ADDR_NEWGW, 0));
	CHECK(memcmp(first_hop(sk, IP(192, 0, 2, 8)), MAC_NEWGW, ETH_ALEN) == 0);
	/* A new default route forgets what the old one's gateway said. */
	ip_route_set_default(ADDR_GW, eth0);
	CHECK(memcmp(first_hop(sk, ADDR_FAR), MAC_GW, ETH_ALEN) == 0);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(unbelievable_redirects_are_rejected)
{
	struct sock *sk = setup();

	/* Not from the gateway we use for that destination. */
	mock_rx_now(eth0, frame, mk_redirect(ADDR_PEER, ADDR_FAR, ADDR_NEWGW, 1));
	/* New gateway off this link, ours, broadcast, zero. */
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, IP(10, 9, 9, 9), 1));
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, ADDR_US, 1));
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, IP(10, 0, 2, 255), 1));
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, 0, 1));
	/* About an on-link destination (no gateway involved). */
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_PEER, ADDR_NEWGW, 1));
	/* Unknown code. */
	mock_rx_now(eth0, frame, mk_redirect(ADDR_GW, ADDR_FAR, ADDR_NEWGW, 9));
	CHECK_EQ(icmp_ext_mib[ICMPEXT_INREDIRECTSACCEPTED], 0);
	CHECK_EQ(icmp_ext_mib[ICMPEXT_INREDIRECTSREJECTED], 7);
	CHECK(memcmp(first_hop(sk, ADDR_FAR), MAC_GW, ETH_ALEN) == 0);
	CHECK(memcmp(first_hop(sk, ADDR_PEER), MAC_PEER, ETH_ALEN) == 0);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(redirect_table_is_bounded)
{
	struct sock *sk = setup();

	for (int i = 0; i < 200; i++)
		mock_rx_now(eth0, frame,
			    mk_redirect(ADDR_GW, IP(198, 51, (i >> 8) & 0xff, i & 0xff),
					ADDR_NEWGW, 1));
	CHECK_EQ(icmp_ext_mib[ICMPEXT_INREDIRECTSACCEPTED], 200);
	/* The newest are kept, the oldest evicted. */
	CHECK(memcmp(first_hop(sk, IP(198, 51, 0, 199)), MAC_NEWGW, ETH_ALEN) == 0);
	CHECK(memcmp(first_hop(sk, IP(198, 51, 0, 0)), MAC_GW, ETH_ALEN) == 0);
	udp_close(sk, 0);
	fx_teardown();
}
