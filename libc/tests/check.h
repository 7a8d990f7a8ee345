/* Minimal test harness for libc tests. Each failed check prints one line
 * "FAIL file:line: expr"; check_summary() prints the last line the test
 * runner parses, "N passed, M failed", and returns the exit status.
 * The tests use only standard interfaces, so they also build against the
 * host's glibc (make libc-tests-glibc) to show the expectations are right. */
#ifndef LIBC_TEST_CHECK_H
#define LIBC_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond) do {                                                   \
	if (cond) {                                                        \
		check_pass++;                                              \
	} else {                                                           \
		check_fail++;                                              \
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
	}                                                                  \
} while (0)

#define CHECK_STR(got, want) do {                                          \
	const char *g_ = (got), *w_ = (want);                              \
	if (g_ && w_ && !strcmp(g_, w_)) {                                 \
		check_pass++;                                              \
	} else {                                                           \
		check_fail++;                                              \
		printf("FAIL %s:%d: got \"%s\" want \"%s\"\n", __FILE__,  \
		       __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");  \
	}                                                                  \
} while (0)

#define CHECK_INT(got, want) do {                                          \
	long long g_ = (long long)(got), w_ = (long long)(want);           \
	if (g_ == w_) {                                                    \
		check_pass++;                                              \
	} else {                                                           \
		check_fail++;                                              \
		printf("FAIL %s:%d: %s = %lld, want %lld\n", __FILE__,    \
		       __LINE__, #got, g_, w_);                            \
	}                                                                  \
} while (0)

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_pass, check_fail);
	fflush(stdout);
	return check_fail != 0;
}

#endif
