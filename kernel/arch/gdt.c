/* The final GDT and the TSS. The TSS matters for two things in long mode:
 * RSP0, the kernel stack the CPU switches to on an interrupt from user mode,
 * and the IST stacks, which give the double-fault handler a known-good stack
 * even when the kernel stack overflowed. */
#include <kernel/kernel.h>
#include <kernel/gdt.h>
#include <kernel/irq.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

_Static_assert(sizeof(struct tss) == 104, "TSS layout");

struct gdt_ptr {
	u16 limit;
	u64 base;
} __packed;

static u64 gdt[7];
static struct tss tss;
static u8 df_stack[8192] __aligned(16);

void tss_set_rsp0(u64 rsp0)
{
	tss.rsp[0] = rsp0;
}

void gdt_init(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;
	struct gdt_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFULL;         /* kernel code, long mode */
	gdt[2] = 0x00CF92000000FFFFULL;         /* kernel data */
	gdt[3] = 0x00CFF2000000FFFFULL;         /* user data, DPL 3 */
	gdt[4] = 0x00AFFA000000FFFFULL;         /* user code, DPL 3, long mode */
	/* 64-bit TSS descriptor: 16 bytes, type 9 (available TSS). */
	gdt[5] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) |
		 (0x89ULL << 40) | (((limit >> 16) & 0xF) << 48) |
		 (((base >> 24) & 0xFF) << 56);
	gdt[6] = base >> 32;

	tss.ist[0] = (u64)(df_stack + sizeof(df_stack));
	tss.iomap_base = sizeof(tss);

	__asm__ volatile(
		"lgdt %0\n\t"
		"movw %1, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %3, %%ax\n\t"
		"ltr %%ax"
		:: "m"(ptr), "i"(KERNEL_DS), "i"((u64)KERNEL_CS), "i"(TSS_SEL)
		: "rax", "memory");
}
