/* TCP options and the ACK/send policies built on them: window scaling
 * and timestamps (RFC 7323, PAWS and RTTM), SACK-permitted and receiver
 * SACK blocks (RFC 2018), delayed ACK (RFC 1122 4.2.3.2, RFC 5681 4.2)
 * and Nagle (RFC 896) with TCP_NODELAY and TCP_CORK. The peer's segments
 * are built byte by byte here and ours are parsed independently of the
 * stack's own option parser. */
#include "tcp_test.h"
#include <uapi/tcp.h>

/* What one of our segments carried, options decoded. */
struct oseg {
	bool valid;
	u32 seq, ack;
	u8 flags;
	u16 window;
	unsigned int len, hlen;
	int mss, wscale;              /* -1: absent */
	bool sack_perm, ts;
	u32 tsval, tsecr;
	int nsacks;
	u32 sack[4][2];
	u8 opts[40];
};

static u32 rd32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void wr32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static struct oseg pop_oseg(void)
{
	struct oseg o;
	struct pkbuf *tx;

	memset(&o, 0, sizeof(o));
	o.mss = o.wscale = -1;
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct iphdr *iph = tx_ip(tx);
		struct tcphdr *th;
		const u8 *p;
		unsigned int tot, i;

		if (!iph || iph->protocol != IPPROTO_TCP) {
			pkb_free(tx);
			continue;
		}
		th = tx_l4(tx);
		tot = ntohs(iph->tot_len) - ip_hdr_ihl(iph) * 4;
		o.valid = csum_tcpudp_magic(iph->saddr, iph->daddr, tot,
					    IPPROTO_TCP,
					    csum_partial(th, tot, 0)) == 0;
		o.seq = ntohl(th->seq);
		o.ack = ntohl(th->ack_seq);
		o.flags = th->flags;
		o.window = ntohs(th->window);
		o.hlen = tcp_hdrlen(th);
		o.len = tot - o.hlen;
		p = (const u8 *)(th + 1);
		memcpy(o.opts, p, o.hlen - 20);
		for (i = 0; i + 20 < o.hlen;) {
			u8 kind = p[i], len;

			if (kind == TCPOPT_EOL)
				break;
			if (kind == TCPOPT_NOP) {
				i++;
				continue;
			}
			len = p[i + 1];
			if (len < 2)
				break;
			if (kind == TCPOPT_MSS && len == 4)
				o.mss = p[i + 2] << 8 | p[i + 3];
			if (kind == TCPOPT_WINDOW && len == 3)
				o.wscale = p[i + 2];
			if (kind == TCPOPT_SACK_PERM && len == 2)
				o.sack_perm = true;
			if (kind == TCPOPT_TIMESTAMP && len == 10) {
				o.ts = true;
				o.tsval = rd32(p + i + 2);
				o.tsecr = rd32(p + i + 6);
			}
			if (kind == TCPOPT_SACK && len >= 10) {
				o.nsacks = (len - 2) / 8;
				for (int k = 0; k < o.nsacks && k < 4; k++) {
					o.sack[k][0] = rd32(p + i + 2 + 8 * k);
					o.sack[k][1] = rd32(p + i + 6 + 8 * k);
				}
			}
			i += len;
		}
		pkb_free(tx);
		break;
	}
	return o;
}

/* Options a peer puts in its segments. */
struct popts {
	u16 mss;
	int wscale;                   /* -1 none */
	bool sack_perm;
	bool ts;
	u32 tsval, tsecr;
};

static void peer_seg_full(u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
			  u16 window, const struct popts *po, const void *data,
			  size_t len)
{
	static u8 seg[2000];
	struct tcphdr *th = (struct tcphdr *)seg;
	struct ipspec sp = { .protocol = IPPROTO_TCP };
	u8 *p = seg + 20;
	unsigned int hl;

	memset(seg, 0, 60);
	if (po && po->mss) {
		*p++ = TCPOPT_MSS;
		*p++ = 4;
		*p++ = (u8)(po->mss >> 8);
		*p++ = (u8)po->mss;
	}
	if (po && po->sack_perm) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_SACK_PERM;
		*p++ = 2;
	}
	if (po && po->ts) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_TIMESTAMP;
		*p++ = 10;
		wr32(p, po->tsval);
		wr32(p + 4, po->tsecr);
		p += 8;
	}
	if (po && po->wscale >= 0) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_WINDOW;
		*p++ = 3;
		*p++ = (u8)po->wscale;
	}
	hl = (unsigned int)(p - seg);
	th->source = htons(sport);
	th->dest = htons(dport);
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff_res = (u8)((hl / 4) << 4);
	th->flags = flags;
	th->window = htons(window);
	if (len)
		memcpy(seg + hl, data, len);
	th->check = htons(csum_tcpudp_magic(ADDR_PEER, ADDR_US, (u32)(hl + len),
					    IPPROTO_TCP,
					    csum_partial(seg, hl + len, 0)));
	mock_rx_now(eth0, tframe, mk_ip(tframe, &sp, seg, hl + len));
}

static void peer_seg_opts(u16 dport, u32 seq, u32 ack, u8 flags, u16 window,
			  const struct popts *po, const void *data, size_t len)
{
	peer_seg_full(PEER_PORT, dport, seq, ack, flags, window, po, data, len);
}

/* To a listener at dport from the peer's port sport. */
static void peer_seg_opts_port(u16 dport, u16 sport, u32 seq, u32 ack,
			       u8 flags, u16 window, const struct popts *po)
{
	peer_seg_full(sport, dport, seq, ack, flags, window, po, NULL, 0);
}

#define PEER_TS0 100000u

