#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <uapi/ioctls.h>
#include <uapi/termios.h>
#include <uapi/sockios.h>   /* SIOCGIF*: struct ifreq in <net/if.h> */
int ioctl(int fd, unsigned long req, ...);
#endif
