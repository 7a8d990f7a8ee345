/* libc-private: the basic POSIX types, each defined once whichever public
 * header asks first. Sizes follow Linux x86_64 (<uapi/types.h>). */
#ifndef _BITS_ALLTYPES_H
#define _BITS_ALLTYPES_H

#include <stddef.h>
#include <uapi/types.h>

#ifndef __ssize_t_defined
#define __ssize_t_defined
typedef long ssize_t;
#endif
typedef long off_t;
typedef __kernel_pid_t pid_t;
typedef __kernel_uid_t uid_t;
typedef __kernel_gid_t gid_t;
typedef __kernel_mode_t mode_t;
typedef __kernel_dev_t dev_t;
typedef __kernel_ino_t ino_t;
typedef __kernel_nlink_t nlink_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef int clockid_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef unsigned int id_t;
typedef long clock_t;
typedef int key_t;

#endif
