/* Kernel timers: a hierarchical timing wheel, the classic Linux design.
 * Level 0 has one slot per millisecond for the next 256 ms; each higher
 * level covers 256 times the span of the one below, and its slots are
 * "cascaded" down one level as time reaches them. Adding and deleting a
 * timer is O(1) however many exist (TCP keeps one or more per connection),
 * and each tick touches only the timers due.
 *
 * Timer callbacks run from TIMER_SOFTIRQ with interrupts enabled. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/time.h>

#define WHEEL_BITS  8
#define WHEEL_SIZE  (1 << WHEEL_BITS)
#define WHEEL_MASK  (WHEEL_SIZE - 1)
#define LEVELS      4           /* 2^32 ms ~ 49 days; later goes on level 3 */

#define TIMER_PENDING 0x80000000u

static struct list_head wheel[LEVELS][WHEEL_SIZE];
static u64 wheel_clock;         /* next millisecond to process */
static unsigned long nr_timers;

/* Choose the slot for a timer given how far away it is. */
static struct list_head *slot_for(u64 expires)
{
	u64 delta = expires - wheel_clock;
	int lvl;

	if ((s64)delta < 0)
		return &wheel[0][wheel_clock & WHEEL_MASK];
	for (lvl = 0; lvl < LEVELS - 1; lvl++)
		if (delta < (1ULL << (WHEEL_BITS * (lvl + 1))))
			break;
	if (lvl == LEVELS - 1 && delta >= (1ULL << (WHEEL_BITS * LEVELS)))
		expires = wheel_clock + (1ULL << (WHEEL_BITS * LEVELS)) - 1;
	return &wheel[lvl][(expires >> (WHEEL_BITS * lvl)) & WHEEL_MASK];
}

static void enqueue(struct timer_list *t)
{
	list_add_tail(&t->entry, slot_for(t->expires));
	t->flags |= TIMER_PENDING;
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 u32 flags)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->flags = flags & ~TIMER_PENDING;
	t->expires = 0;
}

bool timer_pending(const struct timer_list *t)
{
	return t->flags & TIMER_PENDING;
}

int mod_timer(struct timer_list *t, u64 expires)
{
	unsigned long f = local_irq_save();
	int was = timer_pending(t);

	if (was)
		list_del(&t->entry);
	else
		nr_timers++;
	t->expires = expires;
	enqueue(t);
	local_irq_restore(f);
	return was;
}

int del_timer(struct timer_list *t)
{
	unsigned long f = local_irq_save();
	int was = timer_pending(t);

	if (was) {
		list_del(&t->entry);
		t->flags &= ~TIMER_PENDING;
		nr_timers--;
	}
	local_irq_restore(f);
	return was;
}

/* Move the timers of a higher-level slot down to where they now belong. */
static void cascade(int lvl)
{
	unsigned idx = (wheel_clock >> (WHEEL_BITS * lvl)) & WHEEL_MASK;
	struct list_head tmp;
	struct timer_list *t, *n;

	INIT_LIST_HEAD(&tmp);
	if (list_empty(&wheel[lvl][idx]))
		return;
	/* Splice the slot out, then re-insert each timer. */
	tmp.next = wheel[lvl][idx].next;
	tmp.prev = wheel[lvl][idx].prev;
	tmp.next->prev = &tmp;
	tmp.prev->next = &tmp;
	INIT_LIST_HEAD(&wheel[lvl][idx]);
	list_for_each_entry_safe(t, n, &tmp, entry) {
		list_del(&t->entry);
		list_add_tail(&t->entry, slot_for(t->expires));
	}
}

/* Run everything due up to now. Called from TIMER_SOFTIRQ. */
void run_timers(void)
{
	u64 now = ktime_get_ms();
	unsigned long f = local_irq_save();

	while (wheel_clock <= now) {
		struct list_head *slot;

		/* At each wrap of a level, refill it from the level above. */
		for (int lvl = 1; lvl < LEVELS; lvl++) {
			if (wheel_clock & ((1ULL << (WHEEL_BITS * lvl)) - 1))
				break;
			cascade(lvl);
		}
		slot = &wheel[0][wheel_clock & WHEEL_MASK];
		while (!list_empty(slot)) {
			struct timer_list *t = list_first_entry(slot, struct timer_list, entry);

			if (t->expires > wheel_clock) {
				/* Belongs to a later lap (clamped far timers). */
				list_del(&t->entry);
				list_add_tail(&t->entry, slot_for(t->expires));
				if (slot_for(t->expires) == slot)
					break;
				continue;
			}
			list_del(&t->entry);
			t->flags &= ~TIMER_PENDING;
			nr_timers--;
			local_irq_restore(f);
			t->function(t);
			f = local_irq_save();
		}
		wheel_clock++;
	}
	local_irq_restore(f);
}

void timers_init(void)
{
	for (int l = 0; l < LEVELS; l++)
		for (int i = 0; i < WHEEL_SIZE; i++)
			INIT_LIST_HEAD(&wheel[l][i]);
	wheel_clock = ktime_get_ms();
	open_softirq(TIMER_SOFTIRQ, run_timers);
}
