/* The printf family: sinks for FILE streams, file descriptors, fixed
 * buffers (snprintf: always terminated, returns the untruncated length)
 * and growing buffers (asprintf). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "stdio_impl.h"

struct file_sink {
	struct fmt_sink s;
	FILE *f;
};

static void file_put(struct fmt_sink *s, const char *p, size_t n)
{
	fwrite(p, 1, n, ((struct file_sink *)s)->f);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct file_sink fs = { { file_put, 0 }, f };
	int n;

	/* An unbuffered stream (stderr) gets the whole line in one write:
	 * format into a temporary buffer first. */
	if (f->mode == _IONBF && !(f->flags & F_LAZY)) {
		char small[512];
		va_list ap2;
		va_copy(ap2, ap);
		n = vsnprintf(small, sizeof(small), fmt, ap2);
		va_end(ap2);
		if (n >= 0 && (size_t)n < sizeof(small)) {
			return fwrite(small, 1, n, f) == (size_t)n ? n : -1;
		}
	}
	n = __vformat(&fs.s, fmt, ap);
	return ferror(f) ? -1 : n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

struct buf_sink {
	struct fmt_sink s;
	char *buf;
	size_t size;           /* capacity including the NUL */
	size_t len;
};

static void buf_put(struct fmt_sink *s, const char *p, size_t n)
{
	struct buf_sink *b = (struct buf_sink *)s;

	if (b->size && b->len < b->size - 1) {
		size_t k = b->size - 1 - b->len;
		if (k > n)
			k = n;
		memcpy(b->buf + b->len, p, k);
		b->len += k;
	}
}

int vsnprintf(char *restrict str, size_t size, const char *restrict fmt,
	      va_list ap)
{
	struct buf_sink b = { { buf_put, 0 }, str, size, 0 };
	int n = __vformat(&b.s, fmt, ap);

	if (size)
		str[b.len] = 0;
	return n;
}

int snprintf(char *restrict str, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(str, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *restrict str, const char *restrict fmt, va_list ap)
{
	return vsnprintf(str, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *restrict str, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(str, fmt, ap);
	va_end(ap);
	return n;
}

struct fd_sink {
	struct fmt_sink s;
	int fd;
	size_t len;
	char buf[256];
};

static void fd_drain(struct fd_sink *d)
{
	size_t off = 0;

	while (off < d->len) {
		ssize_t w = write(d->fd, d->buf + off, d->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += w;
	}
	d->len = 0;
}

static void fd_put(struct fmt_sink *s, const char *p, size_t n)
{
	struct fd_sink *d = (struct fd_sink *)s;

	while (n) {
		size_t k = sizeof(d->buf) - d->len;
		if (k > n)
			k = n;
		memcpy(d->buf + d->len, p, k);
		d->len += k;
		p += k;
		n -= k;
		if (d->len == sizeof(d->buf))
			fd_drain(d);
	}
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fd_sink d = { { fd_put, 0 }, fd, 0, { 0 } };
	int n = __vformat(&d.s, fmt, ap);

	fd_drain(&d);
	return n;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int vasprintf(char **out, const char *restrict fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !(*out = malloc((size_t)n + 1)))
		return -1;
	return vsnprintf(*out, (size_t)n + 1, fmt, ap);
}

int asprintf(char **out, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}
