/* epoll(7) ABI. On x86_64 struct epoll_event is PACKED: 12 bytes, data at
 * offset 4 (a historical i386 compatibility choice Linux keeps). */
#ifndef UAPI_EVENTPOLL_H
#define UAPI_EVENTPOLL_H

#include <uapi/types.h>
#include <uapi/fcntl.h>

#define EPOLL_CLOEXEC O_CLOEXEC

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLLIN        0x00000001u
#define EPOLLPRI       0x00000002u
#define EPOLLOUT       0x00000004u
#define EPOLLERR       0x00000008u
#define EPOLLHUP       0x00000010u
#define EPOLLNVAL      0x00000020u
#define EPOLLRDNORM    0x00000040u
#define EPOLLRDBAND    0x00000080u
#define EPOLLWRNORM    0x00000100u
#define EPOLLWRBAND    0x00000200u
#define EPOLLMSG       0x00000400u
#define EPOLLRDHUP     0x00002000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP    (1u << 29)
#define EPOLLONESHOT   (1u << 30)
#define EPOLLET        (1u << 31)

typedef union epoll_data {
	void *ptr;
	int fd;
	__u32 u32;
	__u64 u64;
} epoll_data_t;

struct epoll_event {
	__u32 events;
	epoll_data_t data;
} __attribute__((packed));

_Static_assert(sizeof(struct epoll_event) == 12, "epoll_event is packed");

#endif
