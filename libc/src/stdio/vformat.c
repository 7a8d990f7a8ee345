/* The printf engine (C11 7.21.6.1): parses a format and sends the output
 * to a sink, so the same code serves printf, fprintf, snprintf, dprintf
 * and asprintf. Conversions: d i u o x X c s p n %, f F e E g G (double,
 * via simple digit extraction: not correctly rounded beyond ~17 digits);
 * flags - + space # 0; width and precision as numbers or *; length hh h l
 * ll j z t L. Text matches glibc: "(null)" for a NULL %s, "(nil)" for a
 * NULL %p. */
#include <string.h>
#include <stdint.h>
#include <stddef.h>
#include "stdio_impl.h"

#define FL_LEFT  0x01
#define FL_PLUS  0x02
#define FL_SPACE 0x04
#define FL_ALT   0x08
#define FL_ZERO  0x10

struct spec {
	int flags;
	int width;
	int prec;          /* -1: none */
};

static void out(struct fmt_sink *s, const char *p, size_t n)
{
	if (n) {
		s->put(s, p, n);
		s->count += n;
	}
}

static void pad(struct fmt_sink *s, char c, int n)
{
	char buf[32];

	memset(buf, c, sizeof(buf));
	while (n > 0) {
		int k = n < 32 ? n : 32;
		out(s, buf, k);
		n -= k;
	}
}

/* Emit prefix + zeros + body within the field width. */
static void emit_field(struct fmt_sink *s, const struct spec *sp,
		       const char *prefix, int zeros, const char *body,
		       int blen)
{
	int plen = (int)strlen(prefix);
	int total = plen + zeros + blen;

	if (!(sp->flags & FL_LEFT) && !(sp->flags & FL_ZERO))
		pad(s, ' ', sp->width - total);
	out(s, prefix, plen);
	if (!(sp->flags & FL_LEFT) && (sp->flags & FL_ZERO))
		pad(s, '0', sp->width - total);
	pad(s, '0', zeros);
	out(s, body, blen);
	if (sp->flags & FL_LEFT)
		pad(s, ' ', sp->width - total);
}

static void fmt_int(struct fmt_sink *s, struct spec *sp, uintmax_t v,
		    int neg, int base, int upper, int is_signed)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[72], prefix[4] = "";
	int n = 0, zeros;

	while (v) {
		buf[sizeof(buf) - 1 - n++] = digits[v % base];
		v /= base;
	}
	if (sp->prec >= 0)
		sp->flags &= ~FL_ZERO;    /* precision overrides 0 */
	if (n == 0 && sp->prec != 0)
		buf[sizeof(buf) - 1 - n++] = '0';
	if (is_signed) {
		if (neg)
			strcpy(prefix, "-");
		else if (sp->flags & FL_PLUS)
			strcpy(prefix, "+");
		else if (sp->flags & FL_SPACE)
			strcpy(prefix, " ");
	}
	zeros = sp->prec > n ? sp->prec - n : 0;
	if (sp->flags & FL_ALT) {
		if (base == 8 && zeros == 0 && (n == 0 ||
		    buf[sizeof(buf) - n] != '0'))
			zeros = 1;
		if (base == 16 && !(n == 1 && buf[sizeof(buf) - 1] == '0') && n)
			strcpy(prefix, upper ? "0X" : "0x");
	}
	emit_field(s, sp, prefix, zeros, buf + sizeof(buf) - n, n);
}

static void fmt_str(struct fmt_sink *s, struct spec *sp, const char *str)
{
	size_t n;

	if (!str)
		str = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
	n = sp->prec >= 0 ? strnlen(str, sp->prec) : strlen(str);
	sp->flags &= ~FL_ZERO;
	emit_field(s, sp, "", 0, str, (int)n);
}

/* Digits of a non-negative finite double in fixed notation with prec
 * fraction digits, into buf; returns the length. */
