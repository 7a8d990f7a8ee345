/* The IPv4 family at boot (Linux inet_init): ARP and IP packet types, the
 * IP protocol table (ICMP, UDP; TCP later), reassembly state.
 *
 * The socket layer step adds here: sock_register(&inet_family_ops) and
 * the protocol switch inetsw mapping (SOCK_DGRAM, IPPROTO_UDP) to
 * inet_dgram_ops + udp_prot, (SOCK_RAW, IPPROTO_ICMP) to raw ops, and
 * (SOCK_STREAM, IPPROTO_TCP) to inet_stream_ops + tcp_prot.
 */
#include <net/net.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/udp.h>
#include <net/tcp.h>

int inet_sock_init(void);

int inet_init(void)
{
	int err;

	ip_frag_init();
	err = arp_init();
	if (err)
		return err;
	err = ip_init();
	if (err)
		return err;
	err = icmp_init();
	if (err)
		return err;
	err = udp_init();
	if (err)
		return err;
	err = tcp_init();
	if (err)
		return err;
	return inet_sock_init();
}

/* ---- The socket side of AF_INET (Linux net/ipv4/af_inet.c) ----
 *
 * socket(AF_INET, type, protocol) reaches inet_create() through
 * net_families[AF_INET]; inet_create() finds (type, protocol) in the
 * protocol switch inetsw[] and builds the struct sock with that entry's
 * struct proto, while the struct socket gets its struct proto_ops. */
#include <net/socket.h>
#include <net/raw.h>
#include <net/route.h>

static struct list_head inetsw[SOCK_TYPE_MASK];

void inet_register_protosw(struct inet_protosw *p)
{
	if (p->type < 0 || p->type >= SOCK_TYPE_MASK)
		return;
	if (!inetsw[p->type].next)
		INIT_LIST_HEAD(&inetsw[p->type]);
	list_add_tail(&p->list, &inetsw[p->type]);
}

static int inet_create(struct socket *sock, int protocol)
{
	struct inet_protosw *answer = NULL, *p;
	struct sock *sk;
	int err = -ESOCKTNOSUPPORT;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	if (!inetsw[sock->type].next)
		INIT_LIST_HEAD(&inetsw[sock->type]);
	/* An exact match, or a wildcard on either side (Linux's rules). */
	list_for_each_entry(p, &inetsw[sock->type], list) {
		err = -EPROTONOSUPPORT;
		if (protocol == p->protocol) {
			if (protocol != IPPROTO_IP) {
				answer = p;
				break;
			}
		} else {
			if (protocol == IPPROTO_IP) {
				protocol = p->protocol;
				answer = p;
				break;
			}
			if (p->protocol == IPPROTO_IP) {
				answer = p;
				break;
			}
		}
	}
	if (!answer) {
		/* SOCK_STREAM is an INET type whose protocol (TCP) may simply
		 * not be registered: say "protocol", not "type", missing. */
		return list_empty(&inetsw[sock->type]) && sock->type == SOCK_STREAM ?
		       -EPROTONOSUPPORT : err;
	}
	sock->ops = answer->ops;
	sk = sk_alloc(AF_INET, sock->type, protocol, answer->prot);
	if (!sk)
		return -ENOBUFS;
	sock_graft(sk, sock);
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;   /* ip_no_pmtu_disc=0 */
	if (sock->type == SOCK_RAW) {
		err = raw_init_sock(sk, protocol);
		if (err)
			goto out_put;
	}
	if (sk->sk_prot->init) {
		err = sk->sk_prot->init(sk);
		if (err)
			goto out_put;
	}
	return 0;
out_put:
	sock->sk = NULL;
	sk->sk_prot = answer->prot;
	sock_put(sk);
	return err;
}

const struct net_proto_family inet_family_ops = {
	.family = AF_INET,
	.create = inet_create,
};

static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock->sk = NULL;
	sk->sk_socket = NULL;
	local_bh_disable();
	sk->sk_prot->close(sk, sk->sk_linger > 0 ? sk->sk_linger * 1000L : 0);
	local_bh_enable();
	return 0;
}

