/* TCP output: every segment we send is built here.
 *
 *   tcp_v4_connect -> tcp_connect (SYN queued like data, so the RTO
 *     timer retransmits it) -> tcp_write_xmit -> tcp_transmit_skb
 *     -> tcp_v4_xmit -> ip_build_xmit
 *   tcp_sendmsg -> tcp_write_xmit            (segments of at most MSS)
 *   tcp_close / tcp_shutdown -> tcp_send_fin (FIN on the last segment)
 *   tcp_v4_rcv (no socket) -> tcp_v4_send_reset   (RFC 9293 3.10.7.1)
 *
 * The write queue keeps each segment's payload; every transmission builds
 * a fresh buffer (one copy) so a retransmission never rewrites a buffer a
 * driver may still hold.
 */
#include <net/tcp.h>
#include <net/ip.h>
#include <net/checksum.h>
#include <net/snmp.h>

static u8 *put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
	return p + 4;
}

/* Bytes of options o asks for, each group padded to 32 bits as Linux
 * lays them out. */
static unsigned int tcp_options_size(const struct tcp_out *o)
{
	unsigned int n = 0;

	if (o->mss)
		n += 4;
	if (o->ts)
		n += TCP_TS_LEN;           /* SACK-permitted rides in its NOPs */
	else if (o->sack_perm)
		n += 4;
	if (o->wscale)
		n += 4;
	if (o->num_sacks)
		n += 4 + 8u * o->num_sacks;
	return n;
}

/* MSS, SACK-permitted, timestamps, window scale, SACK blocks: the order
 * and padding of Linux's tcp_options_write, so traces read alike. */
static void tcp_options_write(u8 *p, const struct tcp_out *o)
{
	if (o->mss) {
		*p++ = TCPOPT_MSS;
		*p++ = 4;
		*p++ = (u8)(o->mss >> 8);
		*p++ = (u8)o->mss;
	}
	if (o->ts) {
		if (o->sack_perm) {
			*p++ = TCPOPT_SACK_PERM;
			*p++ = 2;
		} else {
			*p++ = TCPOPT_NOP;
			*p++ = TCPOPT_NOP;
		}
		*p++ = TCPOPT_TIMESTAMP;
		*p++ = 10;
		p = put_be32(p, o->tsval);
		p = put_be32(p, o->tsecr);
	} else if (o->sack_perm) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_SACK_PERM;
		*p++ = 2;
	}
	if (o->wscale) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_WINDOW;
		*p++ = 3;
		*p++ = (u8)(o->wscale - 1);
	}
	if (o->num_sacks) {
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_NOP;
		*p++ = TCPOPT_SACK;
		*p++ = (u8)(2 + 8 * o->num_sacks);
		for (unsigned int i = 0; i < o->num_sacks; i++) {
			const struct tcp_sack_block *b = !o->dsack ? &o->sacks[i] :
				i ? &o->sacks[i - 1] : o->dsack;

			p = put_be32(p, b->start_seq);
			p = put_be32(p, b->end_seq);
		}
	}
}

int tcp_v4_xmit(const struct tcp_out *o, const u8 *data, unsigned int len)
{
	unsigned int optlen = tcp_options_size(o);
	unsigned int hlen = sizeof(struct tcphdr) + optlen;
	struct ip_tx_params p = { .protocol = IPPROTO_TCP, .daddr = o->daddr,
				  .saddr = o->saddr, .ttl = o->ttl,
				  .tos = o->tos, .df = false };
	struct rtable rt;
	struct pkbuf *pkb;
	struct tcphdr *th;
	int err;

	if (optlen > 40)
		return -EINVAL;         /* a caller's bug; never a bad header */
	err = ip_route_output(o->daddr, o->saddr, o->oif, &rt);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		return err;
	}
	pkb = pkb_alloc_tx(hlen + len);
	if (!pkb)
		return -ENOBUFS;
	if (len)
		memcpy(pkb_put(pkb, len), data, len);
	th = (struct tcphdr *)pkb_push(pkb, hlen);
	th->source = o->sport;
	th->dest = o->dport;
	th->seq = htonl(o->seq);
	th->ack_seq = (o->flags & TCPHDR_ACK) ? htonl(o->ack) : 0;
	th->doff_res = (u8)((hlen / 4) << 4);
	th->flags = o->flags;
	th->window = htons(o->window);
	th->check = 0;
	th->urg_ptr = htons(o->urg_ptr);
	if (optlen)
		tcp_options_write((u8 *)(th + 1), o);
	if (!p.saddr)
		p.saddr = rt.saddr;
	/* PMTU discovery (RFC 1191) as Linux's IP_PMTUDISC_WANT for TCP:
	 * DF on what fits the path, so a router's "fragmentation needed"
	 * lowers our MSS (tcp_v4_mtu_reduced). */
	p.df = !rt.mtu_locked && pkb->len + 20 <= rt.mtu;
	th->check = htons(csum_tcpudp_magic(p.saddr, p.daddr, pkb->len,
					    IPPROTO_TCP,
					    csum_partial(pkb->data, pkb->len, 0)));
	pkb_reset_transport_header(pkb);
	TCP_INC_STATS(OUTSEGS);
	if (o->flags & TCPHDR_RST)
		TCP_INC_STATS(OUTRSTS);
	IP_INC_STATS(OUTREQUESTS);
	return ip_build_xmit(pkb, &p, &rt);
}

