/* UDP demux/checksums/sockets and ICMP errors: port unreachable, RFC 1122
 * suppression rules, rate limit, error delivery to sockets. */
#include "testlib.h"
#include <net/net_proc.h>
#include <net/raw.h>
#include <net/tcp.h>
#include <stdlib.h>
#include <string.h>

static u8 frame[2048];

static struct sock *usock(be32 addr, u16 port)
{
	struct sock *sk = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr = { addr } };

	CHECK(sk != NULL);
	CHECK_EQ(udp_bind(sk, &sin), 0);
	return sk;
}

static int recv_from(struct sock *sk, char *buf, size_t len,
		     struct sockaddr_in *from, int flags)
{
	struct kvec iov = { buf, len };
	struct msghdr msg = { .msg_name = from, .msg_namelen = sizeof(*from),
			      .msg_iov = &iov, .msg_iovlen = 1 };
	int alen = 0;

	return udp_recvmsg(sk, &msg, len, flags | MSG_DONTWAIT, &alen);
}

static void rx_udp(be32 saddr, u16 sport, be32 daddr, u16 dport,
		   const char *data)
{
	struct ipspec s = { .saddr = saddr, .daddr = daddr };

	mock_rx_now(eth0, frame, mk_udp(frame, &s, sport, dport, data,
					strlen(data)));
}

TEST(udp_demux_prefers_most_specific_socket)
{
	struct sock *wild, *bound, *conn;
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(1111),
				    .sin_addr = { ADDR_PEER } };
	char buf[32];

	CHECK(fx_setup());
	wild = usock(0, 53);
	bound = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	bound->sk_reuse = true;
	wild->sk_reuse = true;
	{
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(53),
					   .sin_addr = { ADDR_US } };
		CHECK_EQ(udp_bind(bound, &sin), 0);
	}
	conn = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	conn->sk_reuse = true;
	{
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(53) };
		CHECK_EQ(udp_bind(conn, &sin), 0);
	}
	CHECK_EQ(udp_connect(conn, &peer), 0);

	rx_udp(ADDR_PEER, 1111, ADDR_US, 53, "conn");     /* 4-tuple */
	rx_udp(ADDR_PEER, 2222, ADDR_US, 53, "bound");    /* addr match */
	rx_udp(ADDR_PEER, 2222, IP(127, 0, 0, 1), 53, "x");  /* martian */
	CHECK_EQ(recv_from(conn, buf, sizeof(buf), NULL, 0), 4);
	CHECK(memcmp(buf, "conn", 4) == 0);
	CHECK_EQ(recv_from(bound, buf, sizeof(buf), NULL, 0), 5);
	CHECK_EQ(recv_from(wild, buf, sizeof(buf), NULL, 0), -EAGAIN);
	/* Broadcast: every matching socket gets a copy. */
	rx_udp(ADDR_PEER, 2222, IP(10, 0, 2, 255), 53, "bcast");
	CHECK_EQ(recv_from(wild, buf, sizeof(buf), NULL, 0), 5);
	CHECK_EQ(recv_from(bound, buf, sizeof(buf), NULL, 0), 5);
	CHECK_EQ(recv_from(conn, buf, sizeof(buf), NULL, 0), -EAGAIN);
	CHECK_EQ(udp_mib[UDP_MIB_INDATAGRAMS], 4);
	udp_close(wild, 0);
	udp_close(bound, 0);
	udp_close(conn, 0);
	fx_teardown();
}

TEST(udp_checksum_and_length_errors)
{
	struct sock *sk;
	struct ipspec s = { 0 };
	char buf[32];
	size_t n;

	CHECK(fx_setup());
	sk = usock(0, 9999);
	n = mk_udp(frame, &s, 1, 9999, "hello", 5);
	frame[n - 1] ^= 1;                             /* corrupt data */
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(udp_mib[UDP_MIB_CSUMERRORS], 1);
	/* Checksum 0 = not computed (RFC 768): accepted. */
	n = mk_udp(frame, &s, 1, 9999, "hello", 5);
	((struct udphdr *)(frame + ETH_HLEN + 20))->check = 0;
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(recv_from(sk, buf, sizeof(buf), NULL, 0), 5);
	/* uh->len beyond the datagram, and below 8. */
	n = mk_udp(frame, &s, 1, 9999, "hello", 5);
	((struct udphdr *)(frame + ETH_HLEN + 20))->len = htons(14);
	mock_rx_now(eth0, frame, n);
	((struct udphdr *)(frame + ETH_HLEN + 20))->len = htons(7);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(udp_ext_mib[UDPEXT_INBADLENGTH], 2);
	/* Shorter than a UDP header. */
	s.protocol = IPPROTO_UDP;
	mock_rx_now(eth0, frame, mk_ip(frame, &s, "abc", 3));
	CHECK_EQ(udp_ext_mib[UDPEXT_INSHORT], 1);
	CHECK_EQ(udp_mib[UDP_MIB_INERRORS], 4);
	CHECK_EQ(udp_mib[UDP_MIB_INDATAGRAMS], 1);
	udp_close(sk, 0);
	fx_teardown();
}

