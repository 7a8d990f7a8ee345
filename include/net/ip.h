/* IPv4 (RFC 791, RFC 1122): wire header and the functions of ip_input.c,
 * ip_output.c and ip_fragment.c. */
#ifndef NET_IP_H
#define NET_IP_H

#include <net/pkbuf.h>
#include <net/in.h>
#include <net/inetdevice.h>
#include <net/route.h>

struct iphdr {
	u8 ihl_version;      /* version (high 4 bits), IHL in words (low 4) */
	u8 tos;
	be16 tot_len;
	be16 id;
	be16 frag_off;       /* flags (3 bits) + offset in 8-byte units */
	u8 ttl;
	u8 protocol;
	u16 check;           /* stored big-endian: use htons(csum) */
	be32 saddr;
	be32 daddr;
} __packed;
BUILD_BUG_ON(sizeof(struct iphdr) != 20);

#define IP_CE     0x8000
#define IP_DF     0x4000
#define IP_MF     0x2000
#define IP_OFFSET 0x1FFF

#define IPVERSION      4
#define IP_DEFAULT_TTL 64
#define IP_MAX_PACKET  65535
/* Option types (RFC 791 3.1): the high bit says "copy into fragments". */
#define IPOPT_COPY      0x80
#define IPOPT_END       0
#define IPOPT_NOOP      1
#define IPOPT_RR        7
#define IPOPT_TIMESTAMP 68
#define IPOPT_LSRR      131
#define IPOPT_SSRR      137
#define IPOPT_TS_TSONLY    0   /* Timestamp flags (low nibble of byte 3) */
#define IPOPT_TS_TSANDADDR 1
#define IPOPT_TS_PRESPEC   3
#define IP_OPTIONS_MAX  40

static inline unsigned int ip_hdr_ihl(const struct iphdr *iph)
{
	return iph->ihl_version & 0x0f;
}

static inline unsigned int ip_hdr_version(const struct iphdr *iph)
{
	return iph->ihl_version >> 4;
}

static inline struct iphdr *ip_hdr(const struct pkbuf *pkb)
{
	return (struct iphdr *)pkb_network_header(pkb);
}

static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* Per-packet IP state in pkb->cb while IP owns the buffer. */
struct inet_skb_parm {
	int iif;             /* arrival ifindex */
	u16 frag_offset;     /* reassembly: byte offset of this fragment */
	u16 frag_end;
	u8 frag_mf;
};
#define IPCB(pkb) ((struct inet_skb_parm *)(pkb)->cb)

/* ---- ip_input.c ---- */
int ip_rcv(struct pkbuf *pkb, struct net_device *dev, struct packet_type *pt);
int ip_local_deliver(struct pkbuf *pkb);

/* ---- ip_options.c ---- */
/* What a header's options hold: offsets from the IP header, 0 = absent. */
struct ip_options {
	u8 optlen;
	u8 srr;
	u8 rr;
	u8 ts;
};
/* Validate the options of the header at iph (writable) and record
 * spec_dst and the time in RR/Timestamp. Returns 0, or the offset from
 * the header of the offending byte (the Parameter Problem pointer). */
int ip_options_compile(struct ip_options *opt, u8 *iph, be32 spec_dst);
/* For a datagram to us: false when it must be dropped (malformed: a
 * Parameter Problem went back; or source-routed). Counts the drop. */
bool ip_rcv_options(struct pkbuf *pkb);
/* The options of a reply to iph (RR and Timestamp, with saddr and the
 * time added where there is room), padded to 4 bytes, into dst (at least
 * IP_OPTIONS_MAX bytes). Returns their length, 0 when none. */
unsigned int ip_options_echo(u8 *dst, const struct iphdr *iph, be32 saddr);
/* Turn the options that must not be copied into fragments after the
 * first (RFC 791) into no-ops. */
void ip_options_fragment(u8 *opts, unsigned int len);

/* Linux ip_dont_fragment + IP_PMTUDISC_*: may a datagram of tot bytes
 * (with its IP header) go out on rt for this socket, and with DF? 0 or
 * -EMSGSIZE; *df says whether to set DF. PROBE, INTERFACE and OMIT size
 * fragments by the device MTU, ignoring what the path taught (rt->mtu is
 * reset for them). */
static inline int ip_pmtu_check(u8 pmtudisc, struct rtable *rt,
				unsigned int tot, bool *df)
{
	switch (pmtudisc) {
	case IP_PMTUDISC_DO:
		*df = true;
		return tot > rt->mtu ? -EMSGSIZE : 0;
	case IP_PMTUDISC_WANT:
		*df = tot <= rt->mtu && !rt->mtu_locked;
		return 0;
	case IP_PMTUDISC_PROBE:
		rt->mtu = rt->dev->mtu;
		*df = true;
		return tot > rt->mtu ? -EMSGSIZE : 0;
	default:                        /* DONT, INTERFACE, OMIT */
		if (pmtudisc != IP_PMTUDISC_DONT)
			rt->mtu = rt->dev->mtu;
		*df = false;
		return 0;
	}
}

/* ---- ip_output.c ---- */
/* Everything the caller decides about an outgoing datagram. */
struct ip_tx_params {
	be32 saddr;          /* 0: the route's preferred source */
	be32 daddr;
	u8 protocol;
	u8 ttl;              /* 0: IP_DEFAULT_TTL */
	u8 tos;
	bool df;             /* set DF; too big then fails with -EMSGSIZE */
	int oif;             /* 0: routing decides; else this ifindex */
	const u8 *opt;       /* IP options, a multiple of 4 bytes */
	u8 optlen;
};

/* Route, prepend the IP header to the transport segment at pkb->data,
 * fragment if needed and transmit. Consumes pkb on every path. Returns 0
 * or -errno (-ENETUNREACH, -EMSGSIZE, -EHOSTUNREACH...). */
int ip_send_pkb(struct pkbuf *pkb, const struct ip_tx_params *p);
/* The same after the caller routed (transports that need the source
 * address for their checksum route first). Counts OutRequests: no. */
int ip_build_xmit(struct pkbuf *pkb, const struct ip_tx_params *p,
		  const struct rtable *rt);
/* Send a finished datagram (header at pkb->data) along a route,
 * fragmenting to the device MTU. Consumes pkb. */
int ip_output(struct pkbuf *pkb, const struct rtable *rt);
/* Choose an IP ID for a datagram (RFC 6864: unique per src/dst/proto
 * within the reassembly lifetime; per-destination counters). */
be16 ip_select_id(be32 saddr, be32 daddr, u8 proto);

/* ---- ip_fragment.c ---- */
/* Feed a fragment; returns the reassembled datagram (header at data,
 * network header set) when complete, else NULL (pkb kept or dropped). */
struct pkbuf *ip_defrag(struct pkbuf *pkb);
void ip_frag_flush(void);           /* drop every queue (tests, shutdown) */
int ip_frag_queue_count(void);
long ip_frag_mem(void);
/* Linux ipfrag_high_thresh / ipfrag_time equivalents. */
extern long ipfrag_high_thresh;
extern u64 ipfrag_time_ms;

void ip_frag_init(void);
int ip_init(void);

#endif
