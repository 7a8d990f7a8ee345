/* The scheduler: a round-robin run queue of runnable tasks (not counting
 * the one running), an idle task that halts when nothing is runnable, and
 * the time slice that the tick counts down. Switching loads the next
 * task's address space and kernel stack (TSS.RSP0 for interrupts, the
 * syscall stack pointer) and swaps FPU/SSE state with fxsave/fxrstor. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/time.h>

struct task_struct *current;
struct task_struct *init_task;
volatile bool need_resched;
LIST_HEAD(task_list);

void reap_dead_tasks(void);

static LIST_HEAD(run_queue);
static struct task_struct *idle_task;
static struct kmem_cache *task_cache;
static struct hlist_head pid_hash[256];
static int last_pid;
static unsigned long task_count;

unsigned long nr_tasks(void)
{
	return task_count;
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	hlist_for_each_entry(t, &pid_hash[pid & 255], pid_link)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* Next free pid after the last one handed out, wrapping at PID_MAX. */
int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		int pid = last_pid + 1 >= PID_MAX ? 2 : last_pid + 1;

		last_pid = pid;
		if (!find_task_by_pid(pid))
			return pid;
	}
	return -EAGAIN;
}

void task_set_comm(struct task_struct *t, const char *name)
{
	strlcpy(t->comm, name, sizeof(t->comm));
}

struct task_struct *alloc_task(const char *name)
{
	struct task_struct *t = kmem_cache_zalloc(task_cache);
	phys_addr_t stack;

	if (!t)
		return NULL;
	stack = alloc_pages(KSTACK_ORDER);
	t->fpu = kmalloc(512);
	if (!stack || !t->fpu) {
		if (stack)
			free_pages(stack, KSTACK_ORDER);
		kfree(t->fpu);
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	t->kstack = phys_to_virt(stack);
	task_set_comm(t, name);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->tasks);
	INIT_HLIST_NODE(&t->pid_link);
	init_waitqueue_head(&t->wait_chldexit);
	t->time_slice = TIME_SLICE_MS;
	t->start_ms = ktime_get_ms();
	t->umask = 022;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		t->rlim[i].rlim_cur = t->rlim[i].rlim_max = RLIM_INFINITY;
	t->rlim[RLIMIT_NOFILE].rlim_cur = 1024;
	t->rlim[RLIMIT_NOFILE].rlim_max = 65536;
	t->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	/* A clean FPU image: what fninit leaves, MXCSR with all exceptions
	 * masked. */
	memset(t->fpu, 0, 512);
	*(u16 *)(t->fpu + 0) = 0x037F;
	*(u32 *)(t->fpu + 24) = 0x1F80;
	return t;
}

/* Make a new task visible: pid hash, task list. */
static void hash_task(struct task_struct *t)
{
	unsigned long f = local_irq_save();

	hlist_add_head(&t->pid_link, &pid_hash[t->pid & 255]);
	list_add_tail(&t->tasks, &task_list);
	task_count++;
	local_irq_restore(f);
}

void free_task(struct task_struct *t)
{
	unsigned long f = local_irq_save();

	if (!hlist_unhashed(&t->pid_link)) {
		hlist_del(&t->pid_link);
		list_del(&t->tasks);
		task_count--;
	}
	local_irq_restore(f);
	free_pages(virt_to_phys(t->kstack), KSTACK_ORDER);
	kfree(t->fpu);
	kmem_cache_free(task_cache, t);
}

static void enqueue(struct task_struct *t)
{
	if (!t->on_rq && t != idle_task) {
		list_add_tail(&t->run_list, &run_queue);
		t->on_rq = true;
	}
}

int wake_up_process(struct task_struct *t)
{
	unsigned long f = local_irq_save();
	int woke = 0;

	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE ||
	    t->state == TASK_STOPPED) {
		t->state = TASK_RUNNING;
		woke = 1;
	}
	if (t->state == TASK_RUNNING && t != current)
		enqueue(t);
	if (woke && current == idle_task)
		need_resched = true;
	local_irq_restore(f);
	return woke;
}

void sched_enqueue_new(struct task_struct *t)
{
	hash_task(t);
	t->state = TASK_RUNNING;
	wake_up_process(t);
}

static void switch_mm(struct task_struct *next)
{
	u64 *pml4 = next->mm ? next->mm->pml4 : kernel_pml4();
	u64 cr3 = virt_to_phys(pml4);

	if (read_cr3() != cr3)
		write_cr3(cr3);
}

static void switch_fpu(struct task_struct *prev, struct task_struct *next)
{
	__asm__ volatile("fxsave64 (%0)" :: "r"(prev->fpu) : "memory");
	__asm__ volatile("fxrstor64 (%0)" :: "r"(next->fpu) : "memory");
}

