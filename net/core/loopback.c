/* The loopback device "lo" (127.0.0.1/8).
 *
 * Its transmit hands the frame straight back to receive through netif_rx,
 * so the reply to a packet we send ourselves is processed from the NET_RX
 * softirq, never recursively inside the sender. Frames carry an Ethernet
 * header of zeros, as Linux's loopback does.
 */
#include <net/netdevice.h>
#include <net/ip.h>

struct net_device *loopback_dev;

static int loopback_xmit(struct pkbuf *pkb, struct net_device *dev)
{
	unsigned int len = pkb->len;

	/* A clone's bytes belong to someone else too; receive must own a
	 * writable buffer (ICMP echo rewrites in place). */
	if (pkb_cloned(pkb)) {
		struct pkbuf *c = pkb_copy(pkb);

		pkb_free(pkb);
		if (!c)
			return NETDEV_TX_OK;
		pkb = c;
	}
	pkb->dev = dev;
	pkb->sk = NULL;
	dev_count_tx(dev, len);
	netif_rx(pkb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

static void loopback_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->type = ARPHRD_LOOPBACK;
	dev->mtu = 65536;         /* as Linux lo */
	dev->flags = IFF_LOOPBACK | IFF_NOARP;
	memset(dev->broadcast, 0, ETH_ALEN);
	dev->netdev_ops = &loopback_ops;
}

int loopback_init(void)
{
	struct net_device *dev = alloc_netdev(0, "lo", loopback_setup);
	int err;

	if (!dev)
		return -ENOMEM;
	err = register_netdev(dev);
	if (err)
		goto free_dev;
	loopback_dev = dev;
	err = inet_addr_add(dev, htonl(INADDR_LOOPBACK), 8);
	if (err)
		goto unregister;
	return 0;

unregister:
	unregister_netdev(dev);
free_dev:
	free_netdev(dev);
	loopback_dev = NULL;
	return err;
}
