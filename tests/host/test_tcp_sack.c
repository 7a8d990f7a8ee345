/* Sender-side SACK (RFC 2018, RFC 6675): the peer's SACK blocks mark our
 * write queue, invalid blocks are ignored and counted, loss recovery
 * resends only the holes (in order, never SACKed data), starts on SACKed
 * bytes before three duplicates, ends at the recovery point; an RTO
 * keeps the marks (unless the peer reneged); a peer without SACK still
 * gets NewReno. The peer's segments are built byte by byte here. */
#include "tcp_test.h"
#include <uapi/tcp.h>

#define MSS 1000u

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/* A segment from the peer with optional raw options (padded by caller). */
static void peer_raw(u16 dport, u32 seq, u32 ack, u8 flags, const u8 *opts,
		     unsigned int olen)
{
	static u8 seg[100];
	struct tcphdr *th = (struct tcphdr *)seg;
	struct ipspec sp = { .protocol = IPPROTO_TCP };
	unsigned int hl = 20 + olen;

	memset(seg, 0, sizeof(seg));
	memcpy(seg + 20, opts, olen);
	th->source = htons(PEER_PORT);
	th->dest = htons(dport);
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff_res = (u8)((hl / 4) << 4);
	th->flags = flags;
	th->window = htons(65535);
	th->check = htons(csum_tcpudp_magic(ADDR_PEER, ADDR_US, hl,
					    IPPROTO_TCP,
					    csum_partial(seg, hl, 0)));
	mock_rx_now(eth0, tframe, mk_ip(tframe, &sp, seg, hl));
}

/* An ACK carrying n SACK blocks (absolute sequence numbers). */
static void sack_ack(struct sock *sk, u32 ack, const u32 (*b)[2], int n)
{
	u8 o[40];
	unsigned int l = 0;

	if (n) {
		o[l++] = TCPOPT_NOP;
		o[l++] = TCPOPT_NOP;
		o[l++] = TCPOPT_SACK;
		o[l++] = (u8)(2 + 8 * n);
		for (int i = 0; i < n; i++, l += 8) {
			put32(o + l, b[i][0]);
			put32(o + l + 4, b[i][1]);
		}
	}
	peer_raw(inet_sk(sk)->inet_num, PEER_ISN + 1, ack, TCPHDR_ACK, o, l);
}

/* Active open; the peer's SYN-ACK has MSS 1000 and (or not)
 * SACK-permitted, no timestamps, so segments are exactly MSS bytes. */
static struct sock *establish_sack(bool sack, u32 *base)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk = tcp_sock_new();
	u8 o[8] = { TCPOPT_MSS, 4, (u8)(MSS >> 8), (u8)MSS,
		    TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK_PERM, 2 };
	struct seg s;

	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_SYN);
	peer_raw(inet_sk(sk)->inet_num, PEER_ISN, s.seq + 1,
		 TCPHDR_SYN | TCPHDR_ACK, o, sack ? 8 : 4);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	CHECK_EQ(tcp_sk(sk)->sack_ok, sack);
	CHECK_EQ(tcp_sk(sk)->mss_cache, MSS);
	mock_tx_purge(eth0);
	tcp_sk(sk)->nodelay = 1;
	*base = s.seq + 1;
	return sk;
}

/* Send n full segments and swallow them (the initial window is 10). */
static void send_segs(struct sock *sk, int n)
{
	static u8 data[20 * MSS];

	CHECK_EQ(tsend(sk, data, (size_t)n * MSS), (int)(n * MSS));
	for (int i = 0; i < n; i++)
		CHECK(pop_seg().valid);
	CHECK(!pop_seg().valid);
}

/* An ACK carrying one SACK block [start, end). */
static void sack_ack1(struct sock *sk, u32 ack, u32 start, u32 end)
{
	const u32 blk[1][2] = { { start, end } };

	sack_ack(sk, ack, blk, 1);
}

/* fx_setup, a SACK connection, and ten full segments in flight: the
 * start of most tests below. */
static struct sock *sack_sender(u32 *base)
{
	struct sock *sk;

	CHECK(fx_setup());
	sk = establish_sack(true, base);
	send_segs(sk, 10);
	return sk;
}

static u8 seg_flags(struct sock *sk, u32 seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb;

	list_for_each_entry(pkb, &tp->write_queue.list, list)
		if (TCP_SKB_CB(pkb)->seq == seq)
			return TCP_SKB_CB(pkb)->sacked;
	return 0xff;
}

