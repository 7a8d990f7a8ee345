/* The TCP socket's lifecycle and options, as Linux: keepalive timing and
 * give-up (RFC 1122 4.2.3.6), SO_LINGER abort and bounded wait, TIME_WAIT
 * holding its port (bind, connect, /proc/net/tcp), TCP_MAXSEG, TCP_INFO,
 * option errors, and ICMP toward TCP: fragmentation needed lowers the MSS
 * and resends (RFC 1191), port unreachable refuses a connect, ICMP that
 * quotes a sequence number not in flight is ignored (RFC 5927). */
#include "tcp_test.h"
#include <net/net_proc.h>
#include <uapi/tcp.h>
#include <stdio.h>
#include <uapi/sockios.h>

static int setopt(struct sock *sk, int name, int val)
{
	return tcp_setsockopt(sk, IPPROTO_TCP, name, &val, sizeof(val));
}

static int getopt_int(struct sock *sk, int name)
{
	int v = -12345, len = sizeof(v);

	if (tcp_getsockopt(sk, IPPROTO_TCP, name, &v, &len) || len != sizeof(v))
		return -12345;
	return v;
}

static void keepalive_on(struct sock *sk)
{
	tcp_set_keepalive(sk, 1);       /* what sock_setsockopt does */
	sk->sk_keepalive = true;
}

TEST(tcp_option_defaults_ranges_and_errors)
{
	struct sock *sk;
	int v = 5, len;
	short sv = 5;
	u8 big[16];

	CHECK(fx_setup());
	sk = tcp_sock_new();
	CHECK_EQ(getopt_int(sk, TCP_KEEPIDLE), 7200);
	CHECK_EQ(getopt_int(sk, TCP_KEEPINTVL), 75);
	CHECK_EQ(getopt_int(sk, TCP_KEEPCNT), 9);
	CHECK_EQ(getopt_int(sk, TCP_MAXSEG), 536);
	CHECK_EQ(getopt_int(sk, TCP_QUICKACK), 1);
	CHECK_EQ(setopt(sk, TCP_KEEPIDLE, 0), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPIDLE, 32768), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPIDLE, 32767), 0);
	CHECK_EQ(getopt_int(sk, TCP_KEEPIDLE), 32767);
	CHECK_EQ(setopt(sk, TCP_KEEPINTVL, 0), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPINTVL, 32768), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPCNT, 0), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPCNT, 128), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_KEEPCNT, 127), 0);
	CHECK_EQ(getopt_int(sk, TCP_KEEPCNT), 127);
	CHECK_EQ(setopt(sk, TCP_MAXSEG, 87), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_MAXSEG, 32768), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_MAXSEG, 1000), 0);
	CHECK_EQ(getopt_int(sk, TCP_MAXSEG), 1000);
	/* short option values, unknown options, other levels */
	CHECK_EQ(tcp_setsockopt(sk, IPPROTO_TCP, TCP_KEEPIDLE, &sv, sizeof(sv)),
		 -EINVAL);
	CHECK_EQ(setopt(sk, 99, 1), -ENOPROTOOPT);
	len = sizeof(v);
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, 99, &v, &len), -ENOPROTOOPT);
	CHECK_EQ(tcp_setsockopt(sk, 99, TCP_KEEPIDLE, &v, sizeof(v)),
		 -ENOPROTOOPT);
	/* a short buffer gets the first bytes */
	len = 2;
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, TCP_KEEPCNT, big, &len), 0);
	CHECK_EQ(len, 2);
	tcp_close(sk, 0);
	fx_teardown();
}

