/* TCP opens (RFC 9293 3.5): active and passive handshakes through the
 * real input path, resets for closed ports (3.10.7.1), refused and timed
 * out connects, and malformed segments counted and dropped. */
#include "tcp_test.h"
#include <net/net_proc.h>

TEST(tcp_active_open)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(80),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	struct seg s;
	u16 lport;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	lport = inet_sk(sk)->inet_num;
	CHECK(lport >= 32768 && lport <= 60999);
	s = pop_seg();
	CHECK(s.valid && s.csum_ok);
	CHECK_EQ(s.flags, TCPHDR_SYN);
	CHECK_EQ(s.mss, 1460);
	CHECK_EQ(s.sport, lport);
	CHECK_EQ(s.dport, 80);
	CHECK_EQ(s.saddr, ADDR_US);
	/* A SYN-ACK acknowledging something we never sent: reset, stay. */
	peer_synack(80, lport, 9000, s.seq + 7, 1000);
	{
		struct seg r = pop_seg();

		CHECK(r.valid && r.flags == TCPHDR_RST && r.seq == s.seq + 7);
	}
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	peer_synack(80, lport, 9000, s.seq + 1, 1000);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	CHECK_EQ(tcp_sk(sk)->mss_cache, 1000);
	{
		struct seg a = pop_seg();

		CHECK(a.valid && a.csum_ok && a.flags == TCPHDR_ACK);
		CHECK_EQ(a.seq, s.seq + 1);
		CHECK_EQ(a.ack, 9001);
		CHECK(a.window > 0);
	}
	CHECK_EQ(tcp_mib[TCP_MIB_ACTIVEOPENS], 1);
	CHECK_EQ(tcp_mib[TCP_MIB_CURRESTAB], 1);
	kill_conn(sk);
	CHECK_EQ(tcp_mib[TCP_MIB_CURRESTAB], 0);
	CHECK_EQ(tcp_mib[TCP_MIB_ESTABRESETS], 1);
	fx_teardown();
}

TEST(tcp_passive_open_and_backlog)
{
	struct sock *l, *child;
	struct seg s;
	char buf[16];
	int err = 0;
	struct tcpspec t = { .sport = 40000, .dport = 80, .seq = 1000,
			     .flags = TCPHDR_SYN, .window = 8192, .mss = 1200 };

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(80, 2);
	CHECK(l != NULL);
	CHECK_EQ(l->sk_state, TCP_LISTEN);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	s = pop_seg();
	CHECK(s.valid && s.csum_ok);
	CHECK_EQ(s.flags, TCPHDR_SYN | TCPHDR_ACK);
	CHECK_EQ(s.ack, 1001);
	CHECK_EQ(s.mss, 1460);
	CHECK_EQ(tcp_sk(l)->synq_len, 1);
	CHECK(inet_csk_accept(l, MSG_DONTWAIT, &err) == NULL);
	CHECK_EQ(err, -EAGAIN);
	/* A retransmitted SYN gets the same SYN-ACK again. */
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	{
		struct seg r = pop_seg();

		CHECK(r.valid && r.seq == s.seq && r.ack == 1001);
	}
	/* The final ACK, carrying data: a child, established, queued. */
	peer_seg(40000, 80, 1001, s.seq + 1, TCPHDR_ACK, "hi", 2);
	CHECK_EQ(tcp_sk(l)->synq_len, 0);
	CHECK_EQ(tcp_sk(l)->acceptq_len, 1);
	child = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(child != NULL);
	if (child) {
		CHECK_EQ(child->sk_state, TCP_ESTABLISHED);
		CHECK_EQ(tcp_sk(child)->mss_cache, 1200);
		CHECK_EQ(tcp_sk(child)->snd_wnd, 65535);   /* the ACK's window */
		CHECK_EQ(trecv(child, buf, sizeof(buf)), 2);
		CHECK(memcmp(buf, "hi", 2) == 0);
		s = pop_seg();
		CHECK(s.valid && s.ack == 1003);
	}
	CHECK_EQ(tcp_mib[TCP_MIB_PASSIVEOPENS], 1);
	/* The SYN queue is bounded by the backlog (2): the third gets a SYN
	 * cookie and nothing is queued (test_tcp_syncookies.c). */
	for (u16 p = 0; p < 3; p++) {
		t.sport = (u16)(41000 + p);
		mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	}
	CHECK_EQ(tcp_sk(l)->synq_len, 2);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPREQQFULLDOCOOKIES], 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPREQQFULLDROP], 0);
	mock_tx_purge(eth0);
	/* SYN-ACKs are retransmitted at 1 s, then dropped after 5 tries. */
	host_advance(1000);
	CHECK_EQ(mock_tx_count(eth0), 2);
	mock_tx_purge(eth0);
	host_advance(2000 + 4000 + 8000 + 16000 + 32000);
	CHECK_EQ(tcp_sk(l)->synq_len, 0);
	mock_tx_purge(eth0);
	if (child)
		kill_conn(child);
	tcp_close(l, 0);
	fx_teardown();
}

