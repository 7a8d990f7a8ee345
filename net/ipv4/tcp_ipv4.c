/* TCP over IPv4 (Linux tcp_ipv4.c + inet_hashtables.c): validation and
 * demux of received segments, the hash tables, local ports, connect.
 *
 *   ip_local_deliver -> tcp_v4_rcv (here): header checks, checksum,
 *     then one hash lookup each, most specific first:
 *       established hash (4-tuple)  -> tcp_v4_do_rcv -> tcp_rcv_state_process
 *       TIME_WAIT hash (4-tuple)    -> tcp_timewait_state_process
 *       request hash (4-tuple)      -> tcp_check_req   (NEW_SYN_RECV)
 *       listening hash (port)       -> tcp_v4_do_rcv   (LISTEN)
 *       nothing                     -> tcp_v4_send_reset
 *   connect -> tcp_v4_connect (here) -> tcp_connect (SYN)
 *
 * No lookup walks a list that grows with the number of connections:
 * the 4-tuple tables are hashed with a boot-time random seed, listeners
 * by port, bind buckets by port.
 */
#include <net/tcp.h>
#include <net/ip.h>
#include <net/icmp.h>
#include <net/protocol.h>
#include <net/checksum.h>
#include <net/snmp.h>

#define TCP_EHASH_SIZE 16384
#define TCP_LHASH_SIZE 256
#define TCP_BHASH_SIZE 4096
#define TCP_EPHEMERAL_LOW  32768
#define TCP_EPHEMERAL_HIGH 60999

static struct hlist_head tcp_ehash[TCP_EHASH_SIZE];   /* established */
static struct hlist_head tcp_twhash[TCP_EHASH_SIZE];  /* TIME_WAIT */
static struct hlist_head tcp_reqhash[TCP_EHASH_SIZE]; /* NEW_SYN_RECV */
static struct hlist_head tcp_lhash[TCP_LHASH_SIZE];   /* LISTEN */
static struct hlist_head tcp_bhash[TCP_BHASH_SIZE];   /* bind buckets */
static u32 tcp_hash_seed, tcp_isn_secret;
static bool tcp_seeded;

static void tcp_seed(void)
{
	if (!tcp_seeded) {
		tcp_hash_seed = get_random_u32();
		tcp_isn_secret = get_random_u32();
		tcp_seeded = true;
	}
}

static u32 tcp_mix(u32 a, u32 b, u32 c)
{
	u32 h = a * 0x9e3779b1u ^ b * 0x85ebca6bu ^ c * 0xc2b2ae35u;

	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	h *= 0x297a2d39u;
	return h ^ (h >> 15);
}

/* Local address/port first, as the lookups pass them. */
static u32 tcp_ehashfn(be32 laddr, be16 lport, be32 raddr, be16 rport)
{
	return tcp_mix(laddr ^ tcp_hash_seed, raddr,
		       (u32)ntohs(lport) << 16 | ntohs(rport)) &
	       (TCP_EHASH_SIZE - 1);
}

/* RFC 6528: a clock plus a keyed hash of the 4-tuple, so sequence
 * numbers are neither guessable nor reused soon by the same flow. */
u32 tcp_v4_init_seq(be32 saddr, be32 daddr, be16 sport, be16 dport)
{
	tcp_seed();
	return (u32)(ktime_get_ns() >> 12) +
	       tcp_mix(saddr ^ tcp_isn_secret, daddr,
		       (u32)ntohs(sport) << 16 | ntohs(dport));
}

/* ---- hashing sockets ---- */

static be32 sk_laddr(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	return inet->inet_rcv_saddr ? inet->inet_rcv_saddr : inet->inet_saddr;
}

void inet_ehash_insert(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	tcp_seed();
	hlist_add_head(&sk->sk_node,
		       &tcp_ehash[tcp_ehashfn(sk_laddr(sk), inet->inet_sport,
					      inet->inet_daddr,
					      inet->inet_dport)]);
	tcp_sk(sk)->hashed = true;
}

