/* Counters for every reason a packet is counted or dropped.
 *
 * Names are the SNMP MIB names Linux prints in /proc/net/snmp and
 * /proc/net/netstat (RFC 4293 for IP, RFC 4022/4113 for UDP). Counters with
 * no MIB name live in the *Ext groups. The enums' order is the order the
 * text views print. */
#ifndef NET_SNMP_H
#define NET_SNMP_H

#include <net/port.h>

enum ip_mib {
	IPSTATS_MIB_FORWARDING,   /* printed as 2 (host), not counted */
	IPSTATS_MIB_DEFAULTTTL,
	IPSTATS_MIB_INRECEIVES,
	IPSTATS_MIB_INHDRERRORS,
	IPSTATS_MIB_INADDRERRORS,
	IPSTATS_MIB_FORWDATAGRAMS,
	IPSTATS_MIB_INUNKNOWNPROTOS,
	IPSTATS_MIB_INDISCARDS,
	IPSTATS_MIB_INDELIVERS,
	IPSTATS_MIB_OUTREQUESTS,
	IPSTATS_MIB_OUTDISCARDS,
	IPSTATS_MIB_OUTNOROUTES,
	IPSTATS_MIB_REASMTIMEOUT,
	IPSTATS_MIB_REASMREQDS,
	IPSTATS_MIB_REASMOKS,
	IPSTATS_MIB_REASMFAILS,
	IPSTATS_MIB_FRAGOKS,
	IPSTATS_MIB_FRAGFAILS,
	IPSTATS_MIB_FRAGCREATES,
	IPSTATS_MIB_OUTTRANSMITS,
	IPSTATS_MIB_MAX
};

/* IpExt (shown in /proc/net/netstat), plus our own drop reasons. */
enum ip_ext_mib {
	IPEXT_INTRUNCATEDPKTS,    /* total length beyond the frame */
	IPEXT_INCSUMERRORS,       /* header checksum wrong */
	IPEXT_INBCASTPKTS,
	IPEXT_INMCASTPKTS,
	IPEXT_INOCTETS,
	IPEXT_OUTOCTETS,
	IPEXT_INBADVERSION,       /* version != 4 (also InHdrErrors) */
	IPEXT_INBADIHL,           /* IHL < 5 or beyond the packet */
	IPEXT_INBADOPTIONS,       /* option list malformed */
	IPEXT_INSRCROUTED,        /* source-routed: refused, as Linux */
	IPEXT_INMARTIANSRC,       /* source broadcast/multicast/loopback */
	IPEXT_INMARTIANDST,       /* 127/8 arriving on a real interface */
	IPEXT_INL2BCASTUNICAST,   /* link broadcast carrying IP unicast */
	IPEXT_REASMOVERLAPS,      /* queue dropped for an overlap (RFC 5722) */
	IPEXT_REASMDUPLICATES,    /* exact duplicate fragment ignored */
	IPEXT_REASMOVERSIZE,      /* would exceed 65535 bytes */
	IPEXT_REASMMEMFULL,       /* global/per-queue memory limit */
	IPEXT_REASMBADFRAG,       /* length not a multiple of 8, etc */
	IPEXT_OUTARPFAILED,       /* queued for ARP, resolution failed */
	IPEXT_MAX
};

enum icmp_mib {
	ICMP_MIB_INMSGS,
	ICMP_MIB_INERRORS,
	ICMP_MIB_CSUMERRORS,
	ICMP_MIB_INDESTUNREACHS,
	ICMP_MIB_INTIMEEXCDS,
	ICMP_MIB_INPARMPROBS,
	ICMP_MIB_INSRCQUENCHS,
	ICMP_MIB_INREDIRECTS,
	ICMP_MIB_INECHOS,
	ICMP_MIB_INECHOREPS,
	ICMP_MIB_INTIMESTAMPS,
	ICMP_MIB_INTIMESTAMPREPS,
	ICMP_MIB_INADDRMASKS,
	ICMP_MIB_INADDRMASKREPS,
	ICMP_MIB_OUTMSGS,
	ICMP_MIB_OUTERRORS,
	ICMP_MIB_RATELIMITGLOBAL,
	ICMP_MIB_RATELIMITHOST,
	ICMP_MIB_OUTDESTUNREACHS,
	ICMP_MIB_OUTTIMEEXCDS,
	ICMP_MIB_OUTPARMPROBS,
	ICMP_MIB_OUTSRCQUENCHS,
	ICMP_MIB_OUTREDIRECTS,
	ICMP_MIB_OUTECHOS,
	ICMP_MIB_OUTECHOREPS,
	ICMP_MIB_OUTTIMESTAMPS,
	ICMP_MIB_OUTTIMESTAMPREPS,
	ICMP_MIB_OUTADDRMASKS,
	ICMP_MIB_OUTADDRMASKREPS,
	ICMP_MIB_MAX
};

