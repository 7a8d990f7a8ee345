/* What runs once the machine is up. For now: idle, waking on interrupts.
 * Processes, the VFS, drivers and the network stack are started here as
 * they arrive. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/version.h>
#include <kernel/drivers.h>
#include <kernel/irq.h>
#include <kernel/traps.h>
#include <kernel/time.h>

void start_kernel_rest(void)
{
	drivers_init();
	printk(KERN_INFO "init: no processes yet, idling\n");
	for (;;)
		__asm__ volatile("sti; hlt" ::: "memory");
}

/* Placeholders the process code replaces. */
void scheduler_tick(void)
{
}

void exit_to_user_mode(struct pt_regs *regs)
{
}

void user_fault(struct pt_regs *regs, int sig, const char *what)
{
	panic("user fault before processes exist: %s", what);
}
