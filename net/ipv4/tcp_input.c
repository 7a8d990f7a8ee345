/* TCP input for a socket (Linux net/ipv4/tcp_input.c), in RFC 9293
 * 3.10.7 order:
 *
 *   tcp_v4_do_rcv -> tcp_rcv_state_process
 *     LISTEN    -> tcp_conn_request (tcp_minisocks.c)
 *     SYN_SENT  -> tcp_rcv_synsent_state_process -> tcp_finish_connect
 *     otherwise: 1 sequence check, 2 RST, 3 SYN, 4 ACK (tcp_ack),
 *                5 data (tcp_data_queue, out of order queue), 6 FIN (tcp_fin)
 *
 * pkb->data is at the payload; the header is at the transport header and
 * TCP_SKB_CB holds seq/end_seq/ack/flags, all validated by tcp_v4_rcv.
 */
#include <net/tcp.h>
#include <net/snmp.h>

/* The window we offered and the peer may still fill. */
u32 tcp_receive_window(const struct tcp_sock *tp)
{
	s32 win = (s32)(tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt);

	return win < 0 ? 0 : (u32)win;
}

/* RFC 9293 3.10.7.4, the four cases of segment acceptability. */
bool tcp_sequence_ok(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	u32 wnd = tcp_receive_window(tp), len = end_seq - seq;
	u32 rn = tp->rcv_nxt;

	if (len == 0) {
		if (wnd == 0)
			return seq == rn;
		return !before(seq, rn) && before(seq, rn + wnd);
	}
	if (wnd == 0)
		return false;
	return (!before(seq, rn) && before(seq, rn + wnd)) ||
	       (!before(end_seq - 1, rn) && before(end_seq - 1, rn + wnd));
}

/* Options we understand; anything malformed ends the walk (the rest of
 * the segment is still fine, as Linux treats it). */
void tcp_parse_options(const struct tcphdr *th,
		       struct tcp_options_received *opt)
{
	const u8 *p = (const u8 *)(th + 1);
	int left = (int)tcp_hdrlen(th) - (int)sizeof(*th);

	memset(opt, 0, sizeof(*opt));
	while (left > 0) {
		u8 kind = p[0], len;

		if (kind == TCPOPT_EOL)
			return;
		if (kind == TCPOPT_NOP) {
			p++;
			left--;
			continue;
		}
		if (left < 2)
			return;
		len = p[1];
		if (len < 2 || len > left)
			return;
		switch (kind) {
		case TCPOPT_MSS:
			if (len == 4 && (th->flags & TCPHDR_SYN)) {
				u16 mss = (u16)(p[2] << 8 | p[3]);

				opt->mss_clamp = mss;
			}
			break;
		case TCPOPT_WINDOW:
			/* Only a SYN's counts (RFC 7323 2.2); RFC 7323 2.3:
			 * a shift over 14 is taken as 14. */
			if (len == 3 && (th->flags & TCPHDR_SYN)) {
				opt->wscale_ok = 1;
				opt->snd_wscale = (u8)MIN((u32)p[2],
							  TCP_MAX_WSCALE);
			}
			break;
		case TCPOPT_SACK_PERM:
			if (len == 2 && (th->flags & TCPHDR_SYN))
				opt->sack_ok = 1;
			break;
		case TCPOPT_SACK:
			/* RFC 2018 3: 2 + 8n bytes, n >= 1 (at most 4 fit
			 * in 40 bytes of options). Edges are checked by
			 * tcp_sacktag_write_queue, not here. */
			if (len >= 10 && (len - 2) % 8 == 0 &&
			    !(th->flags & TCPHDR_SYN)) {
				unsigned int n = MIN((unsigned int)(len - 2) / 8,
						     TCP_NUM_SACKS);

				for (unsigned int i = 0; i < n; i++) {
					const u8 *b = p + 2 + 8 * i;

					opt->sacks[i].start_seq =
						(u32)b[0] << 24 | (u32)b[1] << 16 |
						(u32)b[2] << 8 | b[3];
					opt->sacks[i].end_seq =
						(u32)b[4] << 24 | (u32)b[5] << 16 |
						(u32)b[6] << 8 | b[7];
				}
				opt->num_sacks = (u8)n;
			}
			break;
		case TCPOPT_TIMESTAMP:
			if (len == 10) {
				opt->saw_tstamp = 1;
				opt->rcv_tsval = (u32)p[2] << 24 |
						 (u32)p[3] << 16 |
						 (u32)p[4] << 8 | p[5];
				opt->rcv_tsecr = (u32)p[6] << 24 |
						 (u32)p[7] << 16 |
						 (u32)p[8] << 8 | p[9];
			}
			break;
		}
		p += len;
		left -= len;
	}
}

/* Once timestamps are on nearly every segment has exactly NOP NOP TS:
 * read that without the walk (Linux tcp_fast_parse_options). Only the
 * timestamp fields of opt are meaningful afterwards. */
static void tcp_fast_parse_options(const struct tcphdr *th,
				   struct tcp_options_received *opt)
{
	const u8 *p = (const u8 *)(th + 1);
	unsigned int hl = tcp_hdrlen(th);

	opt->saw_tstamp = 0;
	opt->num_sacks = 0;
	if (hl == sizeof(*th))
		return;
	if (hl == sizeof(*th) + TCP_TS_LEN && p[0] == TCPOPT_NOP &&
	    p[1] == TCPOPT_NOP && p[2] == TCPOPT_TIMESTAMP && p[3] == 10) {
		opt->saw_tstamp = 1;
		opt->rcv_tsval = (u32)p[4] << 24 | (u32)p[5] << 16 |
				 (u32)p[6] << 8 | p[7];
		opt->rcv_tsecr = (u32)p[8] << 24 | (u32)p[9] << 16 |
				 (u32)p[10] << 8 | p[11];
		return;
	}
	tcp_parse_options(th, opt);
}

static bool tcp_paws_reject(const struct tcp_sock *tp,
			    const struct tcp_options_received *opt)
{
	return tcp_paws_old(opt->rcv_tsval, tp->ts_recent, tp->ts_recent_stamp);
}

/* RFC 7323 4.3 (2): remember the TSval to echo of a segment that covers
 * the last ACK we sent (Linux tcp_replace_ts_recent). With delayed ACKs
 * this echoes the earliest unacknowledged segment's clock. */
static void tcp_replace_ts_recent(struct tcp_sock *tp,
				  const struct tcp_options_received *opt,
				  u32 seq)
{
	if (opt->saw_tstamp && !after(seq, tp->rcv_wup) &&
	    !tcp_paws_reject(tp, opt)) {
		tp->ts_recent = opt->rcv_tsval;
		tp->ts_recent_stamp = (u32)jiffies;
	}
}

/* ---- receiver SACK blocks (RFC 2018 4; Linux tcp_sack_new_ofo_skb) ---- */

void tcp_sack_reset(struct tcp_sock *tp)
{
	tp->num_sacks = 0;
	tp->dsack = 0;
}

