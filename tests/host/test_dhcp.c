/* DHCP client (RFC 2131) against a scripted server, lease renewal and
 * rebinding, and static configuration from kernel options. */
#include "testlib.h"
#include <net/dhcp.h>
#include <net/ipconfig.h>
#include <net/net_proc.h>
#include <stdlib.h>
#include <string.h>

#define SRV IP(10, 0, 2, 2)

static u8 frame[2048];

/* The BOOTP message inside a frame the client sent, or NULL. */
static struct dhcp_msg *tx_dhcp(struct pkbuf *tx, struct dhcp_lease *l)
{
	struct iphdr *iph = tx ? tx_ip(tx) : NULL;
	struct udphdr *uh;
	size_t len;

	if (!iph || iph->protocol != IPPROTO_UDP)
		return NULL;
	uh = tx_l4(tx);
	if (uh->dest != htons(67) || uh->source != htons(68))
		return NULL;
	len = ntohs(uh->len) - 8u;
	if (len < DHCP_FIXED_LEN)
		return NULL;
	if (l && dhcp_parse_options(((struct dhcp_msg *)(uh + 1))->options,
				    len - DHCP_FIXED_LEN, l))
		return NULL;
	return (struct dhcp_msg *)(uh + 1);
}

/* Pop frames until a DHCP message; other frames are answered when they
 * are ARP requests for the server (so unicast renewals can go out). */
static struct pkbuf *next_dhcp(struct dhcp_msg **m, struct dhcp_lease *l)
{
	struct pkbuf *tx;

	while ((tx = mock_tx_pop(eth0)) != NULL) {
		struct arphdr_eth *a = tx_arp(tx);

		*m = tx_dhcp(tx, l);
		if (*m)
			return tx;
		if (a && a->ar_op == htons(ARPOP_REQUEST) && a->ar_tip == SRV) {
			u8 f[64];
			size_t n = mk_arp(f, MAC_US, ARPOP_REPLY, MAC_GW, SRV,
					  MAC_US, a->ar_sip);

			pkb_free(tx);
			mock_rx_now(eth0, f, n);
			continue;
		}
		pkb_free(tx);
	}
	*m = NULL;
	return NULL;
}

static u8 *opt(u8 *p, u8 code, u8 len, const void *v)
{
	*p++ = code;
	*p++ = len;
	memcpy(p, v, len);
	return p + len;
}

/* The scripted server's reply. */
static void server_reply(const struct dhcp_msg *req, u8 type, be32 yiaddr,
			 u32 lease, be32 to)
{
	struct dhcp_msg m;
	struct ipspec s = { .saddr = SRV, .daddr = to, .eth_src = MAC_GW,
			    .eth_dst = to == IP(255, 255, 255, 255) ? MAC_BCAST :
								      MAC_US };
	be32 mask = IP(255, 255, 255, 0), router = SRV, dns = IP(10, 0, 2, 3);
	be32 lt = htonl(lease);
	u8 *p;

	memset(&m, 0, sizeof(m));
	m.op = BOOTREPLY;
	m.htype = 1;
	m.hlen = 6;
	m.xid = req->xid;
	m.yiaddr = yiaddr;
	m.siaddr = SRV;
	memcpy(m.chaddr, req->chaddr, 16);
	m.magic = htonl(DHCP_MAGIC);
	p = opt(m.options, DHO_MSG_TYPE, 1, &type);
	p = opt(p, DHO_SERVER_ID, 4, &router);
	if (type != DHCPNAK) {
		p = opt(p, DHO_SUBNET_MASK, 4, &mask);
		p = opt(p, DHO_ROUTER, 4, &router);
		p = opt(p, DHO_DNS, 4, &dns);
		p = opt(p, DHO_LEASE_TIME, 4, &lt);
	}
	*p++ = DHO_END;
	mock_rx_now(eth0, frame, mk_udp(frame, &s, 67, 68, &m,
					(size_t)(p - (u8 *)&m)));
}

