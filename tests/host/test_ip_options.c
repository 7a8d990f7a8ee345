/* IPv4 options: Record Route and Timestamp recorded on input and echoed in
 * echo replies (RFC 1122 3.2.2.6), Parameter Problem for a malformed list
 * (3.2.2.5), source routes refused, options after the first fragment. */
#include "testlib.h"
#include <string.h>

static u8 frame[9000];

/* Deliver an echo request carrying opts; returns the one frame sent. */
static struct pkbuf *echo_with(const u8 *opts, unsigned int optlen,
			       size_t datalen)
{
	static u8 data[8000];
	struct ipspec s = { .opts = opts, .optlen = optlen };
	size_t n;

	memset(data, 'd', sizeof(data));
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 7, 1, data, datalen);
	mock_rx_now(eth0, frame, n);
	return mock_tx_pop(eth0);
}

static const u8 *tx_opts(struct pkbuf *tx)
{
	return (const u8 *)(tx_ip(tx) + 1);
}

TEST(echo_reply_records_route_twice)
{
	/* RR with four empty slots, then NOOP padding to 20 bytes. */
	u8 rr[20] = { IPOPT_RR, 19, 4 };
	struct pkbuf *tx;
	const u8 *o;
	be32 us = ADDR_US;

	rr[19] = IPOPT_END;
	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	tx = echo_with(rr, sizeof(rr), 8);
	CHECK(tx != NULL);
	CHECK_EQ(ip_hdr_ihl(tx_ip(tx)), 10u);
	CHECK(ip_csum_ok(tx_ip(tx)));
	o = tx_opts(tx);
	/* Our address went in on the way in and again on the way out,
	 * as Linux answers `ping -R`. */
	CHECK_EQ(o[0], IPOPT_RR);
	CHECK_EQ(o[1], 19);
	CHECK_EQ(o[2], 12);
	CHECK(memcmp(o + 3, &us, 4) == 0);
	CHECK(memcmp(o + 7, &us, 4) == 0);
	CHECK_EQ(o[11] | o[12] | o[13] | o[14], 0);
	CHECK_EQ(((struct icmphdr *)tx_l4(tx))->type, ICMP_ECHOREPLY);
	CHECK_EQ(csum_fold(csum_partial(tx_l4(tx), 16, 0)), 0);
	pkb_free(tx);

	/* A full RR is echoed as it came. */
	rr[2] = 20;
	tx = echo_with(rr, sizeof(rr), 8);
	CHECK(tx != NULL);
	CHECK_EQ(tx_opts(tx)[2], 20);
	pkb_free(tx);
	fx_teardown();
}

TEST(echo_reply_echoes_timestamps_and_overflow)
{
	u8 ts[16] = { IPOPT_TIMESTAMP, 16, 5, IPOPT_TS_TSONLY };
	u8 full[8] = { IPOPT_TIMESTAMP, 8, 9, IPOPT_TS_TSONLY };
	struct pkbuf *tx;
	const u8 *o;

	be32 when;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	host_advance(1234);           /* the simulated day began at 0 ms */
	when = htonl(inet_current_timestamp());
	CHECK_EQ(ntohl(when), 1234u);
	tx = echo_with(ts, sizeof(ts), 8);
	CHECK(tx != NULL);
	o = tx_opts(tx);
	CHECK_EQ(o[0], IPOPT_TIMESTAMP);
	CHECK_EQ(o[2], 13);               /* two of three slots filled */
	CHECK(memcmp(o + 4, &when, 4) == 0);
	CHECK(memcmp(o + 8, &when, 4) == 0);
	CHECK(memcmp(o + 12, "\0\0\0\0", 4) == 0);
	pkb_free(tx);

	/* No room: the overflow count goes up by one hop. */
	tx = echo_with(full, sizeof(full), 8);
	CHECK(tx != NULL);
	CHECK_EQ(tx_opts(tx)[3] >> 4, 1);
	pkb_free(tx);
	/* ... and may not wrap: Parameter Problem at the flags byte. */
	full[3] = 0xf0;
	tx = echo_with(full, sizeof(full), 8);
	CHECK(tx != NULL);
	CHECK_EQ(((struct icmphdr *)tx_l4(tx))->type, ICMP_PARAMETERPROB);
	CHECK_EQ(((u8 *)tx_l4(tx))[4], 20 + 3);
	pkb_free(tx);
	/* Addresses and times: our address, then a time. */
	{
		u8 ta[12] = { IPOPT_TIMESTAMP, 12, 5, IPOPT_TS_TSANDADDR };
		be32 us = ADDR_US;

		tx = echo_with(ta, sizeof(ta), 8);
		CHECK(tx != NULL);
		CHECK(memcmp(tx_opts(tx) + 4, &us, 4) == 0);
		CHECK_EQ(tx_opts(tx)[2], 13);
		pkb_free(tx);
	}
	fx_teardown();
}