/* Active open with a peer that offers (or not) WS 7, SACK and TS. */
static struct sock *establish_opts(bool opts, int rcvbuf, u32 *iss,
				   struct oseg *syn)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk = tcp_sock_new();
	struct popts po = { .mss = 1460, .wscale = -1 };
	struct oseg s;

	if (rcvbuf)
		sk->sk_rcvbuf = rcvbuf;
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_SYN);
	*syn = s;
	*iss = s.seq;
	if (opts) {
		po.wscale = 7;
		po.sack_perm = true;
		po.ts = true;
		po.tsval = PEER_TS0;
		po.tsecr = s.tsval;
	}
	peer_seg_opts(inet_sk(sk)->inet_num, PEER_ISN, s.seq + 1,
		      TCPHDR_SYN | TCPHDR_ACK, 65535, &po, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	return sk;
}

/* fx_setup and an active open with every option, its ACK taken: the
 * start of most tests below. */
static struct sock *setup_opts_conn(u32 *iss, u16 *lport)
{
	struct oseg syn;
	struct sock *sk;

	CHECK(fx_setup());
	sk = establish_opts(true, 0, iss, &syn);
	*lport = inet_sk(sk)->inet_num;
	pop_oseg();
	return sk;
}

static struct popts ts_opt(u32 tsval, u32 tsecr)
{
	struct popts po = { .wscale = -1, .ts = true, .tsval = tsval,
			    .tsecr = tsecr };

	return po;
}

