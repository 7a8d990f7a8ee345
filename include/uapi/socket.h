/* BSD socket ABI, Linux values: families, types, SOL_SOCKET options, MSG_
 * flags, struct sockaddr, msghdr/cmsghdr. */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <uapi/types.h>
#include <uapi/uio.h>

typedef __kernel_sa_family_t sa_family_t;
typedef __kernel_socklen_t   socklen_t;

#define AF_UNSPEC   0
#define AF_UNIX     1
#define AF_LOCAL    AF_UNIX
#define AF_INET     2
#define AF_INET6   10
#define AF_NETLINK 16
#define AF_PACKET  17
#define AF_MAX     46
#define PF_UNSPEC  AF_UNSPEC
#define PF_UNIX    AF_UNIX
#define PF_LOCAL   AF_LOCAL
#define PF_INET    AF_INET
#define PF_INET6   AF_INET6
#define PF_NETLINK AF_NETLINK
#define PF_PACKET  AF_PACKET

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK  00004000     /* = O_NONBLOCK, or-ed into type */
#define SOCK_CLOEXEC   02000000     /* = O_CLOEXEC */

#define SOL_SOCKET 1
#define SOL_IP     0
#define SOL_TCP    6
#define SOL_UDP   17
#define SOL_RAW  255

#define SO_DEBUG        1
#define SO_REUSEADDR    2
#define SO_TYPE         3
#define SO_ERROR        4
#define SO_DONTROUTE    5
#define SO_BROADCAST    6
#define SO_SNDBUF       7
#define SO_RCVBUF       8
#define SO_KEEPALIVE    9
#define SO_OOBINLINE   10
#define SO_NO_CHECK    11
#define SO_PRIORITY    12
#define SO_LINGER      13
#define SO_BSDCOMPAT   14
#define SO_REUSEPORT   15
#define SO_PASSCRED    16
#define SO_PEERCRED    17
#define SO_RCVLOWAT    18
#define SO_SNDLOWAT    19
#define SO_RCVTIMEO    20   /* struct timeval (SO_RCVTIMEO_OLD) */
#define SO_SNDTIMEO    21
#define SO_BINDTODEVICE 25
#define SO_TIMESTAMP   29
#define SCM_TIMESTAMP  SO_TIMESTAMP
#define SO_ACCEPTCONN  30
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_PROTOCOL    38
#define SO_DOMAIN      39

#define SOMAXCONN 4096

#define MSG_OOB       0x00000001
#define MSG_PEEK      0x00000002
#define MSG_DONTROUTE 0x00000004
#define MSG_CTRUNC    0x00000008
#define MSG_TRUNC     0x00000020
#define MSG_DONTWAIT  0x00000040
#define MSG_EOR       0x00000080
#define MSG_WAITALL   0x00000100
#define MSG_CONFIRM   0x00000800
#define MSG_ERRQUEUE  0x00002000
#define MSG_NOSIGNAL  0x00004000
#define MSG_MORE      0x00008000

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_data[128 - sizeof(sa_family_t)];
} __attribute__((aligned(8)));

struct linger {
	int l_onoff;
	int l_linger;
};

struct ucred {
	__kernel_pid_t pid;
	__kernel_uid_t uid;
	__kernel_gid_t gid;
};

/* struct msghdr and struct cmsghdr are the C library's (sys/socket.h);
 * the kernel reads the same layout as struct user_msghdr. */

#endif
