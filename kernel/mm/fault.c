/* Page faults. A fault on a user address is resolved against the current
 * process's VMAs (demand zero-fill, copy-on-write), whether the user
 * program or the kernel (copying to or from user memory) touched it. What
 * cannot be resolved becomes SIGSEGV for a user program, an exception-table
 * fixup (-EFAULT) for a kernel user copy, or an oops for a kernel bug. */
#include <kernel/kernel.h>
#include <kernel/irq.h>
#include <kernel/traps.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>

#define PF_WRITE 0x2
#define PF_INSTR 0x10

extern const struct exception_entry __ex_table_start[], __ex_table_end[];

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_entry *e = __ex_table_start;
	     e < __ex_table_end; e++) {
		if (e->insn == regs->rip) {
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}

bool do_page_fault(struct pt_regs *regs, u64 addr)
{
	bool write = regs->error_code & PF_WRITE;
	bool exec = regs->error_code & PF_INSTR;
	int r = -EFAULT;

	/* Process context (bottom halves may be off, as around a socket
	 * send): a user page is faulted in, which never sleeps here. */
	if (addr < USER_TOP && current && current->mm && !in_irq_context())
		r = handle_mm_fault(current->mm, addr, write, exec);
	if (r == 0) {
		current->minflt++;
		return true;
	}
	if (r == -ENOMEM) {
		/* No page for a valid address: the process cannot go on. Linux
		 * would pick a victim; the one asking is ours. */
		printk(KERN_ERR "Out of memory: killed process %d (%s)\n",
		       current->pid, current->comm);
		send_signal(current, SIGKILL);
		if (user_mode(regs))
			return true;
	}
	if (user_mode(regs)) {
		user_fault(regs, SIGSEGV, "Page fault");
		return true;
	}
	kernel_page_fault(regs);
	return true;
}
