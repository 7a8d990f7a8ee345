/* IPv4 output (RFC 791, RFC 1122 3.3): route, build the header, fragment
 * to the device MTU, hand to the neighbour layer.
 *
 *   udp_sendto / icmp_reply / ... -> ip_send_pkb (here) -> ip_route_output
 *     -> ip_output -> [ip_fragment] -> arp_output -> dev_queue_xmit
 *
 * Transport code never writes IP header fields itself: it fills a struct
 * ip_tx_params and calls ip_send_pkb with its segment at pkb->data.
 */
#include <net/ip.h>
#include <net/arp.h>
#include <net/checksum.h>
#include <net/snmp.h>

/* RFC 6864 / Linux ip_idents: per-destination-hash ID counters with a
 * random start, so IDs are unique per flow yet not a global sequence an
 * observer could use to count our traffic. */
#define IP_IDENTS_SZ 2048
static u16 ip_idents[IP_IDENTS_SZ];
static u32 ip_idents_rnd;
static bool ip_idents_ready;

be16 ip_select_id(be32 saddr, be32 daddr, u8 proto)
{
	u32 h;

	if (unlikely(!ip_idents_ready)) {
		get_random_bytes(ip_idents, sizeof(ip_idents));
		ip_idents_rnd = get_random_u32();
		ip_idents_ready = true;
	}
	h = ((daddr ^ ip_idents_rnd) * 0x9e3779b1u) ^ (saddr * 0x85ebca6bu) ^
	    proto;
	h = (h >> 16 ^ h) % IP_IDENTS_SZ;
	return htons(ip_idents[h]++);
}

static void ip_finish_header(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, ip_hdr_ihl(iph)));
}

static int ip_finish_output(struct pkbuf *pkb, const struct rtable *rt)
{
	IP_INC_STATS(OUTTRANSMITS);
	IPEXT_ADD_STATS(OUTOCTETS, pkb->len);
	return arp_output(pkb, rt->dev, rt->nexthop, rt->type);
}

/* RFC 791 "An Example Fragmentation Procedure": copy each slice of the
 * payload behind a copy of the header; after the first fragment, only
 * the options marked "copied" stay. Sizes are multiples of 8 except the
 * last. */
static int ip_fragment(struct pkbuf *pkb, const struct rtable *rt)
{
	const struct iphdr *iph = ip_hdr(pkb);
	unsigned int hlen = ip_hdr_ihl(iph) * 4;
	u8 hdr[60];
	unsigned int left = ntohs(iph->tot_len) - hlen;
	unsigned int mtu = rt->mtu ? rt->mtu : rt->dev->mtu, chunk = (mtu - hlen) & ~7u;
	u16 frag_flags = ntohs(iph->frag_off) & ~IP_OFFSET;
	unsigned int off = 0;
	int err = 0;

	if (mtu < hlen + 8) {
		IP_INC_STATS(FRAGFAILS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	memcpy(hdr, iph, hlen);
	ip_options_fragment(hdr + sizeof(*iph), hlen - sizeof(*iph));
	while (left > 0 && !err) {
		unsigned int len = left > chunk ? chunk : left;
		struct pkbuf *f = pkb_alloc_tx(hlen + len);
		struct iphdr *fh;

		if (!f) {
			err = -ENOBUFS;
			break;
		}
		fh = (struct iphdr *)pkb_put(f, hlen + len);
		memcpy(fh, off ? (const void *)hdr : (const void *)iph, hlen);
		memcpy((u8 *)fh + hlen, (const u8 *)iph + hlen + off, len);
		pkb_reset_network_header(f);
		fh->tot_len = htons((u16)(hlen + len));
		fh->frag_off = htons((u16)(frag_flags | (off >> 3) |
					   (left > len ? IP_MF : 0)));
		ip_finish_header(fh);
		f->protocol = htons(ETH_P_IP);
		IP_INC_STATS(FRAGCREATES);
		err = ip_finish_output(f, rt);
		left -= len;
		off += len;
	}
	if (err)
		IP_INC_STATS(FRAGFAILS);
	else
		IP_INC_STATS(FRAGOKS);
	pkb_free(pkb);
	return err;
}

int ip_output(struct pkbuf *pkb, const struct rtable *rt)
{
	const struct iphdr *iph = ip_hdr(pkb);

	pkb->dev = rt->dev;
	pkb->protocol = htons(ETH_P_IP);
	if (pkb->len <= (rt->mtu ? rt->mtu : rt->dev->mtu))
		return ip_finish_output(pkb, rt);
	if (iph->frag_off & htons(IP_DF)) {
		/* RFC 1191: the sender asked not to fragment. */
		IP_INC_STATS(FRAGFAILS);
		pkb_free(pkb);
		return -EMSGSIZE;
	}
	return ip_fragment(pkb, rt);
}

int ip_build_xmit(struct pkbuf *pkb, const struct ip_tx_params *p,
		  const struct rtable *rt)
{
	struct iphdr *iph;
	unsigned int hlen = sizeof(*iph) + p->optlen;
	unsigned int tot = pkb->len + hlen;
	int err;

	if (tot > IP_MAX_PACKET) {
		err = -EMSGSIZE;
		goto discard;
	}
	if ((p->optlen & 3) || p->optlen > IP_OPTIONS_MAX) {
		err = -EINVAL;
		goto discard;
	}
	iph = (struct iphdr *)pkb_push(pkb, hlen);
	if (!iph) {
		err = -ENOBUFS;
		goto discard;
	}
	pkb_reset_network_header(pkb);
	if (p->optlen)
		memcpy(iph + 1, p->opt, p->optlen);
	iph->ihl_version = (u8)(IPVERSION << 4 | hlen / 4);
	iph->tos = p->tos;
	iph->tot_len = htons((u16)tot);
	iph->frag_off = p->df ? htons(IP_DF) : 0;
	iph->ttl = p->ttl ? p->ttl : IP_DEFAULT_TTL;
	iph->protocol = p->protocol;
	iph->saddr = p->saddr ? p->saddr : rt->saddr;
	iph->daddr = p->daddr;
	iph->id = ip_select_id(iph->saddr, iph->daddr, iph->protocol);
	ip_finish_header(iph);
	return ip_output(pkb, rt);

discard:
	IP_INC_STATS(OUTDISCARDS);
	pkb_free(pkb);
	return err;
}

int ip_send_pkb(struct pkbuf *pkb, const struct ip_tx_params *p)
{
	struct rtable rt;
	int err;

	IP_INC_STATS(OUTREQUESTS);
	err = ip_route_output(p->daddr, p->saddr, p->oif, &rt);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		pkb_free(pkb);
		return err;
	}
	return ip_build_xmit(pkb, p, &rt);
}
