/* ICMP (RFC 792, RFC 1122 3.2.2): answer echoes, report errors about
 * datagrams we received, and pass errors about datagrams we sent to the
 * transport that sent them.
 *
 *   ip_local_deliver -> icmp_rcv (here) -> icmp_handlers[type]
 *        echo      -> icmp_echo -> reply in place -> ip_send_pkb
 *        errors    -> icmp_unreach -> inet_protos[inner]->err_handler
 *   udp_rcv / ip_local_deliver / reassembly / ARP -> icmp_send (here)
 *
 * Outgoing errors obey RFC 1122 3.2.2's "MUST NOT send" list, a global
 * token bucket (Linux icmp_msgs_per_sec / icmp_msgs_burst) and a
 * per-destination one (Linux icmp_ratelimit, burst 6); echo replies are
 * not rate limited, as in Linux's default icmp_ratemask.
 */
#include <net/icmp.h>
#include <net/ip.h>
#include <net/protocol.h>
#include <net/checksum.h>
#include <net/snmp.h>

u32 icmp_msgs_per_sec = 1000;
u32 icmp_msgs_burst = 50;
void (*icmp_echo_reply_hook)(struct pkbuf *pkb, be32 from);

static u32 icmp_credit;
static u64 icmp_credit_stamp;
static bool icmp_credit_ready;

/* Linux icmp_ratemask default: dest unreachable, source quench, time
 * exceeded, parameter problem. */
#define ICMP_RATEMASK ((1u << ICMP_DEST_UNREACH) | (1u << ICMP_SOURCE_QUENCH) | \
		       (1u << ICMP_TIME_EXCEEDED) | (1u << ICMP_PARAMETERPROB))

struct icmp_control {
	int (*handler)(struct pkbuf *pkb);
	bool error;            /* an error message (never answered) */
	short in_mib, out_mib;
};

static int icmp_echo(struct pkbuf *pkb);
static int icmp_echo_reply(struct pkbuf *pkb);
static int icmp_unreach(struct pkbuf *pkb);
static int icmp_redirect(struct pkbuf *pkb);
static int icmp_timestamp(struct pkbuf *pkb);
static int icmp_discard(struct pkbuf *pkb);

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY] = { icmp_echo_reply, false, ICMP_MIB_INECHOREPS,
			     ICMP_MIB_OUTECHOREPS },
	[1] = { icmp_discard, true, -1, -1 },
	[2] = { icmp_discard, true, -1, -1 },
	[ICMP_DEST_UNREACH] = { icmp_unreach, true, ICMP_MIB_INDESTUNREACHS,
				ICMP_MIB_OUTDESTUNREACHS },
	[ICMP_SOURCE_QUENCH] = { icmp_discard, true, ICMP_MIB_INSRCQUENCHS,
				 ICMP_MIB_OUTSRCQUENCHS },
	[ICMP_REDIRECT] = { icmp_redirect, true, ICMP_MIB_INREDIRECTS,
			    ICMP_MIB_OUTREDIRECTS },
	[6] = { icmp_discard, true, -1, -1 },
	[7] = { icmp_discard, true, -1, -1 },
	[ICMP_ECHO] = { icmp_echo, false, ICMP_MIB_INECHOS, ICMP_MIB_OUTECHOS },
	[9] = { icmp_discard, true, -1, -1 },
	[10] = { icmp_discard, true, -1, -1 },
	[ICMP_TIME_EXCEEDED] = { icmp_unreach, true, ICMP_MIB_INTIMEEXCDS,
				 ICMP_MIB_OUTTIMEEXCDS },
	[ICMP_PARAMETERPROB] = { icmp_unreach, true, ICMP_MIB_INPARMPROBS,
				 ICMP_MIB_OUTPARMPROBS },
	[ICMP_TIMESTAMP] = { icmp_timestamp, false, ICMP_MIB_INTIMESTAMPS,
			     ICMP_MIB_OUTTIMESTAMPS },
	[ICMP_TIMESTAMPREPLY] = { icmp_discard, false,
				  ICMP_MIB_INTIMESTAMPREPS,
				  ICMP_MIB_OUTTIMESTAMPREPS },
	[15] = { icmp_discard, false, -1, -1 },
	[16] = { icmp_discard, false, -1, -1 },
	[ICMP_ADDRESS] = { icmp_discard, false, ICMP_MIB_INADDRMASKS,
			   ICMP_MIB_OUTADDRMASKS },
	[ICMP_ADDRESSREPLY] = { icmp_discard, false,
				ICMP_MIB_INADDRMASKREPS,
				ICMP_MIB_OUTADDRMASKREPS },
};