static void run_to_bound(void)
{
	struct dhcp_msg *m;
	struct dhcp_lease l;
	struct pkbuf *tx;

	CHECK_EQ(ipconfig_parse_cmdline("console=ttyS0 quiet"), 0);
	CHECK_EQ(ip_auto_config(), 0);
	CHECK_EQ(ipconfig_status(), IPCONFIG_PENDING);
	tx = next_dhcp(&m, &l);
	CHECK(tx && l.msg_type == DHCPDISCOVER);
	if (!tx)
		return;
	server_reply(m, DHCPOFFER, ADDR_US, 3600, IP(255, 255, 255, 255));
	pkb_free(tx);
	tx = next_dhcp(&m, &l);
	CHECK(tx && l.msg_type == DHCPREQUEST);
	if (!tx)
		return;
	server_reply(m, DHCPACK, ADDR_US, 3600, IP(255, 255, 255, 255));
	pkb_free(tx);
	CHECK_EQ(dhcp_state(), DHCP_BOUND);
}

TEST(dhcp_discover_is_well_formed_and_retransmitted_with_backoff)
{
	struct dhcp_msg *m;
	struct dhcp_lease l;
	struct pkbuf *tx;
	u64 t[4];
	int n = 0;
	be32 xid = 0;

	CHECK(fx_setup_bare());
	CHECK_EQ(ip_auto_config(), 0);
	tx = next_dhcp(&m, &l);
	CHECK(tx != NULL);
	if (!tx)
		goto out;
	CHECK(is_broadcast_ether_addr(tx_eth(tx)->h_dest));
	CHECK_EQ(tx_ip(tx)->saddr, 0);
	CHECK_EQ(tx_ip(tx)->daddr, IP(255, 255, 255, 255));
	CHECK_EQ(tx_ip(tx)->ttl, 64);
	CHECK(ntohs(((struct udphdr *)tx_l4(tx))->len) - 8 >= DHCP_MIN_LEN);
	CHECK_EQ(m->op, BOOTREQUEST);
	CHECK_EQ(m->htype, 1);
	CHECK_EQ(m->hlen, 6);
	CHECK(memcmp(m->chaddr, MAC_US, 6) == 0);
	CHECK_EQ(m->flags, htons(DHCP_FLAG_BROADCAST));
	CHECK_EQ(m->magic, htonl(DHCP_MAGIC));
	CHECK_EQ(l.msg_type, DHCPDISCOVER);
	xid = m->xid;
	pkb_free(tx);
	/* RFC 2131 4.1: 4 s, 8 s, 16 s... each +-1 s. */
	for (u64 ms = 0; ms < 40000 && n < 4; ms += 100) {
		host_advance(100);
		tx = next_dhcp(&m, &l);
		if (tx) {
			CHECK_EQ(m->xid, xid);
			t[n++] = host_now_ms();
			pkb_free(tx);
		}
	}
	CHECK_EQ(n, 3);
	CHECK(t[0] >= 3000 && t[0] <= 5000);
	CHECK(t[1] - t[0] >= 7000 && t[1] - t[0] <= 9000);
	CHECK(t[2] - t[1] >= 15000 && t[2] - t[1] <= 17000);
out:
	fx_teardown();
}

TEST(dhcp_full_exchange_configures_and_prints_one_line)
{
	char buf[256];
	struct rtable rt;

	CHECK(fx_setup_bare());
	run_to_bound();
	CHECK_EQ(ipconfig_status(), IPCONFIG_DONE);
	CHECK_EQ(inet_dev_primary(eth0), ADDR_US);
	CHECK_EQ(ip_route_default_gw(), SRV);
	CHECK_EQ(ipconfig_dns(), IP(10, 0, 2, 3));
	CHECK_EQ(ip_route_output(IP(8, 8, 8, 8), 0, 0, &rt), 0);
	CHECK(rt.dev == eth0 && rt.nexthop == SRV && rt.saddr == ADDR_US);
	CHECK_EQ(host_log_count(
		"ipconfig: eth0 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3 (dhcp)\n"),
		1);
	CHECK_EQ(host_log_count("ipconfig:"), 1);
	net_resolv_conf_show(buf, sizeof(buf));
	CHECK(strcmp(buf, "nameserver 10.0.2.3\n") == 0);
	net_proc_pnp_show(buf, sizeof(buf));
	CHECK(strcmp(buf, "#PROTO: DHCP\nnameserver 10.0.2.3\n"
			  "bootserver 10.0.2.2\n") == 0);
	ipconfig_unapply();
	fx_teardown();
}

