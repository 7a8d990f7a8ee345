/* SYN cookies (RFC 4987 3.6, Linux net/ipv4/syncookies.c): when a
 * listener's SYN queue is full, the SYN-ACK's sequence number carries
 * what the request sock would have kept, so no memory is spent until the
 * peer's ACK proves it saw the SYN-ACK.
 *
 *   tcp_conn_request, SYN queue full -> cookie_v4_init_sequence -> SYN-ACK
 *     with the cookie as ISN, nothing queued
 *   ACK to the listener with no request -> cookie_v4_check -> the child
 *     is made from the cookie (tcp_v4_syn_recv_sock) and takes the ACK
 *
 * The cookie, as Linux's:  hash(4-tuple) + peer's ISN + (minute << 24)
 *                          + ((hash(4-tuple, minute) + mss index) & 2^24-1)
 * A cookie is good for two minutes (MAX_SYNCOOKIE_AGE); the MSS is one of
 * four values (msstab). Only a listener that sent cookies in the last two
 * minutes checks them; any other ACK gets a RST as before. The hashes are
 * keyed with boot-time random secrets (Linux uses SipHash; ours is the
 * same keyed mixer as the ISNs).
 *
 * If the SYN had timestamps, the other options survive as in Linux: the
 * SYN-ACK's TSval carries the peer's window scale (4 bits, 15 = none)
 * and SACK-permitted in its low 6 bits, and the ACK's TSecr brings them
 * back. Without timestamps only the MSS is kept.
 */
#include <net/tcp.h>
#include <net/ip.h>
#include <net/snmp.h>

#define COOKIEBITS 24
#define COOKIEMASK ((1u << COOKIEBITS) - 1)
#define MAX_SYNCOOKIE_AGE 2
#define TCP_SYNCOOKIE_PERIOD (60u * 1000)          /* ms */
#define TCP_SYNCOOKIE_VALID  (2u * TCP_SYNCOOKIE_PERIOD)

int sysctl_tcp_syncookies = 1;                     /* Linux's default */

static const u16 msstab[] = { 536, 1300, 1440, 1460 };

#define TS_OPT_WSCALE_MASK 0xfu
#define TS_OPT_SACK        0x10u
#define TSBITS             6
static u32 syncookie_secret[2];
static bool syncookie_seeded;

static u32 cookie_hash(be32 saddr, be32 daddr, be16 sport, be16 dport,
		       u32 count, int c)
{
	u32 h;

	if (!syncookie_seeded) {
		syncookie_secret[0] = get_random_u32();
		syncookie_secret[1] = get_random_u32();
		syncookie_seeded = true;
	}
	h = (saddr ^ syncookie_secret[c]) * 0x9e3779b1u ^
	    daddr * 0x85ebca6bu ^
	    ((u32)ntohs(sport) << 16 | ntohs(dport)) * 0xc2b2ae35u ^
	    (count + (u32)c) * 0x27d4eb2fu;
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	h *= 0x297a2d39u;
	return h ^ (h >> 15);
}

static u32 tcp_cookie_time(void)
{
	return (u32)(jiffies / TCP_SYNCOOKIE_PERIOD);
}

/* Remember that cookies went out (Linux tcp_synq_overflow). */
static void tcp_synq_overflow(struct sock *sk)
{
	tcp_sk(sk)->last_synq_overflow = (u32)jiffies;
	tcp_sk(sk)->synq_overflowed = true;
}

static bool tcp_synq_no_recent_overflow(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return !tp->synq_overflowed ||
	       (u32)jiffies - tp->last_synq_overflow > TCP_SYNCOOKIE_VALID;
}

/* The ISN for a SYN-ACK answering req's SYN; *mss becomes the MSS the
 * cookie can remember (the largest table value not above the peer's). */
u32 cookie_v4_init_sequence(struct sock *sk, const struct request_sock *req,
			    u16 *mss)
{
	unsigned int i = ARRAY_SIZE(msstab) - 1;
	u32 count = tcp_cookie_time();

	while (i > 0 && *mss < msstab[i])
		i--;
	*mss = msstab[i];
	tcp_synq_overflow(sk);
	TCPEXT_INC_STATS(SYNCOOKIESSENT);
	return cookie_hash(req->rmt_addr, req->loc_addr, req->rmt_port,
			   req->loc_port, 0, 0) + req->rcv_isn +
	       (count << COOKIEBITS) +
	       ((cookie_hash(req->rmt_addr, req->loc_addr, req->rmt_port,
			     req->loc_port, count, 1) + i) & COOKIEMASK);
}

/* Our TSval for a cookie SYN-ACK: the clock with its low TSBITS
 * replaced by the options, never ahead of the clock (so our later
 * TSvals on the connection do not go backwards). */
