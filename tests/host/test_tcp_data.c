/* TCP data transfer: both directions, segmentation to the MSS, the
 * receive window and segment acceptability (RFC 9293 3.10.7.4),
 * out-of-order reassembly, RFC 6298 retransmission with backoff and
 * Karn's rule, RST validation (RFC 5961) and zero-window probing. */
#include "tcp_test.h"

TEST(tcp_data_both_ways)
{
	struct sock *sk;
	struct seg s;
	char buf[32];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK(tcp_poll_mask(sk) & SK_POLLOUT);
	CHECK(!(tcp_poll_mask(sk) & SK_POLLIN));
	CHECK_EQ(tsend(sk, "hello", 5), 5);
	s = pop_seg();
	CHECK(s.valid && s.csum_ok && s.len == 5);
	CHECK(memcmp(s.data, "hello", 5) == 0);
	CHECK_EQ(s.seq, iss + 1);
	CHECK_EQ(s.flags, TCPHDR_ACK | TCPHDR_PSH);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 6, TCPHDR_ACK, NULL, 0);
	CHECK_EQ(tcp_sk(sk)->snd_una, iss + 6);
	/* SYN and data were charged to the send buffer and are uncharged
	 * when acknowledged. */
	CHECK_EQ(sk->sk_wmem_alloc, 0);
	CHECK(!pop_seg().valid);          /* a pure ACK is not ACKed */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 6, TCPHDR_ACK | TCPHDR_PSH,
		 "world!", 6);
	s = pop_seg();
	CHECK(s.valid && s.ack == PEER_ISN + 7 && s.len == 0);
	CHECK(tcp_poll_mask(sk) & SK_POLLIN);
	/* Partial reads keep the rest. */
	CHECK_EQ(trecv(sk, buf, 4), 4);
	CHECK(memcmp(buf, "worl", 4) == 0);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 2);
	CHECK(memcmp(buf, "d!", 2) == 0);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_segments_to_peer_mss_and_window)
{
	struct sock *sk;
	struct seg s;
	u8 data[350];
	u32 iss, seq;
	u16 lport;

	CHECK(fx_setup());
	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (u8)i;
	sk = establish(100, &iss);
	lport = inet_sk(sk)->inet_num;
	tcp_sk(sk)->nodelay = 1;    /* Nagle has its own test (test_tcp_flow) */
	CHECK_EQ(tsend(sk, data, sizeof(data)), (int)sizeof(data));
	seq = iss + 1;
	for (int i = 0; i < 4; i++) {
		s = pop_seg();
		CHECK(s.valid && s.seq == seq);
		CHECK_EQ(s.len, i < 3 ? 100 : 50);
		CHECK(memcmp(s.data, data + (seq - iss - 1), s.len) == 0);
		seq += s.len;
	}
	CHECK(!pop_seg().valid);
	/* The peer closes its window: nothing more is sent, a probe comes
	 * after an RTO, and an opening window releases the data. */
	{
		struct tcpspec t = { .sport = PEER_PORT, .dport = lport,
				     .seq = PEER_ISN + 1, .ack = seq,
				     .flags = TCPHDR_ACK, .window = 0 };

		mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
		CHECK_EQ(tsend(sk, "more", 4), 4);
		CHECK(!pop_seg().valid);
		fx_learn(eth0, ADDR_PEER, MAC_PEER);
		host_advance(tcp_current_rto(tcp_sk(sk)));
		s = pop_seg();
		CHECK(s.valid && s.len == 0 && s.seq == seq - 1);  /* probe */
		t.window = 1000;
		mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
		s = pop_seg();
		CHECK(s.valid && s.len == 4 && s.seq == seq);
	}
	kill_conn(sk);
	fx_teardown();
}

/* A peer whose whole window (1000, never more) is below our MSS still
 * gets data: segments of half its largest window, two in flight, as
 * Linux's tcp_bound_to_half_wnd; never one larger than the window. Once
 * the window grows, full segments again. */
