/* string.h, strings.h, ctype.h, strerror/strsignal texts. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include "check.h"

static void test_mem(void)
{
	char a[64], b[64];

	for (int i = 0; i < 64; i++)
		a[i] = (char)i;
	/* every alignment and length combination of memcpy */
	int ok = 1;
	for (int so = 0; so < 8; so++)
		for (int d = 0; d < 8; d++)
			for (int n = 0; n < 40; n++) {
				memset(b, 0x55, sizeof(b));
				memcpy(b + d, a + so, n);
				if (memcmp(b + d, a + so, n) || (d && b[d - 1] != 0x55) ||
				    b[d + n] != 0x55)
					ok = 0;
			}
	CHECK(ok);
	memcpy(b, a, 64);
	memmove(b + 3, b, 20);
	CHECK(!memcmp(b + 3, a, 20));
	memcpy(b, a, 64);
	memmove(b, b + 5, 30);
	CHECK(!memcmp(b, a + 5, 30));
	memset(b, 'x', 37);
	CHECK(b[0] == 'x' && b[36] == 'x' && b[37] == 37);
	CHECK(memcmp("abc", "abd", 3) < 0);
	CHECK(memcmp("\xff", "\x01", 1) > 0);    /* unsigned compare */
	CHECK(memchr("hello", 'l', 5) == (void *)0 + 0 || 1);
	const char *h = "hello";
	CHECK(memchr(h, 'l', 5) == h + 2);
	CHECK(memchr(h, 'z', 5) == NULL);
	CHECK(memrchr(h, 'l', 5) == h + 3);
	CHECK(memmem(h, 5, "llo", 3) == h + 2);
}

static void test_str(void)
{
	char buf[32];
	const char *s = "hello world";

	CHECK_INT(strlen(""), 0);
	CHECK_INT(strlen(s), 11);
	CHECK_INT(strnlen(s, 4), 4);
	CHECK(strcmp("abc", "abc") == 0);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xe9", "a") > 0);
	CHECK(strncmp("abcdef", "abcxyz", 3) == 0);
	CHECK(strncmp("abcdef", "abcxyz", 4) < 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0);
	CHECK(strncasecmp("HeLLoX", "helloY", 5) == 0);
	CHECK(strchr(s, 'o') == s + 4);
	CHECK(strchr(s, 0) == s + 11);
	CHECK(strrchr(s, 'o') == s + 7);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strstr(s, "wor") == s + 6);
	CHECK(strstr(s, "") == s);
	CHECK(strstr(s, "xyz") == NULL);
	CHECK_INT(strspn("aabbc", "ab"), 4);
	CHECK_INT(strcspn("hello", "lo"), 2);
	CHECK(strpbrk(s, "wd") == s + 6);
	strcpy(buf, "abc");
	strcat(buf, "def");
	CHECK_STR(buf, "abcdef");
	strncat(buf, "ghijk", 2);
	CHECK_STR(buf, "abcdefgh");
	memset(buf, 'Z', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'Z');
	char *d = strdup("dup");
	CHECK_STR(d, "dup");
	free(d);
	d = strndup("duplicate", 3);
	CHECK_STR(d, "dup");
	free(d);
}

static void test_tok(void)
{
	char a[] = "  one, two,,three ";
	char *save, *t;

	t = strtok_r(a, " ,", &save);
	CHECK_STR(t, "one");
	t = strtok_r(NULL, " ,", &save);
	CHECK_STR(t, "two");
	t = strtok_r(NULL, " ,", &save);
	CHECK_STR(t, "three");
	CHECK(strtok_r(NULL, " ,", &save) == NULL);
	char b[] = "a:b::c";
	char *p = b;
	CHECK_STR(strsep(&p, ":"), "a");
	CHECK_STR(strsep(&p, ":"), "b");
	CHECK_STR(strsep(&p, ":"), "");
	CHECK_STR(strsep(&p, ":"), "c");
	CHECK(p == NULL);
	char c[] = "x y";
	CHECK_STR(strtok(c, " "), "x");
	CHECK_STR(strtok(NULL, " "), "y");
	CHECK(strtok(NULL, " ") == NULL);
}

static void test_ctype(void)
{
	int ok = 1;

	for (int c = 0; c < 128; c++) {
		int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int digit = c >= '0' && c <= '9';
		if (!!isalpha(c) != alpha || !!isdigit(c) != digit ||
		    !!isalnum(c) != (alpha || digit) ||
		    !!isspace(c) != (c == ' ' || (c >= 9 && c <= 13)) ||
		    !!isprint(c) != (c >= 32 && c < 127) ||
		    !!iscntrl(c) != (c < 32 || c == 127))
			ok = 0;
	}
	CHECK(ok);
	CHECK(isxdigit('f') && isxdigit('F') && !isxdigit('g'));
	CHECK(ispunct('!') && !ispunct('a') && !ispunct(' '));
	CHECK(toupper('a') == 'A' && toupper('1') == '1');
	CHECK(tolower('Q') == 'q' && tolower('[') == '[');
	CHECK(!isalpha(EOF) && !isdigit(200));
}

static void test_messages(void)
{
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(ECONNREFUSED), "Connection refused");
	CHECK_STR(strerror(EAGAIN), "Resource temporarily unavailable");
	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(9999), "Unknown error 9999");
	CHECK_STR(strsignal(SIGSEGV), "Segmentation fault");
	CHECK_STR(strsignal(SIGKILL), "Killed");
	CHECK_STR(strsignal(SIGTERM), "Terminated");
	CHECK_STR(strsignal(SIGINT), "Interrupt");
}

int main(void)
{
	test_mem();
	test_str();
	test_tok();
	test_ctype();
	test_messages();
	return check_summary();
}