/* New out-of-order data [seq, end): its block goes first, merged with
 * every block it touches; the rest keep their (recency) order and the
 * oldest falls off when all are in use. Blocks never touch each other,
 * so one pass merges everything. */
static void tcp_sack_new_ofo(struct tcp_sock *tp, u32 seq, u32 end)
{
	struct tcp_sack_block *sp = tp->selective_acks;
	struct tcp_sack_block cur = { seq, end }, keep[TCP_NUM_SACKS];
	unsigned int i, n = 0;

	if (!tp->sack_ok)
		return;
	for (i = 0; i < tp->num_sacks; i++) {
		if (!after(sp[i].start_seq, cur.end_seq) &&
		    !after(cur.start_seq, sp[i].end_seq)) {
			if (before(sp[i].start_seq, cur.start_seq))
				cur.start_seq = sp[i].start_seq;
			if (after(sp[i].end_seq, cur.end_seq))
				cur.end_seq = sp[i].end_seq;
		} else if (n < TCP_NUM_SACKS - 1) {
			keep[n++] = sp[i];
		}
	}
	sp[0] = cur;
	for (i = 0; i < n; i++)
		sp[i + 1] = keep[i];
	tp->num_sacks = (u8)(n + 1);
}

/* ---- D-SACK (RFC 2883; Linux tcp_dsack_set/tcp_dsack_extend) ---- */

int sysctl_tcp_dsack = 1;                       /* Linux's default */

/* [seq, end) arrived again: the next ACK's first SACK block says so,
 * which lets the sender tell a spurious retransmission (or a duplicating
 * path) from a loss. */
static void tcp_dsack_set(struct tcp_sock *tp, u32 seq, u32 end)
{
	if (!tp->sack_ok || !sysctl_tcp_dsack || !before(seq, end))
		return;
	tcp_ext_mib[before(seq, tp->rcv_nxt) ? TCPEXT_TCPDSACKOLDSENT :
		    TCPEXT_TCPDSACKOFOSENT]++;
	tp->dsack = 1;
	tp->duplicate_sack.start_seq = seq;
	tp->duplicate_sack.end_seq = end;
}

/* More of the same duplicate: grow the block if it touches, else keep
 * the first one (a D-SACK is one contiguous block). */
static void tcp_dsack_extend(struct tcp_sock *tp, u32 seq, u32 end)
{
	struct tcp_sack_block *d = &tp->duplicate_sack;

	if (!tp->dsack) {
		tcp_dsack_set(tp, seq, end);
		return;
	}
	if (after(seq, d->end_seq) || before(end, d->start_seq))
		return;
	if (before(seq, d->start_seq))
		d->start_seq = seq;
	if (after(end, d->end_seq))
		d->end_seq = end;
}

/* An unacceptable segment is answered with an ACK; the part of it we
 * already had is D-SACKed (Linux tcp_send_dupack). */
static void tcp_dsack_old(struct tcp_sock *tp, const struct tcp_skb_cb *cb)
{
	if (cb->end_seq != cb->seq && before(cb->seq, tp->rcv_nxt))
		tcp_dsack_set(tp, cb->seq, after(cb->end_seq, tp->rcv_nxt) ?
			      tp->rcv_nxt : cb->end_seq);
}

/* rcv_nxt moved: blocks it reached are acknowledged cumulatively. */
static void tcp_sack_remove(struct tcp_sock *tp)
{
	struct tcp_sack_block *sp = tp->selective_acks;
	unsigned int i = 0, j;

	if (list_empty(&tp->out_of_order_queue.list)) {
		tp->num_sacks = 0;
		return;
	}
	while (i < tp->num_sacks) {
		if (!after(sp[i].end_seq, tp->rcv_nxt)) {
			for (j = i + 1; j < tp->num_sacks; j++)
				sp[j - 1] = sp[j];
			tp->num_sacks--;
			continue;
		}
		if (before(sp[i].start_seq, tp->rcv_nxt))
			sp[i].start_seq = tp->rcv_nxt;
		i++;
	}
}

/* ---- delayed ACK (RFC 1122 4.2.3.2, RFC 5681 4.2) ---- */

static void tcp_schedule_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->ack_pending)
		return;
	tp->ack_pending = 1;
	mod_timer(&tp->delack_timer, jiffies + TCP_DELACK_MS);
}

/* Sockets owed an ACK at the end of this receive batch. Only sockets
 * that got data in this softirq run are here, never all connections. */
static LIST_HEAD(tcp_ack_defer_list);

static void tcp_defer_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->ack_deferred)
		return;
	tp->ack_deferred = 1;
	sock_hold(sk);
	list_add_tail(&tp->ack_defer_node, &tcp_ack_defer_list);
}

/* net_rx_action calls this when its batch is done: one ACK covers every
 * segment of the batch, as Linux's GRO makes one ACK per merged batch.
 * An ACK that left meanwhile (on data, or a duplicate ACK) ends the
 * debt: then rcv_wup has reached rcv_nxt. */
void tcp_flush_deferred_acks(void)
{
	while (!list_empty(&tcp_ack_defer_list)) {
		struct tcp_sock *tp = list_first_entry(&tcp_ack_defer_list,
						       struct tcp_sock,
						       ack_defer_node);
		struct sock *sk = &tp->inet.sk;

		list_del(&tp->ack_defer_node);
		INIT_LIST_HEAD(&tp->ack_defer_node);
		tp->ack_deferred = 0;
		if (tp->rcv_nxt != tp->rcv_wup)
			tcp_send_ack(sk);
		sock_put(sk);
	}
}

/* After in-order data: ACK now at the start of the connection (so the
 * peer's slow start is not slowed); once more than one full-sized
 * segment is unacknowledged (every second segment), at the end of the
 * receive batch; else within TCP_DELACK_MS (Linux __tcp_ack_snd_check). */
static void tcp_ack_snd_check(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->quickack)
		tcp_send_ack(sk);
	else if (tp->rcv_nxt - tp->rcv_wup > tp->rcv_mss)
		tcp_defer_ack(sk);
	else
		tcp_schedule_ack(sk);
}

/* RFC 6298 2.2-2.4, in microseconds of a millisecond clock. */
void tcp_rtt_estimator(struct tcp_sock *tp, u32 rtt_ms)
{
	u32 r = (rtt_ms ? rtt_ms : 1) * 1000u;
	u32 rto;

	if (!tp->srtt_us) {
		tp->srtt_us = r;
		tp->rttvar_us = r / 2;
	} else {
		u32 delta = tp->srtt_us > r ? tp->srtt_us - r : r - tp->srtt_us;

		tp->rttvar_us = tp->rttvar_us - tp->rttvar_us / 4 + delta / 4;
		tp->srtt_us = tp->srtt_us - tp->srtt_us / 8 + r / 8;
	}
	rto = (tp->srtt_us + MAX(1000u, 4 * tp->rttvar_us)) / 1000u;
	tp->rto = MIN(MAX(rto, TCP_RTO_MIN), TCP_RTO_MAX);
}

/* An error from the peer's RST (RFC 9293 3.10.7.3-4 and Linux's
 * tcp_reset): refused while connecting, EPIPE once it said FIN. */