static int inet_bind(struct socket *sock, const void *uaddr, int addrlen)
{
	struct sock *sk = sock->sk;
	int err;

	if (addrlen < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (!sk->sk_prot->bind)
		return -EOPNOTSUPP;
	local_bh_disable();
	err = sk->sk_prot->bind(sk, uaddr);
	local_bh_enable();
	return err;
}

static int inet_dgram_connect(struct socket *sock, const void *uaddr,
			      int addrlen, int flags)
{
	const struct sockaddr_in *sin = uaddr;
	struct sock *sk = sock->sk;
	int err;

	if (addrlen < (int)sizeof(sin->sin_family))
		return -EINVAL;
	if (sin->sin_family != AF_UNSPEC && addrlen < (int)sizeof(*sin))
		return -EINVAL;
	local_bh_disable();
	if (sin->sin_family == AF_UNSPEC)
		err = sk->sk_prot->disconnect ? sk->sk_prot->disconnect(sk, flags) :
		      sk->sk_prot->connect(sk, sin);
	else
		err = sk->sk_prot->connect(sk, sin);
	local_bh_enable();
	sock->state = !err && sk->sk_state == TCP_ESTABLISHED ? SS_CONNECTED :
		      SS_UNCONNECTED;
	return err;
}

static int inet_getname(struct socket *sock, void *uaddr, int peer)
{
	struct inet_sock *inet = inet_sk(sock->sk);
	struct sockaddr_in *sin = uaddr;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (!inet->inet_dport && sock->sk->sk_type != SOCK_RAW)
			return -ENOTCONN;
		if (sock->sk->sk_state != TCP_ESTABLISHED &&
		    sock->sk->sk_state != TCP_CLOSE_WAIT &&
		    sock->sk->sk_state != TCP_FIN_WAIT1 &&
		    sock->sk->sk_state != TCP_FIN_WAIT2)
			return -ENOTCONN;
		sin->sin_port = inet->inet_dport;
		sin->sin_addr.s_addr = inet->inet_daddr;
	} else {
		sin->sin_port = sock->sk->sk_type == SOCK_RAW ? 0 : inet->inet_sport;
		sin->sin_addr.s_addr = inet->inet_rcv_saddr ? inet->inet_rcv_saddr :
				       inet->inet_saddr;
	}
	return sizeof(*sin);
}

#define SIOCINQ  0x541B         /* FIONREAD */
#define SIOCOUTQ 0x5411         /* TIOCOUTQ */

static int inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;
	int *out = (int *)arg, v = 0;

	switch (cmd) {
	case SIOCINQ: {
		struct pkbuf *pkb;

		/* Datagram sockets report the size of the next datagram. */
		local_bh_disable();
		pkb = pkb_peek(&sk->sk_receive_queue);
		if (pkb)
			v = (int)pkb->len - (sk->sk_type == SOCK_DGRAM ? 8 : 0);
		local_bh_enable();
		break;
	}
	case SIOCOUTQ:
		v = sk->sk_wmem_alloc;
		break;
	default:
		if (sk->sk_prot->ioctl)
			return sk->sk_prot->ioctl(sk, cmd, arg);
		return -ENOTTY;
	}
	/* out is a user pointer: the caller passes it through untouched. */
	return copy_to_user(out, &v, sizeof(v)) ? -EFAULT : 0;
}

static int inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	if (how < 0 || how > 2)
		return -EINVAL;
	how++;                          /* SHUT_RD.. -> RCV_SHUTDOWN.. */
	local_bh_disable();
	if (sk->sk_state == TCP_CLOSE)
		err = -ENOTCONN;        /* but still shut down, as Linux */
	sk->sk_shutdown |= how;
	if (sk->sk_prot->shutdown)
		sk->sk_prot->shutdown(sk, how);
	local_bh_enable();
	sk->sk_state_change(sk);
	return err;
}

