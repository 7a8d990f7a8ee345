/* Raw IPv4 sockets (net/ipv4/raw.c): the protocol half of
 * socket(AF_INET, SOCK_RAW, proto), which is how ping sends echo requests
 * and sees the replies. A raw socket receives a copy of every datagram of
 * its protocol addressed to us, IP header included, before the kernel's
 * own handler; it sends a payload (ICMP header and data, checksum filled
 * by the caller) behind a kernel-built IP header. No IP_HDRINCL. */
#ifndef NET_RAW_H
#define NET_RAW_H

#include <net/sock.h>

struct raw_sock {
	struct inet_sock inet;      /* inet_num = the IP protocol */
};

extern const struct proto raw_prot;

/* From ip_local_deliver: clone pkb (data at the transport header, network
 * header set) to every matching raw socket. Returns true if any matched.
 * Does not consume pkb. */
bool raw_local_deliver(struct pkbuf *pkb, u8 protocol);

int raw_init_sock(struct sock *sk, int protocol);   /* hash it */
int raw_bind(struct sock *sk, const struct sockaddr_in *addr);
int raw_connect(struct sock *sk, const struct sockaddr_in *addr);
int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int raw_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len);
void raw_close(struct sock *sk, long timeout);
/* Convenience for in-kernel users and tests. */
struct sock *raw_kernel_sock(int protocol);

#endif