void inet_listen_hash(struct sock *sk)
{
	hlist_add_head(&sk->sk_node,
		       &tcp_lhash[inet_sk(sk)->inet_num % TCP_LHASH_SIZE]);
	tcp_sk(sk)->hashed = true;
}

void inet_unhash(struct sock *sk)
{
	if (!tcp_sk(sk)->hashed)
		return;
	hlist_del(&sk->sk_node);
	tcp_sk(sk)->hashed = false;
}

void inet_reqsk_hash(struct request_sock *req)
{
	tcp_seed();
	hlist_add_head(&req->node,
		       &tcp_reqhash[tcp_ehashfn(req->loc_addr, req->loc_port,
						req->rmt_addr, req->rmt_port)]);
}

void inet_reqsk_unhash(struct request_sock *req)
{
	hlist_del(&req->node);
}

void inet_twsk_hash(struct tcp_timewait_sock *tw)
{
	hlist_add_head(&tw->node,
		       &tcp_twhash[tcp_ehashfn(tw->loc_addr, tw->loc_port,
					       tw->rmt_addr, tw->rmt_port)]);
}

void inet_twsk_unhash(struct tcp_timewait_sock *tw)
{
	hlist_del(&tw->node);
}

/* ---- lookups ---- */

static struct sock *inet_lookup_established(be32 saddr, be16 sport,
					    be32 daddr, be16 dport)
{
	struct sock *sk;
	u32 h = tcp_ehashfn(daddr, dport, saddr, sport);

	hlist_for_each_entry(sk, &tcp_ehash[h], sk_node) {
		const struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_dport == sport && inet->inet_daddr == saddr &&
		    inet->inet_sport == dport && sk_laddr(sk) == daddr)
			return sk;
	}
	return NULL;
}

static struct tcp_timewait_sock *inet_lookup_tw(be32 saddr, be16 sport,
						be32 daddr, be16 dport)
{
	struct tcp_timewait_sock *tw;
	u32 h = tcp_ehashfn(daddr, dport, saddr, sport);

	hlist_for_each_entry(tw, &tcp_twhash[h], node)
		if (tw->rmt_port == sport && tw->rmt_addr == saddr &&
		    tw->loc_port == dport && tw->loc_addr == daddr)
			return tw;
	return NULL;
}

static struct request_sock *inet_lookup_req(be32 saddr, be16 sport,
					    be32 daddr, be16 dport)
{
	struct request_sock *req;
	u32 h = tcp_ehashfn(daddr, dport, saddr, sport);

	hlist_for_each_entry(req, &tcp_reqhash[h], node)
		if (req->rmt_port == sport && req->rmt_addr == saddr &&
		    req->loc_port == dport && req->loc_addr == daddr)
			return req;
	return NULL;
}

/* A listener bound to the address beats one bound to any address. */
static struct sock *inet_lookup_listener(be32 daddr, be16 dport, int dif)
{
	u16 hnum = ntohs(dport);
	struct sock *sk, *wild = NULL;

	hlist_for_each_entry(sk, &tcp_lhash[hnum % TCP_LHASH_SIZE], sk_node) {
		const struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_num != hnum)
			continue;
		if (sk->sk_bound_dev_if && sk->sk_bound_dev_if != dif)
			continue;
		if (inet->inet_rcv_saddr == daddr)
			return sk;
		if (!inet->inet_rcv_saddr)
			wild = sk;
	}
	return wild;
}

/* ---- local ports ---- */

static struct inet_bind_bucket *inet_bind_bucket_find(u16 port)
{
	struct inet_bind_bucket *tb;

	hlist_for_each_entry(tb, &tcp_bhash[port % TCP_BHASH_SIZE], node)
		if (tb->port == port)
			return tb;
	return NULL;
}

/* Linux's rules: a port is shared when every socket on it set
 * SO_REUSEADDR and none listens, or their addresses differ. */
