/* What almost every kernel file needs: types, printk, panic, BUG_ON. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <lib/types.h>
#include <lib/compiler.h>
#include <lib/list.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <net/port.h>

extern int console_loglevel;

/* Kernel-internal errno values, never seen by user space: a syscall
 * interrupted by a signal returns -ERESTARTSYS, and signal delivery turns it
 * into a restart (SA_RESTART or no handler) or -EINTR. */
#define ERESTARTSYS    512
#define ERESTARTNOHAND 514

void panic(const char *fmt, ...) __noreturn __printf(1, 2);

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) panic("BUG_ON(%s) at %s:%d", #c, __FILE__, __LINE__); } while (0)

/* Error pointers, as Linux: one return value carries pointer or -errno. */
static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p) { return (unsigned long)p >= (unsigned long)-MAX_ERRNO; }
static inline bool IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR(p); }

/* Provided by the linker script. */
extern char _text[], _etext[], _end[], __bss_start[], __bss_end[];
extern char __kernel_phys_start[], __kernel_phys_end[];

#endif
