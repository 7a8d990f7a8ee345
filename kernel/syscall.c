/* The system call table and dispatcher. The table is indexed by the Linux
 * x86_64 numbers (include/kernel/syscall_list.h); `syscall` enters through
 * kernel/arch/switch.S:syscall_entry, which saves a struct pt_regs and
 * calls do_syscall_64. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/gdt.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/cmdline.h>

#define NR_SYSCALLS 512
#define X86_EFLAGS_TF 0x100
#define X86_EFLAGS_DF 0x400
#define X86_EFLAGS_AC 0x40000

static const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
#define __SYSCALL(nr, name) [nr] = sys_##name,
#include <kernel/syscall_list.h>
#undef __SYSCALL
};

static const char *const sys_call_names[NR_SYSCALLS] = {
#define __SYSCALL(nr, name) [nr] = #name,
#include <kernel/syscall_list.h>
#undef __SYSCALL
};

static bool trace_syscalls;
static u64 syscall_count, enosys_count;

void do_syscall_64(struct pt_regs *regs);
void do_syscall_64(struct pt_regs *regs)
{
	u64 nr = regs->error_code;      /* rax at entry */
	long ret;

	sti();
	syscall_count++;
	if (nr < NR_SYSCALLS && sys_call_table[nr]) {
		ret = sys_call_table[nr](regs);
	} else {
		enosys_count++;
		ret = -ENOSYS;
	}
	if (trace_syscalls)
		printk(KERN_INFO "[%d %s] %s(%lx, %lx, %lx) = %ld\n", current->pid,
		       current->comm, nr < NR_SYSCALLS && sys_call_names[nr] ?
		       sys_call_names[nr] : "?", (unsigned long)regs->rdi,
		       (unsigned long)regs->rsi, (unsigned long)regs->rdx, ret);
	regs->rax = ret;
	cli();
	exit_to_user_mode(regs);
}

/* SYSCALL jumps to LSTAR with CS from STAR[47:32]; SFMASK clears IF so the
 * entry code can switch stacks before any interrupt arrives. */
void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((u64)(USER_DS - 8 - 3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	wrmsr(MSR_SFMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC);
	trace_syscalls = cmdline_has("strace");
}

u64 syscall_total(void);
u64 syscall_total(void)
{
	return syscall_count;
}
