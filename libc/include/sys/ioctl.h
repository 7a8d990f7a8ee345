#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <uapi/ioctls.h>
#include <uapi/termios.h>
int ioctl(int fd, unsigned long req, ...);
#endif
