/* The TCP socket (Linux net/ipv4/tcp.c + inet_connection_sock.c):
 * states, close and shutdown, listen/accept, the user's send and
 * receive, and poll.
 *
 *   every state change -> tcp_set_state (one GDB breakpoint shows all)
 *   close -> tcp_close -> tcp_close_state (FIN_WAIT1 / LAST_ACK)
 *     + tcp_send_fin; an orphan lives on until tcp_done
 *   tcp_done -> CLOSE; an orphan is then freed (inet_csk_destroy_sock)
 */
#include <net/tcp.h>
#include <net/snmp.h>
#include <uapi/tcp.h>

static const char *const tcp_state_names[TCP_MAX_STATES] = {
	[TCP_ESTABLISHED] = "ESTABLISHED", [TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV", [TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2", [TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE", [TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK", [TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING", [TCP_NEW_SYN_RECV] = "NEW_SYN_RECV",
};

const char *tcp_state_name(int state)
{
	if (state <= 0 || state >= TCP_MAX_STATES)
		return "?";
	return tcp_state_names[state];
}

/* What all TCP sockets hold in receive queues (in order and out of
 * order), against one limit as Linux's tcp_mem[2]: without it, many
 * connections whose readers stall could each fill sk_rcvbuf and exhaust
 * memory. The kernel sets the limit from RAM at boot. */
long tcp_memory_allocated;
long sysctl_tcp_mem = 32L << 20;

/* Never inlined: one breakpoint here (tools/gdb/narrate.py) must see every
 * state change, including those from callers in this file. */
noinline_fn void tcp_set_state(struct sock *sk, int state)
{
	int old = sk->sk_state;

	if (state == TCP_ESTABLISHED && old != TCP_ESTABLISHED) {
		TCP_INC_STATS(CURRESTAB);
		tcp_sk(sk)->was_connected = true;
		/* Linux arms keepalive in tcp_finish_connect and for a new
		 * child; both pass here. */
		tcp_sk(sk)->rcv_tstamp = (u32)jiffies;
		if (sk->sk_keepalive)
			mod_timer(&tcp_sk(sk)->keepalive_timer,
				  jiffies + keepalive_time_when(tcp_sk(sk)));
	}
	if (old == TCP_ESTABLISHED && state != TCP_ESTABLISHED)
		TCP_DEC_STATS(CURRESTAB);
	if (state == TCP_CLOSE) {
		if (old == TCP_ESTABLISHED || old == TCP_CLOSE_WAIT)
			TCP_INC_STATS(ESTABRESETS);
		if (old == TCP_SYN_SENT || old == TCP_SYN_RECV)
			TCP_INC_STATS(ATTEMPTFAILS);
	}
	NET_DEBUG(TCP, "%s -> %s\n", tcp_state_name(old), tcp_state_name(state));
	sk->sk_state = (u8)state;
}

/* Free an orphan's resources; the last reference frees the memory. */
void inet_csk_destroy_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->destroyed)
		return;
	tp->destroyed = true;
	tcp_clear_xmit_timers(sk);
	inet_unhash(sk);
	inet_put_port(sk);
	pkb_queue_purge(&tp->write_queue);
	tp->send_head = NULL;
	sk->sk_wmem_alloc = 0;
	pkb_queue_purge(&tp->out_of_order_queue);
	tcp_memory_allocated -= (long)tp->ofo_mem;
	tp->ofo_mem = 0;
	pkb_queue_purge(&sk->sk_receive_queue);
	sock_put(sk);
}

/* The connection is over (RFC 9293 "delete the TCB"): what the user
 * holds stays readable until close; an orphan goes now. */
void tcp_done(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_set_state(sk, TCP_CLOSE);
	tcp_clear_xmit_timers(sk);
	inet_unhash(sk);
	pkb_queue_purge(&tp->write_queue);
	tp->send_head = NULL;
	tp->lost_out = 0;
	tp->sacked_out = 0;
	tp->sack_hint = NULL;
	sk->sk_wmem_alloc = 0;
	pkb_queue_purge(&tp->out_of_order_queue);
	tcp_memory_allocated -= (long)tp->ofo_mem;
	tp->ofo_mem = 0;
	tcp_sack_reset(tp);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (sk->sk_dead) {
		inet_csk_destroy_sock(sk);
		return;
	}
	sk->sk_state_change(sk);
}

int tcp_init_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	pkb_queue_init(&tp->write_queue);
	pkb_queue_init(&tp->out_of_order_queue);
	INIT_LIST_HEAD(&tp->req_list);
	INIT_LIST_HEAD(&tp->accept_queue);
	INIT_LIST_HEAD(&tp->accept_node);
	INIT_HLIST_NODE(&tp->bind_node);
	INIT_LIST_HEAD(&tp->ack_defer_node);
	tcp_init_xmit_timers(sk);
	tp->rto = TCP_RTO_INIT;
	tp->advmss = 1460;
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->snd_cwnd = TCP_INIT_CWND * TCP_MSS_DEFAULT;
	tp->snd_ssthresh = 0x7fffffff;
	tp->quickack_opt = true;
	sk->sk_rcvbuf = TCP_RMEM_DEFAULT;
	return 0;
}

