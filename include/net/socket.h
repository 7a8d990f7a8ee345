/* The BSD socket layer's middle level, as Linux's include/linux/net.h:
 *
 *   struct file  --socket_file_ops-->  struct socket  --proto_ops-->
 *   struct sock  --proto-->  the protocol (udp_prot, raw_prot, tcp_prot)
 *
 * A family registers a struct net_proto_family with sock_register(); its
 * create() picks the proto_ops and proto for (type, protocol) -- for
 * AF_INET that is inet_create() walking the inetsw table. The VFS glue
 * (sys_socket, sock_map_fd, socket_file_ops) lives in net/socket.c. */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include <net/sock.h>

struct file;
struct poll_table_struct;
struct socket;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

/* What the socket layer calls; each family/type provides one table
 * (inet_dgram_ops, inet_sockraw_ops, inet_stream_ops). Addresses are
 * kernel copies; lengths are checked by the caller to fit the buffer. */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, const void *addr, int addrlen);
	int (*connect)(struct socket *sock, const void *addr, int addrlen, int flags);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	int (*getname)(struct socket *sock, void *addr, int peer);
	unsigned int (*poll)(struct file *file, struct socket *sock,
			     struct poll_table_struct *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  const void *optval, unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  void *optval, int *optlen);
	int (*sendmsg)(struct socket *sock, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *msg, size_t len, int flags);
};

struct socket {
	socket_state state;
	short type;
	unsigned long flags;
	struct sock *sk;
	const struct proto_ops *ops;
	struct file *file;
};

struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol);
};

/* ---- registration (net/core/socket_core.c, portable) ---- */
int sock_register(const struct net_proto_family *fam);
void sock_unregister(int family);
const struct net_proto_family *sock_family(int family);
/* sock_create: the family's create() on an already allocated socket. */
int sock_create_lite(struct socket *sock, int family, int type, int protocol);

/* sock_graft: tie a struct sock to its struct socket. */
static inline void sock_graft(struct sock *sk, struct socket *sock)
{
	sock->sk = sk;
	sk->sk_socket = sock;
}

/* ---- SOL_SOCKET options (net/core/sock_opt.c, portable) ---- */
int sock_setsockopt(struct socket *sock, int optname, const void *optval,
		    unsigned int optlen);
int sock_getsockopt(struct socket *sock, int optname, void *optval, int *optlen);

/* The usual poll mask of a datagram socket (Linux datagram_poll). */
unsigned int datagram_poll(struct file *file, struct socket *sock,
			   struct poll_table_struct *wait);

/* Wait for room in the send buffer (process context, may sleep). */
int sk_stream_wait_memory_dgram(struct sock *sk, long *timeo);

/* ---- AF_INET (net/ipv4/af_inet.c) ---- */
/* One protocol switch entry: (type, protocol) -> ops + proto. */
struct inet_protosw {
	short type;
	unsigned short protocol;        /* IPPROTO_IP (0) = wildcard */
	const struct proto *prot;
	const struct proto_ops *ops;
	struct list_head list;
};
void inet_register_protosw(struct inet_protosw *p);
extern const struct proto_ops inet_dgram_ops;
extern const struct proto_ops inet_sockraw_ops;
extern const struct proto_ops inet_stream_ops;
extern const struct net_proto_family inet_family_ops;

#endif
