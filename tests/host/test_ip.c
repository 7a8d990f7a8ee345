/* IPv4: header validation counters, reassembly, fragmentation on output,
 * routing. */
#include "testlib.h"
#include <net/net_proc.h>
#include <stdlib.h>
#include <string.h>

static u8 frame[70000];
static u8 seg[70000];

static struct sock *bound_udp(u16 port)
{
	struct sock *sk = udp_kernel_sock(port, 0);

	CHECK(sk != NULL);
	return sk;
}

static size_t ping_frame(u8 *f)
{
	struct ipspec s = { 0 };

	return mk_icmp_echo(f, &s, ICMP_ECHO, 1, 1, "abcd", 4);
}

/* Deliver a mutated echo request and report whether it was answered. */
static bool answered(u8 *f, size_t n)
{
	u64 before = icmp_mib[ICMP_MIB_OUTECHOREPS];

	mock_rx_now(eth0, f, n);
	mock_tx_purge(eth0);
	return icmp_mib[ICMP_MIB_OUTECHOREPS] > before;
}

TEST(ip_valid_datagram_is_delivered)
{
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = ping_frame(frame);
	CHECK(answered(frame, n));
	CHECK_EQ(ip_mib[IPSTATS_MIB_INRECEIVES], 1);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INDELIVERS], 1);
	fx_teardown();
}

TEST(ip_header_errors_each_counted)
{
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);

	n = ping_frame(frame);                 /* shorter than 20 bytes */
	CHECK(!answered(frame, ETH_HLEN + 19));
	CHECK_EQ(ip_ext_mib[IPEXT_INTRUNCATEDPKTS], 1);

	n = ping_frame(frame);                 /* version 6 */
	frame_ip(frame)->ihl_version = 0x65;
	fix_ip_csum(frame);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INBADVERSION], 1);

	n = ping_frame(frame);                 /* IHL 4 */
	frame_ip(frame)->ihl_version = 0x44;
	CHECK(!answered(frame, n));
	n = ping_frame(frame);                 /* IHL 15 > datagram */
	frame_ip(frame)->ihl_version = 0x4f;
	CHECK(!answered(frame, ETH_HLEN + 40));
	CHECK_EQ(ip_ext_mib[IPEXT_INBADIHL], 2);

	n = ping_frame(frame);                 /* bad header checksum */
	frame_ip(frame)->check ^= 0x0100;
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INCSUMERRORS], 1);

	n = ping_frame(frame);                 /* total length > frame */
	frame_ip(frame)->tot_len = htons((u16)(n - ETH_HLEN + 1));
	fix_ip_csum(frame);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INTRUNCATEDPKTS], 2);

	n = ping_frame(frame);                 /* total length < IHL */
	frame_ip(frame)->tot_len = htons(19);
	fix_ip_csum(frame);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INBADIHL], 3);

	CHECK_EQ(ip_mib[IPSTATS_MIB_INHDRERRORS], 7);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INRECEIVES], 7);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INDELIVERS], 0);
	fx_teardown();
}

TEST(ip_link_padding_is_trimmed)
{
	struct sock *sk;
	struct pkbuf *pkb;
	struct ipspec s = { 0 };
	size_t n;

	CHECK(fx_setup());
	sk = bound_udp(7777);
	n = mk_udp(frame, &s, 1234, 7777, "hi", 2);   /* 44 bytes */
	memset(frame + n, 0xee, 60 - n);              /* Ethernet pad */
	mock_rx_now(eth0, frame, 60);
	pkb = pkb_peek(&sk->sk_receive_queue);
	CHECK(pkb && pkb->len == 8 + 2);
	CHECK_EQ(udp_mib[UDP_MIB_INDATAGRAMS], 1);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(ip_options_skipped_safely_malformed_dropped)
{
	u8 good[8] = { IPOPT_NOOP, 7, 7, 4, 0, 0, 0, 0 };  /* RR + pad */
	u8 zero_len[4] = { 0x83, 0, 0, 0 };
	u8 too_long[4] = { 0x83, 9, 4, 0 };
	u8 eol_then_junk[4] = { IPOPT_END, 0xff, 0xff, 0xff };
	struct ipspec s = { .opts = good, .optlen = 8 };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(answered(frame, n));
	s.opts = eol_then_junk;
	s.optlen = 4;
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(answered(frame, n));
	s.opts = zero_len;
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	s.opts = too_long;
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INBADOPTIONS], 2);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INHDRERRORS], 2);
	fx_teardown();
}