/* ---- listen / accept ---- */

int inet_csk_listen_start(struct sock *sk, int backlog)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	if (backlog < 1)
		backlog = 1;
	if (backlog > 4096)
		backlog = 4096;         /* Linux somaxconn */
	if (sk->sk_state == TCP_LISTEN) {
		tp->max_ack_backlog = backlog;
		return 0;
	}
	if (sk->sk_state != TCP_CLOSE)
		return -EINVAL;
	if (!inet_sk(sk)->inet_num) {
		err = tcp_v4_get_port(sk, 0);
		if (err)
			return err;
	} else {
		/* SO_REUSEADDR sockets may share a port, listeners may not. */
		struct inet_bind_bucket *tb = tp->bind_bucket;
		struct tcp_sock *o;

		hlist_for_each_entry(o, &tb->owners, bind_node)
			if (o != tp && o->inet.sk.sk_state == TCP_LISTEN &&
			    (!o->inet.inet_rcv_saddr ||
			     !inet_sk(sk)->inet_rcv_saddr ||
			     o->inet.inet_rcv_saddr == inet_sk(sk)->inet_rcv_saddr))
				return -EADDRINUSE;
	}
	tp->max_ack_backlog = backlog;
	tcp_set_state(sk, TCP_LISTEN);
	inet_listen_hash(sk);
	return 0;
}

/* The listener closes: requests are dropped, unaccepted children reset
 * (Linux inet_csk_listen_stop). */
static void inet_csk_listen_stop(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk), *c, *cn;
	struct request_sock *req, *rn;

	list_for_each_entry_safe(req, rn, &tp->req_list, list)
		reqsk_drop(req);
	list_for_each_entry_safe(c, cn, &tp->accept_queue, accept_node) {
		struct sock *child = &c->inet.sk;

		list_del(&c->accept_node);
		INIT_LIST_HEAD(&c->accept_node);
		tp->acceptq_len--;
		c->listener = NULL;
		child->sk_dead = true;
		if (child->sk_state != TCP_CLOSE)
			tcp_send_active_reset(child);
		tcp_done(child);        /* frees the orphan */
	}
}

static int inet_csk_wait_for_connect(struct sock *sk, long *timeo)
{
	wait_queue_entry_t wait;

	if (*timeo == 0)
		return -EAGAIN;
	init_wait_entry(&wait, 0);
	prepare_to_wait(&sk->sk_wq, &wait);
	if (list_empty(&tcp_sk(sk)->accept_queue) &&
	    sk->sk_state == TCP_LISTEN)
		*timeo = schedule_timeout(*timeo);
	finish_wait(&sk->sk_wq, &wait);
	if (signal_pending_current())
		return sock_intr_errno(*timeo);
	return 0;
}

struct sock *inet_csk_accept(struct sock *sk, int flags, int *err)
{
	struct tcp_sock *tp = tcp_sk(sk), *c;
	long timeo = (flags & MSG_DONTWAIT) ? 0 : sk->sk_rcvtimeo;