void tcp_reset(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		sk->sk_err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		sk->sk_err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		sk->sk_err = ECONNRESET;
	}
	sk->sk_error_report(sk);
	tcp_done(sk);
}

static void tcp_check_reordering(struct tcp_sock *tp,
				 const struct tcp_skb_cb *cb);

/* Drop segments the peer acknowledged; RTT from the newest one never
 * retransmitted (Karn's algorithm). Returns bytes newly acked. */
static u32 tcp_clean_rtx_queue(struct sock *sk, u32 ack, long ts_rtt)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb;
	u32 acked = ack - tp->snd_una;
	long rtt = -1;

	while ((pkb = pkb_peek(&tp->write_queue)) != NULL &&
	       pkb != tp->send_head) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (after(cb->end_seq, ack)) {
			/* Partly acknowledged: keep only the rest. */
			u32 n = ack - cb->seq;

			if (cb->tcp_flags & TCPHDR_SYN)
				break;
			if (n && n <= pkb->len) {
				pkb_pull(pkb, n);
				if (cb->sacked & TCPCB_LOST)
					tp->lost_out -= n;
				if (cb->sacked & TCPCB_SACKED_ACKED)
					tp->sacked_out -= n;
				cb->seq = ack;
			}
			break;
		}
		if (!(cb->sacked & TCPCB_RETRANS))
			rtt = (long)((u32)jiffies - cb->when);
		if (!(cb->sacked & TCPCB_SACKED_ACKED))
			tcp_check_reordering(tp, cb);
		if (cb->sacked & TCPCB_LOST)
			tp->lost_out -= cb->end_seq - cb->seq;
		if (cb->sacked & TCPCB_SACKED_ACKED)
			tp->sacked_out -= cb->end_seq - cb->seq;
		if (tp->sack_hint == pkb)
			tp->sack_hint = NULL;
		pkb_unlink(pkb, &tp->write_queue);
		sk->sk_wmem_alloc -= (int)pkb->truesize;
		pkb_free(pkb);
	}
	/* RFC 7323 4.1 (RTTM): the echoed timestamp gives a sample even
	 * for retransmitted segments; without it, Karn's sample. */
	if (ts_rtt >= 0)
		rtt = ts_rtt;
	if (rtt >= 0)
		tcp_rtt_estimator(tp, (u32)rtt);
	return acked;
}

/* RFC 5681 3.1: slow start below ssthresh, then about one MSS per RTT. */
static void tcp_cong_avoid(struct tcp_sock *tp, u32 acked)
{
	u32 mss = tp->mss_cache;

	/* RFC 3465 (L = 2): a delayed ACK covering two segments counts
	 * for both, so the peer's ACK every second segment does not halve
	 * slow start. */
	if (tp->snd_cwnd < tp->snd_ssthresh)
		tp->snd_cwnd += MIN(acked, 2u * mss);
	else
		tp->snd_cwnd += MAX(1u, mss * mss / tp->snd_cwnd);
	if (tp->snd_cwnd > 4u << 20)
		tp->snd_cwnd = 4u << 20;
}

/* Step 5 of 3.10.7.4. Returns false when the segment must be dropped
 * (an ACK of something not yet sent; the reply ACK is already sent). */
static void tcp_send_challenge_ack(struct sock *sk, const struct pkbuf *pkb);

/* ---- sender SACK: the scoreboard (RFC 2018, RFC 6675 4) ---- */

static struct pkbuf *tcp_wq_next(const struct tcp_sock *tp,
				 const struct pkbuf *pkb)
{
	struct pkbuf *n = tcp_write_queue_next(tp, pkb);

	return n == tp->send_head ? NULL : n;   /* sent segments only */
}

static struct pkbuf *tcp_wq_head(const struct tcp_sock *tp)
{
	struct pkbuf *h = pkb_peek(&tp->write_queue);

	return h == tp->send_head ? NULL : h;
}

/* A segment never resent arrived below one SACKed before it: the path
 * reorders by that many segments (Linux tcp_check_sack_reordering).
 * DupThresh follows, so reordering is not taken for loss again. */
static void tcp_check_reordering(struct tcp_sock *tp,
				 const struct tcp_skb_cb *cb)
{
	u32 dist;

	if (!tp->sacked_out || (cb->sacked & TCPCB_RETRANS) ||
	    !before(cb->end_seq, tp->highest_sack))
		return;
	dist = (tp->highest_sack - cb->seq) / (tp->mss_cache ? tp->mss_cache : 1) + 1;
	if (dist > TCP_MAX_REORDERING)
		dist = TCP_MAX_REORDERING;
	if (dist > tp->reordering) {
		tp->reordering = (u8)dist;
		TCPEXT_INC_STATS(TCPSACKREORDER);
	}
}

/* A D-SACK (RFC 2883) for data we resent in the last recovery or after
 * the last RTO: the resend was spurious, the original was only late
 * (RFC 3708; Linux lowers tp->reordering's guess the same way from a
 * D-SACKed retransmission). The path reorders at least as far as the
 * highest SACK is above it. */
static void tcp_dsack_reordering(struct tcp_sock *tp, u32 start)
{
	u32 dist;

	if (before(start, tp->undo_marker) || !before(start, tp->high_seq) ||
	    !after(tp->highest_sack, start))
		return;
	dist = (tp->highest_sack - start + tp->mss_cache - 1) /
	       (tp->mss_cache ? tp->mss_cache : 1);
	if (dist > TCP_MAX_REORDERING)
		dist = TCP_MAX_REORDERING;
	if (dist > tp->reordering) {
		tp->reordering = (u8)dist;
		TCPEXT_INC_STATS(TCPSACKREORDER);
	}
}

static void tcp_mark_sacked(struct tcp_sock *tp, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 len = cb->end_seq - cb->seq;

	if (cb->sacked & TCPCB_SACKED_ACKED)
		return;
	tcp_check_reordering(tp, cb);
	if (!tp->sacked_out || after(cb->end_seq, tp->highest_sack))
		tp->highest_sack = cb->end_seq;
	if (cb->sacked & TCPCB_LOST)
		tp->lost_out -= len;
	cb->sacked = (u8)((cb->sacked & ~(TCPCB_LOST | TCPCB_SACKED_RETRANS)) |
			  TCPCB_SACKED_ACKED);
	tp->sacked_out += len;
}

/* The SACK blocks of an ACK (Linux tcp_sacktag_write_queue, without
 * fragmenting): check each block, then mark every sent segment that a
 * block covers whole. A block covering part of a segment marks nothing
 * (the receiver will SACK the rest, or the cumulative ACK takes it).
 *
 * Linux's tcp_is_sackblock_valid: a block must be start < end, start
 * after SND.UNA (a block at SND.UNA would have been ACKed) and end at
 * most SND.NXT. The first block is a D-SACK (RFC 2883) when it starts
 * below the ACK or lies inside the second; those are counted and
 * ignored (no undo here). Other invalid blocks count as TCPSACKDiscard,
 * except the old ones of a reordered ACK. Blocks are sorted and walked
 * in one pass from the hint (where the last block ended) or the head:
 * the work is the blocks plus the segments from there to the last
 * block, not the whole queue. Returns true if something was newly
 * SACKed. */
