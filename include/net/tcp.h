/* TCP (RFC 9293, RFC 6298 timers): wire header, the TCP socket and the
 * functions of net/ipv4/tcp*.c, named as Linux's so the two read alike.
 *
 *   tcp.c          tcp_set_state, tcp_close, tcp_shutdown, send/recv, poll
 *   tcp_input.c    tcp_rcv_state_process and the receive path pieces
 *   tcp_output.c   building and sending segments (tcp_connect, tcp_send_fin,
 *                  tcp_write_xmit, tcp_v4_send_reset)
 *   tcp_timer.c    retransmission (RFC 6298), zero-window probe, FIN_WAIT2
 *   tcp_minisocks.c request socks (SYN queue) and TIME_WAIT objects
 *   tcp_ipv4.c     demux hashes, ports, tcp_v4_rcv, tcp_v4_connect
 */
#ifndef NET_TCP_H
#define NET_TCP_H

#include <net/sock.h>

struct tcphdr {
	be16 source;
	be16 dest;
	be32 seq;
	be32 ack_seq;
	u8 doff_res;         /* data offset in words (high 4 bits) */
	u8 flags;            /* TCPHDR_* */
	be16 window;
	u16 check;           /* stored big-endian */
	be16 urg_ptr;
} __packed;
BUILD_BUG_ON(sizeof(struct tcphdr) != 20);

#define TCPHDR_FIN 0x01
#define TCPHDR_SYN 0x02
#define TCPHDR_RST 0x04
#define TCPHDR_PSH 0x08
#define TCPHDR_ACK 0x10
#define TCPHDR_URG 0x20

#define TCPOPT_EOL       0
#define TCPOPT_NOP       1
#define TCPOPT_MSS       2
#define TCPOPT_WINDOW    3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_SACK      5
#define TCPOPT_TIMESTAMP 8

#define TCP_MSS_DEFAULT  536U      /* RFC 9293 3.7.1: no MSS option seen */
#define TCP_MSS_MIN      88U       /* below this an MSS option is silly */
#define TCP_MAX_WINDOW   65535U    /* largest unscaled window */
#define TCP_MAX_WSCALE   14U       /* RFC 7323 2.3 */
#define TCP_TS_LEN       12U       /* NOP NOP TS(10): every segment once on */
#define TCP_NUM_SACKS    4U        /* blocks we remember (RFC 2018) */
#define TCP_DELACK_MS    40U       /* delayed ACK (Linux TCP_DELACK_MIN) */
#define TCP_QUICKACKS    16U       /* immediate ACKs at the start (Linux) */
#define TCP_PAWS_24DAYS  (24u * 24 * 3600 * 1000)  /* RFC 7323 5.5, ms */
#define TCP_INVALID_RATELIMIT 500U /* ms between ACKs to invalid segments
				    * (Linux tcp_invalid_ratelimit) */
#define TCP_RTO_INIT     1000U     /* RFC 6298 2.1 */
#define TCP_RTO_MIN      200U      /* Linux TCP_RTO_MIN */
#define TCP_RTO_MAX      120000U   /* Linux TCP_RTO_MAX */
#define TCP_SYN_RETRIES  6         /* Linux tcp_syn_retries */
#define TCP_SYNACK_RETRIES 5       /* Linux tcp_synack_retries */
#define TCP_RETRIES2     15        /* Linux tcp_retries2 */
#define TCP_TIMEWAIT_LEN 60000U    /* 2*MSL, as Linux */
#define TCP_FIN_TIMEOUT  60000U    /* orphaned FIN_WAIT2 (tcp_fin_timeout) */
#define TCP_INIT_CWND    10U       /* RFC 6928, segments */
#define TCP_KEEPALIVE_TIME   (7200U * 1000)  /* Linux tcp_keepalive_time */
#define TCP_KEEPALIVE_INTVL  (75U * 1000)    /* tcp_keepalive_intvl */
#define TCP_KEEPALIVE_PROBES 9               /* tcp_keepalive_probes */
#define MAX_TCP_KEEPIDLE     32767
#define MAX_TCP_KEEPINTVL    32767
#define MAX_TCP_KEEPCNT      127
#define MAX_TCP_SYNCNT       127
#define TCP_FIN_TIMEOUT_MAX  120000U              /* TCP_LINGER2 cap, ms */
#define TCP_MAX_USER_MSS     32767U          /* Linux MAX_TCP_WINDOW */
/* TCP's default SO_RCVBUF: no autotuning here, so one size large enough
 * for the bandwidth-delay product of a virtio-net link under TCG (the
 * window is half of it, 1 MiB, scale 6). With 256 KiB the Linux sender
 * was rwnd-limited and the guest idle half the time; see docs/tcp.md. */
