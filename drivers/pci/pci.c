/* Per-device set-up a driver's probe does: turn on decoding and bus
 * mastering, map BARs, find capabilities. As Linux's drivers/pci/pci.c. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>

/* Capability lists live in config space the device controls: a broken or
 * hostile one could loop forever, so the walk is bounded (Linux's
 * PCI_FIND_CAP_TTL) and pointers into the header are refused. */
#define PCI_FIND_CAP_TTL 48

/* Follow the list from the entry at pos; return the first entry of type
 * cap, or 0. */
static u8 pci_cap_walk(const struct pci_dev *dev, u8 pos, u8 cap)
{
	for (int ttl = PCI_FIND_CAP_TTL; ttl > 0; ttl--) {
		u16 ent;

		pos &= 0xFC;
		if (pos < 0x40)
			return 0;
		ent = pci_read_config_word(dev, pos);
		if ((ent & 0xFF) == 0xFF)
			return 0;
		if ((ent & 0xFF) == cap)
			return pos;
		pos = (u8)(ent >> 8);
	}
	return 0;
}

u8 pci_find_capability(const struct pci_dev *dev, u8 cap)
{
	if (!(pci_read_config_word(dev, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	return pci_cap_walk(dev, pci_read_config_byte(dev, PCI_CAPABILITY_LIST), cap);
}

u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, u8 cap)
{
	return pci_cap_walk(dev, pci_read_config_byte(dev, pos + 1), cap);
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	u16 want = cmd;

	for (int i = 0; i < PCI_NUM_BARS; i++) {
		if (!dev->res[i].size)
			continue;
		want |= dev->res[i].flags & PCI_RES_IO ? PCI_COMMAND_IO
							: PCI_COMMAND_MEMORY;
	}
	if (want != cmd)
		pci_write_config_word(dev, PCI_COMMAND, want);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen)
{
	const struct pci_resource *r;
	u64 len;

	if (bar < 0 || bar >= PCI_NUM_BARS)
		return NULL;
	r = &dev->res[bar];
	if (!r->size || !(r->flags & PCI_RES_MEM) || !r->start)
		return NULL;
	len = maxlen && maxlen < r->size ? maxlen : r->size;
	return ioremap(r->start, len);
}
