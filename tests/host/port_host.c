/* The port contract (include/net/port.h) implemented for host tests.
 *
 * Time is simulated: it moves only when a test calls host_advance(), and
 * timers fire in expiry order with the clock set to their expiry. Softirqs
 * run when the test asks (host_run_softirqs), never behind its back.
 * Allocations are counted so every test can prove it leaked nothing.
 */
#include <net/port.h>
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Console ---- */
static char *log_buf;
static size_t log_len, log_cap;
static int warn_count;

int printk(const char *fmt, ...)
{
	char line[1024];
	const char *text = line;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	/* Strip the "<N>" level like the kernel console does. */
	if (line[0] == '<' && line[1] >= '0' && line[1] <= '7' && line[2] == '>')
		text += 3;
	size_t len = strlen(text);
	if (log_len + len + 1 > log_cap) {
		log_cap = (log_len + len + 1) * 2;
		log_buf = realloc(log_buf, log_cap);
		if (!log_buf)
			abort();
	}
	memcpy(log_buf + log_len, text, len + 1);
	log_len += len;
	if (getenv("NET_VERBOSE"))
		fputs(text, stderr);
	return n;
}

const char *host_log(void)
{
	return log_buf ? log_buf : "";
}

void host_log_clear(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

int host_log_count(const char *needle)
{
	int n = 0;

	for (const char *p = host_log(); (p = strstr(p, needle)); p++)
		n++;
	return n;
}

void port_warn(const char *file, int line, const char *cond)
{
	warn_count++;
	fprintf(stderr, "WARN_ON(%s) at %s:%d\n", cond, file, line);
}

int host_warn_count(void)
{
	return warn_count;
}

/* ---- Memory ---- */
static long kmalloc_live, cache_live;

void *kmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p)
		kmalloc_live++;
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	if (!p)
		return;
	kmalloc_live--;
	free((void *)p);
}

long host_kmalloc_live(void)
{
	return kmalloc_live;
}

struct kmem_cache {
	const char *name;
	size_t size;
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *c = malloc(sizeof(*c));

	if (c) {
		c->name = name;
		c->size = size;
	}
	return c;
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	void *p = malloc(c->size);

	if (p)
		cache_live++;
	return p;
}

void *kmem_cache_zalloc(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c);

	if (p)
		memset(p, 0, c->size);
	return p;
}

void kmem_cache_free(struct kmem_cache *c, void *p)
{
	if (!p)
		return;
	cache_live--;
	free(p);
}

long host_cache_live(void)
{
	return cache_live;
}

/* ---- Time and timers ---- */
static u64 now_ns;
static LIST_HEAD(timer_list_head);

u64 ktime_get_ns(void)
{
	return now_ns;
}

u64 ktime_get_ms(void)
{
	return now_ns / 1000000;
}

u64 host_now_ms(void)
{
	return ktime_get_ms();
}

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 u32 flags)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->flags = flags;
	t->expires = 0;
}

bool timer_pending(const struct timer_list *t)
{
	return t->entry.next && !list_empty(&t->entry);
}

int del_timer(struct timer_list *t)
{
	if (!timer_pending(t))
		return 0;
	list_del(&t->entry);
	return 1;
}

/* Sorted by expiry; equal expiries keep arming order. */
int mod_timer(struct timer_list *t, u64 expires)
{
	struct timer_list *cur;
	int was = del_timer(t);

	t->expires = expires;
	list_for_each_entry(cur, &timer_list_head, entry) {
		if (cur->expires > expires) {
			__list_add(&t->entry, cur->entry.prev, &cur->entry);
			return was;
		}
	}
	list_add_tail(&t->entry, &timer_list_head);
	return was;
}

int host_pending_timers(void)
{
	int n = 0;
	struct list_head *p;

	list_for_each(p, &timer_list_head)
		n++;
	return n;
}

/* ---- Softirqs ---- */
static void (*softirq_vec[NR_SOFTIRQS])(void);
static unsigned int softirq_pending;
static int softirq_depth, bh_depth;

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr] = action;
}

void raise_softirq(int nr)
{
	softirq_pending |= 1u << nr;
}

bool host_softirq_pending(int nr)
{
	return softirq_pending & (1u << nr);
}

bool in_softirq(void)
{
	return softirq_depth > 0 || bh_depth > 0;
}