void schedule(void)
{
	unsigned long f = local_irq_save();
	struct task_struct *prev = current, *next;

	if (in_interrupt() && prev != idle_task)
		panic("schedule() in atomic context (preempt_count %#x)", preempt_count);
	need_resched = false;
	/* A signal cuts an interruptible sleep short. */
	if (prev->state == TASK_INTERRUPTIBLE && signal_pending(prev))
		prev->state = TASK_RUNNING;
	if (prev->state == TASK_RUNNING)
		enqueue(prev);
	if (list_empty(&run_queue)) {
		next = idle_task;
	} else {
		next = list_first_entry(&run_queue, struct task_struct, run_list);
		list_del(&next->run_list);
		next->on_rq = false;
	}
	if (next != prev) {
		if (next->time_slice <= 0)
			next->time_slice = TIME_SLICE_MS;
		switch_mm(next);
		tss_set_rsp0((u64)next->kstack + KSTACK_SIZE);
		syscall_kstack_top = (u64)next->kstack + KSTACK_SIZE;
		switch_fpu(prev, next);
		current = next;
		__switch_to(&prev->ksp, next->ksp);
		/* back in prev, possibly much later */
		reap_dead_tasks();
	}
	local_irq_restore(f);
}

/* A new task's first code after __switch_to: interrupts were off in the
 * schedule() that switched to it. */
void schedule_tail(void);
void schedule_tail(void)
{
	reap_dead_tasks();
	sti();
}

void ret_from_fork_c(struct pt_regs *regs);
void ret_from_fork_c(struct pt_regs *regs)
{
	schedule_tail();
	cli();
	exit_to_user_mode(regs);
}

void cond_resched(void)
{
	if (need_resched && !in_interrupt())
		schedule();
}

/* Called from the timer interrupt. */
void scheduler_tick(void)
{
	struct task_struct *t = current;

	if (!t)
		return;
	if (t->kthread || !t->mm)
		t->stime_ticks++;
	else
		t->utime_ticks++;
	if (t == idle_task) {
		if (!list_empty(&run_queue))
			need_resched = true;
		return;
	}
	if (--t->time_slice <= 0) {
		t->time_slice = TIME_SLICE_MS;
		if (!list_empty(&run_queue))
			need_resched = true;
	}
}

/* Build the initial kernel stack of a kernel thread so that the first
 * __switch_to into it "returns" to kthread_trampoline(fn, arg). */
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = alloc_task(name);
	u64 *sp;
	int pid;

	if (!t)
		return NULL;
	pid = alloc_pid();
	if (pid < 0) {
		free_task(t);
		return NULL;
	}
	t->pid = pid;
	t->kthread = true;
	t->parent = init_task ? init_task : idle_task;
	if (t->parent)
		list_add_tail(&t->sibling, &t->parent->children);
	/* Below the (unused) user register frame, which exec fills in if
	 * this thread becomes a process, as init does. */
	sp = (u64 *)task_pt_regs(t);
	*--sp = 0;                              /* alignment slot */
	*--sp = (u64)kthread_trampoline;
	*--sp = 0;                              /* rbp */
	*--sp = 0;                              /* rbx */
	*--sp = (u64)fn;                        /* r12 */
	*--sp = (u64)arg;                       /* r13 */
	*--sp = 0;                              /* r14 */
	*--sp = 0;                              /* r15 */
	t->ksp = (u64)sp;
	sched_enqueue_new(t);
	return t;
}

void kthread_exit(int code);
void kthread_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

/* The boot flow becomes the idle task (pid 0): it halts until an
 * interrupt makes something runnable. */
static void idle_loop(void)
{
	for (;;) {
		cli();
		if (!list_empty(&run_queue)) {
			sti();
			schedule();
			continue;
		}
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

void sched_init(void)
{
	task_cache = kmem_cache_create("task_struct", sizeof(struct task_struct));
	if (!task_cache)
		panic("sched: no memory for the task cache");
	idle_task = alloc_task("swapper");
	if (!idle_task)
		panic("sched: no memory for the idle task");
	idle_task->pid = 0;
	idle_task->kthread = true;
	idle_task->state = TASK_RUNNING;
	/* The idle task keeps running on the boot stack; the kernel stack
	 * alloc_task gave it is simply unused. */
	current = idle_task;
}

void __noreturn cpu_idle(void);
void __noreturn cpu_idle(void)
{
	idle_loop();
	__builtin_unreachable();
}

void msleep(unsigned ms)
{
	long left = ms;

	while (left > 0) {
		current->state = TASK_UNINTERRUPTIBLE;
		left = schedule_timeout(left);
	}
}

u64 idle_ticks(void);
u64 idle_ticks(void)
{
	return idle_task ? idle_task->stime_ticks : 0;
}
