/* The small objects around a connection (Linux tcp_minisocks.c and
 * inet_connection_sock.c's request handling):
 *
 *   SYN to a LISTEN socket -> tcp_conn_request: a request_sock in state
 *     TCP_NEW_SYN_RECV in the request hash, SYN-ACK sent (SYN queue)
 *   final ACK -> tcp_v4_rcv finds the request -> tcp_check_req
 *     -> tcp_v4_syn_recv_sock (child in SYN_RECV) -> tcp_rcv_state_process
 *     (ESTABLISHED) -> listener's accept queue -> inet_csk_accept
 *   FIN in FIN_WAIT2 / ACK in CLOSING -> tcp_time_wait: the socket goes,
 *     a tcp_timewait_sock answers for the 4-tuple for 2*MSL.
 */
#include <net/tcp.h>
#include <net/ip.h>
#include <net/snmp.h>

static void tcp_v4_send_synack(struct request_sock *req)
{
	struct tcp_out o = {
		.saddr = req->loc_addr, .daddr = req->rmt_addr,
		.sport = req->loc_port, .dport = req->rmt_port,
		.seq = req->snt_isn, .ack = req->rcv_isn + 1,
		.flags = TCPHDR_SYN | TCPHDR_ACK,
		.window = (u16)MIN((u32)SOCK_RCVBUF_DEFAULT / 2, TCP_MAX_WINDOW),
		.mss = (u16)(1500 - 40),
	};
	struct sock *l = req->rsk_listener;

	o.window = (u16)MIN((u32)l->sk_rcvbuf / 2, TCP_MAX_WINDOW);
	o.mss = tcp_mss_clamp(tcp_sk(l), tcp_sk(l)->advmss);
	/* RFC 7323 1.3, RFC 2018 2: only what the SYN offered. */
	if (req->wscale_ok)
		o.wscale = (u8)(req->rcv_wscale + 1);
	o.sack_perm = req->sack_ok;
	if (req->tstamp_ok) {
		o.ts = 1;
		o.tsval = req->cookie_tsval ? req->cookie_tsval : tcp_time_stamp();
		o.tsecr = req->ts_recent;
	}
	o.oif = l->sk_bound_dev_if;
	tcp_v4_xmit(&o, NULL, 0);
}

void reqsk_drop(struct request_sock *req)
{
	struct tcp_sock *ltp = tcp_sk(req->rsk_listener);

	del_timer(&req->rsk_timer);
	inet_reqsk_unhash(req);
	list_del(&req->list);
	ltp->synq_len--;
	kfree(req);
}

/* SYN-ACK retransmission: 1 s doubling, TCP_SYNACK_RETRIES times. */
static void reqsk_timer_handler(struct timer_list *t)
{
	struct request_sock *req = from_timer(req, t, rsk_timer);

	if (req->num_retrans >= TCP_SYNACK_RETRIES) {
		reqsk_drop(req);
		return;
	}
	req->num_retrans++;
	TCP_INC_STATS(RETRANSSEGS);
	tcp_v4_send_synack(req);
	mod_timer(&req->rsk_timer,
		  jiffies + ((u64)TCP_RTO_INIT << req->num_retrans));
}

/* A SYN reached a listener (pkb->data at the payload, which a SYN's
 * data is: not kept, the peer sends it again after the handshake). */
