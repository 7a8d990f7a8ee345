#ifndef _NETINET_UDP_H
#define _NETINET_UDP_H
#include <uapi/udp.h>
#endif
