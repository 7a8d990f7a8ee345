/* Fixed-width types shared by the kernel, net/ and the host test build.
 * be16/be32 mark values kept in network byte order, as Linux's __be16. */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;

typedef uint16_t be16;
typedef uint32_t be32;
typedef uint64_t be64;

#ifndef __ssize_t_defined
typedef long ssize_t;
#define __ssize_t_defined
#endif

typedef u64 phys_addr_t;

#endif