TEST(dhcp_request_selecting_state_fields)
{
	struct dhcp_msg *m;
	struct dhcp_lease l;
	struct pkbuf *tx;
	const u8 *o;
	bool has50 = false, has54 = false;

	CHECK(fx_setup_bare());
	CHECK_EQ(ip_auto_config(), 0);
	tx = next_dhcp(&m, &l);
	CHECK(tx != NULL);
	if (!tx)
		goto out;
	server_reply(m, DHCPOFFER, ADDR_US, 3600, IP(255, 255, 255, 255));
	pkb_free(tx);
	tx = next_dhcp(&m, &l);
	CHECK(tx && l.msg_type == DHCPREQUEST);
	if (!tx)
		goto out;
	CHECK_EQ(m->ciaddr, 0);
	/* Option 50 (requested address) and 54 (server id) present. */
	for (o = m->options; *o != DHO_END; o += 2 + o[1]) {
		if (o[0] == DHO_REQ_ADDR)
			has50 = memcmp(o + 2, &(be32){ ADDR_US }, 4) == 0;
		if (o[0] == DHO_SERVER_ID)
			has54 = memcmp(o + 2, &(be32){ SRV }, 4) == 0;
	}
	CHECK(has50 && has54);
	pkb_free(tx);
out:
	fx_teardown();
}

TEST(dhcp_renews_at_t1_unicast_then_rebinds_then_expires)
{
	struct dhcp_msg *m;
	struct dhcp_lease l;
	struct pkbuf *tx;
	bool found50;

	CHECK(fx_setup_bare());
	run_to_bound();
	host_log_clear();
	/* Before T1 (1800 s of a 3600 s lease): silence. */
	host_advance(1799 * 1000);
	CHECK(next_dhcp(&m, &l) == NULL);
	host_advance(1000);
	CHECK_EQ(dhcp_state(), DHCP_RENEWING);
	tx = next_dhcp(&m, &l);
	CHECK(tx && l.msg_type == DHCPREQUEST);
	if (!tx)
		goto out;
	/* RFC 2131 4.4.5: unicast to the server, ciaddr filled, no 50/54. */
	CHECK_EQ(tx_ip(tx)->daddr, SRV);
	CHECK_EQ(tx_ip(tx)->saddr, ADDR_US);
	CHECK(ether_addr_equal(tx_eth(tx)->h_dest, MAC_GW));
	CHECK_EQ(m->ciaddr, ADDR_US);
	CHECK_EQ(m->flags, 0);
	found50 = false;
	for (const u8 *o = m->options; *o != DHO_END; o += 2 + o[1])
		if (o[0] == DHO_REQ_ADDR || o[0] == DHO_SERVER_ID)
			found50 = true;
	CHECK(!found50);
	server_reply(m, DHCPACK, ADDR_US, 3600, ADDR_US);
	pkb_free(tx);
	CHECK_EQ(dhcp_state(), DHCP_BOUND);
	CHECK_EQ(host_log_count("ipconfig:"), 0);   /* nothing changed */
	CHECK_EQ(inet_dev_primary(eth0), ADDR_US);

	/* Next T1: the server is gone. Retransmit until T2 (3150 s). */
	host_advance(1800 * 1000);
	CHECK_EQ(dhcp_state(), DHCP_RENEWING);
	mock_tx_purge(eth0);
	host_advance(1350 * 1000 - 1);
	CHECK_EQ(dhcp_state(), DHCP_RENEWING);
	mock_tx_purge(eth0);
	host_advance(1);
	CHECK_EQ(dhcp_state(), DHCP_REBINDING);
	tx = next_dhcp(&m, &l);
	CHECK(tx && tx_ip(tx)->daddr == IP(255, 255, 255, 255));
	CHECK(tx && m->ciaddr == ADDR_US);
	pkb_free(tx);
	/* Lease end (3600 s): address removed, back to DISCOVER. */
	host_advance(450 * 1000);
	CHECK_EQ(dhcp_state(), DHCP_SELECTING);
	CHECK_EQ(inet_dev_primary(eth0), 0);
	CHECK_EQ(ipconfig_status(), IPCONFIG_PENDING);
	CHECK_EQ(ip_route_default_gw(), 0);
out:
	fx_teardown();
}

