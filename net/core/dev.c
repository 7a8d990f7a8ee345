/* Device registry, transmit entry and the one receive dispatch.
 *
 *   driver poll -> netif_receive(dev, pkb) -> eth_type_trans
 *                -> packet_type handler for the ethertype (ip_rcv, arp_rcv)
 *   protocol    -> dev_queue_xmit(pkb) -> dev->netdev_ops->ndo_start_xmit
 *
 * Handlers are registered with dev_add_pack(), never switched on here.
 */
#include <net/netdevice.h>
#include <net/netem.h>

#define DEV_HASHBITS 4
#define DEV_HASHSIZE (1u << DEV_HASHBITS)

static LIST_HEAD(dev_base_head);
static struct hlist_head dev_name_head[DEV_HASHSIZE];
static struct hlist_head dev_index_head[DEV_HASHSIZE];
static int dev_next_ifindex = 1;

#define PTYPE_HASHSIZE 16
static struct list_head ptype_base[PTYPE_HASHSIZE];
static LIST_HEAD(ptype_all);
static bool ptype_ready;

const char *const netdev_drop_names[NETDEV_DROP_MAX] = {
	[NETDEV_DROP_RX_RUNT] = "rx_runt",
	[NETDEV_DROP_RX_NOT_UP] = "rx_not_up",
	[NETDEV_DROP_RX_OTHERHOST] = "rx_otherhost",
	[NETDEV_DROP_RX_NOHANDLER] = "rx_nohandler",
	[NETDEV_DROP_RX_BACKLOG] = "rx_backlog",
	[NETDEV_DROP_RX_NOMEM] = "rx_nomem",
	[NETDEV_DROP_RX_ERR] = "rx_err",
	[NETDEV_DROP_TX_NOT_UP] = "tx_not_up",
	[NETDEV_DROP_TX_BUSY] = "tx_busy",
	[NETDEV_DROP_TX_NOHEADROOM] = "tx_noheadroom",
	[NETDEV_DROP_TX_TOO_BIG] = "tx_too_big",
};

static unsigned int name_hash(const char *name)
{
	unsigned int h = 0;

	while (*name)
		h = h * 31 + (u8)*name++;
	return h & (DEV_HASHSIZE - 1);
}

static void ptype_init(void)
{
	if (ptype_ready)
		return;
	for (unsigned int i = 0; i < PTYPE_HASHSIZE; i++)
		INIT_LIST_HEAD(&ptype_base[i]);
	ptype_ready = true;
}

static struct list_head *ptype_head(be16 type)
{
	ptype_init();
	if (type == htons(ETH_P_ALL))
		return &ptype_all;
	return &ptype_base[ntohs(type) & (PTYPE_HASHSIZE - 1)];
}

void dev_add_pack(struct packet_type *pt)
{
	list_add_tail(&pt->list, ptype_head(pt->type));
}

void dev_remove_pack(struct packet_type *pt)
{
	list_del(&pt->list);
}

struct net_device *alloc_netdev(size_t priv_size, const char *name,
				void (*setup)(struct net_device *dev))
{
	struct net_device *dev = kzalloc(sizeof(*dev) + priv_size);

	if (!dev)
		return NULL;
	if (strlen(name) >= IFNAMSIZ)
		goto free_dev;
	memcpy(dev->name, name, strlen(name) + 1);
	INIT_LIST_HEAD(&dev->napi_list);
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_HLIST_NODE(&dev->name_hlist);
	INIT_HLIST_NODE(&dev->index_hlist);
	dev->mtu = ETH_DATA_LEN;
	if (setup)
		setup(dev);
	return dev;

free_dev:
	kfree(dev);
	return NULL;
}

struct net_device *alloc_etherdev(size_t priv_size)
{
	return alloc_netdev(priv_size, "eth%d", ether_setup);
}

void free_netdev(struct net_device *dev)
{
	if (!dev)
		return;
	WARN_ON(dev->registered);
	kfree(dev);
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	hlist_for_each_entry(dev, &dev_name_head[name_hash(name)], name_hlist)
		if (strcmp(dev->name, name) == 0)
			return dev;
	return NULL;
}

struct net_device *dev_get_by_index(int ifindex)
{
	struct net_device *dev;
	unsigned int h = (unsigned int)ifindex & (DEV_HASHSIZE - 1);

	hlist_for_each_entry(dev, &dev_index_head[h], index_hlist)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

struct net_device *dev_get_next(struct net_device *prev)
{
	struct list_head *next = prev ? prev->dev_list.next : dev_base_head.next;

