/* The PCI driver registry: a driver names the (vendor, device) pairs it
 * handles in an id table; pci_register_driver() offers it every unclaimed
 * device that matches. Matching is a table walk, not a switch, so adding a
 * driver touches no code here (Linux: drivers/pci/pci-driver.c). */
#include <kernel/kernel.h>
#include <kernel/pci.h>

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev)
{
	for (; ids && ids->vendor; ids++) {
		if (ids->vendor != PCI_ANY_ID && ids->vendor != dev->vendor)
			continue;
		if (ids->device != PCI_ANY_ID && ids->device != dev->device)
			continue;
		return ids;
	}
	return NULL;
}

static int pci_probe_one(const struct pci_driver *drv, struct pci_dev *dev)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, dev);
	char name[16];
	int err;

	if (!id || dev->driver)
		return 0;
	dev->driver = drv;
	err = drv->probe(dev, id);
	if (err) {
		dev->driver = NULL;
		printk(KERN_WARNING "pci %s: %s probe failed: %d\n",
		       pci_name(dev, name), drv->name, err);
		return 0;
	}
	return 1;
}

int pci_register_driver(const struct pci_driver *drv)
{
	struct pci_dev *dev = NULL;
	int bound = 0;

	pci_init();
	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		bound += pci_probe_one(drv, dev);
	return bound;
}