/* Linux icmp_err_convert: errno and whether the error is "hard". */
static const struct {
	short err;
	bool fatal;
} icmp_err_convert[NR_ICMP_UNREACH + 1] = {
	{ ENETUNREACH, true },  { EHOSTUNREACH, true }, { ENOPROTOOPT, true },
	{ ECONNREFUSED, true }, { EMSGSIZE, false },    { EOPNOTSUPP, false },
	{ ENETUNREACH, true },  { EHOSTDOWN, true },    { EHOSTUNREACH, true },
	{ ENETUNREACH, true },  { EHOSTUNREACH, true }, { ENETUNREACH, false },
	{ EHOSTUNREACH, false }, { EHOSTUNREACH, true }, { EHOSTUNREACH, true },
	{ EHOSTUNREACH, true },
};

int icmp_err_to_errno(u8 type, u8 code, bool *fatal)
{
	*fatal = false;
	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code > NR_ICMP_UNREACH)
			return 0;
		*fatal = icmp_err_convert[code].fatal;
		return icmp_err_convert[code].err;
	case ICMP_TIME_EXCEEDED:
		return EHOSTUNREACH;
	case ICMP_PARAMETERPROB:
		*fatal = true;
		return EPROTO;
	default:
		return 0;
	}
}

/* Per-destination limit, as Linux's inet_peer_xrlim_allow: each
 * destination earns one message per icmp_ratelimit_ms, saving up to
 * ICMP_XRLIM_BURST of them. A destination whose hash collides takes the
 * slot over with a fresh burst (Linux keeps an exact per-peer tree); the
 * global bucket still bounds the total. Loopback is exempt. */
#define ICMP_XRLIM_SLOTS 256
#define ICMP_XRLIM_BURST 6
u32 icmp_ratelimit_ms = 1000;

static struct icmp_xrlim {
	be32 daddr;
	bool used;
	u64 stamp;
	u64 tokens;
} icmp_xrlim[ICMP_XRLIM_SLOTS];
static u32 icmp_xrlim_rnd;

static bool icmp_peer_allow(be32 daddr)
{
	u32 h = ((daddr ^ icmp_xrlim_rnd) * 0x9e3779b1u) >> 24;
	struct icmp_xrlim *x = &icmp_xrlim[h % ICMP_XRLIM_SLOTS];
	u64 now = ktime_get_ms(), cap = ICMP_XRLIM_BURST * (u64)icmp_ratelimit_ms;

	if (!x->used || x->daddr != daddr) {
		x->used = true;
		x->daddr = daddr;
		x->stamp = now;
		x->tokens = cap;
	}
	x->tokens = MIN(cap, x->tokens + (now - x->stamp));
	x->stamp = now;
	if (x->tokens < icmp_ratelimit_ms)
		return false;
	x->tokens -= icmp_ratelimit_ms;
	return true;
}

void icmp_ratelimit_reset(void)
{
	memset(icmp_xrlim, 0, sizeof(icmp_xrlim));
	icmp_xrlim_rnd = get_random_u32();
	icmp_credit = icmp_msgs_burst;
	icmp_credit_stamp = ktime_get_ms();
	icmp_credit_ready = true;
}

/* Token bucket: icmp_msgs_per_sec tokens a second, at most burst. */
static bool icmp_global_allow(void)
{
	u64 now = ktime_get_ms(), delta;

	if (!icmp_credit_ready)
		icmp_ratelimit_reset();
	delta = now - icmp_credit_stamp;
	if (delta >= 1) {
		u64 add = delta * icmp_msgs_per_sec / 1000;

		if (add) {
			icmp_credit = (u32)MIN((u64)icmp_msgs_burst,
					       icmp_credit + add);
			icmp_credit_stamp = now;
		}
	}
	if (!icmp_credit)
		return false;
	icmp_credit--;
	return true;
}

static void icmp_count_out(u8 type)
{
	ICMP_INC_STATS(OUTMSGS);
	icmpmsg_out[type]++;
	if (type <= NR_ICMP_TYPES && icmp_pointers[type].out_mib >= 0)
		icmp_mib[icmp_pointers[type].out_mib]++;
}

