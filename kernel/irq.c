/* Interrupt dispatch. Vectors 0-31 are CPU exceptions (kernel/arch/traps.c),
 * 32-47 the PIC's legacy lines, 48-239 MSI vectors handed out to drivers.
 * Hard IRQ handlers do the minimum (ack the device, schedule NAPI or a
 * softirq); irq_exit() then runs pending softirqs with interrupts on. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/irq.h>

struct irq_action {
	irq_handler_t fn;
	void *dev;
	const char *name;
	struct irq_action *next;
};

static struct irq_action *legacy[NR_LEGACY_IRQS];
static u64 legacy_count[NR_LEGACY_IRQS];
static u64 spurious_count;
static struct irq_action vectors[256];
static u64 vector_count[256];

volatile unsigned int preempt_count;

void irq_enter(void)
{
	preempt_count += HARDIRQ_OFFSET;
}

void irq_exit(void)
{
	preempt_count -= HARDIRQ_OFFSET;
	if (!in_interrupt() && softirq_pending())
		do_softirq();
}

int request_irq(int irq, irq_handler_t fn, const char *name, void *dev)
{
	struct irq_action *a;
	unsigned long flags;

	if (irq < 0 || irq >= NR_LEGACY_IRQS || irq == 2 || !fn)
		return -EINVAL;
	a = kmalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->fn = fn;
	a->dev = dev;
	a->name = name;
	flags = local_irq_save();
	a->next = legacy[irq];
	legacy[irq] = a;
	local_irq_restore(flags);
	pic_enable(irq);
	return 0;
}

void free_irq(int irq, void *dev)
{
	struct irq_action **pp, *a;
	unsigned long flags;

	if (irq < 0 || irq >= NR_LEGACY_IRQS)
		return;
	flags = local_irq_save();
	for (pp = &legacy[irq]; (a = *pp); pp = &a->next) {
		if (a->dev == dev) {
			*pp = a->next;
			kfree(a);
			break;
		}
	}
	if (!legacy[irq])
		pic_disable(irq);
	local_irq_restore(flags);
}

int irq_alloc_vector(irq_handler_t fn, const char *name, void *dev)
{
	unsigned long flags = local_irq_save();

	for (int v = MSI_VECTOR_FIRST; v <= MSI_VECTOR_LAST; v++) {
		if (!vectors[v].fn) {
			vectors[v].fn = fn;
			vectors[v].dev = dev;
			vectors[v].name = name;
			local_irq_restore(flags);
			return v;
		}
	}
	local_irq_restore(flags);
	return -ENOSPC;
}

void irq_free_vector(int vector)
{
	if (vector >= MSI_VECTOR_FIRST && vector <= MSI_VECTOR_LAST)
		vectors[vector].fn = NULL;
}

static void handle_legacy(int irq)
{
	if (pic_spurious(irq)) {
		spurious_count++;
		return;
	}
	legacy_count[irq]++;
	for (struct irq_action *a = legacy[irq]; a; a = a->next)
		a->fn(irq, a->dev);
	pic_eoi(irq);
}

static void handle_vector(int v)
{
	vector_count[v]++;
	if (vectors[v].fn)
		vectors[v].fn(v, vectors[v].dev);
	else
		spurious_count++;
	lapic_eoi();
}

void interrupt_dispatch(struct pt_regs *regs)
{
	u64 v = regs->vector;

	if (v < 32) {
		do_trap(regs);
	} else if (v == SPURIOUS_VECTOR) {
		spurious_count++;
	} else {
		irq_enter();
		if (v < IRQ_VECTOR_BASE + NR_LEGACY_IRQS)
			handle_legacy(v - IRQ_VECTOR_BASE);
		else
			handle_vector(v);
		irq_exit();
	}
	if (user_mode(regs)) {
		cli();
		exit_to_user_mode(regs);
	}
}

/* Text for /proc/interrupts; returns the length needed. */
size_t irq_stats(char *buf, size_t size)
{
	size_t n = 0;

#define EMIT(...) n += snprintf(buf + MIN(n, size), size - MIN(n, size), __VA_ARGS__)
	for (int i = 0; i < NR_LEGACY_IRQS; i++)
		if (legacy[i] || legacy_count[i])
			EMIT("%4d: %10lu  PIC  %s\n", i, (unsigned long)legacy_count[i],
			     legacy[i] ? legacy[i]->name : "-");
	for (int v = MSI_VECTOR_FIRST; v <= MSI_VECTOR_LAST; v++)
		if (vectors[v].fn)
			EMIT("%4d: %10lu  MSI  %s\n", v, (unsigned long)vector_count[v],
			     vectors[v].name);
	EMIT(" SPU: %10lu\n", (unsigned long)spurious_count);
#undef EMIT
	return n;
}
