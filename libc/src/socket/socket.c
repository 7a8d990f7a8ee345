/* BSD socket calls: each is one Linux system call (x86_64 has no
 * socketcall multiplexer). send/recv are sendto/recvfrom without an
 * address, as glibc implements them. */
#include <sys/socket.h>
#include "../syscall.h"

int socket(int domain, int type, int protocol)
{
	return (int)sys(__NR_socket, domain, type, protocol);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	return (int)sys(__NR_socketpair, domain, type, protocol, sv);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)sys(__NR_bind, fd, addr, len);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)sys(__NR_connect, fd, addr, len);
}

int listen(int fd, int backlog)
{
	return (int)sys(__NR_listen, fd, backlog);
}

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return (int)sys(__NR_accept, fd, addr, len);
}

int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict len,
	    int flags)
{
	return (int)sys(__NR_accept4, fd, addr, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	return sys(__NR_sendto, fd, buf, n, flags, to, tolen);
}

ssize_t recvfrom(int fd, void *restrict buf, size_t n, int flags,
		 struct sockaddr *restrict from, socklen_t *restrict fromlen)
{
	return sys(__NR_recvfrom, fd, buf, n, flags, from, fromlen);
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
	return sendto(fd, buf, n, flags, NULL, 0);
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
	return recvfrom(fd, buf, n, flags, NULL, NULL);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return sys(__NR_sendmsg, fd, msg, flags);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	return sys(__NR_recvmsg, fd, msg, flags);
}

int shutdown(int fd, int how)
{
	return (int)sys(__NR_shutdown, fd, how);
}

int getsockname(int fd, struct sockaddr *restrict addr,
		socklen_t *restrict len)
{
	return (int)sys(__NR_getsockname, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *restrict addr,
		socklen_t *restrict len)
{
	return (int)sys(__NR_getpeername, fd, addr, len);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return (int)sys(__NR_setsockopt, fd, level, name, val, len);
}

int getsockopt(int fd, int level, int name, void *restrict val,
	       socklen_t *restrict len)
{
	return (int)sys(__NR_getsockopt, fd, level, name, val, len);
}

struct cmsghdr *__cmsg_nxthdr(struct msghdr *m, struct cmsghdr *c)
{
	char *next = (char *)c + CMSG_ALIGN(c->cmsg_len);
	char *end = (char *)m->msg_control + m->msg_controllen;

	if (c->cmsg_len < sizeof(*c) ||
	    next + sizeof(struct cmsghdr) > end ||
	    next + CMSG_ALIGN(((struct cmsghdr *)next)->cmsg_len) > end)
		return NULL;
	return (struct cmsghdr *)next;
}
