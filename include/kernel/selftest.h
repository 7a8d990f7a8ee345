/* In-kernel self-tests, selected with the kernel option test=NAME. Each
 * registers itself in the .selftests section; the runner prints
 * "selftest NAME: PASS" or "selftest NAME: FAIL" and leaves QEMU with the
 * matching status. A test returns 0 on success or a negative errno. */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

struct selftest {
	const char *name;
	int (*fn)(void);
};

#define SELFTEST(tname, func)                                           \
	static const struct selftest __selftest_##func                  \
	__attribute__((used, section(".selftests"), aligned(8))) = {    \
		.name = tname, .fn = func }

/* Report a failed check and return from the test. */
#define ST_CHECK(cond, ...) do {                                        \
	if (!(cond)) {                                                  \
		printk(KERN_ERR "selftest check failed: %s (%s:%d) ",  \
		       #cond, __FILE__, __LINE__);                      \
		printk(KERN_ERR __VA_ARGS__);                           \
		printk(KERN_ERR "\n");                                  \
		return -1;                                              \
	}                                                               \
} while (0)

void selftest_run(const char *name);    /* does not return */

#endif