TEST(tcp_listener_close_drops_requests_and_resets_children)
{
	struct sock *l;
	struct seg s;
	struct tcpspec t = { .sport = 40000, .dport = 8080, .seq = 1000,
			     .flags = TCPHDR_SYN, .window = 8192 };

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(8080, 4);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	s = pop_seg();
	peer_seg(40000, 8080, 1001, s.seq + 1, TCPHDR_ACK, NULL, 0);
	t.sport = 40001;
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	mock_tx_purge(eth0);
	CHECK_EQ(tcp_sk(l)->acceptq_len, 1);
	CHECK_EQ(tcp_sk(l)->synq_len, 1);
	/* Without SO_REUSEADDR the port stays taken while a child lives. */
	tcp_close(l, 0);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_RST) && s.dport == 40000);
	CHECK_EQ(tcp_mib[TCP_MIB_CURRESTAB], 0);
	host_advance(100000);
	fx_teardown();
}

TEST(tcp_rst_for_closed_port)
{
	struct seg s;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	/* No ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, SYN counted. */
	peer_seg(1234, 4444, 777, 0, TCPHDR_SYN, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.csum_ok);
	CHECK_EQ(s.flags, TCPHDR_RST | TCPHDR_ACK);
	CHECK_EQ(s.seq, 0);
	CHECK_EQ(s.ack, 778);
	CHECK_EQ(s.sport, 4444);
	CHECK_EQ(s.dport, 1234);
	CHECK_EQ(s.daddr, ADDR_PEER);
	/* Data and FIN without ACK: both count. */
	peer_seg(1234, 4444, 100, 0, TCPHDR_FIN, "abcde", 5);
	s = pop_seg();
	CHECK(s.valid && s.ack == 106 && s.seq == 0);
	/* With ACK: <SEQ=SEG.ACK><CTL=RST>. */
	peer_seg(1234, 4444, 555, 0xdeadbeef, TCPHDR_ACK, "x", 1);
	s = pop_seg();
	CHECK(s.valid && s.csum_ok);
	CHECK_EQ(s.flags, TCPHDR_RST);
	CHECK_EQ(s.seq, 0xdeadbeef);
	/* A RST never gets a RST. */
	peer_seg(1234, 4444, 555, 0, TCPHDR_RST, NULL, 0);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_mib[TCP_MIB_OUTRSTS], 3);
	CHECK_EQ(ip_mib[IPSTATS_MIB_INUNKNOWNPROTOS], 0);
	CHECK_EQ(icmp_mib[ICMP_MIB_OUTDESTUNREACHS], 0);
	fx_teardown();
}

