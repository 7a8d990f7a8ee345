/* Urgent data (RFC 9293 3.8.5, RFC 6093), the way Linux and the BSD
 * sockets API give it to programs: send(MSG_OOB) marks the last byte
 * sent as urgent; the receiver sees one "out-of-band" byte at a time.
 *
 *   send: tcp_sendmsg(MSG_OOB) -> snd_up = write_seq; every segment sent
 *     while snd_up is ahead of its sequence carries URG and the urgent
 *     pointer snd_up - seq (RFC 6093: the byte AFTER the urgent one, as
 *     every stack does), until snd_una passes snd_up
 *   receive: step six (URG bit) -> tcp_check_urg notes urg_seq =
 *     seq + urg_ptr - 1, the urgent byte; tcp_urg_capture takes that byte
 *     out of the segment that brings it (TCP_URG_VALID | byte); recv()
 *     stops at the mark and, unless SO_OOBINLINE, skips the byte, which
 *     recv(MSG_OOB) returns once (tcp_recv_urg). A newer urgent pointer
 *     replaces an older one (only the last byte is kept, as Linux).
 *   poll: POLLPRI while the byte is waiting; ioctl(SIOCATMARK) says
 *     whether the next byte to read is the mark.
 * No SIGURG (no F_SETOWN here).
 */
#include <net/tcp.h>
#include <uapi/sockios.h>

/* The sequence number of the next byte recv() returns (Linux
 * copied_seq): the head of the receive queue, or rcv_nxt. */
u32 tcp_copied_seq(const struct sock *sk)
{
	const struct pkbuf *head = pkb_peek(&sk->sk_receive_queue);

	return head ? TCP_SKB_CB(head)->seq : tcp_sk(sk)->rcv_nxt;
}

/* URG bit of an acceptable segment (Linux tcp_check_urg). */
void tcp_check_urg(struct sock *sk, const struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(pkb);
	u32 ptr = ntohs(th->urg_ptr);

	if (ptr)
		ptr--;                  /* RFC 6093: the byte before it */
	ptr += TCP_SKB_CB(pkb)->seq;
	if (after(tcp_copied_seq(sk), ptr))
		return;                 /* already read past it */
	if (before(ptr, tp->rcv_nxt))
		return;                 /* do not replay an old pointer */
	if (tp->urg_data && !after(ptr, tp->urg_seq))
		return;                 /* we know this one or a newer one */
	tp->urg_data = TCP_URG_NOTYET;
	tp->urg_seq = ptr;
}

/* In-order data is about to be queued: if it holds the urgent byte we
 * wait for, take a copy (Linux tcp_urg's second half). */
void tcp_urg_capture(struct sock *sk, const struct pkbuf *pkb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 off;

	if (tp->urg_data != TCP_URG_NOTYET)
		return;
	off = tp->urg_seq - TCP_SKB_CB(pkb)->seq;
	if (off < pkb->len) {
		tp->urg_data = (u16)(TCP_URG_VALID | pkb->data[off]);
		if (!sk->sk_dead)
			sk->sk_data_ready(sk);
	}
}

/* recv(MSG_OOB) (Linux tcp_recv_urg). */
int tcp_recv_urg(struct sock *sk, struct msghdr *msg, size_t len, int flags)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_urginline || !tp->urg_data ||
	    tp->urg_data == TCP_URG_READ)
		return -EINVAL;
	if (tp->urg_data & TCP_URG_VALID) {
		u8 c = (u8)tp->urg_data;
		int err;

		if (!(flags & MSG_PEEK))
			tp->urg_data = TCP_URG_READ;
		msg->msg_flags |= MSG_OOB;
		if (len > 0) {
			err = memcpy_to_msg(msg, &c, 1);
			if (err)
				return err;
			return 1;
		}
		msg->msg_flags |= MSG_TRUNC;
		return 0;
	}
	if (sk->sk_state == TCP_CLOSE || (sk->sk_shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;                 /* the byte has not arrived yet */
}

/* send(MSG_OOB): the last byte queued is urgent (Linux tcp_mark_urg). */
void tcp_mark_urg(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->snd_up = tp->write_seq;
	tp->urg_mode = true;
}

/* URG and the urgent pointer for a segment starting at seq (Linux
 * tcp_transmit_skb): the pointer is relative to the segment; one more
 * than 65535 ahead is sent as 65535 while it is still ahead of what we
 * have sent. */
void tcp_urg_fill(const struct sock *sk, u32 seq, u8 *flags, u16 *urg_ptr)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->urg_mode || !before(seq, tp->snd_up))
		return;
	if (before(tp->snd_up, seq + 0x10000)) {
		*urg_ptr = (u16)(tp->snd_up - seq);
		*flags |= TCPHDR_URG;
	} else if (after(seq + 0xFFFF, tp->snd_nxt)) {
		*urg_ptr = 0xFFFF;
		*flags |= TCPHDR_URG;
	}
}

/* ACKed past the urgent byte: urgent mode is over. */
void tcp_urg_acked(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->urg_mode && !before(tp->snd_una, tp->snd_up))
		tp->urg_mode = false;
}

int tcp_ioctl(struct sock *sk, unsigned int cmd, unsigned long arg)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	int v;

	if (cmd != SIOCATMARK)
		return -ENOTTY;
	if (sk->sk_state == TCP_LISTEN)
		return -EINVAL;
	v = tp->urg_data && tp->urg_seq == tcp_copied_seq(sk);
	return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}