TEST(ip_address_checks)
{
	struct ipspec s = { 0 };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	s.daddr = IP(10, 0, 2, 99);                 /* not ours: no forwarding */
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_mib[IPSTATS_MIB_INADDRERRORS], 1);
	s.daddr = 0;
	s.saddr = IP(255, 255, 255, 255);           /* martian source */
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INMARTIANSRC], 1);
	s.saddr = IP(127, 0, 0, 1);                 /* loopback from wire */
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INMARTIANSRC], 2);
	s.saddr = ADDR_US;                          /* our own, from a wire */
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INMARTIANSRC], 3);
	s.saddr = 0;
	s.eth_dst = MAC_BCAST;                      /* RFC 1122 3.3.6 */
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(!answered(frame, n));
	CHECK_EQ(ip_ext_mib[IPEXT_INL2BCASTUNICAST], 1);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INADDRERRORS], 5);
	/* TTL 0 and 1 still reach a host (RFC 1122 3.2.1.7). */
	s.eth_dst = NULL;
	s.ttl = 1;
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "x", 1);
	CHECK(answered(frame, n));
	fx_teardown();
}

TEST(ip_unknown_protocol_gets_protocol_unreachable)
{
	struct ipspec s = { .protocol = 99 };
	struct pkbuf *tx;
	struct icmphdr *ih;
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = mk_ip(frame, &s, "payload!", 8);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INUNKNOWNPROTOS], 1);
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_ip(tx) && tx_ip(tx)->protocol == IPPROTO_ICMP);
	if (tx && tx_ip(tx)) {
		ih = tx_l4(tx);
		CHECK_EQ(ih->type, ICMP_DEST_UNREACH);
		CHECK_EQ(ih->code, ICMP_PROT_UNREACH);
		CHECK_EQ(tx_ip(tx)->daddr, ADDR_PEER);
		CHECK_EQ(tx_ip(tx)->saddr, ADDR_US);
		/* The quote starts with the offending header. */
		CHECK(memcmp(ih + 1, frame_ip(frame), 20) == 0);
	}
	pkb_free(tx);
	fx_teardown();
}

/* ---- Reassembly ---- */

/* The UDP segment of a datagram from the peer to us:port. */
static size_t udp_segment(u16 dport, size_t len)
{
	struct ipspec s = { 0 };
	u8 *data = malloc(len);
	size_t n;

	for (size_t i = 0; i < len; i++)
		data[i] = (u8)(i * 7 + 3);
	n = mk_udp(frame, &s, 4000, dport, data, len);
	free(data);
	memcpy(seg, frame + ETH_HLEN + 20, n - ETH_HLEN - 20);
	return n - ETH_HLEN - 20;
}

/* Send bytes [off, off+len) of seg as a fragment. */
static void send_frag(u16 id, size_t off, size_t len, bool mf)
{
	struct ipspec s = { .protocol = IPPROTO_UDP, .id = id };
	size_t n;

	s.frag = (u16)((off / 8) | (mf ? IP_MF : 0));
	n = mk_ip(frame, &s, seg + off, len);
	mock_rx_now(eth0, frame, n);
}

static bool got_datagram(struct sock *sk, size_t len)
{
	struct pkbuf *pkb = pkb_dequeue(&sk->sk_receive_queue);
	bool ok;

	if (!pkb)
		return false;
	ok = pkb->len == len && memcmp(pkb->data, seg, len) == 0;
	pkb_free(pkb);
	return ok;
}

