/* The local APIC, enabled so devices can deliver MSI/MSI-X messages straight
 * to a vector. Legacy PIC interrupts keep flowing through LINT0, programmed
 * as ExtINT ("virtual wire" mode), so both kinds coexist. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/mm.h>
#include <kernel/irq.h>

#define LAPIC_ID       0x020
#define LAPIC_TPR      0x080
#define LAPIC_EOI      0x0B0
#define LAPIC_SVR      0x0F0
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define SVR_ENABLE     0x100
#define LVT_MASKED     0x10000
#define DM_EXTINT      0x700
#define DM_NMI         0x400
#define APIC_BASE_ENABLE (1UL << 11)

static volatile u32 *lapic;

static void lapic_write(u32 reg, u32 v)
{
	lapic[reg / 4] = v;
	(void)lapic[LAPIC_ID / 4];      /* serialise the write */
}

static u32 lapic_read(u32 reg)
{
	return lapic[reg / 4];
}

void lapic_init(void)
{
	u32 a, b, c, d;
	u64 base;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1 << 9))) {
		printk(KERN_WARNING "lapic: none; MSI unavailable\n");
		return;
	}
	base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = ioremap(base & 0xFFFFF000UL, PAGE_SIZE);
	if (!lapic)
		panic("lapic: cannot map registers");
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, DM_EXTINT);
	lapic_write(LAPIC_LVT_LINT1, DM_NMI);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
}

u32 lapic_id(void)
{
	return lapic ? lapic_read(LAPIC_ID) >> 24 : 0;
}

void lapic_eoi(void)
{
	if (lapic)
		lapic_write(LAPIC_EOI, 0);
}