static void icmp_set_csum(struct pkbuf *pkb)
{
	struct icmphdr *ih = (struct icmphdr *)pkb->data;

	ih->checksum = 0;
	ih->checksum = htons(csum_fold(csum_partial(pkb->data, pkb->len, 0)));
}

/* ---- Sending errors ---- */

/* RFC 1122 3.2.2: an ICMP error MUST NOT be sent in response to an ICMP
 * error, a datagram to a broadcast or multicast address (IP or link),
 * a non-initial fragment, or one whose source is not a unique host. */
static bool icmp_may_send(const struct pkbuf *in, const struct iphdr *iph)
{
	unsigned int ihl = ip_hdr_ihl(iph) * 4;

	if (in->pkt_type == PACKET_BROADCAST || in->pkt_type == PACKET_MULTICAST)
		return false;
	if (inet_addr_type_dev(iph->daddr, in->dev) != RTN_LOCAL &&
	    inet_addr_type_dev(iph->daddr, in->dev) != RTN_UNICAST)
		return false;
	if (iph->frag_off & htons(IP_OFFSET))
		return false;
	if (ipv4_is_zeronet(iph->saddr) || ipv4_is_lbcast(iph->saddr) ||
	    ipv4_is_multicast(iph->saddr) ||
	    inet_addr_type_dev(iph->saddr, NULL) == RTN_BROADCAST)
		return false;
	if (iph->protocol == IPPROTO_ICMP) {
		const struct icmphdr *ih;

		/* Without the inner type we cannot prove it is not an
		 * error: stay silent. */
		if (pkb_network_len(in) < ihl + 1)
			return false;
		ih = (const struct icmphdr *)((const u8 *)iph + ihl);
		if (ih->type > NR_ICMP_TYPES || icmp_pointers[ih->type].error)
			return false;
	}
	return true;
}

void icmp_send(struct pkbuf *in, u8 type, u8 code, be32 info)
{
	const struct iphdr *iph;
	struct ip_tx_params p = { .protocol = IPPROTO_ICMP };
	struct icmphdr *ih;
	struct pkbuf *pkb;
	unsigned int qlen;

	if (in->network_header == 0xffff || pkb_network_len(in) < sizeof(*iph) ||
	    in->network_header >= (unsigned int)(in->end - in->head))
		return;
	iph = ip_hdr(in);
	if (!icmp_may_send(in, iph)) {
		ICMPEXT_INC_STATS(OUTSUPPRESSED);
		return;
	}
	if (ICMP_RATEMASK & (1u << type)) {
		if (!icmp_global_allow()) {
			ICMP_INC_STATS(RATELIMITGLOBAL);
			return;
		}
		if (!(in->dev && (in->dev->flags & IFF_LOOPBACK)) &&
		    !inet_addr_is_local(iph->saddr) &&
		    !icmp_peer_allow(iph->saddr)) {
			ICMP_INC_STATS(RATELIMITHOST);
			return;
		}
	}
	/* RFC 1812 4.3.2.3 (and Linux): quote as much as fits in 576. */
	qlen = MIN(pkb_network_len(in), 576u - sizeof(*iph) - sizeof(*ih));
	pkb = pkb_alloc_tx(sizeof(*ih) + qlen);
	if (!pkb) {
		ICMP_INC_STATS(OUTERRORS);
		return;
	}
	ih = (struct icmphdr *)pkb_put(pkb, sizeof(*ih) + qlen);
	memset(ih, 0, sizeof(*ih));
	ih->type = type;
	ih->code = code;
	ih->un.gateway = info;
	memcpy(ih + 1, iph, qlen);
	icmp_set_csum(pkb);

	p.daddr = iph->saddr;
	/* Answer from the address the offending datagram was sent to when
	 * it is ours (RFC 1122 3.2.2: the source of the error is us). */
	p.saddr = inet_addr_type_dev(iph->daddr, NULL) == RTN_LOCAL ?
		  iph->daddr : 0;
	p.tos = (iph->tos & 0x1e) | 0xc0;   /* precedence: internetwork ctl */
	icmp_count_out(type);
	IP_INC_STATS(OUTREQUESTS);
	struct rtable rt;

	if (ip_route_output(p.daddr, p.saddr, 0, &rt)) {
		IP_INC_STATS(OUTNOROUTES);
		ICMP_INC_STATS(OUTERRORS);
		pkb_free(pkb);
		return;
	}
	if (ip_build_xmit(pkb, &p, &rt))
		ICMP_INC_STATS(OUTERRORS);
}

