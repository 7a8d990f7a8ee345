/* The port contract: everything net/ needs from its environment.
 *
 * net/ protocol code includes only headers under include/net/, include/lib/,
 * include/uapi/ and this file. Two environments implement the contract:
 *   - the kernel (kernel/net_port.c and the kernel subsystems it names),
 *   - the host test build (tests/host/port_host.c), with a simulated clock,
 *     counted allocations and synchronous softirqs,
 * in the way lwIP's sys_arch layer lets the same tcp_in.c run on a board and
 * in a unit test. The names are Linux's where Linux has one, so a reader can
 * set this kernel's net/ beside Linux's.
 *
 * Context rules (one CPU; see docs/locking.md):
 *   - Hard IRQ handlers never call into net/ except napi_schedule().
 *   - Softirqs (NET_RX, TIMER) run protocol code; they never run while a
 *     process holds local_bh_disable() / spin_lock_bh().
 *   - Process context (syscalls) takes spin_lock_bh() before touching
 *     protocol state and never sleeps while holding it.
 */
#ifndef NET_PORT_H
#define NET_PORT_H

#include <lib/types.h>
#include <lib/compiler.h>
#include <lib/list.h>
#include <lib/byteorder.h>
#include <uapi/errno.h>
#include <stdarg.h>

/* ---- C library subset (kernel lib/ or the host libc) ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- Logging ----
 * printk takes a Linux-style level prefix ("<3>" = KERN_ERR). */
#define KERN_EMERG   "<0>"
#define KERN_ALERT   "<1>"
#define KERN_CRIT    "<2>"
#define KERN_ERR     "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE  "<5>"
#define KERN_INFO    "<6>"
#define KERN_DEBUG   "<7>"

int printk(const char *fmt, ...) __printf(1, 2);

#define pr_err(...)   printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)  printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)  printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)

/* Per-subsystem debug output that compiles out unless NET_DEBUG_MASK has
 * the subsystem's bit: NET_DEBUG(TCP, "state %d\n", s). */
#define NET_DBG_ETH  0x01
#define NET_DBG_ARP  0x02
#define NET_DBG_IP   0x04
#define NET_DBG_ICMP 0x08
#define NET_DBG_UDP  0x10
#define NET_DBG_TCP  0x20
#define NET_DBG_SOCK 0x40
#define NET_DBG_DEV  0x80
#ifndef NET_DEBUG_MASK
#define NET_DEBUG_MASK 0
#endif
#define NET_DEBUG(sub, ...)                                    \
	do {                                                   \
		if (NET_DEBUG_MASK & NET_DBG_##sub)            \
			printk(KERN_DEBUG #sub ": " __VA_ARGS__); \
	} while (0)

/* WARN_ON prints once per call site and evaluates to the condition. */
void port_warn(const char *file, int line, const char *cond);
#define WARN_ON(cond) ({                                           \
	bool __c = !!(cond);                                       \
	if (unlikely(__c))                                         \
		port_warn(__FILE__, __LINE__, #cond);              \
	__c;                                                       \
})

/* ---- Memory ----
 * kmalloc returns NULL on failure; every caller checks. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);

/* Fixed-size object caches for hot objects (pkbuf heads, sockets). */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, size_t size);
void *kmem_cache_alloc(struct kmem_cache *c);
void *kmem_cache_zalloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *p);

/* ---- Time ----
 * Monotonic since boot. jiffies are milliseconds (HZ = 1000). */
#define HZ 1000
u64 ktime_get_ns(void);
u64 ktime_get_ms(void);
/* Wall-clock milliseconds since 1970 (UTC), 0 if the time is unknown. */
u64 ktime_get_real_ms(void);
#define jiffies (ktime_get_ms())

/* ---- Timers ----
 * Callbacks run in softirq (TIMER) context. expires is an absolute
 * ktime_get_ms() value. mod_timer on a pending timer re-arms it. */
struct timer_list {
	struct list_head entry;
	u64 expires;
	void (*function)(struct timer_list *t);
	u32 flags;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *),
		 u32 flags);
int mod_timer(struct timer_list *t, u64 expires);
int del_timer(struct timer_list *t);   /* 1 if it was pending */
bool timer_pending(const struct timer_list *t);
#define from_timer(var, t, field) container_of(t, __typeof__(*var), field)

/* ---- Softirqs ---- */
enum {
	TIMER_SOFTIRQ,
	NET_RX_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NR_SOFTIRQS
};
void open_softirq(int nr, void (*action)(void));
void raise_softirq(int nr);

/* ---- Locks ----
 * One CPU: spin_lock_bh keeps softirqs out; spin_lock_irqsave keeps hard
 * IRQs out. Kept explicit so SMP is a change of implementation. */
typedef struct {
	volatile int locked;
} spinlock_t;
#define SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = SPIN_LOCK_UNLOCKED

void spin_lock_init(spinlock_t *l);
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
void spin_lock_bh(spinlock_t *l);
void spin_unlock_bh(spinlock_t *l);
unsigned long spin_lock_irqsave_fn(spinlock_t *l);
void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags);
#define spin_lock_irqsave(l, flags) ((flags) = spin_lock_irqsave_fn(l))
void local_bh_disable(void);
void local_bh_enable(void);
bool in_softirq(void);

/* ---- Wait queues and sleeping ----
 * A wait queue entry either wakes a sleeping task (autoremove_wake_function)
 * or runs a callback (poll/epoll), as in Linux. The key passed to wake_up
 * is a poll mask (EPOLLIN...), so waiters can ignore irrelevant events. */
struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq, unsigned mode,
				 int flags, void *key);
struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};
struct wait_queue_head {
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

void init_waitqueue_head(wait_queue_head_t *wq);
void init_wait_entry(wait_queue_entry_t *we, int flags);
void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we);
void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *we);
void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *we);
void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *we);
void __wake_up(wait_queue_head_t *wq, unsigned long key);
#define wake_up(wq) __wake_up(wq, 0)
#define wake_up_poll(wq, mask) __wake_up(wq, mask)
static inline bool waitqueue_active(const wait_queue_head_t *wq)
{
	return !list_empty(&wq->head);
}

/* Sleep (task state already set by prepare_to_wait) for at most timeout
 * ms; returns the ms left. MAX_SCHEDULE_TIMEOUT waits forever. */
#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))
long schedule_timeout(long timeout_ms);
bool signal_pending_current(void);

/* ---- poll() on sockets ----
 * A socket's poll method registers its wait queue with the VFS poll table
 * (the kernel's poll_wait); the host build records nothing. */
struct file;
struct poll_table_struct;
void sock_poll_wait(struct file *filp, wait_queue_head_t *wq,
		    struct poll_table_struct *p);

/* ---- Random numbers ---- */
u32 get_random_u32(void);
void get_random_bytes(void *buf, size_t len);

/* ---- User memory ----
 * Return the number of bytes NOT copied (0 on success), as Linux. The
 * kernel checks the range and survives faults; the host copies. */
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);

#endif