static bool tcp_sacktag_write_queue(struct sock *sk,
				    const struct tcp_options_received *opt,
				    u32 ack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_block sp[TCP_NUM_SACKS];
	unsigned int n = 0, i, j;
	struct pkbuf *pkb;
	u32 before_out = tp->sacked_out;

	for (i = 0; i < opt->num_sacks && i < TCP_NUM_SACKS; i++) {
		u32 start = opt->sacks[i].start_seq;
		u32 end = opt->sacks[i].end_seq;

		if (i == 0 && (before(start, ack) ||
			       (opt->num_sacks > 1 &&
				!before(start, opt->sacks[1].start_seq) &&
				!after(end, opt->sacks[1].end_seq)))) {
			TCPEXT_INC_STATS(TCPDSACKRECV);
			tcp_dsack_reordering(tp, start);
			continue;
		}
		if (!before(start, end) || after(end, tp->snd_nxt) ||
		    !after(start, tp->snd_una)) {
			if (ack != tp->snd_una && !after(end, tp->snd_una))
				continue;       /* an old, reordered ACK */
			TCPEXT_INC_STATS(TCPSACKDISCARD);
			continue;
		}
		for (j = n; j > 0 && before(start, sp[j - 1].start_seq); j--)
			sp[j] = sp[j - 1];
		sp[j].start_seq = start;
		sp[j].end_seq = end;
		n++;
	}
	if (!n)
		return false;
	pkb = tp->sack_hint;
	if (!pkb || before(sp[0].start_seq, TCP_SKB_CB(pkb)->seq))
		pkb = tcp_wq_head(tp);
	i = 0;
	while (pkb && i < n) {
		const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (!after(cb->end_seq, sp[i].start_seq)) {
			pkb = tcp_wq_next(tp, pkb);     /* before this block */
			continue;
		}
		if (after(cb->end_seq, sp[i].end_seq)) {
			/* Reaches past the block (or starts after it): the
			 * next block may cover it. */
			i++;
			continue;
		}
		if (!before(cb->seq, sp[i].start_seq))
			tcp_mark_sacked(tp, pkb);
		tp->sack_hint = pkb;
		pkb = tcp_wq_next(tp, pkb);
	}
	return tp->sacked_out != before_out;
}

/* RFC 6675 IsLost for every segment at once (Linux
 * tcp_update_scoreboard): a segment not SACKed with more than
 * (DupThresh - 1) * SMSS bytes SACKed above it is lost; mark it for
 * retransmission unless it was already resent in this recovery. The
 * bytes SACKed above only shrink going up the queue, so the walk stops
 * at the first segment that is not lost. */
static void tcp_sack_mark_lost(struct tcp_sock *tp)
{
	u32 above = tp->sacked_out;
	u32 thresh = (tp->reordering - 1u) * (u32)tp->mss_cache;
	struct pkbuf *pkb;

	for (pkb = tcp_wq_head(tp); pkb && above > thresh;
	     pkb = tcp_wq_next(tp, pkb)) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u32 len = cb->end_seq - cb->seq;

		if (cb->sacked & TCPCB_SACKED_ACKED) {
			above -= len;
			continue;
		}
		if (!(cb->sacked & (TCPCB_LOST | TCPCB_SACKED_RETRANS))) {
			cb->sacked |= TCPCB_LOST;
			tp->lost_out += len;
		}
	}
}

/* In recovery the segment at SND.UNA is presumed lost (Linux marks at
 * least the head; RFC 6582's partial-ACK rule): after a partial ACK the
 * next hole is resent even with fewer than DupThresh SACKs above it. */
static void tcp_sack_mark_head_lost(struct tcp_sock *tp)
{
	struct pkbuf *head = tcp_wq_head(tp);
	struct tcp_skb_cb *cb;

	if (!head)
		return;
	cb = TCP_SKB_CB(head);
	if (cb->sacked & (TCPCB_SACKED_ACKED | TCPCB_LOST |
			  TCPCB_SACKED_RETRANS))
		return;
	cb->sacked |= TCPCB_LOST;
	tp->lost_out += cb->end_seq - cb->seq;
}

/* Eifel detection (RFC 3522, Linux tcp_packet_delayed): the ACK that
 * moved SND.UNA in recovery echoes a timestamp older than our first
 * retransmission, so the hole was filled by the original segment: it
 * was late, not lost. The path reorders at least as far as the highest
 * SACK is above the old SND.UNA; segments marked lost and not yet
 * resent are unmarked (the larger DupThresh decides again), so the rest
 * of the reordered flight is not resent. */
static bool tcp_sack_spurious(struct tcp_sock *tp, u32 prior_una,
			      const struct tcp_options_received *opt)
{
	struct pkbuf *pkb;
	u32 dist;

	if (!opt->saw_tstamp || !before(opt->rcv_tsecr, tp->retrans_stamp) ||
	    !before(prior_una, tp->highest_sack))
		return false;
	dist = (tp->highest_sack - prior_una + tp->mss_cache - 1) /
	       (tp->mss_cache ? tp->mss_cache : 1);
	if (dist > TCP_MAX_REORDERING)
		dist = TCP_MAX_REORDERING;
	if (dist > tp->reordering)
		tp->reordering = (u8)dist;
	for (pkb = tcp_wq_head(tp); pkb && tp->lost_out;
	     pkb = tcp_wq_next(tp, pkb)) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (cb->sacked & TCPCB_LOST) {
			cb->sacked &= (u8)~TCPCB_LOST;
			tp->lost_out -= cb->end_seq - cb->seq;
		}
	}
	return true;
}

static void tcp_cong_avoid(struct tcp_sock *tp, u32 acked);

/* RFC 6675 5 for a connection with SACK, after the scoreboard took the
 * ACK's blocks: enter loss recovery on DupThresh duplicate ACKs or when
 * the head IsLost by SACKed bytes; in recovery, mark what is lost (the
 * retransmissions, NextSeg rule 1, and new data within cwnd - pipe go
 * out from tcp_write_xmit); leave at the recovery point. */