static int ip_setsockopt(struct sock *sk, int optname, const void *optval,
			 unsigned int optlen)
{
	int v;

	if (optlen < sizeof(int)) {
		if (optlen < 1)
			return -EINVAL;
		v = *(const u8 *)optval;
	} else {
		memcpy(&v, optval, sizeof(int));
	}
	switch (optname) {
	case 2:         /* IP_TTL: 1..255, or -1 for the default */
		if (v == -1)
			v = 0;
		else if (v < 1 || v > 255)
			return -EINVAL;
		inet_sk(sk)->uc_ttl = (u8)v;
		return 0;
	case 1:         /* IP_TOS */
		inet_sk(sk)->tos = (u8)v;
		return 0;
	case 11:        /* IP_RECVERR */
		inet_sk(sk)->recverr = v != 0;
		return 0;
	case IP_MTU_DISCOVER:
		if (v < IP_PMTUDISC_DONT || v > IP_PMTUDISC_OMIT)
			return -EINVAL;
		inet_sk(sk)->pmtudisc = (u8)v;
		return 0;
	case 8:         /* IP_PKTINFO */
	case 12:        /* IP_RECVTTL */
	case 13: {      /* IP_RECVTOS */
		u8 bit = optname == 8 ? IP_CMSG_PKTINFO :
			 optname == 12 ? IP_CMSG_TTL : IP_CMSG_TOS;

		if (v)
			inet_sk(sk)->cmsg_flags |= bit;
		else
			inet_sk(sk)->cmsg_flags &= (u8)~bit;
		return 0;
	}
	}
	return -ENOPROTOOPT;
}

static int ip_getsockopt(struct sock *sk, int optname, void *optval, int *optlen)
{
	int v;

	switch (optname) {
	case 2: v = inet_sk(sk)->uc_ttl ? inet_sk(sk)->uc_ttl : 64; break;
	case 1: v = inet_sk(sk)->tos; break;
	case 11: v = inet_sk(sk)->recverr; break;
	case IP_MTU_DISCOVER: v = inet_sk(sk)->pmtudisc; break;
	case 8: v = !!(inet_sk(sk)->cmsg_flags & IP_CMSG_PKTINFO); break;
	case 12: v = !!(inet_sk(sk)->cmsg_flags & IP_CMSG_TTL); break;
	case 13: v = !!(inet_sk(sk)->cmsg_flags & IP_CMSG_TOS); break;
	case IP_MTU: {          /* the path MTU to the connected peer */
		struct rtable rt;

		if (sk->sk_state != TCP_ESTABLISHED || !inet_sk(sk)->inet_daddr)
			return -ENOTCONN;
		if (ip_route_output(inet_sk(sk)->inet_daddr, inet_sk(sk)->inet_saddr,
				    sk->sk_bound_dev_if, &rt))
			return -ENOTCONN;
		v = (int)rt.mtu;
		break;
	}
	default: return -ENOPROTOOPT;
	}
	if (*optlen < 0)
		return -EINVAL;
	/* A buffer shorter than an int gets the value as one byte when it
	 * fits in one (Linux do_ip_getsockopt). */
	if (*optlen > 0 && *optlen < (int)sizeof(int) && v >= 0 && v <= 255) {
		*(u8 *)optval = (u8)v;
		*optlen = 1;
		return 0;
	}
	*optlen = MIN(*optlen, (int)sizeof(v));
	memcpy(optval, &v, *optlen);
	return 0;
}

static int inet_setsockopt(struct socket *sock, int level, int optname,
			   const void *optval, unsigned int optlen)
{
	if (level == SOL_SOCKET)
		return sock_setsockopt(sock, optname, optval, optlen);
	if (level == IPPROTO_IP)
		return ip_setsockopt(sock->sk, optname, optval, optlen);
	if (sock->sk->sk_prot->setsockopt)
		return sock->sk->sk_prot->setsockopt(sock->sk, level, optname,
						     optval, optlen);
	return -ENOPROTOOPT;
}

static int inet_getsockopt(struct socket *sock, int level, int optname,
			   void *optval, int *optlen)
{
	if (level == SOL_SOCKET)
		return sock_getsockopt(sock, optname, optval, optlen);
	if (level == IPPROTO_IP)
		return ip_getsockopt(sock->sk, optname, optval, optlen);
	if (sock->sk->sk_prot->getsockopt)
		return sock->sk->sk_prot->getsockopt(sock->sk, level, optname,
						     optval, optlen);
	/* The protocol's own level (SOL_UDP, SOL_RAW) has no such option;
	 * any other level falls to IP, which refuses it as EOPNOTSUPP. */
	if (level == (sock->type == SOCK_RAW ? SOL_RAW : sock->sk->sk_protocol))
		return -ENOPROTOOPT;
	return -EOPNOTSUPP;
}