/* IcmpExt: why we ignored an ICMP message or declined to send one. */
enum icmp_ext_mib {
	ICMPEXT_INBCASTECHOIGNORED,  /* echo to broadcast (Linux default) */
	ICMPEXT_INBADLENGTH,
	ICMPEXT_INUNKNOWNTYPE,
	ICMPEXT_INERRNOHANDLER,      /* error about a protocol we lack */
	ICMPEXT_OUTSUPPRESSED,       /* RFC 1122 3.2.2 forbids an error */
	ICMPEXT_INREDIRECTSACCEPTED, /* a new first hop for a destination */
	ICMPEXT_INREDIRECTSREJECTED, /* not from our gateway, off-link... */
	ICMPEXT_MAX
};

enum udp_mib {
	UDP_MIB_INDATAGRAMS,
	UDP_MIB_NOPORTS,
	UDP_MIB_INERRORS,
	UDP_MIB_OUTDATAGRAMS,
	UDP_MIB_RCVBUFERRORS,
	UDP_MIB_SNDBUFERRORS,
	UDP_MIB_CSUMERRORS,
	UDP_MIB_IGNOREDMULTI,
	UDP_MIB_MEMERRORS,
	UDP_MIB_MAX
};

/* UdpExt: our own drop reasons (also counted in InErrors). */
enum udp_ext_mib {
	UDPEXT_INSHORT,              /* shorter than the UDP header */
	UDPEXT_INBADLENGTH,          /* uh->len below 8 or beyond packet */
	UDPEXT_MAX
};

/* Tcp: RFC 4022 names in Linux's /proc/net/snmp order. RtoAlgorithm,
 * RtoMin, RtoMax, MaxConn and CurrEstab are printed, not counted. */
enum tcp_mib {
	TCP_MIB_RTOALGORITHM,
	TCP_MIB_RTOMIN,
	TCP_MIB_RTOMAX,
	TCP_MIB_MAXCONN,
	TCP_MIB_ACTIVEOPENS,
	TCP_MIB_PASSIVEOPENS,
	TCP_MIB_ATTEMPTFAILS,
	TCP_MIB_ESTABRESETS,
	TCP_MIB_CURRESTAB,
	TCP_MIB_INSEGS,
	TCP_MIB_OUTSEGS,
	TCP_MIB_RETRANSSEGS,
	TCP_MIB_INERRS,
	TCP_MIB_OUTRSTS,
	TCP_MIB_CSUMERRORS,
	TCP_MIB_MAX
};

/* TcpExt (Linux /proc/net/netstat names where Linux has one). */
enum tcp_ext_mib {
	TCPEXT_LISTENOVERFLOWS,      /* accept queue full */
	TCPEXT_LISTENDROPS,          /* SYN or final ACK dropped at a listener */
	TCPEXT_TCPREQQFULLDROP,      /* SYN queue full */
	TCPEXT_TCPTIMEOUTS,          /* RTO expiries */
	TCPEXT_TCPOFOQUEUE,          /* segments queued out of order */
	TCPEXT_TCPOFODROP,           /* out-of-order memory full */
	TCPEXT_TCPOFOMERGE,          /* duplicate/overlapping data trimmed */
	TCPEXT_TCPRCVQDROP,          /* receive buffer full */
	TCPEXT_TCPCHALLENGEACK,      /* RFC 5961 challenge ACKs */
	TCPEXT_TCPABORTONDATA,       /* SO_LINGER 0 close: RST (Linux's name) */
	TCPEXT_TCPABORTONCLOSE,      /* closed with unread data: RST */
	TCPEXT_TCPABORTONTIMEOUT,    /* retransmissions or keepalive gave up */
	TCPEXT_TW,                   /* TIME_WAIT ended by its timer */
	TCPEXT_TCPBADHDR,            /* short, bad data offset, bad flags */
	TCPEXT_TCPBADSEQ,            /* outside the receive window */
	TCPEXT_TCPKEEPALIVE,         /* keepalive probes sent */
	TCPEXT_OUTOFWINDOWICMPS,     /* ICMP quoting a sequence not in flight */
	TCPEXT_SYNCOOKIESSENT,       /* SYN-ACKs with a cookie */
	TCPEXT_SYNCOOKIESRECV,       /* ACKs with a valid cookie */
	TCPEXT_SYNCOOKIESFAILED,     /* ACKs with a bad cookie */
	TCPEXT_TCPREQQFULLDOCOOKIES, /* SYN queue full: cookie sent */
	TCPEXT_PAWSESTAB,            /* RFC 7323 PAWS: old timestamp */
	TCPEXT_DELAYEDACKS,          /* ACKs sent by the delayed-ACK timer */
	/* ACKs not sent: the per-connection rate limit (RFC 5961 7) */
	TCPEXT_TCPACKSKIPPEDSEQ,     /* ... for an out-of-window segment */
	TCPEXT_TCPACKSKIPPEDPAWS,    /* ... for a PAWS-rejected one */
	TCPEXT_TCPACKSKIPPEDCHALLENGE, /* ... a challenge ACK */
	TCPEXT_TCPACKSKIPPEDTIMEWAIT, /* ... from TIME_WAIT */
	/* Loss recovery and the SACK scoreboard (sender side) */
	TCPEXT_TCPRENORECOVERY,      /* NewReno fast recoveries entered */
	TCPEXT_TCPSACKRECOVERY,      /* RFC 6675 SACK recoveries entered */
	TCPEXT_TCPSACKRENEGING,      /* peer dropped data it had SACKed */
	TCPEXT_TCPRENORECOVERYFAIL,  /* RTO during NewReno recovery */
	TCPEXT_TCPSACKRECOVERYFAIL,  /* RTO during SACK recovery */
	TCPEXT_TCPSACKDISCARD,       /* invalid SACK blocks ignored */
	TCPEXT_TCPDSACKRECV,         /* D-SACK blocks seen (and ignored) */
	TCPEXT_TCPSACKREORDER,       /* reordering found by SACK/timestamps */
	TCPEXT_TCPDSACKOLDSENT,      /* D-SACKs sent for data below rcv_nxt */
	TCPEXT_TCPDSACKOFOSENT,      /* ... for out-of-order data had twice */
	TCPEXT_TCPABORTONLINGER,     /* orphans reset by TCP_LINGER2 < 0 */
	TCPEXT_MAX
};

