/* TCP timers (Linux net/ipv4/tcp_timer.c).
 *
 *   retransmit_timer: ICSK_TIME_RETRANS -> tcp_retransmit_timer (RFC 6298
 *     5.4-5.7: retransmit the earliest unacknowledged segment, double the
 *     RTO, give up after TCP_RETRIES2 / TCP_SYN_RETRIES tries);
 *     ICSK_TIME_PROBE0 -> tcp_probe_timer (zero window, RFC 9293 3.8.6.1)
 *   keepalive_timer: an orphaned FIN_WAIT2 ends after TCP_FIN_TIMEOUT,
 *     as Linux's tcp_keepalive_timer does; SO_KEEPALIVE probes.
 * Request socks and TIME_WAIT have their own timers (tcp_minisocks.c).
 */
#include <net/tcp.h>
#include <net/snmp.h>

u32 tcp_current_rto(const struct tcp_sock *tp)
{
	u64 rto = (u64)tp->rto << tp->backoff;

	return rto > TCP_RTO_MAX ? TCP_RTO_MAX : (u32)rto;
}

/* TCP_USER_TIMEOUT (RFC 5482, Linux retransmits_timed_out): during a
 * run of timeouts, data first sent user_timeout ms ago still
 * unacknowledged ends the connection. */
static bool tcp_user_timeout_expired(const struct tcp_sock *tp)
{
	return tp->user_timeout && tp->retransmits &&
	       (u32)jiffies - tp->rto_stamp >= tp->user_timeout;
}

/* The next timeout, but not past the user timeout (Linux
 * tcp_clamp_rto_to_user_timeout), so the connection fails on time. */
static u32 tcp_timeout_clamped(const struct tcp_sock *tp)
{
	u32 rto = tcp_current_rto(tp), used;

	if (!tp->user_timeout || !tp->retransmits)
		return rto;
	used = (u32)jiffies - tp->rto_stamp;
	if (used >= tp->user_timeout)
		return 1;
	return MIN(rto, tp->user_timeout - used);
}

/* Arm (or stop) the RTO for the oldest outstanding segment (RFC 6298
 * 5.1-5.3: restart on every ACK of new data, stop when all is acked). */
void tcp_rearm_rto(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->snd_una == tp->snd_nxt) {
		if (tp->icsk_pending == ICSK_TIME_RETRANS) {
			del_timer(&tp->retransmit_timer);
			tp->icsk_pending = ICSK_TIME_NONE;
		}
		return;
	}
	tp->icsk_pending = ICSK_TIME_RETRANS;
	mod_timer(&tp->retransmit_timer, jiffies + tcp_timeout_clamped(tp));
}

void tcp_reset_probe0(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->icsk_pending == ICSK_TIME_PROBE0 &&
	    timer_pending(&tp->retransmit_timer))
		return;
	tp->icsk_pending = ICSK_TIME_PROBE0;
	mod_timer(&tp->retransmit_timer, jiffies + tcp_current_rto(tp));
}

static void tcp_write_err(struct sock *sk)
{
	sk->sk_err = sk->sk_err_soft ? sk->sk_err_soft : ETIMEDOUT;
	sk->sk_error_report(sk);
	TCPEXT_INC_STATS(TCPABORTONTIMEOUT);
	tcp_done(sk);
}

static void tcp_retransmit_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int limit = sk->sk_state == TCP_SYN_SENT && tp->syn_retries ?
		    tp->syn_retries :
		    (sk->sk_state == TCP_SYN_SENT ||
		     sk->sk_state == TCP_SYN_RECV) ? TCP_SYN_RETRIES :
		    TCP_RETRIES2;
	u32 flight = tp->snd_nxt - tp->snd_una;
	struct pkbuf *pkb;

	if (tp->snd_una == tp->snd_nxt)
		return;
	if (!tp->retransmits) {
		pkb = pkb_peek(&tp->write_queue);
		tp->rto_stamp = pkb ? TCP_SKB_CB(pkb)->when : (u32)jiffies;
	}
	if (tp->retransmits >= limit || tcp_user_timeout_expired(tp)) {
		tcp_write_err(sk);
		return;
	}
	TCPEXT_INC_STATS(TCPTIMEOUTS);
	if (tp->in_recovery)
		tcp_ext_mib[tp->sack_ok ? TCPEXT_TCPSACKRECOVERYFAIL :
			    TCPEXT_TCPRENORECOVERYFAIL]++;
	/* RFC 5681 3.1: after a timeout, one segment and slow start. */
	tp->snd_ssthresh = MAX(flight / 2, 2u * tp->mss_cache);
	tp->snd_cwnd = tp->mss_cache;
	tp->dupacks = 0;
	/* RFC 6582 3.2 step 1: duplicates of what is outstanding now must
	 * not start a fast retransmit later. */
	tp->in_recovery = 0;
	tp->high_seq = tp->snd_nxt;
	tp->undo_marker = tp->snd_una;
	/* SACK marks stay (as Linux keeps them), unless the segment at
	 * snd_una is SACKed: the peer has then dropped data it SACKed
	 * (reneging, RFC 2018 8; Linux tcp_check_sack_reneging) and no
	 * mark can be trusted. */
	pkb = pkb_peek(&tp->write_queue);
	if (pkb && pkb != tp->send_head &&
	    (TCP_SKB_CB(pkb)->sacked & TCPCB_SACKED_ACKED)) {
		TCPEXT_INC_STATS(TCPSACKRENEGING);
		list_for_each_entry(pkb, &tp->write_queue.list, list) {
			if (pkb == tp->send_head)
				break;
			TCP_SKB_CB(pkb)->sacked &= (u8)~TCPCB_SACKED_ACKED;
		}
		tp->sacked_out = 0;
	}
	/* Go back N: everything sent and not SACKed is presumed lost; the
	 * first goes now, the rest as ACKs open the congestion window. A
	 * retransmission may be lost again: marks of this recovery go. */
	list_for_each_entry(pkb, &tp->write_queue.list, list) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (pkb == tp->send_head)
			break;
		cb->sacked &= (u8)~TCPCB_SACKED_RETRANS;
		if (!(cb->sacked & (TCPCB_LOST | TCPCB_SACKED_ACKED))) {
			cb->sacked |= TCPCB_LOST;
			tp->lost_out += cb->end_seq - cb->seq;
		}
	}
	tp->retransmits++;
	if (tp->backoff < 16)
		tp->backoff++;          /* RFC 6298 5.5 */
	tcp_write_xmit(sk);
	tcp_rearm_rto(sk);
}