int tcp_conn_request(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *ltp = tcp_sk(sk);
	const struct iphdr *iph = ip_hdr(pkb);
	const struct tcphdr *th = tcp_hdr(pkb);
	struct tcp_options_received opt;
	struct request_sock *req;
	bool want_cookie = false;

	/* Both queues are bounded by the backlog. A full SYN queue sends a
	 * SYN cookie instead (tcp_syncookies=1, syncookies.c), or drops the
	 * SYN silently so the peer retries; a full accept queue drops it
	 * (Linux does the same). */
	if (ltp->synq_len >= ltp->max_ack_backlog) {
		if (!sysctl_tcp_syncookies) {
			TCPEXT_INC_STATS(TCPREQQFULLDROP);
			TCPEXT_INC_STATS(LISTENDROPS);
			return 0;
		}
		TCPEXT_INC_STATS(TCPREQQFULLDOCOOKIES);
		want_cookie = true;
	}
	if (ltp->acceptq_len >= ltp->max_ack_backlog) {
		TCPEXT_INC_STATS(LISTENOVERFLOWS);
		TCPEXT_INC_STATS(LISTENDROPS);
		return 0;
	}
	/* No connections to or from broadcast/multicast (RFC 1122 4.2.3.10). */
	if (pkb->pkt_type == PACKET_BROADCAST ||
	    pkb->pkt_type == PACKET_MULTICAST ||
	    inet_addr_type_dev(iph->daddr, NULL) != RTN_LOCAL)
		return 0;
	if (want_cookie) {
		struct request_sock c;

		tcp_parse_options(th, &opt);
		memset(&c, 0, sizeof(c));
		c.rsk_listener = sk;
		c.loc_addr = iph->daddr;
		c.rmt_addr = iph->saddr;
		c.loc_port = th->dest;
		c.rmt_port = th->source;
		c.rcv_isn = TCP_SKB_CB(pkb)->seq;
		c.mss = opt.mss_clamp ? opt.mss_clamp : (u16)TCP_MSS_DEFAULT;
		c.snt_isn = cookie_v4_init_sequence(sk, &c, &c.mss);
		if (opt.saw_tstamp) {
			/* The other options ride in our TSval, which the
			 * peer echoes (Linux cookie_init_timestamp). */
			c.tstamp_ok = 1;
			c.ts_recent = opt.rcv_tsval;
			c.wscale_ok = opt.wscale_ok;
			c.snd_wscale = opt.snd_wscale;
			c.rcv_wscale = opt.wscale_ok ?
				       tcp_select_wscale(sk->sk_rcvbuf) : 0;
			c.sack_ok = opt.sack_ok;
			c.cookie_tsval = cookie_init_timestamp(&c);
		}
		tcp_v4_send_synack(&c);         /* nothing kept */
		return 0;
	}
	req = kzalloc(sizeof(*req));
	if (!req) {
		TCPEXT_INC_STATS(LISTENDROPS);
		return 0;
	}
	tcp_parse_options(th, &opt);
	req->rsk_listener = sk;
	req->state = TCP_NEW_SYN_RECV;
	req->loc_addr = iph->daddr;
	req->rmt_addr = iph->saddr;
	req->loc_port = th->dest;
	req->rmt_port = th->source;
	req->rcv_isn = TCP_SKB_CB(pkb)->seq;
	req->snt_isn = TCP_SKB_CB(pkb)->tw_isn ? TCP_SKB_CB(pkb)->tw_isn :
		       tcp_v4_init_seq(iph->daddr, iph->saddr, th->dest,
				       th->source);
	req->mss = opt.mss_clamp ? MAX(opt.mss_clamp, (u16)TCP_MSS_MIN) :
		   (u16)TCP_MSS_DEFAULT;
	req->mss = tcp_mss_clamp(ltp, req->mss);        /* TCP_MAXSEG */
	req->rcv_wnd = TCP_SKB_CB(pkb)->window;
	req->wscale_ok = opt.wscale_ok;
	req->snd_wscale = opt.snd_wscale;
	/* SO_RCVBUF set on the listener before listen() decides it. */
	req->rcv_wscale = opt.wscale_ok ? tcp_select_wscale(sk->sk_rcvbuf) : 0;
	req->sack_ok = opt.sack_ok;
	req->tstamp_ok = opt.saw_tstamp;
	req->ts_recent = opt.rcv_tsval;
	INIT_HLIST_NODE(&req->node);
	timer_setup(&req->rsk_timer, reqsk_timer_handler, 0);
	inet_reqsk_hash(req);
	list_add_tail(&req->list, &ltp->req_list);
	ltp->synq_len++;
	tcp_v4_send_synack(req);
	mod_timer(&req->rsk_timer, jiffies + TCP_RTO_INIT);
	return 0;
}

