/* DHCP client (RFC 2131) over in-kernel UDP.
 *
 *   ip_auto_config -> dhcp_start -> DISCOVER (broadcast)
 *   udp_rcv -> our sock's sk_data_ready -> dhcp_input -> OFFER -> REQUEST
 *   ACK -> ipconfig_apply (prints the line) -> BOUND, timers T1/T2
 *   T1 -> RENEWING: REQUEST unicast to the server (RFC 2131 4.4.5)
 *   T2 -> REBINDING: REQUEST broadcast; lease end -> address removed, INIT
 *
 * One timer drives every state. Retransmission follows RFC 2131 4.1:
 * 4 s doubling to 64 s, each randomized by +-1 s. We set the BROADCAST
 * flag (RFC 2131 4.1) because we cannot receive unicast to an address we
 * do not hold yet. Not done: ARP probing of the offered address before
 * use (DHCPDECLINE), option overload (52), INIT-REBOOT.
 */
#include <net/ipconfig.h>
#include <net/dhcp.h>
#include <net/udp.h>
#include <net/ip.h>

#define DHCP_REQUEST_TRIES 4
#define DHCP_MIN_RETRANS_MS 60000   /* RFC 2131 4.4.5 floor in RENEW/REBIND */

struct dhcp_client {
	int state;
	struct net_device *dev;
	struct sock *sk;
	struct timer_list timer;
	be32 xid;
	u64 start_ms;          /* of this exchange, for "secs" */
	u32 rto_ms;            /* current retransmission interval */
	int tries;
	be32 offered;
	be32 server;
	struct dhcp_lease lease;
	u64 bound_ms, t1_at, t2_at, end_at;
};

static struct dhcp_client dc;

const char *dhcp_state_name(int state)
{
	static const char *const names[] = {
		"OFF", "INIT", "SELECTING", "REQUESTING", "BOUND",
		"RENEWING", "REBINDING",
	};

	if (state < 0 || state >= (int)ARRAY_SIZE(names))
		return "?";
	return names[state];
}

int dhcp_state(void)
{
	return dc.state;
}

int dhcp_parse_options(const u8 *opt, size_t len, struct dhcp_lease *l)
{
	size_t i = 0;

	memset(l, 0, sizeof(*l));
	while (i < len) {
		u8 code = opt[i], olen;
		const u8 *v;

		if (code == DHO_PAD) {
			i++;
			continue;
		}
		if (code == DHO_END)
			return 0;
		if (i + 1 >= len)
			return -EINVAL;
		olen = opt[i + 1];
		if (olen > len - i - 2)
			return -EINVAL;
		v = opt + i + 2;
		switch (code) {
		case DHO_MSG_TYPE:
			if (olen >= 1)
				l->msg_type = v[0];
			break;
		case DHO_SUBNET_MASK:
			if (olen >= 4)
				memcpy(&l->mask, v, 4);
			break;
		case DHO_ROUTER:
			if (olen >= 4)
				memcpy(&l->router, v, 4);
			break;
		case DHO_DNS:
			if (olen >= 4)
				memcpy(&l->dns, v, 4);
			break;
		case DHO_SERVER_ID:
			if (olen >= 4)
				memcpy(&l->server_id, v, 4);
			break;
		case DHO_LEASE_TIME:
		case DHO_T1:
		case DHO_T2:
			if (olen >= 4) {
				be32 t;

				memcpy(&t, v, 4);
				if (code == DHO_LEASE_TIME)
					l->lease_s = ntohl(t);
				else if (code == DHO_T1)
					l->t1_s = ntohl(t);
				else
					l->t2_s = ntohl(t);
			}
			break;
		default:
			break;
		}
		i += 2u + olen;
	}
	return 0;   /* no END: accept what was well formed */
}

/* ---- Building and sending ---- */

static u8 *opt_add(u8 *p, const u8 *end, u8 code, const void *v, u8 len)
{
	if (!p || p + 2 + len >= end)
		return NULL;
	*p++ = code;
	*p++ = len;
	memcpy(p, v, len);
	return p + len;
}

