/* panic(): stop everything, say why, show where from, and either halt or
 * (under a test, `panic=exit`) leave QEMU with a failure status. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/ksyms.h>
#include <kernel/qemu.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	u64 rbp;

	cli();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (in_panic) {
		printk(KERN_EMERG "nested panic: %s\n", buf);
		for (;;)
			hlt();
	}
	in_panic = true;
	printk(KERN_EMERG "Kernel panic: %s\n", buf);
	__asm__ volatile("movq %%rbp, %0" : "=r"(rbp));
	dump_backtrace(rbp, 0);
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	if (panic_exits())
		qemu_exit(QEMU_EXIT_PANIC);
	for (;;)
		hlt();
}

/* net/ reports broken invariants through WARN_ON(), which lands here. */
void port_warn(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", cond, file, line);
}