static bool inet_bind_conflict(const struct sock *sk,
			       const struct inet_bind_bucket *tb)
{
	struct tcp_timewait_sock *tw;
	struct tcp_sock *o;

	hlist_for_each_entry(o, &tb->owners, bind_node) {
		const struct sock *osk = &o->inet.sk;
		be32 a = inet_sk(sk)->inet_rcv_saddr;
		be32 b = inet_sk(osk)->inet_rcv_saddr;

		if (osk == sk)
			continue;
		if (sk->sk_bound_dev_if && osk->sk_bound_dev_if &&
		    sk->sk_bound_dev_if != osk->sk_bound_dev_if)
			continue;
		if (sk->sk_reuse && osk->sk_reuse && osk->sk_state != TCP_LISTEN)
			continue;
		if (!a || !b || a == b)
			return true;
	}
	/* TIME_WAIT holds the port as Linux: shared only when both the new
	 * socket and the one that left asked for SO_REUSEADDR. */
	hlist_for_each_entry(tw, &tb->tw_owners, tw_bind_node) {
		be32 a = inet_sk(sk)->inet_rcv_saddr, b = tw->tw_rcv_saddr;

		if (sk->sk_bound_dev_if && tw->tw_bound_dev_if &&
		    sk->sk_bound_dev_if != tw->tw_bound_dev_if)
			continue;
		if (sk->sk_reuse && tw->tw_reuse)
			continue;
		if (!a || !b || a == b)
			return true;
	}
	return false;
}

static void inet_bind_hash(struct sock *sk, struct inet_bind_bucket *tb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	hlist_add_head(&tp->bind_node, &tb->owners);
	tp->bind_bucket = tb;
	inet_sk(sk)->inet_num = tb->port;
	inet_sk(sk)->inet_sport = htons(tb->port);
}

static struct inet_bind_bucket *inet_bind_bucket_create(u16 port)
{
	struct inet_bind_bucket *tb = kzalloc(sizeof(*tb));

	if (!tb)
		return NULL;
	tb->port = port;
	hlist_add_head(&tb->node, &tcp_bhash[port % TCP_BHASH_SIZE]);
	return tb;
}

/* Take port snum, or for 0 a port nobody uses from a random start in
 * the ephemeral range (RFC 6056 algorithm 1). */
int tcp_v4_get_port(struct sock *sk, u16 snum)
{
	struct inet_bind_bucket *tb;

	if (inet_sk(sk)->inet_num)
		return -EINVAL;
	if (!snum) {
		u32 range = TCP_EPHEMERAL_HIGH - TCP_EPHEMERAL_LOW + 1;
		u32 off = get_random_u32() % range;

		for (u32 i = 0; i < range; i++) {
			u16 p = (u16)(TCP_EPHEMERAL_LOW + (off + i) % range);

			if (!inet_bind_bucket_find(p)) {
				snum = p;
				break;
			}
		}
		if (!snum)
			return -EADDRNOTAVAIL;
	}
	tb = inet_bind_bucket_find(snum);
	if (tb && inet_bind_conflict(sk, tb))
		return -EADDRINUSE;
	if (!tb)
		tb = inet_bind_bucket_create(snum);
	if (!tb)
		return -ENOBUFS;
	tb->connect_only = false;       /* named by bind(): not shared */
	inet_bind_hash(sk, tb);
	return 0;
}

static void inet_bind_bucket_put(struct inet_bind_bucket *tb)
{
	if (!tb->owners.first && !tb->tw_owners.first) {
		hlist_del(&tb->node);
		kfree(tb);
	}
}

/* The TIME_WAIT object takes over the socket's hold on its port. */
void inet_twsk_bind_hash(struct tcp_timewait_sock *tw, struct sock *sk)
{
	struct inet_bind_bucket *tb = tcp_sk(sk)->bind_bucket;

	tw->tw_tb = tb;
	if (tb)
		hlist_add_head(&tw->tw_bind_node, &tb->tw_owners);
}

