/* errno and the one place that converts raw syscall results (-4095..-1 =
 * -errno, Linux's convention) into the C library's -1 + errno. */
#include <errno.h>
#include "../syscall.h"

int errno;

long __syscall_ret(unsigned long r)
{
	if (r > -4096UL) {
		errno = -(long)r;
		return -1;
	}
	return (long)r;
}
