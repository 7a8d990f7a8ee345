/* SYN cookies (RFC 4987 3.6, Linux tcp_syncookies=1): a full SYN queue
 * answers with a cookie SYN-ACK and keeps nothing; the ACK that echoes
 * the cookie makes the connection; a forged ACK gets a RST; with
 * cookies off the SYN is dropped. */
#include "tcp_test.h"

#define LPORT 8080

static struct tcpspec syn_from(u16 sport, u32 seq, u16 mss)
{
	struct tcpspec t = { .sport = sport, .dport = LPORT, .seq = seq,
			     .flags = TCPHDR_SYN, .window = 8192, .mss = mss };
	return t;
}

TEST(tcp_syncookie_when_the_syn_queue_is_full)
{
	struct tcpspec t;
	struct sock *l, *child;
	struct seg s, c;
	char buf[8];
	int err = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(LPORT, 1);
	t = syn_from(41000, 1000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	s = pop_seg();
	CHECK(s.valid && s.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK_EQ(tcp_sk(l)->synq_len, 1);
	/* The queue is full: a cookie, no request. */
	t = syn_from(41001, 7000, 1400);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	c = pop_seg();
	CHECK(c.valid && c.flags == (TCPHDR_SYN | TCPHDR_ACK) && c.ack == 7001);
	CHECK_EQ(c.mss, 1460);                  /* ours, as always */
	CHECK_EQ(tcp_sk(l)->synq_len, 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESSENT], 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPREQQFULLDOCOOKIES], 1);
	/* A forged ACK (a guess at the cookie) is reset. */
	peer_seg(41001, LPORT, 7001, c.seq + 0x12345, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_RST && s.seq == c.seq + 0x12345);
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESFAILED], 1);
	CHECK_EQ(tcp_sk(l)->acceptq_len, 0);
	/* So is one whose sequence number is far from the SYN's + 1 (the
	 * cookie also encodes the peer's ISN). */
	peer_seg(41001, LPORT, 7001 + 0x100000, c.seq + 1, TCPHDR_ACK, NULL, 0);
	CHECK(pop_seg().flags == TCPHDR_RST);
	/* The real answer, a minute later, carrying data: connected. */
	host_advance(60000);
	mock_tx_purge(eth0);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	peer_seg(41001, LPORT, 7001, c.seq + 1, TCPHDR_ACK, "ok", 2);
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESRECV], 1);
	CHECK_EQ(tcp_sk(l)->acceptq_len, 1);
	child = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(child != NULL);
	if (child) {
		CHECK_EQ(child->sk_state, TCP_ESTABLISHED);
		CHECK_EQ(tcp_sk(child)->mss_cache, 1300);  /* table value <= 1400 */
		CHECK_EQ(trecv(child, buf, sizeof(buf)), 2);
		s = pop_seg();
		CHECK(s.valid && s.ack == 7003 && s.seq == c.seq + 1);
		kill_conn(child);
	}
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* With timestamps on the SYN, a cookie keeps window scaling and SACK
 * as Linux does: our TSval's low 6 bits carry the peer's shift and
 * SACK-permitted, its TSecr brings them back; without timestamps only
 * the MSS survives. */
TEST(tcp_syncookie_keeps_options_in_the_timestamp)
{
	/* NOP NOP TS(1234, 0), NOP WS 5, NOP NOP SACK-permitted */
	static const u8 o[20] = { 1, 1, 8, 10, 0, 0, 4, 210, 0, 0, 0, 0,
				  1, 3, 3, 5, 1, 1, 4, 2 };
	struct tcpspec t;
	struct sock *l, *child;
	struct seg c;
	const u8 *ts;
	u8 ack_o[12] = { 1, 1, 8, 10, 0, 0, 4, 211 };
	u32 tsval;
	int err = 0;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(LPORT, 1);
	t = syn_from(41000, 1000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));   /* fills it */
	mock_tx_purge(eth0);
	t = syn_from(41002, 9000, 1460);
	t.opts = o;
	t.optlen = sizeof(o);
	host_advance(500);               /* (before the SYN-ACK timer) */
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	c = pop_seg();
	CHECK(c.valid && c.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESSENT], 1);
	CHECK(seg_opt(&c, TCPOPT_WINDOW) && seg_opt(&c, TCPOPT_SACK_PERM));
	ts = seg_opt(&c, TCPOPT_TIMESTAMP);
	CHECK(ts != NULL);
	if (!ts)
		return;
	tsval = rd_be32(ts + 2);
	CHECK_EQ(rd_be32(ts + 6), 1234);
	CHECK_EQ(tsval & 0x3f, 0x10 | 5);      /* SACK, shift 5 */
	CHECK(tsval <= tcp_time_stamp() && tcp_time_stamp() - tsval < 64);
	/* The ACK echoes it: the connection has what the SYN offered. */
	ack_o[8] = (u8)(tsval >> 24);
	ack_o[9] = (u8)(tsval >> 16);
	ack_o[10] = (u8)(tsval >> 8);
	ack_o[11] = (u8)tsval;
	t = (struct tcpspec){ .sport = 41002, .dport = LPORT, .seq = 9001,
			      .ack = c.seq + 1, .flags = TCPHDR_ACK,
			      .window = 100, .opts = ack_o,
			      .optlen = sizeof(ack_o) };
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESRECV], 1);
	child = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(child != NULL);
	if (child) {
		struct tcp_sock *tp = tcp_sk(child);

		CHECK(tp->tstamp_ok && tp->sack_ok && tp->wscale_ok);
		CHECK_EQ(tp->snd_wscale, 5);
		CHECK_EQ(tp->snd_wnd, 100u << 5);
		CHECK_EQ(tp->rcv_wscale, tcp_select_wscale(l->sk_rcvbuf));
		CHECK_EQ(tp->ts_recent, 1235);
		CHECK_EQ(tp->mss_cache, 1460 - 12);
		kill_conn(child);
	}
	/* Without timestamps the cookie SYN-ACK offers nothing but the MSS. */
	t = syn_from(41003, 5000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	c = pop_seg();
	CHECK(c.valid && c.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK(c.optlen == 4 && c.mss == 1460);
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_syncookie_expires_and_needs_a_recent_overflow)
{
	struct tcpspec t;
	struct sock *l;
	struct seg c;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(LPORT, 1);
	t = syn_from(41000, 1000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	t = syn_from(41001, 7000, 0);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	pop_seg();
	c = pop_seg();
	CHECK(c.valid && c.ack == 7001);
	/* Three minutes on, the cookie is too old. */
	host_advance(180000);
	mock_tx_purge(eth0);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	peer_seg(41001, LPORT, 7001, c.seq + 1, TCPHDR_ACK, NULL, 0);
	CHECK(pop_seg().flags == TCPHDR_RST);
	CHECK_EQ(tcp_sk(l)->acceptq_len, 0);
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_syncookies_off_drops_the_syn)
{
	struct tcpspec t;
	struct sock *l;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sysctl_tcp_syncookies = 0;
	l = tcp_listener(LPORT, 1);
	t = syn_from(41000, 1000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	CHECK(pop_seg().valid);
	t = syn_from(41001, 7000, 1460);
	mock_rx_now(eth0, tframe, mk_tcp(tframe, &t, NULL, 0));
	CHECK(!pop_seg().valid);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPREQQFULLDROP], 1);
	CHECK_EQ(tcp_ext_mib[TCPEXT_SYNCOOKIESSENT], 0);
	sysctl_tcp_syncookies = 1;
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}
