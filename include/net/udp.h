/* UDP (RFC 768): wire header and the protocol half of UDP sockets
 * (net/ipv4/udp.c). */
#ifndef NET_UDP_H
#define NET_UDP_H

#include <net/sock.h>

struct udphdr {
	be16 source;
	be16 dest;
	be16 len;
	u16 check;           /* stored big-endian; 0 = none sent */
} __packed;
BUILD_BUG_ON(sizeof(struct udphdr) != 8);

struct udp_sock {
	struct inet_sock inet;
	/* UDP_CORK / MSG_MORE (udp_cork.c): one datagram being gathered */
	bool corkflag;
	u8 *pending;                  /* its bytes so far, or NULL */
	u32 pending_len, pending_cap;
	be32 pending_daddr;
	be16 pending_dport;
};
#define udp_sk(sk) ((struct udp_sock *)(sk))
#define UDP_MAX_PAYLOAD (65535u - 20 - 8)  /* IP_MAX_PACKET less headers */

/* IANA dynamic range as Linux's ip_local_port_range default. */
#define UDP_EPHEMERAL_LOW  32768
#define UDP_EPHEMERAL_HIGH 60999

/* Where the sender of a queued datagram is kept for recvmsg. */
struct udp_skb_cb {
	be32 saddr;
	be16 sport;
	be32 daddr;
};
#define UDP_SKB_CB(pkb) ((struct udp_skb_cb *)((pkb)->cb + 16))

extern const struct proto udp_prot;

int udp_rcv(struct pkbuf *pkb);
void udp_err(struct pkbuf *pkb, u8 type, u8 code, u32 info);

/* Socket operations; addresses as struct sockaddr_in (network order). */
int udp_v4_get_port(struct sock *sk, u16 snum);
int udp_bind(struct sock *sk, const struct sockaddr_in *addr);
int udp_connect(struct sock *sk, const struct sockaddr_in *addr);
int udp_disconnect(struct sock *sk, int flags);
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len);
void udp_close(struct sock *sk, long timeout);
int udp_xmit(struct sock *sk, be32 daddr, be16 dport, size_t len,
	     int (*fill)(void *dst, size_t n, void *arg), void *arg);

/* UDP_CORK / MSG_MORE (udp_cork.c) */
int udp_start_pending(struct sock *sk, be32 daddr, be16 dport,
		      struct msghdr *msg, size_t len);
int udp_append_pending(struct sock *sk, struct msghdr *msg, size_t len);
int udp_push_pending(struct sock *sk);
void udp_flush_pending(struct sock *sk);
int udp_setsockopt(struct sock *sk, int level, int optname,
		   const void *optval, unsigned int optlen);
int udp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen);
void udp_unhash(struct sock *sk);

/* Convenience for in-kernel users (DHCP, tests): a UDP sock bound to
 * port (host order, 0 = ephemeral) and optionally a device. */
struct sock *udp_kernel_sock(u16 port, int ifindex);
int udp_sendto(struct sock *sk, be32 daddr, be16 dport, const void *buf,
	       size_t len);

/* Socket lookup (exposed for tests and /proc/net/udp). */
struct sock *udp4_lib_lookup(be32 saddr, be16 sport, be32 daddr, be16 dport,
			     int dif);
int udp_for_each(int (*fn)(struct sock *sk, int slot, void *arg), void *arg);
int udp_init(void);

#endif