	for (;;) {
		local_bh_disable();
		if (sk->sk_state != TCP_LISTEN) {
			local_bh_enable();
			*err = -EINVAL;
			return NULL;
		}
		/* Only established (or already finished) children are ready. */
		list_for_each_entry(c, &tp->accept_queue, accept_node) {
			if (c->inet.sk.sk_state != TCP_SYN_RECV) {
				list_del(&c->accept_node);
				INIT_LIST_HEAD(&c->accept_node);
				tp->acceptq_len--;
				c->listener = NULL;
				local_bh_enable();
				return &c->inet.sk;
			}
		}
		local_bh_enable();
		*err = inet_csk_wait_for_connect(sk, &timeo);
		if (*err)
			return NULL;
	}
}

/* ---- close / shutdown ---- */

/* RFC 9293 3.10.4 CLOSE: the state our FIN takes us to. Returns true if
 * a FIN must be sent. */
static bool tcp_close_state(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
	case TCP_SYN_RECV:
		tcp_set_state(sk, TCP_FIN_WAIT1);
		return true;
	case TCP_CLOSE_WAIT:
		tcp_set_state(sk, TCP_LAST_ACK);
		return true;
	default:
		return false;
	}
}

void tcp_shutdown(struct sock *sk, int how)
{
	if (!(how & SEND_SHUTDOWN))
		return;
	if (tcp_close_state(sk))
		tcp_send_fin(sk);
}

/* Linux tcp_need_reset: states where an abort tells the peer. */
static bool tcp_need_reset(int state)
{
	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT ||
	       state == TCP_FIN_WAIT1 || state == TCP_FIN_WAIT2 ||
	       state == TCP_SYN_RECV;
}

static bool tcp_fin_pending(const struct sock *sk)
{
	return sk->sk_state == TCP_FIN_WAIT1 || sk->sk_state == TCP_CLOSING ||
	       sk->sk_state == TCP_LAST_ACK;
}

/* SO_LINGER with a time: a blocking close waits (bounded) for our FIN to
 * be acknowledged (Linux sk_stream_wait_close). Called with bottom
 * halves off; they run while we sleep. */
static void tcp_linger_wait(struct sock *sk, long timeout)
{
	wait_queue_entry_t wait;

	init_wait_entry(&wait, 0);
	while (timeout > 0 && tcp_fin_pending(sk)) {
		prepare_to_wait(&sk->sk_wq, &wait);
		local_bh_enable();
		if (tcp_fin_pending(sk))
			timeout = schedule_timeout(timeout);
		local_bh_disable();
		finish_wait(&sk->sk_wq, &wait);
		if (signal_pending_current())
			break;
	}
}

/* Linux tcp_close: the user lets go. timeout is SO_LINGER's time (ms)
 * when it is on with a non-zero time; SO_LINGER on with zero time is an
 * abort (RST, TCPAbortOnData, as Linux counts it). */
void tcp_close(struct sock *sk, long timeout)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool unread = !list_empty(&sk->sk_receive_queue.list);

	sock_hold(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (sk->sk_state == TCP_LISTEN) {
		sk->sk_dead = true;     /* no wakeups for a dying listener */
		inet_csk_listen_stop(sk);
		tcp_set_state(sk, TCP_CLOSE);
	}
	pkb_queue_purge(&sk->sk_receive_queue);
	if (sk->sk_state == TCP_CLOSE) {
		/* nothing to tell anyone */
	} else if (sk->sk_state == TCP_SYN_SENT) {
		tcp_done(sk);
	} else if (unread) {
		/* RFC 2525 2.17 / Linux: closing with unread data is an
		 * abort, so the peer learns its data was not consumed. */
		TCPEXT_INC_STATS(TCPABORTONCLOSE);
		tcp_send_active_reset(sk);
		tcp_done(sk);
	} else if (sk->sk_linger == 0) {
		TCPEXT_INC_STATS(TCPABORTONDATA);
		if (tcp_need_reset(sk->sk_state))
			tcp_send_active_reset(sk);
		tcp_done(sk);
	} else if (tcp_close_state(sk)) {
		tcp_send_fin(sk);
	}
	if (timeout > 0)
		tcp_linger_wait(sk, timeout);
	sk->sk_dead = true;             /* an orphan from here on */
	if (sk->sk_state == TCP_CLOSE) {
		inet_csk_destroy_sock(sk);
	} else if (sk->sk_state == TCP_FIN_WAIT2 && tp->linger2 < 0) {
		/* TCP_LINGER2 < 0: no waiting for their FIN at all. */
		TCPEXT_INC_STATS(TCPABORTONLINGER);
		tcp_send_active_reset(sk);
		tcp_done(sk);                   /* dead: destroys it */
	} else if (sk->sk_state == TCP_FIN_WAIT2) {
		/* Our FIN is acknowledged (or shutdown(SHUT_WR) sent it
		 * earlier); nobody waits for the peer's FIN forever. */
		mod_timer(&tp->keepalive_timer, jiffies + tcp_fin_time(tp));
	}
	sock_put(sk);
}

