/* IPv4 options (RFC 791 3.1, RFC 1122 3.2.1.8) for a host.
 *
 * On input, ip_options_compile proves the list well formed and, for a
 * datagram addressed to us, records our address in Record Route and our
 * time in Timestamp, as Linux's function of the same name does. A
 * malformed option is answered with ICMP Parameter Problem pointing at
 * the offending byte (RFC 1122 3.2.2.5). Source-routed datagrams are
 * refused, as Linux does by default (accept_source_route=0).
 *
 * On output, ip_options_echo builds the options of an echo reply: RFC
 * 1122 3.2.2.6 says Record Route and Timestamp SHOULD come back, updated
 * with the replying host; no other option is echoed.
 */
#include <net/ip.h>
#include <net/icmp.h>
#include <net/snmp.h>

/* Record our address and/or time in a Timestamp option whose next slot
 * is at o[2]; the caller checked the flag. Returns false when the slot
 * does not fit inside the option. A prespecified slot naming another
 * host is left alone. */
static bool ip_ts_record(u8 *o, unsigned int l, be32 addr, be32 now)
{
	unsigned int ptr = o[2];

	switch (o[3] & 0x0f) {
	case IPOPT_TS_TSONLY:
		if (ptr + 3 > l)
			return false;
		memcpy(&o[ptr - 1], &now, 4);
		o[2] += 4;
		return true;
	case IPOPT_TS_TSANDADDR:
		if (ptr + 7 > l)
			return false;
		memcpy(&o[ptr - 1], &addr, 4);
		memcpy(&o[ptr + 3], &now, 4);
		o[2] += 8;
		return true;
	default: {                            /* IPOPT_TS_PRESPEC */
		be32 want;

		if (ptr + 7 > l)
			return false;
		memcpy(&want, &o[ptr - 1], 4);
		if (inet_addr_type_dev(want, NULL) != RTN_LOCAL)
			return true;          /* someone else's slot */
		memcpy(&o[ptr + 3], &now, 4);
		o[2] += 8;
		return true;
	}
	}
}

int ip_options_compile(struct ip_options *opt, u8 *iph, be32 spec_dst)
{
	unsigned int len = ip_hdr_ihl((const struct iphdr *)iph) * 4 - 20;
	u8 *base = iph + sizeof(struct iphdr);
	unsigned int i = 0;

	memset(opt, 0, sizeof(*opt));
	opt->optlen = (u8)len;
	while (i < len) {
		u8 *o = base + i;
		unsigned int here = sizeof(struct iphdr) + i, l;

		if (o[0] == IPOPT_END)
			break;
		if (o[0] == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			return (int)here;
		l = o[1];
		if (l < 2 || l > len - i)
			return (int)here;
		switch (o[0]) {
		case IPOPT_LSRR:
		case IPOPT_SSRR:
			if (l < 3)
				return (int)here + 1;
			if (o[2] < 4)
				return (int)here + 2;
			if (opt->srr)
				return (int)here;
			opt->srr = (u8)here;
			break;
		case IPOPT_RR:
			if (opt->rr)
				return (int)here;
			if (l < 3)
				return (int)here + 1;
			if (o[2] < 4)
				return (int)here + 2;
			if (o[2] <= l) {
				if (o[2] + 3u > l)
					return (int)here + 2;
				memcpy(&o[o[2] - 1], &spec_dst, 4);
				o[2] += 4;
			}
			opt->rr = (u8)here;
			break;
		case IPOPT_TIMESTAMP:
			if (opt->ts)
				return (int)here;
			if (l < 4)
				return (int)here + 1;
			if (o[2] < 5)
				return (int)here + 2;
			if ((o[3] & 0x0f) != IPOPT_TS_TSONLY &&
			    (o[3] & 0x0f) != IPOPT_TS_TSANDADDR &&
			    (o[3] & 0x0f) != IPOPT_TS_PRESPEC)
				return (int)here + 3;
			if (o[2] <= l) {
				if (!ip_ts_record(o, l, spec_dst,
						  htonl(inet_current_timestamp())))
					return (int)here + 2;
			} else {
				/* Full: count the hop in the overflow
				 * nibble, which must not wrap. */
				unsigned int ovf = o[3] >> 4;

				if (ovf == 15)
					return (int)here + 3;
				o[3] = (u8)((o[3] & 0x0f) | (ovf + 1) << 4);
			}
			opt->ts = (u8)here;
			break;
		default:
			break;        /* security, stream id, router alert... */
		}
		i += l;
	}
	return 0;
}

/* A datagram to us with options: compile them in place (the header is
 * ours to write: the caller made sure no clone shares it). */
bool ip_rcv_options(struct pkbuf *pkb)
{
	struct iphdr *iph = ip_hdr(pkb);
	struct ip_options opt;
	be32 spec_dst = iph->daddr;
	int bad;

	/* What we record is our address on that link, never a broadcast
	 * or group address (Linux fib_compute_spec_dst). */
	if (inet_addr_type_dev(spec_dst, pkb->dev) != RTN_LOCAL)
		spec_dst = inet_select_addr(pkb->dev, iph->saddr);
	bad = ip_options_compile(&opt, (u8 *)iph, spec_dst);
	if (bad) {
		IPEXT_INC_STATS(INBADOPTIONS);
		IP_INC_STATS(INHDRERRORS);
		icmp_send(pkb, ICMP_PARAMETERPROB, 0, htonl((u32)bad << 24));
		return false;
	}
	if (opt.srr) {
		IPEXT_INC_STATS(INSRCROUTED);
		IP_INC_STATS(INHDRERRORS);
		return false;
	}
	return true;
}

unsigned int ip_options_echo(u8 *dst, const struct iphdr *iph, be32 saddr)
{
	unsigned int len = ip_hdr_ihl(iph) * 4 - 20, i = 0, n = 0;
	const u8 *base = (const u8 *)(iph + 1);
	be32 now = htonl(inet_current_timestamp());

	while (i < len) {
		const u8 *o = base + i;
		unsigned int l;

		if (o[0] == IPOPT_END)
			break;
		if (o[0] == IPOPT_NOOP || i + 1 >= len) {
			i++;
			continue;
		}
		l = o[1];
		if (l < 2 || l > len - i)
			break;                /* compiled already: cannot happen */
		if (o[0] == IPOPT_RR && l >= 3) {
			u8 *d = dst + n;

			memcpy(d, o, l);
			if (d[2] >= 4 && d[2] + 3u <= l) {
				memcpy(&d[d[2] - 1], &saddr, 4);
				d[2] += 4;
			}
			n += l;
		} else if (o[0] == IPOPT_TIMESTAMP && l >= 4) {
			u8 *d = dst + n;

			memcpy(d, o, l);
			if (d[2] >= 5 && d[2] <= l)
				ip_ts_record(d, l, saddr, now);
			n += l;
		}
		i += l;
	}
	while (n & 3)
		dst[n++] = IPOPT_END;
	return n;
}

void ip_options_fragment(u8 *opts, unsigned int len)
{
	unsigned int i = 0;

	while (i < len) {
		unsigned int l;

		if (opts[i] == IPOPT_END)
			return;
		if (opts[i] == IPOPT_NOOP || i + 1 >= len) {
			i++;
			continue;
		}
		l = opts[i + 1];
		if (l < 2 || l > len - i)
			return;
		/* RFC 791: only options with the copied flag go into
		 * every fragment; the rest become no-ops after the first. */
		if (!(opts[i] & IPOPT_COPY))
			memset(opts + i, IPOPT_NOOP, l);
		i += l;
	}
}