/* Datagram send: a full send buffer blocks a blocking socket until a
 * transmitted buffer is freed (or SO_SNDTIMEO passes). */
static int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	long timeo = (msg->msg_flags & MSG_DONTWAIT) ? 0 : sk->sk_sndtimeo;
	int err;

	for (;;) {
		local_bh_disable();
		err = sk->sk_prot->sendmsg(sk, msg, len);
		local_bh_enable();
		if (err != -EAGAIN || timeo == 0)
			return err;
		err = sk_stream_wait_memory_dgram(sk, &timeo);
		if (err)
			return err;
	}
}

static int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			int flags)
{
	int addr_len = 0;
	int err = sock->sk->sk_prot->recvmsg(sock->sk, msg, len, flags, &addr_len);

	if (err >= 0 && msg->msg_name)
		msg->msg_namelen = addr_len;
	return err;
}

static int sock_no_listen(struct socket *sock, int backlog)
{
	return -EOPNOTSUPP;
}

static int sock_no_accept(struct socket *sock, struct socket *newsock, int flags)
{
	return -EOPNOTSUPP;
}

const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.accept = sock_no_accept,
	.getname = inet_getname,
	.poll = datagram_poll,
	.ioctl = inet_ioctl,
	.listen = sock_no_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

const struct proto_ops inet_sockraw_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.accept = sock_no_accept,
	.getname = inet_getname,
	.poll = datagram_poll,
	.ioctl = inet_ioctl,
	.listen = sock_no_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* ---- Connection-oriented sockets: designed in for TCP ----
 * These call optional struct proto methods (listen, accept, poll_mask,
 * shutdown) that a stream protocol provides; until one registers a
 * SOCK_STREAM entry in inetsw, socket(AF_INET, SOCK_STREAM, 0) fails with
 * ESOCKTNOSUPPORT and these are never reached. */
static int inet_stream_connect(struct socket *sock, const void *uaddr,
			       int addrlen, int flags)
{
	struct sock *sk = sock->sk;
	long timeo = (flags & MSG_DONTWAIT) ? 0 : sk->sk_sndtimeo;
	wait_queue_entry_t wait;
	int err;

	if (addrlen < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	switch (sock->state) {
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	default:
		local_bh_disable();
		err = sk->sk_prot->connect(sk, uaddr);
		local_bh_enable();
		if (err)
			return err;
		sock->state = SS_CONNECTING;
		err = -EINPROGRESS;
	}
	/* Wait for SYN_SENT to resolve, unless non-blocking. */
	init_wait_entry(&wait, 0);
	while (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV) {
		if (timeo == 0)
			return err;
		prepare_to_wait(&sk->sk_wq, &wait);
		if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV)
			timeo = schedule_timeout(timeo);
		finish_wait(&sk->sk_wq, &wait);
		if (signal_pending_current())
			return sock_intr_errno(timeo);
		if (timeo == 0 && sk->sk_state == TCP_SYN_SENT)
			return -ETIMEDOUT;
	}
	if (sk->sk_state == TCP_CLOSE) {
		sock->state = SS_UNCONNECTED;
		err = sock_error(sk);
		return err ? -err : -ECONNREFUSED;
	}
	sock->state = SS_CONNECTED;
	return 0;
}

static int inet_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err;

	if (sock->state != SS_UNCONNECTED || !sk->sk_prot->listen)
		return -EINVAL;
	local_bh_disable();
	err = sk->sk_prot->listen(sk, backlog);
	local_bh_enable();
	return err;
}

static int inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	int err = 0;
	struct sock *child;

	if (!sock->sk->sk_prot->accept)
		return -EOPNOTSUPP;
	child = sock->sk->sk_prot->accept(sock->sk, flags, &err);
	if (!child)
		return err;
	sock_graft(child, newsock);
	newsock->state = SS_CONNECTED;
	return 0;
}

static unsigned int inet_stream_poll(struct file *file, struct socket *sock,
				     struct poll_table_struct *wait)
{
	struct sock *sk = sock->sk;

	sock_poll_wait(file, &sk->sk_wq, wait);
	return sk->sk_prot->poll_mask ? sk->sk_prot->poll_mask(sk) : 0;
}

