/* printk: format a message, keep it in the log ring buffer (for dmesg) and
 * print it on the consoles if its level passes console_loglevel. A leading
 * "<N>" sets the level, as Linux's KERN_* prefixes do; default is INFO. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/console.h>

#define LOG_BUF_SIZE (64 * 1024)
#define DEFAULT_MESSAGE_LEVEL 6

int console_loglevel = 7;       /* print levels below this */

static char log_buf[LOG_BUF_SIZE];
static size_t log_head;          /* total bytes ever written */
static bool line_start = true;

static void log_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = s[i];
	log_head += n;
}

size_t log_buf_len(void)
{
	return log_head < LOG_BUF_SIZE ? log_head : LOG_BUF_SIZE;
}

/* Copy the most recent log text (up to size bytes) into dst. */
size_t log_buf_copy(char *dst, size_t size)
{
	unsigned long flags = local_irq_save();
	size_t len = log_buf_len();
	size_t start;

	if (len > size)
		len = size;
	start = log_head - len;
	for (size_t i = 0; i < len; i++)
		dst[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	local_irq_restore(flags);
	return len;
}

void console_write(const char *s, size_t n)
{
	serial_write(s, n);
	vga_write(s, n);
}

static void log_timestamp(void)
{
	char ts[32];
	u64 ns = ktime_get_ns();
	int n = snprintf(ts, sizeof(ts), "[%5lu.%06lu] ",
			 (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns % 1000000000 / 1000));
	log_append(ts, n);
}

static int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = DEFAULT_MESSAGE_LEVEL;
	int n;
	unsigned long flags;
	const char *text = buf;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf)) {
		/* Say so rather than truncate silently. */
		memcpy(buf + sizeof(buf) - 6, "...\n", 5);
		n = sizeof(buf) - 2;
	}
	if (buf[0] == '<' && buf[1] >= '0' && buf[1] <= '7' && buf[2] == '>') {
		level = buf[1] - '0';
		text += 3;
		n -= 3;
	}
	flags = local_irq_save();
	for (const char *p = text, *end = text + n; p < end;) {
		const char *nl = memchr(p, '\n', end - p);
		size_t len = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);

		if (line_start)
			log_timestamp();
		log_append(p, len);
		line_start = nl != NULL;
		p += len;
	}
	if (level < console_loglevel)
		console_write(text, n);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