	if (next == &dev_base_head)
		return NULL;
	return list_entry(next, struct net_device, dev_list);
}

/* Expand "eth%d" into the first unused eth0, eth1, ... */
static int dev_alloc_name(struct net_device *dev)
{
	char prefix[IFNAMSIZ], cand[IFNAMSIZ];
	const char *pct = NULL;
	size_t plen;

	for (const char *p = dev->name; *p; p++)
		if (p[0] == '%' && p[1] == 'd')
			pct = p;
	if (!pct)
		return dev_get_by_name(dev->name) ? -EEXIST : 0;
	plen = (size_t)(pct - dev->name);
	memcpy(prefix, dev->name, plen);
	prefix[plen] = '\0';
	for (int i = 0; i < 100; i++) {
		if (snprintf(cand, sizeof(cand), "%s%d", prefix, i) >= IFNAMSIZ)
			return -ENAMETOOLONG;
		if (!dev_get_by_name(cand)) {
			memcpy(dev->name, cand, strlen(cand) + 1);
			return 0;
		}
	}
	return -ENFILE;
}

/* Name it, number it, make it findable and bring it up. Drivers call this
 * once the MAC and ops are filled in. */
int register_netdev(struct net_device *dev)
{
	int err;

	if (!dev->netdev_ops || !dev->netdev_ops->ndo_start_xmit)
		return -EINVAL;
	err = dev_alloc_name(dev);
	if (err)
		return err;
	dev->ifindex = dev_next_ifindex++;
	hlist_add_head(&dev->name_hlist, &dev_name_head[name_hash(dev->name)]);
	hlist_add_head(&dev->index_hlist,
		       &dev_index_head[dev->ifindex & (DEV_HASHSIZE - 1)]);
	list_add_tail(&dev->dev_list, &dev_base_head);
	dev->registered = true;
	NET_DEBUG(DEV, "registered %s ifindex %d\n", dev->name, dev->ifindex);
	return dev_open(dev);
}

void unregister_netdev(struct net_device *dev)
{
	if (!dev->registered)
		return;
	dev_close(dev);
	hlist_del(&dev->name_hlist);
	hlist_del(&dev->index_hlist);
	list_del(&dev->dev_list);
	dev->registered = false;
}

int dev_open(struct net_device *dev)
{
	int err = 0;

	if (dev->flags & IFF_UP)
		return 0;
	if (dev->netdev_ops->ndo_open)
		err = dev->netdev_ops->ndo_open(dev);
	if (err)
		return err;
	dev->flags |= IFF_UP | IFF_RUNNING;
	return 0;
}

int dev_close(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP))
		return 0;
	dev->flags &= ~(IFF_UP | IFF_RUNNING);
	if (dev->netdev_ops->ndo_stop)
		dev->netdev_ops->ndo_stop(dev);
	return 0;
}

void dev_drop(struct net_device *dev, struct pkbuf *pkb,
	      enum netdev_drop_reason reason)
{
	if (dev && reason < NETDEV_DROP_MAX) {
		dev->drops[reason]++;
		if (reason >= NETDEV_DROP_TX_NOT_UP)
			dev->stats.tx_dropped++;
		else
			dev->stats.rx_dropped++;
	}
	pkb_free(pkb);
}

void dev_count_tx(struct net_device *dev, unsigned int len)
{
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
}

int dev_queue_xmit(struct pkbuf *pkb)
{
	struct net_device *dev = pkb->dev;

	if (!dev) {
		pkb_free(pkb);
		return -ENODEV;
	}
	if (!(dev->flags & IFF_UP)) {
		dev_drop(dev, pkb, NETDEV_DROP_TX_NOT_UP);
		return -ENETDOWN;
	}
	if (pkb->len > dev->mtu + dev->hard_header_len) {
		dev_drop(dev, pkb, NETDEV_DROP_TX_TOO_BIG);
		return -EMSGSIZE;
	}
	pkb_orphan(pkb);
	if (netem_egress(pkb))          /* fault injection, if configured */
		return 0;
	return __dev_xmit(pkb);
}

/* The hand-off to the driver (netem's delayed frames come back here). */
int __dev_xmit(struct pkbuf *pkb)
{
	struct net_device *dev = pkb->dev;
	int rc;

	pkb_orphan(pkb);
	rc = dev->netdev_ops->ndo_start_xmit(pkb, dev);
	if (rc != NETDEV_TX_OK) {
		/* No qdisc to requeue into: a full ring is a counted drop,
		 * and the protocols above retransmit if they care. */
		dev_drop(dev, pkb, NETDEV_DROP_TX_BUSY);
		return -ENOBUFS;
	}
	return 0;
}

static int deliver_taps(struct pkbuf *pkb, struct net_device *dev)
{
	struct packet_type *pt;

	list_for_each_entry(pt, &ptype_all, list) {
		struct pkbuf *c;

		if (pt->dev && pt->dev != dev)
			continue;
		c = pkb_clone(pkb);
		if (c)
			pt->func(c, dev, pt);
	}
	return 0;
}

int netif_receive(struct net_device *dev, struct pkbuf *pkb)
{
	if (netem_ingress(dev, pkb))    /* fault injection, if configured */
		return 0;
	return __netif_receive(dev, pkb);
}

int __netif_receive(struct net_device *dev, struct pkbuf *pkb)
{
	struct packet_type *pt;
	be16 type;

	pkb->dev = dev;
	if (!(dev->flags & IFF_UP)) {
		dev_drop(dev, pkb, NETDEV_DROP_RX_NOT_UP);
		return -ENETDOWN;
	}
	if (pkb->len < ETH_HLEN) {
		dev->stats.rx_errors++;
		dev->stats.rx_frame_errors++;
		dev_drop(dev, pkb, NETDEV_DROP_RX_RUNT);
		return -EINVAL;
	}
	dev->stats.rx_packets++;
	dev->stats.rx_bytes += pkb->len;
	pkb->tstamp_ms = ktime_get_ms();
	type = eth_type_trans(pkb, dev);
	if (pkb->pkt_type == PACKET_MULTICAST || pkb->pkt_type == PACKET_BROADCAST)
		dev->stats.multicast++;
	if (!list_empty(&ptype_all))
		deliver_taps(pkb, dev);
	if (pkb->pkt_type == PACKET_OTHERHOST) {
		dev_drop(dev, pkb, NETDEV_DROP_RX_OTHERHOST);
		return -EINVAL;
	}
	list_for_each_entry(pt, ptype_head(type), list) {
		if (pt->type != type || (pt->dev && pt->dev != dev))
			continue;
		pt->func(pkb, dev, pt);
		return 0;
	}
	dev_drop(dev, pkb, NETDEV_DROP_RX_NOHANDLER);
	return -EPROTONOSUPPORT;
}

int net_dev_init(void)
{
	ptype_init();
	return 0;
}
