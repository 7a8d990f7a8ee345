#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H
#include <bits/alltypes.h>
#include <uapi/resource.h>
typedef unsigned long rlim_t;
int getrlimit(int res, struct rlimit *r);
int setrlimit(int res, const struct rlimit *r);
#endif