TEST(reasm_in_order_and_out_of_order)
{
	struct sock *sk;
	size_t len;

	CHECK(fx_setup());
	sk = bound_udp(9000);
	len = udp_segment(9000, 3000);
	send_frag(1, 0, 1480, true);
	send_frag(1, 1480, 1480, true);
	CHECK(!got_datagram(sk, len));
	send_frag(1, 2960, len - 2960, false);
	CHECK(got_datagram(sk, len));

	send_frag(2, 2960, len - 2960, false);
	send_frag(2, 0, 1480, true);
	send_frag(2, 1480, 1480, true);
	CHECK(got_datagram(sk, len));
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMREQDS], 6);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMOKS], 2);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMFAILS], 0);
	CHECK_EQ(udp_mib[UDP_MIB_INDATAGRAMS], 2);
	CHECK_EQ(ip_frag_queue_count(), 0);
	CHECK_EQ(ip_frag_mem(), 0);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(reasm_duplicate_fragment_ignored)
{
	struct sock *sk;
	size_t len;

	CHECK(fx_setup());
	sk = bound_udp(9000);
	len = udp_segment(9000, 2000);
	send_frag(3, 0, 1480, true);
	send_frag(3, 0, 1480, true);
	send_frag(3, 1480, len - 1480, false);
	CHECK(got_datagram(sk, len));
	CHECK_EQ(ip_ext_mib[IPEXT_REASMDUPLICATES], 1);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(reasm_overlap_drops_whole_datagram_rfc5722)
{
	struct sock *sk;
	size_t len;

	CHECK(fx_setup());
	sk = bound_udp(9000);
	len = udp_segment(9000, 3000);
	send_frag(4, 0, 1480, true);
	send_frag(4, 1472, 1480, true);      /* overlaps the first by 8 */
	send_frag(4, 1480, 1480, true);      /* would complete... */
	send_frag(4, 2960, len - 2960, false);
	CHECK(!got_datagram(sk, len));
	CHECK_EQ(ip_ext_mib[IPEXT_REASMOVERLAPS], 1);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMFAILS], 1);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMOKS], 0);
	/* The dead queue holds no buffers and goes with its timer. */
	CHECK_EQ(ip_frag_queue_count(), 1);
	CHECK(ip_frag_mem() < 200);
	host_advance(ipfrag_time_ms);
	CHECK_EQ(ip_frag_queue_count(), 0);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMFAILS], 1);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(reasm_timeout_sends_time_exceeded_only_with_first_fragment)
{
	struct pkbuf *tx;
	struct icmphdr *ih;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	udp_segment(9000, 3000);
	send_frag(5, 0, 1480, true);
	send_frag(6, 1480, 1480, true);      /* no first fragment */
	host_advance(ipfrag_time_ms - 1);
	CHECK_EQ(ip_frag_queue_count(), 2);
	host_advance(1);
	CHECK_EQ(ip_frag_queue_count(), 0);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMTIMEOUT], 2);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMFAILS], 2);
	CHECK_EQ(mock_tx_count(eth0), 1);
	tx = mock_tx_pop(eth0);
	ih = tx ? tx_l4(tx) : NULL;
	CHECK(ih && ih->type == ICMP_TIME_EXCEEDED &&
	      ih->code == ICMP_EXC_FRAGTIME);
	CHECK(tx && tx_ip(tx)->daddr == ADDR_PEER);
	if (ih)     /* quotes the first fragment's header (id 5) */
		CHECK_EQ(((struct iphdr *)(ih + 1))->id, htons(5));
	pkb_free(tx);
	fx_teardown();
}

TEST(reasm_memory_limit_and_bad_fragments)
{
	CHECK(fx_setup());
	udp_segment(9000, 3000);
	ipfrag_high_thresh = 20000;
	for (int id = 100; id < 140; id++)
		send_frag((u16)id, 0, 1480, true);
	CHECK(ip_frag_mem() <= 20000);
	CHECK(ip_ext_mib[IPEXT_REASMMEMFULL] > 0);
	CHECK(ip_frag_queue_count() < 40);
	ip_frag_flush();
	ipfrag_high_thresh = 4 * 1024 * 1024;

	send_frag(200, 0, 1001, true);      /* MF with a non-multiple of 8 */
	CHECK_EQ(ip_ext_mib[IPEXT_REASMBADFRAG], 1);
	send_frag(201, 65528, 8, false);    /* ends past 65535 */
	CHECK_EQ(ip_ext_mib[IPEXT_REASMOVERSIZE], 1);
	CHECK_EQ(ip_frag_queue_count(), 0);
	/* A last fragment that contradicts the known end kills the queue. */
	send_frag(202, 1480, 1480, false);
	send_frag(202, 2960, 1480, false);
	CHECK(ip_ext_mib[IPEXT_REASMBADFRAG] >= 2);
	fx_teardown();
}