TEST(tcp_sack_blocks_mark_whole_segments)
{
	struct sock *sk;
	struct tcp_info info;
	int len = sizeof(info);
	u32 b;

	sk = sack_sender(&b);
	{
		/* Two whole segments, then one only partly covered. */
		const u32 blk[2][2] = { { b + 2000, b + 4000 },
					{ b + 4500, b + 5000 } };

		sack_ack(sk, b, blk, 2);
	}
	CHECK(!pop_seg().valid);                 /* below DupThresh */
	CHECK(!tcp_sk(sk)->in_recovery);
	CHECK_EQ(tcp_sk(sk)->sacked_out, 2000);
	CHECK(!(seg_flags(sk, b + 1000) & TCPCB_SACKED_ACKED));
	CHECK(seg_flags(sk, b + 2000) & TCPCB_SACKED_ACKED);
	CHECK(seg_flags(sk, b + 3000) & TCPCB_SACKED_ACKED);
	CHECK(!(seg_flags(sk, b + 4000) & TCPCB_SACKED_ACKED));
	CHECK_EQ(tcp_getsockopt(sk, SOL_TCP, TCP_INFO, &info, &len), 0);
	CHECK_EQ(info.tcpi_sacked, 2);
	/* A repeated block changes nothing; the cumulative ACK over the
	 * SACKed segments takes them off the count. */
	{
		const u32 blk[1][2] = { { b + 2000, b + 4000 } };

		sack_ack(sk, b, blk, 1);
		CHECK_EQ(tcp_sk(sk)->sacked_out, 2000);
		sack_ack(sk, b + 4000, NULL, 0);
	}
	CHECK_EQ(tcp_sk(sk)->sacked_out, 0);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 0);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_sack_invalid_blocks_ignored)
{
	struct sock *sk;
	u32 b;

	sk = sack_sender(&b);
	sack_ack(sk, b + 1000, NULL, 0);
	{
		/* D-SACK first (below the ACK), then reversed, beyond
		 * SND.NXT, starting at SND.UNA: none may mark anything. */
		const u32 blk[4][2] = { { b, b + 1000 },
					{ b + 5000, b + 3000 },
					{ b + 9000, b + 11000 },
					{ b + 1000, b + 4000 } };

		sack_ack(sk, b + 1000, blk, 4);
	}
	CHECK_EQ(tcp_sk(sk)->sacked_out, 0);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPDSACKRECV], 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPSACKDISCARD], 3);
	/* A SACK option of a bad length is skipped whole. */
	{
		u8 o[12] = { TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK, 9 };

		put32(o + 4, b + 2000);
		put32(o + 8, b + 3000);
		peer_raw(inet_sk(sk)->inet_num, PEER_ISN + 1, b + 1000,
			 TCPHDR_ACK, o, 12);
	}
	CHECK_EQ(tcp_sk(sk)->sacked_out, 0);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 0);
	kill_conn(sk);
	fx_teardown();
}

/* Segments 0, 3 and 6 of ten lost: one ACK with the three blocks the
 * receiver sends starts recovery and resends exactly the holes, in
 * order; later ACKs resend nothing SACKed; the ACK of the recovery
 * point ends recovery. */
TEST(tcp_sack_recovery_resends_only_holes_in_order)
{
	const u32 (*blk)[2];
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	{
		const u32 x[3][2] = { { b + 7000, b + 10000 },
				      { b + 4000, b + 6000 },
				      { b + 1000, b + 3000 } };

		blk = x;
		sack_ack(sk, b, blk, 3);
	}
	CHECK(tp->in_recovery);
	CHECK_EQ(tp->high_seq, b + 10000);
	CHECK_EQ(tp->snd_ssthresh, 5000);
	CHECK_EQ(tp->snd_cwnd, 5000);
	for (u32 hole = 0; hole < 9000; hole += 3000) {
		s = pop_seg();
		CHECK(s.valid && s.seq == b + hole && s.len == MSS);
	}
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 3);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPSACKRECOVERY], 1);
	CHECK_EQ(tp->lost_out, 0);
	/* The resent head arrives: a partial ACK. Nothing is resent. */
	{
		const u32 x[2][2] = { { b + 7000, b + 10000 },
				      { b + 4000, b + 6000 } };

		sack_ack(sk, b + 3000, x, 2);
	}
	CHECK(tp->in_recovery);
	CHECK(!pop_seg().valid);
	sack_ack1(sk, b + 6000, b + 7000, b + 10000);
	CHECK(tp->in_recovery);
	CHECK(!pop_seg().valid);
	sack_ack(sk, b + 10000, NULL, 0);         /* the recovery point */
	CHECK(!tp->in_recovery);
	CHECK(tp->snd_cwnd <= tp->snd_ssthresh);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 3);
	CHECK_EQ(tp->sacked_out, 0);
	kill_conn(sk);
	fx_teardown();
}

