/* Socket ioctl request numbers (Linux <linux/sockios.h>): the interface
 * queries net/core/dev_ioctl.c answers and libc's <sys/ioctl.h> names. */
#ifndef UAPI_SOCKIOS_H
#define UAPI_SOCKIOS_H

#define SIOCATMARK     0x8905          /* at the urgent mark? */
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