TEST(malformed_option_gets_parameter_problem)
{
	/* RR whose pointer is below its minimum (4). */
	u8 low_ptr[8] = { IPOPT_RR, 7, 3 };
	/* A NOOP, then an option whose length runs past the header. */
	u8 too_long[8] = { IPOPT_NOOP, 0x44, 12, 5 };
	struct pkbuf *tx;
	struct icmphdr *ih;
	const struct iphdr *quoted;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	tx = echo_with(low_ptr, sizeof(low_ptr), 8);
	CHECK(tx != NULL);
	ih = tx_l4(tx);
	CHECK_EQ(ih->type, ICMP_PARAMETERPROB);
	CHECK_EQ(ih->code, 0);
	CHECK_EQ(((u8 *)ih)[4], 20 + 2);   /* pointer: the RR pointer byte */
	quoted = (const struct iphdr *)(ih + 1);
	CHECK_EQ(quoted->daddr, ADDR_US);
	CHECK_EQ(ip_hdr_ihl(quoted), 7u);
	pkb_free(tx);

	tx = echo_with(too_long, sizeof(too_long), 8);
	CHECK(tx != NULL);
	CHECK_EQ(((u8 *)tx_l4(tx))[4], 20 + 1);
	pkb_free(tx);
	CHECK_EQ(ip_ext_mib[IPEXT_INBADOPTIONS], 2);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INHDRERRORS], 2);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTPARMPROBS], 2);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 0);
	fx_teardown();
}

TEST(source_routed_datagram_is_refused)
{
	u8 lsrr[8] = { IPOPT_LSRR, 7, 4, 10, 0, 2, 1, IPOPT_END };

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK(echo_with(lsrr, sizeof(lsrr), 8) == NULL);
	CHECK_EQ(ip_ext_mib[IPEXT_INSRCROUTED], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 0);
	fx_teardown();
}

TEST(subnet_broadcast_source_is_martian)
{
	struct ipspec s = { .saddr = IP(10, 0, 2, 255) };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(mock_tx_count(eth0), 0);
	CHECK_EQ(ip_ext_mib[IPEXT_INMARTIANSRC], 1);
	fx_teardown();
}

TEST(large_echo_with_rr_keeps_options_only_in_first_fragment)
{
	u8 rr[12] = { IPOPT_RR, 11, 4 };
	struct ipspec s = { .opts = rr, .optlen = sizeof(rr),
			    .protocol = IPPROTO_ICMP, .id = 5 };
	static u8 data[3000], seg[3100];
	struct pkbuf *tx;
	size_t msg_len;
	int frags = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	memset(data, 'q', sizeof(data));
	/* Build the ICMP message, then send it in two fragments. */
	msg_len = mk_icmp_echo(frame, &s, ICMP_ECHO, 3, 3, data, sizeof(data)) -
		  ETH_HLEN - 20 - sizeof(rr);
	memcpy(seg, frame + ETH_HLEN + 20 + sizeof(rr), msg_len);
	s.frag = IP_MF;
	mock_rx_now(eth0, frame, mk_ip(frame, &s, seg, 1464));
	s.frag = 1464 / 8;
	s.opts = NULL;
	s.optlen = 0;
	mock_rx_now(eth0, frame, mk_ip(frame, &s, seg + 1464, msg_len - 1464));
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 1);
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		const struct iphdr *iph = tx_ip(tx);
		const u8 *o = (const u8 *)(iph + 1);

		CHECK(ip_csum_ok(iph));
		CHECK_EQ(ip_hdr_ihl(iph), 8u);
		CHECK(ntohs(iph->tot_len) <= 1500);
		if (frags == 0) {
			CHECK_EQ(o[0], IPOPT_RR);
			CHECK_EQ(o[2], 12);
		} else {
			for (int i = 0; i < 11; i++)
				CHECK_EQ(o[i], IPOPT_NOOP);
		}
		frags++;
		pkb_free(tx);
	}
	CHECK_EQ(frags, 3);
	fx_teardown();
}

TEST(options_fragment_keeps_copied_options)
{
	u8 o[12] = { IPOPT_RR, 3, 4, IPOPT_NOOP, 0x94, 4, 0, 0,
		     IPOPT_LSRR, 3, 4, IPOPT_END };

	ip_options_fragment(o, sizeof(o));
	CHECK_EQ(o[0], IPOPT_NOOP);
	CHECK_EQ(o[2], IPOPT_NOOP);
	CHECK_EQ(o[4], 0x94);           /* router alert: copied flag set */
	CHECK_EQ(o[8], IPOPT_LSRR);
}

TEST(broadcast_datagram_records_our_address_not_the_broadcast)
{
	u8 rr[8] = { IPOPT_RR, 7, 4 };
	struct ipspec s = { .daddr = IP(10, 0, 2, 255), .eth_dst = MAC_BCAST,
			    .opts = rr, .optlen = sizeof(rr) };
	struct sock *sk;
	struct pkbuf *pkb;
	be32 us = ADDR_US;
	size_t n;

	CHECK(fx_setup());
	sk = udp_kernel_sock(7777, 0);
	CHECK(sk != NULL);
	n = mk_udp(frame, &s, 1234, 7777, "hi", 2);
	mock_rx_now(eth0, frame, n);
	pkb = pkb_peek(&sk->sk_receive_queue);
	CHECK(pkb != NULL);
	if (pkb) {
		const u8 *o = (const u8 *)(ip_hdr(pkb) + 1);

		CHECK_EQ(o[2], 8);
		CHECK(memcmp(o + 3, &us, 4) == 0);
	}
	udp_close(sk, 0);
	fx_teardown();
}
