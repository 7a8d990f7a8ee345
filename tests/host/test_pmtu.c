/* Path MTU discovery for datagram sockets (RFC 1191, as Linux does it):
 * DF when a datagram fits, "fragmentation needed" lowers the path MTU to
 * that destination for 10 minutes (never below 552, which then "locks"
 * the path: no DF), IP_MTU_DISCOVER's other modes. */
#include "testlib.h"
#include <string.h>

static u8 frame[2048];
static u8 data[3000];

/* ICMP fragmentation needed from the gateway about a datagram src->dst. */
static size_t mk_frag_needed(be32 src, be32 dst, u16 mtu)
{
	u8 msg[8 + 28];
	struct icmphdr *ih = (struct icmphdr *)msg;
	struct iphdr *inner = (struct iphdr *)(msg + 8);
	struct ipspec s = { .saddr = ADDR_GW, .eth_src = MAC_GW,
			    .protocol = IPPROTO_ICMP };

	memset(msg, 0, sizeof(msg));
	ih->type = ICMP_DEST_UNREACH;
	ih->code = ICMP_FRAG_NEEDED;
	ih->un.frag.mtu = htons(mtu);
	inner->ihl_version = 0x45;
	inner->tot_len = htons(1028);
	inner->frag_off = htons(IP_DF);
	inner->ttl = 64;
	inner->protocol = IPPROTO_UDP;
	inner->saddr = src;
	inner->daddr = dst;
	ih->checksum = htons(csum_fold(csum_partial(msg, sizeof(msg), 0)));
	return mk_ip(frame, &s, msg, sizeof(msg));
}

struct sent {
	int frames;
	unsigned int max_len;
	bool all_df, any_df;
};

static struct sent send_len(struct sock *sk, be32 dst, size_t len)
{
	struct sent r = { 0, 0, true, false };
	struct pkbuf *tx;

	mock_tx_purge(eth0);
	CHECK_EQ(udp_sendto(sk, dst, htons(9), data, len), (int)len);
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		const struct iphdr *iph = tx_ip(tx);
		bool df;

		if (!iph) {             /* ARP refreshing the gateway */
			pkb_free(tx);
			continue;
		}
		df = (iph->frag_off & htons(IP_DF)) != 0;
		CHECK(ip_csum_ok(iph));
		r.frames++;
		r.max_len = MAX(r.max_len, (unsigned int)ntohs(iph->tot_len));
		r.all_df &= df;
		r.any_df |= df;
		pkb_free(tx);
	}
	return r;
}

static struct sock *setup(void)
{
	struct sock *sk;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_GW, MAC_GW);
	sk = udp_kernel_sock(5000, 0);
	CHECK(sk != NULL);
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;   /* what socket() gives */
	return sk;
}

TEST(df_until_fragmentation_needed_then_fragment_to_the_path_mtu)
{
	struct sock *sk = setup();
	struct sent r;

	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 1 && r.all_df);
	r = send_len(sk, ADDR_FAR, 2000);         /* over the device MTU */
	CHECK(r.frames == 2 && !r.any_df);
	mock_rx_now(eth0, frame, mk_frag_needed(ADDR_US, ADDR_FAR, 576));
	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 2 && !r.any_df && r.max_len <= 576);
	r = send_len(sk, ADDR_FAR, 500);          /* 528 bytes: fits, DF */
	CHECK(r.frames == 1 && r.all_df);
	/* Only that destination. */
	r = send_len(sk, IP(192, 0, 2, 8), 1000);
	CHECK(r.frames == 1 && r.all_df);
	/* A larger MTU is not news; after 10 minutes the path is tried
	 * at full size again (RFC 1191 6.3). */
	mock_rx_now(eth0, frame, mk_frag_needed(ADDR_US, ADDR_FAR, 1400));
	CHECK(send_len(sk, ADDR_FAR, 1000).frames == 2);
	host_advance(10 * 60 * 1000);
	fx_learn(eth0, ADDR_GW, MAC_GW);          /* ARP aged meanwhile */
	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 1 && r.all_df);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(tiny_mtu_locks_the_path_at_552_without_df)
{
	struct sock *sk = setup();
	struct sent r;

	mock_rx_now(eth0, frame, mk_frag_needed(ADDR_US, ADDR_FAR, 68));
	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 2 && !r.any_df && r.max_len <= 552);
	r = send_len(sk, ADDR_FAR, 100);
	CHECK(r.frames == 1 && !r.any_df);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(reports_about_others_datagrams_are_ignored)
{
	struct sock *sk = setup();

	mock_rx_now(eth0, frame, mk_frag_needed(ADDR_PEER, ADDR_FAR, 576));
	CHECK_EQ(send_len(sk, ADDR_FAR, 1000).frames, 1);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(ip_mtu_discover_modes)
{
	struct sock *sk = setup();
	struct sent r;

	inet_sk(sk)->pmtudisc = IP_PMTUDISC_DONT;
	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 1 && !r.any_df);
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_DO;
	CHECK_EQ(udp_sendto(sk, ADDR_FAR, htons(9), data, 2000), -EMSGSIZE);
	mock_rx_now(eth0, frame, mk_frag_needed(ADDR_US, ADDR_FAR, 576));
	CHECK_EQ(udp_sendto(sk, ADDR_FAR, htons(9), data, 1000), -EMSGSIZE);
	r = send_len(sk, ADDR_FAR, 500);
	CHECK(r.frames == 1 && r.all_df);
	/* PROBE ignores the path MTU, not the device's. */
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_PROBE;
	r = send_len(sk, ADDR_FAR, 1000);
	CHECK(r.frames == 1 && r.all_df);
	CHECK_EQ(udp_sendto(sk, ADDR_FAR, htons(9), data, 2000), -EMSGSIZE);
	mock_tx_purge(eth0);
	udp_close(sk, 0);
	fx_teardown();
}
