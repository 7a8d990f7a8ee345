/* printf family: each format compared with the exact text glibc prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <unistd.h>
#include <fcntl.h>
#include "check.h"

#define F(want, ...) do {                                   \
	char b_[256];                                       \
	int n_ = snprintf(b_, sizeof(b_), __VA_ARGS__);     \
	CHECK_STR(b_, want);                                \
	CHECK_INT(n_, (int)strlen(want));                   \
} while (0)

static void test_ints(void)
{
	F("42", "%d", 42);
	F("-42", "%d", -42);
	F("-2147483648", "%d", INT_MIN);
	F("2147483647", "%i", INT_MAX);
	F("4294967295", "%u", UINT_MAX);
	F("-9223372036854775808", "%ld", LONG_MIN);
	F("18446744073709551615", "%lu", ULONG_MAX);
	F("-9223372036854775807", "%lld", -LLONG_MAX);
	F("123456789012", "%zu", (size_t)123456789012ULL);
	F("ff", "%x", 255);
	F("FF", "%X", 255);
	F("0xff", "%#x", 255);
	F("0XFF", "%#X", 255);
	F("0", "%#x", 0);
	F("777", "%o", 0777);
	F("0777", "%#o", 0777);
	F("0", "%#o", 0);
	F("   42", "%5d", 42);
	F("42   |", "%-5d|", 42);
	F("00042", "%05d", 42);
	F("-0042", "%05d", -42);
	F("+42", "%+d", 42);
	F(" 42", "% d", 42);
	F("+0", "%+d", 0);
	F("  042", "%5.3d", 42);
	F("", "%.0d", 0);
	F("    ", "%4.0d", 0);
	F("00042", "%.5d", 42);
	F("-00042", "%.5d", -42);
	F("   42", "%05.2d", 42);   /* precision disables 0 flag */
	F("   42", "%*d", 5, 42);
	F("42   |", "%*d|", -5, 42);
	F("00042", "%.*d", 5, 42);
	F("42", "%.*d", -1, 42);
	F("-1", "%hhd", 255);
	F("255", "%hhu", 255);
	F("-1", "%hd", 65535);
	F("65535", "%hu", 65535);
	F("0x00ff", "%#06x", 255);
	F("1f|1F", "%lx|%lX", 31L, 31L);
	F("%", "%%");
	F("a%b", "a%%b");
	F("7fffffffffffffff", "%jx", (intmax_t)INT64_MAX);
	F("-5", "%td", (ptrdiff_t)-5);
}

static void test_strings(void)
{
	F("hello", "%s", "hello");
	F("  hello", "%7s", "hello");
	F("hello  |", "%-7s|", "hello");
	F("hel", "%.3s", "hello");
	F("  hel", "%5.3s", "hello");
	F("(null)", "%s", (char *)NULL);
	F("x", "%c", 'x');
	F("  x", "%3c", 'x');
	F("x  |", "%-3c|", 'x');
	F("A1b", "%c%d%c", 'A', 1, 'b');
	F("plain text", "plain text");
	F("", "%s", "");
	F("abc def", "%s %s", "abc", "def");
}

static void test_pointers(void)
{
	F("0x1234", "%p", (void *)0x1234);
	F("(nil)", "%p", (void *)0);
	F("  0x10", "%6p", (void *)16);
	F("0xdeadbeefcafe", "%p", (void *)0xdeadbeefcafeUL);
}

static void test_floats(void)
{
	F("3.141593", "%f", 3.14159265);
	F("3.14", "%.2f", 3.14159);
	F("3", "%.0f", 3.14159);
	F("4", "%.0f", 3.5);
	F("-2.50", "%.2f", -2.5);
	F("  1.5", "%5.1f", 1.5);
	F("001.5", "%05.1f", 1.5);
	F("0.000000", "%f", 0.0);
	F("1.000", "%.3f", 0.9996);
	F("123456.789000", "%f", 123456.789);
	F("1.500000e+00", "%e", 1.5);
	F("1.0e+03", "%.1e", 999.96);
	F("1.234560E-05", "%E", 0.0000123456);
	F("0.5", "%g", 0.5);
	F("100000", "%g", 100000.0);
	F("1e+06", "%g", 1000000.0);
	F("1.5", "%g", 1.5);
	F("0.0001", "%g", 0.0001);
	F("1e-05", "%g", 0.00001);
	F("0.123", "%.3g", 0.12345);
	F("inf", "%f", __builtin_inf());
	F("-inf", "%f", -__builtin_inf());
	F("nan", "%f", __builtin_nan(""));
	F("+1.0", "%+.1f", 1.0);
	F("0.001", "%.3f", 0.001);
	F("12.346", "%.3f", 12.3456);
}

static void test_snprintf_truncation(void)
{
	char buf[8];
	int n;

	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 5, "%s", "abcdefgh");
	CHECK_INT(n, 8);
	CHECK_STR(buf, "abcd");
	CHECK(buf[5] == 'Z');            /* nothing written past size */
	n = snprintf(NULL, 0, "%d-%s", 1234, "xy");
	CHECK_INT(n, 7);
	n = snprintf(buf, 1, "abc");
	CHECK_INT(n, 3);
	CHECK_STR(buf, "");
	n = snprintf(buf, sizeof(buf), "%n", &n);
	CHECK_INT(n, 0);
	{
		int pos = -1;
		snprintf(buf, sizeof(buf), "ab%ncd", &pos);
		CHECK_INT(pos, 2);
	}
}

static void test_long_output(void)
{
	char big[5000], *p;
	int n;

	n = snprintf(big, sizeof(big), "%3000d|%s", 7, "end");
	CHECK_INT(n, 3004);
	CHECK(big[2999] == '7');
	CHECK_STR(big + 3000, "|end");
	n = asprintf(&p, "%s-%d-%x", "asprintf", 99, 0xabc);
	CHECK_INT(n, 15);
	CHECK_STR(p, "asprintf-99-abc");
	free(p);
}

static void test_sprintf_and_fds(void)
{
	char buf[64], path[] = "/tmp/libc_printf_XXXXXX";
	int fd = mkstemp(path);
	ssize_t r;

	CHECK_INT(sprintf(buf, "%s=%05.1f", "v", 2.25), 7);
	CHECK_STR(buf, "v=002.2");      /* 2.25 is exact: round-half-even gives 2.2 */
	CHECK(fd >= 0);
	CHECK_INT(dprintf(fd, "fd %d %s\n", 3, "ok"), 8);
	lseek(fd, 0, SEEK_SET);
	r = read(fd, buf, sizeof(buf) - 1);
	CHECK_INT(r, 8);
	buf[r > 0 ? r : 0] = 0;
	CHECK_STR(buf, "fd 3 ok\n");
	FILE *f = fdopen(fd, "w+");
	CHECK(f != NULL);
	fseek(f, 0, SEEK_SET);
	CHECK_INT(fprintf(f, "%-4s|%4s|", "ab", "cd"), 10);
	fflush(f);
	lseek(fd, 0, SEEK_SET);
	r = read(fd, buf, sizeof(buf) - 1);
	buf[r > 0 ? r : 0] = 0;
	CHECK_STR(buf, "ab  |  cd|");
	fclose(f);
	unlink(path);
}

int main(void)
{
	test_ints();
	test_strings();
	test_pointers();
	test_floats();
	test_snprintf_truncation();
	test_long_output();
	test_sprintf_and_fds();
	return check_summary();
}
