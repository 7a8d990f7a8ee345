/* Network devices, the receive dispatch and NAPI polling.
 *
 * The contract with drivers is written out in docs/netdev.md. In short:
 * alloc_etherdev(sizeof(priv)) -> fill ops/MAC -> register_netdev();
 * the IRQ handler calls napi_schedule(); the poll function hands each
 * received frame (data at the Ethernet header) to netif_receive(); the
 * stack transmits through ops->ndo_start_xmit, which owns the pkbuf from
 * then on.
 */
#ifndef NET_NETDEVICE_H
#define NET_NETDEVICE_H

#include <net/pkbuf.h>
#include <net/if_ether.h>

#define IFNAMSIZ 16
#define MAX_ADDR_LEN 8

/* dev->flags, Linux values (include/uapi/linux/if.h). */
#define IFF_UP        0x1
#define IFF_BROADCAST 0x2
#define IFF_LOOPBACK  0x8
#define IFF_RUNNING   0x40
#define IFF_NOARP     0x80
#define IFF_PROMISC   0x100
#define IFF_MULTICAST 0x1000

/* dev->type, Linux ARPHRD_* values. */
#define ARPHRD_ETHER    1
#define ARPHRD_LOOPBACK 772

/* ndo_start_xmit results. */
#define NETDEV_TX_OK   0x00
#define NETDEV_TX_BUSY 0x10

/* Named reasons a device or the core dropped a frame. Each has its own
 * counter in dev->drops[] and a name in netdev_drop_names[] (shown after
 * the standard columns). rx_dropped / tx_dropped are their sums. */
enum netdev_drop_reason {
	NETDEV_DROP_RX_RUNT,        /* shorter than an Ethernet header */
	NETDEV_DROP_RX_NOT_UP,      /* arrived while the device was down */
	NETDEV_DROP_RX_OTHERHOST,   /* unicast to another MAC */
	NETDEV_DROP_RX_NOHANDLER,   /* no packet_type for the ethertype */
	NETDEV_DROP_RX_BACKLOG,     /* netif_rx backlog full */
	NETDEV_DROP_RX_NOMEM,       /* driver could not refill (driver use) */
	NETDEV_DROP_RX_ERR,         /* driver saw a bad descriptor/frame */
	NETDEV_DROP_TX_NOT_UP,      /* transmit while down */
	NETDEV_DROP_TX_BUSY,        /* driver ring full */
	NETDEV_DROP_TX_NOHEADROOM,  /* no room to prepend the link header */
	NETDEV_DROP_TX_TOO_BIG,     /* frame above MTU + header */
	NETDEV_DROP_MAX
};
extern const char *const netdev_drop_names[NETDEV_DROP_MAX];

struct net_device_stats {
	u64 rx_packets, tx_packets;
	u64 rx_bytes, tx_bytes;
	u64 rx_errors, tx_errors;
	u64 rx_dropped, tx_dropped;
	u64 multicast;
	u64 rx_frame_errors, rx_fifo_errors, tx_fifo_errors, collisions;
	u64 tx_carrier_errors;
};

struct net_device;

struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	/* Owns pkb from the call on (frees it on completion or error).
	 * Returns NETDEV_TX_OK, or NETDEV_TX_BUSY without taking pkb. */
	int (*ndo_start_xmit)(struct pkbuf *pkb, struct net_device *dev);
};

struct in_device;

struct net_device {
	char name[IFNAMSIZ];
	int ifindex;
	unsigned int flags;
	unsigned short type;          /* ARPHRD_* */
	unsigned int mtu;
	unsigned short hard_header_len;
	u8 addr_len;
	u8 dev_addr[MAX_ADDR_LEN];
	u8 broadcast[MAX_ADDR_LEN];

	const struct net_device_ops *netdev_ops;
	struct net_device_stats stats;
	u64 drops[NETDEV_DROP_MAX];

	struct in_device *ip_ptr;     /* IPv4 addresses (net/ipv4/devinet.c) */
	struct list_head napi_list;
	struct list_head dev_list;    /* all devices, in ifindex order */
	struct hlist_node name_hlist;
	struct hlist_node index_hlist;
	bool registered;

	u8 priv[] __aligned(16);      /* driver private area */
};

static inline void *netdev_priv(struct net_device *dev)
{
	return dev->priv;
}