void inet_twsk_bind_unhash(struct tcp_timewait_sock *tw)
{
	struct inet_bind_bucket *tb = tw->tw_tb;

	if (!tb)
		return;
	hlist_del(&tw->tw_bind_node);
	tw->tw_tb = NULL;
	inet_bind_bucket_put(tb);
}

static bool inet_tuple_in_use(be32 saddr, be16 sport, be32 daddr, be16 dport)
{
	/* lookups take the remote side first */
	return inet_lookup_established(daddr, dport, saddr, sport) ||
	       inet_lookup_tw(daddr, dport, saddr, sport);
}

/* connect() without a bound port (Linux __inet_hash_connect): from a
 * random start in the ephemeral range, a port nobody holds, or one only
 * other connect()s hold where this 4-tuple is neither established nor in
 * TIME_WAIT (without timestamps a TIME_WAIT tuple is never reused, as
 * Linux's tcp_twsk_unique). Each try is a hash lookup. */
static int inet_hash_connect(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);
	u32 range = TCP_EPHEMERAL_HIGH - TCP_EPHEMERAL_LOW + 1;
	u32 off = get_random_u32() % range;

	for (u32 i = 0; i < range; i++) {
		u16 p = (u16)(TCP_EPHEMERAL_LOW + (off + i) % range);
		struct inet_bind_bucket *tb = inet_bind_bucket_find(p);

		if (tb) {
			if (!tb->connect_only ||
			    inet_tuple_in_use(inet->inet_saddr, htons(p),
					      inet->inet_daddr, inet->inet_dport))
				continue;
		} else {
			tb = inet_bind_bucket_create(p);
			if (!tb)
				return -ENOBUFS;
			tb->connect_only = true;
		}
		inet_bind_hash(sk, tb);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

void inet_put_port(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_bind_bucket *tb = tp->bind_bucket;

	if (!tb)
		return;
	hlist_del(&tp->bind_node);
	tp->bind_bucket = NULL;
	inet_sk(sk)->inet_num = 0;
	inet_bind_bucket_put(tb);
}

/* An accepted child owns its listener's port too (Linux
 * inet_inherit_port), so the port stays busy while either lives. */
void inet_inherit_port(struct sock *listener, struct sock *child)
{
	struct inet_bind_bucket *tb = tcp_sk(listener)->bind_bucket;

	if (tb)
		inet_bind_hash(child, tb);
}

int tcp_v4_bind(struct sock *sk, const struct sockaddr_in *addr)
{
	struct inet_sock *inet = inet_sk(sk);
	be32 a = addr->sin_addr.s_addr;
	int err;

	if (addr->sin_family != AF_INET && addr->sin_family != AF_UNSPEC)
		return -EAFNOSUPPORT;
	if (sk->sk_state != TCP_CLOSE || inet->inet_num)
		return -EINVAL;
	if (a && inet_addr_type_dev(a, NULL) != RTN_LOCAL)
		return -EADDRNOTAVAIL;
	inet->inet_rcv_saddr = a;
	inet->inet_saddr = a;
	err = tcp_v4_get_port(sk, ntohs(addr->sin_port));
	if (err) {
		inet->inet_rcv_saddr = 0;
		inet->inet_saddr = 0;
	}
	return err;
}

/* ---- connect ---- */

int tcp_v4_connect(struct sock *sk, const struct sockaddr_in *usin)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct rtable rt;
	int err;

	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	if (sk->sk_state != TCP_CLOSE)
		return sk->sk_state == TCP_LISTEN ? -EINVAL : -EISCONN;
	if (!usin->sin_port)
		return -ECONNREFUSED;   /* Linux: nothing listens on port 0 */
	err = ip_route_output(usin->sin_addr.s_addr, inet->inet_saddr,
			      sk->sk_bound_dev_if, &rt);
	if (err)
		return err;
	if (rt.type == RTN_BROADCAST || rt.type == RTN_MULTICAST ||
	    ipv4_is_lbcast(usin->sin_addr.s_addr) ||
	    ipv4_is_multicast(usin->sin_addr.s_addr))
		return -ENETUNREACH;
	if (!inet->inet_saddr)
		inet->inet_saddr = rt.saddr;
	if (!inet->inet_rcv_saddr)
		inet->inet_rcv_saddr = inet->inet_saddr;
	inet->inet_daddr = usin->sin_addr.s_addr;
	inet->inet_dport = usin->sin_port;
	if (!inet->inet_num) {
		err = inet_hash_connect(sk);
		if (err)
			goto failure;
	} else if (inet_tuple_in_use(inet->inet_saddr, inet->inet_sport,
				     inet->inet_daddr, inet->inet_dport)) {
		err = -EADDRNOTAVAIL;
		goto failure;
	}
	tp->iss = tcp_v4_init_seq(inet->inet_saddr, inet->inet_daddr,
				  inet->inet_sport, inet->inet_dport);
	tp->snd_una = tp->snd_nxt = tp->write_seq = tp->iss;
	tp->high_seq = tp->iss;
	tp->reordering = TCP_FASTRETRANS_THRESH;
	tp->undo_marker = tp->high_seq;
	tp->advmss = tcp_mss_clamp(tp, (u16)MIN(rt.dev->mtu - 40, 65535u));
	tp->pmtu_mss = (u16)MIN(rt.mtu - 40, 65535u);
	tp->mss_cache = MIN(tp->advmss, (u16)TCP_MSS_DEFAULT);
	/* RFC 7323 2.3: fixed at the SYN, so SO_RCVBUF must come first. */
	tp->rcv_wscale = tcp_select_wscale(sk->sk_rcvbuf);
	tcp_set_state(sk, TCP_SYN_SENT);
	inet_ehash_insert(sk);
	err = tcp_connect(sk);
	if (err) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_unhash(sk);
		goto failure;
	}
	return 0;
