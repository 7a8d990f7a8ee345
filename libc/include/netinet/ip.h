/* The IPv4 header as raw sockets see it (RFC 791 3.1), Linux's struct
 * iphdr. Multi-byte fields are big-endian. */
#ifndef _NETINET_IP_H
#define _NETINET_IP_H
#include <stdint.h>
#include <netinet/in.h>

struct iphdr {
	uint8_t  ihl:4,       /* header length in 32-bit words */
		 version:4;
	uint8_t  tos;
	uint16_t tot_len;
	uint16_t id;
	uint16_t frag_off;    /* flags (DF 0x4000, MF 0x2000) + offset/8 */
	uint8_t  ttl;
	uint8_t  protocol;
	uint16_t check;
	uint32_t saddr;
	uint32_t daddr;
};
_Static_assert(sizeof(struct iphdr) == 20, "iphdr is 20 bytes");

#define IPVERSION 4
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff
#define IP_MAXPACKET 65535
#define IPTOS_LOWDELAY 0x10
#endif