TEST(icmp_echo_4000_bytes_via_fragments)
{
	struct ipspec s = { .protocol = IPPROTO_ICMP, .id = 77 };
	u8 data[4000], *reply = calloc(1, 5000);
	struct pkbuf *tx;
	size_t total = 0, msg_len;
	int frags = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i ^ (i >> 8));
	msg_len = mk_icmp_echo(frame, &s, ICMP_ECHO, 0x1234, 9, data,
			       sizeof(data)) - ETH_HLEN - 20;
	memcpy(seg, frame + ETH_HLEN + 20, msg_len);
	for (size_t off = 0; off < msg_len; off += 1480) {
		size_t n = MIN((size_t)1480, msg_len - off);

		s.frag = (u16)((off / 8) | (off + n < msg_len ? IP_MF : 0));
		mock_rx_now(eth0, frame, mk_ip(frame, &s, seg + off, n));
	}
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMOKS], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 1);
	/* The reply leaves in fragments of at most the MTU. */
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct iphdr *iph = tx_ip(tx);
		size_t off = (ntohs(iph->frag_off) & IP_OFFSET) * 8u;
		size_t n = ntohs(iph->tot_len) - 20u;

		CHECK(ntohs(iph->tot_len) <= 1500);
		CHECK(ip_csum_ok(iph));
		CHECK_EQ(iph->daddr, ADDR_PEER);
		if (off + n <= 5000)
			memcpy(reply + off, tx_l4(tx), n);
		total += n;
		frags++;
		pkb_free(tx);
	}
	CHECK_EQ(frags, 3);
	CHECK_EQ(total, msg_len);
	CHECK_EQ(((struct icmphdr *)reply)->type, ICMP_ECHOREPLY);
	CHECK_EQ(((struct icmphdr *)reply)->un.echo.id, htons(0x1234));
	CHECK(memcmp(reply + 8, data, sizeof(data)) == 0);
	CHECK_EQ(csum_fold(csum_partial(reply, msg_len, 0)), 0);
	free(reply);
	fx_teardown();
}

/* ---- Output ---- */

TEST(ip_fragmentation_on_output)
{
	struct sock *sk;
	u8 data[3000];
	struct pkbuf *tx;
	unsigned int expect_off = 0;
	be16 id = 0;
	int n = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = bound_udp(5000);
	memset(data, 0x42, sizeof(data));
	CHECK_EQ(udp_sendto(sk, ADDR_PEER, htons(6000), data, sizeof(data)),
		 (int)sizeof(data));
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct iphdr *iph = tx_ip(tx);
		u16 fo = ntohs(iph->frag_off);

		CHECK(ip_csum_ok(iph));
		CHECK_EQ((fo & IP_OFFSET) * 8u, expect_off);
		if (n == 0)
			id = iph->id;
		CHECK_EQ(iph->id, id);
		CHECK_EQ(!!(fo & IP_MF), n < 2);
		CHECK((ntohs(iph->tot_len) - 20) % 8 == 0 || n == 2);
		expect_off += ntohs(iph->tot_len) - 20u;
		n++;
		pkb_free(tx);
	}
	CHECK_EQ(n, 3);
	CHECK_EQ(expect_off, 3008);
	CHECK_EQ(ip_mib[IPSTATS_MIB_FRAGOKS], 1);
	CHECK_EQ(ip_mib[IPSTATS_MIB_FRAGCREATES], 3);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(ip_df_too_big_is_emsgsize)
{
	struct ip_tx_params p = { .daddr = ADDR_PEER, .protocol = 253,
				  .df = true };
	struct pkbuf *pkb;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	pkb = pkb_alloc_tx(2000);
	pkb_put(pkb, 2000);
	CHECK_EQ(ip_send_pkb(pkb, &p), -EMSGSIZE);
	CHECK_EQ(ip_mib[IPSTATS_MIB_FRAGFAILS], 1);
	CHECK_EQ(mock_tx_count(eth0), 0);
	fx_teardown();
}

/* ---- Routing ---- */

