/* Tasks and the scheduler. A task is a kernel thread or a process (a task
 * with a user address space). One CPU, round robin, preemption only on the
 * way back to user mode (the kernel itself is not preempted, as a
 * non-CONFIG_PREEMPT Linux), so kernel code is interrupted only by IRQs and
 * softirqs. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/kernel.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <uapi/signal.h>
#include <uapi/resource.h>

#define TASK_RUNNING         0
#define TASK_INTERRUPTIBLE   1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED         4
#define TASK_ZOMBIE          16
#define TASK_DEAD            32

#define KSTACK_ORDER 2
#define KSTACK_SIZE  (PAGE_SIZE << KSTACK_ORDER)
#define TASK_COMM_LEN 16
#define TIME_SLICE_MS 10
#define PID_MAX 32768

struct mm_struct;
struct files_struct;
struct inode;
struct tty_struct;

struct k_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	__sigrestore_t restorer;
	sigset_t mask;
};

struct task_struct {
	u64 ksp;                        /* saved by __switch_to */
	void *kstack;                   /* KSTACK_SIZE bytes */
	int pid;
	volatile int state;
	int exit_code;                  /* wait status for the parent */
	char comm[TASK_COMM_LEN];
	bool kthread;

	struct mm_struct *mm;
	struct files_struct *files;
	struct inode *cwd;
	unsigned int umask;
	struct rlimit rlim[RLIM_NLIMITS];

	struct task_struct *parent;
	struct list_head children;
	struct list_head sibling;
	struct list_head tasks;         /* every task, for /proc and kill(-1) */
	struct list_head run_list;
	bool on_rq;
	struct hlist_node pid_link;
	int pgid, sid;
	struct tty_struct *tty;         /* controlling terminal */

	sigset_t sig_pending;
	sigset_t sig_blocked;
	sigset_t saved_sigmask;
	bool restore_sigmask;
	struct k_sigaction sigaction[_NSIG];
	wait_queue_head_t wait_chldexit;

	int time_slice;
	u64 start_ms;
	u64 utime_ticks, stime_ticks;
	u64 cutime_ticks, cstime_ticks;
	unsigned long minflt;
	struct timer_list alarm;
	u8 *fpu;                        /* 512-byte fxsave area, 16-aligned */
	bool uaccess_kernel;            /* kernel_read/write: "user" buffers are kernel ones */
};

extern struct task_struct *current;
extern volatile bool need_resched;

void sched_init(void);
void schedule(void);
void cond_resched(void);
int wake_up_process(struct task_struct *t);
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name);
struct task_struct *find_task_by_pid(int pid);
struct task_struct *alloc_task(const char *name);
void free_task(struct task_struct *t);
int alloc_pid(void);
void task_set_comm(struct task_struct *t, const char *name);
void sched_enqueue_new(struct task_struct *t);
unsigned long nr_tasks(void);
extern struct list_head task_list;
extern struct task_struct *init_task;   /* pid 1, reaper of orphans */

/* Kernel stack top, where the user register frame of a process lives. */
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((u8 *)t->kstack + KSTACK_SIZE) - 1;
}

void msleep(unsigned ms);

/* Exit and wait (kernel/sched/exit.c). */
void do_exit(int code) __noreturn;
/* Fork (kernel/sched/fork.c). */
long do_fork(struct pt_regs *regs);

/* Signals (kernel/signal.c). */
int send_signal(struct task_struct *t, int sig);
int kill_pgrp(int pgid, int sig);
bool signal_pending(struct task_struct *t);
void do_signal(struct pt_regs *regs);
void flush_signal_handlers(struct task_struct *t);
void signal_init_task(struct task_struct *t, struct task_struct *parent);

/* Entry asm (kernel/arch/switch.S). */
void __switch_to(u64 *prev_ksp, u64 next_ksp);
void ret_from_fork(void);
void kthread_trampoline(void);
void syscall_entry(void);
extern u64 syscall_kstack_top;

#endif
