/* Signals: sending (kill, faults, SIGPIPE, ^C from the TTY), blocking, and
 * delivery on the way back to user mode. A handled signal gets a Linux
 * x86_64 rt_sigframe on the user stack (saved registers, mask and FPU
 * state) and returns through sa_restorer -> rt_sigreturn. Default actions
 * are Linux's: terminate (with "core" for fault signals), ignore, stop or
 * continue. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/sched.h>
#include <kernel/gdt.h>
#include <kernel/traps.h>
#include <kernel/uaccess.h>
#include <kernel/mm.h>
#include <kernel/syscalls.h>

#define SIGMASK(sig) (1UL << ((sig) - 1))
#define SIG_KERNEL_ONLY (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))
#define SIG_DFL_IGNORE (SIGMASK(SIGCHLD) | SIGMASK(SIGURG) | SIGMASK(SIGWINCH) | \
			SIGMASK(SIGCONT))
#define SIG_DFL_STOP (SIGMASK(SIGSTOP) | SIGMASK(SIGTSTP) | SIGMASK(SIGTTIN) | \
		      SIGMASK(SIGTTOU))
#define SIG_DFL_CORE (SIGMASK(SIGQUIT) | SIGMASK(SIGILL) | SIGMASK(SIGTRAP) | \
		      SIGMASK(SIGABRT) | SIGMASK(SIGBUS) | SIGMASK(SIGFPE) | \
		      SIGMASK(SIGSEGV) | SIGMASK(SIGXCPU) | SIGMASK(SIGXFSZ) | \
		      SIGMASK(SIGSYS))

/* Linux's x86_64 signal frame. */
struct sigcontext64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;
	u64 reserved1[8];
};

struct ucontext64 {
	u64 uc_flags;
	u64 uc_link;
	u64 ss_sp;
	s32 ss_flags;
	u32 pad;
	u64 ss_size;
	struct sigcontext64 uc_mcontext;
	u64 uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext64 uc;
	siginfo_t info;
};

_Static_assert(sizeof(struct sigcontext64) == 256, "sigcontext layout");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo layout");

bool signal_pending(struct task_struct *t)
{
	return (t->sig_pending & ~t->sig_blocked) || (t->sig_pending & SIG_KERNEL_ONLY);
}

void signal_init_task(struct task_struct *t, struct task_struct *parent)
{
	if (parent) {
		memcpy(t->sigaction, parent->sigaction, sizeof(t->sigaction));
		t->sig_blocked = parent->sig_blocked;
	}
	t->sig_pending = 0;
}

/* exec keeps ignored signals ignored and resets handled ones. */
void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		if (t->sigaction[i].handler != SIG_IGN)
			t->sigaction[i].handler = SIG_DFL;
		t->sigaction[i].flags = 0;
		t->sigaction[i].mask = 0;
		t->sigaction[i].restorer = NULL;
	}
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	__sighandler_t h = t->sigaction[sig - 1].handler;

	if (SIGMASK(sig) & SIG_KERNEL_ONLY)
		return false;
	if (t->sig_blocked & SIGMASK(sig))
		return false;   /* may be unblocked later with a handler */
	return h == SIG_IGN || (h == SIG_DFL && (SIGMASK(sig) & SIG_DFL_IGNORE));
}

int send_signal(struct task_struct *t, int sig)
{
	unsigned long f;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD || t->kthread)
		return 0;
	f = local_irq_save();
	if (sig == SIGCONT || sig == SIGKILL) {
		t->sig_pending &= ~SIG_DFL_STOP;
		if (t->state == TASK_STOPPED)
			wake_up_process(t);
	}
	if (SIGMASK(sig) & SIG_DFL_STOP)
		t->sig_pending &= ~SIGMASK(SIGCONT);
	if (!sig_ignored(t, sig)) {
		t->sig_pending |= SIGMASK(sig);
		if (signal_pending(t) && t->state == TASK_INTERRUPTIBLE)
			wake_up_process(t);
	}
	local_irq_restore(f);
	return 0;
}