TEST(tcp_keepalive_probes_then_gives_up)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(setopt(sk, TCP_KEEPIDLE, 10), 0);
	CHECK_EQ(setopt(sk, TCP_KEEPINTVL, 2), 0);
	CHECK_EQ(setopt(sk, TCP_KEEPCNT, 3), 0);
	keepalive_on(sk);
	host_advance(9999);
	CHECK(!pop_seg().valid);
	host_advance(1);
	/* RFC 1122 4.2.3.6: no data, sequence one below snd_una */
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_ACK && s.seq == iss && s.len == 0 &&
	      s.ack == PEER_ISN + 1);
	/* The peer answers: idle starts again from here. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, NULL, 0);
	CHECK_EQ(tcp_sk(sk)->probes_out, 0);
	host_advance(9999);
	CHECK(!pop_seg().valid);
	host_advance(1);
	CHECK(pop_seg().valid);                 /* probe 1 */
	host_advance(1999);
	CHECK(!pop_seg().valid);
	host_advance(1);
	CHECK(pop_seg().valid);                 /* probe 2 */
	host_advance(2000);
	CHECK(pop_seg().valid);                 /* probe 3 */
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	host_advance(2000);                     /* 3 unanswered: over */
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_RST) && s.seq == iss + 1);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ETIMEDOUT);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPKEEPALIVE], 4);
	tcp_close(sk, 0);
	fx_teardown();
}

TEST(tcp_keepalive_off_and_busy_connections_send_no_probe)
{
	struct sock *sk;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(setopt(sk, TCP_KEEPIDLE, 1), 0);
	host_advance(5000);
	CHECK(!pop_seg().valid);                /* SO_KEEPALIVE is off */
	keepalive_on(sk);
	tcp_set_keepalive(sk, 0);
	sk->sk_keepalive = false;
	host_advance(5000);
	CHECK(!pop_seg().valid);                /* and off again */
	keepalive_on(sk);
	CHECK_EQ(tsend(sk, "x", 1), 1);
	CHECK(pop_seg().len == 1);
	/* Data in flight: the RTO watches it, keepalive stays quiet. */
	host_advance(1000);
	{
		struct seg d;
		int n = 0;

		while ((d = pop_seg()).valid) {
			CHECK(d.len == 1 && d.seq == iss + 1);
			n++;
		}
		CHECK(n >= 1);                  /* retransmissions only */
	}
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	host_advance(999);
	CHECK(!pop_seg().valid);
	host_advance(1);
	CHECK(pop_seg().valid);                 /* idle again: a probe */
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_linger_zero_close_sends_rst_and_frees)
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
	sk->sk_linger = 0;                      /* SO_LINGER {1, 0} */
	tcp_close(sk, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == (TCPHDR_RST | TCPHDR_ACK) && s.seq == iss + 1);
	CHECK(!pop_seg().valid);                /* no FIN */
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPABORTONDATA], 1);
	CHECK_EQ(tcp_tw_count(), 0);
	CHECK_EQ(sock_live_count(), live);
	/* Gone at once: the 4-tuple is unknown. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 1, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_RST);
	fx_teardown();
}

TEST(tcp_linger_timeout_bounds_a_blocking_close)
{
	struct sock *sk;
	struct seg s;
	u32 iss;
	u16 lport;
	u64 t0;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	sk->sk_linger = 2;                      /* SO_LINGER {1, 2} */
	t0 = ktime_get_ms();
	tcp_close(sk, 2000);                    /* nobody ACKs the FIN */
	CHECK(ktime_get_ms() - t0 >= 2000 && ktime_get_ms() - t0 < 2100);
	CHECK_EQ(sk->sk_state, TCP_FIN_WAIT1);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_FIN));
	CHECK(pop_seg().valid);                 /* FIN retransmitted meanwhile */
	mock_tx_purge(eth0);
	/* The orphan finishes the close as usual. */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	CHECK_EQ(tcp_tw_count(), 1);
	host_advance(TCP_TIMEWAIT_LEN);
	CHECK_EQ(tcp_tw_count(), 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* Active open from a bound local port, closed through TIME_WAIT. */
static void time_wait_from_port(u16 port, bool reuse)
{
	struct sockaddr_in me = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(PEER_PORT),
				    .sin_addr = { ADDR_PEER } };
	struct sock *sk = tcp_sock_new();
	struct seg s;
	u32 iss;

	sk->sk_reuse = reuse;
	CHECK_EQ(tcp_v4_bind(sk, &me), 0);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &peer), 0);
	s = pop_seg();
	iss = s.seq;
	peer_synack(PEER_PORT, port, PEER_ISN, iss + 1, 1460);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	tcp_close(sk, 0);
	peer_seg(PEER_PORT, port, PEER_ISN + 1, iss + 2,
		 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	CHECK_EQ(tcp_tw_count(), 1);
	mock_tx_purge(eth0);
}