static void tcp_sack_fastretrans(struct sock *sk, bool advanced, bool dup,
				 u32 acked, u32 prior_una,
				 const struct tcp_options_received *opt)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *head;
	u32 flight;

	if (tp->in_recovery) {
		/* Checked first: the late original often completes the
		 * whole flight at once, and the lesson is for next time. */
		bool spurious = advanced &&
				tcp_sack_spurious(tp, prior_una, opt);

		if (spurious)
			TCPEXT_INC_STATS(TCPSACKREORDER);
		if (!before(tp->snd_una, tp->high_seq)) {
			/* RecoveryPoint reached: cwnd is ssthresh (or the
			 * flight plus one segment if less is out). */
			flight = tp->snd_nxt - tp->snd_una;
			tp->in_recovery = 0;
			tp->dupacks = 0;
			tp->snd_cwnd = MIN(tp->snd_ssthresh,
					   MAX(flight, (u32)tp->mss_cache) +
					   tp->mss_cache);
			return;
		}
		if (advanced && !spurious)
			tcp_sack_mark_head_lost(tp);
		tcp_sack_mark_lost(tp);
		return;
	}
	if (advanced) {
		tp->dupacks = 0;
		tcp_cong_avoid(tp, acked);
	} else if (dup) {
		tp->dupacks++;
	}
	head = tcp_wq_head(tp);
	/* Nothing out, or duplicates about data sent before the last
	 * recovery point or RTO (RFC 6675 5.1: not a new loss). */
	if (!head || before(tp->snd_una, tp->high_seq))
		return;
	if (tp->dupacks < tp->reordering &&
	    ((TCP_SKB_CB(head)->sacked & TCPCB_SACKED_ACKED) ||
	     tp->sacked_out <= (tp->reordering - 1u) * (u32)tp->mss_cache))
		return;
	/* RFC 6675 5 step 4: RecoveryPoint = HighData, ssthresh = cwnd =
	 * FlightSize / 2, the first lost segment goes at once, then what
	 * cwnd - pipe allows. */
	TCPEXT_INC_STATS(TCPSACKRECOVERY);
	flight = tp->snd_nxt - tp->snd_una;
	tp->high_seq = tp->snd_nxt;
	tp->undo_marker = tp->snd_una;
	tp->in_recovery = 1;
	tp->snd_ssthresh = MAX(flight / 2, 2u * tp->mss_cache);
	tp->snd_cwnd = tp->snd_ssthresh;
	tcp_sack_mark_head_lost(tp);
	tcp_sack_mark_lost(tp);
	tp->retrans_stamp = tcp_time_stamp();
	if (TCP_SKB_CB(head)->sacked & TCPCB_LOST)
		tcp_retransmit_skb(sk, head);
}

static void tcp_update_max_window(struct tcp_sock *tp)
{
	if (tp->snd_wnd > tp->max_window)
		tp->max_window = tp->snd_wnd;
}

static bool tcp_ack(struct sock *sk, const struct pkbuf *pkb,
		    const struct tcp_options_received *opt)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 ack = cb->ack_seq;
	u32 old_wnd = tp->snd_wnd;
	long ts_rtt = -1;
	u32 acked = 0, prior_una = tp->snd_una;
	bool advanced, dup;

	/* RFC 5961 5.2: acceptable only within SND.UNA - MAX.SND.WND ..
	 * SND.NXT; anything else (a blind injection, or an ACK of what we
	 * never sent) is dropped with a (rate-limited) ACK. */
	if (after(ack, tp->snd_nxt) ||
	    before(ack, tp->snd_una - tp->max_window)) {
		tcp_send_challenge_ack(sk, pkb);
		return false;
	}
	/* Window update (RFC 9293: SND.WL1/SND.WL2 rule). */
	if (!before(ack, tp->snd_una) &&
	    (before(tp->snd_wl1, cb->seq) ||
	     (tp->snd_wl1 == cb->seq && !before(ack, tp->snd_wl2)))) {
		tp->snd_wnd = (u32)cb->window << tp->snd_wscale;
		tp->snd_wl1 = cb->seq;
		tp->snd_wl2 = ack;
		tcp_update_max_window(tp);
	}
	advanced = after(ack, tp->snd_una);
	/* RFC 5681 2 "duplicate acknowledgment": no data, nothing new
	 * acknowledged, and the window unchanged (a window update is not a
	 * sign of loss). */
	dup = ack == tp->snd_una && tp->snd_una != tp->snd_nxt &&
	      pkb->len == 0 && !(cb->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN)) &&
	      tp->snd_wnd == old_wnd;
	if (advanced) {
		/* A TSecr is our own clock: trust it only if it is not in
		 * the future and not absurdly old. */
		if (opt->saw_tstamp && opt->rcv_tsecr) {
			u32 d = tcp_time_stamp() - opt->rcv_tsecr;

			if ((s32)d >= 0 && d <= TCP_RTO_MAX)
				ts_rtt = (long)d;
		}
		acked = tcp_clean_rtx_queue(sk, ack, ts_rtt);

		tp->snd_una = ack;
		tp->retransmits = 0;
		tp->backoff = 0;        /* RFC 6298 5.7 */
	}
	if (tp->sack_ok) {
		if (opt->num_sacks)
			tcp_sacktag_write_queue(sk, opt, ack);
		tcp_sack_fastretrans(sk, advanced, dup, acked, prior_una, opt);
	} else if (advanced) {
		bool partial = tp->in_recovery && before(ack, tp->high_seq);

		if (partial) {
			/* RFC 6582 3.2 step 4, partial ACK: the next hole is
			 * lost too; resend it now, deflate by what was acked
			 * and add back one MSS. Stay in recovery. */
			struct pkbuf *head = pkb_peek(&tp->write_queue);

			tp->snd_cwnd = tp->snd_cwnd > acked ?
				       tp->snd_cwnd - acked : tp->mss_cache;
			if (acked >= tp->mss_cache)
				tp->snd_cwnd += tp->mss_cache;
			if (head && head != tp->send_head &&
			    !(TCP_SKB_CB(head)->sacked & TCPCB_LOST))
				tcp_retransmit_skb(sk, head);
		} else if (tp->in_recovery) {
			/* Step 3, full ACK: leave recovery at
			 * min(ssthresh, flight + MSS) (RFC 6582 option 1). */
			u32 flight = tp->snd_nxt - tp->snd_una;

			tp->in_recovery = 0;
			tp->dupacks = 0;
			tp->snd_cwnd = MIN(tp->snd_ssthresh,
					   MAX(flight, (u32)tp->mss_cache) +
					   tp->mss_cache);
		} else {
			tp->dupacks = 0;
			tcp_cong_avoid(tp, acked);
		}
	} else if (dup) {
		tp->dupacks++;
		if (tp->in_recovery) {
			/* RFC 6582 3.2 step 3 / RFC 5681 3.2 step 4: each
			 * further duplicate means a segment left the network. */
			tp->snd_cwnd += tp->mss_cache;
		} else if (tp->dupacks == 3 && after(ack, tp->high_seq)) {
			/* RFC 6582 3.2 steps 1-2: fast retransmit, unless the
			 * duplicates are about data sent before the last
			 * recovery or RTO (ack not beyond "recover"). */
			struct pkbuf *head = pkb_peek(&tp->write_queue);
			u32 flight = tp->snd_nxt - tp->snd_una;

			TCPEXT_INC_STATS(TCPRENORECOVERY);
			tp->high_seq = tp->snd_nxt;
			tp->in_recovery = 1;
			tp->snd_ssthresh = MAX(flight / 2, 2u * tp->mss_cache);
			tp->snd_cwnd = tp->snd_ssthresh + 3u * tp->mss_cache;
			if (head && head != tp->send_head)
				tcp_retransmit_skb(sk, head);
		}
	}
	if (advanced) {
		tcp_rearm_rto(sk);
		if (!sk->sk_dead)
			sk->sk_write_space(sk);
	}
	if (tp->send_head || tp->lost_out)
		tcp_write_xmit(sk);
	return true;
}

