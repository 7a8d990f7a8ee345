/* Appending formatted text to a fixed buffer while counting the length a
 * complete result needs (for /proc show functions). */
#ifndef KERNEL_SEQBUF_H
#define KERNEL_SEQBUF_H

#include <lib/string.h>
#include <lib/compiler.h>

struct seqbuf {
	char *buf;
	size_t size;
	size_t len;             /* may exceed size: the length needed */
};

static inline void seq_init(struct seqbuf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	if (size)
		buf[0] = 0;
}

__printf(2, 3) static inline void seq_printf(struct seqbuf *s, const char *fmt, ...)
{
	va_list ap;
	size_t off = s->len < s->size ? s->len : s->size;

	va_start(ap, fmt);
	s->len += vsnprintf(s->buf ? s->buf + off : NULL, s->size - off, fmt, ap);
	va_end(ap);
}

#endif
