/* Process system calls: identity, fork/exec/exit/wait, process groups and
 * sessions, signals, memory (brk, mmap). Each only decodes and checks its
 * arguments, then calls the subsystem. */
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/fs.h>
#include <kernel/mm_types.h>
#include <kernel/exec.h>
#include <kernel/tty.h>
#include <uapi/wait.h>
#include <uapi/resource.h>
#include <uapi/prctl.h>

long do_wait4(int pid, int *status, int options, struct rusage *ru);

SYSCALL_DEFINE0(getpid) { return current->pid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid) { return current->parent ? current->parent->pid : 0; }
SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }

SYSCALL_DEFINE0(fork)
{
	return do_fork(task_pt_regs(current));
}

/* vfork's "parent waits until the child execs" is an optimisation; a
 * plain copy-on-write fork gives the same observable result. */
SYSCALL_DEFINE0(vfork)
{
	return do_fork(task_pt_regs(current));
}

SYSCALL_DEFINE3(execve, const char *, upath, char *const *, argv, char *const *, envp)
{
	char *path;
	int r = getname(upath, &path);

	if (r < 0)
		return r;
	r = do_execve(path, argv, envp, false);
	kfree(path);
	return r;
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE4(wait4, int, pid, int *, ustatus, int, options, struct rusage *, uru)
{
	struct rusage ru;
	int status = 0;
	long r;

	if (pid == INT32_MIN)
		return -ESRCH;
	r = do_wait4(pid, &status, options, uru ? &ru : NULL);
	if (r <= 0)
		return r;
	if (ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (uru && copy_to_user(uru, &ru, sizeof(ru)))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct task_struct *t;
	int found = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0) {
		t = find_task_by_pid(pid);
		if (!t || t->kthread || t->state == TASK_DEAD)
			return -ESRCH;
		return sig ? send_signal(t, sig) : 0;
	}
	if (pid == -1) {
		/* everyone but init and ourselves */
		list_for_each_entry(t, &task_list, tasks) {
			if (t->pid <= 1 || t == current || t->kthread)
				continue;
			found++;
			if (sig)
				send_signal(t, sig);
		}
		return found ? 0 : -ESRCH;
	}
	if (pid == INT32_MIN)
		return -ESRCH;
	pid = pid == 0 ? current->pgid : -pid;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pgid != pid || t->kthread || t->pid == 0)
			continue;
		found++;
		if (sig)
			send_signal(t, sig);
	}
	return found ? 0 : -ESRCH;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	if (pgid < 0)
		return -EINVAL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t->pid == t->sid)
		return -EPERM;          /* a session leader keeps its group */
	if (t->sid != current->sid)
		return -EPERM;
	t->pgid = pgid ? pgid : t->pid;
	return 0;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	return t ? t->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp) { return current->pgid; }

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	return t ? t->sid : -ESRCH;
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *t;

	if (current->pgid == current->pid)
		return -EPERM;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == current->pid)
			return -EPERM;
	current->sid = current->pgid = current->pid;
	current->tty = NULL;
	return current->sid;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction *, uact,
		struct sigaction *, uoact, size_t, sigsetsize)
{
	struct k_sigaction *ka;
	struct sigaction act, old;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (uact && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	ka = &current->sigaction[sig - 1];
	memset(&old, 0, sizeof(old));
	old.sa_handler = ka->handler;
	old.sa_flags = ka->flags;
	old.sa_restorer = ka->restorer;
	old.sa_mask = ka->mask;
	if (uact) {
		if (copy_from_user(&act, uact, sizeof(act)))
			return -EFAULT;
		ka->handler = act.sa_handler;
		ka->flags = act.sa_flags;
		ka->restorer = act.sa_restorer;
		ka->mask = act.sa_mask & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
		/* Setting SIG_IGN discards what is pending (POSIX). */
		if (ka->handler == SIG_IGN)
			current->sig_pending &= ~(1UL << (sig - 1));
	}
	if (uoact && copy_to_user(uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t *, uset, sigset_t *, uoset,
		size_t, sigsetsize)
{
	sigset_t set, old = current->sig_blocked;
	const sigset_t unblockable = (1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1));

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: current->sig_blocked |= set; break;
		case SIG_UNBLOCK: current->sig_blocked &= ~set; break;
		case SIG_SETMASK: current->sig_blocked = set; break;
		default: return -EINVAL;
		}
		current->sig_blocked &= ~unblockable;
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t *, uset, size_t, sigsetsize)
{
	sigset_t p = current->sig_pending & current->sig_blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &p, sizeof(p)) ? -EFAULT : 0;
}

static long sleep_until_signal(void)
{
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE0(pause)
{
	return sleep_until_signal();
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t *, umask, size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->sig_blocked;
	current->restore_sigmask = true;
	current->sig_blocked = set & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
	return sleep_until_signal();
}

static void alarm_fn(struct timer_list *t)
{
	struct task_struct *task = from_timer(task, t, alarm);

	send_signal(task, SIGALRM);
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct task_struct *t = current;
	u64 now = ktime_get_ms();
	long left = 0;

	if (timer_pending(&t->alarm) && t->alarm.expires > now)
		left = (t->alarm.expires - now + 999) / 1000;
	del_timer(&t->alarm);
	if (seconds) {
		timer_setup(&t->alarm, alarm_fn, 0);
		mod_timer(&t->alarm, now + (u64)seconds * 1000);
	}
	return left;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	if (!current->mm)
		return -ENOMEM;
	return do_brk(current->mm, brk);
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, int, prot,
		int, flags, int, fd, long, off)
{
	if (!current->mm)
		return -ENOMEM;
	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	return do_mmap(current->mm, addr, len, prot, flags);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	return do_munmap(current->mm, addr, len);
}

SYSCALL_DEFINE3(mprotect, unsigned long, addr, unsigned long, len, int, prot)
{
	return do_mprotect(current->mm, addr, len, prot);
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, a2, unsigned long, a3,
		unsigned long, a4, unsigned long, a5)
{
	char name[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(name, (const char *)a2, sizeof(name)) < 0) {
			/* too long is fine: the name is cut at 15 chars, as Linux */
			if (copy_from_user(name, (const void *)a2, sizeof(name) - 1))
				return -EFAULT;
		}
		name[sizeof(name) - 1] = 0;
		task_set_comm(current, name);
		return 0;
	case 16:        /* PR_GET_NAME */
		return copy_to_user((void *)a2, current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
	case PR_SET_CHILD_SUBREAPER:
		return 0;       /* accepted; init is always the reaper here */
	}
	return -EINVAL;
}
