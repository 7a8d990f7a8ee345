/* Internet checksum (RFC 1071), used by IP, ICMP, UDP and later TCP.
 *
 * A 64-bit accumulator over native 32-bit words, folded at the end. No
 * floating point, no SIMD (the kernel is built with -mgeneral-regs-only).
 */
#include <net/checksum.h>

/* The one's complement sum does not care about byte order (RFC 1071
 * 2(B)): add the buffer as native (little-endian) 32-bit words, fold to
 * 16 bits and swap the two bytes once at the end. Word loads instead of
 * byte loads: this runs over every byte TCP and UDP send and receive. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "csum_partial assumes a little-endian CPU"
#endif

wsum csum_partial(const void *buf, size_t len, wsum sum)
{
	const u8 *p = buf;
	u64 acc = 0;
	u32 r;

	while (len >= 16) {
		u64 a, b;

		__builtin_memcpy(&a, p, 8);
		__builtin_memcpy(&b, p + 8, 8);
		acc += (a & 0xffffffffu) + (a >> 32) + (b & 0xffffffffu) +
		       (b >> 32);
		p += 16;
		len -= 16;
	}
	while (len >= 4) {
		u32 a;

		__builtin_memcpy(&a, p, 4);
		acc += a;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		acc += (u32)p[0] | (u32)p[1] << 8;
		p += 2;
		len -= 2;
	}
	if (len)
		acc += p[0];               /* RFC 1071: pad the odd byte */
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	r = (u32)((acc & 0xff) << 8 | acc >> 8);   /* to network order */
	acc = (u64)r + sum;
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
