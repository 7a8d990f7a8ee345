/* Interrupts: the saved register frame, handler registration for device
 * IRQ lines and MSI vectors, and the hardirq/softirq context counters. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <lib/types.h>

/* Register frame pushed by kernel/arch/entry.S (and by the CPU). */
struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

static inline bool user_mode(const struct pt_regs *r)
{
	return (r->cs & 3) == 3;
}

typedef enum { IRQ_NONE = 0, IRQ_HANDLED = 1 } irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);

#define NR_LEGACY_IRQS   16
#define IRQ_VECTOR_BASE  32     /* PIC IRQ n arrives on vector 32+n */
#define MSI_VECTOR_FIRST 48
#define MSI_VECTOR_LAST  239
#define SPURIOUS_VECTOR  255

/* Legacy (PIC) lines may be shared: every handler on the line is called. */
int request_irq(int irq, irq_handler_t fn, const char *name, void *dev);
void free_irq(int irq, void *dev);
/* A vector of its own for an MSI/MSI-X message; returns it or -ENOSPC. */
int irq_alloc_vector(irq_handler_t fn, const char *name, void *dev);
void irq_free_vector(int vector);
void lapic_init(void);
u32 lapic_id(void);
void lapic_eoi(void);
size_t irq_stats(char *buf, size_t size);       /* /proc/interrupts */

void idt_init(void);
void gdt_init(void);
void tss_set_rsp0(u64 rsp0);
void pic_init(void);
void pic_enable(int irq);
void pic_disable(int irq);
void pic_eoi(int irq);
bool pic_spurious(int irq);

void interrupt_dispatch(struct pt_regs *regs);
void do_trap(struct pt_regs *regs);
void show_regs(const struct pt_regs *regs);

/* Context tracking, as Linux's preempt_count: one CPU, one counter.
 * Running softirqs adds SOFTIRQ_OFFSET; local_bh_disable() adds twice
 * that, so "serving a softirq" (no process to speak of) stays apart from
 * "process context with bottom halves off" (which may still touch user
 * memory). */
#define SOFTIRQ_OFFSET         0x00100
#define SOFTIRQ_DISABLE_OFFSET (2 * SOFTIRQ_OFFSET)
#define SOFTIRQ_MASK           0x0ff00
#define HARDIRQ_OFFSET         0x10000
#define HARDIRQ_MASK           0xf0000
extern volatile unsigned int preempt_count;
#define in_irq()               (preempt_count & HARDIRQ_MASK)
#define in_serving_softirq()   (preempt_count & SOFTIRQ_OFFSET)
#define in_interrupt()         (preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK))
/* Interrupt context proper: no process whose memory we could fault in. */
#define in_irq_context()       (in_irq() || in_serving_softirq())

void irq_enter(void);
void irq_exit(void);
void softirq_init(void);
void do_softirq(void);
unsigned softirq_pending(void);

/* Exception fixups for user-memory access (copy_from_user etc.). */
struct exception_entry {
	u64 insn;
	u64 fixup;
};
bool fixup_exception(struct pt_regs *regs);

/* Called on every return to user mode with interrupts disabled (the
 * scheduler and signals hook in here). */
void exit_to_user_mode(struct pt_regs *regs);

#endif
