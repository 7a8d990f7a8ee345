/* printf-style formatting for printk and /proc text. Supports the subset the
 * kernel uses: %d %i %u %x %X %o %p %s %c %%, flags - 0 + space #, width,
 * precision, * and the l/ll/z/h length modifiers. Output is always
 * terminated; the return value is the length that would have been written,
 * as C99 says, so callers can detect truncation. */
#include <lib/string.h>
#include <lib/types.h>
#include <lib/compiler.h>

struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

#define F_LEFT  1
#define F_ZERO  2
#define F_PLUS  4
#define F_SPACE 8
#define F_ALT   16

static void put_number(struct out *o, u64 v, bool neg, unsigned base,
		       bool upper, int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, pad;
	char sign = 0;

	if (v == 0 && prec != 0)
		tmp[n++] = '0';
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	len = n > prec ? n : prec;
	if (sign)
		len++;
	if ((flags & F_ALT) && base == 16)
		len += 2;
	pad = width > len ? width - len : 0;
	if (!(flags & F_LEFT) && !((flags & F_ZERO) && prec < 0))
		for (; pad > 0; pad--)
			put(o, ' ');
	if (sign)
		put(o, sign);
	if ((flags & F_ALT) && base == 16) {
		put(o, '0');
		put(o, upper ? 'X' : 'x');
	}
	if (!(flags & F_LEFT))
		for (; pad > 0; pad--)
			put(o, '0');
	for (int i = n; i < prec; i++)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	for (; pad > 0; pad--)
		put(o, ' ');
}

static void put_string(struct out *o, const char *s, int width, int prec,
		       int flags)
{
	int len;

	if (!s)
		s = "(null)";
	len = prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s);
	if (!(flags & F_LEFT))
		for (int i = len; i < width; i++)
			put(o, ' ');
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		for (int i = len; i < width; i++)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = 0, half = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-') flags |= F_LEFT;
			else if (*fmt == '0') flags |= F_ZERO;
			else if (*fmt == '+') flags |= F_PLUS;
			else if (*fmt == ' ') flags |= F_SPACE;
			else if (*fmt == '#') flags |= F_ALT;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h' || *fmt == 't') {
			if (*fmt == 'h')
				half++;
			else
				lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(ap, long) : va_arg(ap, int);

			if (half == 1)
				v = (short)v;
			else if (half > 1)
				v = (signed char)v;
			put_number(&o, v < 0 ? -(u64)v : (u64)v, v < 0, 10,
				   false, flags, width, prec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			u64 v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);

			if (half == 1)
				v = (unsigned short)v;
			else if (half > 1)
				v = (unsigned char)v;
			unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			put_number(&o, v, false, base, *fmt == 'X', flags, width, prec);
			break;
		}
		case 'p':
			put_number(&o, (u64)va_arg(ap, void *), false, 16, false,
				   F_ALT | F_ZERO, 18, -1);
			break;
		case 's':
			put_string(&o, va_arg(ap, const char *), width, prec, flags);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = 0;
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
