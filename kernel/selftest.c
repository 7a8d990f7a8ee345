/* Runs the self-test named by test=NAME and exits QEMU with its result. */
#include <kernel/kernel.h>
#include <kernel/selftest.h>
#include <kernel/qemu.h>

extern const struct selftest __selftests_start[], __selftests_end[];

void selftest_run(const char *name)
{
	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++) {
		if (strcmp(t->name, name))
			continue;
		printk(KERN_INFO "selftest %s: running\n", name);
		int r = t->fn();
		printk(KERN_INFO "selftest %s: %s\n", name, r == 0 ? "PASS" : "FAIL");
		qemu_exit(r == 0 ? QEMU_EXIT_SUCCESS : QEMU_EXIT_FAILURE);
	}
	printk(KERN_ERR "selftest %s: unknown test; known:", name);
	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
		printk(KERN_ERR " %s", t->name);
	printk(KERN_ERR "\n");
	qemu_exit(QEMU_EXIT_FAILURE);
}
