/* Fixed-width types for the user/kernel ABI, as Linux's <linux/types.h>.
 * Built on the compiler's predefined macros so this header needs no other
 * header: the kernel, net/ and libc all include it. */
#ifndef UAPI_TYPES_H
#define UAPI_TYPES_H

typedef __INT8_TYPE__    __s8;
typedef __UINT8_TYPE__   __u8;
typedef __INT16_TYPE__   __s16;
typedef __UINT16_TYPE__  __u16;
typedef __INT32_TYPE__   __s32;
typedef __UINT32_TYPE__  __u32;
typedef __INT64_TYPE__   __s64;
typedef __UINT64_TYPE__  __u64;

/* Values kept in network byte order (big-endian on the wire). */
typedef __u16 __be16;
typedef __u32 __be32;

/* x86_64 <asm/posix_types_64.h> */
typedef int           __kernel_pid_t;
typedef unsigned int  __kernel_uid_t;
typedef unsigned int  __kernel_gid_t;
typedef unsigned int  __kernel_mode_t;
typedef long          __kernel_off_t;
typedef long          __kernel_time_t;
typedef long          __kernel_suseconds_t;
typedef int           __kernel_clockid_t;
typedef unsigned long __kernel_ino_t;
typedef unsigned long __kernel_dev_t;
typedef unsigned long __kernel_nlink_t;
typedef unsigned int  __kernel_socklen_t;
typedef unsigned short __kernel_sa_family_t;

#endif
