/* strtod: decimal only ([+-]digits[.digits][e[+-]digits], inf, nan).
 * Accurate to a few ulps, not correctly rounded; enough for intervals
 * like `ping -i 0.2` and `sleep 0.5`. */
#include <stdlib.h>
#include <ctype.h>
#include <strings.h>

static double pow10i(int e)
{
	double r = 1, b = 10;
	int neg = e < 0;

	if (neg)
		e = -e;
	for (; e; e >>= 1, b *= b)
		if (e & 1)
			r *= b;
	return neg ? 1 / r : r;
}

double strtod(const char *s, char **end)
{
	const char *p = s;
	double v = 0;
	int neg = 0, any = 0, exp10 = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!strncasecmp(p, "inf", 3)) {
		p += strncasecmp(p, "infinity", 8) ? 3 : 8;
		v = __builtin_inf();
		any = 1;
		goto out;
	}
	if (!strncasecmp(p, "nan", 3)) {
		p += 3;
		v = __builtin_nan("");
		any = 1;
		goto out;
	}
	for (; isdigit((unsigned char)*p); p++, any = 1)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		for (; isdigit((unsigned char)*p); p++, any = 1) {
			v = v * 10 + (*p - '0');
			exp10--;
		}
	}
	if (any && (*p | 32) == 'e') {
		const char *q = p + 1;
		int eneg = 0, e = 0;
		if (*q == '+' || *q == '-')
			eneg = *q++ == '-';
		if (isdigit((unsigned char)*q)) {
			for (; isdigit((unsigned char)*q); q++)
				if (e < 10000)
					e = e * 10 + (*q - '0');
			exp10 += eneg ? -e : e;
			p = q;
		}
	}
	v *= pow10i(exp10);
out:
	if (end)
		*end = (char *)(any ? p : s);
	return neg ? -v : v;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
