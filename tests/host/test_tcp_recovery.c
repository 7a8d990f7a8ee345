/* RFC 6582 NewReno fast recovery: a partial ACK resends the next hole at
 * once, duplicate ACKs inflate the window, a full ACK ends recovery, and
 * duplicates of data sent before an RTO start no fast retransmit. */
#include "tcp_test.h"

static void dupack(u16 lport, u32 ack)
{
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, ack, TCPHDR_ACK, NULL, 0);
}

TEST(tcp_newreno_partial_ack_resends_next_hole)
{
	static u8 data[10000];
	struct sock *sk;
	struct tcp_sock *tp;
	struct seg s;
	u32 iss, base;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1000, &iss);
	tp = tcp_sk(sk);
	tp->nodelay = 1;
	lport = inet_sk(sk)->inet_num;
	base = iss + 1;
	CHECK_EQ(tsend(sk, data, 10000), 10000);  /* the initial window */
	for (int i = 0; i < 10; i++)
		CHECK(pop_seg().valid);
	CHECK_EQ(tsend(sk, data, 1000), 1000);   /* waits for the window */
	CHECK(!pop_seg().valid);
	/* Segments 0 and 4 were lost: three duplicates resend segment 0. */
	for (int i = 0; i < 3; i++)
		dupack(lport, base);
	s = pop_seg();
	CHECK(s.valid && s.seq == base && s.len == 1000);
	CHECK(tp->in_recovery);
	CHECK_EQ(tp->high_seq, base + 10000);
	CHECK_EQ(tp->snd_ssthresh, 5000);
	CHECK_EQ(tp->snd_cwnd, 5000 + 3 * 1000);
	/* Each further duplicate inflates the window by an MSS; the third
	 * lets the waiting segment go. */
	dupack(lport, base);
	dupack(lport, base);
	CHECK(!pop_seg().valid);
	dupack(lport, base);
	s = pop_seg();
	CHECK(s.valid && s.seq == base + 10000);
	/* Partial ACK (up to the second hole): resent at once. */
	dupack(lport, base + 4000);
	s = pop_seg();
	CHECK(s.valid && s.seq == base + 4000 && s.len == 1000);
	CHECK(tp->in_recovery);
	CHECK_EQ(tp->snd_cwnd, 11000 - 4000 + 1000);
	/* Full ACK: recovery ends, the window is ssthresh or less. */
	dupack(lport, base + 11000);
	CHECK(!tp->in_recovery);
	CHECK(tp->snd_cwnd <= tp->snd_ssthresh);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 2);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_newreno_no_fast_retransmit_after_rto_for_old_data)
{
	static u8 data[3000];
	struct sock *sk;
	struct tcp_sock *tp;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1000, &iss);
	tp = tcp_sk(sk);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tsend(sk, data, sizeof(data)), 3000);
	mock_tx_purge(eth0);
	host_advance(tcp_current_rto(tp));
	s = pop_seg();
	CHECK(s.valid && s.seq == iss + 1);      /* the RTO resend */
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 1);
	CHECK_EQ(tp->high_seq, iss + 3001);
	/* Duplicates about data sent before the timeout (the originals
	 * arriving late at the peer) are not a new loss. */
	for (int i = 0; i < 4; i++)
		dupack(lport, iss + 1);
	CHECK(!tp->in_recovery);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 1);
	kill_conn(sk);
	fx_teardown();
}

/* RFC 5681 2: an ACK that changes the window is not a duplicate. */
TEST(tcp_window_updates_are_not_duplicate_acks)
{
	static u8 data[3000];
	struct sock *sk;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1000, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tsend(sk, data, sizeof(data)), 3000);
	mock_tx_purge(eth0);
	for (int i = 0; i < 4; i++) {
		struct tcpspec t = { .sport = PEER_PORT, .dport = lport,
				     .seq = PEER_ISN + 1, .ack = iss + 1,
				     .flags = TCPHDR_ACK,
				     .window = (u16)(60000 + i) };

		mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	}
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 0);
	CHECK_EQ(tcp_sk(sk)->dupacks, 0);
	kill_conn(sk);
	fx_teardown();
}
