/* DHCP/BOOTP wire format (RFC 2131 2, RFC 2132 options). */
#ifndef NET_DHCP_H
#define NET_DHCP_H

#include <net/port.h>

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_MAGIC 0x63825363u
#define DHCP_MIN_LEN 300          /* BOOTP minimum (RFC 951, RFC 1542) */
#define DHCP_OPT_LEN 312          /* RFC 2131 2: options field room */

#define BOOTREQUEST 1
#define BOOTREPLY   2
#define DHCP_FLAG_BROADCAST 0x8000

/* Message types (option 53). */
#define DHCPDISCOVER 1
#define DHCPOFFER    2
#define DHCPREQUEST  3
#define DHCPDECLINE  4
#define DHCPACK      5
#define DHCPNAK      6
#define DHCPRELEASE  7

/* Options (RFC 2132). */
#define DHO_PAD          0
#define DHO_SUBNET_MASK  1
#define DHO_ROUTER       3
#define DHO_DNS          6
#define DHO_HOSTNAME     12
#define DHO_REQ_ADDR     50
#define DHO_LEASE_TIME   51
#define DHO_OVERLOAD     52
#define DHO_MSG_TYPE     53
#define DHO_SERVER_ID    54
#define DHO_PARAM_REQ    55
#define DHO_MAX_SIZE     57
#define DHO_T1           58
#define DHO_T2           59
#define DHO_CLIENT_ID    61
#define DHO_END          255

struct dhcp_msg {
	u8 op, htype, hlen, hops;
	be32 xid;
	be16 secs;
	be16 flags;
	be32 ciaddr, yiaddr, siaddr, giaddr;
	u8 chaddr[16];
	u8 sname[64];
	u8 file[128];
	be32 magic;
	u8 options[DHCP_OPT_LEN];
} __packed;
BUILD_BUG_ON(sizeof(struct dhcp_msg) != 240 + DHCP_OPT_LEN);
#define DHCP_FIXED_LEN 240

/* What a received message says, after parsing its options. */
struct dhcp_lease {
	u8 msg_type;
	be32 yiaddr;
	be32 server_id;
	be32 mask;            /* 0 if absent */
	be32 router;
	be32 dns;
	u32 lease_s, t1_s, t2_s;  /* 0 if absent */
};

/* Parse options (bounds-checked); returns 0 or -EINVAL. */
int dhcp_parse_options(const u8 *opt, size_t len, struct dhcp_lease *l);

#endif
