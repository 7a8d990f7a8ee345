/* libc-private: the FILE object and the helpers stdio's files share.
 *
 * One buffer serves both directions: while reading, buf[rpos..rend) holds
 * bytes not yet consumed; while writing, buf[0..wpos) holds bytes not yet
 * written. A stream is in at most one of the two modes at a time (C11
 * 7.21.5.3 asks programs to fflush or seek between them; we switch
 * automatically). */
#ifndef LIBC_STDIO_IMPL_H
#define LIBC_STDIO_IMPL_H

#include <stdio.h>
#include <stdarg.h>

#define F_READ    0x01     /* opened for reading */
#define F_WRITE   0x02     /* opened for writing */
#define F_EOF     0x04
#define F_ERR     0x08
#define F_APPEND  0x10
#define F_OWNBUF  0x20     /* buf was malloc'ed by us */
#define F_STATIC  0x40     /* stdin/stdout/stderr: never freed */
#define F_LAZY    0x80     /* buffering mode decided on first use */

struct _FILE {
	int fd;
	int flags;
	int mode;              /* _IOFBF, _IOLBF, _IONBF */
	unsigned char *buf;
	size_t bufsize;
	size_t rpos, rend;     /* read window */
	size_t wpos;           /* pending output */
	int ungot;             /* ungetc byte when the buffer has no room, or -1 */
	struct _FILE *next;    /* all open streams, for exit and fflush(NULL) */
};

extern struct _FILE *__stdio_head;

int __stdio_flush(FILE *f);             /* write out pending output */
int __stdio_fill(FILE *f);              /* refill; returns bytes or 0/-1 */
int __stdio_to_write(FILE *f);          /* switch to write mode */
void __stdio_setup(FILE *f);            /* allocate buffer, decide mode */
void __stdio_link(FILE *f);
int __stdio_parse_mode(const char *mode, int *oflags, int *fflags);
void __stdio_flush_linebuf(void);       /* before blocking input reads */

/* The printf engine: formats into a sink. */
struct fmt_sink {
	void (*put)(struct fmt_sink *s, const char *p, size_t n);
	size_t count;          /* characters produced so far */
};
int __vformat(struct fmt_sink *s, const char *fmt, va_list ap);

#endif
