#ifndef _FCNTL_H
#define _FCNTL_H
#include <bits/alltypes.h>
#include <uapi/fcntl.h>
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
#endif
