/* Test helpers: mock NIC, frame builders, fixture. See testlib.h. */
#include "testlib.h"
#include <net/net.h>
#include <net/ipconfig.h>
#include <net/tcp.h>
#include <string.h>

const u8 MAC_US[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
const u8 MAC_PEER[ETH_ALEN] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
const u8 MAC_GW[ETH_ALEN] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
const u8 MAC_BCAST[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct net_device *eth0;

/* ---- Mock NIC ---- */

struct mock_priv *mock_priv(struct net_device *dev)
{
	return netdev_priv(dev);
}

static int mock_xmit(struct pkbuf *pkb, struct net_device *dev)
{
	struct mock_priv *mp = mock_priv(dev);

	if (mp->tx_busy)
		return NETDEV_TX_BUSY;
	dev_count_tx(dev, pkb->len);
	pkb_queue_tail(&mp->tx, pkb);
	return NETDEV_TX_OK;
}

/* The driver's NAPI poll: at most budget frames, then complete if the
 * ring ran dry (as a real driver re-enables its IRQ there). */
static int mock_poll(struct napi_struct *napi, int budget)
{
	struct mock_priv *mp = container_of(napi, struct mock_priv, napi);
	int done = 0;

	mp->polls++;
	while (done < budget) {
		struct pkbuf *pkb = pkb_dequeue(&mp->rx_ring);

		if (!pkb)
			break;
		netif_receive(napi->dev, pkb);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static const struct net_device_ops mock_ops = {
	.ndo_start_xmit = mock_xmit,
};

struct net_device *mock_netdev_create(const u8 *mac)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct mock_priv));
	struct mock_priv *mp;

	if (!dev)
		return NULL;
	mp = netdev_priv(dev);
	pkb_queue_init(&mp->tx);
	pkb_queue_init(&mp->rx_ring);
	mp->rx_ring_max = 256;
	memcpy(dev->dev_addr, mac, ETH_ALEN);
	dev->netdev_ops = &mock_ops;
	netif_napi_add(dev, &mp->napi, mock_poll, NAPI_POLL_WEIGHT);
	if (register_netdev(dev)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

u8 mock_rx_ip_summed = CHECKSUM_NONE;

int mock_rx(struct net_device *dev, const void *frame, size_t len)
{
	struct mock_priv *mp = mock_priv(dev);
	struct pkbuf *pkb;

	if (mp->rx_ring.qlen >= mp->rx_ring_max) {
		dev->stats.rx_fifo_errors++;
		dev->stats.rx_dropped++;
		return -ENOBUFS;
	}
	pkb = pkb_alloc((unsigned int)len + NET_IP_ALIGN);
	if (!pkb)
		return -ENOMEM;
	pkb_reserve(pkb, NET_IP_ALIGN);
	pkb_put_data(pkb, frame, (unsigned int)len);
	pkb->ip_summed = mock_rx_ip_summed;
	pkb_queue_tail(&mp->rx_ring, pkb);
	napi_schedule(&mp->napi);
	return 0;
}

int mock_rx_now(struct net_device *dev, const void *frame, size_t len)
{
	int err = mock_rx(dev, frame, len);

	host_run_softirqs();
	return err;
}

struct pkbuf *mock_tx_pop(struct net_device *dev)
{
	host_run_softirqs();
	return pkb_dequeue(&mock_priv(dev)->tx);
}

int mock_tx_count(struct net_device *dev)
{
	host_run_softirqs();
	return (int)mock_priv(dev)->tx.qlen;
}

void mock_tx_purge(struct net_device *dev)
{
	host_run_softirqs();
	pkb_queue_purge(&mock_priv(dev)->tx);
}

/* ---- Frame builders ---- */

size_t mk_eth(u8 *buf, const u8 *dst, const u8 *src, u16 type)
{
	struct ethhdr *eth = (struct ethhdr *)buf;

	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(type);
	return ETH_HLEN;
}

void fix_ip_csum(u8 *frame)
{
	struct iphdr *iph = frame_ip(frame);

	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, ip_hdr_ihl(iph)));
}

size_t mk_ip(u8 *buf, const struct ipspec *s, const void *payload,
	     size_t len)
{
	size_t hl = sizeof(struct iphdr) + s->optlen;
	struct iphdr *iph;

	mk_eth(buf, s->eth_dst ? s->eth_dst : MAC_US,
	       s->eth_src ? s->eth_src : MAC_PEER, ETH_P_IP);
	iph = frame_ip(buf);
	iph->ihl_version = (u8)(0x40 | (hl / 4));
	iph->tos = s->tos;
	iph->tot_len = htons((u16)(hl + len));
	iph->id = htons(s->id);
	iph->frag_off = htons(s->frag);
	iph->ttl = s->ttl ? s->ttl : 64;
	iph->protocol = s->protocol;
	iph->saddr = s->saddr ? s->saddr : ADDR_PEER;
	iph->daddr = s->daddr ? s->daddr : ADDR_US;
	if (s->optlen)
		memcpy(iph + 1, s->opts, s->optlen);
	if (len)
		memcpy((u8 *)iph + hl, payload, len);
	fix_ip_csum(buf);
	return ETH_HLEN + hl + len;
}

size_t mk_udp(u8 *buf, const struct ipspec *s, u16 sport, u16 dport,
	      const void *data, size_t len)
{
	u8 seg[70000];
	struct udphdr *uh = (struct udphdr *)seg;
	struct ipspec sp = *s;
	be32 sa, da;
	u16 c;

	sp.protocol = IPPROTO_UDP;
	sa = sp.saddr ? sp.saddr : ADDR_PEER;
	da = sp.daddr ? sp.daddr : ADDR_US;
	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons((u16)(8 + len));
	uh->check = 0;
	if (len)
		memcpy(seg + 8, data, len);
	c = csum_tcpudp_magic(sa, da, (u32)(8 + len), IPPROTO_UDP,
			      csum_partial(seg, 8 + len, 0));
	uh->check = htons(c ? c : 0xffff);
	return mk_ip(buf, &sp, seg, 8 + len);
}

size_t mk_tcp(u8 *buf, const struct tcpspec *t, const void *data,
	      size_t len)
{
	static u8 seg[70000];
	struct tcphdr *th = (struct tcphdr *)seg;
	struct ipspec sp = { .saddr = t->saddr, .daddr = t->daddr,
			     .protocol = IPPROTO_TCP };
	unsigned int hl = (t->mss ? 24 : 20) + t->optlen;
	be32 sa = t->saddr ? t->saddr : ADDR_PEER;
	be32 da = t->daddr ? t->daddr : ADDR_US;

	memset(th, 0, hl);
	th->source = htons(t->sport);
	th->dest = htons(t->dport);
	th->seq = htonl(t->seq);
	th->ack_seq = htonl(t->ack);
	th->doff_res = (u8)((hl / 4) << 4);
	th->flags = t->flags;
	th->window = htons(t->window);
	if (t->mss) {
		seg[20] = TCPOPT_MSS;
		seg[21] = 4;
		seg[22] = (u8)(t->mss >> 8);
		seg[23] = (u8)t->mss;
	}
	if (t->optlen)
		memcpy(seg + hl - t->optlen, t->opts, t->optlen);
	if (len)
		memcpy(seg + hl, data, len);
	th->check = htons(csum_tcpudp_magic(sa, da, (u32)(hl + len),
					    IPPROTO_TCP,
					    csum_partial(seg, hl + len, 0)));
	return mk_ip(buf, &sp, seg, hl + len);
}

size_t mk_icmp_echo(u8 *buf, const struct ipspec *s, u8 type, u16 id,
		    u16 seq, const void *data, size_t len)
{
	u8 msg[70000];
	struct icmphdr *ih = (struct icmphdr *)msg;
	struct ipspec sp = *s;

	sp.protocol = IPPROTO_ICMP;
	memset(ih, 0, sizeof(*ih));
	ih->type = type;
	ih->un.echo.id = htons(id);
	ih->un.echo.sequence = htons(seq);
	if (len)
		memcpy(msg + 8, data, len);
	ih->checksum = htons(csum_fold(csum_partial(msg, 8 + len, 0)));
	return mk_ip(buf, &sp, msg, 8 + len);
}

size_t mk_arp(u8 *buf, const u8 *eth_dst, int op, const u8 *sha, be32 sip,
	      const u8 *tha, be32 tip)
{
	struct arphdr_eth *a = (struct arphdr_eth *)(buf + ETH_HLEN);

	mk_eth(buf, eth_dst, sha, ETH_P_ARP);
	a->ar_hrd = htons(ARPHRD_ETHER);
	a->ar_pro = htons(ETH_P_IP);
	a->ar_hln = 6;
	a->ar_pln = 4;
	a->ar_op = htons((u16)op);
	memcpy(a->ar_sha, sha, 6);
	a->ar_sip = sip;
	memcpy(a->ar_tha, tha ? tha : (const u8 *)"\0\0\0\0\0\0", 6);
	a->ar_tip = tip;
	return ETH_HLEN + sizeof(*a);
}

/* ---- Parsing ---- */

struct ethhdr *tx_eth(struct pkbuf *pkb)
{
	return (struct ethhdr *)pkb->data;
}

struct iphdr *tx_ip(struct pkbuf *pkb)
{
	if (pkb->len < ETH_HLEN + 20 || tx_eth(pkb)->h_proto != htons(ETH_P_IP))
		return NULL;
	return (struct iphdr *)(pkb->data + ETH_HLEN);
}

struct arphdr_eth *tx_arp(struct pkbuf *pkb)
{
	if (pkb->len < ETH_HLEN + 28 ||
	    tx_eth(pkb)->h_proto != htons(ETH_P_ARP))
		return NULL;
	return (struct arphdr_eth *)(pkb->data + ETH_HLEN);
}

void *tx_l4(struct pkbuf *pkb)
{
	struct iphdr *iph = tx_ip(pkb);

	return iph ? (u8 *)iph + ip_hdr_ihl(iph) * 4 : NULL;
}

bool ip_csum_ok(const struct iphdr *iph)
{
	return ip_fast_csum(iph, ip_hdr_ihl(iph)) == 0;
}

/* ---- Fixture ---- */

static long base_pkb, base_kmalloc, base_cache, base_sock;

static void fx_baseline(void)
{
	mock_tx_purge(eth0);
	snmp_reset();
	host_log_clear();
	base_pkb = pkb_live_count();
	base_kmalloc = host_kmalloc_live();
	base_cache = host_cache_live();
	base_sock = sock_live_count();
}

struct net_device *fx_setup_bare(void)
{
	host_seed(12345);
	if (net_init())
		return NULL;
	eth0 = mock_netdev_create(MAC_US);
	if (!eth0)
		return NULL;
	/* The in_device outlives its addresses (as Linux's): create it
	 * before the baseline so configuring and unconfiguring balance. */
	inet_addr_add(eth0, IP(192, 0, 2, 1), 32);
	inet_addr_del(eth0, IP(192, 0, 2, 1));
	fx_baseline();
	return eth0;
}

struct net_device *fx_setup(void)
{
	mock_rx_ip_summed = CHECKSUM_NONE;
	host_seed(12345);
	if (net_init())
		return NULL;
	eth0 = mock_netdev_create(MAC_US);
	if (!eth0)
		return NULL;
	inet_addr_add(eth0, ADDR_US, 24);
	ip_route_set_default(ADDR_GW, eth0);
	mock_tx_purge(eth0);
	snmp_reset();
	host_log_clear();
	base_pkb = pkb_live_count();
	base_kmalloc = host_kmalloc_live();
	base_cache = host_cache_live();
	base_sock = sock_live_count();
	return eth0;
}

void fx_learn(struct net_device *dev, be32 ip, const u8 *mac)
{
	u8 f[64];
	size_t n = mk_arp(f, MAC_US, ARPOP_REPLY, mac, ip, dev->dev_addr,
			  inet_dev_primary(dev));

	/* Replies only confirm entries we asked for: ask first. */
	struct pkbuf *probe = pkb_alloc_tx(20);
	struct iphdr *iph = (struct iphdr *)pkb_put(probe, 20);

	memset(iph, 0, 20);
	iph->ihl_version = 0x45;
	iph->tot_len = htons(20);
	iph->protocol = 253;  /* experimental: harmless if it escapes */
	iph->saddr = inet_dev_primary(dev);
	iph->daddr = ip;
	pkb_reset_network_header(probe);
	arp_output(probe, dev, ip, RTN_UNICAST);
	mock_rx_now(dev, f, n);
	mock_tx_purge(dev);
	{
		struct neighbour *ne = neigh_lookup(ip, dev);

		CHECK(ne && ne->state == NUD_REACHABLE);
	}
}

void fx_teardown(void)
{
	dhcp_stop();
	arp_flush();
	ip_frag_flush();
	fnhe_flush(NULL);
	host_run_softirqs();
	if (eth0)
		mock_tx_purge(eth0);
	arp_flush();
	CHECK_EQ(tcp_tw_count(), 0);
	CHECK_EQ(tcp_memory_allocated, 0);      /* TCP receive accounting */
	CHECK_EQ(pkb_live_count(), base_pkb);
	CHECK_EQ(host_kmalloc_live(), base_kmalloc);
	CHECK_EQ(host_cache_live(), base_cache);
	CHECK_EQ(sock_live_count(), base_sock);
	CHECK_EQ(host_warn_count(), 0);
	CHECK_EQ(pkb_bound_errors(), 0);
}