/* RFC 7323 2.3: the smallest shift that lets the window cover the whole
 * receive buffer (the window offered is at most half of it, so a later
 * SO_RCVBUF up to twice the size still fits). */
u8 tcp_select_wscale(int rcvbuf)
{
	u8 ws = 0;

	while (ws < TCP_MAX_WSCALE && (TCP_MAX_WINDOW << ws) < (u32)rcvbuf)
		ws++;
	return ws;
}

/* The largest window we may offer (RFC 9293 3.8.6.2.2, receiver SWS
 * avoidance): half the free receive memory (buffers cost about twice
 * their payload), never moving the right edge left. With window scaling
 * (RFC 7323 2.3) the value sent is win >> rcv_wscale: win is rounded up
 * to a multiple of 1 << rcv_wscale so that what the peer reads back is
 * exactly the edge we keep (and rounding never shrinks it). */
u16 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int space = (sk->sk_rcvbuf - sk->sk_rmem_alloc) / 2;
	long global = (sysctl_tcp_mem - tcp_memory_allocated) / 2;
	u32 cur = tcp_receive_window(tp), win;
	u8 ws = tp->wscale_ok ? tp->rcv_wscale : 0;
	u32 max = TCP_MAX_WINDOW << ws;

	if (space > global)
		space = (int)global;    /* all TCP memory nearly used */
	if (space < 0)
		space = 0;
	win = MIN((u32)space, max);
	/* Do not open a window smaller than one MSS (SWS), and never
	 * shrink what we already offered. */
	if (win < tp->advmss && win < (u32)sk->sk_rcvbuf / 4)
		win = 0;
	if (win < cur)
		win = cur;
	win = (win + (1u << ws) - 1) & ~((1u << ws) - 1);
	if (win > max)
		win = max;
	tp->rcv_wnd = win;
	tp->rcv_wup = tp->rcv_nxt;
	return (u16)(win >> ws);
}

/* An ACK goes out (alone or on data): nothing is owed any more. */
static void tcp_event_ack_sent(struct tcp_sock *tp)
{
	if (tp->ack_pending) {
		tp->ack_pending = 0;
		del_timer(&tp->delack_timer);
	}
	if (tp->quickack)
		tp->quickack--;
}

/* Fill o for a segment of this connection carrying len bytes of data.
 * Options: timestamps on every segment once negotiated (RFC 7323 3.2),
 * SACK blocks while the out-of-order queue holds data (RFC 2018 4),
 * as many as fit beside the data in the peer's MSS and in 40 bytes. */
