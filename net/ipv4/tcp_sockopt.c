/* SOL_TCP socket options (Linux do_tcp_setsockopt / do_tcp_getsockopt
 * and tcp_get_info in net/ipv4/tcp.c), with Linux's ranges and errors:
 *
 *   TCP_KEEPIDLE/KEEPINTVL/KEEPCNT  keepalive timing (defaults 7200 s,
 *                                   75 s, 9; out of range is EINVAL)
 *   TCP_MAXSEG                      clamp the MSS we announce and use
 *   TCP_INFO                        struct tcp_info (Linux layout)
 *   TCP_NODELAY, TCP_CORK           Nagle off / hold partial segments
 *                                   (tcp_output.c); either change pushes
 *                                   what was held
 *   TCP_QUICKACK                    1: ACK the next segments at once;
 *                                   0: back to delayed ACKs
 *   TCP_SYNCNT                      SYN retransmissions before giving up
 *                                   (1..127, default 6)
 *   TCP_LINGER2                     an orphan's FIN_WAIT2 time in s (0:
 *                                   60 s, at most 120 s; < 0: a RST
 *                                   instead of waiting)
 *   TCP_USER_TIMEOUT                ms data may stay unacknowledged
 *                                   through timeouts before the
 *                                   connection fails with ETIMEDOUT
 *   TCP_CONGESTION                  "reno" (NewReno + SACK), the only
 *                                   one; others are ENOENT
 *   anything else                   ENOPROTOOPT
 *
 * optval is a kernel copy of the user's bytes, optlen its length; an
 * option shorter than an int is EINVAL. Other levels go to IP, as Linux's
 * icsk_af_ops do.
 */
#include <net/tcp.h>
#include <uapi/tcp.h>
#include <lib/string.h>

u32 keepalive_time_when(const struct tcp_sock *tp)
{
	return tp->keepalive_time ? tp->keepalive_time : TCP_KEEPALIVE_TIME;
}

u32 keepalive_intvl_when(const struct tcp_sock *tp)
{
	return tp->keepalive_intvl ? tp->keepalive_intvl : TCP_KEEPALIVE_INTVL;
}

int keepalive_probes(const struct tcp_sock *tp)
{
	return tp->keepalive_probes ? tp->keepalive_probes :
	       TCP_KEEPALIVE_PROBES;
}

/* How long an orphan waits in FIN_WAIT2 (Linux tcp_fin_time): never
 * less than 3.5 RTOs, so the peer's FIN has a chance to arrive. */
u32 tcp_fin_time(const struct tcp_sock *tp)
{
	u32 t = tp->linger2 > 0 ? (u32)tp->linger2 : TCP_FIN_TIMEOUT;
	u32 rto = tcp_current_rto(tp);

	return MAX(t, (rto << 2) - (rto >> 1));
}

/* An MSS no larger than what the user asked for (Linux tcp_mss_clamp). */
u16 tcp_mss_clamp(const struct tcp_sock *tp, u16 mss)
{
	if (tp->user_mss && tp->user_mss < mss)
		return tp->user_mss;
	return mss;
}

static bool tcp_keepalive_armable(const struct sock *sk)
{
	return sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN;
}

/* SO_KEEPALIVE on a live connection starts or stops the timer (Linux
 * tcp_set_keepalive); a new connection arms it when established. */
void tcp_set_keepalive(struct sock *sk, int val)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tcp_keepalive_armable(sk) || sk->sk_state == TCP_SYN_SENT)
		return;
	if (val && !sk->sk_keepalive)
		mod_timer(&tp->keepalive_timer,
			  jiffies + keepalive_time_when(tp));
	else if (!val)
		del_timer(&tp->keepalive_timer);
}

/* A new idle time counts from the last thing heard (Linux
 * tcp_sock_set_keepidle_locked). */
static void tcp_keepidle_changed(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 elapsed, when = keepalive_time_when(tp);

	if (!sk->sk_keepalive || !tcp_keepalive_armable(sk) ||
	    sk->sk_state == TCP_SYN_SENT)
		return;
	elapsed = (u32)jiffies - tp->rcv_tstamp;
	mod_timer(&tp->keepalive_timer,
		  jiffies + (when > elapsed ? when - elapsed : 0));
}

