/* getdents64(2) records: each d_reclen bytes long, 8-byte aligned. */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <uapi/types.h>

struct linux_dirent64 {
	__u64          d_ino;
	__s64          d_off;
	unsigned short d_reclen;
	unsigned char  d_type;
	char           d_name[];    /* NUL-terminated */
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK    10
#define DT_SOCK   12

#endif
