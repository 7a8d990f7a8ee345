/* Small helpers: dotted-quad conversion for logs, proc views and options. */
#include <net/in.h>

char *in_ntoa(be32 addr, char *buf)
{
	u32 a = be32_to_cpu(addr);

	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
		 (a >> 8) & 0xff, a & 0xff);
	return buf;
}

int in_aton(const char *s, be32 *addr)
{
	const char *p = s;
	u32 a = 0;

	for (int part = 0; part < 4; part++) {
		u32 v = 0;
		int digits = 0;

		if (part > 0) {
			if (*p != '.')
				return -1;
			p++;
		}
		while (*p >= '0' && *p <= '9' && digits < 4) {
			v = v * 10 + (u32)(*p - '0');
			p++;
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return -1;
		a = a << 8 | v;
	}
	*addr = htonl(a);
	return (int)(p - s);
}
