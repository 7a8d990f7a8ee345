/* The host side of the port contract (port_host.c) as tests see it:
 * a simulated clock, softirqs run on request, allocation counters and a
 * captured console. */
#ifndef TESTS_HOST_HOST_H
#define TESTS_HOST_HOST_H

#include <net/port.h>

u64 host_now_ms(void);
/* Move the clock forward by ms, firing due timers in expiry order (each
 * with the clock set to its expiry) and running softirqs after each. */
void host_advance(u64 ms);
/* Run pending softirqs until none is pending (bounded). Returns rounds. */
int host_run_softirqs(void);
/* Run each pending softirq once; returns true if any ran. */
bool host_softirq_once(void);
bool host_softirq_pending(int nr);

long host_kmalloc_live(void);
long host_cache_live(void);
int host_warn_count(void);
int host_pending_timers(void);
void host_seed(u64 seed);

/* printk output, accumulated (also echoed to stderr if NET_VERBOSE). */
const char *host_log(void);
void host_log_clear(void);
int host_log_count(const char *needle);

#endif