static int try_bind(u16 port, bool reuse, struct sock **out)
{
	struct sockaddr_in me = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	struct sock *sk = tcp_sock_new();
	int err;

	sk->sk_reuse = reuse;
	err = tcp_v4_bind(sk, &me);
	if (out && !err)
		*out = sk;
	else
		tcp_close(sk, 0);
	return err;
}

TEST(tcp_time_wait_holds_its_port)
{
	static char buf[8192];
	struct sock *sk = NULL;
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(PEER_PORT),
				    .sin_addr = { ADDR_PEER } };
	ssize_t n;

	CHECK(fx_setup());
	time_wait_from_port(40000, false);
	/* /proc/net/tcp lists it as Linux does: state 06, timer 3. */
	n = net_proc_tcp_show(buf, sizeof(buf));
	CHECK(n > 0);
	CHECK(strstr(buf, "0F02000A:9C40 6402000A:0050 06 00000000:00000000 03:"));
	CHECK_EQ(try_bind(40000, false, NULL), -EADDRINUSE);
	/* Linux: both sockets must have asked for SO_REUSEADDR. */
	CHECK_EQ(try_bind(40000, true, NULL), -EADDRINUSE);
	host_advance(TCP_TIMEWAIT_LEN);
	CHECK_EQ(tcp_tw_count(), 0);
	n = net_proc_tcp_show(buf, sizeof(buf));
	CHECK(!strstr(buf, ":9C40"));
	CHECK_EQ(try_bind(40000, false, NULL), 0);

	time_wait_from_port(40001, true);
	CHECK_EQ(try_bind(40001, false, NULL), -EADDRINUSE);
	CHECK_EQ(try_bind(40001, true, &sk), 0);
	/* Bound, but the 4-tuple itself is in TIME_WAIT: no connect. */
	CHECK_EQ(tcp_v4_connect(sk, &peer), -EADDRNOTAVAIL);
	tcp_close(sk, 0);
	inet_twsk_purge();
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_connect_never_picks_a_time_wait_tuple)
{
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(PEER_PORT),
				    .sin_addr = { ADDR_PEER } };
	struct sock *socks[64];
	u16 twport;
	struct seg s;
	u32 iss;

	CHECK(fx_setup());
	/* A connection from an ephemeral port ends in TIME_WAIT. */
	{
		struct sock *sk = establish(1460, &iss);

		twport = inet_sk(sk)->inet_num;
		tcp_close(sk, 0);
		peer_seg(PEER_PORT, twport, PEER_ISN + 1, iss + 2,
			 TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
		CHECK_EQ(tcp_tw_count(), 1);
		mock_tx_purge(eth0);
	}
	/* Many connects to the same peer: none reuses that port. */
	for (int i = 0; i < 64; i++) {
		socks[i] = tcp_sock_new();
		CHECK_EQ(tcp_v4_connect(socks[i], &peer), 0);
		CHECK(inet_sk(socks[i])->inet_num != twport);
		s = pop_seg();
		CHECK(s.valid && s.flags == TCPHDR_SYN);
	}
	for (int i = 0; i < 64; i++)
		tcp_close(socks[i], 0);
	inet_twsk_purge();
	mock_tx_purge(eth0);
	fx_teardown();
}