/* ---- Receiving ---- */

static int icmp_discard(struct pkbuf *pkb)
{
	pkb_free(pkb);
	return 0;
}

/* Turn the request around in its own buffer: same payload, swapped
 * addresses (RFC 792 "Echo or Echo Reply Message"), and Record Route /
 * Timestamp echoed (RFC 1122 3.2.2.6), copied out before the new header
 * is written over the old one. */
static int icmp_reply_in_place(struct pkbuf *pkb, u8 type)
{
	const struct iphdr *iph = ip_hdr(pkb);
	u8 opt[IP_OPTIONS_MAX];
	struct ip_tx_params p = {
		.protocol = IPPROTO_ICMP,
		.saddr = iph->daddr,
		.daddr = iph->saddr,
		.tos = iph->tos,
		.opt = opt,
	};

	p.optlen = ip_hdr_ihl(iph) > 5 ? (u8)ip_options_echo(opt, iph, iph->daddr) : 0;

	if (pkb_cloned(pkb)) {
		struct pkbuf *c = pkb_copy(pkb);

		pkb_free(pkb);
		if (!c)
			return -ENOMEM;
		pkb = c;
	}
	((struct icmphdr *)pkb->data)->type = type;
	icmp_set_csum(pkb);
	pkb->sk = NULL;
	pkb->pkt_type = PACKET_OUTGOING;
	memset(pkb->cb, 0, sizeof(pkb->cb));
	icmp_count_out(type);
	return ip_send_pkb(pkb, &p);
}

static int icmp_echo(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);

	/* Linux icmp_echo_ignore_broadcasts=1: smurf amplification. */
	if (pkb->pkt_type != PACKET_HOST ||
	    inet_addr_type_dev(iph->daddr, pkb->dev) != RTN_LOCAL) {
		ICMPEXT_INC_STATS(INBCASTECHOIGNORED);
		pkb_free(pkb);
		return 0;
	}
	return icmp_reply_in_place(pkb, ICMP_ECHOREPLY);
}

static int icmp_echo_reply(struct pkbuf *pkb)
{
	if (icmp_echo_reply_hook)
		icmp_echo_reply_hook(pkb, ip_hdr(pkb)->saddr);
	pkb_free(pkb);
	return 0;
}

/* RFC 792 allows a non-standard time with the high-order bit set: we
 * use it for milliseconds since boot when there is no wall clock. */
u32 inet_current_timestamp(void)
{
	const u32 day_ms = 24u * 3600 * 1000;
	u64 real = ktime_get_real_ms();

	return real ? (u32)(real % day_ms) :
		      (u32)(ktime_get_ms() % day_ms) | 0x80000000u;
}

static int icmp_timestamp(struct pkbuf *pkb)
{
	be32 *times;
	u32 now = inet_current_timestamp();

	if (pkb->len < sizeof(struct icmphdr) + 12 ||
	    pkb->pkt_type != PACKET_HOST ||
	    inet_addr_type_dev(ip_hdr(pkb)->daddr, pkb->dev) != RTN_LOCAL) {
		ICMPEXT_INC_STATS(INBADLENGTH);
		pkb_free(pkb);
		return 0;
	}
	pkb_trim(pkb, sizeof(struct icmphdr) + 12);
	times = (be32 *)(pkb->data + sizeof(struct icmphdr));
	times[1] = htonl(now);
	times[2] = htonl(now);
	return icmp_reply_in_place(pkb, ICMP_TIMESTAMPREPLY);
}

/* RFC 1122 3.2.2.2: a host MUST act on a Redirect. route_redirect.c
 * decides whether to believe it; the quoted datagram must be one of ours
 * and the message must have come to us alone (not a broadcast). */
static int icmp_redirect(struct pkbuf *pkb)
{
	const struct icmphdr *ih = (const struct icmphdr *)pkb->data;
	const struct iphdr *inner;

	if (!pkb_may_pull(pkb, sizeof(*ih) + sizeof(*inner))) {
		ICMPEXT_INC_STATS(INBADLENGTH);
		goto out;
	}
	ih = (const struct icmphdr *)pkb->data;
	inner = (const struct iphdr *)(pkb->data + sizeof(*ih));
	if (ih->code > 3 || pkb->pkt_type != PACKET_HOST ||
	    ip_hdr_version(inner) != IPVERSION ||
	    !inet_addr_is_local(inner->saddr)) {
		ICMPEXT_INC_STATS(INREDIRECTSREJECTED);
		goto out;
	}
	ip_rt_redirect(ip_hdr(pkb)->saddr, inner->daddr, ih->un.gateway, pkb->dev);
out:
	pkb_free(pkb);
	return 0;
}