TEST(tcp_options_active_open_negotiated)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct oseg syn, s;
	struct popts po;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish_opts(true, 0, &iss, &syn);
	tp = tcp_sk(sk);
	lport = inet_sk(sk)->inet_num;
	/* Our SYN offers everything, in Linux's layout: MSS, SACK-permitted
	 * in the timestamp's padding, TS, NOP WS. */
	CHECK_EQ(syn.hlen, 40);
	CHECK_EQ(syn.mss, 1460);
	CHECK(syn.sack_perm && syn.ts && syn.tsecr == 0);
	CHECK_EQ(syn.wscale, 6);         /* 2 MiB buffer */
	CHECK(syn.opts[4] == TCPOPT_SACK_PERM && syn.opts[6] == TCPOPT_TIMESTAMP &&
	      syn.opts[16] == TCPOPT_NOP && syn.opts[17] == TCPOPT_WINDOW);
	CHECK_EQ(syn.window, 65535);     /* a SYN's window is not scaled */
	CHECK(tp->wscale_ok && tp->sack_ok && tp->tstamp_ok);
	CHECK_EQ(tp->snd_wscale, 7);
	CHECK_EQ(tp->rcv_wscale, 6);
	CHECK_EQ(tp->mss_cache, 1460 - 12);
	/* The ACK of the SYN-ACK echoes the peer's clock, scales the window. */
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ts && s.tsecr == PEER_TS0);
	CHECK_EQ(s.hlen, 32);
	CHECK_EQ(s.wscale, -1);
	CHECK_EQ((u32)s.window << 6, tp->rcv_wnd);
	CHECK(tp->rcv_wnd > 65535);     /* the point of scaling */
	/* Their window is scaled by their shift (not on the SYN-ACK). */
	CHECK_EQ(tp->snd_wnd, 65535);
	po = ts_opt(PEER_TS0 + 1, s.tsval);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, 1000, &po,
		      NULL, 0);
	CHECK_EQ(tp->snd_wnd, 1000u << 7);
	/* Every segment now carries a timestamp: data too. */
	CHECK_EQ(tsend(sk, "abc", 3), 3);
	s = pop_oseg();
	CHECK(s.valid && s.len == 3 && s.ts && s.tsecr == PEER_TS0 + 1);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_options_peer_without_options)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct oseg syn, s;
	u32 iss;

	CHECK(fx_setup());
	sk = establish_opts(false, 0, &iss, &syn);
	tp = tcp_sk(sk);
	CHECK(!tp->wscale_ok && !tp->sack_ok && !tp->tstamp_ok);
	CHECK_EQ(tp->rcv_wscale, 0);
	CHECK_EQ(tp->snd_wscale, 0);
	CHECK_EQ(tp->mss_cache, 1460);
	s = pop_oseg();
	CHECK(s.valid && s.hlen == 20 && !s.ts);
	CHECK_EQ(s.window, 65535);      /* unscaled: capped at 64 KiB */
	CHECK_EQ(tp->rcv_wnd, 65535);
	peer_seg(PEER_PORT, inet_sk(sk)->inet_num, PEER_ISN + 1, iss + 1,
		 TCPHDR_ACK, NULL, 0);
	CHECK_EQ(tp->snd_wnd, 65535);   /* not shifted */
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_options_so_rcvbuf_before_connect_sets_scale)
{
	struct sock *sk;
	struct oseg syn;
	u32 iss;

	CHECK(fx_setup());
	sk = establish_opts(true, 100000, &iss, &syn);
	CHECK_EQ(syn.wscale, 1);
	CHECK_EQ(syn.window, 50000);
	CHECK_EQ(tcp_sk(sk)->rcv_wscale, 1);
	kill_conn(sk);
	sk = establish_opts(true, 4096, &iss, &syn);
	CHECK_EQ(syn.wscale, 0);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_options_passive_open_answers_only_what_was_offered)
{
	struct sock *l, *child;
	struct tcp_sock *ctp;
	struct popts po = { .mss = 1400, .wscale = 9, .sack_perm = true,
			    .ts = true, .tsval = 777, .tsecr = 0 };
	struct oseg s;
	int err;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(8080, 4);
	CHECK(l != NULL);
	/* Everything offered: everything answered, TSecr = their TSval. */
	peer_seg_opts_port(8080, 40000, 9000, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK_EQ(s.mss, 1460);
	CHECK_EQ(s.wscale, 6);
	CHECK(s.sack_perm && s.ts && s.tsecr == 777);
	CHECK_EQ(s.window, 65535);
	po = ts_opt(778, s.tsval);
	po.wscale = -1;
	peer_seg_opts_port(8080, 40000, 9001, s.seq + 1, TCPHDR_ACK, 10, &po);
	child = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(child != NULL);
	if (child) {
		ctp = tcp_sk(child);
		CHECK(ctp->wscale_ok && ctp->sack_ok && ctp->tstamp_ok);
		CHECK_EQ(ctp->snd_wscale, 9);
		CHECK_EQ(ctp->rcv_wscale, 6);
		CHECK_EQ(ctp->snd_wnd, 10u << 9);
		CHECK_EQ(ctp->mss_cache, 1400 - 12);
		CHECK_EQ(ctp->ts_recent, 778);
		kill_conn(child);
	}
	mock_tx_purge(eth0);
	/* Nothing offered: only our MSS comes back, window unscaled. */
	po = (struct popts){ .mss = 1460, .wscale = -1 };
	peer_seg_opts_port(8080, 40001, 500, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK_EQ(s.hlen, 24);
	CHECK(s.mss == 1460 && s.wscale == -1 && !s.sack_perm && !s.ts);
	/* Window scale alone: only it (RFC 7323 1.3). */
	po = (struct popts){ .mss = 1460, .wscale = 2 };
	peer_seg_opts_port(8080, 40002, 600, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.wscale == 6 && !s.sack_perm && !s.ts);
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* The right edge we advertise (ack + window << scale) never moves left,
 * whatever unread data does to the free space, and the value sent is
 * exactly the edge we keep (rounding to the scale never loses a byte). */
static void window_never_shrinks(int rcvbuf, unsigned int ws)
{
	static u8 big[1448];
	struct sock *sk;
	struct tcp_sock *tp;
	struct oseg syn, s;
	struct popts po;
	u32 iss, seq = PEER_ISN + 1, edge = 0, ts = PEER_TS0;
	u16 lport;
	bool shrunk = false, closed = false;

	sk = establish_opts(true, rcvbuf, &iss, &syn);
	tp = tcp_sk(sk);
	CHECK_EQ(tp->rcv_wscale, ws);
	lport = inet_sk(sk)->inet_num;
	s = pop_oseg();
	edge = s.ack + ((u32)s.window << ws);
	for (int i = 0; i < 200 && !closed; i++) {
		po = ts_opt(++ts, 0);
		peer_seg_opts(lport, seq, iss + 1, TCPHDR_ACK, 1000, &po, big,
			      sizeof(big));
		s = pop_oseg();
		if (!s.valid) {
			host_advance(TCP_DELACK_MS);
			s = pop_oseg();
		}
		CHECK(s.valid);
		if (!s.valid)
			break;
		seq = s.ack;
		if (before(s.ack + ((u32)s.window << ws), edge))
			shrunk = true;
		edge = s.ack + ((u32)s.window << ws);
		CHECK_EQ(edge, tp->rcv_wup + tp->rcv_wnd);
		closed = ((u32)s.window << ws) < sizeof(big);
	}
	CHECK(!shrunk);
	CHECK(closed);             /* the reader never read: below an MSS */
	CHECK(sk->sk_rmem_alloc <= sk->sk_rcvbuf);
	CHECK(seq - (PEER_ISN + 1) > 65535);  /* more than 64 KiB in flight */
	kill_conn(sk);
}

TEST(tcp_window_scaled_never_shrinks)
{
	CHECK(fx_setup());
	window_never_shrinks(262144, 3);
	/* An odd buffer size: free space is no multiple of the scale, so
	 * the rounding must keep the value and the edge in step. */
	window_never_shrinks(200003, 2);
	fx_teardown();
}

/* RFC 7323 5.3: a segment whose TSval is older than TS.Recent is an old
 * duplicate: not accepted, but acknowledged. */
TEST(tcp_paws_rejects_old_timestamp)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct oseg syn, s;
	struct popts po;
	char buf[16];
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish_opts(true, 0, &iss, &syn);
	tp = tcp_sk(sk);
	tp->quickack = TCP_QUICKACKS;
	lport = inet_sk(sk)->inet_num;
	pop_oseg();
	po = ts_opt(PEER_TS0 + 50, 0);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, 1000, &po,
		      "new", 3);
	s = pop_oseg();
	CHECK(s.valid && s.ack == PEER_ISN + 4 && s.tsecr == PEER_TS0 + 50);
	CHECK_EQ(tp->ts_recent, PEER_TS0 + 50);
	/* In-window, next in sequence, but an older clock. */
	po = ts_opt(PEER_TS0 + 10, 0);
	peer_seg_opts(lport, PEER_ISN + 4, iss + 1, TCPHDR_ACK, 1000, &po,
		      "old", 3);
	s = pop_oseg();
	CHECK(s.valid && s.len == 0 && s.ack == PEER_ISN + 4);
	CHECK_EQ(tp->rcv_nxt, PEER_ISN + 4);
	CHECK_EQ(tcp_ext_mib[TCPEXT_PAWSESTAB], 1);
	CHECK_EQ(tp->ts_recent, PEER_TS0 + 50);
	/* The same clock again is fine (equal is not older). */
	po = ts_opt(PEER_TS0 + 50, 0);
	peer_seg_opts(lport, PEER_ISN + 4, iss + 1, TCPHDR_ACK, 1000, &po,
		      "ok!", 3);
	CHECK_EQ(tp->rcv_nxt, PEER_ISN + 7);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "newok!", 6) == 0);
	/* A RST is exempt from PAWS (RFC 7323 5.3 R1). */
	mock_tx_purge(eth0);
	po = ts_opt(PEER_TS0 + 1, 0);
	peer_seg_opts(lport, PEER_ISN + 7, 0, TCPHDR_RST, 0, &po, NULL, 0);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	tcp_close(sk, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* RFC 7323 4 (RTTM): the echoed TSval times the round trip, even for a
 * retransmitted segment that Karn's rule alone would not sample. */
TEST(tcp_rtt_from_timestamp_echo)
{
	struct sock *sk;
	struct tcp_sock *tp;
	struct oseg s;
	struct popts po;
	u32 iss;
	u16 lport;

	sk = setup_opts_conn(&iss, &lport);
	tp = tcp_sk(sk);
	tp->srtt_us = 0;
	CHECK_EQ(tsend(sk, "x", 1), 1);
	s = pop_oseg();
	CHECK(s.valid && s.len == 1 && s.ts);
	host_advance(tcp_current_rto(tp));      /* RTO: sent again */
	s = pop_oseg();
	CHECK(s.valid && s.len == 1);
	host_advance(70);
	po = ts_opt(PEER_TS0 + 1, s.tsval);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, 1000, &po,
		      NULL, 0);
	CHECK_EQ(tp->snd_una, iss + 2);
	CHECK_EQ(tp->srtt_us, 70000);
	/* A TSecr from the future is ignored. */
	CHECK_EQ(tsend(sk, "y", 1), 1);
	pop_oseg();
	po = ts_opt(PEER_TS0 + 2, tcp_time_stamp() + 100000);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 3, TCPHDR_ACK, 1000, &po,
		      NULL, 0);
	CHECK_EQ(tp->snd_una, iss + 3);
	CHECK(tp->srtt_us <= 70000);
	kill_conn(sk);
	fx_teardown();
}

