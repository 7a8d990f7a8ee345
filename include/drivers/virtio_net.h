/* virtio-net device (virtio v1.0, 5.1): feature bits, configuration
 * layout and the per-packet header. */
#ifndef DRIVERS_VIRTIO_NET_H
#define DRIVERS_VIRTIO_NET_H

#include <lib/types.h>
#include <lib/compiler.h>

#define VIRTIO_NET_F_CSUM       0
#define VIRTIO_NET_F_GUEST_CSUM 1
#define VIRTIO_NET_F_MTU        3
#define VIRTIO_NET_F_GUEST_TSO4 7
#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16
#define VIRTIO_NET_F_CTRL_VQ    17

#define VIRTIO_NET_S_LINK_UP 1

/* Device configuration (5.1.4). */
struct virtio_net_config {
	u8 mac[6];
	u16 status;
	u16 max_virtqueue_pairs;
	u16 mtu;
} __packed;
#define VIRTIO_NET_CFG_MAC    0
#define VIRTIO_NET_CFG_STATUS 6

/* 5.1.6: every buffer starts with this header. With VIRTIO_F_VERSION_1
 * num_buffers is always present, so it is 12 bytes. */
struct virtio_net_hdr {
	u8 flags;
	u8 gso_type;
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;
	u16 csum_offset;
	u16 num_buffers;
} __packed;
_Static_assert(sizeof(struct virtio_net_hdr) == 12, "virtio_net_hdr v1 size");

#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1  /* checksum field holds the pseudo-header sum */
#define VIRTIO_NET_HDR_F_DATA_VALID  2  /* the device checked the checksum */
#define VIRTIO_NET_HDR_GSO_NONE  0
#define VIRTIO_NET_HDR_GSO_TCPV4 1
#define VIRTIO_NET_HDR_GSO_ECN   0x80

/* Queue indexes: receiveq1 = 0, transmitq1 = 1 (5.1.2). */
#define VIRTNET_RXQ 0
#define VIRTNET_TXQ 1

#endif