/* ---- send ---- */

/* Segments are filled and drained piecewise, so the copy must resume in
 * the middle of the caller's vector: work on a private copy of it
 * (at most TCP_MAX_IOV entries; len is cut to what those hold). */
#define TCP_MAX_IOV 16

static size_t tcp_msg_private(struct msghdr *m, struct kvec *iov,
			      const struct msghdr *msg, size_t len)
{
	size_t total = 0;

	*m = *msg;
	if (m->msg_iovlen > TCP_MAX_IOV)
		m->msg_iovlen = TCP_MAX_IOV;
	memcpy(iov, msg->msg_iov, m->msg_iovlen * sizeof(iov[0]));
	m->msg_iov = iov;
	for (size_t i = 0; i < m->msg_iovlen; i++)
		total += iov[i].iov_len;
	return MIN(len, total);
}

static void tcp_iov_advance(struct msghdr *m, size_t n)
{
	for (size_t i = 0; n && i < m->msg_iovlen; i++) {
		size_t k = MIN(n, m->msg_iov[i].iov_len);

		m->msg_iov[i].iov_base = (u8 *)m->msg_iov[i].iov_base + k;
		m->msg_iov[i].iov_len -= k;
		n -= k;
	}
}

static int tcp_send_state_err(struct sock *sk)
{
	int err = sock_error(sk);

	if (err)
		return -err;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		return 0;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		return -EAGAIN;         /* the caller waits for the handshake */
	case TCP_CLOSE:
		return tcp_sk(sk)->was_connected ? -EPIPE : -ENOTCONN;
	default:
		return -EPIPE;
	}
}

/* Copy as much as the send buffer takes into MSS-sized segments and
 * push them. Returns bytes queued, or -EAGAIN when the buffer is full
 * (the socket layer then waits for tcp_ack to free some). */
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct msghdr m;
	struct kvec iov[TCP_MAX_IOV];
	size_t copied = 0;
	int err = tcp_send_state_err(sk);

	if (err)
		return err;
	len = tcp_msg_private(&m, iov, msg, len);
	while (copied < len) {
		struct pkbuf *tail = tcp_write_queue_tail(tp);
		unsigned int room, n;
		u8 *dst;

		if (tail && tp->send_head &&
		    !(TCP_SKB_CB(tail)->sacked & TCPCB_SENT) &&
		    !(TCP_SKB_CB(tail)->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN)) &&
		    tail->len < tp->mss_cache && pkb_tailroom(tail)) {
			room = MIN(tp->mss_cache - tail->len, pkb_tailroom(tail));
		} else {
			if (sk->sk_wmem_alloc >= sk->sk_sndbuf)
				break;
			/* Sized to the data, not the MSS: over lo the MSS
			 * is 64 KiB and small writes would waste the buffer. */
			tail = pkb_alloc((unsigned int)MIN((size_t)tp->mss_cache,
							   MAX(len - copied,
							       (size_t)512)));
			if (!tail)
				break;
			memset(TCP_SKB_CB(tail), 0, sizeof(struct tcp_skb_cb));
			TCP_SKB_CB(tail)->seq = tp->write_seq;
			TCP_SKB_CB(tail)->end_seq = tp->write_seq;
			TCP_SKB_CB(tail)->tcp_flags = TCPHDR_ACK;
			sk->sk_wmem_alloc += (int)tail->truesize;
			pkb_queue_tail(&tp->write_queue, tail);
			if (!tp->send_head)
				tp->send_head = tail;
			room = MIN((unsigned int)tp->mss_cache, pkb_tailroom(tail));
		}
		n = (unsigned int)MIN((size_t)room, len - copied);
		dst = pkb_put(tail, n);
		err = memcpy_from_msg(dst, &m, n);
		if (err) {
			pkb_trim(tail, tail->len - n);
			break;
		}
		tcp_iov_advance(&m, n);
		TCP_SKB_CB(tail)->end_seq += n;
		tp->write_seq += n;
		copied += n;
	}
	if (copied && (msg->msg_flags & MSG_OOB))
		tcp_mark_urg(sk);
	if (copied) {
		/* MSG_MORE: more is coming, hold a partial tail (as
		 * TCP_CORK, for this send only). */
		tp->more = !!(msg->msg_flags & MSG_MORE);
		tcp_write_xmit(sk);
	}
	if (copied)
		return (int)copied;
	return err ? err : -EAGAIN;
}