/* RFC 6675 IsLost: more than 2 * SMSS SACKed above the head starts
 * recovery before three duplicate ACKs; exactly 2 * SMSS does not. New
 * data goes out while pipe < cwnd, before and during recovery. */
TEST(tcp_sack_recovery_entry_by_sacked_bytes)
{
	static u8 more[3 * MSS];
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	CHECK_EQ(tsend(sk, more, sizeof(more)), (int)sizeof(more));
	CHECK(!pop_seg().valid);                 /* cwnd full */
	sack_ack1(sk, b, b + 1000, b + 3000);
	CHECK(!tp->in_recovery);
	CHECK_EQ(tp->dupacks, 1);
	/* SACKed data left the network: pipe 8000 < cwnd 10000, two new
	 * segments go. */
	s = pop_seg();
	CHECK(s.valid && s.seq == b + 10000);
	s = pop_seg();
	CHECK(s.valid && s.seq == b + 11000);
	CHECK(!pop_seg().valid);
	sack_ack1(sk, b, b + 1000, b + 4000);
	CHECK(tp->in_recovery);
	CHECK_EQ(tp->dupacks, 2);               /* before three */
	CHECK_EQ(tp->snd_cwnd, 6000);           /* FlightSize 12000 / 2 */
	s = pop_seg();
	CHECK(s.valid && s.seq == b && s.len == MSS);
	/* pipe 12000 - 3000 SACKed = 9000 >= cwnd: nothing new. */
	CHECK(!pop_seg().valid);
	/* Four more SACKed: pipe = segment 0 resent, 8 to 11 =
	 * 5000 < 6000: one new segment. */
	sack_ack1(sk, b, b + 1000, b + 8000);
	s = pop_seg();
	CHECK(s.valid && s.seq == b + 12000);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 1);
	sack_ack(sk, b + 13000, NULL, 0);
	CHECK(!tp->in_recovery);
	kill_conn(sk);
	fx_teardown();
}

/* The peer as a receiver that holds got[0..n) (segments of MSS bytes
 * from b): one ACK with the cumulative point and its SACK blocks. */
static void ack_what_peer_has(struct sock *sk, u32 b, const bool *got, int n)
{
	u32 blk[3][2];
	int cum = 0, nb = 0;

	while (cum < n && got[cum])
		cum++;
	for (int i = cum; i < n && nb < 3;) {
		int j;

		if (!got[i]) {
			i++;
			continue;
		}
		for (j = i; j < n && got[j]; j++)
			;
		blk[nb][0] = b + (u32)i * MSS;
		blk[nb][1] = b + (u32)j * MSS;
		nb++;
		i = j;
	}
	sack_ack(sk, b + (u32)cum * MSS, (const u32 (*)[2])blk, nb);
}

/* After an RTO the SACKed segments are not resent: go-back-N skips
 * them, in order, as slow start reopens the window. */
TEST(tcp_sack_rto_skips_sacked_segments)
{
	bool got[10] = { false };
	u32 sent[20];
	int nsent = 0, rounds = 0;
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	got[2] = got[6] = true;
	ack_what_peer_has(sk, b, got, 10);
	CHECK_EQ(tp->sacked_out, 2000);
	CHECK(!tp->in_recovery);
	CHECK(!pop_seg().valid);
	host_advance(tcp_current_rto(tp));
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPTIMEOUTS], 1);
	CHECK_EQ(tp->sacked_out, 2000);          /* the marks stay */
	while (tp->snd_una != tp->snd_nxt && rounds++ < 20) {
		while ((s = pop_seg()).valid) {
			u32 i = (s.seq - b) / MSS;

			CHECK(s.len == MSS && i < 10 && nsent < 20);
			if (i < 10 && nsent < 20) {
				sent[nsent++] = s.seq - b;
				got[i] = true;
			}
		}
		ack_what_peer_has(sk, b, got, 10);
	}
	CHECK_EQ(tp->snd_una, b + 10000);
	CHECK_EQ(nsent, 8);
	{
		const u32 want[8] = { 0, 1000, 3000, 4000, 5000, 7000, 8000,
				      9000 };

		for (int i = 0; i < 8 && i < nsent; i++)
			CHECK_EQ(sent[i], want[i]);
	}
	CHECK_EQ(tcp_mib[TCP_MIB_RETRANSSEGS], 8);
	CHECK_EQ(tp->sacked_out, 0);
	CHECK_EQ(tp->lost_out, 0);
	kill_conn(sk);
	fx_teardown();
}

