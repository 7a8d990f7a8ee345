/* Generic socket state shared by every protocol (Linux net/core/sock.c):
 * allocation, reference counts, receive/send buffer accounting, the
 * default wake-up callbacks, and copies between messages and buffers.
 *
 *   udp_rcv -> sock_queue_rcv_pkb (here) -> sk_data_ready -> wake readers
 *   udp_recvmsg -> sk_wait_data (here) -> pkb_dequeue -> memcpy_to_msg
 */
#include <net/sock.h>

static long sock_live;

long sock_live_count(void)
{
	return sock_live;
}

struct sock *sk_alloc(int family, int type, int protocol,
		      const struct proto *prot)
{
	struct sock *sk;

	if (WARN_ON(prot->obj_size < sizeof(struct sock)))
		return NULL;
	sk = kzalloc(prot->obj_size);
	if (!sk)
		return NULL;
	sk->sk_family = (u16)family;
	sk->sk_type = (u16)type;
	sk->sk_protocol = (u8)protocol;
	sk->sk_prot = prot;
	sock_live++;
	sock_init_data(sk);
	return sk;
}

void sock_init_data(struct sock *sk)
{
	pkb_queue_init(&sk->sk_receive_queue);
	INIT_HLIST_NODE(&sk->sk_node);
	init_waitqueue_head(&sk->sk_wq);
	spin_lock_init(&sk->sk_lock);
	sk->sk_state = TCP_CLOSE;
	sk->sk_rcvbuf = SOCK_RCVBUF_DEFAULT;
	sk->sk_sndbuf = SOCK_SNDBUF_DEFAULT;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_refcnt = 1;
	sk->sk_linger = -1;
	sk->sk_rcvlowat = 1;
	sk->sk_state_change = sock_def_wakeup;
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sock_def_write_space;
	sk->sk_error_report = sock_def_error_report;
}

void sock_hold(struct sock *sk)
{
	sk->sk_refcnt++;
}

void sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt > 0)
		return;
	WARN_ON(!hlist_unhashed(&sk->sk_node));
	pkb_queue_purge(&sk->sk_receive_queue);
	if (sk->sk_destruct)
		sk->sk_destruct(sk);
	WARN_ON(sk->sk_rmem_alloc != 0);
	sock_live--;
	kfree(sk);
}

static void sock_rfree(struct pkbuf *pkb)
{
	struct sock *sk = pkb->sk;

	sk->sk_rmem_alloc -= (int)pkb->truesize;
	if (sk->sk_prot && sk->sk_prot->memory_allocated)
		*sk->sk_prot->memory_allocated -= (long)pkb->truesize;
}

/* Room under the protocol's global receive-memory limit? */
bool sk_rmem_schedule(const struct sock *sk, unsigned int size)
{
	const struct proto *p = sk->sk_prot;

	return !p || !p->memory_allocated ||
	       *p->memory_allocated + (long)size <= *p->sysctl_mem;
}

static void sock_wfree(struct pkbuf *pkb)
{
	struct sock *sk = pkb->sk;

	sk->sk_wmem_alloc -= (int)pkb->truesize;
	if (!sk->sk_dead)
		sk->sk_write_space(sk);
	sock_put(sk);
}

int sock_queue_rcv_pkb(struct sock *sk, struct pkbuf *pkb)
{
	if (sk->sk_rmem_alloc + (int)pkb->truesize > sk->sk_rcvbuf ||
	    !sk_rmem_schedule(sk, pkb->truesize)) {
		sk->sk_drops++;
		return -ENOMEM;
	}
	pkb_orphan(pkb);
	pkb->sk = sk;
	pkb->destructor = sock_rfree;
	sk->sk_rmem_alloc += (int)pkb->truesize;
	if (sk->sk_prot && sk->sk_prot->memory_allocated)
		*sk->sk_prot->memory_allocated += (long)pkb->truesize;
	pkb_queue_tail(&sk->sk_receive_queue, pkb);
	if (!sk->sk_dead)
		sk->sk_data_ready(sk);
	return 0;
}

/* A sent buffer stays charged until freed (the driver's completion, or
 * dev_queue_xmit orphaning it), so a sender cannot pile up buffers
 * waiting for ARP without bound. The buffer holds a socket reference. */
int sock_charge_wmem(struct sock *sk, struct pkbuf *pkb)
{
	if (sk->sk_wmem_alloc + (int)pkb->truesize > sk->sk_sndbuf)
		return -EAGAIN;
	pkb->sk = sk;
	pkb->destructor = sock_wfree;
	sk->sk_wmem_alloc += (int)pkb->truesize;
	sock_hold(sk);
	return 0;
}

int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return err;
}

/* A blocking call interrupted by a signal restarts (SA_RESTART) unless it
 * had a timeout, as Linux's sock_intr_errno. */
int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS_NET : -EINTR;
}

int sk_wait_data(struct sock *sk, long *timeo)
{
	wait_queue_entry_t wait;

	if (*timeo == 0)
		return -EAGAIN;
	init_wait_entry(&wait, 0);
	prepare_to_wait(&sk->sk_wq, &wait);
	if (list_empty(&sk->sk_receive_queue.list) && !sk->sk_err &&
	    !sk->sk_shutdown) {
		*timeo = schedule_timeout(*timeo);
	}
	finish_wait(&sk->sk_wq, &wait);
	if (signal_pending_current())
		return sock_intr_errno(*timeo);
	return 0;
}

void sock_def_readable(struct sock *sk)
{
	wake_up_poll(&sk->sk_wq, SK_POLLIN | SK_POLLRDNORM);
}

void sock_def_wakeup(struct sock *sk)
{
	wake_up(&sk->sk_wq);
}

void sock_def_write_space(struct sock *sk)
{
	if (sk->sk_wmem_alloc * 2 <= sk->sk_sndbuf)
		wake_up_poll(&sk->sk_wq, SK_POLLOUT | SK_POLLWRNORM | SK_POLLWRBAND);
}

void sock_def_error_report(struct sock *sk)
{
	wake_up_poll(&sk->sk_wq, SK_POLLERR);
}

size_t msg_data_len(const struct msghdr *msg)
{
	size_t n = 0;

	for (size_t i = 0; i < msg->msg_iovlen; i++)
		n += msg->msg_iov[i].iov_len;
	return n;
}

int memcpy_from_msg(void *to, const struct msghdr *msg, size_t len)
{
	u8 *dst = to;

	for (size_t i = 0; i < msg->msg_iovlen && len; i++) {
		size_t n = MIN(len, msg->msg_iov[i].iov_len);

		if (msg->msg_user) {
			if (copy_from_user(dst, msg->msg_iov[i].iov_base, n))
				return -EFAULT;
		} else {
			memcpy(dst, msg->msg_iov[i].iov_base, n);
		}
		dst += n;
		len -= n;
	}
	return len ? -EFAULT : 0;
}

int memcpy_to_msg(struct msghdr *msg, const void *from, size_t len)
{
	const u8 *src = from;

	for (size_t i = 0; i < msg->msg_iovlen && len; i++) {
		size_t n = MIN(len, msg->msg_iov[i].iov_len);

		if (msg->msg_user) {
			if (copy_to_user(msg->msg_iov[i].iov_base, src, n))
				return -EFAULT;
		} else {
			memcpy(msg->msg_iov[i].iov_base, src, n);
		}
		src += n;
		len -= n;
	}
	return len ? -EFAULT : 0;
}
