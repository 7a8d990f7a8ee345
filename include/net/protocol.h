/* IP protocol registration (net/ipv4/protocol.c): ip_local_deliver finds
 * the handler for iph->protocol in a table filled by inet_add_protocol(),
 * as Linux's inet_protos[]. */
#ifndef NET_PROTOCOL_H
#define NET_PROTOCOL_H

#include <net/pkbuf.h>

struct net_protocol {
	/* pkb->data at the transport header, network header set. Owns pkb. */
	int (*handler)(struct pkbuf *pkb);
	/* An ICMP error about a datagram we sent: pkb->data at the quoted
	 * inner IP header (at least its header + 8 bytes present), type and
	 * code from the ICMP header, info its 4-byte "rest" (next-hop MTU for
	 * fragmentation needed). Does not own pkb. */
	void (*err_handler)(struct pkbuf *pkb, u8 type, u8 code, u32 info);
};

int inet_add_protocol(const struct net_protocol *prot, unsigned char num);
int inet_del_protocol(const struct net_protocol *prot, unsigned char num);
const struct net_protocol *inet_get_protocol(unsigned char num);

#endif