/* A NIC that vouches for a frame's checksum (CHECKSUM_UNNECESSARY: virtio
 * DATA_VALID or NEEDS_CSUM) spares UDP and TCP the sum; a datagram
 * reassembled from fragments is checked whatever its frames said. */
TEST(nic_checksum_verdict_is_trusted_per_frame_only)
{
	static u8 dgram[2048];
	struct sock *sk;
	struct ipspec s = { .protocol = IPPROTO_UDP, .id = 77 };
	struct tcpspec t = { .saddr = ADDR_PEER, .daddr = ADDR_US, .sport = 1234,
			     .dport = 4444, .seq = 1, .flags = TCPHDR_SYN,
			     .window = 1000 };
	const struct iphdr *iph;
	char buf[32];
	size_t n, plen;

	CHECK(fx_setup());
	sk = usock(0, 9999);
	/* A corrupt datagram the NIC vouched for goes up. */
	mock_rx_ip_summed = CHECKSUM_UNNECESSARY;
	n = mk_udp(frame, &(struct ipspec){ 0 }, 1, 9999, "hello", 5);
	frame[n - 1] ^= 1;
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(udp_mib[UDP_MIB_CSUMERRORS], 0);
	CHECK_EQ(recv_from(sk, buf, sizeof(buf), NULL, 0), 5);
	/* The same datagram in two fragments: checked after reassembly. */
	n = mk_udp(dgram, &(struct ipspec){ 0 }, 1, 9999, "0123456789abcdef", 16);
	iph = (const struct iphdr *)(dgram + ETH_HLEN);
	plen = ntohs(iph->tot_len) - 20u;             /* 8 + 16 bytes */
	dgram[n - 1] ^= 1;
	s.frag = 0x2000;                                /* MF, offset 0 */
	mock_rx_now(eth0, frame, mk_ip(frame, &s, dgram + n - plen, 16));
	s.frag = 2;                                     /* offset 16 bytes */
	mock_rx_now(eth0, frame, mk_ip(frame, &s, dgram + n - plen + 16, plen - 16));
	CHECK_EQ(udp_mib[UDP_MIB_CSUMERRORS], 1);
	CHECK_EQ(recv_from(sk, buf, sizeof(buf), NULL, 0), -EAGAIN);
	/* TCP: a corrupt SYN to a closed port is answered (RST) only when
	 * the NIC vouched for it. */
	mock_tx_purge(eth0);
	mock_rx_ip_summed = CHECKSUM_NONE;
	n = mk_tcp(frame, &t, NULL, 0);
	frame[n - 1] ^= 0x10;                           /* in the window field */
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(tcp_mib[TCP_MIB_CSUMERRORS], 1);
	CHECK_EQ(mock_tx_count(eth0), 0);
	mock_rx_ip_summed = CHECKSUM_UNNECESSARY;
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(tcp_mib[TCP_MIB_CSUMERRORS], 1);
	CHECK_EQ(mock_tx_count(eth0), 1);
	mock_tx_purge(eth0);
	mock_rx_ip_summed = CHECKSUM_NONE;
	udp_close(sk, 0);
	fx_teardown();
}