static void tcp_fill_out(struct sock *sk, struct tcp_out *o, u32 seq, u8 flags,
			 unsigned int len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	memset(o, 0, sizeof(*o));
	o->saddr = inet->inet_saddr;
	o->daddr = inet->inet_daddr;
	o->sport = inet->inet_sport;
	o->dport = inet->inet_dport;
	o->seq = seq;
	o->flags = flags;
	/* Everything after our SYN acknowledges what we have received. */
	if (sk->sk_state != TCP_SYN_SENT)
		o->flags |= TCPHDR_ACK;
	o->ack = tp->rcv_nxt;
	if (flags & TCPHDR_SYN) {
		/* RFC 7323 2.2: a SYN's window is never scaled. */
		int space = sk->sk_rcvbuf / 2;

		o->window = (u16)MIN((u32)space, TCP_MAX_WINDOW);
		tp->rcv_wnd = o->window;
		tp->rcv_wup = tp->rcv_nxt;
	} else if (!(flags & TCPHDR_RST)) {
		o->window = tcp_select_window(sk);
	}
	if (tp->tstamp_ok) {
		o->ts = 1;
		o->tsval = tcp_time_stamp();
		o->tsecr = tp->ts_recent;
	}
	if (tp->sack_ok && (tp->num_sacks || tp->dsack) &&
	    (o->flags & TCPHDR_ACK) && !(flags & (TCPHDR_SYN | TCPHDR_RST))) {
		unsigned int room = 40 - (o->ts ? TCP_TS_LEN : 0);
		unsigned int full = tp->mss_cache + (o->ts ? TCP_TS_LEN : 0);
		unsigned int n;

		if (len)        /* the MSS covers data and options alike */
			room = MIN(room, full > len + (o->ts ? TCP_TS_LEN : 0) ?
				   full - len - (o->ts ? TCP_TS_LEN : 0) : 0);
		n = room >= 4 ? (room - 4) / 8 : 0;
		o->num_sacks = (u8)MIN(n, (unsigned int)tp->num_sacks + tp->dsack);
		o->sacks = tp->selective_acks;
		if (tp->dsack && o->num_sacks) {
			o->dsack = &tp->duplicate_sack;     /* sent: forgotten */
			tp->dsack = 0;
		}
	}
	if (o->flags & TCPHDR_ACK)
		tcp_event_ack_sent(tp);
	o->ttl = inet->uc_ttl;
	o->tos = inet->tos;
	o->oif = sk->sk_bound_dev_if;
	if (!(flags & TCPHDR_RST))
		tcp_urg_fill(sk, seq, &o->flags, &o->urg_ptr);
}

/* Send one queued segment (first transmission or retransmission). */
static int tcp_transmit_skb(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_out o;

	tcp_fill_out(sk, &o, cb->seq, cb->tcp_flags, pkb->len);
	if (cb->tcp_flags & TCPHDR_SYN) {
		/* Our SYN offers every option; a SYN-ACK (simultaneous open
		 * or a child's) only those the peer offered (RFC 7323 1.3). */
		bool ack = o.flags & TCPHDR_ACK;

		o.mss = tp->advmss;
		if (!ack || tp->wscale_ok)
			o.wscale = (u8)(tp->rcv_wscale + 1);
		if (!ack || tp->sack_ok)
			o.sack_perm = 1;
		if (!ack || tp->tstamp_ok) {
			o.ts = 1;
			o.tsval = tcp_time_stamp();
			o.tsecr = ack ? tp->ts_recent : 0;
		}
	}
	if (pkb->len)
		o.flags |= TCPHDR_PSH;
	cb->when = (u32)jiffies;
	return tcp_v4_xmit(&o, pkb->data, pkb->len);
}

void tcp_send_ack(struct sock *sk)
{
	struct tcp_out o;

	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN)
		return;
	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_nxt, TCPHDR_ACK, 0);
	tcp_v4_xmit(&o, NULL, 0);
}

/* The delayed-ACK timer (Linux tcp_delack_timer). */
void tcp_send_delayed_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->ack_pending)
		return;
	tp->ack_pending = 0;
	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN)
		return;
	TCPEXT_INC_STATS(DELAYEDACKS);
	tcp_send_ack(sk);
}

/* A zero-window probe: an ACK with an old sequence number makes the
 * peer answer with its current window (Linux tcp_xmit_probe_skb). */
void tcp_send_probe0(struct sock *sk)
{
	struct tcp_out o;

	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_una - 1, TCPHDR_ACK, 0);
	tcp_v4_xmit(&o, NULL, 0);
}

/* Abort: RST at our next sequence number (RFC 9293 3.10.4 ABORT). */
void tcp_send_active_reset(struct sock *sk)
{
	struct tcp_out o;

	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_nxt, TCPHDR_RST | TCPHDR_ACK, 0);
	tcp_v4_xmit(&o, NULL, 0);
}