#define TCP_RMEM_DEFAULT 2097152

static inline bool before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}
#define after(a, b) before(b, a)

static inline unsigned int tcp_hdrlen(const struct tcphdr *th)
{
	return (th->doff_res >> 4) * 4u;
}

static inline struct tcphdr *tcp_hdr(const struct pkbuf *pkb)
{
	return (struct tcphdr *)pkb_transport_header(pkb);
}

/* Per-segment state in pkb->cb (after the IP control block). On input
 * pkb->data is at the payload; on the write queue it is the payload. */
struct tcp_skb_cb {
	u32 seq;             /* first sequence number (SYN counts) */
	u32 end_seq;         /* seq + SYN + payload + FIN */
	u32 ack_seq;
	u32 when;            /* ms it was (last) sent */
	u16 window;          /* received window, host order */
	u8 tcp_flags;
	u8 sacked;           /* TCPCB_* */
	u32 tw_isn;          /* a SYN TIME_WAIT let through: our ISN, above
			      * the old connection's sequence space */
};
#define TCP_SKB_CB(pkb) ((struct tcp_skb_cb *)((pkb)->cb + 16))
#define TCPCB_SENT    0x01     /* transmitted at least once */
#define TCPCB_RETRANS 0x02     /* retransmitted: no RTT sample (Karn) */
#define TCPCB_LOST    0x04     /* to be retransmitted (RTO, or SACK IsLost) */
#define TCPCB_SACKED_ACKED   0x08  /* covered by a SACK block (RFC 2018) */
#define TCPCB_SACKED_RETRANS 0x10  /* retransmitted in this recovery and
				    * not SACKed since: not marked lost
				    * again until an RTO */
/* RFC 6675 DupThresh (Linux tp->reordering's default) and its cap. */
#define TCP_FASTRETRANS_THRESH 3
#define TCP_MAX_REORDERING     127

/* Which job the write timer does now (Linux icsk_pending). */
enum { ICSK_TIME_NONE, ICSK_TIME_RETRANS, ICSK_TIME_PROBE0 };

struct tcp_sack_block {
	u32 start_seq, end_seq;
};

struct inet_bind_bucket;
struct request_sock;