/* Have they acknowledged our FIN? */
static bool tcp_fin_acked(const struct tcp_sock *tp)
{
	return tp->snd_una == tp->write_seq;
}

void tcp_fin(struct sock *sk)
{
	sk->sk_shutdown |= RCV_SHUTDOWN;
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT1:
		/* Simultaneous close: both FINs in flight. */
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk);
		return;
	default:
		break;           /* a retransmitted FIN: just ACK it */
	}
	if (!sk->sk_dead) {
		sk->sk_state_change(sk);
		sk->sk_data_ready(sk);
	}
}

/* Keep the out-of-order queue sorted and without overlaps: trim the new
 * segment against its neighbours, drop what it covers. Owns pkb. */
static void tcp_data_queue_ofo(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct pkbuf *p, *n, *prev = NULL;

	if (tp->ofo_mem + pkb->truesize > (u32)sk->sk_rcvbuf ||
	    !sk_rmem_schedule(sk, pkb->truesize)) {
		TCPEXT_INC_STATS(TCPOFODROP);
		pkb_free(pkb);
		return;
	}
	list_for_each_entry(p, &tp->out_of_order_queue.list, list) {
		if (after(TCP_SKB_CB(p)->seq, cb->seq))
			break;
		prev = p;
	}
	if (prev) {
		struct tcp_skb_cb *pc = TCP_SKB_CB(prev);

		if (!before(pc->end_seq, cb->end_seq)) {
			TCPEXT_INC_STATS(TCPOFOMERGE);     /* all old news */
			tcp_dsack_set(tp, cb->seq, cb->end_seq);
			tcp_sack_new_ofo(tp, cb->seq, cb->end_seq);
			pkb_free(pkb);
			return;
		}
		if (after(pc->end_seq, cb->seq)) {
			tcp_dsack_set(tp, cb->seq, pc->end_seq);
			pkb_pull(pkb, pc->end_seq - cb->seq);
			cb->seq = pc->end_seq;
			TCPEXT_INC_STATS(TCPOFOMERGE);
		}
	}
	/* Later segments the new one covers go; a partial overlap trims it. */
	p = prev ? (prev->list.next == &tp->out_of_order_queue.list ? NULL :
		    list_entry(prev->list.next, struct pkbuf, list)) :
		   pkb_peek(&tp->out_of_order_queue);
	while (p) {
		struct tcp_skb_cb *pc = TCP_SKB_CB(p);

		n = p->list.next == &tp->out_of_order_queue.list ? NULL :
		    list_entry(p->list.next, struct pkbuf, list);
		if (!after(cb->end_seq, pc->seq))
			break;
		if (after(pc->end_seq, cb->end_seq)) {
			u32 keep = pc->seq - cb->seq;

			tcp_dsack_extend(tp, pc->seq, cb->end_seq);
			pkb_trim(pkb, keep);
			cb->end_seq = pc->seq;
			cb->tcp_flags &= ~TCPHDR_FIN;
			TCPEXT_INC_STATS(TCPOFOMERGE);
			break;
		}
		tcp_dsack_extend(tp, pc->seq, pc->end_seq);
		pkb_unlink(p, &tp->out_of_order_queue);
		tp->ofo_mem -= p->truesize;
		tcp_memory_allocated -= (long)p->truesize;
		pkb_free(p);
		TCPEXT_INC_STATS(TCPOFOMERGE);
		p = n;
	}
	if (prev)
		__list_add(&pkb->list, &prev->list, prev->list.next);
	else
		list_add(&pkb->list, &tp->out_of_order_queue.list);
	tp->out_of_order_queue.qlen++;
	tp->ofo_mem += pkb->truesize;
	tcp_memory_allocated += (long)pkb->truesize;
	TCPEXT_INC_STATS(TCPOFOQUEUE);
	tcp_sack_new_ofo(tp, cb->seq, cb->end_seq);
}

/* Deliver in-order data (and a FIN) to the socket. Owns pkb. Returns
 * false if the receive buffer was full (nothing delivered). */
static bool tcp_queue_rcv(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 end = TCP_SKB_CB(pkb)->end_seq;
	bool fin = TCP_SKB_CB(pkb)->tcp_flags & TCPHDR_FIN;

	if (pkb->len) {
		tcp_urg_capture(sk, pkb);
		if (sk->sk_shutdown & RCV_SHUTDOWN && sk->sk_dead) {
			pkb_free(pkb);          /* nobody will read it */
		} else if (sock_queue_rcv_pkb(sk, pkb)) {
			TCPEXT_INC_STATS(TCPRCVQDROP);
			pkb_free(pkb);
			return false;
		}
	} else {
		pkb_free(pkb);
	}
	tp->rcv_nxt = end;
	if (fin)
		tcp_fin(sk);
	return true;
}

/* Move segments that the new data made contiguous. */
static void tcp_ofo_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb;

	while ((pkb = pkb_peek(&tp->out_of_order_queue)) != NULL) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

		if (after(cb->seq, tp->rcv_nxt))
			return;
		pkb_unlink(pkb, &tp->out_of_order_queue);
		tp->ofo_mem -= pkb->truesize;
		tcp_memory_allocated -= (long)pkb->truesize;
		if (before(cb->seq, tp->rcv_nxt))      /* in-order data covered it */
			tcp_dsack_extend(tp, cb->seq,
					 after(cb->end_seq, tp->rcv_nxt) ?
					 tp->rcv_nxt : cb->end_seq);
		if (!after(cb->end_seq, tp->rcv_nxt)) {
			pkb_free(pkb);
			continue;
		}
		pkb_pull(pkb, tp->rcv_nxt - cb->seq);
		cb->seq = tp->rcv_nxt;
		if (!tcp_queue_rcv(sk, pkb) || sk->sk_state == TCP_CLOSE)
			return;
	}
}