int kill_pgrp(int pgid, int sig)
{
	struct task_struct *t;
	int found = 0;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->pgid == pgid && !t->kthread && t->pid > 0) {
			send_signal(t, sig);
			found++;
		}
	}
	return found ? 0 : -ESRCH;
}

/* A fatal fault in user mode: say what happened, as Linux's
 * show_signal_msg does, and make sure the signal cannot be ignored. */
void user_fault(struct pt_regs *regs, int sig, const char *what)
{
	struct task_struct *t = current;

	printk(KERN_INFO "%s[%d]: %s at %lx ip %016lx sp %016lx error %lx\n",
	       t->comm, t->pid, sig == SIGSEGV ? "segfault" : what,
	       regs->vector == 14 ? (unsigned long)read_cr2() : 0UL,
	       (unsigned long)regs->rip, (unsigned long)regs->rsp,
	       (unsigned long)regs->error_code);
	if (t->sigaction[sig - 1].handler == SIG_IGN || (t->sig_blocked & SIGMASK(sig))) {
		t->sigaction[sig - 1].handler = SIG_DFL;
		t->sig_blocked &= ~SIGMASK(sig);
	}
	send_signal(t, sig);
}

static int next_signal(struct task_struct *t)
{
	sigset_t ready = t->sig_pending & (~t->sig_blocked | SIG_KERNEL_ONLY);

	if (!ready)
		return 0;
	if (ready & SIGMASK(SIGKILL))
		return SIGKILL;
	return __builtin_ctzl(ready) + 1;
}

static void do_stop(int sig)
{
	struct task_struct *t = current, *p = t->parent;

	t->exit_code = (sig << 8) | 0x7f;
	t->state = TASK_STOPPED;
	if (p && !(p->sigaction[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal(p, SIGCHLD);
	if (p)
		wake_up(&p->wait_chldexit);
	while (t->state == TASK_STOPPED)
		schedule();
}

static int setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rt_sigframe frame;
	u64 sp = regs->rsp - 128;       /* skip the red zone */
	u64 fp_addr, frame_addr;
	u8 *fpu = t->fpu;               /* live FPU state saved here first */

	__asm__ volatile("fxsave64 (%0)" :: "r"(fpu) : "memory");
	sp -= 512;
	fp_addr = ALIGN_DOWN(sp, 64);
	frame_addr = ALIGN_DOWN(fp_addr - sizeof(frame), 16) - 8;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (u64)ka->restorer;
	frame.uc.uc_sigmask = t->restore_sigmask ? t->saved_sigmask : t->sig_blocked;
	frame.uc.ss_flags = 2;          /* SS_DISABLE: no alternate stack */
	struct sigcontext64 *sc = &frame.uc.uc_mcontext;
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->rdi = regs->rdi; sc->rsi = regs->rsi; sc->rbp = regs->rbp; sc->rbx = regs->rbx;
	sc->rdx = regs->rdx; sc->rax = regs->rax; sc->rcx = regs->rcx; sc->rsp = regs->rsp;
	sc->rip = regs->rip; sc->eflags = regs->rflags;
	sc->cs = USER_CS; sc->ss = USER_DS;
	sc->err = regs->error_code;
	sc->trapno = regs->vector;
	sc->oldmask = frame.uc.uc_sigmask;
	sc->fpstate = fp_addr;
	frame.info.si_signo = sig;
	frame.info.si_code = SI_KERNEL;

	if (copy_to_user((void *)fp_addr, fpu, 512) ||
	    copy_to_user((void *)frame_addr, &frame, sizeof(frame)))
		return -EFAULT;

	regs->rsp = frame_addr;
	regs->rip = (u64)ka->handler;
	regs->rdi = sig;
	regs->rsi = frame_addr + offsetof(struct rt_sigframe, info);
	regs->rdx = frame_addr + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rflags &= ~(0x100UL | 0x400UL);   /* TF, DF clear for the handler */
	regs->cs = USER_CS;
	regs->ss = USER_DS;

	t->sig_blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		t->sig_blocked |= SIGMASK(sig);
	t->sig_blocked &= ~SIG_KERNEL_ONLY;
	t->restore_sigmask = false;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return 0;
}

/* An interrupted syscall: restart it, or make it fail with EINTR. */
static void handle_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	long ret = (long)regs->rax;

	if ((s64)regs->vector != -1)
		return;
	regs->vector = 0;
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND) {
		if (ka && (ret == -ERESTARTNOHAND || !(ka->flags & SA_RESTART))) {
			regs->rax = -EINTR;
		} else {
			regs->rax = regs->error_code;   /* the syscall number */
			regs->rip -= 2;                 /* back onto `syscall` */
		}
	}
}

