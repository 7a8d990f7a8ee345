/* A bounded text accumulator that still measures what did not fit, so
 * the /proc/net renderers can report the size they need. */
#include <net/net_proc.h>

void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = buf ? size : 0;
	s->len = 0;
	if (s->size)
		s->buf[0] = '\0';
}

static void seq_buf_vprintf(struct seq_buf *s, const char *fmt, va_list ap)
{
	size_t room = s->len < s->size ? s->size - s->len : 0;
	int n = vsnprintf(room ? s->buf + s->len : NULL, room, fmt, ap);

	if (n > 0)
		s->len += (size_t)n;
}

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_buf_vprintf(s, fmt, ap);
	va_end(ap);
}

void seq_buf_puts(struct seq_buf *s, const char *str)
{
	seq_buf_printf(s, "%s", str);
}

void seq_buf_pad(struct seq_buf *s, size_t line_start, size_t width)
{
	while (s->len - line_start < width)
		seq_buf_puts(s, " ");
}

ssize_t seq_buf_done(struct seq_buf *s)
{
	/* vsnprintf stops at the end, but a later short write may have
	 * fitted after an earlier long one failed: cut at the first
	 * overflow so the text is always a prefix of the full one. */
	if (s->size && s->len >= s->size)
		s->buf[s->size - 1] = '\0';
	return (ssize_t)s->len;
}