static int dhcp_send(u8 type)
{
	static const u8 params[] = { DHO_SUBNET_MASK, DHO_ROUTER, DHO_DNS,
				     15, DHO_LEASE_TIME, DHO_T1, DHO_T2 };
	struct dhcp_msg *m = kzalloc(sizeof(*m));
	bool unicast = dc.state == DHCP_RENEWING;
	u8 cid[1 + ETH_ALEN];
	u8 *p, *end;
	be32 dst;
	size_t len;
	int err;

	if (!m)
		return -ENOMEM;
	m->op = BOOTREQUEST;
	m->htype = ARPHRD_ETHER;
	m->hlen = ETH_ALEN;
	m->xid = dc.xid;
	m->secs = htons((u16)MIN((ktime_get_ms() - dc.start_ms) / 1000, 65535));
	/* RFC 2131 4.4.5: in RENEWING/REBINDING we hold the address, put it
	 * in ciaddr and need no broadcast reply. */
	if (dc.state == DHCP_RENEWING || dc.state == DHCP_REBINDING)
		m->ciaddr = dc.offered;
	else
		m->flags = htons(DHCP_FLAG_BROADCAST);
	memcpy(m->chaddr, dc.dev->dev_addr, ETH_ALEN);
	m->magic = htonl(DHCP_MAGIC);

	p = m->options;
	end = m->options + sizeof(m->options);
	cid[0] = ARPHRD_ETHER;
	memcpy(cid + 1, dc.dev->dev_addr, ETH_ALEN);
	p = opt_add(p, end, DHO_MSG_TYPE, &type, 1);
	p = opt_add(p, end, DHO_CLIENT_ID, cid, sizeof(cid));
	if (dc.state == DHCP_REQUESTING) {
		/* RFC 2131 4.3.2 table 5: SELECTING-state REQUEST names the
		 * offer and the chosen server. */
		p = opt_add(p, end, DHO_REQ_ADDR, &dc.offered, 4);
		p = opt_add(p, end, DHO_SERVER_ID, &dc.server, 4);
	}
	p = opt_add(p, end, DHO_PARAM_REQ, params, sizeof(params));
	if (!p) {
		kfree(m);
		return -EINVAL;
	}
	*p++ = DHO_END;
	len = (size_t)(p - (u8 *)m);
	if (len < DHCP_MIN_LEN)
		len = DHCP_MIN_LEN;

	dst = unicast ? dc.server : htonl(INADDR_BROADCAST);
	err = udp_sendto(dc.sk, dst, htons(DHCP_SERVER_PORT), m, len);
	kfree(m);
	return err < 0 ? err : 0;
}

/* ---- Timers ---- */

static void dhcp_arm(u64 at)
{
	mod_timer(&dc.timer, at);
}

/* RFC 2131 4.1: 4, 8, 16, 32, 64 s, each +-1 s at random. */
static u64 dhcp_backoff(void)
{
	u32 jitter = get_random_u32() % 2001;
	u64 delay = dc.rto_ms + jitter - 1000;

	if (dc.rto_ms < 64000)
		dc.rto_ms *= 2;
	return ktime_get_ms() + delay;
}

static void dhcp_new_exchange(int state)
{
	dc.state = state;
	dc.xid = get_random_u32();
	dc.start_ms = ktime_get_ms();
	dc.rto_ms = 4000;
	dc.tries = 0;
}

static void dhcp_discover(void)
{
	dhcp_new_exchange(DHCP_SELECTING);
	dhcp_send(DHCPDISCOVER);
	dhcp_arm(dhcp_backoff());
}

/* RENEWING/REBINDING retransmit at half the time left, not below 60 s
 * (RFC 2131 4.4.5), never past the deadline. */
static void dhcp_arm_half(u64 deadline)
{
	u64 now = ktime_get_ms();
	u64 wait = deadline > now ? (deadline - now) / 2 : 0;

	if (wait < DHCP_MIN_RETRANS_MS)
		wait = DHCP_MIN_RETRANS_MS;
	dhcp_arm(MIN(now + wait, deadline));
}

static void dhcp_lose_lease(void)
{
	pr_warn("ipconfig: %s lease expired\n", dc.dev->name);
	ipconfig_unapply();
	dc.offered = 0;
	dhcp_discover();
}

static void dhcp_timer(struct timer_list *t)
{
	u64 now = ktime_get_ms();

	switch (dc.state) {
	case DHCP_SELECTING:
		dhcp_send(DHCPDISCOVER);
		dhcp_arm(dhcp_backoff());
		break;
	case DHCP_REQUESTING:
		if (++dc.tries >= DHCP_REQUEST_TRIES) {
			dhcp_discover();
			break;
		}
		dhcp_send(DHCPREQUEST);
		dhcp_arm(dhcp_backoff());
		break;
	case DHCP_BOUND:
		dc.state = DHCP_RENEWING;
		dc.xid = get_random_u32();
		dc.start_ms = now;
		dhcp_send(DHCPREQUEST);
		dhcp_arm_half(dc.t2_at);
		break;
	case DHCP_RENEWING:
		if (now >= dc.t2_at) {
			dc.state = DHCP_REBINDING;
			dhcp_send(DHCPREQUEST);
			dhcp_arm_half(dc.end_at);
			break;
		}
		dhcp_send(DHCPREQUEST);
		dhcp_arm_half(dc.t2_at);
		break;
	case DHCP_REBINDING:
		if (now >= dc.end_at) {
			dhcp_lose_lease();
			break;
		}
		dhcp_send(DHCPREQUEST);
		dhcp_arm_half(dc.end_at);
		break;
	default:
		break;
	}
}

/* ---- Receiving ---- */

static int mask_to_prefix(be32 mask)
{
	u32 m = be32_to_cpu(mask);
	int n = 0;

	while (m & 0x80000000u) {
		n++;
		m <<= 1;
	}
	return m ? -1 : n;     /* non-contiguous masks are rejected */
}