struct tcp_sock {
	struct inet_sock inet;
	/* Send sequence space (RFC 9293 3.3.1). */
	u32 snd_una, snd_nxt, snd_wnd, snd_wl1, snd_wl2, iss;
	u32 max_window;      /* largest window the peer offered (RFC 5961 5.2) */
	u32 last_oow_ack_time;  /* tcp_oow_rate_limited, with oow_ack_sent */
	bool oow_ack_sent;
	u32 write_seq;       /* end of the data queued by the user */
	/* Receive sequence space. rcv_wup is rcv_nxt when the window
	 * rcv_wnd was last advertised: the right edge is rcv_wup+rcv_wnd. */
	u32 rcv_nxt, rcv_wnd, rcv_wup, irs;
	u16 mss_cache;       /* what we send per segment */
	u16 advmss;          /* what we announce */
	/* RFC 6298 estimator, microseconds (ms clock, scaled for precision) */
	u32 srtt_us, rttvar_us;
	u32 rto;             /* ms, before backoff */
	u8 backoff;          /* exponent applied to rto */
	u8 retransmits;      /* consecutive timeouts */
	u8 icsk_pending;     /* ICSK_TIME_* */
	u8 dupacks;
	/* RFC 5681 congestion window, bytes. */
	u32 snd_cwnd, snd_ssthresh;
	u32 lost_out;        /* bytes marked TCPCB_LOST */
	u32 sacked_out;      /* bytes marked TCPCB_SACKED_ACKED */
	u32 highest_sack;    /* end of the highest SACKed segment */
	/* Reordering seen, in segments (Linux tp->reordering): DupThresh
	 * for SACK recovery. Starts at 3, grows when a segment never
	 * resent is SACKed or ACKed below one SACKed earlier. */
	u8 reordering;
	u32 retrans_stamp;   /* TSval of this recovery's first resend */
	u32 undo_marker;     /* snd_una when the last recovery/RTO began:
			      * [undo_marker, high_seq) was resent */
	/* Where the last SACK block ended in the write queue (Linux
	 * highest_sack-like hint): the next blocks usually start beyond
	 * it. NULL when unknown; cleared when that segment is freed or
	 * split. */
	struct pkbuf *sack_hint;
	/* RFC 6582 NewReno: "recover" (Linux high_seq) and whether we are
	 * in fast recovery (Linux TCP_CA_Recovery). */
	u32 high_seq;
	u8 in_recovery;
	/* Segments from snd_una on: sent-unacked first, then unsent from
	 * send_head. SYN and FIN sit here too, so they are retransmitted
	 * like data. */
	struct pkb_queue write_queue;
	struct pkbuf *send_head;
	struct pkb_queue out_of_order_queue;  /* sorted by seq, no overlaps */
	u32 ofo_mem;
	struct timer_list retransmit_timer;   /* RTO and zero-window probes */
	struct timer_list keepalive_timer;    /* orphaned FIN_WAIT2 timeout */
	/* Negotiated options (RFC 7323, RFC 2018): set by the handshake. */
	u8 wscale_ok, tstamp_ok, sack_ok;
	u8 snd_wscale;       /* peer's shift: their window << snd_wscale */
	u8 rcv_wscale;       /* our shift, chosen from sk_rcvbuf at open */
	u32 ts_recent;       /* RFC 7323 TS.Recent: TSval to echo */
	u32 ts_recent_stamp; /* jiffies when ts_recent was set (PAWS aging) */
	/* Receiver SACK blocks (RFC 2018 4): most recent first. */
	struct tcp_sack_block selective_acks[TCP_NUM_SACKS];
	u8 num_sacks;
	/* D-SACK (RFC 2883): data that arrived twice, reported once as the
	 * first block of the next ACK, then forgotten. */
	u8 dsack;
	struct tcp_sack_block duplicate_sack;
	/* Delayed ACK (RFC 1122 4.2.3.2; Linux icsk_ack). */
	u8 ack_pending;      /* an ACK is owed; delack_timer armed */
	u8 quickack;         /* ACKs still to send at once (slow start) */
	u16 rcv_mss;         /* largest segment seen from the peer */
	u8 ack_deferred;     /* on the end-of-receive-batch ACK list */
	struct list_head ack_defer_node;
	struct timer_list delack_timer;
	/* Nagle (RFC 896) and TCP_CORK (tcp_setsockopt). */
	u8 nodelay, cork;
	u8 more;             /* the last send had MSG_MORE: hold its tail */
	u8 push_held;        /* the probe timer sends what cork/Nagle held */
	/* Ports: the bucket of our local port and our link in it. */
	struct inet_bind_bucket *bind_bucket;
	struct hlist_node bind_node;
	/* Listener: SYN queue (request socks) and accept queue (children),
	 * both bounded by the listen backlog. */
	struct list_head req_list;
	int synq_len;
	struct list_head accept_queue;
	int acceptq_len;
	int max_ack_backlog;
	/* Child: link in its listener's accept queue until accepted. */
	struct list_head accept_node;
	struct sock *listener;
	bool hashed;         /* in the established or listening hash */
	bool destroyed;
	bool was_connected;  /* reached ESTABLISHED once (recv errors) */

	/* ---- socket lifecycle and options (tcp_sockopt.c) ---- */
	u32 keepalive_time;  /* TCP_KEEPIDLE, ms; 0: TCP_KEEPALIVE_TIME */
	u32 keepalive_intvl; /* TCP_KEEPINTVL, ms; 0: default */
	u8 keepalive_probes; /* TCP_KEEPCNT; 0: default */
	u8 syn_retries;      /* TCP_SYNCNT; 0: TCP_SYN_RETRIES */
	int linger2;         /* TCP_LINGER2, ms; 0: TCP_FIN_TIMEOUT, -1: RST */
	u32 user_timeout;    /* TCP_USER_TIMEOUT, ms; 0: none */
	u32 rto_stamp;       /* jiffies: when what the current run of
			      * timeouts resends was first sent */
	u8 probes_out;       /* keepalive probes unanswered */
	bool quickack_opt;   /* TCP_QUICKACK as read back */
	u16 user_mss;        /* TCP_MAXSEG, 0: none */
	u16 pmtu_mss;        /* MSS that fits the path MTU, 0: unknown */
	u32 rcv_tstamp;      /* jiffies of the last acceptable ACK */
	u32 total_retrans;   /* segments retransmitted (TCP_INFO) */
	u32 last_synq_overflow; /* listener: jiffies cookies last went out */
	bool synq_overflowed;
	/* urgent data (tcp_urg.c) */
	bool urg_mode;       /* snd_up is ahead of snd_una */
	u32 snd_up;          /* the byte after our urgent byte */
	u32 urg_seq;         /* the peer's urgent byte */
	u16 urg_data;        /* TCP_URG_* | the byte */
};
#define TCP_URG_VALID  0x0100
#define TCP_URG_NOTYET 0x0200
#define TCP_URG_READ   0x0400

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

