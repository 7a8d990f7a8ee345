/* Directory streams on getdents64(2). The kernel fills a buffer with
 * variable-length linux_dirent64 records; readdir walks them and copies
 * one into a struct dirent per call. */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stddef.h>
#include "../syscall.h"

/* d_name starts at byte 19; sizeof() would count the tail padding. */
#define NAME_OFF offsetof(struct linux_dirent64, d_name)

struct __dirstream {
	int fd;
	size_t pos, len;
	struct dirent ent;
	char buf[4096] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct linux_dirent64 *k;
	size_t namelen;

	if (d->pos >= d->len) {
		long n = sys(__NR_getdents64, d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;        /* end (errno untouched) or error */
		d->len = (size_t)n;
		d->pos = 0;
	}
	k = (struct linux_dirent64 *)(d->buf + d->pos);
	if (k->d_reclen < NAME_OFF + 1 || d->pos + k->d_reclen > d->len) {
		errno = EIO;                /* malformed record from the kernel */
		d->pos = d->len;
		return NULL;
	}
	d->pos += k->d_reclen;
	namelen = strnlen(k->d_name, k->d_reclen - NAME_OFF);
	if (namelen > sizeof(d->ent.d_name) - 1)
		namelen = sizeof(d->ent.d_name) - 1;
	d->ent.d_ino = k->d_ino;
	d->ent.d_off = k->d_off;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = k->d_type;
	memcpy(d->ent.d_name, k->d_name, namelen);
	d->ent.d_name[namelen] = 0;
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}