/* Deliver one signal. Returns true if it set up a handler frame. */
static bool deliver_one(struct pt_regs *regs)
{
	struct task_struct *t = current;
	int sig = next_signal(t);
	struct k_sigaction *ka;

	if (!sig)
		return false;
	t->sig_pending &= ~SIGMASK(sig);
	ka = &t->sigaction[sig - 1];
	if (ka->handler == SIG_IGN && sig != SIGKILL)
		return false;
	if (ka->handler != SIG_DFL && sig != SIGKILL && sig != SIGSTOP) {
		handle_restart(regs, ka);
		if (setup_rt_frame(sig, ka, regs) < 0) {
			printk(KERN_INFO "%s[%d]: cannot set up signal frame, killed\n",
			       t->comm, t->pid);
			do_exit(SIGSEGV);
		}
		return true;
	}
	if (SIGMASK(sig) & SIG_DFL_IGNORE)
		return false;
	if (SIGMASK(sig) & SIG_DFL_STOP) {
		do_stop(sig);
		return false;
	}
	do_exit(sig);   /* no core files are written, so no WCOREDUMP bit */
}

void do_signal(struct pt_regs *regs)
{
	while (signal_pending(current))
		if (deliver_one(regs))
			return;
	/* No handler ran: an interrupted syscall simply restarts. */
	handle_restart(regs, NULL);
	if (current->restore_sigmask) {
		current->sig_blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}

/* The last thing before iretq to user mode, with interrupts off. */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched) {
			sti();
			schedule();
			cli();
			continue;
		}
		if (signal_pending(current) || (s64)regs->vector == -1) {
			sti();
			do_signal(regs);
			cli();
			if (signal_pending(current) && !need_resched &&
			    next_signal(current))
				continue;
		}
		break;
	}
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe frame;
	struct sigcontext64 *sc = &frame.uc.uc_mcontext;
	u64 frame_addr = regs->rsp - 8;
	u8 fp[512] __aligned(16);

	if (copy_from_user(&frame, (void *)frame_addr, sizeof(frame)))
		goto bad;
	if (sc->rip >= USER_TOP || sc->rsp >= USER_TOP)
		goto bad;
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	/* Only the arithmetic and direction/trap/alignment flags come back. */
	regs->rflags = (regs->rflags & ~0x40DD5UL) | (sc->eflags & 0x40DD5UL) | X86_EFLAGS_IF;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->vector = 0;               /* never restart across sigreturn */
	current->sig_blocked = frame.uc.uc_sigmask & ~SIG_KERNEL_ONLY;
	if (sc->fpstate) {
		if (copy_from_user(fp, (void *)sc->fpstate, 512))
			goto bad;
		*(u32 *)(fp + 24) &= 0xFFBF;            /* MXCSR: no reserved bits */
		*(u32 *)(fp + 28) = 0;
		__asm__ volatile("fxrstor64 (%0)" :: "r"(fp) : "memory");
	}
	return regs->rax;
bad:
	printk(KERN_INFO "%s[%d]: bad signal frame, killed\n", current->comm, current->pid);
	do_exit(SIGSEGV);
}
