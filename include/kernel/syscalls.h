/* How a system call is written: SYSCALL_DEFINEn(name, type, arg, ...)
 * defines sys_name(const struct pt_regs *regs), which takes its arguments
 * from the registers the x86_64 ABI uses (rdi, rsi, rdx, r10, r8, r9) and
 * calls a normal C function with typed parameters, as Linux's macros of the
 * same name do. kernel/syscall_table.c maps numbers to these functions. */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include <kernel/irq.h>

typedef long (*syscall_fn_t)(const struct pt_regs *regs);

#define __SYSCALL_HEAD(name)                                            \
	long sys_##name(const struct pt_regs *regs);                     \
	long sys_##name(const struct pt_regs *regs)

#define SYSCALL_DEFINE0(name)                                           \
	static long __do_sys_##name(void);                              \
	__SYSCALL_HEAD(name) { (void)regs; return __do_sys_##name(); }   \
	static long __do_sys_##name(void)

#define SYSCALL_DEFINE1(name, t1, a1)                                   \
	static long __do_sys_##name(t1 a1);                             \
	__SYSCALL_HEAD(name) { return __do_sys_##name((t1)regs->rdi); }  \
	static long __do_sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)                           \
	static long __do_sys_##name(t1 a1, t2 a2);                      \
	__SYSCALL_HEAD(name) {                                          \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi); }  \
	static long __do_sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)                   \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3);               \
	__SYSCALL_HEAD(name) {                                          \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi,     \
				       (t3)regs->rdx); }                 \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)           \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);        \
	__SYSCALL_HEAD(name) {                                          \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi,     \
				       (t3)regs->rdx, (t4)regs->r10); }  \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)   \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5); \
	__SYSCALL_HEAD(name) {                                          \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi,     \
				       (t3)regs->rdx, (t4)regs->r10,     \
				       (t5)regs->r8); }                  \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	__SYSCALL_HEAD(name) {                                          \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi,     \
				       (t3)regs->rdx, (t4)regs->r10,     \
				       (t5)regs->r8, (t6)regs->r9); }    \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

/* Declarations of every sys_* in the table. */
#define __SYSCALL(nr, name) long sys_##name(const struct pt_regs *regs);
#include <kernel/syscall_list.h>
#undef __SYSCALL

void syscall_init(void);

#endif
