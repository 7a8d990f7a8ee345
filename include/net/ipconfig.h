/* Boot-time IPv4 configuration: static (ip=, gw=, dns= kernel options) or
 * DHCP (RFC 2131), net/ipv4/ipconfig.c and net/ipv4/dhcp.c.
 *
 * Kernel sequence: net_init(); drivers register eth0...;
 * ipconfig_parse_cmdline(cmdline); ip_auto_config(); then, if user space
 * needs the network, ipconfig_wait(timeout). When configured, exactly one
 * console line is printed:
 *   ipconfig: eth0 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3 (dhcp)
 * ("gw 0.0.0.0" / "dns 0.0.0.0" when absent; "(static)" for options).
 */
#ifndef NET_IPCONFIG_H
#define NET_IPCONFIG_H

#include <net/netdevice.h>
#include <net/in.h>

enum ipconfig_status {
	IPCONFIG_NONE,        /* not started */
	IPCONFIG_PENDING,     /* DHCP running, no lease yet */
	IPCONFIG_DONE,        /* an address is configured */
	IPCONFIG_FAILED,      /* no device, bad options */
};

struct ipconfig_info {
	struct net_device *dev;
	be32 addr;
	int prefixlen;
	be32 gw;
	be32 dns;
	be32 server;          /* DHCP server (0 for static) */
	bool dhcp;
};

/* Parse ip=A.B.C.D/N (or ip=dhcp), gw=A.B.C.D, dns=A.B.C.D from a
 * space-separated kernel command line; later words win, so options
 * appended from fw_cfg override grub.cfg. Unknown words are ignored.
 * Returns 0 or -EINVAL (the bad option is logged and ignored). */
int ipconfig_parse_cmdline(const char *cmdline);
/* Configure the first Ethernet device: the static options if given, else
 * start DHCP (asynchronous). Returns 0 or -ENODEV. */
int ip_auto_config(void);
/* Apply a static configuration now (prints the console line). */
int ipconfig_static(struct net_device *dev, be32 addr, int prefixlen,
		    be32 gw, be32 dns);
/* Install what DHCP (or static) decided; prints the line. */
int ipconfig_apply(const struct ipconfig_info *info);
/* Remove the configured address (lease lost). */
void ipconfig_unapply(void);

int ipconfig_status(void);
const struct ipconfig_info *ipconfig_current(void);
be32 ipconfig_dns(void);
/* Process context: sleep until configured or timeout ms; 0 or -ETIMEDOUT. */
int ipconfig_wait(long timeout_ms);
extern wait_queue_head_t ipconfig_wq;
void ipconfig_reset(void);       /* forget everything (tests) */

/* ---- DHCP client (net/ipv4/dhcp.c) ---- */
enum dhcp_state {
	DHCP_OFF, DHCP_INIT, DHCP_SELECTING, DHCP_REQUESTING, DHCP_BOUND,
	DHCP_RENEWING, DHCP_REBINDING,
};
int dhcp_start(struct net_device *dev);
void dhcp_stop(void);
int dhcp_state(void);
const char *dhcp_state_name(int state);

#endif
