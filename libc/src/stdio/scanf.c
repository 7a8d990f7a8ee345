/* The scanf family over one input abstraction (string or FILE).
 * Supported: whitespace, literals, %d %i %u %o %x %c %s %[set] %n %%, field
 * widths, '*' (assign nothing), lengths hh h l ll j z. No floating point. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "stdio_impl.h"

struct in {
	const char *s;         /* string source, or NULL */
	FILE *f;
	size_t count;          /* characters consumed */
};

static int in_get(struct in *in)
{
	int c;

	if (in->s)
		c = *in->s ? (unsigned char)*in->s++ : EOF;
	else
		c = fgetc(in->f);
	if (c != EOF)
		in->count++;
	return c;
}

static void in_unget(struct in *in, int c)
{
	if (c == EOF)
		return;
	in->count--;
	if (in->s)
		in->s--;
	else
		ungetc(c, in->f);
}

static void store_int(void *p, int len, uintmax_t v)
{
	switch (len) {
	case -2: *(char *)p = (char)v; break;
	case -1: *(short *)p = (short)v; break;
	case 1: *(long *)p = (long)v; break;
	case 2: *(long long *)p = (long long)v; break;
	default: *(int *)p = (int)v; break;
	}
}

/* Read an integer in base (0 = auto) of at most width chars. */
static int scan_int(struct in *in, int base, int width, uintmax_t *out)
{
	char buf[80];
	int n = 0, c;

	if (width <= 0 || width > (int)sizeof(buf) - 1)
		width = sizeof(buf) - 1;
	c = in_get(in);
	if ((c == '-' || c == '+') && n < width) {
		buf[n++] = (char)c;
		c = in_get(in);
	}
	if ((base == 0 || base == 16) && c == '0' && n < width) {
		buf[n++] = (char)c;
		c = in_get(in);
		if ((c | 32) == 'x' && n < width) {
			buf[n++] = (char)c;
			c = in_get(in);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (n < width && c != EOF &&
	       (base == 16 ? isxdigit(c) : (c >= '0' && c < '0' + (base < 10 ? base : 10)))) {
		buf[n++] = (char)c;
		c = in_get(in);
	}
	in_unget(in, c);
	buf[n] = 0;
	if (!n || ((n == 1) && (buf[0] == '-' || buf[0] == '+')))
		return -1;
	*out = buf[0] == '-' ? (uintmax_t)strtoll(buf, NULL, base)
			     : strtoull(buf, NULL, base);
	return 0;
}

static int vscan(struct in *in, const char *fmt, va_list ap)
{
	int assigned = 0, c;

	for (; *fmt; fmt++) {
		int suppress = 0, width = 0, len = 0;

		if (isspace((unsigned char)*fmt)) {
			while ((c = in_get(in)) != EOF && isspace(c))
				;
			in_unget(in, c);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			c = in_get(in);
			if (c != (unsigned char)*fmt) {
				in_unget(in, c);
				return c == EOF && !assigned ? EOF : assigned;
			}
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'h') len = len == -1 ? -2 : -1;
			else if (*fmt == 'l') len = len == 1 ? 2 : 1;
			else if (*fmt == 'j' || *fmt == 'z' || *fmt == 't') len = 2;
			else break;
		}
		if (*fmt == 'n') {
			if (!suppress)
				store_int(va_arg(ap, void *), len, in->count);
			continue;
		}
		if (*fmt != 'c' && *fmt != '[') {
			while ((c = in_get(in)) != EOF && isspace(c))
				;
			if (c == EOF)
				return assigned ? assigned : EOF;
			in_unget(in, c);
		}
		switch (*fmt) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
			uintmax_t v;
			int base = *fmt == 'o' ? 8 : (*fmt == 'x' || *fmt == 'X')
				   ? 16 : *fmt == 'i' ? 0 : 10;
			if (scan_int(in, base, width, &v) < 0)
				return assigned;
			if (!suppress) {
				store_int(va_arg(ap, void *), len, v);
				assigned++;
			}
			break;
		}
		case 'c': {
			char *d = suppress ? NULL : va_arg(ap, char *);
			if (!width)
				width = 1;
			for (int i = 0; i < width; i++) {
				if ((c = in_get(in)) == EOF)
					return assigned ? assigned : EOF;
				if (d)
					d[i] = (char)c;
			}
			if (d)
				assigned++;
			break;
		}
		case 's':
		case '[': {
			char *d = suppress ? NULL : va_arg(ap, char *);
			char set[256] = { 0 };
			int n = 0, neg = 0;
			if (*fmt == '[') {
				fmt++;
				if (*fmt == '^') {
					neg = 1;
					fmt++;
				}
				if (*fmt == ']')
					set[(unsigned char)*fmt++] = 1;
				for (; *fmt && *fmt != ']'; fmt++) {
					if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
						for (int k = (unsigned char)fmt[0];
						     k <= (unsigned char)fmt[2]; k++)
							set[k] = 1;
						fmt += 2;
					} else {
						set[(unsigned char)*fmt] = 1;
					}
				}
				if (!*fmt)
					return assigned;
			}
			while ((!width || n < width) && (c = in_get(in)) != EOF) {
				int ok = *fmt == ']' ? set[c] != neg : !isspace(c);
				if (!ok) {
					in_unget(in, c);
					break;
				}
				if (d)
					d[n] = (char)c;
				n++;
			}
			if (!n)
				return assigned;
			if (d) {
				d[n] = 0;
				assigned++;
			}
			break;
		}
		default:
			return assigned;
		}
	}
	return assigned;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct in in = { s, NULL, 0 };

	return vscan(&in, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	struct in in = { NULL, f, 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscan(&in, fmt, ap);
	va_end(ap);
	return n;
}

int scanf(const char *restrict fmt, ...)
{
	struct in in = { NULL, stdin, 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscan(&in, fmt, ap);
	va_end(ap);
	return n;
}
