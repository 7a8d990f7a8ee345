/* The two cascaded 8259 PICs, remapped to vectors 32-47. Legacy and PCI INTx
 * lines arrive here; MSI bypasses them and goes to the local APIC. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/irq.h>

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI   0x20
#define PIC_READ_ISR 0x0B

static u16 pic_mask = 0xFFFB;           /* all masked but the cascade */

static void pic_write_mask(void)
{
	outb(PIC1_DATA, pic_mask & 0xFF);
	outb(PIC2_DATA, pic_mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);           /* ICW1: init, expect ICW4 */
	io_wait();
	outb(PIC2_CMD, 0x11);
	io_wait();
	outb(PIC1_DATA, IRQ_VECTOR_BASE);       /* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, IRQ_VECTOR_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 4);             /* ICW3: slave on IRQ2 */
	io_wait();
	outb(PIC2_DATA, 2);
	io_wait();
	outb(PIC1_DATA, 0x01);          /* ICW4: 8086 mode */
	io_wait();
	outb(PIC2_DATA, 0x01);
	io_wait();
	pic_write_mask();
}

void pic_enable(int irq)
{
	unsigned long f = local_irq_save();

	pic_mask &= ~(1 << irq);
	pic_write_mask();
	local_irq_restore(f);
}

void pic_disable(int irq)
{
	unsigned long f = local_irq_save();

	pic_mask |= 1 << irq;
	pic_write_mask();
	local_irq_restore(f);
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* IRQ 7 and 15 fire spuriously when a line drops before the CPU acks; the
 * in-service register tells a real one from a ghost. */
bool pic_spurious(int irq)
{
	if (irq == 7) {
		outb(PIC1_CMD, PIC_READ_ISR);
		return !(inb(PIC1_CMD) & 0x80);
	}
	if (irq == 15) {
		outb(PIC2_CMD, PIC_READ_ISR);
		if (!(inb(PIC2_CMD) & 0x80)) {
			outb(PIC1_CMD, PIC_EOI);        /* master saw the cascade */
			return true;
		}
	}
	return false;
}
