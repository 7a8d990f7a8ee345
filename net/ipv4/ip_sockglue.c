/* What a received datagram tells recvmsg beyond its data (Linux
 * ip_sockglue.c ip_cmsg_recv, and sock_recv_timestamp): the arrival time
 * for SO_TIMESTAMP, and for IP_PKTINFO / IP_RECVTTL / IP_RECVTOS the
 * interface and addresses, TTL and TOS from the datagram's IP header,
 * which stays in the buffer while it waits in the receive queue. */
#include <net/ip.h>
#include <net/sock.h>

struct in_pktinfo_k {
	int ipi_ifindex;
	be32 ipi_spec_dst;
	be32 ipi_addr;
};

struct timeval_k {
	s64 tv_sec;
	s64 tv_usec;
};

#define IP_TOS_CMSG   1
#define IP_TTL_CMSG   2
#define IP_PKTINFO_CMSG 8

void ip_cmsg_recv(struct msghdr *msg, struct sock *sk, const struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	u8 flags = inet_sk(sk)->cmsg_flags;

	if (sk->sk_rcvtstamp) {
		/* tstamp_ms is the monotonic clock at netif_receive; the
		 * caller wants the wall clock (CLOCK_REALTIME). */
		u64 real = ktime_get_real_ms();
		u64 when = real ? pkb->tstamp_ms + (real - ktime_get_ms()) : pkb->tstamp_ms;
		struct timeval_k tv = {
			.tv_sec = (s64)(when / 1000),
			.tv_usec = (s64)(when % 1000) * 1000,
		};

		put_cmsg(msg, SOL_SOCKET, SCM_TIMESTAMP, sizeof(tv), &tv);
	}
	if (!flags || pkb->network_header == 0xffff)
		return;
	if (flags & IP_CMSG_PKTINFO) {
		struct in_pktinfo_k info = {
			.ipi_ifindex = pkb->dev ? pkb->dev->ifindex : 0,
			.ipi_addr = iph->daddr,
			.ipi_spec_dst = iph->daddr,
		};

		/* Our address on that link when the datagram was sent to a
		 * broadcast or group address (Linux fib_compute_spec_dst). */
		if (pkb->dev && inet_addr_type_dev(iph->daddr, pkb->dev) != RTN_LOCAL)
			info.ipi_spec_dst = inet_select_addr(pkb->dev, iph->saddr);
		put_cmsg(msg, IPPROTO_IP, IP_PKTINFO_CMSG, sizeof(info), &info);
	}
	if (flags & IP_CMSG_TTL) {
		int ttl = iph->ttl;

		put_cmsg(msg, IPPROTO_IP, IP_TTL_CMSG, sizeof(ttl), &ttl);
	}
	if (flags & IP_CMSG_TOS)
		put_cmsg(msg, IPPROTO_IP, IP_TOS_CMSG, 1, &iph->tos);
}
