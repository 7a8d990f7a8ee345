/* ktest: the output protocol of the in-kernel test programs (systest,
 * nettest). One line per check, "PASS name" or "FAIL name: detail", and a
 * last line "N passed, M failed" that the QEMU harness and the host test
 * runner parse. Each group runs in a forked child reporting through a
 * pipe, so a group the kernel kills counts as a failure and the rest run. */
#ifndef KTEST_H
#define KTEST_H

#include <errno.h>
#include <string.h>

struct ktest_group {
	const char *name;
	void (*fn)(void);
};

void ktest_result(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Run the groups named on the command line (all when none); returns the
 * exit status (0 if everything passed). */
int ktest_main(int argc, char **argv, const struct ktest_group *g, int n);
long ktest_now_ms(void);

#define CHECK(name, cond, ...) ktest_result(!!(cond), name, __VA_ARGS__)
/* A call expected to fail with a given errno. */
#define EXPECT_ERR(name, call, err) do {                                   \
	errno = 0;                                                         \
	long r_ = (long)(call);                                            \
	int e_ = errno;                                                    \
	ktest_result(r_ == -1 && e_ == (err), name, "returned %ld errno %d " \
		     "(%s), want -1 errno %d (%s)", r_, e_, strerror(e_),  \
		     err, strerror(err));                                  \
} while (0)

#endif
