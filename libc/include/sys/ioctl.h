#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <uapi/ioctls.h>
#include <uapi/termios.h>
int ioctl(int fd, unsigned long req, ...);
/* Interface queries on a socket (struct ifreq / ifconf, <net/if.h>). */
#define SIOCGIFNAME    0x8910
#define SIOCGIFCONF    0x8912
#define SIOCGIFFLAGS   0x8913
#define SIOCGIFADDR    0x8915
#define SIOCGIFBRDADDR 0x8919
#define SIOCGIFNETMASK 0x891b
#define SIOCGIFMTU     0x8921
#define SIOCGIFHWADDR  0x8927
#define SIOCGIFINDEX   0x8933

#endif
