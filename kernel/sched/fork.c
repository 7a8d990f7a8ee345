/* fork(): a new process that is a copy of the caller. The address space
 * is shared copy-on-write (kernel/mm/mmap.c), open files are shared by
 * reference, and the child starts life returning 0 from the same syscall
 * through ret_from_fork. */
#include <kernel/kernel.h>
#include <kernel/sched.h>
#include <kernel/fs.h>
#include <kernel/mm_types.h>

long do_fork(struct pt_regs *regs)
{
	struct task_struct *p = current, *t;
	struct pt_regs *child_regs;
	u64 *sp;
	int pid;

	pid = alloc_pid();
	if (pid < 0)
		return pid;
	t = alloc_task(p->comm);
	if (!t)
		return -ENOMEM;
	t->mm = p->mm ? mm_dup(p->mm) : NULL;
	t->files = p->files ? files_dup(p->files) : NULL;
	if ((p->mm && !t->mm) || (p->files && !t->files)) {
		if (t->mm)
			mm_destroy(t->mm);
		if (t->files)
			files_close_all(t->files);
		free_task(t);
		return -ENOMEM;
	}
	t->pid = pid;
	t->cwd = igrab(p->cwd);
	t->umask = p->umask;
	memcpy(t->rlim, p->rlim, sizeof(t->rlim));
	t->pgid = p->pgid;
	t->sid = p->sid;
	t->tty = p->tty;
	signal_init_task(t, p);
	/* The child continues with the parent's FPU registers as they are now. */
	__asm__ volatile("fxsave64 (%0)" :: "r"(t->fpu) : "memory");

	child_regs = task_pt_regs(t);
	*child_regs = *regs;
	child_regs->rax = 0;
	child_regs->vector = 0;
	sp = (u64 *)child_regs;
	*--sp = (u64)ret_from_fork;
	for (int i = 0; i < 6; i++)
		*--sp = 0;                      /* rbp rbx r12-r15 */
	t->ksp = (u64)sp;

	t->parent = p;
	list_add_tail(&t->sibling, &p->children);
	sched_enqueue_new(t);
	return pid;
}