/* The peer SACKed a segment and then ACKed only up to it: it dropped
 * what it SACKed (RFC 2018 8). The RTO forgets every mark and resends
 * from the head. */
TEST(tcp_sack_reneging_cleared_on_rto)
{
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	sack_ack1(sk, b, b + 1000, b + 2000);
	sack_ack(sk, b + 1000, NULL, 0);
	CHECK(seg_flags(sk, b + 1000) & TCPCB_SACKED_ACKED);
	host_advance(tcp_current_rto(tp));
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPSACKRENEGING], 1);
	CHECK_EQ(tp->sacked_out, 0);
	s = pop_seg();
	CHECK(s.valid && s.seq == b + 1000);
	CHECK(!pop_seg().valid);
	kill_conn(sk);
	fx_teardown();
}

/* A peer that did not offer SACK-permitted: SACK blocks it sends anyway
 * are ignored and recovery is NewReno (three duplicates, the window
 * inflated by three segments). */
TEST(tcp_sack_peer_without_sack_gets_newreno)
{
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b, blk[1][2];

	CHECK(fx_setup());
	sk = establish_sack(false, &b);
	tp = tcp_sk(sk);
	send_segs(sk, 10);
	blk[0][0] = b + 1000;
	blk[0][1] = b + 5000;
	sack_ack(sk, b, (const u32 (*)[2])blk, 1);
	sack_ack(sk, b, (const u32 (*)[2])blk, 1);
	CHECK(!tp->in_recovery);
	CHECK_EQ(tp->sacked_out, 0);
	sack_ack(sk, b, (const u32 (*)[2])blk, 1);
	CHECK(tp->in_recovery);
	s = pop_seg();
	CHECK(s.valid && s.seq == b);
	CHECK_EQ(tp->snd_cwnd, 5000 + 3 * MSS);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPRENORECOVERY], 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPSACKRECOVERY], 0);
	kill_conn(sk);
	fx_teardown();
}

/* Linux's adaptive DupThresh: a segment never resent SACKed below one
 * SACKed earlier shows reordering of that many segments; afterwards as
 * many SACKed segments are needed before anything counts as lost. */
TEST(tcp_sack_reordering_raises_dupthresh)
{
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	CHECK(fx_setup());
	sk = establish_sack(true, &b);
	tp = tcp_sk(sk);
	CHECK_EQ(tp->reordering, 3);
	send_segs(sk, 10);
	sack_ack1(sk, b, b + 5000, b + 6000);
	{
		const u32 x[2][2] = { { b + 2000, b + 3000 },
				      { b + 5000, b + 6000 } };

		sack_ack(sk, b, x, 2);
	}
	CHECK_EQ(tp->reordering, 5);
	{
		/* 4 segments SACKed: lost with DupThresh 3, not with 5. */
		const u32 x[2][2] = { { b + 2000, b + 3000 },
				      { b + 5000, b + 8000 } };

		sack_ack(sk, b, x, 2);
	}
	CHECK(!tp->in_recovery);
	CHECK(!pop_seg().valid);
	{
		const u32 x[2][2] = { { b + 2000, b + 3000 },
				      { b + 5000, b + 10000 } };

		sack_ack(sk, b, x, 2);
	}
	CHECK(tp->in_recovery);
	s = pop_seg();
	CHECK(s.valid && s.seq == b);
	kill_conn(sk);
	fx_teardown();
}

/* A D-SACK for data resent in the last recovery: the resend was
 * spurious (the original was late), so DupThresh grows to the distance
 * up to the highest SACK (RFC 3708 / Linux). */
