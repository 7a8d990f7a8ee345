/* Minimal host unit-test harness for kernel logic: TEST(name) defines a
 * test, CHECK(cond, fmt...) fails it with a message, RUN_TESTS() runs all
 * in order and prints one line per test and the summary line
 * `N passed, M failed` that tests/run.py reads. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
};

extern struct unit_test unit_tests[];
extern int unit_ntests;
extern jmp_buf unit_jmp;
extern char unit_msg[512];

#define TEST(tname)                                                     \
	static void tname(void);                                        \
	__attribute__((constructor)) static void reg_##tname(void)      \
	{                                                               \
		unit_tests[unit_ntests].name = #tname;                  \
		unit_tests[unit_ntests++].fn = tname;                   \
	}                                                               \
	static void tname(void)

#define CHECK(cond, ...) do {                                           \
	if (!(cond)) {                                                  \
		int _n = snprintf(unit_msg, sizeof(unit_msg),           \
				  "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
		snprintf(unit_msg + _n, sizeof(unit_msg) - _n, __VA_ARGS__); \
		longjmp(unit_jmp, 1);                                   \
	}                                                               \
} while (0)

int unit_run_all(void);

#endif