TEST(udp_send_checksum_and_header)
{
	struct sock *sk;
	struct pkbuf *tx;
	struct udphdr *uh;
	struct iphdr *iph;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = usock(0, 0);                       /* ephemeral */
	CHECK(inet_sk(sk)->inet_num >= UDP_EPHEMERAL_LOW &&
	      inet_sk(sk)->inet_num <= UDP_EPHEMERAL_HIGH);
	CHECK_EQ(udp_sendto(sk, ADDR_PEER, htons(7), "odd", 3), 3);
	tx = mock_tx_pop(eth0);
	CHECK(tx && (iph = tx_ip(tx)) != NULL);
	if (tx && iph) {
		uh = tx_l4(tx);
		CHECK_EQ(iph->protocol, IPPROTO_UDP);
		CHECK_EQ(iph->saddr, ADDR_US);
		CHECK_EQ(ntohs(uh->source), inet_sk(sk)->inet_num);
		CHECK_EQ(ntohs(uh->dest), 7);
		CHECK_EQ(ntohs(uh->len), 11);
		CHECK(uh->check != 0);
		CHECK_EQ(csum_tcpudp_magic(iph->saddr, iph->daddr, 11,
					   IPPROTO_UDP,
					   csum_partial(uh, 11, 0)), 0);
		CHECK(ip_csum_ok(iph));
	}
	pkb_free(tx);
	CHECK_EQ(udp_mib[UDP_MIB_OUTDATAGRAMS], 1);
	/* Broadcast needs SO_BROADCAST, as Linux. */
	CHECK_EQ(udp_sendto(sk, IP(255, 255, 255, 255), htons(7), "b", 1),
		 -EACCES);
	sk->sk_broadcast = true;
	CHECK_EQ(udp_sendto(sk, IP(255, 255, 255, 255), htons(7), "b", 1), 1);
	tx = mock_tx_pop(eth0);
	CHECK(tx && is_broadcast_ether_addr(tx_eth(tx)->h_dest));
	pkb_free(tx);
	udp_close(sk, 0);
	fx_teardown();
}

TEST(udp_bind_conflicts_and_ephemeral_ports)
{
	struct sock *a, *b, *c;
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(4000) };

	CHECK(fx_setup());
	a = usock(0, 4000);
	b = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	CHECK_EQ(udp_bind(b, &sin), -EADDRINUSE);
	sin.sin_addr.s_addr = ADDR_US;             /* overlaps the wildcard */
	CHECK_EQ(udp_bind(b, &sin), -EADDRINUSE);
	sin.sin_addr.s_addr = IP(10, 0, 2, 99);    /* not ours */
	CHECK_EQ(udp_bind(b, &sin), -EADDRNOTAVAIL);
	sin.sin_addr.s_addr = 0;
	sin.sin_port = 0;
	CHECK_EQ(udp_bind(b, &sin), 0);
	c = usock(0, 0);
	CHECK(inet_sk(b)->inet_num != inet_sk(c)->inet_num);
	CHECK(inet_sk(c)->inet_num >= 32768 && inet_sk(c)->inet_num <= 60999);
	CHECK_EQ(udp_bind(c, &sin), -EINVAL);      /* already bound */
	udp_close(a, 0);
	udp_close(b, 0);
	udp_close(c, 0);
	fx_teardown();
}

TEST(udp_recvmsg_address_trunc_peek_and_rcvbuf)
{
	struct sock *sk;
	struct sockaddr_in from;
	char buf[4];
	int queued = 0;

	CHECK(fx_setup());
	sk = usock(0, 7);
	rx_udp(ADDR_PEER, 3333, ADDR_US, 7, "abcdefgh");
	CHECK_EQ(recv_from(sk, buf, 4, &from, MSG_PEEK), 4);
	CHECK_EQ(recv_from(sk, buf, 4, &from, MSG_TRUNC), 8);
	CHECK(memcmp(buf, "abcd", 4) == 0);
	CHECK_EQ(from.sin_family, AF_INET);
	CHECK_EQ(from.sin_port, htons(3333));
	CHECK_EQ(from.sin_addr.s_addr, ADDR_PEER);
	CHECK_EQ(recv_from(sk, buf, 4, NULL, 0), -EAGAIN);
	CHECK_EQ(sk->sk_rmem_alloc, 0);
	/* Fill the receive buffer: the rest is dropped and counted. */
	sk->sk_rcvbuf = 1000;
	for (int i = 0; i < 20; i++)
		rx_udp(ADDR_PEER, 3333, ADDR_US, 7, "fill");
	queued = (int)sk->sk_receive_queue.qlen;
	CHECK(queued > 0 && queued < 20);
	CHECK(sk->sk_rmem_alloc <= sk->sk_rcvbuf);
	CHECK_EQ(udp_mib[UDP_MIB_RCVBUFERRORS], 20 - queued);
	CHECK_EQ(sk->sk_drops, 20 - queued);
	udp_close(sk, 0);
	fx_teardown();
}

static struct pkbuf *pop_icmp(u8 type)
{
	struct pkbuf *tx = mock_tx_pop(eth0);
	struct icmphdr *ih = tx ? tx_l4(tx) : NULL;

