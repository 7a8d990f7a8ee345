/* TCP closes (RFC 9293 3.6): active close through FIN_WAIT1/2 and
 * TIME_WAIT (a small object, freed after 2*MSL), passive close through
 * CLOSE_WAIT/LAST_ACK, simultaneous close through CLOSING, abort on
 * unread data, the orphaned FIN_WAIT2 timeout, and no leaks. */
#include "tcp_test.h"

TEST(tcp_active_close_time_wait)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;
	long live;

	CHECK(fx_setup());
	live = sock_live_count();
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	tcp_close(sk, 0);                 /* the user is gone: an orphan */
	CHECK_EQ(sk->sk_state, TCP_FIN_WAIT1);
	s = pop_seg();
	CHECK(s.valid && s.flags == (TCPHDR_FIN | TCPHDR_ACK) && s.seq == iss + 1);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_FIN_WAIT2);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 2);
	/* The socket is freed; TIME_WAIT lives on in a small object. */
	CHECK_EQ(sock_live_count(), live);
	CHECK_EQ(tcp_tw_count(), 1);
	/* Their FIN again (our ACK was lost): ACKed again. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 2 &&
	      s.seq == iss + 2);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	host_advance(TCP_TIMEWAIT_LEN - 1);
	CHECK_EQ(tcp_tw_count(), 1);
	host_advance(1);
	CHECK_EQ(tcp_tw_count(), 0);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TW], 1);
	/* After TIME_WAIT the 4-tuple is unknown: a segment gets a RST. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 2, iss + 2, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_RST);
	fx_teardown();
}

TEST(tcp_passive_close_close_wait_last_ack)
{
	struct sock *sk;
	struct seg s;
	char buf[8];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1,
		 TCPHDR_ACK | TCPHDR_FIN, "bye", 3);
	CHECK_EQ(sk->sk_state, TCP_CLOSE_WAIT);
	s = pop_seg();
	CHECK(s.valid && s.ack == PEER_ISN + 5);
	CHECK(tcp_poll_mask(sk) & SK_POLLIN);
	CHECK(tcp_poll_mask(sk) & 0x2000);          /* POLLRDHUP */
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 3);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 0);
	/* We may still send in CLOSE_WAIT. */
	CHECK_EQ(tsend(sk, "ok", 2), 2);
	CHECK(pop_seg().len == 2);
	tcp_close(sk, 0);
	CHECK_EQ(sk->sk_state, TCP_LAST_ACK);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN) && s.seq == iss + 3);
	peer_seg(PEER_PORT, lport, PEER_ISN + 5, iss + 4, TCPHDR_ACK, NULL, 0);
	/* Freed: the fixture's leak check proves it. */
	CHECK_EQ(tcp_tw_count(), 0);
	fx_teardown();
}

TEST(tcp_simultaneous_close_closing)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	tcp_shutdown(sk, SEND_SHUTDOWN);
	CHECK_EQ(sk->sk_state, TCP_FIN_WAIT1);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN));
	/* Their FIN crosses ours: it does not acknowledge our FIN. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_CLOSING);
	s = pop_seg();
	CHECK(s.valid && s.ack == PEER_ISN + 2);
	peer_seg(PEER_PORT, lport, PEER_ISN + 2, iss + 2, TCPHDR_ACK, NULL, 0);
	/* TIME_WAIT is the tw object; the user's socket reads CLOSE/EOF. */
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(tcp_tw_count(), 1);
	CHECK(tcp_poll_mask(sk) & SK_POLLHUP);
	tcp_close(sk, 0);
	host_advance(TCP_TIMEWAIT_LEN);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_close_with_unread_data_resets)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, "unread", 6);
	mock_tx_purge(eth0);
	tcp_close(sk, 0);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_RST) && s.seq == iss + 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPABORTONCLOSE], 1);
	fx_teardown();
}

TEST(tcp_orphan_fin_wait2_times_out)
{
	struct sock *sk;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	tcp_close(sk, 0);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	mock_tx_purge(eth0);
	/* The peer never sends its FIN: the orphan goes after 60 s. */
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	host_advance(TCP_FIN_TIMEOUT);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_fin_retransmitted_until_acked)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tsend(sk, "tail", 4), 4);
	pop_seg();
	tcp_close(sk, 0);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN) && s.seq == iss + 5);
	host_advance(tcp_current_rto(tcp_sk(sk)));
	s = pop_seg();                      /* go-back-N: data first */
	CHECK(s.valid && s.seq == iss + 1 && s.len == 4);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 5, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN) && s.seq == iss + 5);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 6,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	CHECK_EQ(tcp_tw_count(), 1);
	host_advance(TCP_TIMEWAIT_LEN);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_many_connections_hash_and_ports)
{
	enum { N = 300 };
	static struct sock *sks[N];
	struct sock *l;
	struct seg s;
	int err = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(80, N);
	for (int i = 0; i < N; i++) {
		peer_seg((u16)(20000 + i), 80, (u32)i * 1000, 0, TCPHDR_SYN,
			 NULL, 0);
		s = pop_seg();
		peer_seg((u16)(20000 + i), 80, (u32)i * 1000 + 1, s.seq + 1,
			 TCPHDR_ACK, &i, sizeof(i));
		mock_tx_purge(eth0);
	}
	for (int i = 0; i < N; i++) {
		int v = -1;

		sks[i] = inet_csk_accept(l, MSG_DONTWAIT, &err);
		CHECK(sks[i] != NULL);
		if (!sks[i])
			continue;
		CHECK_EQ(trecv(sks[i], &v, sizeof(v)), (int)sizeof(v));
		CHECK_EQ(v, i);     /* each segment reached its own child */
	}
	{
		struct sock *b = tcp_sock_new();
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(80) };

		CHECK_EQ(tcp_v4_bind(b, &sin), -EADDRINUSE);
		tcp_close(b, 0);
	}
	tcp_close(l, 0);
	for (int i = 0; i < N; i++)
		if (sks[i])
			kill_conn(sks[i]);
	fx_teardown();
}
