/* IPv4 input (RFC 791 3.2, RFC 1122 3.2.1): validate, reassemble, deliver.
 *
 *   netif_receive -> ip_rcv (ETH_P_IP handler) -> ip_rcv_finish
 *     -> ip_defrag (fragments) -> ip_local_deliver
 *     -> raw_local_deliver (copies for raw sockets, ping)
 *     -> inet_protos[protocol]->handler (icmp_rcv, udp_rcv, ...)
 *
 * This is a host: datagrams not addressed to us are dropped and counted,
 * never forwarded. Every field is checked before it is trusted.
 */
#include <net/ip.h>
#include <net/icmp.h>
#include <net/protocol.h>
#include <net/raw.h>
#include <net/checksum.h>
#include <net/snmp.h>

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

static int ip_drop(struct pkbuf *pkb)
{
	pkb_free(pkb);
	return -EINVAL;
}

/* The header checks; returns 0 or the MIB counter to charge. */
static int ip_validate(struct pkbuf *pkb)
{
	const struct iphdr *iph;
	unsigned int ihl, tot_len;

	if (!pkb_may_pull(pkb, sizeof(struct iphdr))) {
		IPEXT_INC_STATS(INTRUNCATEDPKTS);
		return IPSTATS_MIB_INHDRERRORS;
	}
	iph = (const struct iphdr *)pkb->data;
	ihl = ip_hdr_ihl(iph);
	if (ip_hdr_version(iph) != IPVERSION) {
		IPEXT_INC_STATS(INBADVERSION);
		return IPSTATS_MIB_INHDRERRORS;
	}
	if (ihl < 5 || !pkb_may_pull(pkb, ihl * 4)) {
		IPEXT_INC_STATS(INBADIHL);
		return IPSTATS_MIB_INHDRERRORS;
	}
	if (ip_fast_csum(iph, ihl) != 0) {
		IPEXT_INC_STATS(INCSUMERRORS);
		return IPSTATS_MIB_INHDRERRORS;
	}
	tot_len = ntohs(iph->tot_len);
	if (tot_len > pkb->len) {
		IPEXT_INC_STATS(INTRUNCATEDPKTS);
		return IPSTATS_MIB_INHDRERRORS;
	}
	if (tot_len < ihl * 4) {
		IPEXT_INC_STATS(INBADIHL);
		return IPSTATS_MIB_INHDRERRORS;
	}
	/* Ethernet pads short frames to 60 bytes: the datagram ends where
	 * its total length says. */
	pkb_trim(pkb, tot_len);
	return 0;
}

/* Is the destination ours (RFC 1122 3.2.1.3, 3.3.6)? */
static int ip_check_addr(struct pkbuf *pkb, struct net_device *dev)
{
	const struct iphdr *iph = ip_hdr(pkb);
	int type;

	/* A source that cannot be a single host is a martian (RFC 1122
	 * 3.2.1.3: discard "if the source address is not a valid host
	 * address"), and so is one of our own addresses arriving from a
	 * wire (Linux accept_local=0), or a broadcast address of a subnet
	 * we are on. 0.0.0.0 only to the limited broadcast: that is how a
	 * DHCP client speaks before it has an address. */
	if (ipv4_is_multicast(iph->saddr) || ipv4_is_lbcast(iph->saddr) ||
	    (ipv4_is_zeronet(iph->saddr) && !ipv4_is_lbcast(iph->daddr)) ||
	    inet_addr_type_dev(iph->saddr, dev) == RTN_BROADCAST ||
	    (!(dev->flags & IFF_LOOPBACK) &&
	     (ipv4_is_loopback(iph->saddr) || inet_addr_is_local(iph->saddr)))) {
		IPEXT_INC_STATS(INMARTIANSRC);
		return -EINVAL;
	}
	/* RFC 1122 3.2.1.3: 127/8 must not appear outside a host. */
	if (ipv4_is_loopback(iph->daddr) && !(dev->flags & IFF_LOOPBACK)) {
		IPEXT_INC_STATS(INMARTIANDST);
		return -EINVAL;
	}
	type = inet_addr_type_dev(iph->daddr, dev);
	if (type == RTN_LOCAL) {
		/* RFC 1122 3.3.6: a link-layer broadcast carrying an IP
		 * unicast is discarded. */
		if (pkb->pkt_type == PACKET_BROADCAST ||
		    pkb->pkt_type == PACKET_MULTICAST) {
			IPEXT_INC_STATS(INL2BCASTUNICAST);
			return -EINVAL;
		}
		return 0;
	}
	if (type == RTN_BROADCAST) {
		IPEXT_INC_STATS(INBCASTPKTS);
		return 0;
	}
	if (type == RTN_MULTICAST && iph->daddr == htonl(INADDR_ALLHOSTS_GROUP)) {
		IPEXT_INC_STATS(INMCASTPKTS);
		return 0;
	}
	return -EINVAL;
}

int ip_local_deliver(struct pkbuf *pkb)
{
	const struct iphdr *iph = ip_hdr(pkb);
	const struct net_protocol *prot;
	bool raw;

	if (ip_is_fragment(iph)) {
		/* A NIC's checksum verdict is about one frame, never about
		 * the datagram reassembled from it. */
		pkb->ip_summed = CHECKSUM_NONE;
		pkb = ip_defrag(pkb);
		if (!pkb)
			return 0;
		iph = ip_hdr(pkb);
	}
	pkb_pull(pkb, ip_hdr_ihl(iph) * 4);
	pkb_reset_transport_header(pkb);
	raw = raw_local_deliver(pkb, iph->protocol);
	prot = inet_get_protocol(iph->protocol);
	if (!prot) {
		if (raw) {             /* a raw socket took it: delivered */
			IP_INC_STATS(INDELIVERS);
			pkb_free(pkb);
			return 0;
		}
		/* RFC 1122 3.2.2.1: protocol unreachable. */
		IP_INC_STATS(INUNKNOWNPROTOS);
		icmp_send(pkb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		return ip_drop(pkb);
	}
	IP_INC_STATS(INDELIVERS);
	return prot->handler(pkb);
}

int ip_rcv(struct pkbuf *pkb, struct net_device *dev, struct packet_type *pt)
{
	int mib;

	IP_INC_STATS(INRECEIVES);
	IPEXT_ADD_STATS(INOCTETS, pkb->len);
	pkb_reset_network_header(pkb);
	memset(IPCB(pkb), 0, sizeof(struct inet_skb_parm));
	IPCB(pkb)->iif = dev->ifindex;
	mib = ip_validate(pkb);
	if (mib) {
		ip_mib[mib]++;
		return ip_drop(pkb);
	}
	if (ip_check_addr(pkb, dev)) {
		IP_INC_STATS(INADDRERRORS);
		return ip_drop(pkb);
	}
	if (ip_hdr_ihl(ip_hdr(pkb)) > 5) {
		/* Recording our address writes into the header: it must
		 * not be shared with a clone. */
		if (pkb_cloned(pkb)) {
			struct pkbuf *c = pkb_copy(pkb);

			pkb_free(pkb);
			if (!c)
				return -ENOMEM;
			pkb = c;
		}
		if (!ip_rcv_options(pkb))
			return ip_drop(pkb);
	}
	/* RFC 1122 3.2.1.7: a host MUST NOT discard a datagram just
	 * because its TTL is below 2 -- TTL matters only to forwarding,
	 * which a host does not do. */
	return ip_local_deliver(pkb);
}

int ip_init(void)
{
	ip_packet_type.type = htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
	return 0;
}