/* Send what Nagle or the cork held back (Linux tcp_push_pending_frames). */
static void tcp_push_pending_frames(struct sock *sk)
{
	if (tcp_sk(sk)->send_head && sk->sk_state != TCP_CLOSE &&
	    sk->sk_state != TCP_LISTEN && sk->sk_state != TCP_SYN_SENT)
		tcp_write_xmit(sk);
}

static int do_tcp_setsockopt(struct sock *sk, int optname, int val)
{
	struct tcp_sock *tp = tcp_sk(sk);

	switch (optname) {
	case TCP_NODELAY:
		tp->nodelay = val != 0;
		if (tp->nodelay)
			tcp_push_pending_frames(sk);
		return 0;
	case TCP_CORK:
		tp->cork = val != 0;
		if (!tp->cork)
			tcp_push_pending_frames(sk);
		return 0;
	case TCP_MAXSEG:
		/* 0 removes the clamp; otherwise 88..32767 (Linux). */
		if (val && (val < (int)TCP_MSS_MIN || val > (int)TCP_MAX_USER_MSS))
			return -EINVAL;
		tp->user_mss = (u16)val;
		return 0;
	case TCP_KEEPIDLE:
		if (val < 1 || val > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		tp->keepalive_time = (u32)val * 1000;
		tcp_keepidle_changed(sk);
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > MAX_TCP_KEEPINTVL)
			return -EINVAL;
		tp->keepalive_intvl = (u32)val * 1000;
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > MAX_TCP_KEEPCNT)
			return -EINVAL;
		tp->keepalive_probes = (u8)val;
		return 0;
	case TCP_QUICKACK:
		/* Linux: 1 ACKs the next segments at once, 0 leaves that
		 * mode; it reads back as set (1 unless set to 0). */
		tp->quickack_opt = val != 0;
		tp->quickack = val ? TCP_QUICKACKS : 0;
		return 0;
	case TCP_SYNCNT:
		if (val < 1 || val > MAX_TCP_SYNCNT)
			return -EINVAL;
		tp->syn_retries = (u8)val;
		return 0;
	case TCP_LINGER2:
		if (val < 0)
			tp->linger2 = -1;
		else if ((u32)val > TCP_FIN_TIMEOUT_MAX / 1000)
			tp->linger2 = (int)TCP_FIN_TIMEOUT_MAX;
		else
			tp->linger2 = val * 1000;
		return 0;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			return -EINVAL;
		tp->user_timeout = (u32)val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int tcp_setsockopt(struct sock *sk, int level, int optname,
		   const void *optval, unsigned int optlen)
{
	int val, err;

	if (level != IPPROTO_TCP)
		return -ENOPROTOOPT;    /* Linux ip_setsockopt: not SOL_IP */
	if (optname == TCP_CONGESTION) {
		/* A name, not an int; ours is the only one (Linux: ENOENT
		 * for a congestion control it cannot load). */
		char name[TCP_CA_NAME_MAX];
		size_t n = MIN((size_t)optlen, sizeof(name) - 1);

		memcpy(name, optval, n);
		name[n] = 0;
		return strcmp(name, "reno") ? -ENOENT : 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	/* Timers and the transmit path are shared with softirq context. */
	local_bh_disable();
	err = do_tcp_setsockopt(sk, optname, val);
	local_bh_enable();
	return err;
}

static u32 tcp_segs(const struct tcp_sock *tp, u32 bytes)
{
	return bytes / (tp->mss_cache ? tp->mss_cache : 1);
}

/* Linux tcp_get_info: what we know, in Linux's units (times in
 * microseconds, windows in segments). */
static void tcp_get_info(const struct sock *sk, struct tcp_info *info)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct pkbuf *pkb;

	memset(info, 0, sizeof(*info));
	info->tcpi_state = sk->sk_state;
	if (sk->sk_state == TCP_LISTEN) {
		/* Linux: accept queue length and the backlog. */
		info->tcpi_unacked = (u32)tp->acceptq_len;
		info->tcpi_sacked = (u32)tp->max_ack_backlog;
		return;
	}
	/* Linux TCPI_OPT_TIMESTAMPS 1, TCPI_OPT_SACK 2, TCPI_OPT_WSCALE 4 */
	info->tcpi_options = (u8)((tp->tstamp_ok ? 1 : 0) | (tp->sack_ok ? 2 : 0) |
				  (tp->wscale_ok ? 4 : 0));
	if (tp->wscale_ok) {
		info->tcpi_snd_wscale = tp->snd_wscale & 0xf;
		info->tcpi_rcv_wscale = tp->rcv_wscale & 0xf;
	}
	info->tcpi_retransmits = tp->retransmits;
	info->tcpi_probes = tp->probes_out;
	info->tcpi_backoff = tp->backoff;
	info->tcpi_rto = tcp_current_rto(tp) * 1000;
	info->tcpi_ato = 0;
	info->tcpi_snd_mss = tp->mss_cache;
	info->tcpi_rcv_mss = MIN(tp->advmss, tp->mss_cache);
	list_for_each_entry(pkb, &tp->write_queue.list, list) {
		const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (pkb == tp->send_head)
			break;
		info->tcpi_unacked++;
		if (cb->sacked & TCPCB_LOST)
			info->tcpi_lost++;
		if (cb->sacked & TCPCB_SACKED_ACKED)
			info->tcpi_sacked++;
		if (cb->sacked & TCPCB_RETRANS)
			info->tcpi_retrans++;
	}
	info->tcpi_last_ack_recv = (u32)jiffies - tp->rcv_tstamp;
	info->tcpi_pmtu = tp->pmtu_mss ? tp->pmtu_mss + 40u : tp->advmss + 40u;
	info->tcpi_rcv_ssthresh = tp->rcv_wnd;
	info->tcpi_rtt = tp->srtt_us;
	info->tcpi_rttvar = tp->rttvar_us;
	info->tcpi_snd_ssthresh = tp->snd_ssthresh >= 0x7fffffff ?
				  0x7fffffff : tcp_segs(tp, tp->snd_ssthresh);
	info->tcpi_snd_cwnd = tcp_segs(tp, tp->snd_cwnd);
	info->tcpi_advmss = tp->advmss;
	info->tcpi_reordering = 3;
	info->tcpi_rcv_space = tp->rcv_wnd;
	info->tcpi_total_retrans = tp->total_retrans;
	info->tcpi_notsent_bytes = tp->write_seq - tp->snd_nxt;
	info->tcpi_snd_wnd = tp->snd_wnd;
}

int tcp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val, len;

	if (level != IPPROTO_TCP)
		return -EOPNOTSUPP;     /* Linux ip_getsockopt: not SOL_IP */
	if (*optlen < 0)
		return -EINVAL;

	switch (optname) {
	case TCP_MAXSEG:
		val = tp->mss_cache;
		if (tp->user_mss &&
		    (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN))
			val = tp->user_mss;
		break;
	case TCP_KEEPIDLE:
		val = (int)(keepalive_time_when(tp) / 1000);
		break;
	case TCP_KEEPINTVL:
		val = (int)(keepalive_intvl_when(tp) / 1000);
		break;
	case TCP_KEEPCNT:
		val = keepalive_probes(tp);
		break;
	case TCP_NODELAY:
		val = tp->nodelay;
		break;
	case TCP_CORK:
		val = tp->cork;
		break;
	case TCP_QUICKACK:
		val = tp->quickack_opt;
		break;
	case TCP_SYNCNT:
		val = tp->syn_retries ? tp->syn_retries : TCP_SYN_RETRIES;
		break;
	case TCP_LINGER2:
		val = tp->linger2 < 0 ? -1 :
		      (int)((tp->linger2 ? (u32)tp->linger2 : TCP_FIN_TIMEOUT) / 1000);
		break;
	case TCP_USER_TIMEOUT:
		val = (int)tp->user_timeout;
		break;
	case TCP_CONGESTION: {
		char name[TCP_CA_NAME_MAX] = "reno";

		len = MIN(*optlen, (int)sizeof(name));
		memcpy(optval, name, (size_t)len);
		*optlen = len;
		return 0;
	}
	case TCP_INFO: {
		struct tcp_info info;

		tcp_get_info(sk, &info);
		len = MIN(*optlen, (int)sizeof(info));
		memcpy(optval, &info, (size_t)len);
		*optlen = len;
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
	len = MIN(*optlen, (int)sizeof(int));
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}
