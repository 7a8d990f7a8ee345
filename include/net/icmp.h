/* ICMP (RFC 792, RFC 1122 3.2.2): wire header and the functions of
 * net/ipv4/icmp.c. */
#ifndef NET_ICMP_H
#define NET_ICMP_H

#include <net/pkbuf.h>
#include <net/in.h>

struct icmphdr {
	u8 type;
	u8 code;
	u16 checksum;        /* stored big-endian */
	union {
		struct {
			be16 id;
			be16 sequence;
		} echo;
		be32 gateway;
		struct {
			be16 unused;
			be16 mtu;
		} frag;
		u8 pointer;  /* parameter problem */
	} un;
} __packed;
BUILD_BUG_ON(sizeof(struct icmphdr) != 8);

#define ICMP_ECHOREPLY      0
#define ICMP_DEST_UNREACH   3
#define ICMP_SOURCE_QUENCH  4
#define ICMP_REDIRECT       5
#define ICMP_ECHO           8
#define ICMP_TIME_EXCEEDED  11
#define ICMP_PARAMETERPROB  12
#define ICMP_TIMESTAMP      13
#define ICMP_TIMESTAMPREPLY 14
#define ICMP_ADDRESS        17
#define ICMP_ADDRESSREPLY   18
#define NR_ICMP_TYPES       18

/* Destination unreachable codes. */
#define ICMP_NET_UNREACH  0
#define ICMP_HOST_UNREACH 1
#define ICMP_PROT_UNREACH 2
#define ICMP_PORT_UNREACH 3
#define ICMP_FRAG_NEEDED  4
#define ICMP_SR_FAILED    5
#define NR_ICMP_UNREACH   15
/* Time exceeded codes. */
#define ICMP_EXC_TTL      0
#define ICMP_EXC_FRAGTIME 1

/* Send an ICMP error about the received (or locally queued) datagram
 * pkb_in, whose network header must be set. Applies RFC 1122 3.2.2's
 * "never in response to" rules and the rate limit. Does not consume
 * pkb_in. */
void icmp_send(struct pkbuf *pkb_in, u8 type, u8 code, be32 info);

/* Send an echo request (the kernel half of ping). Returns 0 or -errno. */
int icmp_echo_send(be32 daddr, be16 id, be16 seq, const void *data,
		   size_t len);
/* Where echo replies go until raw/ping sockets exist: one hook, called
 * with pkb->data at the ICMP header (does not own pkb). */
extern void (*icmp_echo_reply_hook)(struct pkbuf *pkb, be32 from);

/* errno for an ICMP error (Linux icmp_err_convert); *fatal says whether
 * the error is hard (reported to connected sockets at once). */
int icmp_err_to_errno(u8 type, u8 code, bool *fatal);

/* Token bucket of outgoing ICMP errors (Linux icmp_msgs_per_sec,
 * icmp_msgs_burst). Exposed so tests can set and refill it. */
extern u32 icmp_msgs_per_sec;
extern u32 icmp_msgs_burst;
/* Per destination: one error per icmp_ratelimit_ms, burst of 6 (Linux
 * icmp_ratelimit). Locally generated errors to ourselves are exempt. */
extern u32 icmp_ratelimit_ms;
void icmp_ratelimit_reset(void);
/* RFC 792 time: milliseconds since midnight UT, or since boot with the
 * high bit set when the wall clock is unknown. Host order. */
u32 inet_current_timestamp(void);

int icmp_init(void);

#endif
