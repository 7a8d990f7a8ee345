/* The protocol half of sockets: struct sock and friends, shaped like
 * Linux's include/net/sock.h so the socket layer (sys_socket ->
 * sock_create -> inet_create -> sk_alloc + sock_init_data) plugs in
 * without changing the protocols.
 *
 * Three levels, as Linux:
 *   struct socket (VFS side, later)  -> const struct proto_ops (later)
 *   struct sock (this file)          -> const struct proto (udp_prot...)
 * struct inet_sock extends struct sock with the IPv4 4-tuple; a protocol's
 * own socket (udp_sock, later tcp_sock) extends inet_sock, each embedding
 * the previous as its first member so the casts are free.
 */
#ifndef NET_SOCK_H
#define NET_SOCK_H

#include <net/pkbuf.h>
#include <net/in.h>
#include <uapi/socket.h>

/* Socket states share TCP's numbering, as in Linux: a connected UDP
 * socket is TCP_ESTABLISHED, an unconnected one TCP_CLOSE. */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_NEW_SYN_RECV,
	TCP_MAX_STATES
};

/* msg_flags, SO_* and the rest of the socket ABI: <uapi/socket.h>. */

/* Poll bits passed as wake-up keys (Linux EPOLL* values). */
#define SK_POLLIN     0x001
#define SK_POLLPRI    0x002
#define SK_POLLOUT    0x004
#define SK_POLLERR    0x008
#define SK_POLLHUP    0x010
#define SK_POLLRDNORM 0x040
#define SK_POLLWRNORM 0x100
#define SK_POLLWRBAND 0x200

#define SOCK_RCVBUF_DEFAULT 212992   /* Linux net.core.rmem_default */
#define SOCK_SNDBUF_DEFAULT 212992
#define SOCK_MIN_RCVBUF     2304

/* A kernel I/O vector and message (Linux's kernel-side struct msghdr; the
 * user ABI struct is copied into this by the socket layer). When
 * msg_user is set the iov bases are user pointers and copies go through
 * copy_{to,from}_user. */
struct kvec {
	void *iov_base;
	size_t iov_len;
};

struct msghdr {
	void *msg_name;             /* struct sockaddr_in * or NULL */
	int msg_namelen;
	struct kvec *msg_iov;
	size_t msg_iovlen;
	unsigned int msg_flags;     /* out: MSG_TRUNC, MSG_CTRUNC... */
	bool msg_user;
	u8 *msg_control;            /* recvmsg: kernel buffer for cmsgs */
	size_t msg_controllen;      /* its size */
	size_t msg_control_used;    /* bytes of cmsgs written (put_cmsg) */
};

/* Append a control message (Linux put_cmsg, net/core/scm.c): when it
 * does not fit, as much as fits and MSG_CTRUNC. */
void put_cmsg(struct msghdr *msg, int level, int type, unsigned int len,
	      const void *data);

/* Copy between a message's iovec and a kernel buffer. Return 0 or
 * -EFAULT. */
int memcpy_from_msg(void *to, const struct msghdr *msg, size_t len);
int memcpy_to_msg(struct msghdr *msg, const void *from, size_t len);
size_t msg_data_len(const struct msghdr *msg);

struct sock;

/* The protocol's operations (Linux struct proto). The socket layer's
 * proto_ops (inet_dgram_ops, later inet_stream_ops) call these. */
struct proto {
	const char *name;
	size_t obj_size;
	int (*init)(struct sock *sk);
	void (*close)(struct sock *sk, long timeout);
	int (*bind)(struct sock *sk, const struct sockaddr_in *addr);
	int (*connect)(struct sock *sk, const struct sockaddr_in *addr);
	int (*disconnect)(struct sock *sk, int flags);
	int (*sendmsg)(struct sock *sk, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len);
	int (*get_port)(struct sock *sk, u16 snum);
	int (*hash)(struct sock *sk);
	void (*unhash)(struct sock *sk);
	/* Optional; connection-oriented protocols (TCP) fill these in and
	 * inet_stream_ops calls them, so TCP plugs in without changing the
	 * socket layer. */
	int (*listen)(struct sock *sk, int backlog);
	struct sock *(*accept)(struct sock *sk, int flags, int *err);
	void (*shutdown)(struct sock *sk, int how);
	unsigned int (*poll_mask)(struct sock *sk);
	int (*ioctl)(struct sock *sk, unsigned int cmd, unsigned long arg);
	int (*setsockopt)(struct sock *sk, int level, int optname,
			  const void *optval, unsigned int optlen);
	int (*getsockopt)(struct sock *sk, int level, int optname,
			  void *optval, int *optlen);
	void (*keepalive)(struct sock *sk, int valbool);  /* SO_KEEPALIVE */
	long sockets_allocated;
	/* Optional global limit on what all of this protocol's sockets hold
	 * in receive queues (Linux memory_allocated / sysctl_mem[2]). */
	long *memory_allocated;        /* bytes of truesize charged */
	long *sysctl_mem;              /* the limit, bytes */
};

/* sk_userlocks bits (Linux values): an address or port named by bind()
 * stays when a datagram socket disconnects; one chosen by connect or by
 * the kernel goes. */
#define SOCK_BINDADDR_LOCK 4
#define SOCK_BINDPORT_LOCK 8

