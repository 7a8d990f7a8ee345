/* PCI interrupt self-test (test=pci_irq) on QEMU's "edu" teaching device
 * (-device edu, 1234:11e8; QEMU docs/specs/edu.rst), which raises an
 * interrupt when told to: a register write, no network needed. It checks
 * the two routes our NICs do not both cover: legacy INTx through the PIC
 * on the firmware's line, and single-message MSI. */
#include <kernel/kernel.h>
#include <kernel/selftest.h>
#include <kernel/pci.h>
#include <drivers/io.h>

#define EDU_ID        0x00      /* 0xRRrr00ed: version, then 0xed */
#define EDU_LIVENESS  0x04      /* reads back the bitwise inverse */
#define EDU_IRQ_STATUS 0x24       /* why it interrupted */
#define EDU_IRQ_RAISE 0x60
#define EDU_IRQ_ACK   0x64

static volatile u8 *edu;
static volatile int edu_irqs, edu_last_irq;
static volatile u32 edu_last_status;

/* INTx may be shared: only a raised status is ours. */
static irqreturn_t edu_irq(int irq, void *data)
{
	u32 status = readl(edu + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	edu_last_status = status;
	edu_last_irq = irq;
	writel(status, edu + EDU_IRQ_ACK);
	edu_irqs++;
	return IRQ_HANDLED;
}

/* Raise value and wait (bounded) for the handler to see it. */
static int edu_raise(u32 value)
{
	int before = edu_irqs;
	u64 end = ktime_get_ms() + 1000;

	writel(value, edu + EDU_IRQ_RAISE);
	while (edu_irqs == before && ktime_get_ms() < end)
		__asm__ volatile("sti; hlt" ::: "memory");
	return edu_irqs == before + 1 && edu_last_status == value ? 0 : -1;
}

static int pci_irq_selftest(void)
{
	struct pci_dev *dev;
	int vec;

	pci_init();
	dev = pci_get_device(0x1234, 0x11e8, NULL);
	ST_CHECK(dev, "no edu device (-device edu)");
	pci_enable_device(dev);
	pci_set_master(dev);
	edu = pci_iomap(dev, 0, 4096);
	ST_CHECK(edu, "BAR0 not mapped");
	ST_CHECK((readl(edu + EDU_ID) & 0xff) == 0xed, "id %#x", readl(edu + EDU_ID));
	writel(0x12345678, edu + EDU_LIVENESS);
	ST_CHECK(readl(edu + EDU_LIVENESS) == ~0x12345678u, "liveness");
	ST_CHECK(dev->msi_cap, "no MSI capability found");

	ST_CHECK(pci_request_intx(dev, edu_irq, "edu", NULL) == 0, "INTx line %u", dev->irq);
	ST_CHECK(edu_raise(0x5) == 0, "no INTx interrupt on line %u", dev->irq);
	ST_CHECK(edu_last_irq == dev->irq, "INTx on %d, expected %u", edu_last_irq, dev->irq);
	ST_CHECK(edu_raise(0x30) == 0, "second INTx (level line not re-armed?)");
	pci_free_intx(dev, NULL);
	printk(KERN_INFO "pci_irq: INTx on line %u ok\n", dev->irq);

	vec = pci_enable_msi(dev, edu_irq, "edu", NULL);
	ST_CHECK(vec >= MSI_VECTOR_FIRST, "pci_enable_msi: %d", vec);
	ST_CHECK(edu_raise(0x7) == 0, "no MSI on vector %d", vec);
	ST_CHECK(edu_last_irq == vec, "MSI on %d, expected %d", edu_last_irq, vec);
	ST_CHECK(edu_raise(0x9) == 0, "second MSI");
	pci_disable_msi(dev, vec);
	printk(KERN_INFO "pci_irq: MSI on vector %d ok\n", vec);
	return 0;
}
SELFTEST("pci_irq", pci_irq_selftest);
