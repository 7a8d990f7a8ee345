/* The kernel's vsnprintf against glibc's for the formats the kernel uses. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "unit.h"

int k_snprintf(char *buf, size_t size, const char *fmt, ...);

#define SAME(fmt, ...) do {                                             \
	char a[256], b[256];                                            \
	int na = k_snprintf(a, sizeof(a), fmt, __VA_ARGS__);            \
	int nb = snprintf(b, sizeof(b), fmt, __VA_ARGS__);              \
	CHECK(na == nb && !strcmp(a, b), "fmt \"%s\": kernel \"%s\" (%d), libc \"%s\" (%d)", \
	      fmt, a, na, b, nb);                                       \
} while (0)

TEST(integers)
{
	SAME("%d %i %u", 42, -42, 42u);
	SAME("%d", INT32_MIN);
	SAME("%ld", (long)INT64_MIN);
	SAME("%lu", (unsigned long)UINT64_MAX);
	SAME("%x %X %o", 0xbeefu, 0xbeefu, 0755u);
	SAME("%lx", 0xffffffff80000000ul);
	SAME("%zu %zd", (size_t)123, (ssize_t)-5);
	SAME("%lld %llu", -1LL, 18446744073709551615ULL);
	SAME("%hd %hu", 70000, 70000);
}

TEST(width_precision_flags)
{
	SAME("[%5d] [%-5d] [%05d]", 42, 42, 42);
	SAME("[%+d] [% d] [%+d]", 42, 42, -42);
	SAME("[%.3d] [%8.3d] [%-8.3d]", 7, 7, 7);
	SAME("[%#x] [%#X] [%#010x]", 255u, 255u, 255u);
	SAME("[%016lx]", 0x1234ul);
	SAME("[%*d] [%-*d]", 6, 1, 6, 1);
	SAME("[%.0d]", 0);
	SAME("[%5.1s]", "abc");
	SAME("[%.*s]", 2, "abcdef");
	SAME("[%c%c]", 'o', 'k');
	SAME("[%10s] [%-10s]", "hi", "hi");
	SAME("%%%d%%", 5);
}

TEST(strings)
{
	char a[32];

	k_snprintf(a, sizeof(a), "%s", (char *)NULL);
	CHECK(!strcmp(a, "(null)"), "NULL string printed as %s", a);
	SAME("%s=%s", "key", "value");
}

TEST(pointer)
{
	char a[32];

	k_snprintf(a, sizeof(a), "%p", (void *)0xffff888000001000ul);
	CHECK(!strcmp(a, "0xffff888000001000"), "got %s", a);
}

TEST(truncation_reports_full_length)
{
	char a[8];
	int n = k_snprintf(a, sizeof(a), "%s", "0123456789");

	CHECK(n == 10, "returned %d", n);
	CHECK(!strcmp(a, "0123456"), "buffer %s", a);
	n = k_snprintf(NULL, 0, "%d", 12345);
	CHECK(n == 5, "size 0 returned %d", n);
	a[0] = 'x';
	n = k_snprintf(a, 1, "abc");
	CHECK(n == 3 && a[0] == 0, "size 1: %d '%s'", n, a);
}

int main(void)
{
	return unit_run_all();
}
