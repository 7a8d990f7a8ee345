/* Buffered reading and writing: the fill/flush primitives and the
 * character, line and block functions built on them. */
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include "stdio_impl.h"

/* Write out buf[0..wpos); retries short writes, stops on error. */
int __stdio_flush(FILE *f)
{
	size_t off = 0;

	while (off < f->wpos) {
		ssize_t n = write(f->fd, f->buf + off, f->wpos - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			f->flags |= F_ERR;
			memmove(f->buf, f->buf + off, f->wpos - off);
			f->wpos -= off;
			return EOF;
		}
		off += n;
	}
	f->wpos = 0;
	return 0;
}

/* Leave read mode: give unread bytes back to the file position. */
static void drop_read(FILE *f)
{
	if (f->rend > f->rpos)
		lseek(f->fd, -(off_t)(f->rend - f->rpos), SEEK_CUR);
	f->rpos = f->rend = 0;
	f->ungot = -1;
}

int __stdio_to_write(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->rend)
		drop_read(f);
	__stdio_setup(f);
	return 0;
}

/* Reading from an interactive stream first shows pending prompts: flush
 * every line-buffered output stream (as glibc does). */
void __stdio_flush_linebuf(void)
{
	for (struct _FILE *g = __stdio_head; g; g = g->next)
		if (g->mode == _IOLBF && g->wpos)
			__stdio_flush(g);
}

int __stdio_fill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->wpos && __stdio_flush(f) < 0)
		return -1;
	__stdio_setup(f);
	if (f->mode != _IOFBF || f == stdin)
		__stdio_flush_linebuf();
	do
		n = read(f->fd, f->buf, f->bufsize);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		f->flags |= n ? F_ERR : F_EOF;
		f->rpos = f->rend = 0;
		return n ? -1 : 0;
	}
	f->rpos = 0;
	f->rend = n;
	return (int)n;
}

int fgetc(FILE *f)
{
	unsigned char c;

	if (f->ungot >= 0) {
		c = (unsigned char)f->ungot;
		f->ungot = -1;
		return c;
	}
	if (f->rpos < f->rend)
		return f->buf[f->rpos++];
	__stdio_setup(f);
	if (!f->buf) {
		ssize_t n;
		if (!(f->flags & F_READ) || (f->wpos && __stdio_flush(f) < 0))
			return EOF;
		__stdio_flush_linebuf();
		do
			n = read(f->fd, &c, 1);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			f->flags |= n ? F_ERR : F_EOF;
			return EOF;
		}
		return c;
	}
	if (__stdio_fill(f) <= 0)
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
	if (c == EOF)
		return EOF;
	if (f->rpos > 0 && f->rpos <= f->rend) {
		f->buf[--f->rpos] = (unsigned char)c;
	} else if (f->ungot < 0) {
		f->ungot = (unsigned char)c;
	} else {
		return EOF;
	}
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t want, got = 0;

	if (!size || !n || __builtin_mul_overflow(size, n, &want))
		return 0;
	while (got < want) {
		if (f->ungot >= 0 || f->rpos < f->rend || !f->buf ||
		    want - got < f->bufsize) {
			if (f->rpos < f->rend && f->ungot < 0) {
				size_t k = f->rend - f->rpos;
				if (k > want - got)
					k = want - got;
				memcpy(d + got, f->buf + f->rpos, k);
				f->rpos += k;
				got += k;
				continue;
			}
			int c = fgetc(f);
			if (c == EOF)
				break;
			d[got++] = (unsigned char)c;
			continue;
		}
		/* Large read with an empty buffer: straight into the caller. */
		ssize_t r;
		if (f->wpos && __stdio_flush(f) < 0)
			break;
		do
			r = read(f->fd, d + got, want - got);
		while (r < 0 && errno == EINTR);
		if (r <= 0) {
			f->flags |= r ? F_ERR : F_EOF;
			break;
		}
		got += r;
	}
	return got / size;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict f)
{
	size_t len = 0;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		int c = fgetc(f);
		if (len + 2 > *cap || !*line) {
			size_t nc = *cap < 64 ? 128 : *cap * 2;
			char *nl = realloc(*line, nc);
			if (!nl)
				return -1;
			*line = nl;
			*cap = nc;
		}
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[len] = 0;
	return len ? (ssize_t)len : -1;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

/* Append n bytes to the write buffer, flushing as the mode requires. */
static size_t put_bytes(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;

	if (__stdio_to_write(f) < 0)
		return 0;
	if (f->flags & F_APPEND && !f->wpos)
		lseek(f->fd, 0, SEEK_END);
	if (!f->buf) {
		while (done < n) {
			ssize_t w = write(f->fd, p + done, n - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				f->flags |= F_ERR;
				break;
			}
			done += w;
		}
		return done;
	}
	while (done < n) {
		size_t k = f->bufsize - f->wpos;
		if (k > n - done)
			k = n - done;
		memcpy(f->buf + f->wpos, p + done, k);
		f->wpos += k;
		done += k;
		if (f->wpos == f->bufsize && __stdio_flush(f) < 0)
			return done > f->wpos ? done - f->wpos : 0;
	}
	if (f->mode == _IOLBF && memchr(p, '\n', n))
		__stdio_flush(f);
	return done;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (!size || !n || __builtin_mul_overflow(size, n, &total))
		return 0;
	return put_bytes(f, p, total) / size;
}

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return put_bytes(f, &b, 1) == 1 ? b : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);

	return put_bytes(f, (const unsigned char *)s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		for (struct _FILE *g = __stdio_head; g; g = g->next)
			if (g->wpos && __stdio_flush(g) < 0)
				r = EOF;
		return r;
	}
	if (f->wpos)
		return __stdio_flush(f);
	if (f->rend)
		drop_read(f);
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	if (f->wpos && __stdio_flush(f) < 0)
		return -1;
	if (whence == SEEK_CUR)
		off -= (long)(f->rend - f->rpos) + (f->ungot >= 0);
	f->rpos = f->rend = 0;
	f->ungot = -1;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

long ftell(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (long)(f->rend - f->rpos) - (f->ungot >= 0) +
	       (long)f->wpos;
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *f, fpos_t *pos)
{
	long p = ftell(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseek(f, *pos, SEEK_SET);
}
