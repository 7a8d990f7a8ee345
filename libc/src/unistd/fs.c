/* File system calls: paths, directories, metadata. */
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <sys/stat.h>
#include "../syscall.h"

int stat(const char *restrict path, struct stat *restrict st)
{
	return (int)sys(__NR_stat, path, st);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return (int)sys(__NR_lstat, path, st);
}

int fstat(int fd, struct stat *st)
{
	return (int)sys(__NR_fstat, fd, st);
}

int mkdir(const char *path, mode_t mode)
{
	return (int)sys(__NR_mkdir, path, mode);
}

int rmdir(const char *path)
{
	return (int)sys(__NR_rmdir, path);
}

int unlink(const char *path)
{
	return (int)sys(__NR_unlink, path);
}

int rename(const char *from, const char *to)
{
	return (int)sys(__NR_rename, from, to);
}

int chdir(const char *path)
{
	return (int)sys(__NR_chdir, path);
}

int access(const char *path, int mode)
{
	return (int)sys(__NR_access, path, mode);
}

int chmod(const char *path, mode_t mode)
{
	return (int)sys(__NR_chmod, path, mode);
}

mode_t umask(mode_t mask)
{
	return (mode_t)sys(__NR_umask, mask);
}

/* getcwd(2) returns the length including the NUL; glibc returns buf.
 * getcwd(NULL, 0) allocates (a common extension). */
char *getcwd(char *buf, size_t size)
{
	char tmp[4096];
	long r;

	if (!buf) {
		r = sys(__NR_getcwd, tmp, sizeof(tmp));
		if (r < 0)
			return NULL;
		buf = malloc(size && size > (size_t)r ? size : (size_t)r);
		if (!buf)
			return NULL;
		for (long i = 0; i < r; i++)
			buf[i] = tmp[i];
		return buf;
	}
	if (!size) {
		errno = EINVAL;
		return NULL;
	}
	r = sys(__NR_getcwd, buf, size);
	return r < 0 ? NULL : buf;
}
