/* Text views of the stack in Linux's /proc/net formats, for the kernel's
 * procfs (and tests) to serve.
 *
 * Every function has the snprintf contract: it writes at most size bytes
 * (NUL-terminated when size > 0) and returns the length of the full text,
 * so a caller whose buffer was too small (return >= size) retries with
 * return + 1 bytes. Call with (NULL, 0) to learn the size. Never truncates
 * silently, never fails.
 */
#ifndef NET_NET_PROC_H
#define NET_NET_PROC_H

#include <net/port.h>

ssize_t net_proc_dev_show(char *buf, size_t size);      /* /proc/net/dev */
ssize_t net_proc_snmp_show(char *buf, size_t size);     /* /proc/net/snmp */
ssize_t net_proc_netstat_show(char *buf, size_t size);  /* /proc/net/netstat */
ssize_t net_proc_arp_show(char *buf, size_t size);      /* /proc/net/arp */
ssize_t net_proc_route_show(char *buf, size_t size);    /* /proc/net/route */
ssize_t net_proc_udp_show(char *buf, size_t size);      /* /proc/net/udp */
ssize_t net_proc_tcp_show(char *buf, size_t size);      /* /proc/net/tcp */
ssize_t net_proc_softnet_show(char *buf, size_t size);  /* softnet_stat */
ssize_t net_proc_drops_show(char *buf, size_t size);    /* per-dev reasons */
ssize_t net_proc_pnp_show(char *buf, size_t size);      /* /proc/net/pnp */
ssize_t net_resolv_conf_show(char *buf, size_t size);   /* /etc/resolv.conf */
ssize_t net_proc_if_inet4_show(char *buf, size_t size); /* for ifconfig */

/* The accumulator behind them: counts what it could not store. */
struct seq_buf {
	char *buf;
	size_t size;
	size_t len;           /* length of the full text so far */
};

void seq_buf_init(struct seq_buf *s, char *buf, size_t size);
void seq_buf_printf(struct seq_buf *s, const char *fmt, ...) __printf(2, 3);
void seq_buf_puts(struct seq_buf *s, const char *str);
/* Pad the current line with spaces to width columns (Linux seq_pad). */
void seq_buf_pad(struct seq_buf *s, size_t line_start, size_t width);
ssize_t seq_buf_done(struct seq_buf *s);

#endif
