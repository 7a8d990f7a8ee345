/* Address space: brk/sbrk, mmap family, page size. */
#include <unistd.h>
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "../syscall.h"

/* brk(2) returns the new break, or the old one when it cannot move. */
int brk(void *addr)
{
	unsigned long r = __sys(__NR_brk, addr);

	if (r != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long incr)
{
	unsigned long cur = __sys(__NR_brk, 0);

	if (incr && brk((void *)(cur + incr)) < 0)
		return (void *)-1;
	return (void *)cur;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)sys(__NR_mmap, addr, len, prot, flags, fd, off);
}

int munmap(void *addr, size_t len)
{
	return (int)sys(__NR_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)sys(__NR_mprotect, addr, len, prot);
}

int getpagesize(void)
{
	return 4096;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE: return 4096;
	case _SC_OPEN_MAX: return 1024;
	case _SC_CLK_TCK: return 100;
	}
	errno = EINVAL;
	return -1;
}
