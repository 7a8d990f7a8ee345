/* Host stand-ins for the kernel services the NIC drivers use (pages,
 * delays, kernel options, procfs, the PCI API), with knobs a test turns to
 * play the machine and the device. drivers/tests/host/fake_kernel.c. */
#ifndef DRIVERS_TESTS_HOST_FAKE_KERNEL_H
#define DRIVERS_TESTS_HOST_FAKE_KERNEL_H

#include <kernel/pci.h>

extern long fake_fail_rx_every;         /* the nic_fail_rx= option */
extern void *fake_bar0;                 /* what pci_iomap returns */
extern int fake_msix_entries;           /* 0: no MSI-X capability */
/* Handlers the driver installed: INTx, and MSI-X per table entry. */
extern irq_handler_t fake_intx_fn;
extern void *fake_intx_data;
extern irq_handler_t fake_msix_fn[PCI_MSIX_MAX_ROUTED];
extern void *fake_msix_data[PCI_MSIX_MAX_ROUTED];

#endif
