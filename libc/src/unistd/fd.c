/* Descriptor management: open, dup, pipe, fcntl, ioctl, isatty. */
#include <unistd.h>
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include <sys/ioctl.h>
#include "../syscall.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)sys(__NR_open, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int dup(int fd)
{
	return (int)sys(__NR_dup, fd);
}

int dup2(int fd, int newfd)
{
	return (int)sys(__NR_dup2, fd, newfd);
}

int dup3(int fd, int newfd, int flags)
{
	return (int)sys(__NR_dup3, fd, newfd, flags);
}

int pipe(int fds[2])
{
	return (int)sys(__NR_pipe, fds);
}

int pipe2(int fds[2], int flags)
{
	return (int)sys(__NR_pipe2, fds, flags);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)sys(__NR_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	return (int)sys(__NR_ioctl, fd, req, arg);
}

/* A terminal is whatever answers TCGETS. */
int isatty(int fd)
{
	struct termios t;

	return ioctl(fd, TCGETS, &t) == 0;
}