TEST(tcp_window_smaller_than_mss)
{
	static u8 data[4000];
	struct tcpspec t = { .sport = PEER_PORT, .seq = PEER_ISN + 1,
			     .flags = TCPHDR_ACK, .window = 1000 };
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk = NULL;
	struct seg s;
	u32 iss, seq, got = 0;

	CHECK(fx_setup());
	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	s = pop_seg();
	iss = s.seq;
	t.dport = inet_sk(sk)->inet_num;
	{
		struct tcpspec sa = { .sport = PEER_PORT, .dport = t.dport,
				      .seq = PEER_ISN, .ack = iss + 1,
				      .flags = TCPHDR_SYN | TCPHDR_ACK,
				      .window = 1000, .mss = 1460 };

		mock_rx_now(eth0, tframe, mk_tcp(tframe, &sa, NULL, 0));
	}
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	mock_tx_purge(eth0);
	CHECK_EQ(tsend(sk, data, sizeof(data)), (int)sizeof(data));
	seq = iss + 1;
	for (int round = 0; round < 10 && got < sizeof(data); round++) {
		u32 sent = 0;

		while ((s = pop_seg()).valid) {
			CHECK(s.seq == seq + sent && s.len > 0 && s.len <= 500);
			CHECK(memcmp(s.data, data + (s.seq - iss - 1), s.len) == 0);
			sent += s.len;
		}
		/* the window, no more; never less than half of it */
		CHECK(sent <= 1000 && (sent >= 500 || got + sent == sizeof(data)));
		seq += sent;
		got += sent;
		t.ack = seq;
		mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	}
	CHECK_EQ(got, sizeof(data));
	/* a wider window: full-sized segments again */
	t.window = 65535;
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	CHECK_EQ(tsend(sk, data, sizeof(data)), (int)sizeof(data));
	s = pop_seg();
	CHECK(s.valid && s.seq == seq && s.len == 1460);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_out_of_order_reassembly)
{
	struct sock *sk;
	struct seg s;
	char buf[64];
	u32 iss, b = PEER_ISN + 1;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	/* "0123456789ABCDEFGHIJ" arrives as: [10,15) [15,20) [5,12) dup
	 * [10,15) [0,5) -- overlaps trimmed, the dup dropped. */
	peer_seg(PEER_PORT, lport, b + 10, iss + 1, TCPHDR_ACK, "ABCDE", 5);
	s = pop_seg();
	CHECK(s.valid && s.ack == b);            /* duplicate ACK */
	peer_seg(PEER_PORT, lport, b + 15, iss + 1, TCPHDR_ACK, "FGHIJ", 5);
	peer_seg(PEER_PORT, lport, b + 5, iss + 1, TCPHDR_ACK, "56789AB", 7);
	peer_seg(PEER_PORT, lport, b + 10, iss + 1, TCPHDR_ACK, "ABCDE", 5);
	mock_tx_purge(eth0);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	CHECK_EQ(tcp_sk(sk)->out_of_order_queue.qlen, 3);
	peer_seg(PEER_PORT, lport, b, iss + 1, TCPHDR_ACK, "01234", 5);
	s = pop_seg();
	CHECK(s.valid && s.ack == b + 20);
	CHECK_EQ(tcp_sk(sk)->out_of_order_queue.qlen, 0);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 20);
	CHECK(memcmp(buf, "0123456789ABCDEFGHIJ", 20) == 0);
	CHECK(tcp_ext_mib[TCPEXT_TCPOFOQUEUE] >= 3);
	/* An old segment (already received) is re-ACKed, not delivered. */
	peer_seg(PEER_PORT, lport, b, iss + 1, TCPHDR_ACK, "01234", 5);
	s = pop_seg();
	CHECK(s.valid && s.ack == b + 20);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	/* A FIN out of order waits for the data before it. */
	peer_seg(PEER_PORT, lport, b + 25, iss + 1, TCPHDR_ACK | TCPHDR_FIN,
		 "zz", 2);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	peer_seg(PEER_PORT, lport, b + 20, iss + 1, TCPHDR_ACK, "yyyyy", 5);
	CHECK_EQ(sk->sk_state, TCP_CLOSE_WAIT);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 7);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 0);     /* EOF */
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_sequence_acceptability_rfc9293)
{
	struct tcp_sock tp = { .rcv_nxt = 1000, .rcv_wup = 1000,
			       .rcv_wnd = 100 };

	CHECK(tcp_sequence_ok(&tp, 1000, 1000));       /* len 0, wnd > 0 */
	CHECK(tcp_sequence_ok(&tp, 1099, 1099));
	CHECK(!tcp_sequence_ok(&tp, 1100, 1100));
	CHECK(!tcp_sequence_ok(&tp, 999, 999));
	CHECK(tcp_sequence_ok(&tp, 990, 1001));        /* overlaps left edge */
	CHECK(tcp_sequence_ok(&tp, 1099, 1200));       /* starts inside */
	CHECK(!tcp_sequence_ok(&tp, 990, 1000));       /* all old */
	CHECK(!tcp_sequence_ok(&tp, 1100, 1110));      /* all beyond */
	tp.rcv_wnd = 0;
	CHECK(tcp_sequence_ok(&tp, 1000, 1000));       /* len 0, wnd 0 */
	CHECK(!tcp_sequence_ok(&tp, 1001, 1001));
	CHECK(!tcp_sequence_ok(&tp, 1000, 1001));      /* len > 0, wnd 0 */
	/* Wrap-around of the sequence space. */
	tp.rcv_nxt = tp.rcv_wup = 0xfffffff0;
	tp.rcv_wnd = 0x100;
	CHECK(tcp_sequence_ok(&tp, 0x10, 0x20));
	CHECK(!tcp_sequence_ok(&tp, 0xffffff00, 0xffffff10));
}

