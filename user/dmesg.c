/* dmesg: print the kernel log buffer (syslog(2) SIZE_BUFFER, then
 * READ_ALL, which copies without clearing). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/klog.h>

int main(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf;
	int n;

	if (size <= 0)
		size = 1 << 16;
	buf = malloc(size);
	if (!buf)
		return 1;
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	if (n < 0) {
		perror("dmesg: read kernel buffer failed");
		return 1;
	}
	write(1, buf, n);
	if (n && buf[n - 1] != '\n')
		write(1, "\n", 1);
	return 0;
}