/* A connection in the SYN queue (Linux request_sock, state
 * TCP_NEW_SYN_RECV): small, no socket until the handshake completes. */
struct request_sock {
	struct hlist_node node;        /* request hash (4-tuple) */
	struct list_head list;         /* listener's req_list */
	struct sock *rsk_listener;
	be32 loc_addr, rmt_addr;
	be16 loc_port, rmt_port;
	u32 snt_isn, rcv_isn;
	u16 mss;                       /* peer's MSS option, clamped */
	u16 rcv_wnd;                   /* window the SYN offered */
	u8 wscale_ok, tstamp_ok, sack_ok;
	u8 snd_wscale, rcv_wscale;
	u32 ts_recent;                 /* the SYN's TSval */
	u32 cookie_tsval;              /* a cookie SYN-ACK's TSval, options
					* in its low bits (syncookies.c) */
	u8 num_retrans;
	u8 state;                      /* TCP_NEW_SYN_RECV */
	struct timer_list rsk_timer;   /* SYN-ACK retransmission */
};

/* TIME_WAIT without the full socket (Linux inet_timewait_sock). */
struct tcp_timewait_sock {
	struct hlist_node node;        /* timewait hash (4-tuple) */
	be32 loc_addr, rmt_addr;
	be16 loc_port, rmt_port;
	u32 snd_nxt, rcv_nxt;
	struct timer_list tw_timer;    /* 2*MSL */
	u8 tw_substate;                /* TCP_TIME_WAIT */
	/* The port stays owned while TIME_WAIT lasts (Linux tw_bind_node). */
	struct inet_bind_bucket *tw_tb;
	struct hlist_node tw_bind_node;
	be32 tw_rcv_saddr;             /* the socket's bound address */
	int tw_bound_dev_if;
	bool tw_reuse;                 /* the socket had SO_REUSEADDR */
	/* RFC 7323 3.2: timestamps go on every non-RST segment of the
	 * connection, TIME_WAIT's ACKs included; PAWS still applies. */
	bool tw_tstamp_ok;
	u32 tw_ts_recent, tw_ts_recent_stamp;
	u32 tw_rcv_wnd;                /* the window last offered, bytes */
	u8 tw_rcv_wscale;
	u32 tw_last_oow_ack_time;
	bool tw_oow_ack_sent;
};

/* A local port in use, with the sockets that own it (Linux
 * inet_bind_bucket), so "is this port free" walks ports, not sockets. */
struct inet_bind_bucket {
	struct hlist_node node;
	u16 port;
	bool connect_only;             /* made by connect(): may be shared by
					* 4-tuples that differ (Linux
					* fastreuse -1) */
	struct hlist_head owners;
	struct hlist_head tw_owners;   /* TIME_WAIT objects on the port */
};

/* Options of a received SYN that we honour. */
struct tcp_options_received {
	u16 mss_clamp;                 /* 0: none sent */
	u8 wscale_ok, sack_ok, saw_tstamp;
	u8 snd_wscale;                 /* the WS option's shift, <= 14 */
	u32 rcv_tsval, rcv_tsecr;      /* if saw_tstamp */
	u8 num_sacks;                  /* SACK blocks on this segment */
	struct tcp_sack_block sacks[TCP_NUM_SACKS]; /* as sent, unchecked */
};

/* What to put in a segment we build (tcp_output.c). */
struct tcp_out {
	be32 saddr, daddr;
	be16 sport, dport;
	u32 seq, ack;
	u8 flags;
	u16 window;
	u16 mss;                       /* MSS option value, 0 = none */
	u8 wscale;                     /* WS option: shift + 1, 0 = none */
	u8 sack_perm;                  /* SACK-permitted option */
	u8 ts;                         /* timestamps option */
	u8 num_sacks;                  /* SACK blocks: dsack, then sacks */
	u32 tsval, tsecr;
	const struct tcp_sack_block *dsack; /* NULL: no D-SACK block */
	const struct tcp_sack_block *sacks;
	u8 ttl, tos;
	int oif;
	u16 urg_ptr;                   /* with TCPHDR_URG */
};

