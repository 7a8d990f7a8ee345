/* A minimal test runner: TEST() registers a case in a linker section; the
 * runner forks each case (fresh global state, a crash fails only that case),
 * and prints "N passed, M failed" as its last line. CHECK* record a failure
 * and carry on, so one run shows every broken expectation. */
#ifndef TESTS_HOST_TEST_H
#define TESTS_HOST_TEST_H

#include <stdio.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

#define TEST(name)                                                        \
	static void name(void);                                           \
	static const struct test_case tc_##name                           \
		__attribute__((used, section("host_tests"), aligned(8))) = \
		{ #name, name };                                          \
	static void name(void)

extern int test_failures;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			test_failures++;                                  \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n",     \
				__FILE__, __LINE__, #cond);               \
		}                                                         \
	} while (0)

#define CHECK_EQ(a, b)                                                    \
	do {                                                              \
		long long _a = (long long)(a), _b = (long long)(b);       \
		if (_a != _b) {                                           \
			test_failures++;                                  \
			fprintf(stderr, "  %s:%d: %s == %s failed: "       \
				"%lld != %lld\n", __FILE__, __LINE__, #a, \
				#b, _a, _b);                              \
		}                                                         \
	} while (0)

#endif
