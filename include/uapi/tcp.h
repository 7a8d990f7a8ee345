/* SOL_TCP (IPPROTO_TCP) socket options, Linux values. */
#ifndef UAPI_TCP_H
#define UAPI_TCP_H

#define TCP_NODELAY    1
#define TCP_MAXSEG     2
#define TCP_CORK       3
#define TCP_KEEPIDLE   4
#define TCP_KEEPINTVL  5
#define TCP_KEEPCNT    6
#define TCP_SYNCNT     7
#define TCP_LINGER2    8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_INFO      11
#define TCP_QUICKACK  12
#define TCP_CONGESTION 13
#define TCP_USER_TIMEOUT 18
#define TCP_CA_NAME_MAX 16

#include <uapi/types.h>

/* TCP_INFO: Linux's layout (uapi/linux/tcp.h as of 5.4+, 232 bytes); a
 * shorter buffer gets its first bytes, as Linux does. */
struct tcp_info {
	__u8 tcpi_state;
	__u8 tcpi_ca_state;
	__u8 tcpi_retransmits;
	__u8 tcpi_probes;
	__u8 tcpi_backoff;
	__u8 tcpi_options;
	__u8 tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;
	__u8 tcpi_delivery_rate_app_limited : 1, tcpi_fastopen_client_fail : 2;

	__u32 tcpi_rto;            /* microseconds */
	__u32 tcpi_ato;
	__u32 tcpi_snd_mss;
	__u32 tcpi_rcv_mss;

	__u32 tcpi_unacked;        /* segments */
	__u32 tcpi_sacked;
	__u32 tcpi_lost;
	__u32 tcpi_retrans;
	__u32 tcpi_fackets;

	__u32 tcpi_last_data_sent; /* ms ago */
	__u32 tcpi_last_ack_sent;
	__u32 tcpi_last_data_recv;
	__u32 tcpi_last_ack_recv;

	__u32 tcpi_pmtu;
	__u32 tcpi_rcv_ssthresh;
	__u32 tcpi_rtt;            /* microseconds */
	__u32 tcpi_rttvar;
	__u32 tcpi_snd_ssthresh;   /* segments */
	__u32 tcpi_snd_cwnd;       /* segments */
	__u32 tcpi_advmss;
	__u32 tcpi_reordering;

	__u32 tcpi_rcv_rtt;
	__u32 tcpi_rcv_space;

	__u32 tcpi_total_retrans;

	__u64 tcpi_pacing_rate;
	__u64 tcpi_max_pacing_rate;
	__u64 tcpi_bytes_acked;
	__u64 tcpi_bytes_received;
	__u32 tcpi_segs_out;
	__u32 tcpi_segs_in;

	__u32 tcpi_notsent_bytes;
	__u32 tcpi_min_rtt;
	__u32 tcpi_data_segs_in;
	__u32 tcpi_data_segs_out;

	__u64 tcpi_delivery_rate;

	__u64 tcpi_busy_time;
	__u64 tcpi_rwnd_limited;
	__u64 tcpi_sndbuf_limited;

	__u32 tcpi_delivered;
	__u32 tcpi_delivered_ce;

	__u64 tcpi_bytes_sent;
	__u64 tcpi_bytes_retrans;
	__u32 tcpi_dsack_dups;
	__u32 tcpi_reord_seen;

	__u32 tcpi_rcv_ooopack;

	__u32 tcpi_snd_wnd;
};

#endif