	if (!ih || tx_ip(tx)->protocol != IPPROTO_ICMP || ih->type != type) {
		pkb_free(tx);
		return NULL;
	}
	return tx;
}

TEST(udp_closed_port_gets_port_unreachable)
{
	struct pkbuf *tx;
	struct ipspec s = { 0 };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	n = mk_udp(frame, &s, 5555, 4444, "knock", 5);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(udp_mib[UDP_MIB_NOPORTS], 1);
	tx = pop_icmp(ICMP_DEST_UNREACH);
	CHECK(tx != NULL);
	if (tx) {
		struct icmphdr *ih = tx_l4(tx);
		struct iphdr *iph = tx_ip(tx);

		CHECK_EQ(ih->code, ICMP_PORT_UNREACH);
		CHECK_EQ(iph->saddr, ADDR_US);
		CHECK_EQ(iph->daddr, ADDR_PEER);
		CHECK_EQ(iph->tos & 0xe0, 0xc0);
		CHECK_EQ(csum_fold(csum_partial(ih, ntohs(iph->tot_len) - 20u,
						0)), 0);
		/* Quotes the whole (short) offending datagram. */
		CHECK_EQ(ntohs(iph->tot_len), 20 + 8 + n - ETH_HLEN);
		CHECK(memcmp(ih + 1, frame + ETH_HLEN, n - ETH_HLEN) == 0);
	}
	pkb_free(tx);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 1);
	CHECK_EQ(icmpmsg_out[3], 1);
	fx_teardown();
}

TEST(icmp_errors_suppressed_per_rfc1122)
{
	struct ipspec s = { 0 };
	u8 inner[28];
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	/* To a broadcast address: no port unreachable. */
	s.daddr = IP(10, 0, 2, 255);
	s.eth_dst = MAC_BCAST;
	mock_rx_now(eth0, frame, mk_udp(frame, &s, 1, 4444, "x", 1));
	s.daddr = IP(255, 255, 255, 255);
	mock_rx_now(eth0, frame, mk_udp(frame, &s, 1, 4444, "x", 1));
	CHECK_EQ(udp_mib[UDP_MIB_IGNOREDMULTI], 2);
	/* Unknown protocol from source 0.0.0.0 to a unicast address: a
	 * martian (only the limited broadcast accepts 0.0.0.0), dropped
	 * before any error could be sent. */
	s = (struct ipspec){ .protocol = 99 };
	n = mk_ip(frame, &s, "x", 1);
	frame_ip(frame)->saddr = 0;
	fix_ip_csum(frame);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INUNKNOWNPROTOS], 0);
	CHECK_EQ(ip_ext_mib[IPEXT_INMARTIANSRC], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 0);
	/* An ICMP error about an ICMP error: timed-out fragment 0 of an
	 * ICMP destination unreachable gets no time exceeded. */
	memset(inner, 0, sizeof(inner));
	inner[0] = ICMP_DEST_UNREACH;
	s = (struct ipspec){ .protocol = IPPROTO_ICMP, .id = 9,
			     .frag = IP_MF };
	n = mk_ip(frame, &s, inner, 16);
	mock_rx_now(eth0, frame, n);
	/* The same for an echo request (not an error): answered. */
	inner[0] = ICMP_ECHO;
	s.id = 10;
	mock_rx_now(eth0, frame, mk_ip(frame, &s, inner, 16));
	host_advance(ipfrag_time_ms);
	CHECK_EQ(ip_mib[IPSTATS_MIB_REASMTIMEOUT], 2);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTTIMEEXCDS], 1);
	CHECK_EQ(mock_tx_count(eth0), 1);
	CHECK(icmp_ext_mib[ICMPEXT_OUTSUPPRESSED] >= 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 0);
	fx_teardown();
}

