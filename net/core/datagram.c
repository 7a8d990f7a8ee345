/* What datagram sockets share (Linux net/core/datagram.c): the poll mask,
 * and waiting for send buffer room. */
#include <net/socket.h>

unsigned int datagram_poll(struct file *file, struct socket *sock,
			   struct poll_table_struct *wait)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	sock_poll_wait(file, &sk->sk_wq, wait);
	if (sk->sk_err)
		mask |= SK_POLLERR;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= 0x2000 | SK_POLLIN | SK_POLLRDNORM;     /* POLLRDHUP */
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= SK_POLLHUP;
	if (!list_empty(&sk->sk_receive_queue.list))
		mask |= SK_POLLIN | SK_POLLRDNORM;
	if (sk->sk_wmem_alloc * 2 < sk->sk_sndbuf)     /* sock_writeable */
		mask |= SK_POLLOUT | SK_POLLWRNORM | SK_POLLWRBAND;
	return mask;
}

/* Sleep until the send buffer has room, an error, or the timeout. */
int sk_stream_wait_memory_dgram(struct sock *sk, long *timeo)
{
	wait_queue_entry_t wait;

	if (*timeo == 0)
		return -EAGAIN;
	init_wait_entry(&wait, 0);
	prepare_to_wait(&sk->sk_wq, &wait);
	if (sk->sk_wmem_alloc >= sk->sk_sndbuf && !sk->sk_err &&
	    !(sk->sk_shutdown & SEND_SHUTDOWN))
		*timeo = schedule_timeout(*timeo);
	finish_wait(&sk->sk_wq, &wait);
	if (signal_pending_current())
		return sock_intr_errno(*timeo);
	if (*timeo == 0 && sk->sk_wmem_alloc >= sk->sk_sndbuf)
		return -EAGAIN;
	return 0;
}