/* sk_shutdown bits (Linux values). */
#define RCV_SHUTDOWN  1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

struct sock {
	u16 sk_family;
	u16 sk_type;
	u8 sk_protocol;
	volatile u8 sk_state;
	u8 sk_shutdown;
	bool sk_reuse;              /* SO_REUSEADDR */
	bool sk_broadcast;          /* SO_BROADCAST */
	bool sk_dead;               /* closed by its owner */
	bool sk_keepalive;          /* SO_KEEPALIVE (stored for TCP) */
	bool sk_reuseport;          /* SO_REUSEPORT: both sockets ask to share a port */
	bool sk_localroute;         /* SO_DONTROUTE (stored) */
	bool sk_urginline;          /* SO_OOBINLINE (stored) */
	bool sk_rcvtstamp;          /* SO_TIMESTAMP: SCM_TIMESTAMP on recvmsg */
	u8 sk_userlocks;            /* SOCK_*_LOCK: what bind() fixed */
	int sk_rcvlowat;            /* SO_RCVLOWAT (stored; datagrams ignore it) */
	int sk_priority;            /* SO_PRIORITY (stored) */
	int sk_linger;              /* SO_LINGER seconds, -1 = off */
	int sk_bound_dev_if;        /* SO_BINDTODEVICE ifindex, 0 = any */
	int sk_refcnt;
	spinlock_t sk_lock;

	struct hlist_node sk_node;  /* the protocol's lookup hash */
	struct pkb_queue sk_receive_queue;

	int sk_rcvbuf, sk_sndbuf;   /* limits, bytes of truesize */
	int sk_rmem_alloc;          /* charged by queued receive buffers */
	int sk_wmem_alloc;          /* charged by sent, not yet freed */
	u32 sk_drops;               /* datagrams dropped for this socket */
	int sk_err;                 /* pending hard error (positive errno) */
	int sk_err_soft;
	long sk_rcvtimeo, sk_sndtimeo;  /* ms, MAX_SCHEDULE_TIMEOUT = none */

	wait_queue_head_t sk_wq;
	const struct proto *sk_prot;
	void *sk_socket;            /* struct socket *, set by sock_graft */
	void *sk_user_data;         /* in-kernel users (DHCP) */

	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
	void (*sk_destruct)(struct sock *sk);
};

/* IPv4 identity of a socket (Linux struct inet_sock). Addresses and ports
 * in network order, except inet_num (the bound local port, host order,
 * 0 = unbound). */
struct inet_sock {
	struct sock sk;
	be32 inet_saddr;            /* source for sending */
	be32 inet_rcv_saddr;        /* bound local address (0 = any) */
	be32 inet_daddr;            /* connected peer */
	be16 inet_sport;
	be16 inet_dport;
	u16 inet_num;
	u8 uc_ttl;                  /* 0: default */
	u8 tos;
	bool recverr;               /* IP_RECVERR: report all ICMP errors */
	u8 pmtudisc;                /* IP_MTU_DISCOVER: IP_PMTUDISC_* */
	u8 cmsg_flags;              /* IP_CMSG_*: control messages asked for */
};

#define IP_CMSG_PKTINFO 0x01
#define IP_CMSG_TTL     0x02
#define IP_CMSG_TOS     0x04
/* The control messages a received datagram carries to recvmsg: the
 * SO_TIMESTAMP time and what IP_PKTINFO/IP_RECVTTL/IP_RECVTOS asked for
 * (Linux sock_recv_timestamp + ip_cmsg_recv). */
void ip_cmsg_recv(struct msghdr *msg, struct sock *sk, const struct pkbuf *pkb);

static inline struct inet_sock *inet_sk(const struct sock *sk)
{
	return (struct inet_sock *)sk;
}

/* ---- net/core/sock.c ---- */
struct sock *sk_alloc(int family, int type, int protocol,
		      const struct proto *prot);
void sock_init_data(struct sock *sk);
void sock_hold(struct sock *sk);
void sock_put(struct sock *sk);       /* frees at the last reference */
/* Charge pkb to sk and queue it; wakes readers. Returns 0, or -ENOMEM
 * when the receive buffer is full (the caller counts and frees). */
int sock_queue_rcv_pkb(struct sock *sk, struct pkbuf *pkb);
bool sk_rmem_schedule(const struct sock *sk, unsigned int size);
/* Charge a send buffer to sk until it is freed; -EAGAIN if over sndbuf. */
int sock_charge_wmem(struct sock *sk, struct pkbuf *pkb);
/* Return and clear the pending error (positive errno), like Linux. */
int sock_error(struct sock *sk);
/* Wait (process context) until the receive queue is non-empty, an error
 * is pending, or timeout ms pass; returns 0, -EAGAIN or -EINTR. Called
 * with no lock held (it sleeps). */
int sk_wait_data(struct sock *sk, long *timeo);
int sock_intr_errno(long timeo);
/* The kernel's "restart this syscall" code (ERESTARTSYS), which only the
 * syscall return path turns into EINTR or a restart. */
#define ERESTARTSYS_NET 512
long sock_live_count(void);

/* Default callbacks: wake the wait queue with the right poll bits. */
void sock_def_readable(struct sock *sk);
void sock_def_wakeup(struct sock *sk);
void sock_def_write_space(struct sock *sk);
void sock_def_error_report(struct sock *sk);

#endif
