/* /proc/bus/pci/devices in Linux's format (drivers/pci/proc.c,
 * show_device): one line per function,
 *   BBDD  VVVVDDDD  IRQ  7 x (start | BAR flag bits)  7 x size  driver
 * with tabs between fields, sizes 0 for absent BARs, the 7th entry being
 * the expansion ROM. Tools that parse Linux's file parse ours.
 * pci_proc_init registers it, and one config-space file per function. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
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

/* /proc/bus/pci/BB/DD.F: the function's configuration space, 256 bytes
 * read live through mechanism #1 (Linux shows the same layout). */
static size_t pci_proc_config(char *buf, size_t size, void *data)
{
	const struct pci_dev *dev = data;
	size_t n = MIN(size, (size_t)256);

	for (size_t off = 0; off + 4 <= n; off += 4) {
		u32 v = pci_read_config_dword(dev, (u16)off);

		memcpy(buf + off, &v, 4);
	}
	return 256;
}

static size_t pci_proc_devices_show(char *buf, size_t size, void *data)
{
	return pci_proc_devices(buf, size);
}

void pci_proc_init(void)
{
	struct pci_dev *dev = NULL;
	char path[32];

	proc_create("bus/pci/devices", pci_proc_devices_show, NULL);
	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev))) {
		snprintf(path, sizeof(path), "bus/pci/%02x/%02x.%x", dev->bus,
			 PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn));
		proc_create(path, pci_proc_config, dev);
	}
}