failure:
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	return err;
}

/* ---- passive open: the child socket ---- */

struct sock *tcp_v4_syn_recv_sock(struct sock *listener,
				  struct request_sock *req,
				  const struct pkbuf *pkb)
{
	struct tcp_sock *ltp = tcp_sk(listener), *tp;
	struct inet_sock *inet;
	struct sock *sk;

	sk = sk_alloc(AF_INET, SOCK_STREAM, IPPROTO_TCP, &tcp_prot);
	if (!sk)
		return NULL;
	tcp_init_sock(sk);
	tp = tcp_sk(sk);
	inet = inet_sk(sk);
	sk->sk_rcvbuf = listener->sk_rcvbuf;
	sk->sk_sndbuf = listener->sk_sndbuf;
	sk->sk_bound_dev_if = listener->sk_bound_dev_if;
	/* What Linux's sk_clone_lock copies that we keep per socket. */
	sk->sk_reuse = listener->sk_reuse;
	sk->sk_keepalive = listener->sk_keepalive;
	sk->sk_linger = listener->sk_linger;
	sk->sk_urginline = listener->sk_urginline;
	sk->sk_priority = listener->sk_priority;
	tp->keepalive_time = ltp->keepalive_time;
	tp->keepalive_intvl = ltp->keepalive_intvl;
	tp->keepalive_probes = ltp->keepalive_probes;
	tp->user_mss = ltp->user_mss;
	tp->quickack_opt = ltp->quickack_opt;
	inet->inet_saddr = inet->inet_rcv_saddr = req->loc_addr;
	inet->inet_daddr = req->rmt_addr;
	inet->inet_dport = req->rmt_port;
	inet->uc_ttl = inet_sk(listener)->uc_ttl;
	inet->tos = inet_sk(listener)->tos;
	inet_inherit_port(listener, sk);
	tp->iss = req->snt_isn;
	/* Our SYN is outstanding until the ACK that completes the open. */
	tp->snd_una = req->snt_isn;
	tp->high_seq = req->snt_isn;
	tp->reordering = TCP_FASTRETRANS_THRESH;
	tp->undo_marker = tp->high_seq;
	tp->snd_nxt = tp->write_seq = req->snt_isn + 1;
	tp->irs = req->rcv_isn;
	tp->rcv_nxt = tp->rcv_wup = req->rcv_isn + 1;
	tp->rcv_wnd = MIN((u32)listener->sk_rcvbuf / 2, TCP_MAX_WINDOW);
	tp->snd_wnd = tp->max_window = req->rcv_wnd;
	tp->advmss = tcp_mss_clamp(ltp, ltp->advmss);
	tp->mss_cache = MIN(req->mss, tp->advmss);
	tp->wscale_ok = req->wscale_ok;
	tp->snd_wscale = req->wscale_ok ? req->snd_wscale : 0;
	tp->rcv_wscale = req->wscale_ok ? req->rcv_wscale : 0;
	tp->sack_ok = req->sack_ok;
	tp->tstamp_ok = req->tstamp_ok;
	tp->ts_recent = req->ts_recent;
	tp->ts_recent_stamp = (u32)jiffies;
	tp->nodelay = ltp->nodelay;         /* inherited, as Linux */
	tp->mss_cache = tcp_mss_less_ts(tp, tp->mss_cache);
	tp->rcv_mss = (u16)MIN((unsigned int)tp->mss_cache, TCP_MSS_DEFAULT);
	tp->snd_cwnd = TCP_INIT_CWND * tp->mss_cache;
	tp->listener = listener;
	tcp_set_state(sk, TCP_SYN_RECV);
	inet_ehash_insert(sk);
	list_add_tail(&tp->accept_node, &ltp->accept_queue);
	ltp->acceptq_len++;
	TCP_INC_STATS(PASSIVEOPENS);
	return sk;
}

