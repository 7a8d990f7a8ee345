/* Device drivers' bring-up, called once from start_kernel_rest() after the
 * core kernel (memory, interrupts, timers) is up: PCI enumeration, then
 * each driver in the table below probes the devices it claims. Adding a
 * driver is one line here and an id table in its own file. */
#include <kernel/kernel.h>
#include <kernel/drivers.h>
#include <kernel/pci.h>
#include <drivers/drivers.h>
#include <drivers/nic.h>

static const struct pci_driver *const pci_drivers[] = {
	&virtio_net_driver,
	&e1000_driver,
};

static bool drivers_started;

void drivers_init(void)
{
	if (drivers_started)
		return;
	drivers_started = true;
	nic_fault_init();
	pci_init();
	for (size_t i = 0; i < ARRAY_SIZE(pci_drivers); i++)
		pci_register_driver(pci_drivers[i]);
	pci_proc_init();
	nic_proc_init();
}
