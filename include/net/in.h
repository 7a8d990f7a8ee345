/* IPv4 constants and the Linux x86_64 sockaddr_in ABI, as net/ sees them.
 * (The user-space copies in libc must match these values.) */
#ifndef NET_IN_H
#define NET_IN_H

#include <net/port.h>

#define AF_UNSPEC 0
#define AF_INET   2
#define PF_INET   AF_INET

#define SOCK_STREAM 1
#define SOCK_DGRAM  2
#define SOCK_RAW    3

#define IPPROTO_IP   0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP  6
#define IPPROTO_UDP  17
#define IPPROTO_RAW  255
#define IPPROTO_MAX  256

#define INADDR_ANY       ((u32)0x00000000)
#define INADDR_BROADCAST ((u32)0xffffffff)
#define INADDR_LOOPBACK  ((u32)0x7f000001)
#define INADDR_ALLHOSTS_GROUP ((u32)0xe0000001)

struct in_addr {
	be32 s_addr;
};

struct sockaddr_in {
	u16 sin_family;
	be16 sin_port;
	struct in_addr sin_addr;
	u8 sin_zero[8];
};
BUILD_BUG_ON(sizeof(struct sockaddr_in) != 16);

/* Address classes on network-order values. */
static inline bool ipv4_is_multicast(be32 a)
{
	return (be32_to_cpu(a) & 0xf0000000u) == 0xe0000000u;
}

static inline bool ipv4_is_lbcast(be32 a)
{
	return a == htonl(INADDR_BROADCAST);
}

static inline bool ipv4_is_zeronet(be32 a)
{
	return (be32_to_cpu(a) & 0xff000000u) == 0;
}

static inline bool ipv4_is_loopback(be32 a)
{
	return (be32_to_cpu(a) & 0xff000000u) == 0x7f000000u;
}

static inline be32 inet_make_mask(int prefixlen)
{
	if (prefixlen <= 0)
		return 0;
	if (prefixlen >= 32)
		return 0xffffffffu;
	return htonl(~((1u << (32 - prefixlen)) - 1));
}

/* "a.b.c.d" into buf (at least 16 bytes); returns buf. */
char *in_ntoa(be32 addr, char *buf);
/* Parse "a.b.c.d" (exactly four decimal parts 0..255) ending at end or at
 * the first character not part of it; returns the characters used or -1. */
int in_aton(const char *s, be32 *addr);

/* SOL_IP options the stack implements by name (the same numbers as
 * include/uapi/in.h, which user space sees). */
#ifndef IP_MTU_DISCOVER
#define IP_MTU_DISCOVER       10
#define IP_MTU                14
#define IP_PMTUDISC_DONT      0
#define IP_PMTUDISC_WANT      1
#define IP_PMTUDISC_DO        2
#define IP_PMTUDISC_PROBE     3
#define IP_PMTUDISC_INTERFACE 4
#define IP_PMTUDISC_OMIT      5
#endif

#endif
