/* Softirqs: deferred work raised by hard IRQ handlers (the timer tick,
 * NAPI receive) and run with interrupts enabled, either on the way out of
 * the outermost interrupt or when a process re-enables bottom halves.
 * Process-context code that shares data with softirqs brackets it with
 * local_bh_disable()/local_bh_enable() (spin_lock_bh on one CPU). */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/irq.h>

#define MAX_SOFTIRQ_RESTART 10

static void (*softirq_vec[NR_SOFTIRQS])(void);
static volatile unsigned pending;
static u64 softirq_count[NR_SOFTIRQS];
static void (*deferred_wakeup)(void);

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr] = action;
}

void raise_softirq(int nr)
{
	unsigned long f = local_irq_save();

	pending |= 1u << nr;
	local_irq_restore(f);
}

unsigned softirq_pending(void)
{
	return pending;
}

/* When softirqs keep re-raising themselves, the rest is handed to a kernel
 * thread (ksoftirqd) instead of starving processes. */
void softirq_set_deferred_wakeup(void (*fn)(void));
void softirq_set_deferred_wakeup(void (*fn)(void))
{
	deferred_wakeup = fn;
}

void do_softirq(void)
{
	unsigned long flags;
	int restart = MAX_SOFTIRQ_RESTART;

	if (in_interrupt())
		return;
	flags = local_irq_save();
	preempt_count += SOFTIRQ_OFFSET;
	while (pending && restart--) {
		unsigned todo = pending;

		pending = 0;
		sti();
		for (int nr = 0; todo; nr++, todo >>= 1) {
			if ((todo & 1) && softirq_vec[nr]) {
				softirq_count[nr]++;
				softirq_vec[nr]();
			}
		}
		cli();
	}
	preempt_count -= SOFTIRQ_OFFSET;
	if (pending && deferred_wakeup)
		deferred_wakeup();
	local_irq_restore(flags);
}

void local_bh_disable(void)
{
	preempt_count += SOFTIRQ_DISABLE_OFFSET;
	barrier();
}

void local_bh_enable(void)
{
	barrier();
	preempt_count -= SOFTIRQ_DISABLE_OFFSET;
	if (!in_interrupt() && pending)
		do_softirq();
}

bool in_softirq(void)
{
	return (preempt_count & SOFTIRQ_MASK) != 0;
}

/* One CPU: a spinlock only has to keep out whatever could interrupt the
 * holder. The locked flag catches recursive locking, a real bug even here. */
void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

void spin_lock(spinlock_t *l)
{
	if (l->locked)
		panic("spin_lock: recursive lock %p", (void *)l);
	l->locked = 1;
}

void spin_unlock(spinlock_t *l)
{
	l->locked = 0;
}

void spin_lock_bh(spinlock_t *l)
{
	local_bh_disable();
	spin_lock(l);
}

void spin_unlock_bh(spinlock_t *l)
{
	spin_unlock(l);
	local_bh_enable();
}

unsigned long spin_lock_irqsave_fn(spinlock_t *l)
{
	unsigned long f = local_irq_save();

	spin_lock(l);
	return f;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

void softirq_init(void)
{
	pending = 0;
}

/* ksoftirqd: when softirqs keep re-raising themselves (a receive flood),
 * do_softirq() stops after MAX_SOFTIRQ_RESTART rounds and hands the rest
 * to this thread, which competes fairly with processes for the CPU. */
#include <kernel/sched.h>

static struct task_struct *ksoftirqd;

static void wakeup_softirqd(void)
{
	if (ksoftirqd)
		wake_up_process(ksoftirqd);
}

static int ksoftirqd_fn(void *unused)
{
	for (;;) {
		cli();
		if (!pending) {
			current->state = TASK_INTERRUPTIBLE;
			sti();
			schedule();
			continue;
		}
		sti();
		do_softirq();
		cond_resched();
	}
	return 0;
}

void spawn_ksoftirqd(void);
void spawn_ksoftirqd(void)
{
	ksoftirqd = kthread_create(ksoftirqd_fn, NULL, "ksoftirqd/0");
	if (!ksoftirqd)
		panic("cannot start ksoftirqd");
	softirq_set_deferred_wakeup(wakeup_softirqd);
}
