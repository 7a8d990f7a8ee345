/* The stack's entry points for the kernel. */
#ifndef NET_NET_H
#define NET_NET_H

/* Call once at boot, after timers, softirqs and kmalloc work and before
 * any driver registers: opens NET_RX_SOFTIRQ, registers the packet types
 * (IP, ARP) and IP protocols (ICMP, UDP), and brings up lo 127.0.0.1/8.
 * Returns 0 or -errno. Then drivers register, then the kernel calls
 * ipconfig_parse_cmdline() and ip_auto_config() (<net/ipconfig.h>). */
int net_init(void);
/* The IPv4 family's part of net_init (Linux inet_init). The socket layer
 * will add sock_register(&inet_family_ops) and the inetsw table here. */
int inet_init(void);

#endif