static inline struct pkbuf *tcp_write_queue_tail(const struct tcp_sock *tp)
{
	if (list_empty(&tp->write_queue.list))
		return NULL;
	return list_entry(tp->write_queue.list.prev, struct pkbuf, list);
}

static inline struct pkbuf *tcp_write_queue_next(const struct tcp_sock *tp,
						 const struct pkbuf *pkb)
{
	if (pkb->list.next == &tp->write_queue.list)
		return NULL;
	return list_entry(pkb->list.next, struct pkbuf, list);
}

extern const struct proto tcp_prot;

/* ---- tcp.c ---- */
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
void inet_csk_destroy_sock(struct sock *sk);
int tcp_init_sock(struct sock *sk);
void tcp_close(struct sock *sk, long timeout);
void tcp_shutdown(struct sock *sk, int how);
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		int *addr_len);
unsigned int tcp_poll_mask(struct sock *sk);
int inet_csk_listen_start(struct sock *sk, int backlog);
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err);
const char *tcp_state_name(int state);

/* ---- tcp_input.c ---- */
int tcp_rcv_state_process(struct sock *sk, struct pkbuf *pkb);
int tcp_rcv_synsent_state_process(struct sock *sk, struct pkbuf *pkb);
void tcp_finish_connect(struct sock *sk);
void tcp_fin(struct sock *sk);
void tcp_reset(struct sock *sk);
bool tcp_sequence_ok(const struct tcp_sock *tp, u32 seq, u32 end_seq);
void tcp_parse_options(const struct tcphdr *th,
		       struct tcp_options_received *opt);
u32 tcp_receive_window(const struct tcp_sock *tp);
extern long tcp_memory_allocated, sysctl_tcp_mem;   /* tcp.c */
bool tcp_oow_rate_limited(const struct pkbuf *pkb, int mib, u32 *last,
			  bool *sent);
u8 tcp_select_wscale(int rcvbuf);
void tcp_sack_reset(struct tcp_sock *tp);
void tcp_rtt_estimator(struct tcp_sock *tp, u32 rtt_ms);
void tcp_flush_deferred_acks(void);

