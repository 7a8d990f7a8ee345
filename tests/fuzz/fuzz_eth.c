/* libFuzzer harness: arbitrary bytes into the Ethernet input path of a
 * configured fake NIC, with some bytes driving the simulated clock (so
 * ARP, reassembly and DHCP timers run) and some driving local sends.
 *
 * Input: a sequence of records  [op][len_hi][len_lo][len bytes]
 *   op & 3 == 0: the bytes are a frame received on eth0 (10.0.2.15/24)
 *   op & 3 == 1: a frame received on eth1 (no address; DHCP running)
 *   op & 3 == 2: advance the clock by (b0 | b1 << 8) * 10 ms
 *   op & 3 == 3: send a UDP datagram of the bytes to 10.0.2.x:port from
 *                b0 (host byte) and b1 (port), or ping if b2 & 1
 * A TCP listener on port 80 takes SYNs (SYN queue, SYN-ACK timers, the
 * final-ACK checks); after each input it is closed, TIME_WAIT purged,
 * and a fresh one made, so the leak check covers TCP too.
 * A trailing partial record is treated as one eth0 frame, so plain
 * Ethernet frames are valid inputs too.
 *
 * After each input every queue and cache is flushed and the live buffer
 * and allocation counts must be back where they started: a leak aborts.
 */
#include <net/net.h>
#include <net/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/udp.h>
#include <net/tcp.h>
#include <net/raw.h>
#include <net/ipconfig.h>
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

struct fuzz_nic {
	struct pkb_queue tx;
	struct pkb_queue rx;
	struct napi_struct napi;
};

static struct net_device *eth0, *eth1;
static struct sock *echo_sk, *raw_sk, *tcp_lsk;
static long base_pkb, base_kmalloc, base_cache, base_sock;

static int fz_xmit(struct pkbuf *pkb, struct net_device *dev)
{
	struct fuzz_nic *n = netdev_priv(dev);

	dev_count_tx(dev, pkb->len);
	/* Keep a few for realism (ARP queue interplay), free the rest. */
	if (n->tx.qlen < 64)
		pkb_queue_tail(&n->tx, pkb);
	else
		pkb_free(pkb);
	return NETDEV_TX_OK;
}

static int fz_poll(struct napi_struct *napi, int budget)
{
	struct fuzz_nic *n = container_of(napi, struct fuzz_nic, napi);
	int done = 0;

	while (done < budget) {
		struct pkbuf *pkb = pkb_dequeue(&n->rx);

		if (!pkb)
			break;
		netif_receive(napi->dev, pkb);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static const struct net_device_ops fz_ops = {
	.ndo_start_xmit = fz_xmit,
};

static struct net_device *fz_dev(u8 last)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct fuzz_nic));
	struct fuzz_nic *n;
	const u8 mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, last };

	if (!dev)
		abort();
	n = netdev_priv(dev);
	pkb_queue_init(&n->tx);
	pkb_queue_init(&n->rx);
	memcpy(dev->dev_addr, mac, 6);
	dev->netdev_ops = &fz_ops;
	netif_napi_add(dev, &n->napi, fz_poll, NAPI_POLL_WEIGHT);
	if (register_netdev(dev))
		abort();
	return dev;
}

static void fz_rx(struct net_device *dev, const u8 *p, size_t len)
{
	struct fuzz_nic *n = netdev_priv(dev);
	struct pkbuf *pkb;

	if (len > 9000)
		len = 9000;
	pkb = pkb_alloc((unsigned int)len + NET_IP_ALIGN);
	if (!pkb)
		return;
	pkb_reserve(pkb, NET_IP_ALIGN);
	pkb_put_data(pkb, p, (unsigned int)len);
	pkb_queue_tail(&n->rx, pkb);
	napi_schedule(&n->napi);
	host_run_softirqs();
}

static void fz_drain(struct net_device *dev)
{
	struct fuzz_nic *n = netdev_priv(dev);

	host_run_softirqs();
	pkb_queue_purge(&n->tx);
	pkb_queue_purge(&n->rx);
}

static void fz_drain_socket(void)
{
	char buf[2048];
	struct kvec iov = { buf, sizeof(buf) };
	struct sockaddr_in from;
	struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from),
			      .msg_iov = &iov, .msg_iovlen = 1 };

	while (udp_recvmsg(echo_sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL) >= 0)
		;
	while (raw_recvmsg(raw_sk, &msg, sizeof(buf), MSG_DONTWAIT, NULL) >= 0)
		;
}