TEST(dhcp_nak_restarts_and_foreign_replies_ignored)
{
	struct dhcp_msg *m;
	struct dhcp_lease l;
	struct pkbuf *tx;

	CHECK(fx_setup_bare());
	CHECK_EQ(ip_auto_config(), 0);
	tx = next_dhcp(&m, &l);
	if (!tx) {
		CHECK(tx != NULL);
		goto out;
	}
	/* A reply with another xid is not ours. */
	m->xid ^= 1;
	server_reply(m, DHCPOFFER, ADDR_US, 3600, IP(255, 255, 255, 255));
	CHECK_EQ(dhcp_state(), DHCP_SELECTING);
	m->xid ^= 1;
	server_reply(m, DHCPOFFER, ADDR_US, 3600, IP(255, 255, 255, 255));
	pkb_free(tx);
	CHECK_EQ(dhcp_state(), DHCP_REQUESTING);
	tx = next_dhcp(&m, &l);
	CHECK(tx != NULL);
	if (!tx)
		goto out;
	server_reply(m, DHCPNAK, 0, 0, IP(255, 255, 255, 255));
	pkb_free(tx);
	CHECK_EQ(dhcp_state(), DHCP_SELECTING);
	tx = next_dhcp(&m, &l);
	CHECK(tx && l.msg_type == DHCPDISCOVER);
	pkb_free(tx);
	CHECK_EQ(ipconfig_status(), IPCONFIG_PENDING);
out:
	fx_teardown();
}

TEST(static_config_from_kernel_options)
{
	CHECK(fx_setup_bare());
	CHECK_EQ(ipconfig_parse_cmdline("quiet ip=10.0.2.99/24 gw=10.0.2.1 "
					"ip=192.168.76.2/24 gw=192.168.76.1 "
					"dns=192.168.76.1 loglevel=7"), 0);
	CHECK_EQ(ip_auto_config(), 0);
	CHECK_EQ(ipconfig_status(), IPCONFIG_DONE);
	CHECK_EQ(inet_dev_primary(eth0), IP(192, 168, 76, 2));
	CHECK_EQ(ip_route_default_gw(), IP(192, 168, 76, 1));
	CHECK_EQ(host_log_count("ipconfig: eth0 192.168.76.2/24 gw "
				"192.168.76.1 dns 192.168.76.1 (static)\n"), 1);
	CHECK_EQ(dhcp_state(), DHCP_OFF);
	CHECK_EQ(ipconfig_wait(10), 0);
	ipconfig_unapply();
	/* Bad values are rejected, and the rest still applies. */
	ipconfig_reset();
	CHECK_EQ(ipconfig_parse_cmdline("ip=300.1.1.1/24"), -EINVAL);
	CHECK_EQ(ipconfig_parse_cmdline("ip=10.1.1.1/33"), -EINVAL);
	CHECK_EQ(ipconfig_parse_cmdline("gw=1.2.3"), -EINVAL);
	CHECK_EQ(ipconfig_parse_cmdline("ip=10.1.1.1"), 0);
	CHECK_EQ(ip_auto_config(), 0);
	CHECK_EQ(host_log_count("ipconfig: eth0 10.1.1.1/24 gw 0.0.0.0 "
				"dns 0.0.0.0 (static)\n"), 1);
	ipconfig_unapply();
	fx_teardown();
}