TEST(icmp_error_rate_limited_per_host_and_globally)
{
	struct ipspec s = { 0 };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	icmp_ratelimit_reset();
	/* One host: a burst of 6, then one a second (Linux icmp_ratelimit). */
	n = mk_udp(frame, &s, 5555, 4444, "knock", 5);
	for (int i = 0; i < 20; i++)
		mock_rx_now(eth0, frame, n);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 6);
	CHECK_EQ(icmp_mib[ICMP_MIB_RATELIMITHOST], 14);
	host_advance(999);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 6);
	host_advance(1);
	mock_rx_now(eth0, frame, n);
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 7);
	mock_tx_purge(eth0);

	/* Many hosts: the global bucket (burst 50, 1000/s) caps the total. */
	icmp_ratelimit_reset();
	snmp_reset();
	for (int i = 0; i < 80; i++) {
		s.saddr = IP(10, 0, 3, i + 1);    /* off-link: via gateway */
		mock_rx_now(eth0, frame, mk_udp(frame, &s, 5555, 4444, "k", 1));
	}
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], icmp_msgs_burst);
	CHECK_EQ(icmp_mib[ICMP_MIB_RATELIMITGLOBAL], 80 - icmp_msgs_burst);
	mock_tx_purge(eth0);
	host_advance(10);                     /* 10 ms = 10 tokens */
	for (int i = 80; i < 100; i++) {
		s.saddr = IP(10, 0, 3, i + 1);
		mock_rx_now(eth0, frame, mk_udp(frame, &s, 5555, 4444, "k", 1));
	}
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], icmp_msgs_burst + 10);
	/* Echo replies are not limited. */
	s = (struct ipspec){ 0 };
	for (int i = 0; i < 60; i++)
		mock_rx_now(eth0, frame, mk_icmp_echo(frame, &s, ICMP_ECHO, 1,
						      (u16)i, "p", 1));
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 60);
	fx_teardown();
}

/* An ICMP error arriving for a datagram our socket sent. */
static void rx_icmp_error(u8 type, u8 code, u16 sport, u16 dport)
{
	u8 msg[8 + 28];
	struct icmphdr *ih = (struct icmphdr *)msg;
	struct iphdr *in = (struct iphdr *)(msg + 8);
	struct udphdr *uh = (struct udphdr *)(msg + 28);
	struct ipspec s = { .protocol = IPPROTO_ICMP };

	memset(msg, 0, sizeof(msg));
	ih->type = type;
	ih->code = code;
	in->ihl_version = 0x45;
	in->tot_len = htons(28 + 4);
	in->ttl = 64;
	in->protocol = IPPROTO_UDP;
	in->saddr = ADDR_US;
	in->daddr = ADDR_PEER;
	in->check = htons(ip_fast_csum(in, 5));
	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(12);
	ih->checksum = htons(csum_fold(csum_partial(msg, sizeof(msg), 0)));
	mock_rx_now(eth0, frame, mk_ip(frame, &s, msg, sizeof(msg)));
}

TEST(icmp_error_reaches_connected_udp_socket)
{
	struct sock *conn, *unconn;
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(4444),
				    .sin_addr = { ADDR_PEER } };
	char buf[8];
	int wakeups_before;

	CHECK(fx_setup());
	conn = usock(0, 6000);
	CHECK_EQ(udp_connect(conn, &peer), 0);
	unconn = usock(0, 6001);
	(void)wakeups_before;
	rx_icmp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 6000, 4444);
	CHECK_EQ(conn->sk_err, ECONNREFUSED);
	CHECK_EQ(icmp_mib[ICMP_MIB_INDESTUNREACHS], 1);
	CHECK_EQ(recv_from(conn, buf, sizeof(buf), NULL, 0), -ECONNREFUSED);
	CHECK_EQ(conn->sk_err, 0);          /* reported once */
	/* Unconnected: Linux reports only with IP_RECVERR. */
	rx_icmp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 6001, 4444);
	CHECK_EQ(unconn->sk_err, 0);
	inet_sk(unconn)->recverr = true;
	rx_icmp_error(ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 6001, 4444);
	CHECK_EQ(unconn->sk_err, EHOSTUNREACH);
	/* Soft errors (fragmentation needed) do not kill a connection. */
	rx_icmp_error(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 6000, 4444);
	CHECK_EQ(conn->sk_err, 0);
	/* Truncated quote: counted, ignored. */
	{
		struct ipspec s = { .protocol = IPPROTO_ICMP };
		u8 m[12] = { ICMP_DEST_UNREACH, 3 };
		u16 c = csum_fold(csum_partial(m, sizeof(m), 0));

		m[2] = (u8)(c >> 8);
		m[3] = (u8)c;
		mock_rx_now(eth0, frame, mk_ip(frame, &s, m, sizeof(m)));
		CHECK_EQ(icmp_mib[ICMP_MIB_INERRORS], 1);
	}
	udp_close(conn, 0);
	udp_close(unconn, 0);
	fx_teardown();
}

