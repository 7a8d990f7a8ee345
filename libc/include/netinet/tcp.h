#ifndef _NETINET_TCP_H
#define _NETINET_TCP_H
#include <uapi/tcp.h>
#endif
