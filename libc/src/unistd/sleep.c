/* Sleeping: everything goes through nanosleep(2). */
#include <unistd.h>
#include <time.h>
#include <errno.h>
#include "../syscall.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)sys(__NR_nanosleep, req, rem);
}

unsigned sleep(unsigned secs)
{
	struct timespec ts = { secs, 0 };

	if (nanosleep(&ts, &ts) < 0)
		return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usecs)
{
	struct timespec ts = { usecs / 1000000, (long)(usecs % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

unsigned alarm(unsigned secs)
{
	return (unsigned)__sys(__NR_alarm, secs);
}

int pause(void)
{
	return (int)sys(__NR_pause);
}

int sched_yield(void)
{
	return (int)sys(__NR_sched_yield);
}