int tcp_retransmit_skb(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	if (cb->sacked & TCPCB_LOST)
		tcp_sk(sk)->lost_out -= cb->end_seq - cb->seq;
	cb->sacked = (u8)((cb->sacked & ~TCPCB_LOST) | TCPCB_RETRANS |
			  TCPCB_SACKED_RETRANS);
	TCP_INC_STATS(RETRANSSEGS);
	tcp_sk(sk)->total_retrans++;
	return tcp_transmit_skb(sk, pkb);
}

/* Split a queued segment so none is longer than mss (Linux
 * tcp_fragment): the tail goes into new buffers after it, FIN with the
 * last piece. Fails quietly (the segment then goes whole, and IP
 * fragments it). */
void tcp_fragment_to_mss(struct sock *sk, struct pkbuf *pkb, u16 mss)
{
	struct tcp_sock *tp = tcp_sk(sk);

	while (pkb->len > mss) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb), *ncb;
		unsigned int rest = pkb->len - mss;
		struct pkbuf *n = pkb_alloc(rest);

		if (!n)
			return;
		ncb = TCP_SKB_CB(n);
		*ncb = *cb;
		memcpy(pkb_put(n, rest), pkb->data + mss, rest);
		pkb_trim(pkb, mss);
		ncb->seq = cb->seq + mss;
		cb->end_seq = ncb->seq;
		cb->tcp_flags &= (u8)~(TCPHDR_FIN | TCPHDR_PSH);
		sk->sk_wmem_alloc += (int)n->truesize;
		list_add(&n->list, &pkb->list);
		tp->write_queue.qlen++;
		pkb = n;
	}
}

/* The largest piece worth sending into the peer's window (Linux
 * tcp_bound_to_half_wnd): a peer whose window is smaller than our MSS
 * gets segments of half its largest window, so two are in flight and
 * its ACKs keep coming; never tinier ones (sender SWS avoidance, RFC
 * 1122 4.2.3.4). Without this a segment larger than the whole window
 * would never go, and the connection would only probe. */
static u32 tcp_wnd_piece(const struct tcp_sock *tp)
{
	u32 cutoff = tp->max_window > TCP_MSS_DEFAULT ? tp->max_window / 2 :
		     tp->max_window;

	if (cutoff && cutoff < tp->mss_cache)
		return MAX(cutoff, 36u);
	return tp->mss_cache;
}

/* RFC 1122 4.2.3.4 / RFC 896 (Linux tcp_nagle_test): a segment shorter
 * than a full one (tcp_wnd_piece) waits while data is unacknowledged,
 * unless TCP_NODELAY, it is not the last one queued, or it carries the
 * FIN. TCP_CORK and MSG_MORE hold it even with nothing in flight, until
 * uncorked, the next send without MSG_MORE, or the probe timer (Linux's
 * 200 ms ceiling: tcp_write_wakeup sends it, push_held). */
static bool tcp_nagle_hold(const struct tcp_sock *tp, const struct pkbuf *pkb)
{
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	if (pkb->len >= tcp_wnd_piece(tp) || (cb->tcp_flags & TCPHDR_FIN) ||
	    tcp_write_queue_next(tp, pkb) || tp->push_held)
		return false;
	if (tp->cork || tp->more)
		return true;
	return !tp->nodelay && tp->snd_nxt != tp->snd_una;
}

/* Send what the peer's window and our congestion window allow: first
 * segments marked lost (by an RTO: go-back-N from snd_una, skipping
 * what the peer SACKed; by SACK recovery: RFC 6675 NextSeg rule 1, the
 * holes in order), then new ones from send_head (rule 2), while the
 * pipe (tcp_packets_in_flight) is below cwnd. A segment goes whole or
 * not at all, except that one larger than what the window takes is cut
 * to tcp_wnd_piece first. */
