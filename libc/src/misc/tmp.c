/* mkstemp: replace the trailing XXXXXX with letters until O_EXCL succeeds. */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <errno.h>
#include <unistd.h>
#include <time.h>

int mkstemp(char *tmpl)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t n = strlen(tmpl);
	struct timespec ts;
	unsigned seed;

	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX")) {
		errno = EINVAL;
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = (unsigned)(ts.tv_nsec ^ getpid());
	for (int tries = 0; tries < 100; tries++) {
		for (int i = 0; i < 6; i++)
			tmpl[n - 6 + i] = set[rand_r(&seed) % 36];
		int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}
