/* Ethernet II framing (RFC 894): classify received frames and build
 * headers for outgoing ones.
 *
 *   netif_receive -> eth_type_trans (here) -> packet_type handler
 *   arp_output / neigh output -> eth_header (here) -> dev_queue_xmit
 */
#include <net/netdevice.h>

void ether_setup(struct net_device *dev)
{
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	memset(dev->broadcast, 0xff, ETH_ALEN);
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
}

/* Decide how the frame was addressed to us, as Linux's eth_type_trans:
 * broadcast, multicast, ours, or someone else's (dropped by the core
 * unless the device is promiscuous). 802.3 length fields (< 0x600) have no
 * handler here and fall to the "no handler" counter. */
be16 eth_type_trans(struct pkbuf *pkb, struct net_device *dev)
{
	const struct ethhdr *eth = (const struct ethhdr *)pkb->data;

	pkb_reset_mac_header(pkb);
	pkb->dev = dev;
	if (is_multicast_ether_addr(eth->h_dest)) {
		if (is_broadcast_ether_addr(eth->h_dest))
			pkb->pkt_type = PACKET_BROADCAST;
		else
			pkb->pkt_type = PACKET_MULTICAST;
	} else if (dev->type == ARPHRD_LOOPBACK ||
		   ether_addr_equal(eth->h_dest, dev->dev_addr)) {
		pkb->pkt_type = PACKET_HOST;
	} else {
		pkb->pkt_type = PACKET_OTHERHOST;
	}
	pkb->protocol = eth->h_proto;
	pkb_pull(pkb, ETH_HLEN);
	pkb_reset_network_header(pkb);
	return eth->h_proto;
}

int eth_header(struct pkbuf *pkb, struct net_device *dev, u16 type,
	       const u8 *daddr, const u8 *saddr)
{
	struct ethhdr *eth;

	if (pkb_headroom(pkb) < ETH_HLEN) {
		dev_drop(dev, pkb, NETDEV_DROP_TX_NOHEADROOM);
		return -ENOBUFS;
	}
	eth = (struct ethhdr *)pkb_push(pkb, ETH_HLEN);
	memcpy(eth->h_dest, daddr ? daddr : dev->broadcast, ETH_ALEN);
	memcpy(eth->h_source, saddr ? saddr : dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(type);
	pkb_reset_mac_header(pkb);
	pkb->protocol = htons(type);
	pkb->dev = dev;
	return 0;
}
