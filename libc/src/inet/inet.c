/* IPv4 address text conversions. inet_pton accepts only the strict
 * dotted-quad form (four decimal parts 0-255, no leading zeros beyond a
 * single 0), as POSIX and glibc require; inet_aton accepts the classic
 * BSD forms (a, a.b, a.b.c; octal and hex parts). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

static int pton4(const char *s, unsigned char out[4])
{
	for (int i = 0; i < 4; i++) {
		int v = 0, digits = 0;
		if (!isdigit((unsigned char)*s))
			return 0;
		if (s[0] == '0' && isdigit((unsigned char)s[1]))
			return 0;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (*s++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		out[i] = (unsigned char)v;
		if (i < 3 && *s++ != '.')
			return 0;
	}
	return *s == 0;
}

int inet_pton(int af, const char *restrict src, void *restrict dst)
{
	unsigned char a[4];

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (!pton4(src, a))
		return 0;
	memcpy(dst, a, 4);
	return 1;
}

const char *inet_ntop(int af, const void *restrict src, char *restrict dst,
		      socklen_t size)
{
	const unsigned char *a = src;
	char tmp[INET_ADDRSTRLEN];
	int n;

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	n = snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if ((socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, n + 1);
	return dst;
}

int inet_aton(const char *s, struct in_addr *out)
{
	unsigned long part[4];
	int n = 0;
	char *end;

	for (;;) {
		if (!isdigit((unsigned char)*s))
			return 0;
		errno = 0;
		part[n] = strtoul(s, &end, 0);
		if (errno || end == s)
			return 0;
		n++;
		s = end;
		if (*s != '.' || n == 4)
			break;
		s++;
	}
	if (*s)
		return 0;
	unsigned long v;
	switch (n) {
	case 1: v = part[0]; if (v > 0xffffffffUL) return 0; break;
	case 2: if (part[0] > 255 || part[1] > 0xffffff) return 0;
		v = part[0] << 24 | part[1]; break;
	case 3: if (part[0] > 255 || part[1] > 255 || part[2] > 0xffff) return 0;
		v = part[0] << 24 | part[1] << 16 | part[2]; break;
	default:
		for (int i = 0; i < 4; i++)
			if (part[i] > 255)
				return 0;
		v = part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3];
	}
	if (out)
		out->s_addr = htonl((uint32_t)v);
	return 1;
}

in_addr_t inet_addr(const char *s)
{
	struct in_addr a;

	return inet_aton(s, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr a)
{
	static char buf[INET_ADDRSTRLEN];

	return (char *)inet_ntop(AF_INET, &a, buf, sizeof(buf));
}