TEST(tcp_sack_dsack_of_resent_data_raises_dupthresh)
{
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	sack_ack1(sk, b, b + 1000, b + 6000);
	CHECK(tp->in_recovery);
	s = pop_seg();
	CHECK(s.valid && s.seq == b);            /* segment 0 resent */
	CHECK_EQ(tp->reordering, 3);
	/* The original arrived first; the resend is reported as a
	 * duplicate below the cumulative ACK. */
	sack_ack1(sk, b + 6000, b, b + 1000);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPDSACKRECV], 1);
	CHECK_EQ(tp->reordering, 6);
	kill_conn(sk);
	fx_teardown();
}

/* A D-SACK for data we never resent (the path duplicated it) says
 * nothing about reordering. */
TEST(tcp_sack_dsack_of_unsent_duplicate_ignored)
{
	struct tcp_sock *tp;
	struct sock *sk;
	u32 b;

	sk = sack_sender(&b);
	tp = tcp_sk(sk);
	{
		const u32 x[2][2] = { { b + 2000, b + 3000 },
				      { b + 9000, b + 10000 } };

		sack_ack(sk, b, x, 2);
	}
	{
		/* The first block inside the second: a D-SACK (RFC 2883 4.2)
		 * of segment 2, 8 segments below the highest SACK. */
		const u32 x[3][2] = { { b + 2000, b + 3000 },
				      { b + 2000, b + 3000 },
				      { b + 9000, b + 10000 } };

		sack_ack(sk, b, x, 3);
	}
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPDSACKRECV], 1);
	CHECK_EQ(tp->reordering, 3);
	CHECK_EQ(tp->sacked_out, 2000);
	kill_conn(sk);
	fx_teardown();
}

/* Eifel (RFC 3522): with timestamps, the ACK that fills the hole echoes
 * the original's TSval, older than our retransmission: reordering. */
static void ts_sack_ack(struct sock *sk, u32 ack, u32 tsval, u32 tsecr,
			const u32 (*b)[2], int n)
{
	u8 o[40];
	unsigned int l = 0;

	o[l++] = TCPOPT_NOP;
	o[l++] = TCPOPT_NOP;
	o[l++] = TCPOPT_TIMESTAMP;
	o[l++] = 10;
	put32(o + l, tsval);
	put32(o + l + 4, tsecr);
	l += 8;
	if (n) {
		o[l++] = TCPOPT_NOP;
		o[l++] = TCPOPT_NOP;
		o[l++] = TCPOPT_SACK;
		o[l++] = (u8)(2 + 8 * n);
		for (int i = 0; i < n; i++, l += 8) {
			put32(o + l, b[i][0]);
			put32(o + l + 4, b[i][1]);
		}
	}
	peer_raw(inet_sk(sk)->inet_num, PEER_ISN + 1, ack, TCPHDR_ACK, o, l);
}

TEST(tcp_sack_eifel_late_original_raises_dupthresh)
{
	static u8 data[10 * MSS];
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	u8 o[20] = { TCPOPT_MSS, 4, (u8)(MSS >> 8), (u8)MSS,
		     TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK_PERM, 2,
		     TCPOPT_NOP, TCPOPT_NOP, TCPOPT_TIMESTAMP, 10 };
	struct tcp_sock *tp;
	struct sock *sk;
	struct seg s;
	u32 b, m, t0;

	CHECK(fx_setup());
	sk = tcp_sock_new();
	tp = tcp_sk(sk);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	s = pop_seg();
	put32(o + 12, 500);
	put32(o + 16, tcp_time_stamp());
	peer_raw(inet_sk(sk)->inet_num, PEER_ISN, s.seq + 1,
		 TCPHDR_SYN | TCPHDR_ACK, o, 20);
	CHECK(tp->sack_ok && tp->tstamp_ok);
	mock_tx_purge(eth0);
	tp->nodelay = 1;
	b = s.seq + 1;
	m = tp->mss_cache;
	t0 = tcp_time_stamp();
	CHECK_EQ(tsend(sk, data, 10 * m), (int)(10 * m));
	mock_tx_purge(eth0);
	host_advance(10);
	{
		const u32 x[1][2] = { { b + m, b + 5 * m } };

		ts_sack_ack(sk, b, 501, t0, x, 1);
	}
	CHECK(tp->in_recovery);
	s = pop_seg();
	CHECK(s.valid && s.seq == b);
	host_advance(5);
	/* The late original fills the hole: its TSval (t0) is echoed. */
	ts_sack_ack(sk, b + 5 * m, 502, t0, NULL, 0);
	CHECK_EQ(tp->reordering, 5);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPSACKREORDER], 1);
	kill_conn(sk);
	fx_teardown();
}