/* Step 7/8: an acceptable segment's text and FIN. Owns pkb. */
static void tcp_data_queue(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 right = tp->rcv_nxt + tcp_receive_window(tp);
	bool now;

	/* All of it arrived before (a retransmission whose ACK was lost,
	 * their FIN again in CLOSE_WAIT among them): D-SACK it and ACK at
	 * once, as Linux's tcp_data_queue does. */
	if (cb->seq != cb->end_seq && !after(cb->end_seq, tp->rcv_nxt)) {
		tcp_dsack_set(tp, cb->seq, cb->end_seq);
		pkb_free(pkb);
		tcp_send_ack(sk);
		return;
	}
	if (cb->seq == cb->end_seq || sk->sk_state == TCP_CLOSE_WAIT ||
	    sk->sk_state == TCP_CLOSING || sk->sk_state == TCP_LAST_ACK) {
		/* Nothing new can come after their FIN. */
		pkb_free(pkb);
		return;
	}
	/* Trim to the window: data beyond it is the peer's mistake. */
	if (after(cb->end_seq, right)) {
		u32 keep = right - cb->seq;

		if (keep < pkb->len)
			pkb_trim(pkb, keep);
		cb->end_seq = right;
		cb->tcp_flags &= ~TCPHDR_FIN;
		if (!after(cb->end_seq, cb->seq)) {
			/* Nothing fit: tell the peer where we are. */
			pkb_free(pkb);
			tcp_send_ack(sk);
			return;
		}
	}
	/* Trim what we already have (the rest is new: end_seq is past
	 * rcv_nxt, see above). */
	if (before(cb->seq, tp->rcv_nxt)) {
		u32 dup = tp->rcv_nxt - cb->seq;

		tcp_dsack_set(tp, cb->seq, tp->rcv_nxt);
		pkb_pull(pkb, MIN(dup, pkb->len));
		cb->seq = tp->rcv_nxt;
	}
	if (pkb->len > tp->rcv_mss)
		tp->rcv_mss = (u16)MIN(pkb->len, (unsigned int)tp->advmss);
	/* RFC 5681 4.2: out-of-order data, and data that fills (part of)
	 * a hole, are ACKed at once (the duplicate ACKs fast retransmit
	 * needs); so is a FIN. */
	now = cb->seq != tp->rcv_nxt || !list_empty(&tp->out_of_order_queue.list) ||
	      (cb->tcp_flags & TCPHDR_FIN) || tp->dsack;
	if (cb->seq == tp->rcv_nxt) {
		if (tcp_queue_rcv(sk, pkb) && sk->sk_state != TCP_CLOSE &&
		    sk->sk_state != TCP_TIME_WAIT)
			tcp_ofo_queue(sk);
		if (tp->num_sacks)
			tcp_sack_remove(tp);
	} else {
		tcp_data_queue_ofo(sk, pkb);
	}
	if (sk->sk_state == TCP_CLOSE)
		return;
	if (now)
		tcp_send_ack(sk);
	else
		tcp_ack_snd_check(sk);
}

void tcp_finish_connect(struct sock *sk)
{
	tcp_set_state(sk, TCP_ESTABLISHED);
	tcp_send_ack(sk);
	/* The first data segments are ACKed at once (Linux quickack). */
	tcp_sk(sk)->quickack = TCP_QUICKACKS;
	if (!sk->sk_dead) {
		sk->sk_state_change(sk);
		sk->sk_write_space(sk);
	}
}

static void tcp_apply_mss(struct tcp_sock *tp, u16 peer_mss)
{
	u16 mss = peer_mss ? MAX(peer_mss, (u16)TCP_MSS_MIN) :
		  (u16)TCP_MSS_DEFAULT;

	tp->mss_cache = MIN(mss, tp->advmss);
	if (tp->pmtu_mss && tp->pmtu_mss < tp->mss_cache)
		tp->mss_cache = tp->pmtu_mss;   /* the path is narrower */
	tp->mss_cache = tcp_mss_less_ts(tp, tp->mss_cache);
	tp->rcv_mss = (u16)MIN((unsigned int)tp->mss_cache, TCP_MSS_DEFAULT);
	tp->snd_cwnd = TCP_INIT_CWND * tp->mss_cache;
}

/* RFC 9293 3.10.7.3. Owns pkb. */
int tcp_rcv_synsent_state_process(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_options_received opt;
	u8 fl = cb->tcp_flags;

	if (fl & TCPHDR_ACK) {
		if (!after(cb->ack_seq, tp->iss) ||
		    after(cb->ack_seq, tp->snd_nxt)) {
			if (!(fl & TCPHDR_RST))
				tcp_v4_send_reset(pkb);
			goto drop;
		}
	}
	if (fl & TCPHDR_RST) {
		if (fl & TCPHDR_ACK)
			tcp_reset(sk);
		goto drop;
	}
	if (!(fl & TCPHDR_SYN))
		goto drop;
	tcp_parse_options(tcp_hdr(pkb), &opt);
	tp->irs = cb->seq;
	tp->rcv_nxt = cb->seq + 1;
	tp->rcv_wup = tp->rcv_nxt;
	/* RFC 7323 1.3 / RFC 2018 2: on only if both SYNs asked. */
	tp->wscale_ok = opt.wscale_ok;
	tp->snd_wscale = opt.wscale_ok ? opt.snd_wscale : 0;
	if (!opt.wscale_ok)
		tp->rcv_wscale = 0;
	tp->sack_ok = opt.sack_ok;
	tp->tstamp_ok = opt.saw_tstamp;
	if (opt.saw_tstamp) {
		tp->ts_recent = opt.rcv_tsval;
		tp->ts_recent_stamp = (u32)jiffies;
	}
	tcp_apply_mss(tp, opt.mss_clamp);
	tp->snd_wnd = cb->window;
	tcp_update_max_window(tp);
	tp->snd_wl1 = cb->seq;
	tp->snd_wl2 = cb->ack_seq;
	if (fl & TCPHDR_ACK) {
		tcp_clean_rtx_queue(sk, cb->ack_seq, -1);
		tp->snd_una = cb->ack_seq;
		tp->retransmits = 0;
		tp->backoff = 0;
		tcp_rearm_rto(sk);
		/* Data on a SYN-ACK is not kept: our ACK of irs+1 makes the
		 * peer send it again. */
		tcp_finish_connect(sk);
		if (tp->send_head)
			tcp_write_xmit(sk);
	} else {
		/* Simultaneous open (RFC 9293 figure 8): our SYN, retransmitted
		 * from now on with an ACK, is the SYN-ACK. */
		tcp_set_state(sk, TCP_SYN_RECV);
		{
			struct pkbuf *syn = pkb_peek(&tp->write_queue);

			if (syn)
				tcp_retransmit_skb(sk, syn);
		}
	}
drop:
	pkb_free(pkb);
	return 0;
}

/* Linux tcp_oow_rate_limited (RFC 5961 7): an ACK answering an invalid
 * segment (out of window, PAWS-rejected, a challenge) goes at most once
 * per TCP_INVALID_RATELIMIT ms per connection, so two stacks that
 * disagree cannot loop ACKs at line rate. Segments with data are never
 * limited: they are not part of such a loop. True: do not send. */
bool tcp_oow_rate_limited(const struct pkbuf *pkb, int mib, u32 *last,
			  bool *sent)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	u32 ctl = (cb->tcp_flags & TCPHDR_SYN ? 1u : 0u) +
		  (cb->tcp_flags & TCPHDR_FIN ? 1u : 0u);

	if (cb->end_seq - cb->seq > ctl && !(cb->tcp_flags & TCPHDR_SYN))
		return false;
	if (*sent && (u32)jiffies - *last < TCP_INVALID_RATELIMIT) {
		tcp_ext_mib[mib]++;
		return true;
	}
	*last = (u32)jiffies;
	*sent = true;
	return false;
}

static bool tcp_oow_limited(struct sock *sk, const struct pkbuf *pkb, int mib)
{
	struct tcp_sock *tp = tcp_sk(sk);

	return tcp_oow_rate_limited(pkb, mib, &tp->last_oow_ack_time,
				    &tp->oow_ack_sent);
}

