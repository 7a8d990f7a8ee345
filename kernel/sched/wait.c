/* Wait queues and timed sleeps: the port contract's sleeping primitives
 * (include/net/port.h), as Linux's kernel/sched/wait.c. A waiter either
 * wakes a task (autoremove_wake_function) or runs its own callback (poll,
 * epoll). Wake-ups may come from any context, so the queue is protected by
 * disabling interrupts. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/sched.h>

#define WQ_FLAG_AUTOREMOVE 0x1

void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

static int autoremove_wake_function(wait_queue_entry_t *we, unsigned mode,
				    int flags, void *key)
{
	int woke = wake_up_process(we->private);

	list_del(&we->entry);
	return woke;
}

void init_wait_entry(wait_queue_entry_t *we, int flags)
{
	we->flags = flags;
	we->private = current;
	we->func = autoremove_wake_function;
	INIT_LIST_HEAD(&we->entry);
}

void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	unsigned long f = local_irq_save();

	list_add_tail(&we->entry, &wq->head);
	local_irq_restore(f);
}

void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	unsigned long f = local_irq_save();

	list_del(&we->entry);
	local_irq_restore(f);
}

/* Queue the current task and mark it sleeping *before* the caller checks
 * its condition, so a wake-up between the check and schedule() is not
 * lost: it simply sets the task running again. */
void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	unsigned long f = local_irq_save();

	we->private = current;
	we->func = autoremove_wake_function;
	if (list_empty(&we->entry))
		list_add_tail(&we->entry, &wq->head);
	current->state = TASK_INTERRUPTIBLE;
	local_irq_restore(f);
}

void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	unsigned long f = local_irq_save();

	current->state = TASK_RUNNING;
	if (!list_empty(&we->entry))
		list_del(&we->entry);
	local_irq_restore(f);
}

void __wake_up(wait_queue_head_t *wq, unsigned long key)
{
	unsigned long f = local_irq_save();
	wait_queue_entry_t *we, *n;

	list_for_each_entry_safe(we, n, &wq->head, entry)
		we->func(we, TASK_INTERRUPTIBLE, 0, (void *)key);
	local_irq_restore(f);
}

static void process_timeout(struct timer_list *t);

struct sleep_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct sleep_timer *st = from_timer(st, t, timer);

	wake_up_process(st->task);
}

/* Sleep in the state the caller set, for at most timeout_ms; returns the
 * milliseconds left (0 if the time ran out). */
long schedule_timeout(long timeout_ms)
{
	struct sleep_timer st;
	u64 expire;
	u64 now;

	if (timeout_ms == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return MAX_SCHEDULE_TIMEOUT;
	}
	if (timeout_ms < 0)
		timeout_ms = 0;
	expire = ktime_get_ms() + timeout_ms;
	st.task = current;
	timer_setup(&st.timer, process_timeout, 0);
	mod_timer(&st.timer, expire);
	schedule();
	del_timer(&st.timer);
	now = ktime_get_ms();
	return now >= expire ? 0 : (long)(expire - now);
}

bool signal_pending_current(void)
{
	return current && signal_pending(current);
}
