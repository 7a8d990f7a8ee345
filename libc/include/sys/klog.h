#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H
#include <uapi/syslog.h>
/* syslog(2), named klogctl as in glibc (syslog(3) is the logging API). */
int klogctl(int type, char *buf, int len);
#endif