TEST(tcp_maxseg_clamps_what_we_announce_and_send)
{
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(PEER_PORT),
				    .sin_addr = { ADDR_PEER } };
	static char data[3000];
	struct sock *sk;
	struct seg s;
	u16 lport;

	CHECK(fx_setup());
	sk = tcp_sock_new();
	CHECK_EQ(setopt(sk, TCP_MAXSEG, 1000), 0);
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	CHECK_EQ(tcp_v4_connect(sk, &peer), 0);
	lport = inet_sk(sk)->inet_num;
	s = pop_seg();
	CHECK(s.valid && s.mss == 1000);
	peer_synack(PEER_PORT, lport, PEER_ISN, s.seq + 1, 1460);
	CHECK_EQ(sk->sk_state, TCP_ESTABLISHED);
	CHECK_EQ(getopt_int(sk, TCP_MAXSEG), 1000);
	pop_seg();
	memset(data, 'm', sizeof(data));
	CHECK_EQ(tsend(sk, data, sizeof(data)), 3000);
	CHECK_EQ(pop_seg().len, 1000);
	CHECK_EQ(pop_seg().len, 1000);
	CHECK_EQ(pop_seg().len, 1000);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_info_reports_linux_layout)
{
	struct tcp_info info;
	struct sock *sk;
	u8 small[8];
	int len = sizeof(info);
	u32 iss;

	CHECK(fx_setup());
	CHECK_EQ(sizeof(struct tcp_info), 232);
	CHECK_EQ(__builtin_offsetof(struct tcp_info, tcpi_rto), 8);
	CHECK_EQ(__builtin_offsetof(struct tcp_info, tcpi_rtt), 68);
	CHECK_EQ(__builtin_offsetof(struct tcp_info, tcpi_total_retrans), 100);
	CHECK_EQ(__builtin_offsetof(struct tcp_info, tcpi_pacing_rate), 104);
	sk = establish(1460, &iss);
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, TCP_INFO, &info, &len), 0);
	CHECK_EQ(len, 232);
	CHECK_EQ(info.tcpi_state, TCP_ESTABLISHED);
	CHECK_EQ(info.tcpi_snd_mss, 1460);
	CHECK_EQ(info.tcpi_snd_cwnd, 10);
	CHECK_EQ(info.tcpi_snd_ssthresh, 0x7fffffff);
	CHECK(info.tcpi_rto >= 200000);
	CHECK_EQ(info.tcpi_unacked, 0);
	CHECK_EQ(tsend(sk, "abc", 3), 3);
	pop_seg();
	host_advance(tcp_current_rto(tcp_sk(sk)));       /* one RTO */
	pop_seg();
	len = sizeof(info);
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, TCP_INFO, &info, &len), 0);
	CHECK_EQ(info.tcpi_unacked, 1);
	CHECK_EQ(info.tcpi_total_retrans, 1);
	CHECK_EQ(info.tcpi_retransmits, 1);
	CHECK_EQ(info.tcpi_snd_cwnd, 1);
	/* a short buffer gets the start of the struct */
	len = sizeof(small);
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, TCP_INFO, small, &len), 0);
	CHECK_EQ(len, 8);
	CHECK_EQ(small[0], TCP_ESTABLISHED);
	kill_conn(sk);
	fx_teardown();
}


