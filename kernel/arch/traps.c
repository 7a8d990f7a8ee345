/* CPU exceptions. A fault in user mode becomes a signal for the process
 * (kernel/signal.c); a fault in the kernel is either a planned one (a user
 * copy that hit a bad pointer, fixed up through the exception table) or a
 * bug, which prints a register dump and a backtrace and panics. It must
 * never turn into a silent triple fault. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/irq.h>
#include <kernel/ksyms.h>
#include <kernel/traps.h>

static const char *const exception_names[32] = {
	"Divide error", "Debug", "NMI", "Breakpoint", "Overflow",
	"BOUND range exceeded", "Invalid opcode", "Device not available",
	"Double fault", "Coprocessor segment overrun", "Invalid TSS",
	"Segment not present", "Stack-segment fault", "General protection fault",
	"Page fault", "Reserved", "x87 floating-point error", "Alignment check",
	"Machine check", "SIMD floating-point error", "Virtualization error",
	"Control protection error", "Reserved", "Reserved", "Reserved",
	"Reserved", "Reserved", "Reserved", "Hypervisor injection",
	"VMM communication", "Security exception", "Reserved",
};

void show_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx RFLAGS: %08lx\n",
	       (unsigned long)r->cs, (unsigned long)r->rip, (unsigned long)r->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx ERR: %lx\n",
	       (unsigned long)r->ss, (unsigned long)r->rsp, (unsigned long)r->error_code);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       (unsigned long)r->rdx, (unsigned long)r->rsi, (unsigned long)r->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       (unsigned long)r->rbp, (unsigned long)r->r8, (unsigned long)r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       (unsigned long)r->r10, (unsigned long)r->r11, (unsigned long)r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       (unsigned long)r->r13, (unsigned long)r->r14, (unsigned long)r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       (unsigned long)read_cr0(), (unsigned long)read_cr2(),
	       (unsigned long)read_cr3(), (unsigned long)read_cr4());
}

static void __noreturn die(const char *what, struct pt_regs *regs)
{
	printk(KERN_EMERG "Oops: %s (vector %lu, error %#lx) in kernel mode\n",
	       what, (unsigned long)regs->vector, (unsigned long)regs->error_code);
	if (regs->vector == 14)
		printk(KERN_EMERG "Faulting address: %016lx (%s %s, %s)\n",
		       (unsigned long)read_cr2(),
		       regs->error_code & 1 ? "protection violation" : "not present",
		       regs->error_code & 2 ? "on write" : "on read",
		       regs->error_code & 16 ? "instruction fetch" : "data");
	show_regs(regs);
	dump_backtrace(regs->rbp, regs->rip);
	panic("fatal exception: %s", what);
}

/* Exceptions a user program can cause and the signal each one becomes. */
static int trap_signal(u64 vector)
{
	switch (vector) {
	case 0: case 16: case 19: return SIGFPE;
	case 1: case 3: return SIGTRAP;
	case 6: return SIGILL;
	case 17: return SIGBUS;
	default: return SIGSEGV;
	}
}

void do_trap(struct pt_regs *regs)
{
	u64 v = regs->vector;

	if (v == 14) {
		if (do_page_fault(regs, read_cr2()))
			return;
	} else if (user_mode(regs)) {
		user_fault(regs, trap_signal(v), exception_names[v]);
		return;
	} else if (fixup_exception(regs)) {
		return;
	}
	die(exception_names[v & 31], regs);
}

void kernel_page_fault(struct pt_regs *regs)
{
	if (fixup_exception(regs))
		return;
	die("Page fault", regs);
}
