/* ARP (RFC 826) for IPv4 over Ethernet, with a neighbour cache shaped like
 * Linux's (NUD states, per-entry timer, bounded queue of packets waiting
 * for resolution). */
#ifndef NET_ARP_H
#define NET_ARP_H

#include <net/netdevice.h>
#include <net/in.h>

#define ARPHRD_IEEE802 6
#define ARPOP_REQUEST 1
#define ARPOP_REPLY   2

struct arphdr_eth {
	be16 ar_hrd;
	be16 ar_pro;
	u8 ar_hln;
	u8 ar_pln;
	be16 ar_op;
	u8 ar_sha[ETH_ALEN];
	be32 ar_sip;
	u8 ar_tha[ETH_ALEN];
	be32 ar_tip;
} __packed;
BUILD_BUG_ON(sizeof(struct arphdr_eth) != 28);

/* Neighbour states (Linux NUD_*, the subset a host needs). */
enum neigh_state {
	NUD_INCOMPLETE,   /* request sent, no answer yet; packets queue */
	NUD_REACHABLE,    /* confirmed within reachable_time */
	NUD_STALE,        /* usable, unconfirmed; first use starts a probe */
	NUD_PROBE,        /* unicast probes on a stale entry in flight */
	NUD_FAILED,       /* no answer: sends fail fast until it expires */
};

/* Timings (Linux neigh defaults): ms. */
#define ARP_RETRANS_MS      1000   /* between requests */
#define ARP_MAX_PROBES      3      /* requests before FAILED */
#define ARP_REACHABLE_MS    30000  /* base_reachable_time */
#define ARP_STALE_GC_MS     60000  /* unused stale entries go */
#define ARP_FAILED_HOLD_MS  3000   /* a FAILED entry answers fast, then goes */
#define ARP_QUEUE_MAX       64     /* packets waiting per entry */
#define ARP_TABLE_MAX       1024   /* entries (gc_thresh3) */

struct neighbour {
	struct hlist_node hash;
	struct net_device *dev;
	be32 ip;
	u8 ha[ETH_ALEN];
	u8 state;
	u8 probes;
	u64 updated;       /* ms of the last confirmation */
	u64 used;          /* ms of the last use for output */
	struct timer_list timer;
	struct pkb_queue arp_queue;
};

int arp_rcv(struct pkbuf *pkb, struct net_device *dev, struct packet_type *pt);
/* Transmit the IP datagram at pkb->data to nexthop on dev: add the
 * Ethernet header and send, or queue it while ARP resolves. rt_type
 * RTN_BROADCAST/RTN_MULTICAST/RTN_LOCAL map without ARP. Consumes pkb. */
int arp_output(struct pkbuf *pkb, struct net_device *dev, be32 nexthop,
	       int rt_type);
int arp_send(int op, struct net_device *dev, be32 sip, be32 tip,
	     const u8 *dest_hw, const u8 *target_hw);
void arp_send_gratuitous(struct net_device *dev, be32 addr);

struct neighbour *neigh_lookup(be32 ip, const struct net_device *dev);
/* Visit every entry (for /proc/net/arp); stop when fn returns non-zero. */
int neigh_for_each(int (*fn)(const struct neighbour *n, void *arg), void *arg);
int neigh_count(void);
void arp_flush(void);    /* drop every entry and its queue */
const char *neigh_state_name(int state);
int arp_init(void);

#endif