/* A segment for a request in the SYN queue (RFC 9293 3.10.7.4 for
 * SYN-RECEIVED, before a socket exists). Owns pkb. */
void tcp_check_req(struct request_sock *req, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct sock *listener = req->rsk_listener, *child;
	u8 fl = cb->tcp_flags;

	if (fl & TCPHDR_RST) {
		if (cb->seq == req->rcv_isn + 1)
			reqsk_drop(req);
		goto drop;
	}
	if (fl & TCPHDR_SYN) {
		/* Their SYN again: our SYN-ACK was lost. */
		if (cb->seq == req->rcv_isn)
			tcp_v4_send_synack(req);
		goto drop;
	}
	if (!(fl & TCPHDR_ACK))
		goto drop;
	if (cb->ack_seq != req->snt_isn + 1) {
		tcp_v4_send_reset(pkb);
		goto drop;
	}
	if (cb->seq != req->rcv_isn + 1 &&
	    (before(cb->seq, req->rcv_isn + 1) ||
	     !before(cb->seq, req->rcv_isn + 1 + TCP_MAX_WINDOW))) {
		goto drop;
	}
	if (tcp_sk(listener)->acceptq_len >= tcp_sk(listener)->max_ack_backlog) {
		/* Keep the request: the SYN-ACK timer makes the peer ACK
		 * again, perhaps when accept() has made room. */
		TCPEXT_INC_STATS(LISTENOVERFLOWS);
		TCPEXT_INC_STATS(LISTENDROPS);
		goto drop;
	}
	child = tcp_v4_syn_recv_sock(listener, req, pkb);
	if (!child) {
		TCPEXT_INC_STATS(LISTENDROPS);
		goto drop;
	}
	reqsk_drop(req);
	/* The child is on the accept queue already; let it process the ACK
	 * (and any data) as SYN_RECV -> ESTABLISHED. */
	sock_hold(child);
	tcp_rcv_state_process(child, pkb);
	sock_put(child);
	if (!listener->sk_dead)
		listener->sk_data_ready(listener);
	return;
drop:
	pkb_free(pkb);
}

/* ---- TIME_WAIT ---- */

static int tw_count;

int tcp_tw_count(void)
{
	return tw_count;
}

void inet_twsk_kill(struct tcp_timewait_sock *tw)
{
	del_timer(&tw->tw_timer);
	inet_twsk_unhash(tw);
	inet_twsk_bind_unhash(tw);
	tw_count--;
	kfree(tw);
}

static void tw_timer_handler(struct timer_list *t)
{
	struct tcp_timewait_sock *tw = from_timer(tw, t, tw_timer);

	TCPEXT_INC_STATS(TW);
	inet_twsk_kill(tw);
}

/* The socket leaves; a small object keeps the 4-tuple and the sequence
 * numbers to re-ACK a retransmitted FIN, for 2*MSL (RFC 9293 3.6). */
void tcp_time_wait(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_timewait_sock *tw = kzalloc(sizeof(*tw));

	tcp_set_state(sk, TCP_TIME_WAIT);
	if (tw) {
		tw->loc_addr = inet->inet_rcv_saddr ? inet->inet_rcv_saddr :
			       inet->inet_saddr;
		tw->rmt_addr = inet->inet_daddr;
		tw->loc_port = inet->inet_sport;
		tw->rmt_port = inet->inet_dport;
		tw->snd_nxt = tp->snd_nxt;
		tw->rcv_nxt = tp->rcv_nxt;
		tw->tw_substate = TCP_TIME_WAIT;
		tw->tw_rcv_saddr = inet->inet_rcv_saddr;
		tw->tw_bound_dev_if = sk->sk_bound_dev_if;
		tw->tw_reuse = sk->sk_reuse;
		tw->tw_tstamp_ok = tp->tstamp_ok;
		tw->tw_ts_recent = tp->ts_recent;
		tw->tw_ts_recent_stamp = tp->ts_recent_stamp;
		tw->tw_rcv_wnd = tcp_receive_window(tp);
		tw->tw_rcv_wscale = tp->rcv_wscale;
		INIT_HLIST_NODE(&tw->node);
		INIT_HLIST_NODE(&tw->tw_bind_node);
		inet_twsk_bind_hash(tw, sk);
		timer_setup(&tw->tw_timer, tw_timer_handler, 0);
		/* Unhash the socket first: the 4-tuple moves to the tw. */
		inet_unhash(sk);
		inet_twsk_hash(tw);
		tw_count++;
		mod_timer(&tw->tw_timer, jiffies + TCP_TIMEWAIT_LEN);
	}
	tcp_done(sk);
}

