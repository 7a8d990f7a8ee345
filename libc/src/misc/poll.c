/* I/O multiplexing: poll, select, epoll. */
#include <poll.h>
#include <sys/select.h>
#include <sys/epoll.h>
#include <errno.h>
#include "../syscall.h"

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	return (int)sys(__NR_poll, fds, n, timeout_ms);
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
	  const sigset_t *mask)
{
	return (int)sys(__NR_ppoll, fds, n, ts, mask, sizeof(sigset_t));
}

int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict tv)
{
	return (int)sys(__NR_select, n, r, w, e, tv);
}

int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict ts, const sigset_t *restrict mask)
{
	/* pselect6's sixth argument is {const sigset_t *, size_t}. */
	struct { const sigset_t *set; unsigned long size; } m =
		{ mask, sizeof(sigset_t) };

	return (int)sys(__NR_pselect6, n, r, w, e, ts, mask ? &m : NULL);
}

int epoll_create1(int flags)
{
	return (int)sys(__NR_epoll_create1, flags);
}

int epoll_create(int size)
{
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return (int)sys(__NR_epoll_ctl, epfd, op, fd, ev);
}

int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout_ms)
{
	return (int)sys(__NR_epoll_wait, epfd, evs, max, timeout_ms);
}