/* ---- receive ---- */

int tcp_v4_do_rcv(struct sock *sk, struct pkbuf *pkb)
{
	int ret;

	sock_hold(sk);      /* the segment may end the socket's life */
	ret = tcp_rcv_state_process(sk, pkb);
	sock_put(sk);
	return ret;
}

/* Demux a validated segment (CB filled). Owns pkb. */
int tcp_v4_rcv_again(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	const struct tcphdr *th = tcp_hdr(pkb);
	struct tcp_timewait_sock *tw;
	struct request_sock *req;
	struct sock *sk;

	sk = inet_lookup_established(iph->saddr, th->source, iph->daddr,
				     th->dest);
	if (sk)
		return tcp_v4_do_rcv(sk, pkb);
	tw = inet_lookup_tw(iph->saddr, th->source, iph->daddr, th->dest);
	if (tw) {
		tcp_timewait_state_process(tw, pkb);
		return 0;
	}
	req = inet_lookup_req(iph->saddr, th->source, iph->daddr, th->dest);
	if (req) {
		tcp_check_req(req, pkb);
		return 0;
	}
	sk = inet_lookup_listener(iph->daddr, th->dest, IPCB(pkb)->iif);
	if (sk)
		return tcp_v4_do_rcv(sk, pkb);
	tcp_v4_send_reset(pkb);
	pkb_free(pkb);
	return 0;
}

static int tcp_drop(struct pkbuf *pkb)
{
	TCP_INC_STATS(INERRS);
	pkb_free(pkb);
	return 0;
}