TEST(icmp_echo_broadcast_ignored_bad_checksum_counted_timestamp)
{
	struct ipspec s = { 0 };
	struct pkbuf *tx;
	size_t n;
	u8 ts[12] = { 0 };

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	s.daddr = IP(10, 0, 2, 255);
	s.eth_dst = MAC_BCAST;
	mock_rx_now(eth0, frame, mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1,
					      "x", 1));
	CHECK_EQ(icmp_ext_mib[ICMPEXT_INBCASTECHOIGNORED], 1);
	s = (struct ipspec){ 0 };
	n = mk_icmp_echo(frame, &s, ICMP_ECHO, 1, 1, "xyz", 3);
	frame[n - 1] ^= 0x40;
	mock_rx_now(eth0, frame, n);
	CHECK_EQ(icmp_mib[ICMP_MIB_CSUMERRORS], 1);
	CHECK_EQ(icmp_mib[ICMP_MIB_INERRORS], 1);
	CHECK_EQ(mock_tx_count(eth0), 0);
	/* Timestamp request (RFC 792): answered. */
	mock_rx_now(eth0, frame, mk_icmp_echo(frame, &s, ICMP_TIMESTAMP, 3, 4,
					      ts, sizeof(ts)));
	tx = pop_icmp(ICMP_TIMESTAMPREPLY);
	CHECK(tx != NULL);
	if (tx) {
		const be32 *t = (const be32 *)(tx_l4(tx) + 8);
		u32 want = (u32)(ktime_get_real_ms() % (24u * 3600 * 1000));

		CHECK_EQ(csum_fold(csum_partial(tx_l4(tx), 20, 0)), 0);
		/* receive and transmit times: ms since midnight UT, no
		 * "non-standard" high bit once a wall clock exists */
		CHECK_EQ(ntohl(t[1]), want);
		CHECK_EQ(ntohl(t[2]), want);
	}
	pkb_free(tx);
	CHECK_EQ(icmp_mib[ICMP_MIB_INMSGS], 3);
	fx_teardown();
}

TEST(proc_net_snmp_and_udp_formats)
{
	char *buf = malloc(8192);
	struct sock *sk;

	CHECK(fx_setup());
	sk = usock(0, 53);
	rx_udp(ADDR_PEER, 1, ADDR_US, 53, "q");
	net_proc_snmp_show(buf, 8192);
	CHECK(strncmp(buf, "Ip: Forwarding DefaultTTL InReceives InHdrErrors "
			   "InAddrErrors ForwDatagrams InUnknownProtos "
			   "InDiscards InDelivers OutRequests OutDiscards "
			   "OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs "
			   "ReasmFails FragOKs FragFails FragCreates "
			   "OutTransmits\nIp: 2 64 1 0 0 0 0 0 1 ", 260) == 0);
	CHECK(strstr(buf, "\nUdp: InDatagrams NoPorts InErrors OutDatagrams "
			  "RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti "
			  "MemErrors\nUdp: 1 0 0 0 0 0 0 0 0\n") != NULL);
	CHECK(strstr(buf, "\nIcmp: InMsgs InErrors InCsumErrors") != NULL);
	net_proc_udp_show(buf, 8192);
	CHECK(strncmp(buf, "   sl  local_address rem_address   st tx_queue "
			   "rx_queue tr tm->when retrnsmt   uid  timeout inode "
			   "ref pointer drops", 100) == 0);
	CHECK(strstr(buf, ": 00000000:0035 00000000:0000 07 00000000:") != NULL);
	CHECK(strchr(buf, '\n') - buf == 127);
	udp_close(sk, 0);
	free(buf);
	fx_teardown();
}

