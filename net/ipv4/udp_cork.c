/* UDP_CORK and MSG_MORE (Linux udp_sendmsg's corked path, udp(7)): sends
 * made while the socket is corked, or with MSG_MORE, are gathered into
 * one datagram, which goes when a send without MSG_MORE (on an uncorked
 * socket) ends it or the cork is taken off. The destination is the first
 * send's; later sends only add data. A datagram that would grow past
 * 65,507 bytes fails with EMSGSIZE and is dropped whole, as in Linux.
 *
 *   udp_sendmsg -> udp_start_pending   (first corked send)
 *              -> udp_append_pending  (the ones after; pushes when done)
 *   setsockopt(SOL_UDP, UDP_CORK, 0) -> udp_push_pending
 */
#include <net/udp.h>
#include <net/sock.h>
#include <net/snmp.h>
#include <uapi/socket.h>
#include <lib/string.h>

#include <uapi/udp.h>

void udp_flush_pending(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);

	kfree(up->pending);
	up->pending = NULL;
	up->pending_len = up->pending_cap = 0;
}

static int fill_from_pending(void *dst, size_t n, void *arg)
{
	memcpy(dst, udp_sk((struct sock *)arg)->pending, n);
	return 0;
}

/* Send the gathered datagram (an empty one too, as Linux does). */
int udp_push_pending(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);
	int err;

	if (!up->pending)
		return 0;
	err = udp_xmit(sk, up->pending_daddr, up->pending_dport,
		       up->pending_len, fill_from_pending, sk);
	udp_flush_pending(sk);
	return err;
}

/* Add len bytes of msg; the buffer grows by doubling. */
static int udp_pending_add(struct udp_sock *up, struct msghdr *msg, size_t len)
{
	if (len > UDP_MAX_PAYLOAD - up->pending_len)
		return -EMSGSIZE;
	if (up->pending_len + len > up->pending_cap) {
		u32 cap = up->pending_cap ? up->pending_cap : 512;
		u8 *p;

		while (cap < up->pending_len + len)
			cap *= 2;
		p = kmalloc(cap);
		if (!p)
			return -ENOBUFS;
		memcpy(p, up->pending, up->pending_len);
		kfree(up->pending);
		up->pending = p;
		up->pending_cap = cap;
	}
	if (memcpy_from_msg(up->pending + up->pending_len, msg, len))
		return -EFAULT;
	up->pending_len += (u32)len;
	return 0;
}

int udp_start_pending(struct sock *sk, be32 daddr, be16 dport,
		      struct msghdr *msg, size_t len)
{
	struct udp_sock *up = udp_sk(sk);
	int err;

	up->pending = kmalloc(512);
	if (!up->pending)
		return -ENOBUFS;
	up->pending_cap = 512;
	up->pending_len = 0;
	up->pending_daddr = daddr;
	up->pending_dport = dport;
	err = udp_pending_add(up, msg, len);
	if (err) {
		udp_flush_pending(sk);
		return err;
	}
	return (int)len;
}

int udp_append_pending(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct udp_sock *up = udp_sk(sk);
	int err = udp_pending_add(up, msg, len);

	if (err) {
		udp_flush_pending(sk);
		return err;
	}
	if (!up->corkflag && !(msg->msg_flags & MSG_MORE)) {
		err = udp_push_pending(sk);
		if (err)
			return err;
	}
	return (int)len;
}

int udp_setsockopt(struct sock *sk, int level, int optname,
		   const void *optval, unsigned int optlen)
{
	int val;

	if (level != SOL_UDP)
		return -ENOPROTOOPT;
	if (optname != UDP_CORK)
		return -ENOPROTOOPT;
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	udp_sk(sk)->corkflag = val != 0;
	if (!val && udp_sk(sk)->pending) {
		int err;

		/* As a send: the stack (and loopback's receive, run when
		 * softirqs are enabled again) is shared with softirq
		 * context. */
		local_bh_disable();
		err = udp_push_pending(sk);
		local_bh_enable();
		return err;
	}
	return 0;
}

int udp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen)
{
	int val, len;

	if (level != SOL_UDP)
		return -EOPNOTSUPP;
	if (optname != UDP_CORK)
		return -ENOPROTOOPT;
	if (*optlen < 0)
		return -EINVAL;
	val = udp_sk(sk)->corkflag;
	len = MIN(*optlen, (int)sizeof(int));
	memcpy(optval, &val, (size_t)len);
	*optlen = len;
	return 0;
}
