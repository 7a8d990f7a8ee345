/* Internet checksum (RFC 1071), used by IP, ICMP, UDP and later TCP.
 *
 * Written for clarity over speed: a 64-bit accumulator over big-endian
 * 16-bit words, folded at the end. No floating point, no SIMD (the kernel
 * is built with -mgeneral-regs-only).
 */
#include <net/checksum.h>

wsum csum_partial(const void *buf, size_t len, wsum sum)
{
	const u8 *p = buf;
	u64 acc = sum;

	while (len >= 8) {
		acc += ((u32)p[0] << 8 | p[1]) + ((u32)p[2] << 8 | p[3]) +
		       ((u32)p[4] << 8 | p[5]) + ((u32)p[6] << 8 | p[7]);
		p += 8;
		len -= 8;
	}
	while (len >= 2) {
		acc += (u32)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		acc += (u32)p[0] << 8;     /* RFC 1071: pad the odd byte */
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (wsum)acc;
}

u16 csum_fold(wsum sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

u16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4u, 0));
}

wsum csum_tcpudp_nofold(be32 saddr, be32 daddr, u32 len, u8 proto, wsum sum)
{
	u64 acc = sum;
	u32 s = be32_to_cpu(saddr), d = be32_to_cpu(daddr);

	acc += (s >> 16) + (s & 0xffff) + (d >> 16) + (d & 0xffff);
	acc += proto;
	acc += (len >> 16) + (len & 0xffff);
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (wsum)acc;
}

u16 csum_tcpudp_magic(be32 saddr, be32 daddr, u32 len, u8 proto, wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}
