/* The interrupt descriptor table: 256 interrupt gates pointing at the stubs
 * in entry.S. Interrupt gates clear IF on entry, so handlers start with
 * interrupts off; the double fault runs on its own IST stack. */
#include <kernel/kernel.h>
#include <kernel/gdt.h>
#include <kernel/irq.h>

struct idt_gate {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type_attr;
	u16 off_mid;
	u32 off_hi;
	u32 zero;
} __packed;

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

struct idt_ptr {
	u16 limit;
	u64 base;
} __packed;

extern const u64 isr_stub_table[256];
static struct idt_gate idt[256] __aligned(16);

static void set_gate(int v, u64 handler, u8 ist, u8 dpl)
{
	idt[v].off_lo = handler & 0xFFFF;
	idt[v].sel = KERNEL_CS;
	idt[v].ist = ist;
	idt[v].type_attr = 0x80 | (dpl << 5) | 0xE;   /* present, int gate */
	idt[v].off_mid = (handler >> 16) & 0xFFFF;
	idt[v].off_hi = handler >> 32;
	idt[v].zero = 0;
}

void idt_init(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], 0, 0);
	set_gate(8, isr_stub_table[8], 1, 0);           /* #DF on IST1 */
	set_gate(3, isr_stub_table[3], 0, 3);           /* int3 from user */
	__asm__ volatile("lidt %0" :: "m"(ptr));
}