/* Sleep until the protocol says the socket is writable (or broken), the
 * timeout passes or a signal comes (Linux sk_stream_wait_memory, which
 * also covers waiting for the handshake to finish). */
static int inet_stream_wait_writable(struct sock *sk, long *timeo)
{
	wait_queue_entry_t wait;
	unsigned int ready = SK_POLLOUT | SK_POLLERR | SK_POLLHUP;

	if (*timeo == 0)
		return -EAGAIN;
	init_wait_entry(&wait, 0);
	prepare_to_wait(&sk->sk_wq, &wait);
	if (!(sk->sk_prot->poll_mask(sk) & ready))
		*timeo = schedule_timeout(*timeo);
	finish_wait(&sk->sk_wq, &wait);
	if (signal_pending_current())
		return sock_intr_errno(*timeo);
	if (*timeo == 0 && !(sk->sk_prot->poll_mask(sk) & ready))
		return -EAGAIN;
	return 0;
}

/* A blocking stream write returns when all of it is queued, as Linux;
 * a non-blocking one (or one cut short by a timeout or a signal) returns
 * what was queued so far. The protocol queues what fits and says
 * -EAGAIN when nothing does; the caller's iovec is walked on a copy. */
#define INET_STREAM_IOV 16

static int inet_stream_sendmsg(struct socket *sock, struct msghdr *msg,
			       size_t len)
{
	struct sock *sk = sock->sk;
	long timeo = (msg->msg_flags & MSG_DONTWAIT) ? 0 : sk->sk_sndtimeo;
	struct kvec iov[INET_STREAM_IOV];
	struct msghdr m = *msg;
	size_t done = 0, total = 0;
	int err;

	if (m.msg_iovlen > INET_STREAM_IOV)
		m.msg_iovlen = INET_STREAM_IOV;
	memcpy(iov, msg->msg_iov, m.msg_iovlen * sizeof(iov[0]));
	m.msg_iov = iov;
	for (size_t i = 0; i < m.msg_iovlen; i++)
		total += iov[i].iov_len;
	len = MIN(len, total);
	for (;;) {
		local_bh_disable();
		err = sk->sk_prot->sendmsg(sk, &m, len - done);
		local_bh_enable();
		if (err > 0) {
			size_t n = (size_t)err;

			done += n;
			for (size_t i = 0; n && i < m.msg_iovlen; i++) {
				size_t k = MIN(n, iov[i].iov_len);

				iov[i].iov_base = (u8 *)iov[i].iov_base + k;
				iov[i].iov_len -= k;
				n -= k;
			}
			if (done >= len)
				return (int)done;
		} else if (err != -EAGAIN) {
			return done ? (int)done : err;
		}
		if (timeo == 0)
			return done ? (int)done : -EAGAIN;
		err = inet_stream_wait_writable(sk, &timeo);
		if (err)
			return done ? (int)done : err;
	}
}

const struct proto_ops inet_stream_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_stream_connect,
	.accept = inet_accept,
	.getname = inet_getname,
	.poll = inet_stream_poll,
	.ioctl = inet_ioctl,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_stream_sendmsg,
	.recvmsg = inet_recvmsg,
};

static struct inet_protosw inet_udp_protosw = {
	.type = SOCK_DGRAM, .protocol = IPPROTO_UDP,
	.prot = &udp_prot, .ops = &inet_dgram_ops,
};

static struct inet_protosw inet_tcp_protosw = {
	.type = SOCK_STREAM, .protocol = IPPROTO_TCP,
	.prot = &tcp_prot, .ops = &inet_stream_ops,
};

static struct inet_protosw inet_raw_protosw = {
	.type = SOCK_RAW, .protocol = IPPROTO_IP,       /* any protocol */
	.prot = &raw_prot, .ops = &inet_sockraw_ops,
};

/* Called from inet_init(): the family and its protocol switch. */
int inet_sock_init(void);
int inet_sock_init(void)
{
	inet_register_protosw(&inet_udp_protosw);
	inet_register_protosw(&inet_tcp_protosw);
	inet_register_protosw(&inet_raw_protosw);
	return sock_register(&inet_family_ops);
}