TEST(tcp_frag_needed_lowers_mss_and_resends)
{
	static char data[2920];
	struct sock *sk;
	struct pkbuf *tx;
	u32 iss, next;
	u16 lport;
	int frames = 0;
	bool all_df = true, all_small = true;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	memset(data, 'p', sizeof(data));
	CHECK_EQ(tsend(sk, data, 100), 100);    /* small: fits any path */
	CHECK_EQ(tsend(sk, data, sizeof(data)), 2920);
	/* What fits the path goes with DF, so routers can tell us. */
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		CHECK(tx_ip(tx)->frag_off & htons(IP_DF));
		pkb_free(tx);
	}
	/* A guess at a sequence number not in flight changes nothing. */
	icmp_about(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 1000, lport, PEER_PORT,
		   iss + 100000);
	CHECK_EQ(tcp_ext_mib[TCPEXT_OUTOFWINDOWICMPS], 1);
	CHECK_EQ(tcp_sk(sk)->mss_cache, 1460);
	CHECK_EQ(mock_tx_count(eth0), 0);
	icmp_about(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 1000, lport, PEER_PORT,
		   iss + 1);
	CHECK_EQ(tcp_sk(sk)->mss_cache, 960);
	/* The big ones resent at once, cut to the new MSS, in order; the
	 * small one is not. */
	next = iss + 101;
	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct iphdr *iph = tx_ip(tx);
		struct tcphdr *th = tx_l4(tx);
		unsigned int len = ntohs(iph->tot_len) - 20 - tcp_hdrlen(th);

		if (!(iph->frag_off & htons(IP_DF)))
			all_df = false;
		if (len > 960)
			all_small = false;
		CHECK_EQ(ntohl(th->seq), next);
		next += len;
		frames++;
		pkb_free(tx);
	}
	CHECK(all_df && all_small);
	CHECK_EQ(frames, 4);                    /* 960 500 960 500 */
	CHECK_EQ(next, iss + 101 + 2920);
	CHECK_EQ(getopt_int(sk, TCP_MAXSEG), 960);
	/* everything acknowledged: the queue was split consistently */
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 101 + 2920, TCPHDR_ACK,
		 NULL, 0);
	CHECK_EQ(tcp_sk(sk)->snd_una, iss + 101 + 2920);
	CHECK(list_empty(&tcp_sk(sk)->write_queue.list));
	CHECK_EQ(sk->sk_wmem_alloc, 0);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_icmp_unreachable_refuses_a_connect)
{
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(PEER_PORT),
				    .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	struct seg s;
	u16 lport;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &peer), 0);
	lport = inet_sk(sk)->inet_num;
	s = pop_seg();
	/* Wrong sequence number: not about our SYN. */
	icmp_about(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, lport, PEER_PORT,
		   s.seq + 7);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	icmp_about(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, lport, PEER_PORT,
		   s.seq);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ECONNREFUSED);
	tcp_close(sk, 0);

	sk = tcp_sock_new();
	CHECK_EQ(tcp_v4_connect(sk, &peer), 0);
	lport = inet_sk(sk)->inet_num;
	s = pop_seg();
	icmp_about(ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0, lport, PEER_PORT,
		   s.seq);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ENOPROTOOPT);
	tcp_close(sk, 0);
	mock_tx_purge(eth0);
	fx_teardown();
}

/* ---- urgent data (tcp_urg.c) ---- */

/* A peer segment with URG and an urgent pointer. */
static void peer_urg(u16 lport, u32 seq, u32 ack, const char *data,
		     size_t len, u16 urg_ptr)
{
	struct tcpspec t = { .sport = PEER_PORT, .dport = lport, .seq = seq,
			     .ack = ack, .flags = TCPHDR_ACK, .window = 65535 };
	size_t n = mk_tcp(tframe, &t, data, len);
	struct iphdr *iph = frame_ip(tframe);
	struct tcphdr *th = (struct tcphdr *)(tframe + ETH_HLEN + 20);
	unsigned int tl = ntohs(iph->tot_len) - 20;

	th->flags |= TCPHDR_URG;
	th->urg_ptr = htons(urg_ptr);
	th->check = 0;
	th->check = htons(csum_tcpudp_magic(iph->saddr, iph->daddr, tl,
					    IPPROTO_TCP,
					    csum_partial(th, tl, 0)));
	mock_rx_now(eth0, tframe, n);
}

static int trecv_flags(struct sock *sk, void *buf, size_t len, int flags)
{
	struct kvec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return tcp_recvmsg(sk, &msg, len, flags | MSG_DONTWAIT, NULL);
}

TEST(tcp_send_oob_sets_urg_until_acked)
{
	struct kvec iov = { "abc", 3 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_flags = MSG_OOB };
	struct sock *sk;
	struct pkbuf *tx;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	tcp_sk(sk)->nodelay = 1;        /* Nagle would hold "de" (test_tcp_flow) */
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(tcp_sendmsg(sk, &msg, 3), 3);
	tx = mock_tx_pop(eth0);
	CHECK(tx != NULL);
	if (tx) {
		struct tcphdr *th = tx_l4(tx);

		/* RFC 6093: the pointer is to the byte after the urgent one */
		CHECK(th->flags & TCPHDR_URG);
		CHECK_EQ(ntohs(th->urg_ptr), 3);
		pkb_free(tx);
	}
	CHECK_EQ(tsend(sk, "de", 2), 2);        /* after the mark: no URG */
	tx = mock_tx_pop(eth0);
	CHECK(tx && !(((struct tcphdr *)tx_l4(tx))->flags & TCPHDR_URG));
	if (tx)
		pkb_free(tx);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 6, TCPHDR_ACK, NULL, 0);
	CHECK(!tcp_sk(sk)->urg_mode);
	kill_conn(sk);
	fx_teardown();
}