/* ---- tcp_output.c ---- */
int tcp_v4_xmit(const struct tcp_out *o, const u8 *data, unsigned int len);
int tcp_connect(struct sock *sk);
void tcp_send_ack(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
void tcp_v4_send_reset(const struct pkbuf *pkb);
int tcp_write_xmit(struct sock *sk);
void tcp_fragment_to_mss(struct sock *sk, struct pkbuf *pkb, u16 mss);
int tcp_retransmit_skb(struct sock *sk, struct pkbuf *pkb);
u16 tcp_select_window(struct sock *sk);
void tcp_send_probe0(struct sock *sk);
void tcp_send_delayed_ack(struct sock *sk);
static inline u32 tcp_time_stamp(void)
{
	return (u32)jiffies;       /* RFC 7323 TSval: a 1 ms clock */
}

/* RFC 7323 5.3 R1: a TSval older than TS.Recent is an old duplicate,
 * unless TS.Recent itself is over 24 days old (5.5). For sockets and
 * TIME_WAIT alike. */
static inline bool tcp_paws_old(u32 tsval, u32 ts_recent, u32 ts_recent_stamp)
{
	return (s32)(tsval - ts_recent) < 0 &&
	       (u32)jiffies - ts_recent_stamp < TCP_PAWS_24DAYS;
}

/* The MSS counts data only: once timestamps are agreed every segment
 * carries 12 option bytes (RFC 7323; Linux's tcp_mtu_to_mss does the
 * same with its header length). */
static inline u16 tcp_mss_less_ts(const struct tcp_sock *tp, u16 mss)
{
	return tp->tstamp_ok && mss > TCP_MSS_MIN + TCP_TS_LEN ?
	       (u16)(mss - TCP_TS_LEN) : mss;
}

/* ---- tcp_sockopt.c ---- */
int tcp_setsockopt(struct sock *sk, int level, int optname,
		   const void *optval, unsigned int optlen);
int tcp_getsockopt(struct sock *sk, int level, int optname, void *optval,
		   int *optlen);
void tcp_set_keepalive(struct sock *sk, int val);
u32 keepalive_time_when(const struct tcp_sock *tp);
u32 keepalive_intvl_when(const struct tcp_sock *tp);
int keepalive_probes(const struct tcp_sock *tp);
u32 tcp_fin_time(const struct tcp_sock *tp);
u16 tcp_mss_clamp(const struct tcp_sock *tp, u16 mss);

/* ---- tcp_urg.c ---- */
u32 tcp_copied_seq(const struct sock *sk);
void tcp_check_urg(struct sock *sk, const struct pkbuf *pkb);
void tcp_urg_capture(struct sock *sk, const struct pkbuf *pkb);
int tcp_recv_urg(struct sock *sk, struct msghdr *msg, size_t len, int flags);
void tcp_mark_urg(struct sock *sk);
void tcp_urg_fill(const struct sock *sk, u32 seq, u8 *flags, u16 *urg_ptr);
void tcp_urg_acked(struct sock *sk);
int tcp_ioctl(struct sock *sk, unsigned int cmd, unsigned long arg);

/* ---- syncookies.c ---- */
extern int sysctl_tcp_syncookies;
extern int sysctl_tcp_dsack;
u32 cookie_v4_init_sequence(struct sock *sk, const struct request_sock *req,
			    u16 *mss);
u32 cookie_init_timestamp(const struct request_sock *req);
bool cookie_v4_check(struct sock *sk, struct pkbuf *pkb);

/* ---- tcp_timer.c ---- */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_clear_xmit_timers(struct sock *sk);
void tcp_rearm_rto(struct sock *sk);
void tcp_reset_probe0(struct sock *sk);
u32 tcp_current_rto(const struct tcp_sock *tp);

/* Bytes we believe are in the network (RFC 6675 "pipe", Linux
 * tcp_packets_in_flight in bytes): sent and not acknowledged, less what
 * the peer SACKed and what is marked lost and not yet resent. */
static inline u32 tcp_packets_in_flight(const struct tcp_sock *tp)
{
	return tp->snd_nxt - tp->snd_una - tp->lost_out - tp->sacked_out;
}

/* ---- tcp_minisocks.c ---- */
int tcp_conn_request(struct sock *sk, struct pkbuf *pkb);
void tcp_check_req(struct request_sock *req, struct pkbuf *pkb);
void reqsk_drop(struct request_sock *req);
void tcp_time_wait(struct sock *sk);
void tcp_timewait_state_process(struct tcp_timewait_sock *tw,
				struct pkbuf *pkb);
void inet_twsk_kill(struct tcp_timewait_sock *tw);
int tcp_tw_count(void);

/* ---- tcp_ipv4.c ---- */
int tcp_v4_rcv(struct pkbuf *pkb);
int tcp_v4_do_rcv(struct sock *sk, struct pkbuf *pkb);
int tcp_v4_rcv_again(struct pkbuf *pkb);   /* demux, CB already filled */
void tcp_v4_err(struct pkbuf *pkb, u8 type, u8 code, u32 info);
void tcp_v4_mtu_reduced(struct sock *sk, u32 mtu);
int tcp_tw_for_each(int (*fn)(struct tcp_timewait_sock *tw, void *arg),
		    void *arg);
int tcp_v4_connect(struct sock *sk, const struct sockaddr_in *addr);
int tcp_v4_get_port(struct sock *sk, u16 snum);
int tcp_v4_bind(struct sock *sk, const struct sockaddr_in *addr);
void inet_put_port(struct sock *sk);
void inet_inherit_port(struct sock *listener, struct sock *child);
void inet_ehash_insert(struct sock *sk);
void inet_listen_hash(struct sock *sk);
void inet_unhash(struct sock *sk);
void inet_reqsk_hash(struct request_sock *req);
void inet_reqsk_unhash(struct request_sock *req);
void inet_twsk_hash(struct tcp_timewait_sock *tw);
void inet_twsk_unhash(struct tcp_timewait_sock *tw);
void inet_twsk_purge(void);
void inet_twsk_bind_hash(struct tcp_timewait_sock *tw, struct sock *sk);
void inet_twsk_bind_unhash(struct tcp_timewait_sock *tw);
struct sock *tcp_v4_syn_recv_sock(struct sock *listener,
				  struct request_sock *req,
				  const struct pkbuf *pkb);
u32 tcp_v4_init_seq(be32 saddr, be32 daddr, be16 sport, be16 dport);
int tcp_for_each(int (*fn)(struct sock *sk, void *arg), void *arg);
int tcp_init(void);

#endif