TEST(tcp_connect_refused_and_bad_rst_ignored)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(4444),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	struct seg s;
	u16 lport;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	lport = inet_sk(sk)->inet_num;
	s = pop_seg();
	/* A RST whose ACK is not for our SYN is ignored (3.10.7.3). */
	peer_seg(4444, lport, 0, s.seq + 5, TCPHDR_RST | TCPHDR_ACK, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	/* RST without ACK in SYN_SENT: dropped too. */
	peer_seg(4444, lport, 0, 0, TCPHDR_RST, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	peer_seg(4444, lport, 0, s.seq + 1, TCPHDR_RST | TCPHDR_ACK, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ECONNREFUSED);
	CHECK_EQ(tcp_mib[TCP_MIB_ATTEMPTFAILS], 1);
	CHECK(tcp_poll_mask(sk) & SK_POLLERR);
	tcp_close(sk, 0);
	/* The port went back: nothing is hashed, nothing leaks. */
	fx_teardown();
}

TEST(tcp_syn_retransmit_backoff_then_timeout)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(80),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	struct seg s;
	u32 iss, delay = 1000;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	iss = pop_seg().seq;
	for (int i = 0; i < TCP_SYN_RETRIES; i++) {
		fx_learn(eth0, ADDR_PEER, MAC_PEER);   /* keep ARP fresh */
		host_advance(delay - 1);
		CHECK(!pop_seg().valid);
		host_advance(1);
		s = pop_seg();
		CHECK(s.valid && s.flags == TCPHDR_SYN && s.seq == iss);
		delay *= 2;
	}
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], TCP_SYN_RETRIES);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	host_advance(delay);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ETIMEDOUT);
	tcp_close(sk, 0);
	fx_teardown();
}

TEST(tcp_malformed_segments_counted_and_dropped)
{
	struct tcpspec t = { .sport = 1, .dport = 4444, .seq = 1,
			     .flags = TCPHDR_SYN, .window = 100 };
	struct ipspec ip = { .protocol = IPPROTO_TCP };
	size_t n;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	/* Bad checksum. */
	n = mk_tcp(tframe, &t, "data", 4);
	tframe[n - 1] ^= 0x40;
	mock_rx_now(eth0, tframe, n);
	CHECK_EQ(tcp_mib[TCP_MIB_CSUMERRORS], 1);
	/* Shorter than a TCP header. */
	mock_rx_now(eth0, tframe, mk_ip(tframe, &ip, "0123456789", 10));
	/* Data offset below 5 and beyond the segment. */
	n = mk_tcp(tframe, &t, NULL, 0);
	((struct tcphdr *)(tframe + ETH_HLEN + 20))->doff_res = 4 << 4;
	mock_rx_now(eth0, tframe, n);
	((struct tcphdr *)(tframe + ETH_HLEN + 20))->doff_res = 15 << 4;
	mock_rx_now(eth0, tframe, n);
	/* SYN+FIN. */
	t.flags = TCPHDR_SYN | TCPHDR_FIN;
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPBADHDR], 4);
	CHECK_EQ(tcp_mib[TCP_MIB_INERRS], 5);
	CHECK_EQ(tcp_mib[TCP_MIB_INSEGS], 0);
	CHECK(!pop_seg().valid);
	/* Garbage options do not crash: a length running past the header. */
	{
		u8 opts[8] = { TCPOPT_MSS, 40, 1, 2, TCPOPT_NOP, 3, 0, 0 };
		struct sock *l = tcp_listener(4444, 1);
		u8 seg[28];
		struct tcphdr *th = (struct tcphdr *)seg;

		memset(seg, 0, sizeof(seg));
		th->source = htons(9);
		th->dest = htons(4444);
		th->seq = htonl(5);
		th->doff_res = 7 << 4;
		th->flags = TCPHDR_SYN;
		th->window = htons(100);
		memcpy(seg + 20, opts, 8);
		th->check = htons(csum_tcpudp_magic(ADDR_PEER, ADDR_US, 28,
						    IPPROTO_TCP,
						    csum_partial(seg, 28, 0)));
		mock_rx_now(eth0, tframe, mk_ip(tframe, &ip, seg, 28));
		CHECK_EQ(tcp_sk(l)->synq_len, 1);
		mock_tx_purge(eth0);
		tcp_close(l, 0);
	}
	fx_teardown();
}

TEST(tcp_snmp_view_has_linux_tcp_line)
{
	char buf[4096];

	CHECK(fx_setup());
	peer_seg(1, 4444, 1, 0, TCPHDR_SYN, NULL, 0);
	mock_tx_purge(eth0);
	CHECK(net_proc_snmp_show(buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens "
			  "PassiveOpens AttemptFails EstabResets CurrEstab "
			  "InSegs OutSegs RetransSegs InErrs OutRsts "
			  "InCsumErrors\nTcp: 1 200 120000 -1 0 0 0 0 0 1 1 0 0 1 0\n"));
	fx_teardown();
}