TEST(route_longest_prefix_match)
{
	struct net_device *eth1;
	struct rtable rt;

	CHECK(fx_setup());
	eth1 = mock_netdev_create(MAC_PEER);
	inet_addr_add(eth1, IP(192, 168, 1, 5), 24);
	CHECK_EQ(fib_add(IP(10, 0, 0, 0), 8, IP(192, 168, 1, 1), eth1, 0, 0), 0);
	CHECK_EQ(fib_add(IP(10, 0, 2, 128), 25, IP(10, 0, 2, 3), eth0, 0, 0), 0);
	CHECK_EQ(fib_add(IP(10, 0, 2, 200), 32, IP(10, 0, 2, 4), eth0, 0, 0), 0);

	CHECK_EQ(ip_route_output(IP(10, 0, 2, 7), 0, 0, &rt), 0);   /* /24 */
	CHECK(rt.dev == eth0 && rt.nexthop == IP(10, 0, 2, 7));
	CHECK_EQ(rt.saddr, ADDR_US);
	CHECK_EQ(ip_route_output(IP(10, 0, 2, 130), 0, 0, &rt), 0); /* /25 */
	CHECK(rt.nexthop == IP(10, 0, 2, 3));
	CHECK_EQ(ip_route_output(IP(10, 0, 2, 200), 0, 0, &rt), 0); /* /32 */
	CHECK(rt.nexthop == IP(10, 0, 2, 4));
	CHECK_EQ(ip_route_output(IP(10, 9, 9, 9), 0, 0, &rt), 0);   /* /8 */
	CHECK(rt.dev == eth1 && rt.nexthop == IP(192, 168, 1, 1));
	CHECK_EQ(rt.saddr, IP(192, 168, 1, 5));
	CHECK_EQ(ip_route_output(IP(8, 8, 8, 8), 0, 0, &rt), 0);    /* /0 */
	CHECK(rt.dev == eth0 && rt.nexthop == ADDR_GW);
	CHECK_EQ(ip_route_output(IP(10, 0, 2, 255), 0, 0, &rt), 0);
	CHECK_EQ(rt.type, RTN_BROADCAST);
	CHECK_EQ(ip_route_output(ADDR_US, 0, 0, &rt), 0);
	CHECK(rt.type == RTN_LOCAL && rt.dev == loopback_dev);
	/* Pinned device: only its routes count. */
	CHECK_EQ(ip_route_output(IP(8, 8, 8, 8), 0, eth1->ifindex, &rt),
		 -ENETUNREACH);
	/* Without a default route, off-link is unreachable. */
	ip_route_set_default(0, NULL);
	CHECK_EQ(ip_route_output(IP(8, 8, 8, 8), 0, 0, &rt), -ENETUNREACH);
	CHECK_EQ(icmp_echo_send(IP(8, 8, 8, 8), 0, 0, NULL, 0), -ENETUNREACH);
	CHECK_EQ(ip_mib[IPSTATS_MIB_OUTNOROUTES], 1);
	fib_del(IP(10, 0, 0, 0), 8, IP(192, 168, 1, 1), eth1);
	fib_del(IP(10, 0, 2, 128), 25, IP(10, 0, 2, 3), eth0);
	fib_del(IP(10, 0, 2, 200), 32, IP(10, 0, 2, 4), eth0);
	ip_route_set_default(ADDR_GW, eth0);
	inet_addr_flush(eth1);
	mock_tx_purge(eth1);
	unregister_netdev(eth1);
	netif_napi_del(&mock_priv(eth1)->napi);
	free_netdev(eth1);
	fx_teardown();
}

TEST(proc_net_route_format)
{
	char buf[2048];

	CHECK(fx_setup());
	net_proc_route_show(buf, sizeof(buf));
	CHECK(strncmp(buf, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\t"
			   "Metric\tMask\t\tMTU\tWindow\tIRTT", 60) == 0);
	CHECK(strstr(buf, "\neth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF"
			  "\t0\t0\t0") != NULL);
	CHECK(strstr(buf, "\neth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000"
			  "\t0\t0\t0") != NULL);
	CHECK(strstr(buf, "\nlo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF")
	      != NULL);
	/* Each line is padded to 127 characters, as Linux. */
	CHECK(strchr(buf, '\n') - buf == 127);
	fx_teardown();
}