TEST(tcp_unacceptable_segment_gets_ack_and_is_dropped)
{
	struct sock *sk;
	struct seg s;
	char buf[8];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	peer_seg(PEER_PORT, lport, PEER_ISN + 1 + 200000, iss + 1, TCPHDR_ACK,
		 "far", 3);
	s = pop_seg();
	CHECK(s.valid && s.ack == PEER_ISN + 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPBADSEQ], 1);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	/* An ACK for data we never sent: ACK back, drop. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1000, TCPHDR_ACK, "x", 1);
	s = pop_seg();
	CHECK(s.valid && s.ack == PEER_ISN + 1);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_ack_accepted_at_closed_receive_window)
{
	struct sock *sk;
	struct tcp_sock *tp;
	static u8 big[1000];
	u32 iss, right;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	tp = tcp_sk(sk);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tsend(sk, "ours", 4), 4);
	mock_tx_purge(eth0);
	/* Pretend we offered 500 bytes and the peer filled them, but the
	 * segment was lost: its next segment (or pure ACK) starts exactly
	 * at our right edge. Its ACK of our data must still count. */
	tp->rcv_wnd = 500;
	tp->rcv_wup = tp->rcv_nxt;
	right = tp->rcv_nxt + 500;
	peer_seg(PEER_PORT, lport, right, iss + 5, TCPHDR_ACK, big, 1000);
	CHECK_EQ(tp->snd_una, iss + 5);
	{
		struct seg s = pop_seg();

		CHECK(s.valid && s.ack == PEER_ISN + 1);   /* data not taken */
	}
	/* Beyond the (new) right edge: dropped, ACK ignored. */
	CHECK_EQ(tsend(sk, "more", 4), 4);
	mock_tx_purge(eth0);
	right = tp->rcv_nxt + tcp_receive_window(tp);
	peer_seg(PEER_PORT, lport, right + 1, iss + 9, TCPHDR_ACK, NULL, 0);
	CHECK_EQ(tp->snd_una, iss + 5);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_rst_validation_rfc5961)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	/* In the window but not exact: challenge ACK, connection lives. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 50, 0, TCPHDR_RST, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 1);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPCHALLENGEACK], 1);
	/* Another at once: the ACK is rate-limited (RFC 5961 7, Linux's
	 * tcp_invalid_ratelimit), counted, not sent. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 60, 0, TCPHDR_RST, NULL, 0);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPACKSKIPPEDCHALLENGE], 1);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	/* Outside the window: silently dropped. */
	peer_seg(PEER_PORT, lport, PEER_ISN - 500, 0, TCPHDR_RST, NULL, 0);
	CHECK(!pop_seg().valid);
	host_advance(TCP_INVALID_RATELIMIT);
	/* A SYN on an established connection: challenge ACK too. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, 0, TCPHDR_SYN, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	/* Exactly rcv_nxt: reset. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, 0, TCPHDR_RST, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ECONNRESET);
	CHECK(tcp_poll_mask(sk) & SK_POLLHUP);
	CHECK_EQ(tsend(sk, "x", 1), -ECONNRESET);
	CHECK_EQ(tsend(sk, "x", 1), -EPIPE);
	tcp_close(sk, 0);
	fx_teardown();
}

/* RFC 5961 5.2: an ACK value outside SND.UNA - MAX.SND.WND .. SND.NXT
 * (blind data injection, or an ACK of data never sent) drops the
 * segment, data and all, with a challenge ACK; an old ACK within the
 * window keeps its data. */
