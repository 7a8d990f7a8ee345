/* File I/O system call wrappers. */
#include <unistd.h>
#include <sys/uio.h>
#include "../syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return sys(__NR_read, fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return sys(__NR_write, fd, buf, n);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return sys(__NR_pread64, fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return sys(__NR_pwrite64, fd, buf, n, off);
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
	return sys(__NR_readv, fd, iov, n);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	return sys(__NR_writev, fd, iov, n);
}

int close(int fd)
{
	return (int)sys(__NR_close, fd);
}

off_t lseek(int fd, off_t off, int whence)
{
	return sys(__NR_lseek, fd, off, whence);
}

int fsync(int fd)
{
	return (int)sys(__NR_fsync, fd);
}

int ftruncate(int fd, off_t len)
{
	return (int)sys(__NR_ftruncate, fd, len);
}