int tcp_write_xmit(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb;
	int sent = 0;

	if (tp->lost_out) {
		list_for_each_entry(pkb, &tp->write_queue.list, list) {
			if (pkb == tp->send_head)
				break;
			if (!(TCP_SKB_CB(pkb)->sacked & TCPCB_LOST))
				continue;
			if (tcp_packets_in_flight(tp) >= tp->snd_cwnd)
				return sent;
			tcp_retransmit_skb(sk, pkb);
			sent++;
		}
	}
	while ((pkb = tp->send_head) != NULL) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u32 in_flight = tcp_packets_in_flight(tp);

		/* SYN and FIN alone are not limited by the windows. */
		if (pkb->len) {
			u32 wnd_end = tp->snd_una + tp->snd_wnd;
			u32 piece = tcp_wnd_piece(tp);

			if (after(cb->end_seq, wnd_end) && pkb->len > piece &&
			    !after(cb->seq + piece, wnd_end))
				tcp_fragment_to_mss(sk, pkb, (u16)piece);
			if (after(cb->end_seq, wnd_end))
				break;
			if (in_flight && in_flight + pkb->len > tp->snd_cwnd)
				break;
			if (tcp_nagle_hold(tp, pkb))
				break;
		}
		tcp_transmit_skb(sk, pkb);
		cb->sacked |= TCPCB_SENT;
		if (after(cb->end_seq, tp->snd_nxt))
			tp->snd_nxt = cb->end_seq;
		tp->send_head = tcp_write_queue_next(tp, pkb);
		sent++;
	}
	if (sent)
		tcp_rearm_rto(sk);
	else if (tp->send_head && tp->snd_una == tp->snd_nxt)
		tcp_reset_probe0(sk);  /* window closed, or corked: nothing
					* in flight will bring an ACK */
	return sent;
}

/* Queue an empty control segment (SYN or FIN) occupying one sequence
 * number at write_seq. */
static struct pkbuf *tcp_queue_ctl(struct sock *sk, u8 flags)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb = pkb_alloc(0);
	struct tcp_skb_cb *cb;

	if (!pkb)
		return NULL;
	cb = TCP_SKB_CB(pkb);
	memset(cb, 0, sizeof(*cb));
	cb->seq = tp->write_seq;
	cb->end_seq = tp->write_seq + 1;
	cb->tcp_flags = flags;
	tp->write_seq++;
	/* Charged like data: tcp_clean_rtx_queue uncharges every segment. */
	sk->sk_wmem_alloc += (int)pkb->truesize;
	pkb_queue_tail(&tp->write_queue, pkb);
	if (!tp->send_head)
		tp->send_head = pkb;
	return pkb;
}

int tcp_connect(struct sock *sk)
{
	if (!tcp_queue_ctl(sk, TCPHDR_SYN))
		return -ENOBUFS;
	TCP_INC_STATS(ACTIVEOPENS);
	tcp_write_xmit(sk);
	return 0;
}

/* FIN rides on the last unsent segment if there is one, else it is a
 * segment of its own (Linux tcp_send_fin). */
void tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *tail = tcp_write_queue_tail(tp);

	if (tail && tp->send_head && !(TCP_SKB_CB(tail)->sacked & TCPCB_SENT) &&
	    !(TCP_SKB_CB(tail)->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN))) {
		TCP_SKB_CB(tail)->tcp_flags |= TCPHDR_FIN;
		TCP_SKB_CB(tail)->end_seq++;
		tp->write_seq++;
	} else if (!tcp_queue_ctl(sk, TCPHDR_FIN)) {
		/* No memory for a FIN: abort rather than hang half-open. */
		tcp_send_active_reset(sk);
		tcp_done(sk);
		return;
	}
	tcp_write_xmit(sk);
}

/* RFC 9293 3.10.7.1: a segment for no connection gets a reset, unless
 * it is one. If it carried an ACK the reset takes its sequence number
 * from it; otherwise it has sequence 0 and acknowledges the segment. */
void tcp_v4_send_reset(const struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	const struct tcphdr *th = tcp_hdr(pkb);
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	struct tcp_out o = { 0 };

	if (th->flags & TCPHDR_RST)
		return;
	/* Never answer a broadcast or multicast (RFC 1122 4.2.3.10). */
	if (pkb->pkt_type == PACKET_BROADCAST ||
	    pkb->pkt_type == PACKET_MULTICAST)
		return;
	if (inet_addr_type_dev(iph->daddr, NULL) != RTN_LOCAL)
		return;
	o.saddr = iph->daddr;
	o.daddr = iph->saddr;
	o.sport = th->dest;
	o.dport = th->source;
	if (th->flags & TCPHDR_ACK) {
		o.seq = cb->ack_seq;
		o.flags = TCPHDR_RST;
	} else {
		o.seq = 0;
		o.ack = cb->end_seq;
		o.flags = TCPHDR_RST | TCPHDR_ACK;
	}
	tcp_v4_xmit(&o, NULL, 0);
}