TEST(tcp_ack_value_validation_rfc5961)
{
	struct sock *sk;
	struct seg s;
	char buf[16];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tcp_sk(sk)->max_window, 65535);
	/* far below snd_una: data refused */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1 - 70000, TCPHDR_ACK,
		 "evil", 4);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 1);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPCHALLENGEACK], 1);
	/* beyond snd_nxt: the same (data segments are never rate-limited) */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 100, TCPHDR_ACK, "evil", 4);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 1);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), -EAGAIN);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPCHALLENGEACK], 2);
	/* old but within the peer's window: an old ACK, data taken */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1 - 1000, TCPHDR_ACK, "good", 4);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 4);
	CHECK(!memcmp(buf, "good", 4));
	kill_conn(sk);
	fx_teardown();
}

/* One limit for all TCP receive memory (Linux tcp_mem): past it a
 * segment is dropped and counted even though its socket has room, and
 * reading gives the memory back. */
TEST(tcp_global_receive_memory_limit)
{
	static char data[1000];
	long saved = sysctl_tcp_mem, one;
	struct sock *sk;
	char buf[4000];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	memset(data, 'm', sizeof(data));
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, data, 1000);
	one = tcp_memory_allocated;
	CHECK(one >= 1000);
	CHECK_EQ(one, sk->sk_rmem_alloc);
	sysctl_tcp_mem = 2 * one + one / 2;     /* room for one more */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1001, iss + 1, TCPHDR_ACK, data, 1000);
	CHECK_EQ(tcp_memory_allocated, 2 * one);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPRCVQDROP], 0);
	peer_seg(PEER_PORT, lport, PEER_ISN + 2001, iss + 1, TCPHDR_ACK, data, 1000);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPRCVQDROP], 1);
	CHECK_EQ(tcp_sk(sk)->rcv_nxt, PEER_ISN + 2001);
	CHECK_EQ(tcp_memory_allocated, 2 * one);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 2000);
	CHECK_EQ(tcp_memory_allocated, 0);
	sysctl_tcp_mem = saved;
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_retransmission_backoff_and_karn)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	tp = tcp_sk(sk);
	lport = inet_sk(sk)->inet_num;
	/* The handshake measured an RTT of 0 ms: RTO is the 200 ms floor. */
	CHECK_EQ(tp->rto, TCP_RTO_MIN);
	CHECK_EQ(tsend(sk, "abc", 3), 3);
	CHECK(pop_seg().valid);
	host_advance(199);
	CHECK(!pop_seg().valid);
	host_advance(1);
	s = pop_seg();
	CHECK(s.valid && s.seq == iss + 1 && s.len == 3);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 1);
	CHECK_EQ(tp->backoff, 1);
	CHECK_EQ(tp->snd_cwnd, tp->mss_cache);       /* RFC 5681 after RTO */
	host_advance(399);
	CHECK(!pop_seg().valid);
	host_advance(1);
	CHECK(pop_seg().valid);                      /* 400 ms: doubled */
	host_advance(800);
	CHECK(pop_seg().valid);                      /* 800 ms */
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPTIMEOUTS], 3);
	/* The ACK of a retransmitted segment gives no RTT sample (Karn) but
	 * ends the backoff (RFC 6298 5.7 / 5.5). */
	host_advance(500);
	{
		u32 srtt = tp->srtt_us;

		peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 4, TCPHDR_ACK,
			 NULL, 0);
		CHECK_EQ(tp->srtt_us, srtt);
		CHECK_EQ(tp->backoff, 0);
		CHECK(!timer_pending(&tp->retransmit_timer));
	}
	/* A fresh segment ACKed after 300 ms: SRTT and RTTVAR move. */
	CHECK_EQ(tsend(sk, "d", 1), 1);
	CHECK(pop_seg().valid);
	host_advance(150);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 5, TCPHDR_ACK, NULL, 0);
	/* srtt = 7/8*1ms + 150/8, rttvar = 3/4*0.5 + |1-150|/4; the RTO
	 * (170 ms) is held at the 200 ms floor. */
	CHECK_EQ(tp->srtt_us, 875 + 18750);
	CHECK_EQ(tp->rttvar_us, 375 + 37250);
	CHECK_EQ(tp->rto, TCP_RTO_MIN);
	/* A slow one (190 ms, before the RTO) lifts it above the floor. */
	CHECK_EQ(tsend(sk, "e", 1), 1);
	CHECK(pop_seg().valid);
	host_advance(190);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 6, TCPHDR_ACK, NULL, 0);
	CHECK(tp->rto > TCP_RTO_MIN);
	CHECK_EQ(tp->rto, (tp->srtt_us + 4 * tp->rttvar_us) / 1000);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_retransmit_gives_up_with_etimedout)
{
	struct sock *sk;
	u32 iss;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	CHECK_EQ(tsend(sk, "abc", 3), 3);
	/* Keep ARP fresh so the only failure is the silence. */
	for (int i = 0; i < 600 && sk->sk_state != TCP_CLOSE; i++) {
		fx_learn(eth0, ADDR_PEER, MAC_PEER);
		host_advance(10000);
	}
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ETIMEDOUT);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], TCP_RETRIES2);
	tcp_close(sk, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_fast_retransmit_on_three_dupacks)
{
	struct sock *sk;
	u8 data[3000];
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	memset(data, 'q', sizeof(data));
	sk = establish(1000, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tsend(sk, data, sizeof(data)), 3000);
	mock_tx_purge(eth0);
	for (int i = 0; i < 3; i++)
		peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK,
			 NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.seq == iss + 1 && s.len == 1000);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 1);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_receive_window_shrinks_with_unread_data)
{
	struct sock *sk;
	struct seg s;
	static u8 big[1000];
	u32 iss, seq = PEER_ISN + 1;
	u16 lport, w0;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	sk->sk_rcvbuf = 16384;
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, big, 1000);
	seq += 1000;
	w0 = pop_seg().window;
	/* Keep sending unread data until the window closes; nothing the
	 * window did not allow is ever queued, and nothing crashes. */
	for (int i = 0; i < 40; i++) {
		peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, big, 1000);
		s = pop_seg();
		seq = s.ack;
	}
	CHECK(s.window < w0);
	CHECK(sk->sk_rmem_alloc <= sk->sk_rcvbuf);
	kill_conn(sk);
	fx_teardown();
}