int tcp_v4_rcv(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	const struct tcphdr *th;
	struct tcp_skb_cb *cb;
	unsigned int hlen;
	u8 fl;

	if (!pkb_may_pull(pkb, sizeof(*th))) {
		TCPEXT_INC_STATS(TCPBADHDR);
		return tcp_drop(pkb);
	}
	th = (const struct tcphdr *)pkb->data;
	hlen = tcp_hdrlen(th);
	if (hlen < sizeof(*th) || !pkb_may_pull(pkb, hlen)) {
		TCPEXT_INC_STATS(TCPBADHDR);
		return tcp_drop(pkb);
	}
	/* CHECKSUM_UNNECESSARY: the NIC checked it, or (virtio-net
	 * NEEDS_CSUM) the segment comes from the host's own stack. */
	if (pkb->ip_summed != CHECKSUM_UNNECESSARY &&
	    csum_tcpudp_magic(iph->saddr, iph->daddr, pkb->len, IPPROTO_TCP,
			      csum_partial(pkb->data, pkb->len, 0)) != 0) {
		TCP_INC_STATS(CSUMERRORS);
		return tcp_drop(pkb);
	}
	fl = th->flags;
	/* SYN+FIN and SYN+RST make no sense (and are scanner tricks). */
	if ((fl & TCPHDR_SYN) && (fl & (TCPHDR_FIN | TCPHDR_RST))) {
		TCPEXT_INC_STATS(TCPBADHDR);
		return tcp_drop(pkb);
	}
	/* TCP is unicast only (RFC 1122 4.2.3.10). */
	if (pkb->pkt_type == PACKET_BROADCAST ||
	    pkb->pkt_type == PACKET_MULTICAST ||
	    inet_addr_type_dev(iph->daddr, pkb->dev) != RTN_LOCAL) {
		TCPEXT_INC_STATS(TCPBADHDR);
		return tcp_drop(pkb);
	}
	TCP_INC_STATS(INSEGS);
	pkb_pull(pkb, hlen);
	cb = TCP_SKB_CB(pkb);
	cb->seq = ntohl(th->seq);
	cb->end_seq = cb->seq + pkb->len + !!(fl & TCPHDR_SYN) +
		      !!(fl & TCPHDR_FIN);
	cb->ack_seq = ntohl(th->ack_seq);
	cb->tcp_flags = fl;
	cb->window = ntohs(th->window);
	cb->sacked = 0;
	cb->when = 0;
	cb->tw_isn = 0;
	return tcp_v4_rcv_again(pkb);
}

/* RFC 1191 / Linux tcp_v4_mtu_reduced: the path (route exception,
 * already updated by ICMP) is narrower than our segments. Lower the MSS,
 * cut the queued segments to it, and resend at once the sent ones that
 * were too big (tcp_simple_retransmit: no congestion response, this was
 * not loss). */
void tcp_v4_mtu_reduced(struct sock *sk, u32 mtu)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct pkbuf *pkb;
	struct rtable rt;
	u16 mss;

	if (sk->sk_state == TCP_LISTEN || sk->sk_state == TCP_CLOSE)
		return;
	if (ip_route_output(inet->inet_daddr, inet->inet_saddr,
			    sk->sk_bound_dev_if, &rt))
		return;
	if (mtu < rt.mtu && !rt.mtu_locked)
		sk->sk_err_soft = EMSGSIZE;
	mtu = rt.mtu;
	if (mtu < 40 + 48)
		return;
	mss = tcp_mss_clamp(tp, (u16)MIN(mtu - 40, 65535u));
	if (mss < 48)
		mss = 48;                 /* Linux tcp_min_snd_mss */
	tp->pmtu_mss = mss;
	mss = tcp_mss_less_ts(tp, mss);         /* mss_cache counts data only */
	if (mss >= tp->mss_cache)
		return;
	tp->mss_cache = mss;
	if (tp->snd_cwnd < mss)
		tp->snd_cwnd = mss;
	tp->sack_hint = NULL;           /* segments are about to split */
	pkb = pkb_peek(&tp->write_queue);
	while (pkb) {
		struct tcp_skb_cb *cb = TCP_SKB_CB(pkb);
		u32 end = cb->end_seq;
		bool resend = pkb->len > mss && (cb->sacked & TCPCB_SENT);

		tcp_fragment_to_mss(sk, pkb, mss);
		for (;;) {
			cb = TCP_SKB_CB(pkb);
			if (resend && !(cb->sacked & (TCPCB_LOST |
						      TCPCB_SACKED_ACKED))) {
				cb->sacked |= TCPCB_LOST;
				tp->lost_out += cb->end_seq - cb->seq;
			}
			if (cb->end_seq == end)
				break;
			pkb = tcp_write_queue_next(tp, pkb);
		}
		pkb = tcp_write_queue_next(tp, pkb);
	}
	tcp_write_xmit(sk);
}

