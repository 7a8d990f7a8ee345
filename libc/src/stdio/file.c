/* Stream objects: the three standard streams, fopen/fdopen/fclose, the
 * buffering policy (stdout is line-buffered on a tty, fully buffered
 * otherwise; stderr is unbuffered) and the exit-time flush. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static struct _FILE f_stderr = {
	.fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF, .ungot = -1,
};
static struct _FILE f_stdout = {
	.fd = 1, .flags = F_WRITE | F_STATIC | F_LAZY, .mode = _IOFBF,
	.buf = stdout_buf, .bufsize = BUFSIZ, .ungot = -1, .next = &f_stderr,
};
static struct _FILE f_stdin = {
	.fd = 0, .flags = F_READ | F_STATIC | F_LAZY, .mode = _IOFBF,
	.buf = stdin_buf, .bufsize = BUFSIZ, .ungot = -1, .next = &f_stdout,
};

FILE *const stdin = &f_stdin;
FILE *const stdout = &f_stdout;
FILE *const stderr = &f_stderr;
struct _FILE *__stdio_head = &f_stdin;

/* Called by exit() (a weak reference there, so programs without stdio
 * do not link it). */
void __stdio_exit(void);
void __stdio_exit(void)
{
	fflush(NULL);
}

/* Decide buffering on first use: a terminal gets line buffering. */
void __stdio_setup(FILE *f)
{
	if (f->flags & F_LAZY) {
		f->flags &= ~F_LAZY;
		if (f->mode == _IOFBF && isatty(f->fd))
			f->mode = _IOLBF;
	}
	if (!f->buf && f->mode != _IONBF) {
		f->buf = malloc(BUFSIZ);
		if (f->buf) {
			f->bufsize = BUFSIZ;
			f->flags |= F_OWNBUF;
		} else {
			f->mode = _IONBF;
		}
	}
}

void __stdio_link(FILE *f)
{
	f->next = __stdio_head;
	__stdio_head = f;
}

static void stdio_unlink(FILE *f)
{
	for (struct _FILE **p = &__stdio_head; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			return;
		}
	}
}

int __stdio_parse_mode(const char *mode, int *oflags, int *fflags)
{
	int o, ff;

	switch (mode[0]) {
	case 'r': o = O_RDONLY; ff = F_READ; break;
	case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; ff = F_WRITE; break;
	case 'a': o = O_WRONLY | O_CREAT | O_APPEND; ff = F_WRITE | F_APPEND;
		  break;
	default: errno = EINVAL; return -1;
	}
	if (strchr(mode, '+')) {
		o = (o & ~O_ACCMODE) | O_RDWR;
		ff |= F_READ | F_WRITE;
	}
	if (strchr(mode, 'e'))
		o |= O_CLOEXEC;
	if (strchr(mode, 'x'))
		o |= O_EXCL;
	*oflags = o;
	*fflags = ff;
	return 0;
}

static FILE *file_new(int fd, int fflags)
{
	FILE *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = fflags | F_LAZY;
	f->mode = _IOFBF;
	f->ungot = -1;
	__stdio_link(f);
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int o, ff, fd;
	FILE *f;

	if (__stdio_parse_mode(mode, &o, &ff) < 0)
		return NULL;
	fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	f = file_new(fd, ff);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int o, ff;

	if (__stdio_parse_mode(mode, &o, &ff) < 0)
		return NULL;
	if (fcntl(fd, F_GETFD) < 0)
		return NULL;
	return file_new(fd, ff);
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
	int o, ff, fd;

	fflush(f);
	if (__stdio_parse_mode(mode, &o, &ff) < 0 || !path)
		return NULL;
	fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	if (fd != f->fd) {
		dup2(fd, f->fd);
		close(fd);
	}
	f->flags = (f->flags & (F_OWNBUF | F_STATIC)) | ff | F_LAZY;
	f->rpos = f->rend = f->wpos = 0;
	f->ungot = -1;
	return f;
}

int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	if (f->flags & F_STATIC) {
		f->fd = -1;
		return r;
	}
	stdio_unlink(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	free(f);
	return r;
}

int fileno(FILE *f)
{
	if (f->fd < 0) {
		errno = EBADF;
		return -1;
	}
	return f->fd;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	fflush(f);
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags &= ~(F_OWNBUF | F_LAZY);
	f->mode = mode;
	f->buf = NULL;
	f->bufsize = 0;
	if (mode != _IONBF && buf && size) {
		f->buf = (unsigned char *)buf;
		f->bufsize = size;
	}
	f->rpos = f->rend = f->wpos = 0;
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}

int feof(FILE *f) { return !!(f->flags & F_EOF); }
int ferror(FILE *f) { return !!(f->flags & F_ERR); }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }

int remove(const char *path)
{
	int r = unlink(path);

	if (r < 0 && errno == EISDIR)
		r = rmdir(path);
	return r;
}
