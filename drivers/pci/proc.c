/* /proc/bus/pci/devices in Linux's format (drivers/pci/proc.c,
 * show_device): one line per function,
 *   BBDD  VVVVDDDD  IRQ  7 x (start | BAR flag bits)  7 x size  driver
 * with tabs between fields, sizes 0 for absent BARs, the 7th entry being
 * the expansion ROM. Tools that parse Linux's file parse ours. */
#include <kernel/kernel.h>
#include <kernel/pci.h>

#define EMIT(...) n += snprintf(buf + MIN(n, size), size - MIN(n, size), __VA_ARGS__)

static size_t pci_proc_show(const struct pci_dev *dev, char *buf, size_t size)
{
	size_t n = 0;

	EMIT("%02x%02x\t%04x%04x\t%x", dev->bus, dev->devfn, dev->vendor,
	     dev->device, dev->irq);
	for (int i = 0; i < PCI_NUM_RESOURCES; i++)
		EMIT("\t%16lx", dev->res[i].size ?
		     dev->res[i].start | (dev->res[i].flags & PCI_RES_BARBITS) : 0);
	for (int i = 0; i < PCI_NUM_RESOURCES; i++)
		EMIT("\t%16lx", dev->res[i].size);
	EMIT("\t%s\n", dev->driver ? dev->driver->name : "");
	return n;
}

size_t pci_proc_devices(char *buf, size_t size)
{
	struct pci_dev *dev = NULL;
	size_t n = 0;

	if (size)
		buf[0] = '\0';
	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		n += pci_proc_show(dev, buf + MIN(n, size), size - MIN(n, size));
	return n;
}
