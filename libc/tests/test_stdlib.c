/* strtol family, atoi, qsort, bsearch, environment, getopt, rand. */
#include <stdlib.h>
#include <getopt.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include "check.h"

static void test_strtol(void)
{
	char *end;

	errno = 0;
	CHECK_INT(strtol("  -123abc", &end, 10), -123);
	CHECK_STR(end, "abc");
	CHECK_INT(strtol("0x1F", &end, 16), 31);
	CHECK_INT(strtol("0x1F", &end, 0), 31);
	CHECK_INT(strtol("017", &end, 0), 15);
	CHECK_INT(strtol("017", &end, 10), 17);
	CHECK_INT(strtol("z", &end, 36), 35);
	CHECK_INT(strtol("+42", &end, 10), 42);
	CHECK_INT(strtol("", &end, 10), 0);
	const char *s = "xyz";
	strtol(s, &end, 10);
	CHECK(end == s);                      /* no digits: end = start */
	s = "0x";
	CHECK_INT(strtol(s, &end, 16), 0);
	CHECK(end == s + 1);                  /* "0" parsed, x left */
	s = "  -";
	strtol(s, &end, 10);
	CHECK(end == s);
	errno = 0;
	CHECK_INT(strtol("9223372036854775807", &end, 10), LONG_MAX);
	CHECK_INT(errno, 0);
	CHECK_INT(strtol("9223372036854775808", &end, 10), LONG_MAX);
	CHECK_INT(errno, ERANGE);
	errno = 0;
	CHECK_INT(strtol("-9223372036854775808", &end, 10), LONG_MIN);
	CHECK_INT(errno, 0);
	CHECK_INT(strtol("-9223372036854775809", &end, 10), LONG_MIN);
	CHECK_INT(errno, ERANGE);
	errno = 0;
	CHECK(strtoul("18446744073709551615", &end, 10) == ULONG_MAX);
	CHECK_INT(errno, 0);
	CHECK(strtoul("18446744073709551616", &end, 10) == ULONG_MAX);
	CHECK_INT(errno, ERANGE);
	errno = 0;
	CHECK(strtoul("-1", &end, 10) == ULONG_MAX);   /* negated, as C says */
	CHECK_INT(errno, 0);
	CHECK(strtoull("ffffffffffffffff", &end, 16) == ULLONG_MAX);
	CHECK_INT(strtoll("-77", NULL, 8), -63);
	CHECK_INT(atoi("  12x"), 12);
	CHECK_INT(atoi("-7"), -7);
	CHECK_INT(atol("100000000000"), 100000000000L);
	CHECK(strtod("1.5", NULL) == 1.5);
	CHECK(strtod("-0.25e1", NULL) == -2.5);
	s = "3.75xyz";
	CHECK(strtod(s, &end) == 3.75 && end == s + 4);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec { int key; char pad[13]; };

static int cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void test_sort(void)
{
	static int v[5000];
	static struct rec r[777];
	int ok = 1;

	srand(12345);
	for (int n = 0; n < 50; n++) {       /* small sizes incl. 0, 1, 2 */
		for (int i = 0; i < n; i++)
			v[i] = rand() % 10;
		qsort(v, n, sizeof(int), cmp_int);
		for (int i = 1; i < n; i++)
			if (v[i - 1] > v[i])
				ok = 0;
	}
	CHECK(ok);
	for (int i = 0; i < 5000; i++)
		v[i] = rand() - RAND_MAX / 2;
	qsort(v, 5000, sizeof(int), cmp_int);
	ok = 1;
	for (int i = 1; i < 5000; i++)
		if (v[i - 1] > v[i])
			ok = 0;
	CHECK(ok);
	for (int i = 0; i < 777; i++) {
		r[i].key = (i * 7919) % 777;
		memset(r[i].pad, r[i].key & 0x7f, sizeof(r[i].pad));
	}
	qsort(r, 777, sizeof(r[0]), cmp_rec);
	ok = 1;
	for (int i = 0; i < 777; i++)
		if (r[i].key != i || r[i].pad[12] != (i & 0x7f))
			ok = 0;
	CHECK(ok);                            /* odd element size, payload moved */
	struct rec key = { .key = 500 };
	struct rec *hit = bsearch(&key, r, 777, sizeof(r[0]), cmp_rec);
	CHECK(hit && hit->key == 500);
	key.key = 777;
	CHECK(bsearch(&key, r, 777, sizeof(r[0]), cmp_rec) == NULL);
	key.key = 0;
	CHECK(bsearch(&key, r, 777, sizeof(r[0]), cmp_rec) == &r[0]);
}

static void test_env(void)
{
	CHECK(getenv("LIBC_TEST_NOPE") == NULL);
	CHECK_INT(setenv("LIBC_T1", "one", 0), 0);
	CHECK_STR(getenv("LIBC_T1"), "one");
	CHECK_INT(setenv("LIBC_T1", "two", 0), 0);
	CHECK_STR(getenv("LIBC_T1"), "one");
	CHECK_INT(setenv("LIBC_T1", "two", 1), 0);
	CHECK_STR(getenv("LIBC_T1"), "two");
	CHECK_INT(setenv("A=B", "x", 1), -1);
	CHECK_INT(errno, EINVAL);
	for (int i = 0; i < 100; i++) {       /* grow the array */
		char name[16];
		snprintf(name, sizeof(name), "LIBC_V%d", i);
		setenv(name, name, 1);
	}
	CHECK_STR(getenv("LIBC_V99"), "LIBC_V99");
	CHECK_INT(unsetenv("LIBC_T1"), 0);
	CHECK(getenv("LIBC_T1") == NULL);
	CHECK_STR(getenv("LIBC_V5"), "LIBC_V5");
	char put[] = "LIBC_PUT=yes";
	putenv(put);
	CHECK_STR(getenv("LIBC_PUT"), "yes");
}

static void test_getopt(void)
{
	char *argv[] = { "prog", "-ab", "-c", "val", "-dval2", "--", "-e", NULL };
	int argc = 7, c;
	char seen[16] = "";
	char *cval = NULL, *dval = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt(argc, argv, "abc:d:")) != -1) {
		strncat(seen, (char[]){ (char)c, 0 }, 1);
		if (c == 'c') cval = optarg;
		if (c == 'd') dval = optarg;
	}
	CHECK_STR(seen, "abcd");
	CHECK_STR(cval, "val");
	CHECK_STR(dval, "val2");
	CHECK_INT(optind, 6);
	CHECK_STR(argv[optind], "-e");

	char *argv2[] = { "prog", "-x", "-c", NULL };
	optind = 1;
	CHECK_INT(getopt(3, argv2, "c:"), '?');
	CHECK_INT(optopt, 'x');
	CHECK_INT(getopt(3, argv2, ":c:"), ':');
	/* getopt_long: =value or the next word, optional arguments, a
	 * flag, unique prefixes; ambiguous, unknown and unwanted-argument
	 * options are '?'. */
	{
		static int flag;
		static const struct option lo[] = {
			{ "verbose", no_argument, &flag, 7 },
			{ "port", required_argument, NULL, 'p' },
			{ "level", optional_argument, NULL, 'l' },
			{ "list", no_argument, NULL, 'L' },
			{ NULL, 0, NULL, 0 },
		};
		char *argv4[] = { "prog", "--verbose", "--port=80", "--port", "81",
				  "--level", "--level=3", "-a", "--lis", "--l",
				  "--nope", "--verbose=1", "file", NULL };
		int idx = -1;

		optind = 1;
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 0);
		CHECK_INT(flag, 7);
		CHECK_INT(idx, 0);
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'p');
		CHECK_STR(optarg, "80");
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'p');
		CHECK_STR(optarg, "81");
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'l');
		CHECK(optarg == NULL);
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'l');
		CHECK_STR(optarg, "3");
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'a');
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), 'L');
		CHECK_INT(idx, 3);
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), '?');
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), '?');
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), '?');
		CHECK_INT(getopt_long(13, argv4, "ap:", lo, &idx), -1);
		CHECK_STR(argv4[optind], "file");
		char *argv5[] = { "prog", "--port", NULL };
		optind = 1;
		CHECK_INT(getopt_long(2, argv5, ":p:", lo, NULL), ':');
	}
#ifndef __GLIBC__      /* glibc permutes arguments (a GNU extension) */
	char *argv3[] = { "prog", "file", "-a", NULL };
	optind = 1;
	CHECK_INT(getopt(3, argv3, "a"), -1);
	CHECK_INT(optind, 1);
#endif
}

static void test_rand(void)
{
	int a[5], same = 1;

	srand(7);
	for (int i = 0; i < 5; i++)
		a[i] = rand();
	srand(7);
	for (int i = 0; i < 5; i++)
		if (rand() != a[i])
			same = 0;
	CHECK(same);
	CHECK(a[0] >= 0 && a[0] <= RAND_MAX && a[0] != a[1]);
	CHECK_INT(abs(-5), 5);
	CHECK_INT(labs(-5L), 5);
	div_t d = div(17, 5);
	CHECK(d.quot == 3 && d.rem == 2);
}

int main(void)
{
	test_strtol();
	test_sort();
	test_env();
	test_getopt();
	test_rand();
	return check_summary();
}
