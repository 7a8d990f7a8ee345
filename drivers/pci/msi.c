/* Message Signalled Interrupts (PCI 3.0 6.8). Instead of a shared wire,
 * the device writes a 32-bit value (the vector) to an address in the local
 * APIC's window (0xFEE00000 | destination APIC id << 12); the CPU takes
 * it as that vector: no sharing, no PIC, no ISR read to find the source.
 *
 * MSI: one message configured in the capability itself.
 * MSI-X: a table of messages in a BAR, one entry per event source, each
 * with its own mask bit (virtio-net: config change, RX queue, TX queue). */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <drivers/io.h>

#define MSI_ADDRESS_BASE 0xFEE00000u

static u32 msi_address(void)
{
	return MSI_ADDRESS_BASE | (lapic_id() & 0xFF) << 12;
}

int pci_enable_msi(struct pci_dev *dev, irq_handler_t fn, const char *name,
		   void *data)
{
	u8 cap = dev->msi_cap;
	u16 flags;
	int vec;

	if (!cap)
		return -ENODEV;
	vec = irq_alloc_vector(fn, name, data);
	if (vec < 0)
		return vec;
	flags = pci_read_config_word(dev, cap + PCI_MSI_FLAGS);
	pci_write_config_dword(dev, cap + PCI_MSI_ADDRESS_LO, msi_address());
	if (flags & PCI_MSI_FLAGS_64BIT) {
		pci_write_config_dword(dev, cap + PCI_MSI_ADDRESS_HI, 0);
		pci_write_config_word(dev, cap + PCI_MSI_DATA_64, (u16)vec);
	} else {
		pci_write_config_word(dev, cap + PCI_MSI_DATA_32, (u16)vec);
	}
	/* One message (Multiple Message Enable = 0). */
	flags &= ~PCI_MSI_FLAGS_QSIZE;
	pci_write_config_word(dev, cap + PCI_MSI_FLAGS, flags | PCI_MSI_FLAGS_ENABLE);
	pci_intx(dev, false);
	dev->msi_enabled = true;
	return vec;
}

void pci_disable_msi(struct pci_dev *dev, int vector)
{
	u16 flags;

	if (!dev->msi_enabled)
		return;
	flags = pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS);
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS,
			      flags & ~PCI_MSI_FLAGS_ENABLE);
	irq_free_vector(vector);
	dev->msi_enabled = false;
}

static volatile u8 *msix_entry(struct pci_dev *dev, u16 entry)
{
	return dev->msix_table + (size_t)entry * PCI_MSIX_ENTRY_SIZE;
}

void pci_msix_mask(struct pci_dev *dev, u16 entry, bool mask)
{
	volatile u8 *e;
	u32 ctrl;

	if (!dev->msix_enabled || entry >= dev->msix_nr)
		return;
	e = msix_entry(dev, entry);
	ctrl = readl(e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	ctrl = mask ? ctrl | PCI_MSIX_ENTRY_CTRL_MASKBIT
		    : ctrl & ~PCI_MSIX_ENTRY_CTRL_MASKBIT;
	writel(ctrl, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
}

/* Find and map the table; its BAR and offset come from the device, so
 * check that the whole table lies inside a memory BAR we know. */
static int msix_map_table(struct pci_dev *dev, u16 nr)
{
	u32 table = pci_read_config_dword(dev, dev->msix_cap + PCI_MSIX_TABLE);
	unsigned bir = table & PCI_MSIX_TABLE_BIR;
	u64 off = table & PCI_MSIX_TABLE_OFFSET;
	u64 len = (u64)nr * PCI_MSIX_ENTRY_SIZE;
	const struct pci_resource *r;

	if (bir >= PCI_NUM_BARS)
		return -EINVAL;
	r = &dev->res[bir];
	if (!(r->flags & PCI_RES_MEM) || !r->start || off + len > r->size)
		return -EINVAL;
	dev->msix_table = ioremap(r->start + off, len);
	return dev->msix_table ? 0 : -ENOMEM;
}

int pci_enable_msix(struct pci_dev *dev)
{
	u8 cap = dev->msix_cap;
	u16 flags;
	int err;

	if (!cap)
		return -ENODEV;
	if (dev->msix_enabled)
		return 0;
	flags = pci_read_config_word(dev, cap + PCI_MSIX_FLAGS);
	dev->msix_nr = (flags & PCI_MSIX_FLAGS_QSIZE) + 1;
	err = msix_map_table(dev, dev->msix_nr);
	if (err)
		return err;
	/* Enable under the function mask, mask every entry, then lift the
	 * function mask: no entry can fire before it has been routed. */
	pci_write_config_word(dev, cap + PCI_MSIX_FLAGS,
			      flags | PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	dev->msix_enabled = true;
	for (u16 i = 0; i < dev->msix_nr; i++)
		pci_msix_mask(dev, i, true);
	pci_write_config_word(dev, cap + PCI_MSIX_FLAGS,
			      (flags | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL);
	pci_intx(dev, false);
	return 0;
}

int pci_msix_request(struct pci_dev *dev, u16 entry, irq_handler_t fn,
		     const char *name, void *data)
{
	volatile u8 *e;
	int vec;

	if (!dev->msix_enabled || entry >= dev->msix_nr ||
	    entry >= PCI_MSIX_MAX_ROUTED)
		return -EINVAL;
	if (dev->msix_vectors[entry])
		return -EBUSY;
	vec = irq_alloc_vector(fn, name, data);
	if (vec < 0)
		return vec;
	e = msix_entry(dev, entry);
	writel(msi_address(), e + PCI_MSIX_ENTRY_LOWER_ADDR);
	writel(0, e + PCI_MSIX_ENTRY_UPPER_ADDR);
	writel((u32)vec, e + PCI_MSIX_ENTRY_DATA);
	dev->msix_vectors[entry] = vec;
	pci_msix_mask(dev, entry, false);
	return vec;
}

void pci_disable_msix(struct pci_dev *dev)
{
	u16 flags;

	if (!dev->msix_enabled)
		return;
	for (u16 i = 0; i < dev->msix_nr && i < PCI_MSIX_MAX_ROUTED; i++) {
		if (!dev->msix_vectors[i])
			continue;
		pci_msix_mask(dev, i, true);
		irq_free_vector(dev->msix_vectors[i]);
		dev->msix_vectors[i] = 0;
	}
	flags = pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS);
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS,
			      flags & ~PCI_MSIX_FLAGS_ENABLE);
	iounmap((void *)dev->msix_table, (size_t)dev->msix_nr * PCI_MSIX_ENTRY_SIZE);
	dev->msix_table = NULL;
	dev->msix_enabled = false;
}