/* ArpExt: the ARP layer's counters (no MIB exists). */
enum arp_mib {
	ARP_MIB_INPKTS,
	ARP_MIB_INREQUESTS,
	ARP_MIB_INREPLIES,
	ARP_MIB_INBADHDR,            /* wrong hrd/pro/hln/pln, short */
	ARP_MIB_INBADSENDER,         /* sender MAC multicast or ours */
	ARP_MIB_INCONFLICT,          /* someone else claims our address */
	ARP_MIB_INNOTFORUS,
	ARP_MIB_OUTREQUESTS,
	ARP_MIB_OUTREPLIES,
	ARP_MIB_OUTGRATUITOUS,
	ARP_MIB_RESOLVEFAILED,       /* entry went FAILED */
	ARP_MIB_QUEUEDROPS,          /* per-entry queue full (oldest dropped) */
	ARP_MIB_UNRESOLVEDDROPS,     /* queued packets freed on failure */
	ARP_MIB_TABLEFULL,           /* no entry could be allocated */
	ARP_MIB_MAX
};

extern u64 ip_mib[IPSTATS_MIB_MAX];
extern u64 ip_ext_mib[IPEXT_MAX];
extern u64 icmp_mib[ICMP_MIB_MAX];
extern u64 icmp_ext_mib[ICMPEXT_MAX];
extern u64 icmpmsg_in[256], icmpmsg_out[256];
extern u64 udp_mib[UDP_MIB_MAX];
extern u64 udp_ext_mib[UDPEXT_MAX];
extern u64 arp_mib[ARP_MIB_MAX];
extern u64 tcp_mib[TCP_MIB_MAX];
extern u64 tcp_ext_mib[TCPEXT_MAX];

extern const char *const ip_mib_names[IPSTATS_MIB_MAX];
extern const char *const ip_ext_mib_names[IPEXT_MAX];
extern const char *const icmp_mib_names[ICMP_MIB_MAX];
extern const char *const icmp_ext_mib_names[ICMPEXT_MAX];
extern const char *const udp_mib_names[UDP_MIB_MAX];
extern const char *const udp_ext_mib_names[UDPEXT_MAX];
extern const char *const arp_mib_names[ARP_MIB_MAX];
extern const char *const tcp_mib_names[TCP_MIB_MAX];
extern const char *const tcp_ext_mib_names[TCPEXT_MAX];

#define IP_INC_STATS(f)       (ip_mib[IPSTATS_MIB_##f]++)
#define IP_ADD_STATS(f, n)    (ip_mib[IPSTATS_MIB_##f] += (n))
#define IPEXT_INC_STATS(f)    (ip_ext_mib[IPEXT_##f]++)
#define IPEXT_ADD_STATS(f, n) (ip_ext_mib[IPEXT_##f] += (n))
#define ICMP_INC_STATS(f)     (icmp_mib[ICMP_MIB_##f]++)
#define ICMPEXT_INC_STATS(f)  (icmp_ext_mib[ICMPEXT_##f]++)
#define UDP_INC_STATS(f)      (udp_mib[UDP_MIB_##f]++)
#define UDPEXT_INC_STATS(f)   (udp_ext_mib[UDPEXT_##f]++)
#define ARP_INC_STATS(f)      (arp_mib[ARP_MIB_##f]++)
#define TCP_INC_STATS(f)      (tcp_mib[TCP_MIB_##f]++)
#define TCP_DEC_STATS(f)      (tcp_mib[TCP_MIB_##f]--)
#define TCPEXT_INC_STATS(f)   (tcp_ext_mib[TCPEXT_##f]++)

/* Zero every counter (tests). */
void snmp_reset(void);

#endif
