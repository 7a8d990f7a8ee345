/* Exception handling hooks shared by traps.c and the memory manager. */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include <kernel/irq.h>

#include <uapi/signal.h>

/* Returns true if the fault was handled (demand paging, copy-on-write, a
 * user fault turned into a signal, or a fixed-up kernel user-copy). */
bool do_page_fault(struct pt_regs *regs, u64 addr);
/* A fatal fault in user mode: report it and kill the process. */
void user_fault(struct pt_regs *regs, int sig, const char *what);
/* A page fault in kernel mode that no fixup covers: oops. */
void kernel_page_fault(struct pt_regs *regs);

#endif