/* ---- receive ---- */

/* After the reader made room (Linux tcp_cleanup_rbuf): an ACK the
 * delayed-ACK timer holds goes now if more than a segment waits for it;
 * a window update goes only once the window the peer sees has fallen to
 * half the largest we offer and reading at least doubles it (and opens
 * it by an MSS: RFC 9293 3.8.6.2.2). Reading a segment at a time must
 * not cost an ACK each: the delayed ACKs carry the window anyway. */
static void tcp_cleanup_rbuf(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 cur = tcp_receive_window(tp);
	u32 max = TCP_MAX_WINDOW << (tp->wscale_ok ? tp->rcv_wscale : 0);
	int space = (sk->sk_rcvbuf - sk->sk_rmem_alloc) / 2;
	u32 now = MIN((u32)(space > 0 ? space : 0), max);
	u32 clamp = MIN((u32)sk->sk_rcvbuf / 2, max);

	if (sk->sk_state != TCP_ESTABLISHED && sk->sk_state != TCP_FIN_WAIT1 &&
	    sk->sk_state != TCP_FIN_WAIT2)
		return;
	if (tp->ack_pending && tp->rcv_nxt - tp->rcv_wup > tp->rcv_mss)
		tcp_send_ack(sk);
	else if (2 * cur <= clamp && now >= 2 * cur && now >= cur + tp->advmss)
		tcp_send_ack(sk);
}

/* Is there something for read()? Not when all that is queued is the
 * urgent byte and it is not inline (Linux tcp_stream_is_readable). */
static bool tcp_readable(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct pkbuf *head = pkb_peek(&sk->sk_receive_queue);

	if (!head)
		return false;
	return !(head->len == 1 &&
		 head->list.next == &sk->sk_receive_queue.list &&
		 tp->urg_data && !sk->sk_urginline &&
		 tp->urg_seq == TCP_SKB_CB(head)->seq);
}

static int tcp_recv_wait(struct sock *sk, long *timeo)
{
	wait_queue_entry_t wait;

	if (*timeo == 0)
		return -EAGAIN;
	init_wait_entry(&wait, 0);
	prepare_to_wait(&sk->sk_wq, &wait);
	if (!tcp_readable(sk) && !sk->sk_err &&
	    !(sk->sk_shutdown & RCV_SHUTDOWN) && sk->sk_state != TCP_CLOSE)
		*timeo = schedule_timeout(*timeo);
	finish_wait(&sk->sk_wq, &wait);
	if (signal_pending_current())
		return sock_intr_errno(*timeo);
	return 0;
}

