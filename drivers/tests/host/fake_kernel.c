/* Host stand-ins for kernel services used by the NIC drivers; see
 * fake_kernel.h. Host-only (the kernel build compiles all of drivers/). */
#ifdef __HOST_TEST__
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/time.h>
#include <kernel/cmdline.h>
#include "fake_kernel.h"

unsigned long host_page_offset;         /* 0: "physical" = host pointer */
long fake_fail_rx_every;
void *fake_bar0;
int fake_msix_entries;
irq_handler_t fake_intx_fn;
void *fake_intx_data;
irq_handler_t fake_msix_fn[PCI_MSIX_MAX_ROUTED];
void *fake_msix_data[PCI_MSIX_MAX_ROUTED];

phys_addr_t alloc_pages(unsigned order)
{
	return (phys_addr_t)aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);
}

void free_pages(phys_addr_t pa, unsigned order)
{
	free((void *)pa);
}

void mdelay(unsigned ms) { }
void udelay(unsigned us) { }

long cmdline_get_long(const char *key, long dflt)
{
	return strcmp(key, "nic_fail_rx") ? dflt : fake_fail_rx_every;
}

/* kernel/fs.h clashes with the host libc, so its one function the
 * drivers use is declared by hand, with the same type. */
int proc_create(const char *path, size_t (*show)(char *, size_t, void *),
		void *data);
int proc_create(const char *path, size_t (*show)(char *, size_t, void *),
		void *data)
{
	return 0;
}

int pci_enable_device(struct pci_dev *dev) { return 0; }
void pci_set_master(struct pci_dev *dev) { }
void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen) { return fake_bar0; }
int pci_enable_msi(struct pci_dev *dev, irq_handler_t fn, const char *name,
		   void *data) { return -ENODEV; }
void pci_disable_msi(struct pci_dev *dev, int vector) { }

const char *pci_name(const struct pci_dev *dev, char *buf)
{
	strcpy(buf, "0000:00:03.0");
	return buf;
}

int pci_request_intx(struct pci_dev *dev, irq_handler_t fn, const char *name,
		     void *data)
{
	fake_intx_fn = fn;
	fake_intx_data = data;
	return 0;
}

void pci_free_intx(struct pci_dev *dev, void *data)
{
	fake_intx_fn = NULL;
}

int pci_enable_msix(struct pci_dev *dev)
{
	if (!fake_msix_entries)
		return -ENODEV;
	dev->msix_nr = (u16)fake_msix_entries;
	dev->msix_enabled = true;
	return 0;
}

int pci_msix_request(struct pci_dev *dev, u16 entry, irq_handler_t fn,
		     const char *name, void *data)
{
	if (!dev->msix_enabled || entry >= dev->msix_nr || entry >= PCI_MSIX_MAX_ROUTED)
		return -EINVAL;
	fake_msix_fn[entry] = fn;
	fake_msix_data[entry] = data;
	return MSI_VECTOR_FIRST + entry;
}

void pci_msix_mask(struct pci_dev *dev, u16 entry, bool mask) { }

void pci_disable_msix(struct pci_dev *dev)
{
	memset(fake_msix_fn, 0, sizeof(fake_msix_fn));
	dev->msix_enabled = false;
}
#endif