TEST(raw_icmp_socket_sends_echo_and_sees_replies)
{
	struct sock *sk;
	struct ipspec s = { 0 };
	u8 req[8 + 4] = { ICMP_ECHO, 0, 0, 0, 0x12, 0x34, 0, 1, 'p', 'i', 'n', 'g' };
	u8 buf[128];
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_addr = { ADDR_PEER } }, from;
	struct kvec iov = { req, sizeof(req) };
	struct msghdr msg = { .msg_name = &to, .msg_namelen = sizeof(to),
			      .msg_iov = &iov, .msg_iovlen = 1 };
	struct pkbuf *tx;
	u16 c = csum_fold(csum_partial(req, sizeof(req), 0));

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = raw_kernel_sock(IPPROTO_ICMP);
	CHECK(sk != NULL);
	req[2] = (u8)(c >> 8);
	req[3] = (u8)c;
	CHECK_EQ(raw_sendmsg(sk, &msg, sizeof(req)), (int)sizeof(req));
	tx = mock_tx_pop(eth0);
	CHECK(tx && tx_ip(tx) && tx_ip(tx)->protocol == IPPROTO_ICMP);
	if (tx && tx_ip(tx)) {
		CHECK_EQ(tx_ip(tx)->saddr, ADDR_US);
		CHECK(memcmp(tx_l4(tx), req, sizeof(req)) == 0);
	}
	pkb_free(tx);
	/* The reply reaches the socket with its IP header. */
	mock_rx_now(eth0, frame, mk_icmp_echo(frame, &s, ICMP_ECHOREPLY, 0x1234,
					      1, "ping", 4));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	msg.msg_name = &from;
	CHECK_EQ(raw_recvmsg(sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL),
		 20 + 12);
	CHECK_EQ(from.sin_addr.s_addr, ADDR_PEER);
	CHECK_EQ(buf[0], 0x45);
	CHECK_EQ(buf[20], ICMP_ECHOREPLY);
	CHECK(memcmp(buf + 28, "ping", 4) == 0);
	/* A request from the peer: copied to the socket AND answered. */
	mock_rx_now(eth0, frame, mk_icmp_echo(frame, &s, ICMP_ECHO, 7, 7,
					      "x", 1));
	CHECK_EQ(raw_recvmsg(sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL), 29);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTECHOREPS], 1);
	CHECK_EQ(raw_recvmsg(sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL),
		 -EAGAIN);
	raw_close(sk, 0);
	/* A raw socket for an unknown protocol suppresses protocol
	 * unreachable (the datagram was delivered). */
	sk = raw_kernel_sock(99);
	s.protocol = 99;
	mock_rx_now(eth0, frame, mk_ip(frame, &s, "data", 4));
	CHECK_EQ(ip_mib[IPSTATS_MIB_INUNKNOWNPROTOS], 0);
	CHECK_EQ(sk->sk_receive_queue.qlen, 1);
	CHECK_EQ(mock_tx_count(eth0), 1);      /* only the echo reply */
	raw_close(sk, 0);
	fx_teardown();
}

/* connect(AF_UNSPEC) undoes what connect chose (the source address, an
 * autobound port) and keeps what bind named (Linux __udp_disconnect). */
TEST(udp_disconnect_releases_what_connect_chose)
{
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(4444),
				    .sin_addr = { ADDR_PEER } };
	struct sockaddr_in un = { .sin_family = AF_UNSPEC };
	struct sock *a, *b, *c;

	CHECK(fx_setup());
	a = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	CHECK_EQ(udp_connect(a, &peer), 0);
	CHECK(inet_sk(a)->inet_num != 0);
	CHECK_EQ(inet_sk(a)->inet_rcv_saddr, ADDR_US);
	CHECK_EQ(udp_connect(a, &un), 0);
	CHECK_EQ(inet_sk(a)->inet_num, 0);          /* port released */
	CHECK_EQ(inet_sk(a)->inet_rcv_saddr, 0);
	CHECK_EQ(inet_sk(a)->inet_saddr, 0);
	CHECK(hlist_unhashed(&a->sk_node));
	CHECK_EQ(udp_connect(a, &un), 0);           /* twice is fine */
	b = usock(ADDR_US, 0);                      /* address named, port not */
	CHECK_EQ(udp_connect(b, &peer), 0);
	b->sk_bound_dev_if = eth0->ifindex;
	CHECK_EQ(udp_connect(b, &un), 0);
	CHECK_EQ(b->sk_bound_dev_if, 0);            /* Linux drops it too */
	CHECK_EQ(inet_sk(b)->inet_num, 0);
	CHECK_EQ(inet_sk(b)->inet_rcv_saddr, ADDR_US);
	c = usock(0, 5000);                         /* port named */
	CHECK_EQ(udp_connect(c, &peer), 0);
	CHECK_EQ(inet_sk(c)->inet_rcv_saddr, ADDR_US);
	CHECK_EQ(udp_connect(c, &un), 0);
	CHECK_EQ(inet_sk(c)->inet_num, 5000);
	CHECK_EQ(inet_sk(c)->inet_rcv_saddr, 0);
	CHECK(udp4_lib_lookup(ADDR_PEER, htons(1), ADDR_US, htons(5000), 0) == c);
	udp_close(a, 0);
	udp_close(b, 0);
	udp_close(c, 0);
	fx_teardown();
}