/* RFC 9293 3.10.7.4 in TIME-WAIT: a retransmitted FIN is ACKed again
 * and restarts the 2*MSL wait; a RST ends it early (Linux's default,
 * tcp_rfc1337=0); a new SYN ends it so the new connection can start,
 * if it cannot be an old duplicate: its sequence number is above what
 * we received (RFC 1122 4.2.2.13) or its timestamp newer (RFC 6191).
 * Our ISN for it then starts past the old connection's (as Linux).
 * Owns pkb. */
void tcp_timewait_state_process(struct tcp_timewait_sock *tw,
				struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_out o = {
		.saddr = tw->loc_addr, .daddr = tw->rmt_addr,
		.sport = tw->loc_port, .dport = tw->rmt_port,
		.seq = tw->snd_nxt, .ack = tw->rcv_nxt, .flags = TCPHDR_ACK,
	};
	struct tcp_options_received opt;
	u8 fl = cb->tcp_flags;

	o.window = (u16)MIN(tw->tw_rcv_wnd >> tw->tw_rcv_wscale, 65535u);
	opt.saw_tstamp = 0;
	if (tw->tw_tstamp_ok) {
		tcp_parse_options(tcp_hdr(pkb), &opt);
		o.ts = 1;
		o.tsval = tcp_time_stamp();
		o.tsecr = tw->tw_ts_recent;
	}
	if (fl & TCPHDR_RST) {
		if (cb->seq == tw->rcv_nxt)
			inet_twsk_kill(tw);
		goto drop;
	}
	/* PAWS (RFC 7323 5.3, Linux tcp_timewait_state_process): an old
	 * duplicate is answered with an ACK and otherwise ignored. */
	if (opt.saw_tstamp &&
	    tcp_paws_old(opt.rcv_tsval, tw->tw_ts_recent, tw->tw_ts_recent_stamp)) {
		TCPEXT_INC_STATS(PAWSESTAB);
		goto ack_limited;
	}
	if ((fl & TCPHDR_FIN) && cb->end_seq == tw->rcv_nxt) {
		if (opt.saw_tstamp) {
			tw->tw_ts_recent = opt.rcv_tsval;
			tw->tw_ts_recent_stamp = (u32)jiffies;
			o.tsecr = opt.rcv_tsval;
		}
		tcp_v4_xmit(&o, NULL, 0);
		mod_timer(&tw->tw_timer, jiffies + TCP_TIMEWAIT_LEN);
		goto drop;
	}
	if ((fl & TCPHDR_SYN) && !(fl & TCPHDR_ACK) &&
	    (after(cb->seq, tw->rcv_nxt) ||
	     (opt.saw_tstamp && (s32)(tw->tw_ts_recent - opt.rcv_tsval) < 0))) {
		cb->tw_isn = tw->snd_nxt + 65535 + 2;
		if (!cb->tw_isn)
			cb->tw_isn = 1;
		inet_twsk_kill(tw);
		tcp_v4_rcv_again(pkb);
		return;
	}
	/* Anything else outside what we acknowledged gets our ACK. */
	if (cb->seq == tw->rcv_nxt && cb->end_seq == cb->seq)
		goto drop;
ack_limited:
	if (!tcp_oow_rate_limited(pkb, TCPEXT_TCPACKSKIPPEDTIMEWAIT,
				  &tw->tw_last_oow_ack_time,
				  &tw->tw_oow_ack_sent))
		tcp_v4_xmit(&o, NULL, 0);
drop:
	pkb_free(pkb);
}