/* ICMP about a segment we sent (Linux tcp_v4_err). The quoted sequence
 * number must be one in flight (RFC 5927 4.1), or the message is a
 * guess and is dropped. Fragmentation needed lowers the MSS (RFC 1191);
 * a hard error while connecting aborts (so port or protocol unreachable
 * gives ECONNREFUSED); otherwise it is remembered as a soft error for a
 * timeout. */
void tcp_v4_err(struct pkbuf *pkb, u8 type, u8 code, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)pkb->data;
	const struct tcphdr *th =
		(const struct tcphdr *)(pkb->data + ip_hdr_ihl(iph) * 4);
	struct tcp_sock *tp;
	struct sock *sk;
	bool fatal;
	u32 seq;
	int err;

	sk = inet_lookup_established(iph->daddr, th->dest, iph->saddr,
				     th->source);
	if (!sk)
		return;
	tp = tcp_sk(sk);
	seq = ntohl(th->seq);
	if (before(seq, tp->snd_una) || after(seq, tp->snd_nxt)) {
		TCPEXT_INC_STATS(OUTOFWINDOWICMPS);
		return;
	}
	err = icmp_err_to_errno(type, code, &fatal);
	if (!err)
		return;
	if (err == EMSGSIZE) {
		sock_hold(sk);
		tcp_v4_mtu_reduced(sk, info);
		sock_put(sk);
		return;
	}
	if (sk->sk_state == TCP_SYN_SENT && fatal) {
		sk->sk_err = err;
		sk->sk_error_report(sk);
		sock_hold(sk);
		tcp_done(sk);
		sock_put(sk);
		return;
	}
	sk->sk_err_soft = err;
}

/* Drop every TIME_WAIT object (tests and the fuzzer's reset). */
void inet_twsk_purge(void)
{
	for (int i = 0; i < TCP_EHASH_SIZE; i++) {
		struct tcp_timewait_sock *tw;
		struct hlist_node *n;

		hlist_for_each_entry_safe(tw, n, &tcp_twhash[i], node)
			inet_twsk_kill(tw);
	}
}

int tcp_tw_for_each(int (*fn)(struct tcp_timewait_sock *tw, void *arg),
		    void *arg)
{
	struct tcp_timewait_sock *tw;
	int rc;

	for (int i = 0; i < TCP_EHASH_SIZE; i++)
		hlist_for_each_entry(tw, &tcp_twhash[i], node)
			if ((rc = fn(tw, arg)) != 0)
				return rc;
	return 0;
}

int tcp_for_each(int (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct sock *sk;
	int rc;

	for (int i = 0; i < TCP_LHASH_SIZE; i++)
		hlist_for_each_entry(sk, &tcp_lhash[i], sk_node)
			if ((rc = fn(sk, arg)) != 0)
				return rc;
	for (int i = 0; i < TCP_EHASH_SIZE; i++)
		hlist_for_each_entry(sk, &tcp_ehash[i], sk_node)
			if ((rc = fn(sk, arg)) != 0)
				return rc;
	return 0;
}

static const struct net_protocol tcp_protocol = {
	.handler = tcp_v4_rcv,
	.err_handler = tcp_v4_err,
};

/* The secrets are drawn at first use, not at boot, so TCP being linked
 * in does not shift the random stream other boot-time users see. */
int tcp_init(void)
{
	return inet_add_protocol(&tcp_protocol, IPPROTO_TCP);
}
