/* SOL_UDP socket options, Linux's numbers (uapi/linux/udp.h). */
#ifndef _UAPI_UDP_H
#define _UAPI_UDP_H

#define UDP_CORK 1   /* gather sends into one datagram until cleared */

#endif