/* Fragmentation needed on a connection with timestamps: the new MSS
 * leaves room for the 12 option bytes, so every resent frame fits the
 * path MTU (RFC 1191; Linux tcp_mtu_to_mss minus the options). */
TEST(tcp_frag_needed_with_timestamps_fits_the_path)
{
	static char data[2896];
	struct sock *sk;
	struct oseg syn;
	struct pkbuf *tx;
	u32 iss;
	int frames = 0;
	bool all_fit = true;

	CHECK(fx_setup());
	sk = establish_opts(true, 0, &iss, &syn);
	pop_oseg();
	tcp_sk(sk)->nodelay = 1;
	CHECK_EQ(tcp_sk(sk)->mss_cache, 1448);
	memset(data, 'q', sizeof(data));
	CHECK_EQ(tsend(sk, data, sizeof(data)), 2896);
	mock_tx_purge(eth0);
	icmp_about(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 1000,
		   inet_sk(sk)->inet_num, PEER_PORT, iss + 1);
	CHECK_EQ(tcp_sk(sk)->mss_cache, 1000 - 40 - 12);
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		if (ntohs(tx_ip(tx)->tot_len) > 1000)
			all_fit = false;
		frames++;
		pkb_free(tx);
	}
	CHECK(frames >= 4);
	CHECK(all_fit);
	kill_conn(sk);
	fx_teardown();
}

/* RFC 7323 3.2: TSopt on every non-RST segment of a connection that
 * agreed to it, so TIME_WAIT's re-ACK of a FIN carries it (echoing the
 * FIN's TSval) and a window; an old duplicate is PAWS-rejected with an
 * ACK and does not restart TIME_WAIT. */
TEST(tcp_time_wait_acks_carry_timestamps)
{
	struct sock *sk;
	struct oseg s;
	struct popts po;
	u32 iss;
	u16 lport;

	sk = setup_opts_conn(&iss, &lport);
	tcp_close(sk, 0);
	s = pop_oseg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN) && s.ts);
	po = ts_opt(PEER_TS0 + 10, s.tsval);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK | TCPHDR_FIN, 1000,
		      &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ts && s.tsecr == PEER_TS0 + 10);
	CHECK_EQ(tcp_tw_count(), 1);
	host_advance(1000);
	po = ts_opt(PEER_TS0 + 20, s.tsval);     /* their FIN again */
	peer_seg_opts(lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK | TCPHDR_FIN, 1000,
		      &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == PEER_ISN + 2);
	CHECK(s.ts && s.tsecr == PEER_TS0 + 20 && s.tsval == tcp_time_stamp());
	CHECK(s.window > 0);
	/* an old duplicate: ACKed, counted, and TIME_WAIT not restarted */
	host_advance(TCP_TIMEWAIT_LEN - 10);
	po = ts_opt(PEER_TS0 + 5, 0);
	peer_seg_opts(lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK | TCPHDR_FIN, 1000,
		      &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.tsecr == PEER_TS0 + 20);
	CHECK_EQ(tcp_ext_mib[TCPEXT_PAWSESTAB], 1);
	host_advance(10);
	CHECK_EQ(tcp_tw_count(), 0);
	fx_teardown();
}

/* RFC 6191: a SYN for a 4-tuple in TIME_WAIT whose sequence number is
 * not above the old connection's, but whose timestamp is newer, starts
 * a new connection, and our ISN is past the old one's sequence space
 * (as Linux). An older timestamp is PAWS-rejected: ACKed, TIME_WAIT
 * kept. */