static void tcp_probe_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->send_head || tp->snd_una != tp->snd_nxt) {
		tp->icsk_pending = ICSK_TIME_NONE;
		return;
	}
	/* Data the window takes but TCP_CORK or MSG_MORE held: it goes
	 * now (Linux tcp_write_wakeup, the cork's 200 ms ceiling). */
	if (!after(TCP_SKB_CB(tp->send_head)->seq + 1, tp->snd_una + tp->snd_wnd)) {
		int sent;

		tp->icsk_pending = ICSK_TIME_NONE;
		tp->push_held = 1;
		sent = tcp_write_xmit(sk);
		tp->push_held = 0;
		if (sent)
			return;
	}
	if (!tp->retransmits)
		tp->rto_stamp = (u32)jiffies;
	if (tp->retransmits >= TCP_RETRIES2 || tcp_user_timeout_expired(tp)) {
		tcp_write_err(sk);
		return;
	}
	tcp_send_probe0(sk);
	tp->retransmits++;
	if (tp->backoff < 16)
		tp->backoff++;
	tp->icsk_pending = ICSK_TIME_PROBE0;
	mod_timer(&tp->retransmit_timer, jiffies + tcp_timeout_clamped(tp));
}

static void tcp_write_timer(struct timer_list *t)
{
	struct tcp_sock *tp = from_timer(tp, t, retransmit_timer);
	struct sock *sk = &tp->inet.sk;
	u8 what = tp->icsk_pending;

	tp->icsk_pending = ICSK_TIME_NONE;
	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN)
		return;
	if (what == ICSK_TIME_RETRANS)
		tcp_retransmit_timer(sk);
	else if (what == ICSK_TIME_PROBE0)
		tcp_probe_timer(sk);
}

/* Linux tcp_keepalive_timer: the orphaned FIN_WAIT2 timeout, and
 * keepalive (RFC 1122 4.2.3.6). After keepalive_time without hearing
 * from the peer (and with nothing of ours in flight, which has its own
 * timer), a probe -- an ACK at snd_una - 1 with no data, which the peer
 * must answer -- goes every keepalive_intvl; keepalive_probes unanswered
 * probes end the connection with ETIMEDOUT (and a RST, as Linux). Any
 * acceptable ACK resets probes_out and rcv_tstamp (tcp_input.c). */
static void tcp_keepalive_timer(struct timer_list *t)
{
	struct tcp_sock *tp = from_timer(tp, t, keepalive_timer);
	struct sock *sk = &tp->inet.sk;
	u32 elapsed, when;

	if (sk->sk_state == TCP_FIN_WAIT2 && sk->sk_dead) {
		tcp_send_active_reset(sk);
		tcp_done(sk);
		return;
	}
	if (!sk->sk_keepalive || sk->sk_state == TCP_CLOSE ||
	    sk->sk_state == TCP_LISTEN || sk->sk_state == TCP_SYN_SENT)
		return;
	when = keepalive_time_when(tp);
	if (tp->snd_una != tp->snd_nxt || tp->send_head) {
		/* alive without keepalive: the RTO or probe0 watches it */
		mod_timer(&tp->keepalive_timer, jiffies + when);
		return;
	}
	elapsed = (u32)jiffies - tp->rcv_tstamp;
	if (elapsed >= when) {
		if (tp->probes_out >= keepalive_probes(tp)) {
			tcp_send_active_reset(sk);
			sock_hold(sk);
			tcp_write_err(sk);
			sock_put(sk);
			return;
		}
		tcp_send_probe0(sk);
		TCPEXT_INC_STATS(TCPKEEPALIVE);
		tp->probes_out++;
		mod_timer(&tp->keepalive_timer,
			  jiffies + keepalive_intvl_when(tp));
		return;
	}
	mod_timer(&tp->keepalive_timer, jiffies + (when - elapsed));
}

static void tcp_delack_timer(struct timer_list *t)
{
	struct tcp_sock *tp = from_timer(tp, t, delack_timer);

	tcp_send_delayed_ack(&tp->inet.sk);
}

void tcp_init_xmit_timers(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	timer_setup(&tp->delack_timer, tcp_delack_timer, 0);
	timer_setup(&tp->retransmit_timer, tcp_write_timer, 0);
	timer_setup(&tp->keepalive_timer, tcp_keepalive_timer, 0);
}

void tcp_clear_xmit_timers(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	del_timer(&tp->retransmit_timer);
	del_timer(&tp->keepalive_timer);
	tp->icsk_pending = ICSK_TIME_NONE;
	del_timer(&tp->delack_timer);
	tp->ack_pending = 0;
}