TEST(tcp_receive_oob_byte_out_of_line_and_inline)
{
	struct sock *sk;
	char buf[16];
	int at = -1;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(trecv_flags(sk, buf, 1, MSG_OOB), -EINVAL);    /* none yet */
	peer_urg(lport, PEER_ISN + 1, iss + 1, "xyz", 3, 3);    /* 'z' */
	mock_tx_purge(eth0);
	CHECK(tcp_poll_mask(sk) & SK_POLLPRI);
	/* read() stops at the mark */
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 2);
	CHECK(!memcmp(buf, "xy", 2));
	CHECK_EQ(tcp_ioctl(sk, SIOCATMARK, (unsigned long)&at), 0);
	CHECK_EQ(at, 1);
	CHECK(!(tcp_poll_mask(sk) & SK_POLLIN));  /* only the OOB byte */
	CHECK_EQ(trecv_flags(sk, buf, 1, MSG_OOB | MSG_PEEK), 1);
	CHECK_EQ(trecv_flags(sk, buf, 1, MSG_OOB), 1);
	CHECK_EQ(buf[0], 'z');
	CHECK(!(tcp_poll_mask(sk) & SK_POLLPRI));
	CHECK_EQ(trecv_flags(sk, buf, 1, MSG_OOB), -EINVAL);    /* read once */
	peer_seg(PEER_PORT, lport, PEER_ISN + 4, iss + 1, TCPHDR_ACK, "123", 3);
	mock_tx_purge(eth0);
	/* the urgent byte is not in the stream */
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "123", 3));
	CHECK_EQ(tcp_sk(sk)->urg_data, 0);
	/* SO_OOBINLINE: the byte stays in the stream, MSG_OOB is EINVAL */
	sk->sk_urginline = true;
	peer_urg(lport, PEER_ISN + 7, iss + 1, "ab", 2, 2);     /* 'b' */
	mock_tx_purge(eth0);
	CHECK_EQ(trecv_flags(sk, buf, 1, MSG_OOB), -EINVAL);
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 1);               /* to the mark */
	CHECK_EQ(buf[0], 'a');
	CHECK_EQ(trecv(sk, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'b');
	kill_conn(sk);
	fx_teardown();
}

/* TCP_SYNCNT, TCP_LINGER2, TCP_USER_TIMEOUT and TCP_CONGESTION: Linux's
 * ranges and read-back values, and what each changes: the SYN gives up
 * after its count, an orphan in FIN_WAIT2 waits TCP_LINGER2 (or resets
 * at once when it is negative), unacknowledged data fails the connection
 * after TCP_USER_TIMEOUT ms. */