static struct sock *fz_tcp_listener(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct sock *sk = sk_alloc(AF_INET, SOCK_STREAM, IPPROTO_TCP, &tcp_prot);

	if (!sk || tcp_init_sock(sk) || tcp_v4_bind(sk, &sin) ||
	    inet_csk_listen_start(sk, 8))
		abort();
	return sk;
}

static void fz_init(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7) };

	host_seed(1);
	if (net_init())
		abort();
	eth0 = fz_dev(0x56);
	eth1 = fz_dev(0x57);
	inet_addr_add(eth0, htonl(0x0a00020f), 24);
	ip_route_set_default(htonl(0x0a000202), eth0);
	/* Make the in_device of eth1 exist before the baseline. */
	inet_addr_add(eth1, htonl(0xc0000201), 32);
	inet_addr_del(eth1, htonl(0xc0000201));
	echo_sk = sk_alloc(AF_INET, SOCK_DGRAM, IPPROTO_UDP, &udp_prot);
	if (!echo_sk || udp_bind(echo_sk, &sin))
		abort();
	echo_sk->sk_broadcast = true;
	raw_sk = raw_kernel_sock(IPPROTO_ICMP);
	if (!raw_sk)
		abort();
	tcp_lsk = fz_tcp_listener();
	fz_drain(eth0);
	fz_drain(eth1);
	base_pkb = pkb_live_count();
	base_kmalloc = host_kmalloc_live();
	base_cache = host_cache_live();
	base_sock = sock_live_count();
}

static void fz_send(const u8 *p, size_t len)
{
	be32 dst;

	if (len < 3)
		return;
	dst = htonl(0x0a000200u | p[0]);
	if (p[0] == 255 && p[1] == 255)
		dst = htonl(INADDR_BROADCAST);
	if (p[2] & 1)
		icmp_echo_send(dst, htons(p[1]), 0, p + 3, len - 3);
	else
		udp_sendto(echo_sk, dst, htons(p[1] ? p[1] : 9), p + 3, len - 3);
	host_run_softirqs();
}

static void fz_reset(void)
{
	fz_drain_socket();
	tcp_close(tcp_lsk, 0);          /* requests and children go with it */
	inet_twsk_purge();
	tcp_lsk = fz_tcp_listener();
	dhcp_stop();
	if (ipconfig_current()->dev == eth1)
		ipconfig_unapply();
	ipconfig_reset();
	arp_flush();
	ip_frag_flush();
	fnhe_flush(NULL);
	fz_drain(eth0);
	fz_drain(eth1);
	arp_flush();
	fz_drain(eth0);
	fz_drain(eth1);
	if (pkb_live_count() != base_pkb || host_kmalloc_live() != base_kmalloc ||
	    host_cache_live() != base_cache || sock_live_count() != base_sock ||
	    host_warn_count() != 0) {
		fprintf(stderr, "fuzz: leak or warning: pkb %ld/%ld kmalloc "
			"%ld/%ld cache %ld/%ld sock %ld/%ld warn %d\n",
			pkb_live_count(), base_pkb, host_kmalloc_live(),
			base_kmalloc, host_cache_live(), base_cache,
			sock_live_count(), base_sock, host_warn_count());
		abort();
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static bool ready;
	size_t i = 0;

	if (!ready) {
		fz_init();
		ready = true;
	}
	icmp_ratelimit_reset();
	dhcp_start(eth1);
	while (i < size) {
		u8 op = data[i];
		size_t len;

		if (i + 3 > size) {
			fz_rx(eth0, data + i, size - i);
			break;
		}
		len = (size_t)data[i + 1] << 8 | data[i + 2];
		i += 3;
		if (len > size - i)
			len = size - i;
		switch (op & 3) {
		case 0:
			fz_rx(eth0, data + i, len);
			break;
		case 1:
			fz_rx(eth1, data + i, len);
			break;
		case 2:
			host_advance(len >= 2 ? (u64)(data[i] | data[i + 1] << 8) * 10
					      : 1000);
			break;
		case 3:
			fz_send(data + i, len);
			break;
		}
		i += len;
		fz_drain_socket();
	}
	fz_reset();
	return 0;
}
