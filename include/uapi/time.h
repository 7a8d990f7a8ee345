/* Time structures and clock ids, Linux x86_64 layout. */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#include <uapi/types.h>

struct timespec {
	__kernel_time_t tv_sec;
	long            tv_nsec;
};

struct timeval {
	__kernel_time_t      tv_sec;
	__kernel_suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

#define CLOCK_REALTIME            0
#define CLOCK_MONOTONIC           1
#define CLOCK_PROCESS_CPUTIME_ID  2
#define CLOCK_THREAD_CPUTIME_ID   3
#define CLOCK_MONOTONIC_RAW       4
#define CLOCK_REALTIME_COARSE     5
#define CLOCK_MONOTONIC_COARSE    6
#define CLOCK_BOOTTIME            7

#define TIMER_ABSTIME             1

#endif
