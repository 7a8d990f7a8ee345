#ifndef _POLL_H
#define _POLL_H
#include <uapi/poll.h>
#include <uapi/time.h>
#include <uapi/signal.h>
typedef unsigned long nfds_t;
int poll(struct pollfd *fds, nfds_t n, int timeout_ms);
int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
	  const sigset_t *mask);
#endif