/* RFC 5961 3.2/4.2/5.2: an in-window RST, a SYN that is not exactly
 * expected, or an ACK outside what we sent gets a challenge ACK instead
 * of acting on it. */
static void tcp_send_challenge_ack(struct sock *sk, const struct pkbuf *pkb)
{
	if (tcp_oow_limited(sk, pkb, TCPEXT_TCPACKSKIPPEDCHALLENGE))
		return;
	TCPEXT_INC_STATS(TCPCHALLENGEACK);
	tcp_send_ack(sk);
}

/* Every state but LISTEN, SYN_SENT and CLOSE (TIME_WAIT has its own
 * small object). Owns pkb. */
static int tcp_rcv_synchronized(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_options_received opt;
	u8 fl = cb->tcp_flags;

	opt.saw_tstamp = 0;
	opt.num_sacks = 0;
	if (tp->tstamp_ok || tp->sack_ok) {
		tcp_fast_parse_options(tcp_hdr(pkb), &opt);
		/* Only what was negotiated counts (Linux: a TS option on a
		 * connection without timestamps is ignored). */
		if (!tp->tstamp_ok)
			opt.saw_tstamp = 0;
		if (!tp->sack_ok)
			opt.num_sacks = 0;
	}
	/* RFC 7323 5.3 R1 (PAWS): an old timestamp means an old duplicate;
	 * it is acknowledged and dropped. A segment without timestamps is
	 * accepted, as Linux does (the RFC says SHOULD drop). */
	if (opt.saw_tstamp && !(fl & TCPHDR_RST) && tcp_paws_reject(tp, &opt)) {
		TCPEXT_INC_STATS(PAWSESTAB);
		if (!tcp_oow_limited(sk, pkb, TCPEXT_TCPACKSKIPPEDPAWS)) {
			tcp_dsack_old(tp, cb);
			tcp_send_ack(sk);
		}
		goto drop;
	}
	/* First: sequence number. RFC 9293 3.10.7.4 asks for "special
	 * allowance" for the ACKs of segments the window cannot take; as
	 * Linux's tcp_sequence, one that starts no later than the right
	 * edge still has its ACK processed (its text is trimmed away).
	 * Without this a full receive buffer deadlocks: the peer's ACKs of
	 * our data ride on segments at or past our right edge. */
	if (!tcp_sequence_ok(tp, cb->seq, cb->end_seq) &&
	    (before(cb->end_seq, tp->rcv_wup) ||
	     after(cb->seq, tp->rcv_nxt + tcp_receive_window(tp)))) {
		TCPEXT_INC_STATS(TCPBADSEQ);
		if (!(fl & TCPHDR_RST) &&
		    !tcp_oow_limited(sk, pkb, TCPEXT_TCPACKSKIPPEDSEQ)) {
			tcp_dsack_old(tp, cb);
			tcp_send_ack(sk);
		}
		goto drop;
	}
	/* Second: RST. Only the exact next sequence number resets. */
	if (fl & TCPHDR_RST) {
		if (cb->seq == tp->rcv_nxt) {
			if (sk->sk_state == TCP_SYN_RECV && tp->listener) {
				/* A half-open passive connection just goes. */
				tcp_done(sk);
			} else {
				tcp_reset(sk);
			}
		} else {
			tcp_send_challenge_ack(sk, pkb);
		}
		goto drop;
	}
	/* Fourth: a SYN in a synchronized state. */
	if (fl & TCPHDR_SYN) {
		tcp_send_challenge_ack(sk, pkb);
		goto drop;
	}
	/* Fifth: the ACK field. */
	if (!(fl & TCPHDR_ACK))
		goto drop;
	if (sk->sk_state == TCP_SYN_RECV) {
		if (!after(cb->ack_seq, tp->snd_una) ||
		    after(cb->ack_seq, tp->snd_nxt)) {
			tcp_v4_send_reset(pkb);
			goto drop;
		}
		tcp_set_state(sk, TCP_ESTABLISHED);
		tp->quickack = TCP_QUICKACKS;
		tp->snd_wnd = (u32)cb->window << tp->snd_wscale;
		tcp_update_max_window(tp);
		tp->snd_wl1 = cb->seq;
		tp->snd_wl2 = cb->ack_seq;
		if (!sk->sk_dead)
			sk->sk_state_change(sk);
	}
	if (!tcp_ack(sk, pkb, &opt))
		goto drop;
	/* Only now, as Linux: a segment whose ACK was refused (a blind
	 * injection among them) must not set the clock we echo. */
	tcp_replace_ts_recent(tp, &opt, cb->seq);
	tp->rcv_tstamp = (u32)jiffies;  /* heard from the peer: keepalive */
	tp->probes_out = 0;
	tcp_urg_acked(sk);
	/* Sixth: the URG bit (tcp_urg.c). */
	if (fl & TCPHDR_URG)
		tcp_check_urg(sk, pkb);
	switch (sk->sk_state) {
	case TCP_FIN_WAIT1:
		if (tcp_fin_acked(tp)) {
			tcp_set_state(sk, TCP_FIN_WAIT2);
			sk->sk_state_change(sk);
			if (sk->sk_dead && tp->linger2 < 0) {
				/* TCP_LINGER2 < 0 (Linux: a RST in reply) */
				TCPEXT_INC_STATS(TCPABORTONLINGER);
				tcp_send_active_reset(sk);
				tcp_done(sk);
				goto drop;
			}
			if (sk->sk_dead)
				mod_timer(&tp->keepalive_timer,
					  jiffies + tcp_fin_time(tp));
		}
		break;
	case TCP_CLOSING:
		if (tcp_fin_acked(tp)) {
			tcp_time_wait(sk);
			goto drop;
		}
		break;
	case TCP_LAST_ACK:
		if (tcp_fin_acked(tp)) {
			tcp_done(sk);
			goto drop;
		}
		break;
	}
	/* Seventh and eighth: text and FIN. */
	tcp_data_queue(sk, pkb);
	return 0;
drop:
	pkb_free(pkb);
	return 0;
}

int tcp_rcv_state_process(struct sock *sk, struct pkbuf *pkb)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	switch (sk->sk_state) {
	case TCP_CLOSE:
		tcp_v4_send_reset(pkb);
		break;
	case TCP_LISTEN:
		/* RFC 9293 3.10.7.2: RST ignored, ACK reset, SYN queued. */
		if (cb->tcp_flags & TCPHDR_RST)
			break;
		if (cb->tcp_flags & TCPHDR_ACK) {
			if (cookie_v4_check(sk, pkb))
				return 0;       /* a SYN cookie's answer */
			tcp_v4_send_reset(pkb);
			break;
		}
		if (cb->tcp_flags & TCPHDR_SYN)
			tcp_conn_request(sk, pkb);
		break;
	case TCP_SYN_SENT:
		return tcp_rcv_synsent_state_process(sk, pkb);
	default:
		return tcp_rcv_synchronized(sk, pkb);
	}
	pkb_free(pkb);
	return 0;
}