/* ---- Devices (net/core/dev.c) ---- */
/* name may contain "%d" (eth%d): register_netdev picks the first free
 * number. */
struct net_device *alloc_netdev(size_t priv_size, const char *name,
				void (*setup)(struct net_device *dev));
struct net_device *alloc_etherdev(size_t priv_size);
void free_netdev(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
int dev_open(struct net_device *dev);
int dev_close(struct net_device *dev);
struct net_device *dev_get_by_name(const char *name);
/* ---- dev_ioctl.c: SIOCGIF* on any socket ---- */
bool dev_ioctl_cmd(unsigned int cmd);
int dev_ioctl(unsigned int cmd, void *uarg);
struct net_device *dev_get_by_index(int ifindex);
/* First registered device, or the one after prev, in ifindex order. */
struct net_device *dev_get_next(struct net_device *prev);

/* Hand a finished frame (data at the link header) to the driver.
 * Consumes pkb on every path; returns 0 or a negative errno. */
int dev_queue_xmit(struct pkbuf *pkb);

/* Count a drop with its reason and free the frame. */
void dev_drop(struct net_device *dev, struct pkbuf *pkb,
	      enum netdev_drop_reason reason);
/* The driver transmitted a frame of len bytes (call from completion). */
void dev_count_tx(struct net_device *dev, unsigned int len);

/* ---- Receive (net/core/dev.c) ---- */
/* A protocol handler for one ethertype (or ETH_P_ALL taps), as Linux's
 * struct packet_type. func owns pkb. */
struct packet_type {
	be16 type;
	struct net_device *dev;       /* NULL: any device */
	int (*func)(struct pkbuf *pkb, struct net_device *dev,
		    struct packet_type *pt);
	struct list_head list;
};
void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);

/* THE receive entry point: pkb->data at the Ethernet header, pkb->len the
 * frame length without FCS. Runs in softirq context (from a NAPI poll).
 * Consumes pkb. Returns 0 if delivered to a handler, else -errno. */
int netif_receive(struct net_device *dev, struct pkbuf *pkb);
/* Queue a frame for receive from any context (loopback, tests): it is
 * delivered from NET_RX softirq through the backlog NAPI. Consumes pkb. */
int netif_rx(struct pkbuf *pkb);

/* ---- NAPI (net/core/napi.c) ---- */
#define NAPI_POLL_WEIGHT 64

struct napi_struct {
	struct list_head poll_list;   /* on the softirq's list while scheduled */
	unsigned long state;
	int weight;
	int (*poll)(struct napi_struct *napi, int budget);
	struct net_device *dev;
	struct list_head dev_list;
	u64 polls;                    /* statistics: times polled */
};
#define NAPI_STATE_SCHED 0x1

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int), int weight);
void netif_napi_del(struct napi_struct *napi);
/* From hard IRQ or anywhere: schedule napi's poll in NET_RX softirq.
 * Returns false if it was already scheduled. */
bool napi_schedule(struct napi_struct *napi);
/* From poll, after doing work_done < budget units: unschedule. The driver
 * re-enables its interrupt after this returns true. */
bool napi_complete_done(struct napi_struct *napi, int work_done);
/* The NET_RX softirq handler. */
void net_rx_action(void);

/* Budgets (Linux netdev_budget and netdev_budget_usecs): the total work
 * one net_rx_action run may do before yielding, and its time limit. */
extern int netdev_budget;
extern u64 netdev_budget_ms;
/* Like /proc/net/softnet_stat: processed, dropped, time_squeeze. */
struct softnet_data {
	u64 processed;
	u64 dropped;
	u64 time_squeeze;
	u64 backlog_len;
};
extern struct softnet_data softnet_stats;

/* ---- Ethernet (net/ethernet/eth.c) ---- */
void ether_setup(struct net_device *dev);
/* Classify (pkt_type), set pkb->protocol, pull the header. Returns the
 * ethertype (network order). pkb->len must be >= ETH_HLEN. */
be16 eth_type_trans(struct pkbuf *pkb, struct net_device *dev);
/* Push an Ethernet header; daddr NULL means the device broadcast. */
int eth_header(struct pkbuf *pkb, struct net_device *dev, u16 type,
	       const u8 *daddr, const u8 *saddr);

/* ---- Loopback (net/core/loopback.c) ---- */
extern struct net_device *loopback_dev;
int loopback_init(void);

/* ---- Boot ---- */
int net_dev_init(void);

#endif
