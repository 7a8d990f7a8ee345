/* Page faults. Until processes exist every fault is either a fixed-up
 * user copy or a kernel bug; the process code extends do_page_fault with
 * demand paging and copy-on-write for user addresses. */
#include <kernel/kernel.h>
#include <kernel/irq.h>
#include <kernel/traps.h>

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
	if (!user_mode(regs)) {
		kernel_page_fault(regs);
		return true;
	}
	user_fault(regs, SIGSEGV, "Page fault");
	return true;
}
