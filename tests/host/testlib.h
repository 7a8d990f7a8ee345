/* Test helpers: a mock NIC implementing net_device_ops the way a real
 * driver does (RX ring + NAPI, TX recorded), frame builders that read
 * like the protocols, and a fixture that brings the stack up and checks
 * at teardown that nothing leaked. */
#ifndef TESTS_HOST_TESTLIB_H
#define TESTS_HOST_TESTLIB_H

#include <net/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/udp.h>
#include <net/snmp.h>
#include <net/checksum.h>
#include "host.h"
#include "test.h"

/* ---- Mock NIC ---- */
struct mock_priv {
	struct pkb_queue tx;          /* what the stack transmitted */
	struct pkb_queue rx_ring;     /* frames "DMA'd" but not yet polled */
	struct napi_struct napi;
	int polls;
	bool tx_busy;                 /* make ndo_start_xmit return BUSY */
	unsigned int rx_ring_max;
};

struct net_device *mock_netdev_create(const u8 *mac);
/* Like a NIC interrupt: put a copy of the frame on the RX ring and
 * napi_schedule(). Frames reach the stack when softirqs run. */
int mock_rx(struct net_device *dev, const void *frame, size_t len);
/* ip_summed given to every frame mock_rx delivers (a NIC's checksum
 * verdict); CHECKSUM_NONE unless a test sets it. fx_setup resets it. */
extern u8 mock_rx_ip_summed;
/* Deliver now: mock_rx + run softirqs. */
int mock_rx_now(struct net_device *dev, const void *frame, size_t len);
struct pkbuf *mock_tx_pop(struct net_device *dev);
int mock_tx_count(struct net_device *dev);
void mock_tx_purge(struct net_device *dev);
struct mock_priv *mock_priv(struct net_device *dev);

/* ---- Addresses ---- */
#define IP(a, b, c, d) htonl(((u32)(a) << 24) | ((u32)(b) << 16) | \
			     ((u32)(c) << 8) | (u32)(d))
extern const u8 MAC_US[ETH_ALEN];     /* 52:54:00:12:34:56 (eth0) */
extern const u8 MAC_PEER[ETH_ALEN];   /* 52:54:00:aa:bb:cc */
extern const u8 MAC_GW[ETH_ALEN];     /* 52:55:0a:00:02:02 */
extern const u8 MAC_BCAST[ETH_ALEN];
#define ADDR_US   IP(10, 0, 2, 15)
#define ADDR_PEER IP(10, 0, 2, 100)
#define ADDR_GW   IP(10, 0, 2, 2)
#define ADDR_FAR  IP(192, 0, 2, 7)    /* off-link: via the gateway */

/* ---- Frame builders (into caller buffers; return the frame length) ---- */
struct ipspec {
	const u8 *eth_dst, *eth_src;  /* default MAC_US / MAC_PEER */
	be32 saddr, daddr;            /* default ADDR_PEER / ADDR_US */
	u8 protocol;
	u8 ttl;                       /* default 64 */
	u8 tos;
	u16 id;
	u16 frag;                     /* flags|offset (host order) */
	const u8 *opts;               /* IP options, padded by caller */
	unsigned int optlen;
};
size_t mk_eth(u8 *buf, const u8 *dst, const u8 *src, u16 type);
size_t mk_ip(u8 *buf, const struct ipspec *s, const void *payload,
	     size_t len);
size_t mk_udp(u8 *buf, const struct ipspec *s, u16 sport, u16 dport,
	      const void *data, size_t len);
/* A TCP segment (host-order seq/ack, ports; mss 0 = no option) from
 * saddr (default ADDR_PEER) to daddr (default ADDR_US). */
struct tcpspec {
	be32 saddr, daddr;
	u16 sport, dport;
	u32 seq, ack;
	u8 flags;
	u16 window;
	u16 mss;
	const u8 *opts;                /* more options after the MSS, */
	u8 optlen;                     /* a multiple of 4 bytes */
};
size_t mk_tcp(u8 *buf, const struct tcpspec *t, const void *data,
	      size_t len);
size_t mk_icmp_echo(u8 *buf, const struct ipspec *s, u8 type, u16 id,
		    u16 seq, const void *data, size_t len);
size_t mk_arp(u8 *buf, const u8 *eth_dst, int op, const u8 *sha, be32 sip,
	      const u8 *tha, be32 tip);
/* Recompute the IP header checksum of a frame (after mutating it). */
void fix_ip_csum(u8 *frame);
static inline struct iphdr *frame_ip(u8 *frame)
{
	return (struct iphdr *)(frame + ETH_HLEN);
}

/* ---- Parsing what the stack sent ---- */
struct ethhdr *tx_eth(struct pkbuf *pkb);
struct iphdr *tx_ip(struct pkbuf *pkb);        /* NULL unless IPv4 */
struct arphdr_eth *tx_arp(struct pkbuf *pkb);  /* NULL unless ARP */
void *tx_l4(struct pkbuf *pkb);                /* after the IP header */
bool ip_csum_ok(const struct iphdr *iph);

/* ---- Fixture ---- */
/* net_init, eth0 (mock) 10.0.2.15/24, default gw 10.0.2.2; softirqs run;
 * the gratuitous ARP is discarded; counters zeroed; baselines taken. */
struct net_device *fx_setup(void);
/* The same without any address or route on eth0 (DHCP tests). */
struct net_device *fx_setup_bare(void);
/* Teach the neighbour cache a MAC (as if a reply arrived). */
void fx_learn(struct net_device *dev, be32 ip, const u8 *mac);
/* Flush caches/queues and CHECK that buffers and memory returned to the
 * baselines and no WARN_ON fired. Call at the end of every test. */
void fx_teardown(void);
extern struct net_device *eth0;

#endif
