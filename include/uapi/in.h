/* Internet protocol numbers, struct sockaddr_in and IP-level socket
 * options (Linux <linux/in.h>). Addresses and ports are big-endian. */
#ifndef UAPI_IN_H
#define UAPI_IN_H

#include <uapi/types.h>
#include <uapi/socket.h>

#define IPPROTO_IP     0
#define IPPROTO_ICMP   1
#define IPPROTO_IGMP   2
#define IPPROTO_TCP    6
#define IPPROTO_UDP   17
#define IPPROTO_IPV6  41
#define IPPROTO_ICMPV6 58
#define IPPROTO_RAW  255
#define IPPROTO_MAX  256

typedef __u16 in_port_t;
typedef __u32 in_addr_t;

struct in_addr {
	__be32 s_addr;
};

struct sockaddr_in {
	sa_family_t    sin_family;
	__be16         sin_port;
	struct in_addr sin_addr;
	unsigned char  sin_zero[8];
};

#define INADDR_ANY       ((in_addr_t)0x00000000)
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)
#define INADDR_NONE      ((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK  ((in_addr_t)0x7f000001)

/* SOL_IP options */
#define IP_TOS             1
#define IP_TTL             2
#define IP_HDRINCL         3
#define IP_OPTIONS         4
#define IP_PKTINFO         8
#define IP_RECVTTL        12
#define IP_RECVTOS        13
#define IP_RECVERR        11
#define IP_MTU_DISCOVER   10
#define IP_MTU            14
/* IP_MTU_DISCOVER values */
#define IP_PMTUDISC_DONT      0   /* never set DF */
#define IP_PMTUDISC_WANT      1   /* DF when it fits the path MTU (default) */
#define IP_PMTUDISC_DO        2   /* always DF; larger sends fail EMSGSIZE */
#define IP_PMTUDISC_PROBE     3   /* DF, device MTU, ignore the path MTU */
#define IP_PMTUDISC_INTERFACE 4
#define IP_PMTUDISC_OMIT      5
#define IP_MULTICAST_TTL  33
#define IP_MULTICAST_LOOP 34
#define IP_ADD_MEMBERSHIP 35

/* SOL_RAW option for ICMP raw sockets: bitmask of types to drop. */
#define ICMP_FILTER 1

#endif