bool host_softirq_once(void)
{
	unsigned int pending = softirq_pending;

	if (!pending || softirq_depth)
		return false;
	softirq_pending = 0;
	softirq_depth++;
	for (int nr = 0; nr < NR_SOFTIRQS; nr++)
		if ((pending & (1u << nr)) && softirq_vec[nr])
			softirq_vec[nr]();
	softirq_depth--;
	return true;
}

int host_run_softirqs(void)
{
	int rounds = 0;

	while (rounds < 100000 && host_softirq_once())
		rounds++;
	return rounds;
}

static void run_one_timer(struct timer_list *t)
{
	list_del(&t->entry);
	softirq_depth++;
	t->function(t);
	softirq_depth--;
}

void host_advance(u64 ms)
{
	u64 target = now_ns + ms * 1000000;

	host_run_softirqs();
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head,
							struct timer_list,
							entry);

		if (t->expires * 1000000 > target)
			break;
		if (t->expires * 1000000 > now_ns)
			now_ns = t->expires * 1000000;
		run_one_timer(t);
		host_run_softirqs();
	}
	now_ns = target;
	host_run_softirqs();
}

/* ---- Locks (one CPU, no preemption: bookkeeping only) ---- */
void spin_lock_init(spinlock_t *l) { l->locked = 0; }
void spin_lock(spinlock_t *l) { l->locked++; }
void spin_unlock(spinlock_t *l) { l->locked--; }
void local_bh_disable(void) { bh_depth++; }
void local_bh_enable(void) { bh_depth--; }
void spin_lock_bh(spinlock_t *l) { local_bh_disable(); spin_lock(l); }
void spin_unlock_bh(spinlock_t *l) { spin_unlock(l); local_bh_enable(); }
unsigned long spin_lock_irqsave_fn(spinlock_t *l) { spin_lock(l); return 0; }
void spin_unlock_irqrestore(spinlock_t *l, unsigned long f) { spin_unlock(l); }

/* ---- Wait queues ---- */
void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

static bool host_woken;

static int host_default_wake(wait_queue_entry_t *we, unsigned mode,
			     int flags, void *key)
{
	host_woken = true;
	return 1;
}

void init_wait_entry(wait_queue_entry_t *we, int flags)
{
	we->flags = (unsigned int)flags;
	we->private = NULL;
	we->func = host_default_wake;
	INIT_LIST_HEAD(&we->entry);
}

void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	list_add_tail(&we->entry, &wq->head);
}

void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	list_del(&we->entry);
}

void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	if (list_empty(&we->entry))
		add_wait_queue(wq, we);
}

void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *we)
{
	if (!list_empty(&we->entry))
		list_del(&we->entry);
}

void __wake_up(wait_queue_head_t *wq, unsigned long key)
{
	wait_queue_entry_t *we, *n;

	list_for_each_entry_safe(we, n, &wq->head, entry)
		we->func(we, 0, 0, (void *)key);
}

/* No tasks on the host: "sleeping" lets simulated time pass in 10 ms
 * steps until woken or out of time, so blocking paths stay testable. */
long schedule_timeout(long timeout_ms)
{
	long left = timeout_ms;

	if (left == MAX_SCHEDULE_TIMEOUT)
		left = 60000;
	host_woken = false;
	while (left > 0 && !host_woken) {
		long step = left < 10 ? left : 10;

		host_advance((u64)step);
		left -= step;
	}
	if (timeout_ms == MAX_SCHEDULE_TIMEOUT)
		return MAX_SCHEDULE_TIMEOUT;
	return left;
}

bool signal_pending_current(void)
{
	return false;
}

/* ---- Random (xorshift64*, seeded per test) ---- */
static u64 rnd_state = 0x9e3779b97f4a7c15ull;

void host_seed(u64 seed)
{
	rnd_state = seed ? seed : 1;
}

u32 get_random_u32(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (u32)((rnd_state * 0x2545F4914F6CDD1Dull) >> 32);
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len--)
		*p++ = (u8)get_random_u32();
}

/* ---- User copies: the host has one address space ---- */
unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

/* No VFS on the host: poll tables are never passed, nothing to record. */
void sock_poll_wait(struct file *filp, wait_queue_head_t *wq,
		    struct poll_table_struct *p)
{
	(void)filp;
	(void)wq;
	(void)p;
}

/* A fixed wall clock (2026-01-01T00:00:00Z) plus the simulated time, so
 * tests of wall-clock users are deterministic. */
u64 ktime_get_real_ms(void)
{
	return 1767225600000ULL + ktime_get_ms();
}
