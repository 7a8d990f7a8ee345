#ifndef _SYS_EPOLL_H
#define _SYS_EPOLL_H
#include <uapi/eventpoll.h>
int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout_ms);
#endif