TEST(tcp_time_wait_syn_with_newer_timestamp)
{
	struct popts po = { .mss = 1460, .wscale = -1, .ts = true,
			    .tsval = PEER_TS0 };
	const u16 sport = 40000;
	const u32 theirs = 700000;
	struct sock *l, *c;
	struct oseg s;
	int err = 0;
	u32 ours;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	l = tcp_listener(80, 4);
	peer_seg_opts_port(80, sport, theirs, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.flags == (TCPHDR_SYN | TCPHDR_ACK) && s.ts);
	ours = s.seq;
	po = ts_opt(PEER_TS0 + 1, s.tsval);
	peer_seg_full(sport, 80, theirs + 1, ours + 1, TCPHDR_ACK, 1000, &po,
		      NULL, 0);
	c = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(c != NULL);
	if (!c)
		return;
	tcp_close(c, 0);                          /* we close first */
	s = pop_oseg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN) && s.seq == ours + 1);
	po = ts_opt(PEER_TS0 + 2, s.tsval);
	peer_seg_full(sport, 80, theirs + 1, ours + 2, TCPHDR_ACK | TCPHDR_FIN,
		      1000, &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == theirs + 2);
	CHECK_EQ(tcp_tw_count(), 1);
	/* a lower sequence number and an older timestamp: an old duplicate */
	po = (struct popts){ .mss = 1460, .wscale = -1, .ts = true,
			     .tsval = PEER_TS0 + 1 };
	peer_seg_opts_port(80, sport, theirs - 5000, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == theirs + 2);
	CHECK_EQ(tcp_tw_count(), 1);
	/* the same, with a newer timestamp: a new connection */
	po.tsval = PEER_TS0 + 100;
	peer_seg_opts_port(80, sport, theirs - 5000, 0, TCPHDR_SYN, 65535, &po);
	s = pop_oseg();
	CHECK(s.valid && s.flags == (TCPHDR_SYN | TCPHDR_ACK));
	CHECK_EQ(s.ack, theirs - 5000 + 1);
	CHECK_EQ(s.seq, ours + 2 + 65535 + 2);
	CHECK_EQ(tcp_tw_count(), 0);
	po = ts_opt(PEER_TS0 + 101, s.tsval);
	peer_seg_full(sport, 80, theirs - 5000 + 1, s.seq + 1, TCPHDR_ACK, 1000,
		      &po, NULL, 0);
	c = inet_csk_accept(l, MSG_DONTWAIT, &err);
	CHECK(c != NULL && c->sk_state == TCP_ESTABLISHED);
	if (c)
		kill_conn(c);
	tcp_close(l, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* A segment whose ACK is refused (RFC 5961 5.2: it acknowledges what we
 * never sent) does not set TS.Recent: our answer, and the next ACK, echo
 * the last accepted segment's clock (Linux updates it only after
 * tcp_ack accepted the segment). */
TEST(tcp_ts_recent_not_from_refused_ack)
{
	static u8 d[10];
	struct sock *sk;
	struct oseg s;
	struct popts po;
	u32 iss, b = PEER_ISN + 1;
	u16 lport;

	sk = setup_opts_conn(&iss, &lport);
	po = ts_opt(PEER_TS0 + 50, 0);
	peer_seg_opts(lport, b, iss + 1 + 100000, TCPHDR_ACK, 1000, &po, d, 10);
	s = pop_oseg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.ack == b);
	CHECK_EQ(s.tsecr, PEER_TS0);
	CHECK_EQ(tcp_sk(sk)->ts_recent, PEER_TS0);
	po = ts_opt(PEER_TS0 + 51, 0);
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, &po, d, 10);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 10 && s.tsecr == PEER_TS0 + 51);
	kill_conn(sk);
	fx_teardown();
}

/* RFC 2018 4: while data waits out of order, every ACK carries SACK
 * blocks, the one holding the newest segment first; with timestamps
 * three fit, without them four. */
TEST(tcp_sack_blocks_in_acks)
{
	static u8 d[100];
	struct sock *sk;
	struct oseg s;
	struct popts po;
	u32 iss, b = PEER_ISN + 1;
	u16 lport;

	sk = setup_opts_conn(&iss, &lport);
	po = ts_opt(PEER_TS0 + 1, 0);
	/* Hole at [b, b+100): [b+100, b+200) comes first. */
	peer_seg_opts(lport, b + 100, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 100 && s.sack[0][1] == b + 200);
	CHECK_EQ(s.hlen, 20 + 12 + 4 + 8);
	peer_seg_opts(lport, b + 300, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.nsacks == 2);
	CHECK(s.sack[0][0] == b + 300 && s.sack[0][1] == b + 400);
	CHECK(s.sack[1][0] == b + 100 && s.sack[1][1] == b + 200);
	/* Filling between them merges both into one, reported first. */
	peer_seg_opts(lport, b + 200, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 100 && s.sack[0][1] == b + 400);
	/* Four more islands: only three blocks fit beside the timestamp. */
	for (u32 k = 5; k <= 11; k += 2)
		peer_seg_opts(lport, b + k * 100, iss + 1, TCPHDR_ACK, 1000, &po,
			      d, 100);
	for (int k = 0; k < 3; k++)
		pop_oseg();
	s = pop_oseg();
	CHECK(s.valid && s.nsacks == 3 && s.hlen == 60);
	CHECK(s.sack[0][0] == b + 1100 && s.sack[1][0] == b + 900 &&
	      s.sack[2][0] == b + 700);
	/* The hole filled: everything up to b+400 acknowledged, the blocks
	 * it reached are gone. */
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 400 && s.nsacks == 3);
	CHECK(s.sack[0][0] == b + 1100);
	for (int k = 0; k < 3; k++)
		CHECK(after(s.sack[k][0], b + 400));
	kill_conn(sk);
	/* Without timestamps: four blocks. */
	{
		struct sockaddr_in sin = { .sin_family = AF_INET,
					   .sin_port = htons(PEER_PORT),
					   .sin_addr = { ADDR_PEER } };
		struct popts sp = { .mss = 1460, .wscale = -1,
				    .sack_perm = true };

		sk = tcp_sock_new();
		CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
		s = pop_oseg();
		iss = s.seq;
		lport = inet_sk(sk)->inet_num;
		peer_seg_opts(lport, PEER_ISN, iss + 1, TCPHDR_SYN | TCPHDR_ACK,
			      65535, &sp, NULL, 0);
		pop_oseg();
		CHECK(tcp_sk(sk)->sack_ok && !tcp_sk(sk)->tstamp_ok);
		for (u32 k = 1; k <= 9; k += 2)
			peer_seg_opts(lport, b + k * 100, iss + 1, TCPHDR_ACK,
				      1000, NULL, d, 100);
		for (int k = 0; k < 4; k++)
			pop_oseg();
		s = pop_oseg();
		CHECK(s.valid && s.nsacks == 4 && s.hlen == 20 + 4 + 32);
		CHECK(s.sack[0][0] == b + 900 && s.sack[3][0] == b + 300);
		kill_conn(sk);
	}
	fx_teardown();
}

