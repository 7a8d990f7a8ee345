#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H
#include <uapi/prctl.h>
int prctl(int option, ...);
#endif