static void dhcp_bind(const struct dhcp_msg *m, const struct dhcp_lease *l)
{
	struct ipconfig_info info = { .dev = dc.dev, .dhcp = true };
	u32 lease = l->lease_s ? l->lease_s : 0xffffffffu;
	u64 now = ktime_get_ms();
	int prefix = l->mask ? mask_to_prefix(l->mask) : 24;

	if (prefix <= 0 || prefix > 32 || m->yiaddr == 0)
		return;     /* unusable ACK: keep retransmitting */
	info.addr = m->yiaddr;
	info.prefixlen = prefix;
	info.gw = l->router;
	info.dns = l->dns;
	info.server = l->server_id ? l->server_id : dc.server;
	if (ipconfig_apply(&info))
		return;
	dc.offered = m->yiaddr;
	dc.server = info.server;
	dc.lease = *l;
	dc.state = DHCP_BOUND;
	dc.bound_ms = now;
	if (lease == 0xffffffffu) {   /* infinite: never renew */
		del_timer(&dc.timer);
		return;
	}
	/* RFC 2131 4.4.5 defaults: T1 = 0.5 lease, T2 = 0.875 lease. */
	dc.end_at = now + (u64)lease * 1000;
	dc.t1_at = now + (l->t1_s && l->t1_s < lease ? (u64)l->t1_s * 1000 :
						       (u64)lease * 500);
	dc.t2_at = now + (l->t2_s && l->t2_s < lease ? (u64)l->t2_s * 1000 :
						       (u64)lease * 875);
	if (dc.t2_at < dc.t1_at)
		dc.t2_at = dc.t1_at;
	dhcp_arm(dc.t1_at);
}

static void dhcp_input(const struct dhcp_msg *m, size_t len)
{
	struct dhcp_lease l;

	if (len < DHCP_FIXED_LEN || m->op != BOOTREPLY ||
	    m->magic != htonl(DHCP_MAGIC))
		return;
	if (dhcp_parse_options(m->options, len - DHCP_FIXED_LEN, &l))
		return;
	/* RFC 2131 4.4.1: only replies to our transaction, for our MAC. */
	if (m->xid != dc.xid || m->hlen != ETH_ALEN ||
	    memcmp(m->chaddr, dc.dev->dev_addr, ETH_ALEN) != 0)
		return;
	switch (dc.state) {
	case DHCP_SELECTING:
		/* RFC 2131 4.4.1: take the first acceptable offer. */
		if (l.msg_type != DHCPOFFER || !l.server_id || !m->yiaddr)
			return;
		dc.offered = m->yiaddr;
		dc.server = l.server_id;
		dc.state = DHCP_REQUESTING;
		dc.rto_ms = 4000;
		dc.tries = 0;
		dhcp_send(DHCPREQUEST);
		dhcp_arm(dhcp_backoff());
		return;
	case DHCP_REQUESTING:
	case DHCP_RENEWING:
	case DHCP_REBINDING:
		if (l.msg_type == DHCPACK) {
			dhcp_bind(m, &l);
		} else if (l.msg_type == DHCPNAK) {
			/* RFC 2131 4.4.4: restart from INIT. */
			pr_warn("ipconfig: %s DHCPNAK\n", dc.dev->name);
			ipconfig_unapply();
			dhcp_discover();
		}
		return;
	default:
		return;
	}
}

/* Runs in softirq when a datagram reaches port 68; its UDP header is at
 * pkb->data. */
static void dhcp_data_ready(struct sock *sk)
{
	struct pkbuf *pkb;

	while ((pkb = pkb_dequeue(&sk->sk_receive_queue)) != NULL) {
		size_t len = pkb->len - sizeof(struct udphdr);

		/* dhcp_msg is packed: read it in place, never past len. */
		if (len <= sizeof(struct dhcp_msg) &&
		    UDP_SKB_CB(pkb)->sport == htons(DHCP_SERVER_PORT))
			dhcp_input((const struct dhcp_msg *)(pkb->data +
							     sizeof(struct udphdr)),
				   len);
		pkb_free(pkb);
	}
}

int dhcp_start(struct net_device *dev)
{
	if (dc.state != DHCP_OFF)
		return -EBUSY;
	memset(&dc, 0, sizeof(dc));
	dc.dev = dev;
	dc.sk = udp_kernel_sock(DHCP_CLIENT_PORT, dev->ifindex);
	if (!dc.sk)
		return -EADDRINUSE;
	dc.sk->sk_broadcast = true;
	dc.sk->sk_data_ready = dhcp_data_ready;
	timer_setup(&dc.timer, dhcp_timer, 0);
	dhcp_discover();
	return 0;
}

void dhcp_stop(void)
{
	if (dc.state == DHCP_OFF)
		return;
	del_timer(&dc.timer);
	udp_close(dc.sk, 0);
	memset(&dc, 0, sizeof(dc));
}