int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long timeo = (flags & MSG_DONTWAIT) ? 0 : sk->sk_rcvtimeo;
	struct kvec iov[TCP_MAX_IOV];
	struct msghdr m;
	size_t copied = 0;
	int err;

	if (sk->sk_state == TCP_LISTEN)
		return -ENOTCONN;
	if (flags & MSG_OOB) {
		local_bh_disable();
		err = tcp_recv_urg(sk, msg, len, flags);
		local_bh_enable();
		return err;
	}
	len = tcp_msg_private(&m, iov, msg, len);
	if (!len)
		return 0;
	for (;;) {
		struct pkbuf *pkb, *next;

		local_bh_disable();
		list_for_each_entry_safe(pkb, next, &sk->sk_receive_queue.list,
					 list) {
			struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
			unsigned int start = 0, avail = pkb->len, used;
			bool at_mark = false;
			size_t n;

			if (copied >= len)
				break;
			/* Urgent data: reading stops at the mark; the urgent
			 * byte itself is skipped unless SO_OOBINLINE (Linux). */
			if (tp->urg_data && tp->urg_seq - cb->seq < pkb->len) {
				u32 off = tp->urg_seq - cb->seq;

				if (off == 0) {
					if (copied)
						break;
					if (!sk->sk_urginline)
						start = 1;
				} else {
					avail = off;
					at_mark = true;
				}
			}
			n = MIN((size_t)(avail - start), len - copied);
			if (n) {
				err = memcpy_to_msg(&m, pkb->data + start, n);
				if (err) {
					local_bh_enable();
					return copied ? (int)copied : err;
				}
				tcp_iov_advance(&m, n);
				copied += n;
			}
			if (flags & MSG_PEEK) {
				if (at_mark)
					break;
				continue;
			}
			used = start + (unsigned int)n;
			if (used < pkb->len) {
				pkb_pull(pkb, used);
				cb->seq += used;
				break;
			}
			pkb_unlink(pkb, &sk->sk_receive_queue);
			pkb_free(pkb);
		}
		/* Read past the urgent byte: it is gone (Linux). */
		if (!(flags & MSG_PEEK) && (tp->urg_data & TCP_URG_VALID ||
					    tp->urg_data == TCP_URG_READ) &&
		    after(tcp_copied_seq(sk), tp->urg_seq))
			tp->urg_data = 0;
		if (copied) {
			if (!(flags & MSG_PEEK))
				tcp_cleanup_rbuf(sk);
			local_bh_enable();
			return (int)copied;
		}
		err = sock_error(sk);
		if (!err && (sk->sk_shutdown & RCV_SHUTDOWN))
			err = -1;       /* end of data */
		else if (!err && sk->sk_state == TCP_CLOSE)
			err = tcp_sk(sk)->was_connected ? -1 : ENOTCONN;
		local_bh_enable();
		if (err == -1)
			return 0;
		if (err)
			return -err;
		err = tcp_recv_wait(sk, &timeo);
		if (err)
			return err;
	}
}

/* ---- poll (Linux tcp_poll) ---- */

unsigned int tcp_poll_mask(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int mask = 0;
	int state = sk->sk_state;

	if (state == TCP_LISTEN) {
		struct tcp_sock *c;

		list_for_each_entry(c, &tp->accept_queue, accept_node)
			if (c->inet.sk.sk_state != TCP_SYN_RECV)
				return SK_POLLIN | SK_POLLRDNORM;
		return 0;
	}
	if (sk->sk_shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= SK_POLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= SK_POLLIN | SK_POLLRDNORM | 0x2000;    /* POLLRDHUP */
	if (state != TCP_SYN_SENT && state != TCP_SYN_RECV) {
		if (tcp_readable(sk))
			mask |= SK_POLLIN | SK_POLLRDNORM;
		if (tp->urg_data & TCP_URG_VALID)
			mask |= SK_POLLPRI;
		if (!(sk->sk_shutdown & SEND_SHUTDOWN)) {
			if (sk->sk_wmem_alloc < sk->sk_sndbuf)
				mask |= SK_POLLOUT | SK_POLLWRNORM;
		} else {
			mask |= SK_POLLOUT | SK_POLLWRNORM;
		}
	}
	if (sk->sk_err)
		mask |= SK_POLLERR;
	return mask;
}

static int tcp_listen(struct sock *sk, int backlog)
{
	return inet_csk_listen_start(sk, backlog);
}

static int tcp_disconnect(struct sock *sk, int flags)
{
	return -EOPNOTSUPP;
}

static void tcp_unhash(struct sock *sk)
{
	inet_unhash(sk);
}

const struct proto tcp_prot = {
	.name = "TCP",
	.obj_size = sizeof(struct tcp_sock),
	.init = tcp_init_sock,
	.close = tcp_close,
	.bind = tcp_v4_bind,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.get_port = tcp_v4_get_port,
	.unhash = tcp_unhash,
	.listen = tcp_listen,
	.accept = inet_csk_accept,
	.shutdown = tcp_shutdown,
	.poll_mask = tcp_poll_mask,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.keepalive = tcp_set_keepalive,
	.memory_allocated = &tcp_memory_allocated,
	.sysctl_mem = &sysctl_tcp_mem,
	.ioctl = tcp_ioctl,
};
