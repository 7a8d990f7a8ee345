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

int tcp_v4_xmit(const struct tcp_out *o, const u8 *data, unsigned int len)
{
	unsigned int optlen = o->mss ? 4 : 0;
	unsigned int hlen = sizeof(struct tcphdr) + optlen;
	struct ip_tx_params p = { .protocol = IPPROTO_TCP, .daddr = o->daddr,
				  .saddr = o->saddr, .ttl = o->ttl,
				  .tos = o->tos, .df = false };
	struct rtable rt;
	struct pkbuf *pkb;
	struct tcphdr *th;
	int err;

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
	if (o->mss) {
		u8 *opt = (u8 *)(th + 1);

		opt[0] = TCPOPT_MSS;
		opt[1] = 4;
		opt[2] = (u8)(o->mss >> 8);
		opt[3] = (u8)o->mss;
	}
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

/* The largest window we may offer (RFC 9293 3.8.6.2.2, receiver SWS
 * avoidance): half the free receive memory (buffers cost about twice
 * their payload), never moving the right edge left. */
u16 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int space = (sk->sk_rcvbuf - sk->sk_rmem_alloc) / 2;
	u32 cur = tcp_receive_window(tp), win;

	if (space < 0)
		space = 0;
	win = MIN((u32)space, TCP_MAX_WINDOW);
	/* Do not open a window smaller than one MSS (SWS), and never
	 * shrink what we already offered. */
	if (win < tp->advmss && win < (u32)sk->sk_rcvbuf / 4)
		win = 0;
	if (win < cur)
		win = cur;
	tp->rcv_wnd = win;
	tp->rcv_wup = tp->rcv_nxt;
	return (u16)win;
}

static void tcp_fill_out(struct sock *sk, struct tcp_out *o, u32 seq, u8 flags)
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
	o->window = (flags & TCPHDR_RST) ? 0 : tcp_select_window(sk);
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
	struct tcp_out o;

	tcp_fill_out(sk, &o, cb->seq, cb->tcp_flags);
	if (cb->tcp_flags & TCPHDR_SYN)
		o.mss = tcp_sk(sk)->advmss;
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
	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_nxt, TCPHDR_ACK);
	tcp_v4_xmit(&o, NULL, 0);
}

/* A zero-window probe: an ACK with an old sequence number makes the
 * peer answer with its current window (Linux tcp_xmit_probe_skb). */
void tcp_send_probe0(struct sock *sk)
{
	struct tcp_out o;

	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_una - 1, TCPHDR_ACK);
	tcp_v4_xmit(&o, NULL, 0);
}

/* Abort: RST at our next sequence number (RFC 9293 3.10.4 ABORT). */
void tcp_send_active_reset(struct sock *sk)
{
	struct tcp_out o;

	tcp_fill_out(sk, &o, tcp_sk(sk)->snd_nxt, TCPHDR_RST | TCPHDR_ACK);
	tcp_v4_xmit(&o, NULL, 0);
}

int tcp_retransmit_skb(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);

	if (cb->sacked & TCPCB_LOST)
		tcp_sk(sk)->lost_out -= cb->end_seq - cb->seq;
	cb->sacked = (cb->sacked & ~TCPCB_LOST) | TCPCB_RETRANS;
	TCP_INC_STATS(RETRANSSEGS);
	tcp_sk(sk)->total_retrans++;
	return tcp_transmit_skb(sk, pkb);
}

/* Send what the peer's window and our congestion window allow: first
 * segments marked lost by an RTO (go-back-N from snd_una), then new
 * ones from send_head. A segment goes whole or not at all. */
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
			if (tp->snd_nxt - tp->snd_una - tp->lost_out >=
			    tp->snd_cwnd)
				return sent;
			tcp_retransmit_skb(sk, pkb);
			sent++;
		}
	}
	while ((pkb = tp->send_head) != NULL) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u32 in_flight = tp->snd_nxt - tp->snd_una - tp->lost_out;

		/* SYN and FIN alone are not limited by the windows. */
		if (pkb->len) {
			if (after(cb->end_seq, tp->snd_una + tp->snd_wnd))
				break;
			if (in_flight && in_flight + pkb->len > tp->snd_cwnd)
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
		tcp_reset_probe0(sk);  /* window closed, nothing in flight */
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