TEST(udp_reuseport_and_af_unspec_bind)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(4100) };
	struct sock *a, *b, *c;

	CHECK(fx_setup());
	a = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	b = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	c = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	a->sk_reuseport = true;
	CHECK_EQ(udp_bind(a, &sin), 0);
	CHECK_EQ(udp_bind(b, &sin), -EADDRINUSE);   /* only one side asked */
	b->sk_reuseport = true;
	CHECK_EQ(udp_bind(b, &sin), 0);
	/* AF_UNSPEC means INADDR_ANY or nothing */
	sin.sin_family = AF_UNSPEC;
	sin.sin_port = 0;
	sin.sin_addr.s_addr = ADDR_US;
	CHECK_EQ(udp_bind(c, &sin), -EAFNOSUPPORT);
	sin.sin_addr.s_addr = 0;
	CHECK_EQ(udp_bind(c, &sin), 0);
	udp_close(a, 0);
	udp_close(b, 0);
	udp_close(c, 0);
	fx_teardown();
}

static int send_msg(struct sock *sk, const char *data, int flags)
{
	struct kvec iov = { (void *)data, strlen(data) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_flags = flags };

	return udp_sendmsg(sk, &msg, iov.iov_len);
}

/* A send reports (and clears) a pending error instead of sending, then
 * SHUT_WR is EPIPE; MSG_OOB is refused; no error queue; SHUT_RD with
 * MSG_DONTWAIT is EAGAIN, as Linux. */
TEST(udp_send_pending_error_shutdown_and_flags)
{
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(4444),
				    .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	char buf[8];

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = usock(0, 6000);
	CHECK_EQ(udp_connect(sk, &peer), 0);
	rx_icmp_error(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 6000, 4444);
	CHECK_EQ(sk->sk_err, ECONNREFUSED);
	CHECK_EQ(send_msg(sk, "x", 0), -ECONNREFUSED);
	CHECK(mock_tx_pop(eth0) == NULL);           /* nothing went out */
	CHECK_EQ(sk->sk_err, 0);
	CHECK_EQ(send_msg(sk, "x", MSG_OOB), -EOPNOTSUPP);
	CHECK_EQ(send_msg(sk, "x", 0), 1);
	pkb_free(mock_tx_pop(eth0));
	CHECK_EQ(recv_from(sk, buf, sizeof(buf), NULL, MSG_ERRQUEUE), -EAGAIN);
	sk->sk_shutdown |= SEND_SHUTDOWN;
	CHECK_EQ(send_msg(sk, "x", 0), -EPIPE);
	sk->sk_shutdown |= RCV_SHUTDOWN;
	CHECK_EQ(recv_from(sk, buf, sizeof(buf), NULL, 0), -EAGAIN);
	CHECK(mock_tx_pop(eth0) == NULL);
	udp_close(sk, 0);
	fx_teardown();
}

/* 127.255.255.255 is lo's broadcast; the rest of 127/8 answers from
 * 127.0.0.1; 0.0.0.0 as a destination is this host. */
TEST(loopback_broadcast_source_and_inaddr_any_destination)
{
	struct rtable rt;

	CHECK(fx_setup());
	CHECK_EQ(inet_addr_type_dev(IP(127, 255, 255, 255), NULL), RTN_BROADCAST);
	CHECK_EQ(inet_addr_type_dev(IP(127, 0, 0, 2), NULL), RTN_LOCAL);
	CHECK_EQ(ip_route_output(IP(127, 0, 0, 2), 0, 0, &rt), 0);
	CHECK(rt.type == RTN_LOCAL && rt.saddr == IP(127, 0, 0, 1));
	CHECK_EQ(ip_route_output(ADDR_US, 0, 0, &rt), 0);
	CHECK_EQ(rt.saddr, ADDR_US);
	CHECK_EQ(ip_route_output(IP(127, 255, 255, 255), 0, 0, &rt), 0);
	CHECK(rt.type == RTN_BROADCAST && rt.dev == loopback_dev);
	/* limited broadcast from a socket bound to 127.0.0.1 stays on lo */
	CHECK_EQ(ip_route_output(IP(255, 255, 255, 255), IP(127, 0, 0, 1), 0, &rt), 0);
	CHECK(rt.dev == loopback_dev);
	CHECK_EQ(ip_route_any_to_local(0, 0), IP(127, 0, 0, 1));
	CHECK_EQ(ip_route_any_to_local(0, ADDR_US), ADDR_US);
	CHECK_EQ(ip_route_any_to_local(ADDR_PEER, ADDR_US), ADDR_PEER);
	fx_teardown();
}
