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