u32 cookie_init_timestamp(const struct request_sock *req)
{
	u32 now = tcp_time_stamp(), ts;
	u32 options = req->wscale_ok ? req->snd_wscale : TS_OPT_WSCALE_MASK;

	if (req->sack_ok)
		options |= TS_OPT_SACK;
	ts = (now & ~((1u << TSBITS) - 1)) | options;
	if ((s32)(ts - now) > 0)
		ts -= 1u << TSBITS;
	return ts ? ts : 1u << TSBITS;          /* 0 would mean "the clock" */
}

/* The options a cookie ACK's TSecr brings back (Linux
 * cookie_timestamp_decode). */
static void cookie_timestamp_decode(struct sock *sk, struct request_sock *req,
				    const struct tcp_options_received *opt)
{
	u32 options = opt->rcv_tsecr, ws = options & TS_OPT_WSCALE_MASK;

	if (!opt->saw_tstamp)
		return;
	req->tstamp_ok = 1;
	req->ts_recent = opt->rcv_tsval;
	req->sack_ok = !!(options & TS_OPT_SACK);
	if (ws != TS_OPT_WSCALE_MASK && ws <= TCP_MAX_WSCALE) {
		req->wscale_ok = 1;
		req->snd_wscale = (u8)ws;
		req->rcv_wscale = tcp_select_wscale(sk->sk_rcvbuf);
	}
}

/* The MSS index a cookie holds, or -1 if it is not one of ours (or is
 * older than MAX_SYNCOOKIE_AGE minutes). */
static int check_tcp_syn_cookie(u32 cookie, be32 saddr, be32 daddr,
				be16 sport, be16 dport, u32 sseq)
{
	u32 count = tcp_cookie_time(), diff, v;

	cookie -= cookie_hash(saddr, daddr, sport, dport, 0, 0) + sseq;
	diff = (count - (cookie >> COOKIEBITS)) & ((u32)-1 >> COOKIEBITS);
	if (diff >= MAX_SYNCOOKIE_AGE)
		return -1;
	v = (cookie - cookie_hash(saddr, daddr, sport, dport, count - diff, 1)) &
	    COOKIEMASK;
	return v < ARRAY_SIZE(msstab) ? (int)v : -1;
}

/* An ACK reached listener sk and matches no request: is it the answer
 * to one of our cookies? If so the connection is made and true returned
 * (pkb consumed); otherwise false and the caller resets as usual. */
bool cookie_v4_check(struct sock *sk, struct pkbuf *pkb)
{
	struct tcp_sock *ltp = tcp_sk(sk);
	const struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
	const struct iphdr *iph = ip_hdr(pkb);
	const struct tcphdr *th = tcp_hdr(pkb);
	struct tcp_options_received opt;
	struct request_sock req;
	struct sock *child;
	int mssind;

	if (!sysctl_tcp_syncookies || tcp_synq_no_recent_overflow(sk))
		return false;
	if (!(cb->tcp_flags & TCPHDR_ACK) ||
	    (cb->tcp_flags & (TCPHDR_RST | TCPHDR_SYN)))
		return false;
	mssind = check_tcp_syn_cookie(cb->ack_seq - 1, iph->saddr, iph->daddr,
				      th->source, th->dest, cb->seq - 1);
	if (mssind < 0) {
		TCPEXT_INC_STATS(SYNCOOKIESFAILED);
		return false;
	}
	TCPEXT_INC_STATS(SYNCOOKIESRECV);
	if (ltp->acceptq_len >= ltp->max_ack_backlog) {
		TCPEXT_INC_STATS(LISTENOVERFLOWS);
		TCPEXT_INC_STATS(LISTENDROPS);
		goto drop;
	}
	memset(&req, 0, sizeof(req));
	req.rsk_listener = sk;
	req.state = TCP_NEW_SYN_RECV;
	req.loc_addr = iph->daddr;
	req.rmt_addr = iph->saddr;
	req.loc_port = th->dest;
	req.rmt_port = th->source;
	req.snt_isn = cb->ack_seq - 1;
	req.rcv_isn = cb->seq - 1;
	req.mss = tcp_mss_clamp(ltp, msstab[mssind]);
	req.rcv_wnd = cb->window;
	tcp_parse_options(th, &opt);
	cookie_timestamp_decode(sk, &req, &opt);
	child = tcp_v4_syn_recv_sock(sk, &req, pkb);
	if (!child) {
		TCPEXT_INC_STATS(LISTENDROPS);
		goto drop;
	}
	sock_hold(child);
	tcp_rcv_state_process(child, pkb);
	sock_put(child);
	if (!sk->sk_dead)
		sk->sk_data_ready(sk);
	return true;
drop:
	pkb_free(pkb);
	return true;
}
