#ifndef _NETINET_IN_H
#define _NETINET_IN_H
#include <stdint.h>
#include <sys/socket.h>
#include <uapi/in.h>

#define INET_ADDRSTRLEN 16
#define INET6_ADDRSTRLEN 46
#define IN_LOOPBACKNET 127
#define IN_MULTICAST(a) ((((in_addr_t)(a)) & 0xf0000000) == 0xe0000000)

uint16_t htons(uint16_t x);
uint16_t ntohs(uint16_t x);
uint32_t htonl(uint32_t x);
uint32_t ntohl(uint32_t x);
#define htons(x) __builtin_bswap16(x)
#define ntohs(x) __builtin_bswap16(x)
#define htonl(x) __builtin_bswap32(x)
#define ntohl(x) __builtin_bswap32(x)
/* The IP_PKTINFO control message (recvmsg). */
struct in_pktinfo {
	int ipi_ifindex;                /* arrival interface */
	struct in_addr ipi_spec_dst;    /* our address on that link */
	struct in_addr ipi_addr;        /* the header's destination */
};

#endif