static int fixed_digits(double v, int prec, char *buf, int cap)
{
	double scale = 1;
	uint64_t ip, fp;
	char tmp[32];
	int n = 0, i;

	if (prec > 17)
		prec = 17;
	for (i = 0; i < prec; i++)
		scale *= 10;
	if (v >= 1e18) {
		/* Too big for 64-bit integer part: print in pieces. */
		int e = 0;
		while (v >= 1e18) {
			v /= 10;
			e++;
		}
		n = fixed_digits(v, 0, buf, cap - e);
		for (i = 0; i < e && n < cap; i++)
			buf[n++] = '0';
		if (prec && n < cap - prec - 1) {
			buf[n++] = '.';
			for (i = 0; i < prec; i++)
				buf[n++] = '0';
		}
		return n;
	}
	ip = (uint64_t)v;
	double frac = (v - (double)ip) * scale;
	fp = (uint64_t)frac;
	/* Round to nearest; an exact tie (2.25 -> "2.2") goes to even, as
	 * glibc's exact conversion does. */
	if (frac - (double)fp > 0.5 ||
	    (frac - (double)fp == 0.5 && ((prec ? fp : ip) & 1)))
		fp++;
	if (fp >= (uint64_t)scale) {   /* rounding carried into the integer */
		ip++;
		fp -= (uint64_t)scale;
	}
	i = 0;
	do {
		tmp[i++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	while (i && n < cap)
		buf[n++] = tmp[--i];
	if (prec > 0 && n < cap) {
		buf[n++] = '.';
		for (i = prec - 1; i >= 0; i--) {
			if (n + i < cap)
				buf[n + i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		n += prec;
	}
	return n < cap ? n : cap;
}

static int exp_digits(double v, int prec, int upper, char *buf, int cap)
{
	int e = 0, n;

	if (v != 0) {
		while (v >= 10) {
			v /= 10;
			e++;
		}
		while (v < 1) {
			v *= 10;
			e--;
		}
	}
	n = fixed_digits(v, prec, buf, cap - 6);
	if (n >= 2 && buf[0] == '1' && buf[1] == '0' &&
	    (n == 2 || buf[2] == '.')) {
		/* 9.99.. rounded up to 10: renormalise to 1.0 and e + 1. */
		v /= 10;
		e++;
		n = fixed_digits(v, prec, buf, cap - 6);
	}
	buf[n++] = upper ? 'E' : 'e';
	buf[n++] = e < 0 ? '-' : '+';
	if (e < 0)
		e = -e;
	if (e >= 100)
		buf[n++] = (char)('0' + e / 100);
	buf[n++] = (char)('0' + e / 10 % 10);
	buf[n++] = (char)('0' + e % 10);
	return n;
}

static void fmt_float(struct fmt_sink *s, struct spec *sp, double v, char c)
{
	char buf[400], prefix[2] = "";
	int n, upper = c >= 'A' && c <= 'Z';
	int neg = __builtin_signbit(v);

	if (neg)
		v = -v;
	if (neg)
		strcpy(prefix, "-");
	else if (sp->flags & FL_PLUS)
		strcpy(prefix, "+");
	else if (sp->flags & FL_SPACE)
		strcpy(prefix, " ");
	if (__builtin_isnan(v) || __builtin_isinf(v)) {
		const char *t = __builtin_isnan(v) ? (upper ? "NAN" : "nan")
						   : (upper ? "INF" : "inf");
		sp->flags &= ~FL_ZERO;
		emit_field(s, sp, prefix, 0, t, 3);
		return;
	}
	if (sp->prec < 0)
		sp->prec = 6;
	c |= 32;
	if (c == 'g') {
		int p = sp->prec ? sp->prec : 1, e = 0;
		double t = v;
		if (t != 0) {
			while (t >= 10) { t /= 10; e++; }
			while (t < 1) { t *= 10; e--; }
		}
		if (e < -4 || e >= p)
			n = exp_digits(v, p - 1, upper, buf, sizeof(buf));
		else
			n = fixed_digits(v, p - 1 - e, buf, sizeof(buf));
		if (!(sp->flags & FL_ALT) && memchr(buf, '.', n)) {
			/* %g drops trailing zeros of the fraction. */
			char *ex = memchr(buf, upper ? 'E' : 'e', n);
			int mant = ex ? (int)(ex - buf) : n, m = mant;
			while (buf[m - 1] == '0')
				m--;
			if (buf[m - 1] == '.')
				m--;
			memmove(buf + m, buf + mant, n - mant);
			n -= mant - m;
		}
	} else if (c == 'e') {
		n = exp_digits(v, sp->prec, upper, buf, sizeof(buf));
	} else {
		n = fixed_digits(v, sp->prec, buf, sizeof(buf));
	}
	emit_field(s, sp, prefix, 0, buf, n);
}

int __vformat(struct fmt_sink *s, const char *fmt, va_list ap)
{
	while (*fmt) {
		struct spec sp = { 0, 0, -1 };
		int len = 0;           /* 0 int, 1 long, 2 long long, -1 short, -2 char */
		const char *lit = strchrnul(fmt, '%');
		uintmax_t u;
		intmax_t i;

		out(s, fmt, lit - fmt);
		fmt = lit;
		if (!*fmt)
			break;
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-') sp.flags |= FL_LEFT;
			else if (*fmt == '+') sp.flags |= FL_PLUS;
			else if (*fmt == ' ') sp.flags |= FL_SPACE;
			else if (*fmt == '#') sp.flags |= FL_ALT;
			else if (*fmt == '0') sp.flags |= FL_ZERO;
			else break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.flags |= FL_LEFT;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'h') len = len == -1 ? -2 : -1;
			else if (*fmt == 'l') len = len == 1 ? 2 : 1;
			else if (*fmt == 'j' || *fmt == 'z' || *fmt == 't' ||
				 *fmt == 'q') len = 2;
			else if (*fmt == 'L') len = 3;
			else break;
		}
		if (sp.flags & FL_LEFT)
			sp.flags &= ~FL_ZERO;
		switch (*fmt) {
		case 'd':
		case 'i':
			if (len >= 2) i = va_arg(ap, long long);
			else if (len == 1) i = va_arg(ap, long);
			else i = va_arg(ap, int);
			if (len == -1) i = (short)i;
			if (len == -2) i = (signed char)i;
			u = i < 0 ? 0 - (uintmax_t)i : (uintmax_t)i;
			fmt_int(s, &sp, u, i < 0, 10, 0, 1);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			if (len >= 2) u = va_arg(ap, unsigned long long);
			else if (len == 1) u = va_arg(ap, unsigned long);
			else u = va_arg(ap, unsigned int);
			if (len == -1) u = (unsigned short)u;
			if (len == -2) u = (unsigned char)u;
			fmt_int(s, &sp, u, 0,
				*fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				*fmt == 'X', 0);
			break;
		case 'p': {
			void *p = va_arg(ap, void *);
			if (!p) {
				sp.prec = -1;
				fmt_str(s, &sp, "(nil)");
				break;
			}
			sp.flags |= FL_ALT;
			fmt_int(s, &sp, (uintptr_t)p, 0, 16, 0, 0);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			sp.flags &= ~FL_ZERO;
			emit_field(s, &sp, "", 0, &c, 1);
			break;
		}
		case 's':
			fmt_str(s, &sp, va_arg(ap, const char *));
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
			if (len == 3)
				fmt_float(s, &sp, (double)va_arg(ap, long double),
					  *fmt);
			else
				fmt_float(s, &sp, va_arg(ap, double), *fmt);
			break;
		case 'n':
			if (len >= 2) *va_arg(ap, long long *) = s->count;
			else if (len == 1) *va_arg(ap, long *) = s->count;
			else *va_arg(ap, int *) = (int)s->count;
			break;
		case '%':
			out(s, "%", 1);
			break;
		default:
			/* Unknown conversion: print it literally. */
			out(s, lit, fmt - lit + (*fmt != 0));
			if (!*fmt)
				return (int)s->count;
			break;
		}
		fmt++;
	}
	return (int)s->count;
}