TEST(tcp_syncnt_linger2_user_timeout_congestion)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(PEER_PORT),
				   .sin_addr = { ADDR_PEER } };
	struct sock *sk;
	struct seg s;
	char name[TCP_CA_NAME_MAX + 4];
	int len, elapsed;
	u32 iss;
	u16 lport;

	CHECK(fx_setup());
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = tcp_sock_new();
	CHECK_EQ(getopt_int(sk, TCP_SYNCNT), TCP_SYN_RETRIES);
	CHECK_EQ(setopt(sk, TCP_SYNCNT, 0), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_SYNCNT, 128), -EINVAL);
	CHECK_EQ(setopt(sk, TCP_SYNCNT, 2), 0);
	CHECK_EQ(getopt_int(sk, TCP_SYNCNT), 2);
	CHECK_EQ(getopt_int(sk, TCP_LINGER2), 60);
	CHECK_EQ(setopt(sk, TCP_LINGER2, 500), 0);
	CHECK_EQ(getopt_int(sk, TCP_LINGER2), 120);
	CHECK_EQ(setopt(sk, TCP_LINGER2, -5), 0);
	CHECK_EQ(getopt_int(sk, TCP_LINGER2), -1);
	CHECK_EQ(setopt(sk, TCP_LINGER2, 0), 0);
	CHECK_EQ(getopt_int(sk, TCP_LINGER2), 60);
	CHECK_EQ(getopt_int(sk, TCP_USER_TIMEOUT), 0);
	CHECK_EQ(setopt(sk, TCP_USER_TIMEOUT, -1), -EINVAL);
	memset(name, 'x', sizeof(name));
	len = sizeof(name);
	CHECK_EQ(tcp_getsockopt(sk, IPPROTO_TCP, TCP_CONGESTION, name, &len), 0);
	CHECK(len == TCP_CA_NAME_MAX && !strcmp(name, "reno"));
	CHECK_EQ(tcp_setsockopt(sk, IPPROTO_TCP, TCP_CONGESTION, "reno", 4), 0);
	CHECK_EQ(tcp_setsockopt(sk, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5),
		 -ENOENT);
	/* TCP_SYNCNT 2: SYNs at 0, 1 and 3 s; ETIMEDOUT at 7 s. */
	CHECK_EQ(tcp_v4_connect(sk, &sin), 0);
	CHECK(pop_seg().flags == TCPHDR_SYN);
	host_advance(1000);
	CHECK(pop_seg().flags == TCPHDR_SYN);
	host_advance(2000);
	CHECK(pop_seg().flags == TCPHDR_SYN);
	host_advance(3999);
	CHECK_EQ(sk->sk_state, TCP_SYN_SENT);
	host_advance(1);
	CHECK_EQ(sk->sk_state, TCP_CLOSE);
	CHECK_EQ(sk->sk_err, ETIMEDOUT);
	tcp_close(sk, 0);
	/* TCP_USER_TIMEOUT 3000: unacknowledged data ends it 3 s after it
	 * was sent (not after 15 backed-off retransmissions). */
	sk = establish(1460, &iss);
	CHECK_EQ(setopt(sk, TCP_USER_TIMEOUT, 3000), 0);
	CHECK_EQ(tsend(sk, "data", 4), 4);
	CHECK(pop_seg().len == 4);
	for (elapsed = 0; elapsed < 20000 && sk->sk_state != TCP_CLOSE;
	     elapsed += 10) {
		host_advance(10);
		mock_tx_purge(eth0);
	}
	CHECK(elapsed >= 3000 && elapsed <= 3010);
	CHECK_EQ(sk->sk_err, ETIMEDOUT);
	tcp_close(sk, 0);
	/* TCP_LINGER2 5: the orphan waits 5 s for their FIN, then goes with
	 * a RST (as Linux's keepalive timer does); a segment for it then
	 * gets a RST from no socket. */
	fx_learn(eth0, ADDR_PEER, MAC_PEER);
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(setopt(sk, TCP_LINGER2, 5), 0);
	tcp_close(sk, 0);
	CHECK(pop_seg().flags & TCPHDR_FIN);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	host_advance(4999);
	mock_tx_purge(eth0);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	CHECK(!pop_seg().valid);                 /* still there, silent */
	host_advance(1);
	s = pop_seg();
	CHECK(s.valid && s.flags == (TCPHDR_RST | TCPHDR_ACK) && s.seq == iss + 2);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && s.flags == TCPHDR_RST);
	/* TCP_LINGER2 < 0: no FIN_WAIT2 at all, a RST once our FIN is in. */
	sk = establish(1460, &iss);
	lport = inet_sk(sk)->inet_num;
	CHECK_EQ(setopt(sk, TCP_LINGER2, -1), 0);
	tcp_close(sk, 0);
	CHECK(pop_seg().flags & TCPHDR_FIN);
	peer_seg(PEER_PORT, lport, PEER_ISN + 1, iss + 2, TCPHDR_ACK, NULL, 0);
	s = pop_seg();
	CHECK(s.valid && (s.flags & TCPHDR_RST) && s.seq == iss + 2);
	CHECK_EQ(tcp_ext_mib[TCPEXT_TCPABORTONLINGER], 1);
	fx_teardown();
}
