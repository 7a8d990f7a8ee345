/* Configuration space access through mechanism #1 (PCI Local Bus 3.0,
 * 3.2.2.3.2): write the address of a dword to CONFIG_ADDRESS (0xCF8), then
 * move the data through CONFIG_DATA (0xCFC..0xCFF). The two steps must not
 * be interleaved with another access, so each one holds pci_lock with
 * interrupts off (an IRQ handler may read its device's config space).
 *
 * Everything else in drivers/pci reaches the hardware through here. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/pci.h>

#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA    0xCFC
#define PCI_CONFIG_ENABLE  0x80000000u

static DEFINE_SPINLOCK(pci_lock);

static void pci_conf1_select(u8 bus, u8 devfn, u16 where)
{
	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | (u32)bus << 16 |
	     (u32)devfn << 8 | (where & 0xFC));
}

/* Mechanism #1 reaches only the first 256 bytes; offsets beyond that
 * (PCIe extended space) read as all-ones, like an absent device. */
static bool pci_conf1_ok(u16 where, unsigned size)
{
	return where + size <= 256 && (where & (size - 1)) == 0;
}

static u32 pci_conf1_read(u8 bus, u8 devfn, u16 where, unsigned size)
{
	unsigned long flags;
	u32 v;

	if (!pci_conf1_ok(where, size))
		return 0xFFFFFFFFu;
	spin_lock_irqsave(&pci_lock, flags);
	pci_conf1_select(bus, devfn, where);
	switch (size) {
	case 1:
		v = inb(PCI_CONFIG_DATA + (where & 3));
		break;
	case 2:
		v = inw(PCI_CONFIG_DATA + (where & 2));
		break;
	default:
		v = inl(PCI_CONFIG_DATA);
	}
	spin_unlock_irqrestore(&pci_lock, flags);
	return v;
}

static void pci_conf1_write(u8 bus, u8 devfn, u16 where, unsigned size, u32 v)
{
	unsigned long flags;

	if (!pci_conf1_ok(where, size))
		return;
	spin_lock_irqsave(&pci_lock, flags);
	pci_conf1_select(bus, devfn, where);
	switch (size) {
	case 1:
		outb(PCI_CONFIG_DATA + (where & 3), (u8)v);
		break;
	case 2:
		outw(PCI_CONFIG_DATA + (where & 2), (u16)v);
		break;
	default:
		outl(PCI_CONFIG_DATA, v);
	}
	spin_unlock_irqrestore(&pci_lock, flags);
}

u8 pci_bus_read_config_byte(u8 bus, u8 devfn, u16 where)
{
	return (u8)pci_conf1_read(bus, devfn, where, 1);
}

u16 pci_bus_read_config_word(u8 bus, u8 devfn, u16 where)
{
	return (u16)pci_conf1_read(bus, devfn, where, 2);
}

u32 pci_bus_read_config_dword(u8 bus, u8 devfn, u16 where)
{
	return pci_conf1_read(bus, devfn, where, 4);
}

void pci_bus_write_config_byte(u8 bus, u8 devfn, u16 where, u8 v)
{
	pci_conf1_write(bus, devfn, where, 1, v);
}

void pci_bus_write_config_word(u8 bus, u8 devfn, u16 where, u16 v)
{
	pci_conf1_write(bus, devfn, where, 2, v);
}

void pci_bus_write_config_dword(u8 bus, u8 devfn, u16 where, u32 v)
{
	pci_conf1_write(bus, devfn, where, 4, v);
}
