/* The Internet checksum (RFC 1071): a 16-bit one's complement sum.
 *
 * Partial sums are u32 accumulators in host order over the big-endian
 * 16-bit words of the data; csum_fold() folds and complements them into the
 * 16-bit value that goes on the wire (stored with htons). A received packet
 * whose checksum field is included in the sum verifies when the folded
 * result is 0.
 */
#ifndef NET_CHECKSUM_H
#define NET_CHECKSUM_H

#include <net/port.h>

typedef u32 wsum;    /* unfolded partial sum */

/* Sum len bytes at buf into sum. An odd final byte is the high half of a
 * word padded with zero (RFC 1071 4.1). The data must start at an even
 * offset of the checksummed region. */
wsum csum_partial(const void *buf, size_t len, wsum sum);
/* Fold to 16 bits and complement: the value to store (host order). */
u16 csum_fold(wsum sum);
/* The IPv4 header checksum over ihl 32-bit words: store with htons, or
 * verify that it returns 0 over a received header. */
u16 ip_fast_csum(const void *iph, unsigned int ihl);
/* The TCP/UDP pseudo header (RFC 768, RFC 9293 3.1) added to sum. */
wsum csum_tcpudp_nofold(be32 saddr, be32 daddr, u32 len, u8 proto, wsum sum);
/* Pseudo header + sum, folded: 0 on a correct received segment. */
u16 csum_tcpudp_magic(be32 saddr, be32 daddr, u32 len, u8 proto, wsum sum);

#endif