/* RFC 2883: data that arrives twice is reported once, as the first SACK
 * block of an immediate ACK: a whole old segment, the old part of a
 * partly new one, an out-of-order segment again (followed by its SACK
 * block, RFC 2883 4.1.2), an out-of-window and a PAWS-rejected old one;
 * never without SACK, and their FIN again in CLOSE_WAIT is ACKed. */
TEST(tcp_dsack_reports_duplicates)
{
	static u8 d[300];
	struct sock *sk;
	struct oseg syn, s;
	struct popts po;
	u32 iss, b = PEER_ISN + 1;
	u16 lport;

	sk = setup_opts_conn(&iss, &lport);
	po = ts_opt(PEER_TS0 + 1, 0);
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 100 && s.nsacks == 0);
	/* the same segment again: at once, D-SACKed */
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 100 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b && s.sack[0][1] == b + 100);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPDSACKOLDSENT], 1);
	/* reported once: the next ACK has no block */
	peer_seg_opts(lport, b + 100, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 200 && s.nsacks == 0);
	/* partly old: the old part is D-SACKed, the new part taken */
	peer_seg_opts(lport, b + 150, iss + 1, TCPHDR_ACK, 1000, &po, d, 150);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 300 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 150 && s.sack[0][1] == b + 200);
	/* out of order twice: D-SACK first, then the SACK block holding it */
	peer_seg_opts(lport, b + 400, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 300 && s.nsacks == 1);
	peer_seg_opts(lport, b + 400, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 300 && s.nsacks == 2);
	CHECK(s.sack[0][0] == b + 400 && s.sack[0][1] == b + 500);
	CHECK(s.sack[1][0] == b + 400 && s.sack[1][1] == b + 500);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPDSACKOFOSENT], 1);
	/* the hole filled by a segment that overlaps the queued one */
	peer_seg_opts(lport, b + 300, iss + 1, TCPHDR_ACK, 1000, &po, d, 150);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 500 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 400 && s.sack[0][1] == b + 450);
	/* an old segment below the window's left edge */
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 500 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b && s.sack[0][1] == b + 100);
	/* PAWS-rejected (an old timestamp) old data: D-SACKed as well */
	host_advance(1000);                      /* past the oow ACK limit */
	po = ts_opt(PEER_TS0 + 2, 0);
	peer_seg_opts(lport, b + 500, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	pop_oseg();
	po = ts_opt(PEER_TS0 + 1, 0);
	peer_seg_opts(lport, b + 500, iss + 1, TCPHDR_ACK, 1000, &po, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 600 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 500 && s.sack[0][1] == b + 600);
	/* their FIN, then the FIN again in CLOSE_WAIT: ACKed both times */
	po = ts_opt(PEER_TS0 + 3, 0);
	peer_seg_opts(lport, b + 600, iss + 1, TCPHDR_ACK | TCPHDR_FIN, 1000,
		      &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 601);
	CHECK_EQ(sk->sk_state, TCP_CLOSE_WAIT);
	peer_seg_opts(lport, b + 600, iss + 1, TCPHDR_ACK | TCPHDR_FIN, 1000,
		      &po, NULL, 0);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 601 && s.nsacks == 1);
	CHECK(s.sack[0][0] == b + 600 && s.sack[0][1] == b + 601);
	CHECK_EQ(sk->sk_state, TCP_CLOSE_WAIT);
	kill_conn(sk);
	/* Without SACK: the duplicate is ACKed at once, with no block. */
	sk = establish_opts(false, 0, &iss, &syn);
	lport = inet_sk(sk)->inet_num;
	pop_oseg();
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, NULL, d, 100);
	pop_oseg();
	peer_seg_opts(lport, b, iss + 1, TCPHDR_ACK, 1000, NULL, d, 100);
	s = pop_oseg();
	CHECK(s.valid && s.ack == b + 100 && s.nsacks == 0 && s.hlen == 20);
	CHECK_EQ(tcp_sk(sk)->dsack, 0);
	kill_conn(sk);
	fx_teardown();
}

/* RFC 1122 4.2.3.2 / RFC 5681 4.2: after the first TCP_QUICKACKS, a lone
 * full segment is ACKed by the timer after TCP_DELACK_MS, the second
 * one at once; out-of-order data at once; our data carries the ACK. */
