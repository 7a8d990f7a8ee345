#ifndef _SYS_TIME_H
#define _SYS_TIME_H
#include <bits/alltypes.h>
#include <uapi/time.h>
#include <sys/select.h>
int gettimeofday(struct timeval *restrict tv, void *restrict tz);
#define timerclear(t) ((t)->tv_sec = (t)->tv_usec = 0)
#define timerisset(t) ((t)->tv_sec || (t)->tv_usec)
#define timercmp(a, b, op) ((a)->tv_sec == (b)->tv_sec ? \
	(a)->tv_usec op (b)->tv_usec : (a)->tv_sec op (b)->tv_sec)
#endif
