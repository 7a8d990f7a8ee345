#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H
#include <bits/alltypes.h>
#include <uapi/time.h>
#include <uapi/signal.h>

/* 1024 bits, as the kernel's select(2) expects for nfds <= 1024. */
#define FD_SETSIZE 1024
typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FDELT(d) ((d) / (8 * (int)sizeof(unsigned long)))
#define __FDMASK(d) (1UL << ((d) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s) do { \
	for (unsigned __i = 0; __i < sizeof((s)->fds_bits) / sizeof(long); __i++) \
		(s)->fds_bits[__i] = 0; \
} while (0)
#define FD_SET(d, s)   ((s)->fds_bits[__FDELT(d)] |= __FDMASK(d))
#define FD_CLR(d, s)   ((s)->fds_bits[__FDELT(d)] &= ~__FDMASK(d))
#define FD_ISSET(d, s) (((s)->fds_bits[__FDELT(d)] & __FDMASK(d)) != 0)

int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict tv);
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict ts,
	    const sigset_t *restrict mask);
#endif
