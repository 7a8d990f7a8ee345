/* Process exit and wait4. An exiting task gives back its memory, files and
 * directory at once and stays a zombie (just the task_struct and kernel
 * stack) until its parent collects the exit status. Orphans go to init,
 * which reaps them. Kernel threads and children of a parent that ignores
 * SIGCHLD are reaped immediately. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/sched.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/tty.h>
#include <kernel/uaccess.h>
#include <uapi/wait.h>
#include <uapi/resource.h>

static LIST_HEAD(dead_tasks);

/* Free tasks that finished exiting; never the one running now. */
void reap_dead_tasks(void);
void reap_dead_tasks(void)
{
	unsigned long f = local_irq_save();
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &dead_tasks, sibling) {
		if (t == current)
			continue;
		list_del(&t->sibling);
		free_task(t);
	}
	local_irq_restore(f);
}

static bool parent_auto_reaps(struct task_struct *t)
{
	struct task_struct *p = t->parent;

	if (t->kthread || !p)
		return true;
	return p->sigaction[SIGCHLD - 1].handler == SIG_IGN ||
	       (p->sigaction[SIGCHLD - 1].flags & SA_NOCLDWAIT);
}

static void forget_original_parent(struct task_struct *t)
{
	struct task_struct *c, *n;
	bool zombies = false;

	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = init_task;
		list_add_tail(&c->sibling, &init_task->children);
		if (c->state == TASK_ZOMBIE)
			zombies = true;
	}
	if (zombies)
		wake_up(&init_task->wait_chldexit);
}

void do_exit(int code)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;

	if (t == init_task)
		panic("init exited with status %#x", code);
	if (t->pid == 0)
		panic("the idle task tried to exit");
	del_timer(&t->alarm);
	if (t->files) {
		files_close_all(t->files);
		t->files = NULL;
	}
	if (t->cwd) {
		iput(t->cwd);
		t->cwd = NULL;
	}
	if (mm) {
		t->mm = NULL;
		write_cr3(virt_to_phys(kernel_pml4()));
		mm_destroy(mm);
	}
	if (t->sid == t->pid)
		tty_disassociate(t->sid);
	forget_original_parent(t);

	cli();
	t->exit_code = code;
	if (parent_auto_reaps(t)) {
		list_del(&t->sibling);
		list_add_tail(&t->sibling, &dead_tasks);
		t->state = TASK_DEAD;
	} else {
		t->state = TASK_ZOMBIE;
		send_signal(t->parent, SIGCHLD);
		wake_up(&t->parent->wait_chldexit);
	}
	schedule();
	panic("a dead task was scheduled");
}

static bool child_matches(struct task_struct *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgid == current->pgid;
	return c->pgid == -pid;
}

/* Collect a zombie: status to the caller, times to the parent, then free. */
static int release_child(struct task_struct *c, int *status, struct rusage *ru)
{
	int pid = c->pid;
	struct task_struct *p = current;

	*status = c->exit_code;
	if (ru) {
		memset(ru, 0, sizeof(*ru));
		ru->ru_utime.tv_sec = c->utime_ticks / 1000;
		ru->ru_utime.tv_usec = c->utime_ticks % 1000 * 1000;
		ru->ru_stime.tv_sec = c->stime_ticks / 1000;
		ru->ru_stime.tv_usec = c->stime_ticks % 1000 * 1000;
		ru->ru_minflt = c->minflt;
	}
	p->cutime_ticks += c->utime_ticks + c->cutime_ticks;
	p->cstime_ticks += c->stime_ticks + c->cstime_ticks;
	list_del(&c->sibling);
	free_task(c);
	return pid;
}

long do_wait4(int pid, int *status, int options, struct rusage *ru);
long do_wait4(int pid, int *status, int options, struct rusage *ru)
{
	wait_queue_entry_t wait;
	long r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	init_wait_entry(&wait, 0);
	for (;;) {
		struct task_struct *c;
		bool any = false;

		prepare_to_wait(&current->wait_chldexit, &wait);
		list_for_each_entry(c, &current->children, sibling) {
			if (!child_matches(c, pid) || c->kthread)
				continue;
			any = true;
			if (c->state == TASK_ZOMBIE) {
				finish_wait(&current->wait_chldexit, &wait);
				return release_child(c, status, ru);
			}
		}
		if (!any) {
			r = -ECHILD;
			break;
		}
		if (options & WNOHANG) {
			r = 0;
			break;
		}
		if (signal_pending(current)) {
			r = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	return r;
}