/* An error about something we sent: find who sent it. */
static int icmp_unreach(struct pkbuf *pkb)
{
	const struct icmphdr *ih = (const struct icmphdr *)pkb->data;
	const struct iphdr *inner;
	const struct net_protocol *prot;
	unsigned int ihl;
	u8 type = ih->type, code = ih->code;
	u32 info = 0;

	if (!pkb_may_pull(pkb, sizeof(*ih) + sizeof(*inner)))
		goto bad;
	inner = (const struct iphdr *)(pkb->data + sizeof(*ih));
	ihl = ip_hdr_ihl(inner) * 4;
	if (ip_hdr_version(inner) != IPVERSION || ihl < sizeof(*inner) ||
	    !pkb_may_pull(pkb, sizeof(*ih) + ihl + 8))
		goto bad;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		info = ntohs(ih->un.frag.mtu);
		/* RFC 1191: about a datagram of ours, the path shrank. */
		if (inet_addr_is_local(inner->saddr))
			ip_rt_update_pmtu(inner->daddr, info);
	}
	else if (type == ICMP_PARAMETERPROB)
		info = ih->un.pointer;
	prot = inet_get_protocol(inner->protocol);
	if (!prot || !prot->err_handler) {
		ICMPEXT_INC_STATS(INERRNOHANDLER);
		goto out;
	}
	pkb_pull(pkb, sizeof(*ih));
	prot->err_handler(pkb, type, code, info);
out:
	pkb_free(pkb);
	return 0;
bad:
	ICMPEXT_INC_STATS(INBADLENGTH);
	ICMP_INC_STATS(INERRORS);
	pkb_free(pkb);
	return 0;
}

static int icmp_rcv(struct pkbuf *pkb)
{
	const struct icmphdr *ih;
	const struct icmp_control *ctl;

	ICMP_INC_STATS(INMSGS);
	if (!pkb_may_pull(pkb, sizeof(*ih))) {
		ICMPEXT_INC_STATS(INBADLENGTH);
		goto error;
	}
	if (csum_fold(csum_partial(pkb->data, pkb->len, 0)) != 0) {
		ICMP_INC_STATS(CSUMERRORS);
		goto error;
	}
	ih = (const struct icmphdr *)pkb->data;
	icmpmsg_in[ih->type]++;
	if (ih->type > NR_ICMP_TYPES) {
		ICMPEXT_INC_STATS(INUNKNOWNTYPE);
		pkb_free(pkb);
		return 0;
	}
	ctl = &icmp_pointers[ih->type];
	if (ctl->in_mib >= 0)
		icmp_mib[ctl->in_mib]++;
	return ctl->handler(pkb);

error:
	ICMP_INC_STATS(INERRORS);
	pkb_free(pkb);
	return 0;
}

int icmp_echo_send(be32 daddr, be16 id, be16 seq, const void *data,
		   size_t len)
{
	struct ip_tx_params p = { .protocol = IPPROTO_ICMP, .daddr = daddr };
	struct icmphdr *ih;
	struct pkbuf *pkb;

	if (len > IP_MAX_PACKET - sizeof(struct iphdr) - sizeof(*ih))
		return -EMSGSIZE;
	pkb = pkb_alloc_tx((unsigned int)(sizeof(*ih) + len));
	if (!pkb)
		return -ENOBUFS;
	ih = (struct icmphdr *)pkb_put(pkb, (unsigned int)(sizeof(*ih) + len));
	memset(ih, 0, sizeof(*ih));
	ih->type = ICMP_ECHO;
	ih->un.echo.id = id;
	ih->un.echo.sequence = seq;
	if (len)
		memcpy(ih + 1, data, len);
	icmp_set_csum(pkb);
	icmp_count_out(ICMP_ECHO);
	return ip_send_pkb(pkb, &p);
}

static const struct net_protocol icmp_protocol = {
	.handler = icmp_rcv,
};

int icmp_init(void)
{
	icmp_ratelimit_reset();
	return inet_add_protocol(&icmp_protocol, IPPROTO_ICMP);
}
