/* errno: one per process (this libc has no threads). Values are Linux's. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

extern int errno;

#endif
