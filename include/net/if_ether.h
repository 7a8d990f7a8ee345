/* Ethernet II wire format (IEEE 802.3 / RFC 894) and ethertypes. */
#ifndef NET_IF_ETHER_H
#define NET_IF_ETHER_H

#include <net/port.h>

#define ETH_ALEN     6
#define ETH_HLEN     14
#define ETH_ZLEN     60      /* minimum frame without FCS */
#define ETH_DATA_LEN 1500
#define ETH_FRAME_LEN 1514

#define ETH_P_IP   0x0800
#define ETH_P_ARP  0x0806
#define ETH_P_IPV6 0x86DD
#define ETH_P_ALL  0x0003    /* packet_type wildcard (taps) */

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	be16 h_proto;
} __packed;
BUILD_BUG_ON(sizeof(struct ethhdr) != ETH_HLEN);

static inline bool is_multicast_ether_addr(const u8 *a)
{
	return a[0] & 0x01;
}

static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}

static inline bool is_zero_ether_addr(const u8 *a)
{
	return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]) == 0;
}

static inline bool is_valid_ether_addr(const u8 *a)
{
	return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a);
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

#endif
