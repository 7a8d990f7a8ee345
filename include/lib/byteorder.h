/* Host <-> network byte order. x86 is little-endian; the wire is big. */
#ifndef LIB_BYTEORDER_H
#define LIB_BYTEORDER_H

#include <lib/types.h>

static inline be16 cpu_to_be16(u16 x) { return __builtin_bswap16(x); }
static inline be32 cpu_to_be32(u32 x) { return __builtin_bswap32(x); }
static inline be64 cpu_to_be64(u64 x) { return __builtin_bswap64(x); }
static inline u16 be16_to_cpu(be16 x) { return __builtin_bswap16(x); }
static inline u32 be32_to_cpu(be32 x) { return __builtin_bswap32(x); }
static inline u64 be64_to_cpu(be64 x) { return __builtin_bswap64(x); }

#define htons(x) cpu_to_be16(x)
#define ntohs(x) be16_to_cpu(x)
#define htonl(x) cpu_to_be32(x)
#define ntohl(x) be32_to_cpu(x)

#endif
