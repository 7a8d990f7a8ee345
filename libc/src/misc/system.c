/* Whole-system calls: uname, hostname, limits, kernel log, reboot, prctl. */
#include <sys/utsname.h>
#include <sys/resource.h>
#include <sys/reboot.h>
#include <sys/klog.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
#include "../syscall.h"

_Static_assert(sizeof(struct utsname) == sizeof(struct new_utsname),
	       "struct utsname matches the kernel's");

int uname(struct utsname *u)
{
	return (int)sys(__NR_uname, u);
}

int gethostname(char *name, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strlen(u.nodename);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, n + 1);
	return 0;
}

int getrlimit(int res, struct rlimit *r)
{
	return (int)sys(__NR_getrlimit, res, r);
}

int setrlimit(int res, const struct rlimit *r)
{
	return (int)sys(__NR_setrlimit, res, r);
}

int klogctl(int type, char *buf, int len)
{
	return (int)sys(__NR_syslog, type, buf, len);
}

int reboot(int cmd)
{
	return (int)sys(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			(unsigned)cmd, 0);
}

int prctl(int option, ...)
{
	va_list ap;
	long a, b, c, d;

	va_start(ap, option);
	a = va_arg(ap, long);
	b = va_arg(ap, long);
	c = va_arg(ap, long);
	d = va_arg(ap, long);
	va_end(ap);
	return (int)sys(__NR_prctl, option, a, b, c, d);
}