TEST(tcp_delayed_ack_timing)
{
	static u8 d[1460];
	struct sock *sk;
	struct tcp_sock *tp;
	struct seg s;
	u32 iss, seq = PEER_ISN + 1;
	u16 lport;
	int immediate = 0;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	tp = tcp_sk(sk);
	lport = inet_sk(sk)->inet_num;
	/* Quick ACKs at the start: the peer's slow start is not held up. */
	for (unsigned int i = 0; i < TCP_QUICKACKS + 4; i++) {
		peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 1460);
		seq += 1460;
		if (pop_seg().valid)
			immediate++;
		CHECK_EQ(trecv(sk, d, sizeof(d)), 1460);
		mock_tx_purge(eth0);    /* window updates from reading */
		host_advance(TCP_DELACK_MS);
		mock_tx_purge(eth0);
	}
	CHECK_EQ(immediate, (int)TCP_QUICKACKS);
	CHECK_EQ(tp->quickack, 0);
	/* One full segment: no ACK for TCP_DELACK_MS - 1, then one. */
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 1460);
	seq += 1460;
	CHECK(!pop_seg().valid);
	host_advance(TCP_DELACK_MS - 1);
	CHECK(!pop_seg().valid);
	host_advance(1);
	s = pop_seg();
	CHECK(s.valid && s.ack == seq && s.len == 0);
	CHECK(tcp_ext_mib[TCPEXT_DELAYEDACKS] >= 1);
	/* Two full segments: the second is ACKed at once. */
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 1460);
	seq += 1460;
	CHECK(!pop_seg().valid);
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 1460);
	seq += 1460;
	s = pop_seg();
	CHECK(s.valid && s.ack == seq);
	host_advance(TCP_DELACK_MS);
	CHECK(!pop_seg().valid);                /* nothing left owed */
	/* Out of order: at once (a duplicate ACK). */
	peer_seg(PEER_PORT, lport, seq + 1460, iss + 1, TCPHDR_ACK, d, 1460);
	s = pop_seg();
	CHECK(s.valid && s.ack == seq);
	/* Filling the hole: at once, acknowledging both. */
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 1460);
	seq += 2920;
	s = pop_seg();
	CHECK(s.valid && s.ack == seq);
	/* A delayed ACK rides on our data instead. */
	peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, 100);
	seq += 100;
	CHECK(!pop_seg().valid);
	CHECK_EQ(tsend(sk, "reply", 5), 5);
	s = pop_seg();
	CHECK(s.valid && s.len == 5 && s.ack == seq);
	host_advance(TCP_DELACK_MS);
	CHECK(!pop_seg().valid);
	kill_conn(sk);
	fx_teardown();
}

static int set_opt(struct sock *sk, int name, int v)
{
	return tcp_prot.setsockopt(sk, SOL_TCP, name, &v, sizeof(v));
}

static int get_opt(struct sock *sk, int name)
{
	int v = -1, len = sizeof(v);

	if (tcp_prot.getsockopt(sk, SOL_TCP, name, &v, &len) || len != 4)
		return -100;
	return v;
}

static int tsend_flags(struct sock *sk, const void *buf, size_t len, int flags)
{
	struct kvec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_flags = flags };

	return tcp_sendmsg(sk, &msg, len);
}

/* RFC 896 / RFC 1122 4.2.3.4: a small segment waits while data is
 * unacknowledged; TCP_NODELAY sends it (and setting it pushes what
 * waits); TCP_CORK and MSG_MORE hold even with nothing in flight, for
 * at most the probe timer. */
