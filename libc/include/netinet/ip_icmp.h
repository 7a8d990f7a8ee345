/* ICMP header (RFC 792), Linux's struct icmphdr, and the type/code names. */
#ifndef _NETINET_IP_ICMP_H
#define _NETINET_IP_ICMP_H
#include <stdint.h>
#include <netinet/ip.h>

struct icmphdr {
	uint8_t  type;
	uint8_t  code;
	uint16_t checksum;
	union {
		struct {
			uint16_t id;
			uint16_t sequence;
		} echo;
		uint32_t gateway;
		struct {
			uint16_t __reserved;
			uint16_t mtu;
		} frag;
	} un;
};
_Static_assert(sizeof(struct icmphdr) == 8, "icmphdr is 8 bytes");

#define ICMP_ECHOREPLY      0
#define ICMP_DEST_UNREACH   3
#define ICMP_SOURCE_QUENCH  4
#define ICMP_REDIRECT       5
#define ICMP_ECHO           8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12
#define ICMP_TIMESTAMP     13
#define ICMP_TIMESTAMPREPLY 14

/* ICMP_DEST_UNREACH codes */
#define ICMP_NET_UNREACH    0
#define ICMP_HOST_UNREACH   1
#define ICMP_PROT_UNREACH   2
#define ICMP_PORT_UNREACH   3
#define ICMP_FRAG_NEEDED    4
#define ICMP_SR_FAILED      5
#define ICMP_NET_UNKNOWN    6
#define ICMP_HOST_UNKNOWN   7
#define ICMP_PKT_FILTERED  13
/* ICMP_TIME_EXCEEDED codes */
#define ICMP_EXC_TTL        0
#define ICMP_EXC_FRAGTIME   1
#endif