TEST(tcp_nagle_nodelay_and_cork)
{
	struct sock *sk;
	struct seg s;
	u32 iss, una;
	u16 lport;
	int v = 5, len = 2;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(get_opt(sk, TCP_NODELAY), 0);
	CHECK_EQ(get_opt(sk, TCP_CORK), 0);
	/* Nothing in flight: a small segment goes. */
	CHECK_EQ(tsend(sk, "aaaa", 4), 4);
	s = pop_seg();
	CHECK(s.valid && s.len == 4);
	/* Now 4 bytes are unacknowledged: the next small one waits... */
	CHECK_EQ(tsend(sk, "bb", 2), 2);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tsend(sk, "cc", 2), 2);        /* ...and grows */
	CHECK(!pop_seg().valid);
	/* ...until the ACK. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 5, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.len == 4 && memcmp(s.data, "bbcc", 4) == 0);
	una = iss + 9;
	/* A full segment is never held. */
	{
		static u8 full[1460];

		CHECK_EQ(tsend(sk, full, sizeof(full)), 1460);
		s = pop_seg();
		CHECK(s.valid && s.len == 1460);
	}
	/* Held, then TCP_NODELAY pushes it at once. */
	CHECK_EQ(tsend(sk, "d", 1), 1);
	CHECK(!pop_seg().valid);
	CHECK_EQ(set_opt(sk, TCP_NODELAY, 1), 0);
	CHECK_EQ(get_opt(sk, TCP_NODELAY), 1);
	s = pop_seg();
	CHECK(s.valid && s.len == 1 && s.data[0] == 'd');
	CHECK_EQ(tsend(sk, "e", 1), 1);         /* in flight, still sent */
	s = pop_seg();
	CHECK(s.valid && s.len == 1);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, una + 1462, TCPHDR_ACK, NULL, 0);
	CHECK_EQ(tcp_sk(sk)->snd_una, tcp_sk(sk)->snd_nxt);
	/* TCP_CORK holds even with nothing in flight; uncorking sends. */
	CHECK_EQ(set_opt(sk, TCP_CORK, 1), 0);
	CHECK_EQ(get_opt(sk, TCP_CORK), 1);
	CHECK_EQ(tsend(sk, "f", 1), 1);
	CHECK(!pop_seg().valid);
	CHECK_EQ(set_opt(sk, TCP_CORK, 0), 0);
	s = pop_seg();
	CHECK(s.valid && s.len == 1 && s.data[0] == 'f');
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, una + 1463, TCPHDR_ACK, NULL, 0);
	/* ...but not forever: the probe timer (an RTO, at least 200 ms)
	 * sends what a forgotten cork holds, as Linux's 200 ms ceiling. */
	CHECK_EQ(set_opt(sk, TCP_CORK, 1), 0);
	CHECK_EQ(tsend(sk, "g", 1), 1);
	host_advance(tcp_current_rto(tcp_sk(sk)) - 1);
	CHECK(!pop_seg().valid);
	host_advance(1);
	s = pop_seg();
	CHECK(s.valid && s.len == 1 && s.data[0] == 'g' && s.seq == una + 1463);
	CHECK(tcp_current_rto(tcp_sk(sk)) >= TCP_RTO_MIN);
	CHECK_EQ(set_opt(sk, TCP_CORK, 0), 0);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, una + 1464, TCPHDR_ACK, NULL, 0);
	/* MSG_MORE holds a partial tail until a send without it. */
	CHECK_EQ(tsend_flags(sk, "hh", 2, MSG_MORE), 2);
	CHECK(!pop_seg().valid);
	CHECK_EQ(tsend_flags(sk, "i", 1, 0), 1);
	s = pop_seg();
	CHECK(s.valid && s.len == 3 && memcmp(s.data, "hhi", 3) == 0);
	CHECK(!pop_seg().valid);
	/* Option plumbing as Linux: short optlen, unknown names. */
	CHECK_EQ(tcp_prot.setsockopt(sk, SOL_TCP, TCP_NODELAY, &v, 2), -EINVAL);
	CHECK_EQ(tcp_prot.getsockopt(sk, SOL_TCP, TCP_NODELAY, &v, &len), 0);
	CHECK_EQ(len, 2);
	CHECK_EQ(set_opt(sk, 99, 1), -ENOPROTOOPT);
	CHECK_EQ(set_opt(sk, TCP_NODELAY, 0), 0);
	CHECK_EQ(get_opt(sk, TCP_NODELAY), 0);
	kill_conn(sk);
	fx_teardown();
}

/* Segments that arrive in one receive batch (one net_rx_action run) get
 * one ACK at its end, as Linux's GRO gives one ACK per merged batch. */
TEST(tcp_ack_once_per_receive_batch)
{
	static u8 d[1460];
	struct sock *sk;
	struct seg s;
	u32 iss, seq = PEER_ISN + 1;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	tcp_sk(sk)->quickack = 0;
	for (int i = 0; i < 6; i++) {
		struct tcpspec t = { .sport = PEER_PORT, .dport = lport,
				     .seq = seq, .ack = iss + 1,
				     .flags = TCPHDR_ACK, .window = 65535 };

		mock_rx(eth0, tframe, mk_tcp(tframe, &t, d, sizeof(d)));
		seq += 1460;
	}
	host_run_softirqs();
	CHECK_EQ(mock_tx_count(eth0), 1);
	s = pop_seg();
	CHECK(s.valid && s.ack == seq);
	CHECK(!tcp_sk(sk)->ack_deferred);
	kill_conn(sk);
	fx_teardown();
}

/* Reading sends a window update only when it matters (Linux
 * tcp_cleanup_rbuf): not while the window is above half its largest
 * size, but once it fell below and reading at least doubles it. */
TEST(tcp_window_update_after_read_only_when_it_matters)
{
	static u8 d[1000];
	struct sock *sk;
	struct oseg syn;
	struct seg s;
	u32 iss, seq = PEER_ISN + 1;
	u16 lport, win = 65535;
	int sent = 0;

	CHECK(fx_setup());
	/* The window is above half its largest: reading a segment the
	 * delayed ACK still owes opens it by an MSS, yet sends nothing. */
	{
		static u8 f[1460];

		sk = establish(1460, &iss);
		tcp_sk(sk)->quickack = 0;
		peer_seg(PEER_PORT, inet_sk(sk)->inet_num, seq, iss + 1,
			 TCPHDR_ACK, f, sizeof(f));
		CHECK(!pop_seg().valid);
		CHECK_EQ(trecv(sk, f, sizeof(f)), (int)sizeof(f));
		CHECK(!pop_seg().valid);
		host_advance(TCP_DELACK_MS);
		s = pop_seg();
		CHECK(s.valid && s.ack == seq + sizeof(f));
		kill_conn(sk);
	}
	sk = establish_opts(false, 16384, &iss, &syn);
	lport = inet_sk(sk)->inet_num;
	mock_tx_purge(eth0);
	/* Unread data until the window is below half. */
	while (sent < 50 && win > 16384 / 4) {
		peer_seg(PEER_PORT, lport, seq, iss + 1, TCPHDR_ACK, d, sizeof(d));
		sent++;
		s = pop_seg();
		if (!s.valid) {
			host_advance(TCP_DELACK_MS);
			s = pop_seg();
		}
		if (s.valid) {
			win = s.window;
			seq = s.ack;
		}
	}
	CHECK(win <= 16384 / 4);
	mock_tx_purge(eth0);
	/* Reading it all now at least doubles the window: an update. */
	while (trecv(sk, d, sizeof(d)) > 0)
		;
	s = pop_seg();
	CHECK(s.valid && s.len == 0 && s.ack == seq);
	CHECK(s.window >= 2 * win && s.window >= win + 1460);
	kill_conn(sk);
	fx_teardown();
}
